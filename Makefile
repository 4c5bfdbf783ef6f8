# Casebook: two commands do everything on a fresh Debian machine with Python.
#   make run    create .venv, install Casebook (what the app needs, nothing more), start it
#   make test   the same plus the test extras and system tools, run the suite offscreen

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
# Every install takes the versions the suite last passed with (constraints.txt): a new
# release of a library upstream cannot change what CI or a practitioner gets until
# `make constraints` moves to it and the suite passes again.
CONSTRAINTS := constraints.txt
INSTALL     := $(PIP) install --constraint $(CONSTRAINTS)
# What the app needs (make run) and, on top, what the tests need (make test): separate
# stamps, so running the app never pulls in pytest and hypothesis.
STAMP      := $(VENV)/.installed-app
TEST_STAMP := $(VENV)/.installed-test
# The X11 selection test runs the app under Xvfb, which needs the app's own libraries too.
SYSTEM_TEST_PACKAGES = poppler-utils xvfb xauth $(SYSTEM_RUN_PACKAGES)
SYSTEM_RUN_PACKAGES  := libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
                        libxcb-render-util0 libxkbcommon-x11-0 libxcb-xinerama0 libxcb-shape0 \
                        libegl1 libgl1 libfontconfig1 libdbus-1-3

.PHONY: run test test-long lint constraints bench bench-quick screenshots screenshots-dark system-test-deps system-run-deps clean

# Debian and Ubuntu ship Python's venv module in a package of its own (python3.X-venv):
# without it `python3 -m venv` fails with a message about ensurepip. Say which to install.
$(PY):
	@$(PYTHON) -m venv $(VENV) || { \
	    rm -rf $(VENV); \
	    pkg=$$($(PYTHON) -c 'import sys; print("python%d.%d-venv" % sys.version_info[:2])' 2>/dev/null); \
	    echo "" >&2; \
	    echo "Could not create $(VENV): Python's venv module is missing." >&2; \
	    echo "On Debian or Ubuntu install it, then run make again:" >&2; \
	    echo "    sudo apt-get install $${pkg:-python3-venv}" >&2; \
	    exit 1; }
	$(PIP) install --upgrade pip

# pip shows its own progress (downloads of PySide6 and the rest take a while).
$(STAMP): pyproject.toml $(CONSTRAINTS) | $(PY)
	$(INSTALL) -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(INSTALL) -e '.[test]'
	touch $@

system-test-deps:
	@sh packaging/ensure-debian-packages.sh $(SYSTEM_TEST_PACKAGES)

system-run-deps:
	@sh packaging/ensure-debian-packages.sh $(SYSTEM_RUN_PACKAGES)

include packaging/package.mk

run: $(STAMP) system-run-deps
	$(VENV)/bin/casebook-app

# The suite runs without a network namespace where the machine allows it (unshare -n),
# proving that nothing in Casebook opens a network connection.
NO_NET := $(shell unshare -n true 2>/dev/null && echo "unshare -n")

test: $(TEST_STAMP) system-test-deps
	QT_QPA_PLATFORM=offscreen $(NO_NET) $(PY) -m pytest -q -m "not slow" tests

test-long: $(TEST_STAMP) system-test-deps
	QT_QPA_PLATFORM=offscreen CASEBOOK_LONG=1 $(NO_NET) $(PY) -m pytest -q tests

# Benchmarks beside plain sqlite3 (bench/README in bench/run.py): large writes the committed
# bench/results.json and bench/RESULTS.md; quick (small) is a check that every figure runs.
bench: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run.py --size large

bench-quick: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run.py --size small

# The main views of the demo notebook, rendered offscreen to docs/screenshots/*.png;
# `make screenshots ARGS=--dark` (or `make screenshots-dark`) renders the dark theme into
# docs/screenshots/dark/.
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m ui.tools.screenshots $(ARGS)
	QT_QPA_PLATFORM=offscreen $(PY) -m ui.tools.screenshots_marks

screenshots-dark: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m ui.tools.screenshots --dark

lint: $(TEST_STAMP)
	$(INSTALL) -e '.[dev]'
	$(VENV)/bin/ruff check casebook casebook_cli ui tests bench
	$(VENV)/bin/ruff format --check casebook casebook_cli ui tests bench
	$(VENV)/bin/mypy casebook casebook_cli ui

# Move every library to its newest release allowed by pyproject.toml and write those
# versions to constraints.txt; then run make test (and make lint, make package-test) before
# committing it.
constraints: | $(PY)
	$(PIP) install --upgrade --upgrade-strategy eager -e '.[test,dev,package]'
	{ echo "# The versions make installs: the suite passed with these (make constraints)."; \
	  $(PIP) freeze --exclude-editable; } > $(CONSTRAINTS).tmp
	mv $(CONSTRAINTS).tmp $(CONSTRAINTS)
	touch $(STAMP) $(TEST_STAMP)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
