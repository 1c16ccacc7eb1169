## CLI tests
