# One entry point for students, instructors and maintainers. `make help` lists the targets.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
NB     ?=
PYTEST_ARGS ?=
# The tested versions of every package, for a class (see CONTRIBUTING.md). `make env LOCK=` installs
# from lib/pyproject.toml's ranges instead (another platform, or trying newer releases).
LOCK   ?= requirements.lock

.PHONY: help course env build test test-fast grade lint

help:
	@echo "make course  set up the environment and open the course in JupyterLab"
	@echo "make test    set up the environment and run every test (what CI runs)"
	@echo "make test-fast  the tests that execute no whole notebook"
	@echo "make build   regenerate course/ and solutions/ from source/"
	@echo "make grade NB=path/to/notebook.ipynb   grade one notebook, hidden tests included"
	@echo "make lint    ruff on lib/, tests/ and source/"

# The installer: uv (about 4x faster than pip here) when the registry has it, pip otherwise. uv reads
# none of pip's settings, so pip's --find-links folder is passed on. `make env UV=` forces pip.
# --compile-bytecode, as pip does: graded kernels run on a read-only environment and cannot cache
# bytecode, so without it every kernel would compile torch's Python sources again on import.
UV     ?= uv==0.13.9
REQS   := $(if $(LOCK),-r $(LOCK)) -e "./lib[dev]"

$(BIN)/visiondl: lib/pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	if [ -n "$(UV)" ] && $(BIN)/pip install --quiet "$(UV)"; then \
	    $(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python \
	        $(if $(PIP_FIND_LINKS),--find-links $(PIP_FIND_LINKS)) $(REQS); \
	else \
	    $(BIN)/pip install --upgrade --quiet pip && $(BIN)/pip install --quiet $(REQS); \
	fi
	touch $@

env: $(BIN)/visiondl

# JupyterLab on the course root, opening the README, with the environment's bin/ on PATH and a local
# nbgrader exchange: the flags live in lib/visiondl/lab.py, which the browser tests use too.
course: env
	$(BIN)/python -m visiondl.lab .

build: env
	$(BIN)/visiondl build

# Three runs: the suite on 2 workers, then JupyterLab in a real browser, then a class on a loopback
# JupyterHub (real system users, so on its own). Screenshots and Run All times go to $VISIONDL_ARTIFACTS.
test: env lint
	bash tools/install-system-packages.sh
	bash tools/install-hub.sh
	$(BIN)/python -m pytest -n 2 --dist loadgroup --durations=15 -m "not browser and not hub" $(PYTEST_ARGS) tests
	$(BIN)/python -m pytest -n 2 --dist loadgroup --durations=10 -m browser $(PYTEST_ARGS) tests
	$(BIN)/python -m pytest -n 0 --durations=5 -m hub $(PYTEST_ARGS) tests

test-fast: env
	$(BIN)/python -m pytest -n 2 --dist loadgroup -m "not slow and not browser and not hub" $(PYTEST_ARGS) tests

grade: env
	$(BIN)/visiondl grade $(NB)

lint: env
	$(BIN)/ruff check lib tests source
	$(BIN)/ruff format --check lib tests
