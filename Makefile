# One command to build the flagship course, one to run every check. Both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
COURSE ?= content/t-all-adults

.PHONY: build test lint check bench bench-anchors anchor-tools clean system-deps node-deps

build: $(VENV)/.stamp-app
	$(BIN)/tall-teach build $(COURSE)

test: $(VENV)/.stamp-test system-deps node-deps lint
	$(BIN)/pytest -n 2 --dist loadgroup

lint: $(VENV)/.stamp-test
	$(BIN)/ruff check src tests bench tools
	$(BIN)/lint-imports

check: $(VENV)/.stamp-app
	$(BIN)/tall-teach check $(COURSE) --strict

bench: $(VENV)/.stamp-app
	$(BIN)/python bench/bench.py

# tall_teach against Pandoc (apt) and Marp CLI (npm, printing with the system Chromium)
# on the same lecture (../shared/anchors/), runs interleaved; see docs/performance.md.
bench-anchors: $(VENV)/.stamp-app anchor-tools
	$(BIN)/python bench/anchors.py

anchor-tools: bench/anchors/node_modules/.stamp
	@command -v pandoc >/dev/null 2>&1 || { SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends pandoc; }
	@command -v chromium >/dev/null 2>&1 || tools/ensure-system-deps.sh

bench/anchors/node_modules/.stamp: bench/anchors/package.json bench/anchors/package-lock.json
	npm ci --prefix bench/anchors --no-audit --no-fund --silent
	touch $@

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.stamp-app: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.stamp-test: pyproject.toml $(VENV)/.stamp-app
	$(BIN)/pip install -q -e '.[test]'
	touch $@

system-deps:
	@tools/ensure-system-deps.sh

node-deps: tests/node_modules/.stamp

tests/node_modules/.stamp: tests/package.json tests/package-lock.json
	npm ci --prefix tests --no-audit --no-fund --silent
	touch $@

clean:
	rm -rf build
