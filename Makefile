# memory-set — build, run and test.
SWIFT ?= swift

.PHONY: build test run release deps clean

# libedit's headers and pkg-config file are needed by the REPL's line editor.
deps:
	@pkg-config --exists libedit 2>/dev/null || { \
	  echo "Installing libedit-dev (line editing for the REPL)..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libedit-dev; }

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

test: deps
	$(SWIFT) test

clean:
	rm -rf .build
