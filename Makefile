# Two commands on a fresh machine with Python 3.11, 3.12 or 3.13: `make serve` and `make test`.
# PYTHON= picks the interpreter (default: the first of python3.11, python3.12, python3.13 found,
# pyenv versions included); each minor version gets its own virtualenv under .venv/.
PY := $(shell tools/find-python $(PYTHON))
ifeq ($(PY),)
$(error no supported Python; see the message above)
endif
PYVER := $(shell $(PY) -c 'import sys; print("%d.%d" % sys.version_info[:2])')
VENV := .venv/$(PYVER)
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.txt | cut -c1-12)
HOST ?= 127.0.0.1:8000
SITE ?= site
RENDERER ?= mkdocs
# pytest-xdist: one worker per core, tests handed out one by one, except the files whose costly
# module fixtures must be set up once (marked xdist_group). PYTEST_PARALLEL= runs in one process.
PYTEST_PARALLEL ?= -n auto --dist loadgroup

export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: setup build serve test quick-test lint bench clean print-python-version

$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip==25.3
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP)

# Stage (.cache/stage: run the snippets, write each language's pages with code and outputs),
# then render every language with RENDERER (mkdocs or zensical) into SITE. The site is swapped
# in whole: a failed build leaves the old one as it was.
build: setup
	@$(BIN)/python -m docsite build --renderer $(RENDERER) --site $(SITE)

# Re-stages what an edit changes and re-renders the languages it touched.
serve: setup
	$(BIN)/python -m docsite serve --renderer $(RENDERER) --addr $(HOST)

# Builds first: the tests read what was published (the stage, its manifest and SITE), and
# pytest-codeblocks runs the staged pages' code. npm installs axe-core for the browser tests
# (tests/test_browser.py); as root with apt, chromium and a Chinese font are installed if
# missing. Elsewhere the browser tests fail and say how to get them. tests/verify_run.py then
# checks the run really finished: a snippet that ends the pytest process (os._exit(0)) must
# not turn an unfinished run into a green one.
test: build
	@if [ -f package.json ] && [ ! -d node_modules ]; then npm ci --no-audit --no-fund; fi
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-wqy-microhei || true; fi
	@rm -f .cache/test-run.json
	DOCSITE_SITE=$(SITE) $(BIN)/python -m pytest $(PYTEST_PARALLEL); status=$$?; \
		$(BIN)/python tests/verify_run.py || exit 1; exit $$status

# What CI runs on the other supported Pythons: the build, then every staged page's code blocks
# and the published outputs against the results the stage recorded (not the slow reader runs).
quick-test: build
	@rm -f .cache/test-run.json
	DOCSITE_SITE=$(SITE) $(BIN)/python -m pytest $(PYTEST_PARALLEL) -m "not slow" .cache/stage tests/test_snippets.py; \
		status=$$?; $(BIN)/python tests/verify_run.py || exit 1; exit $$status

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: setup
	$(BIN)/python benchmarks/build_speed.py --serve --lighthouse $(BENCH_ARGS)

clean:
	rm -rf site .cache .pytest_cache

print-python-version:
	@echo $(PYVER)
