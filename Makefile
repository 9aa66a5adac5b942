# Two commands on a fresh machine with Python 3.11: `make serve` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.txt | cut -c1-12)
HOST ?= 127.0.0.1:8000

export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: setup build serve test lint bench clean

$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip==25.3
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP)

# Build into a temporary folder and swap it in: a failed build leaves the old site whole.
build: setup
	@rm -rf site.tmp
	@$(BIN)/mkdocs build --strict --site-dir site.tmp || { rm -rf site.tmp; exit 1; }
	@rm -rf site && mv site.tmp site
	@echo "Site built in site/ (English) and site/zh/ (Chinese)"

serve: setup
	$(BIN)/mkdocs serve --dev-addr $(HOST) --livereload

# Builds first: the build writes the expanded pages that pytest-codeblocks checks. npm installs
# axe-core for the browser tests (tests/test_browser.py); as root with apt, chromium and a
# Chinese font are installed if missing. Elsewhere the browser tests fail and say how to get them.
test: build
	@if [ -f package.json ] && [ ! -d node_modules ]; then npm ci --no-audit --no-fund; fi
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-wqy-microhei || true; fi
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: setup
	$(BIN)/python benchmarks/build_speed.py --serve --lighthouse $(BENCH_ARGS)

clean:
	rm -rf site site.tmp .cache .pytest_cache
