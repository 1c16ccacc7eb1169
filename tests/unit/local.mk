## Unit tests of the engine (GLib g_test, TAP output).
