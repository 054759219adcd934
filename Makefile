# Steppe Reader — the two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q

.PHONY: run test lint typecheck accuracy bench bench-peers screenshots icons translations dist clean

# Our modules byte-compiled as a wheel's install would be, also where PYTHONDONTWRITEBYTECODE is set.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -e .
	$(PY) -m compileall -q reader >/dev/null
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PIP) install -e '.[test]'
	touch $@

# The build tools of `make dist` (PyInstaller, build): an extra, never a runtime dependency.
$(VENV)/.installed-dist: $(VENV)/.installed-test pyproject.toml
	$(PIP) install -e '.[test,dist]'
	touch $@

## Open the window on the bundled data (creates .venv on first use).
run: $(VENV)/.installed
	$(PY) -m reader $(ARGS)

## Install the test dependencies, lint (ruff, format, mypy), and run every test (offscreen).
test: lint
	$(PY) -m pytest $(PYTEST_ARGS)

## ruff, ruff format --check and mypy (strict for reader/core): what CI checks before the tests.
lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy reader

## Amount and country accuracy on our own corpus, per class (tests/accuracy; also run by `make test`).
accuracy: $(VENV)/.installed-test
	$(PY) -m tests.accuracy.corpus

## Speed and memory benchmarks (figures in bench/results.md): medians and ranges of every target,
## then the window's start-up under Xvfb (bench/startup_xvfb.py) where Xvfb is installed.
## Each benchmark runs even if one before it missed its target; the status says whether all met.
bench: $(VENV)/.installed-test
	@status=0; for b in bench/bench_*.py; do echo "== $$b"; QT_QPA_PLATFORM=offscreen $(PY) $$b || status=1; done; \
	if command -v Xvfb >/dev/null; then echo "== bench/startup_xvfb.py"; $(PY) bench/startup_xvfb.py || status=1; \
	else echo "== bench/startup_xvfb.py skipped: no Xvfb"; fi; exit $$status

## Steppe beside RSS Guard and QuiteRSS in one run (needs Xvfb, xdotool, rssguard, quiterss and the peers' harness named by STEPPE_PEERS; skipped without them).
bench-peers: $(VENV)/.installed-test
	$(PY) bench/side_by_side.py

## Regenerate the README's screenshots (offscreen).
screenshots: $(VENV)/.installed
	QT_QPA_PLATFORM=offscreen $(PY) packaging/screenshots/take.py packaging/screenshots
	QT_QPA_PLATFORM=offscreen $(PY) packaging/screenshots/take_bookmarks.py packaging/screenshots
	QT_QPA_PLATFORM=offscreen $(PY) packaging/screenshots/take_sync.py packaging/screenshots
	QT_QPA_PLATFORM=offscreen $(PY) packaging/screenshots/take_rates.py packaging/screenshots
	QT_QPA_PLATFORM=offscreen $(PY) packaging/screenshots/take_accuracy.py packaging/screenshots
	QT_QPA_PLATFORM=offscreen $(PY) packaging/screenshots/take_reading.py packaging/screenshots
	QT_QPA_PLATFORM=offscreen $(PY) packaging/screenshots/take_full_articles.py packaging/screenshots
	QT_QPA_PLATFORM=offscreen $(PY) packaging/screenshots/take_settings.py packaging/screenshots
	QT_QPA_PLATFORM=offscreen $(PY) packaging/screenshots/take_themes.py packaging/screenshots
	QT_QPA_PLATFORM=offscreen $(PY) packaging/screenshots/take_russian.py packaging/screenshots

## Render the PNG icons (resources/icons/hicolor/, committed) from resources/icons/steppe-reader.svg.
icons: $(VENV)/.installed
	QT_QPA_PLATFORM=offscreen $(PY) packaging/render_icons.py

## Update resources/i18n/*.ts from the tr() strings of reader/ui (new strings come in marked
## unfinished for a translator; English keeps only its plural forms), then compile the .qm files,
## which are committed (tests/ui/test_translation.py fails on a stale one).
translations: $(VENV)/.installed
	$(VENV)/bin/pyside6-lupdate -locations none -no-obsolete reader/ui/*.py -ts resources/i18n/steppe_ru.ts
	$(VENV)/bin/pyside6-lupdate -locations none -pluralonly reader/ui/*.py -ts resources/i18n/steppe_en.ts
	for ts in resources/i18n/*.ts; do $(VENV)/bin/pyside6-lrelease -silent "$$ts" -qm "$${ts%.ts}.qm" || exit 1; done

## Build into dist/: the sdist, the wheel (built from the sdist) and the one-folder app
## dist/steppe-reader/ (PyInstaller, packaging/steppe-reader.spec), then run the app's --version
## and a command on a fresh data folder, and (where xvfb-run and xwininfo are) open its window
## under Xvfb and close it (packaging/check_window.py).
dist: $(VENV)/.installed-dist
	rm -rf dist build/pyinstaller
	$(PY) -m build --no-isolation --outdir dist .
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/steppe-reader.spec
	dist/steppe-reader/steppe-reader --version
	tmp=$$(mktemp -d) && dist/steppe-reader/steppe-reader --data-dir "$$tmp" stories --limit 1 && rm -rf "$$tmp"
	@if command -v xvfb-run >/dev/null && command -v xwininfo >/dev/null; then \
	  xvfb-run -a -s "-screen 0 1600x1000x24" $(PY) packaging/check_window.py dist/steppe-reader/steppe-reader; \
	else echo "window check skipped: no xvfb-run/xwininfo (Debian: xvfb, x11-utils)"; fi
	@du -sh dist/steppe-reader; ls -l dist/*.whl dist/*.tar.gz

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .mypy_cache
