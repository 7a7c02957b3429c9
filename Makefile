# Two commands for a new user: `make demo` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test install clean bench screenshots train

$(STAMP): requirements.lock setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes --no-compile -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# the tests also validate the FtM export with the real followthemoney (requirements-ftm.lock), whose
# PyICU pip builds against the system's ICU: `make demo` does not need it
$(TEST_STAMP): $(STAMP) requirements-ftm.lock
	$(BIN)/pip install --quiet --require-hashes --no-compile -r requirements.lock -r requirements-ftm.lock
	touch $(TEST_STAMP)

demo: $(STAMP)
	$(BIN)/actorgraph build data/articles --out out
	$(BIN)/actorgraph eval out --gold data/gold/seeds.json
	@echo
	@echo "Views:   open out/index.html in a browser (works offline)"
	@echo "Query:   $(BIN)/actorgraph query out --file data/queries/removal_requests_by_state.rq"
	@echo "Serve:   $(BIN)/actorgraph serve out   (SPARQL endpoint on http://127.0.0.1:7878/sparql)"

test: $(TEST_STAMP)
	$(BIN)/pytest -q

# refresh the README's images (docs/img/); `make test` takes them into a temporary folder only
screenshots: $(TEST_STAMP)
	ACTORGRAPH_SCREENSHOTS_DIR=docs/img $(BIN)/pytest -q tests/views/test_screenshots.py tests/views/test_review_screenshots.py

# retrain the learned decisions from data/corpus (train split; thresholds on dev), see data/models/
train: $(STAMP)
	$(BIN)/actorgraph train

bench: $(STAMP)
	$(BIN)/python bench/ingest.py

clean:
	rm -rf out $(VENV)
