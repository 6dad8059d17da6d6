# solstice-runner. `make demo` and `make test` are all a newcomer needs; both
# install what they need first.
SHELL := /bin/bash
NODE_BIN := node_modules/.bin
CLI := dist/cli.mjs
SOURCES := $(shell find src -name '*.ts') $(wildcard templates/prelude/*.sh) scripts/build.mjs
GENERATED := generated/solstice-runner.sh
COMPACT := dist/solstice-runner.compact.sh

.PHONY: all deps build generate compact check test compat demo bench cross fuzz clean

all: build generate

# npm packages, and the shells and tools the tests use (from Debian, when
# missing and we are root; otherwise the tests say loudly what they skip).
deps: node_modules/.installed
	@scripts/install-system-deps.sh

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

build: $(CLI)

$(CLI): node_modules/.installed $(SOURCES)
	node scripts/build.mjs

# The plain script, and one per guest target (make cross); and the compact
# build the tests run too (not committed: dist/).
generate: $(CLI) compact
	node bin/solstice-runner.mjs compile src/runner/main.ts -o $(GENERATED)
	node scripts/run-ts.mjs scripts/cross.ts

# The compact build (compile --compact: no comments, no indentation, short
# names), for cloud-init user-data; per target: scripts/cross.ts --compact OUT.
compact: $(COMPACT)

$(COMPACT): $(CLI) $(SOURCES)
	node bin/solstice-runner.mjs compile --compact src/runner/main.ts -o $@

# One runner per guest target of Cross.toml: generated/<target>/solstice-runner,
# its shebang the target's shell (scripts/cross.ts; tested by test/cross.test.ts).
cross: node_modules/.installed
	node scripts/run-ts.mjs scripts/cross.ts

check: $(CLI)
	$(NODE_BIN)/tsc --noEmit -p tsconfig.json
	@scripts/check-generated.sh
	shellcheck -s sh generated/*.sh generated/*/solstice-runner

# Rewrites docs/compat.md from the results (scripts/compat-table.mjs), then
# ends with one plain line of totals (scripts/test-summary.mjs) for CI.
test: deps build compact
	@status=0; $(NODE_BIN)/vitest run --reporter=default --reporter=json --outputFile=dist/test-results.json || status=$$?; \
	node scripts/compat-table.mjs dist/test-results.json docs/compat.md || status=1; \
	node scripts/test-summary.mjs dist/test-results.json; exit $$status

# docs/compat.md again from the last make test's results.
compat:
	node scripts/compat-table.mjs dist/test-results.json docs/compat.md

demo: deps build
	node scripts/run-ts.mjs scripts/demo.ts

bench: deps build compact
	node scripts/run-ts.mjs bench/run.ts

clean:
	rm -rf dist

# A longer differential-fuzzing campaign than the one `make test` runs:
# make fuzz N=20000 [FUZZ_SEED=…] (a fixed seed unless given).
N ?= 20000
fuzz: deps
	FUZZ_RUNS=$(N) $(NODE_BIN)/vitest run test/fuzz.test.ts
