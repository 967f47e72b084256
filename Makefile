# memory-set — build, run and test.
SWIFT ?= swift
BIN_RELEASE := .build/release/memory-set

.PHONY: all build release run test test-sanitized test-extremes fuzz fuzz-build fuzz-seeds deps svg-deps svg-check clean
.PHONY: embedded embedded-check kernel qemu qemu-deps test-kernel

all: build

# libedit's headers and pkg-config file are needed by the REPL's line editor.
deps:
	@pkg-config --exists libedit 2>/dev/null || { \
	  echo "Installing libedit-dev (line editing for the REPL)..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libedit-dev pkg-config; }

# rsvg-convert (librsvg2-bin) renders the SVG pictures of `export svg` in `make svg-check`.
svg-deps:
	@command -v rsvg-convert >/dev/null 2>&1 || { \
	  echo "Installing librsvg2-bin (rsvg-convert, to render the SVG pictures)..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq librsvg2-bin; }

# The SVG goldens (Sessions/svg/*.svg, the final state of each Sessions/*.mset) and a fresh
# `export svg` of the debug binary: well-formed SVG 1.1 (python3's XML parser) that
# rsvg-convert renders at its declared size. Part of `make test`.
svg-check: svg-deps build
	python3 Scripts/svg-check.py "$$($(SWIFT) build --show-bin-path)/memory-set" Sessions/svg/*.svg

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
	$(MAKE) --no-print-directory svg-check
	$(MAKE) --no-print-directory embedded
	$(MAKE) --no-print-directory test-kernel
# strace (#15): a traced C probe replayed, compared page by page with its /proc/self/maps.
	python3 Tests/Strace/semantics.py "$$($(SWIFT) build --show-bin-path)/memory-set"

# Embedded Swift (docs/KERNEL.md): the source check below, then Embedded/Smoke built under
# Embedded Swift and as a host program against the same module sources, both run and compared
# with Embedded/Smoke/expected.txt; the modules and the smoke client also compile for
# riscv64-none-none-eabi and aarch64-none-none-elf. Part of `make test`.
embedded: embedded-check
	Scripts/embedded.sh

# Keeps key paths, existentials, Foundation/libc, reflection, untyped throws and floating
# point out of the modules that must build under Embedded Swift (after a self-test that
# plants each kind of violation and expects it caught). Modules in EMBEDDED_FLOAT_OK are
# exempt from the floating-point rule only.
EMBEDDED_MODULES ?= MemorySetCore MMUSim Shell
EMBEDDED_FLOAT_OK ?=
embedded-check:
	python3 Scripts/embedded-check.py --self-test
	python3 Scripts/embedded-check.py $(addprefix --float-ok ,$(EMBEDDED_FLOAT_OK)) $(EMBEDDED_MODULES)

# The memory-set kernel for QEMU's riscv64 `virt` machine (docs/KERNEL.md): the Shell (with
# MMUSim and MemorySetCore) under Embedded Swift on the serial console, its page table followed
# by a real Sv39 table and its `touch` made for real.
KERNEL_ELF := .build/kernel/memory-set.elf
kernel: $(KERNEL_ELF)
$(KERNEL_ELF): Scripts/kernel.sh $(shell find Kernel Embedded/Common Sources/MemorySetCore Sources/MMUSim Sources/Shell \
	  -name '*.swift' -o -name '*.c' -o -name '*.h' -o -name '*.S' -o -name '*.ld' -o -name '*.modulemap')
	Scripts/kernel.sh

# QEMU and the OpenSBI firmware that `-bios default` starts.
qemu-deps:
	@{ command -v qemu-system-riscv64 >/dev/null && ls /usr/share/qemu/opensbi-riscv64-generic-fw_dynamic.* >/dev/null 2>&1; } || { \
	  echo "Installing qemu-system-misc and opensbi (the RISC-V machine and its firmware)..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq qemu-system-misc opensbi; }

# Boots the kernel with the console on this terminal; `quit` (or Ctrl-A X) leaves.
qemu: kernel qemu-deps
	qemu-system-riscv64 -machine virt -m 128M -bios default -nographic -kernel $(KERNEL_ELF)

# Boots the kernel, types Kernel/Tests/session.txt at its prompt and compares the transcript
# with Kernel/Tests/session.out. Part of `make test`.
test-kernel: kernel qemu-deps
	@python3 -c 'import pexpect' 2>/dev/null || { apt-get update -qq && apt-get install -y -qq python3-pexpect; }
	timeout 120 python3 Scripts/test-kernel.py $(KERNEL_ELF)

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
$(FUZZ_BIN): $(shell find Sources/MemorySetCore Sources/MMUSim Sources/Shell -name '*.swift') Fuzz/FuzzShell.swift Fuzz/build.sh
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
