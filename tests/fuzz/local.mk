## fuzzers
