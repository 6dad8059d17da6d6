# solstice-runner. `make demo` and `make test` are all a newcomer needs; both
# install what they need first.
SHELL := /bin/bash
NODE_BIN := node_modules/.bin
CLI := dist/cli.mjs
SOURCES := $(shell find src -name '*.ts') $(wildcard templates/prelude/*.sh) scripts/build.mjs scripts/stream-worker-code.mjs
GENERATED := generated/solstice-runner.sh
COMPACT := dist/solstice-runner.compact.sh

.PHONY: all deps build generate compact check format test compat demo bench cross fuzz clean stress
.PHONY: bundle e2e

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

# The TypeScript and JavaScript sources as prettier formats them (.prettierrc.json;
# `make format` rewrites them so).
PRETTIER_FILES := "**/*.{ts,mjs,js,cjs}"

check: $(CLI)
	$(NODE_BIN)/tsc --noEmit -p tsconfig.json
	$(NODE_BIN)/prettier --check --log-level warn $(PRETTIER_FILES)
	@scripts/check-generated.sh
	@# shellcheck takes about two minutes and 9 GB on the whole script, 25 s
	@# on it in pieces: scripts/shellcheck-generated.sh checks the plain
	@# script in pieces and each target runner by what it adds to it.
	scripts/shellcheck-generated.sh

format: node_modules/.installed
	$(NODE_BIN)/prettier --write --log-level warn $(PRETTIER_FILES)

# Writes its results under dist/ only: vitest's JSON, and the compatibility
# page they make (dist/compat.md; `make compat` puts it in docs/), then ends
# with one plain line of totals (scripts/test-summary.mjs) for CI. The suite
# fails when it leaves files in the tree or the temp directory
# (test/support/clean-tree.ts).
test: deps build compact
	@status=0; $(NODE_BIN)/vitest run --reporter=default --reporter=json --outputFile=dist/test-results.json || status=$$?; \
	node scripts/compat-table.mjs dist/test-results.json dist/compat.md || status=1; \
	node scripts/test-summary.mjs dist/test-results.json; exit $$status

# docs/compat.md from the last make test's results: the only target that
# rewrites a tracked file from test results.
compat:
	node scripts/compat-table.mjs dist/test-results.json docs/compat.md

demo: deps build
	node scripts/run-ts.mjs scripts/demo.ts

bench: deps build compact
	node scripts/run-ts.mjs bench/run.ts

# The exit-status stress run: STRESS_RUNS (500) runs each on bash, dash and
# ksh93 under load, every one with the job's own status (test/stress/).
stress: deps build
	node scripts/run-ts.mjs scripts/stress.ts

clean:
	rm -rf dist

# A longer differential-fuzzing campaign than the one `make test` runs:
# make fuzz N=20000 [FUZZ_SEED=…] (a fixed seed unless given).
# The KDL parser's fuzz against @bgotink/kdl: make fuzz KDL_FUZZ_RUNS=… [KDL_FUZZ_SEED=…].
# The runner's inputs through both builds: make fuzz INPUT_FUZZ_RUNS=… [SOLSTICE_INPUT_FUZZ_SEED=…].
N ?= 20000
KDL_FUZZ_RUNS ?= 20000
INPUT_FUZZ_RUNS ?= 2000
fuzz: deps
	FUZZ_RUNS=$(N) $(NODE_BIN)/vitest run test/fuzz.test.ts
	KDL_FUZZ_RUNS=$(KDL_FUZZ_RUNS) $(NODE_BIN)/vitest run test/kdl-fuzz.test.ts
	SOLSTICE_INPUT_FUZZ_RUNS=$(INPUT_FUZZ_RUNS) $(NODE_BIN)/vitest run test/runner/input-fuzz.test.ts

# The runner alone in one file (CommonJS), for guests with Node 18 or later and no
# node_modules (scripts/bundle.mjs; tested by test/bundle.test.ts).
BUNDLE := dist/solstice-runner-node.cjs
bundle: $(BUNDLE)

$(BUNDLE): node_modules/.installed $(SOURCES) scripts/bundle.mjs
	node scripts/bundle.mjs $@

# Real guests, booted with qemu (test/e2e/guest.e2e.ts): minimal Debian
# images built by mmdebstrap, cached in build/e2e/ by their package lists,
# get the user-data of `solstice-runner cloud-init`. Needs root, and installs
# (as root, when missing) mmdebstrap, qemu-system-x86, genisoimage, socat and
# cloud-init. Measured under load: 9 min with the images cached, 20 on a
# fresh clone (docs/deploy.md).
e2e: node_modules/.installed build bundle
	@scripts/install-system-deps.sh e2e
	$(NODE_BIN)/vitest run --config test/e2e/vitest.config.ts
