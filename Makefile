# The two commands: `make run` and `make test`. Everything they need is set up on the way.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := .make
export FLASK_APP := wsgi
PYTEST_ARGS ?=
PORT ?= 5000

.PHONY: run test test-all test-slow coverage-procedure setup assets translations migrate demo lint extract-translations update-translations lock clean browser clamav

setup: $(STAMP)/venv $(STAMP)/node assets translations

$(STAMP):
	@mkdir -p $(STAMP)

$(STAMP)/venv: pyproject.toml requirements.lock | $(STAMP)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	@touch $@

$(STAMP)/node: package.json package-lock.json | $(STAMP)
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

assets: $(STAMP)/node
	@if [ ! -f static/dist/.built ] || [ -n "$$(find static/src scripts package-lock.json -newer static/dist/.built -print -quit)" ]; then \
		bash scripts/build-assets.sh && touch static/dist/.built; \
	fi

translations: $(STAMP)/venv
	$(BIN)/pybabel compile -d translations

migrate: setup
	$(BIN)/flask db upgrade

demo: migrate
	$(BIN)/flask demo-data --if-empty

run: demo
	@echo ""
	@echo "The portal is at http://127.0.0.1:$(PORT) (demo data; sign-in details printed above when first loaded)."
	@echo "Staff sign-in: http://127.0.0.1:$(PORT)/sign-in  (codes: $(BIN)/flask users demo-code EMAIL)"
	$(BIN)/flask run --host 127.0.0.1 --port $(PORT)

# Debian's Chromium for the browser tests: installed when missing and we are root (CI is).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian's chromium for the browser tests..."; \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
			|| echo "!!! Could not install chromium with apt-get."; \
		fi; \
	fi
	@if [ ! -x /usr/bin/chromium ]; then \
		echo ""; echo "!!! /usr/bin/chromium is missing: BROWSER TESTS WILL BE SKIPPED (a failure in CI)."; echo ""; \
	fi
	@# Fonts for every script the portal speaks (Ethiopic for Tigrinya and Amharic, Arabic script): without
	@# them a screenshot shows boxes and text measures wrong. Phones have them; a bare Debian does not.
	@if ! fc-list 2>/dev/null | grep -qi ethiopic; then \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
			(DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-core >/dev/null 2>&1 \
			 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-core >/dev/null)) \
			|| echo "!!! Could not install fonts-noto-core with apt-get."; \
		fi; \
	fi

# Debian's ClamAV daemon for the upload tests (they start their own clamd with a small local signature
# database: no signatures are downloaded). Installed when missing and we are root (CI is); its services
# are not started here.
clamav:
	@if [ ! -x /usr/sbin/clamd ]; then \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian's clamav-daemon for the upload tests..."; \
			(DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clamav-daemon >/dev/null 2>&1 \
			 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clamav-daemon >/dev/null)) \
			|| echo "!!! Could not install clamav-daemon with apt-get."; \
		fi; \
	fi
	@if [ ! -x /usr/sbin/clamd ]; then \
		echo ""; echo "!!! /usr/sbin/clamd is missing: the tests need it (apt-get install clamav-daemon)."; echo ""; \
	fi

# The statutory rules are fully covered by tests that need no Flask: a gap fails the build.
coverage-procedure: $(STAMP)/venv
	$(BIN)/python -m pytest tests/unit/procedure -q -p no:cacheprovider --cov=portal.procedure --cov-branch \
		--cov-report=term-missing:skip-covered --cov-fail-under=100

# The everyday suite: representative cases, a small property-test profile. Under 10 minutes.
test: setup browser clamav coverage-procedure
	$(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

# The exhaustive checks only (every page in every language, long property runs).
test-slow: setup browser clamav
	$(BIN)/python -m pytest -m "slow" $(PYTEST_ARGS) || [ $$? -eq 5 ]

# Everything: the everyday suite and the exhaustive checks.
test-all: setup browser clamav
	HYPOTHESIS_PROFILE=thorough $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)/venv
	$(BIN)/ruff check .

extract-translations: $(STAMP)/venv
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot --no-location --no-wrap --sort-output --project "Children's Rights Portal" .
	$(BIN)/pybabel extract -F babel-staff.cfg -k _l -k lazy_gettext -o translations/staff.pot --no-location --no-wrap --sort-output --project "Children's Rights Portal (staff)" .

update-translations: extract-translations
	$(BIN)/pybabel update -D messages -i translations/messages.pot -d translations --ignore-obsolete --no-fuzzy-matching --no-wrap

# Re-pin the Python lock file from what pyproject.toml allows today.
lock:
	rm -rf /tmp/portal-lock-venv && $(PYTHON) -m venv /tmp/portal-lock-venv
	/tmp/portal-lock-venv/bin/pip install --quiet -e '.[test]'
	/tmp/portal-lock-venv/bin/pip freeze --exclude-editable | grep -v '^-e' > requirements.lock

clean:
	rm -rf $(STAMP) static/dist node_modules .pytest_cache
