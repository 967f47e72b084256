# memory-set — build, run and test.
SWIFT ?= swift
BIN_RELEASE := .build/release/memory-set

.PHONY: all build release run test deps clean

all: build

# libedit's headers and pkg-config file are needed by the REPL's line editor.
deps:
	@pkg-config --exists libedit 2>/dev/null || { \
	  echo "Installing libedit-dev (line editing for the REPL)..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libedit-dev pkg-config; }

# Debug build of everything (.build/debug/memory-set).
build: deps
	$(SWIFT) build

# Optimized build (.build/release/memory-set).
release: deps
	$(SWIFT) build -c release

# Build optimized and start the REPL; pass arguments with ARGS='--json' or ARGS='FILE'.
run: release
	@$(BIN_RELEASE) $(ARGS)

# All tests: unit tests, the end-to-end tests of the built binary, and a differential run of
# the binary against a Python model of the command language.
test: deps
	$(SWIFT) test
	@command -v python3 >/dev/null || { apt-get update -qq && apt-get install -y -qq python3; }
	python3 Tests/Differential/differential.py "$$($(SWIFT) build --show-bin-path)/memory-set" 4 2000

clean:
	rm -rf .build
