# memory-set — build, run and test.
SWIFT ?= swift
BIN_RELEASE := .build/release/memory-set

.PHONY: all build release run test test-sanitized test-extremes fuzz fuzz-build fuzz-seeds deps clean

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
# strace (#15): a traced C probe replayed, compared page by page with its /proc/self/maps.
	python3 Tests/Strace/semantics.py "$$($(SWIFT) build --show-bin-path)/memory-set"

# All Swift tests (the end-to-end ones run the sanitized binary too) under AddressSanitizer,
# with LeakSanitizer (Tests/Sanitizers/lsan.supp lists leaks outside the package), in its own
# build directory. UndefinedBehaviorSanitizer is not available for Swift code here: swiftc
# 6.3 rejects `-sanitize=undefined` for x86_64-unknown-linux-gnu (Swift traps on overflow and
# out-of-bounds access itself, and the package has no C sources). Not part of `make test`.
test-sanitized: deps
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Sanitizers/lsan.supp:print_suppressions=0 \
	  $(SWIFT) test --scratch-path .build-asan --sanitize=address

# The extreme-input tests in release (without the per-mutation invariant checks of debug
# builds), rendering a set of 1,000,000 areas. Not part of `make test`.
test-extremes: deps
	EXTREME_AREAS=1000000 $(SWIFT) test -c release -Xswiftc -enable-testing --scratch-path .build-extremes --filter ExtremesTests

# libFuzzer over the parser and executor (Fuzz/README.md). Runs FUZZ_TIME seconds (default
# 60); new inputs go to Fuzz/.build/corpus, crashes to Fuzz/.build/.
# Not part of `make test`.
FUZZ_TIME ?= 60
FUZZ_DIR := $(CURDIR)/Fuzz
FUZZ_BIN := $(FUZZ_DIR)/.build/fuzz-shell
fuzz-build: $(FUZZ_BIN)
$(FUZZ_BIN): $(shell find Sources/MemorySetCore Sources/MMUSim Sources/BenchKit Sources/Shell -name '*.swift') Fuzz/FuzzShell.swift Fuzz/build.sh
	Fuzz/build.sh

fuzz: $(FUZZ_BIN)
	mkdir -p $(FUZZ_DIR)/.build/corpus
	cd $(FUZZ_DIR)/.build && ./fuzz-shell -dict=$(FUZZ_DIR)/shell.dict -max_len=4096 -timeout=120 \
	  -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
	  -artifact_prefix=$(FUZZ_DIR)/.build/ $(FUZZ_DIR)/.build/corpus $(FUZZ_DIR)/seeds

# Rebuilds the committed seed corpus from Sessions/*.mset.
fuzz-seeds:
	Fuzz/make-seeds.sh

clean:
	rm -rf .build Fuzz/.build
