# tanaoroshi — two commands: `make demo` and `make test` (see README.md).
# Everything the project needs is installed here: Python packages into .venv, Debian packages by apt-get.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO   := demo-out

# Debian packages: building pylibacl (libacl1-dev), a Japanese font for the demo's PDFs, Tesseract with its
# Japanese models for OCR of scans, then what the tests drive for real: setfacl, a Samba server and client,
# Debian's chromium, zip, LibreOffice.
APT_BUILD := libacl1-dev fonts-ipafont-gothic tesseract-ocr tesseract-ocr-jpn tesseract-ocr-jpn-vert
APT_TEST  := acl samba smbclient chromium zip passwd libreoffice-calc-nogui

# The project's own modules compiled to bytecode, as pip compiles the packages it installs: an editable install
# leaves that to the first import, which writes nothing where PYTHONDONTWRITEBYTECODE is set (as on the CI
# machine), so every process — each scan's CLI and forkserver — compiled them again (≈ 0.15 s of a scan's
# start-up). A source changed since is compiled in memory as before.
COMPILE = $(BIN)/python -m compileall -q -j 0 crawler detectors classifiers inventory benchmarks >/dev/null

.PHONY: demo test bench accuracy apt-build apt-test clean

define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "apt-get install$$missing"; \
	    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "Debian packages missing:$$missing — run: sudo apt-get install$$missing"; exit 1; \
	  fi; \
	fi
endef

apt-build:
	$(call apt_install,$(APT_BUILD))

apt-test: apt-build
	$(call apt_install,$(APT_TEST))

$(BIN)/tanaoroshi: pyproject.toml | apt-build
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test]"
	$(COMPILE)
	@touch $@

demo: $(BIN)/tanaoroshi
	$(COMPILE)
	rm -rf $(DEMO)
	$(BIN)/tanaoroshi demo $(DEMO)/share-demo
	$(BIN)/tanaoroshi scan $(DEMO)/share-demo/share --db $(DEMO)/tanaoroshi.db \
	    $$(cat $(DEMO)/share-demo/scan-args.txt)
	$(BIN)/tanaoroshi report --db $(DEMO)/tanaoroshi.db --format json -o $(DEMO)/report.json
	$(BIN)/tanaoroshi report --db $(DEMO)/tanaoroshi.db --format html -o $(DEMO)/report.html
	$(BIN)/tanaoroshi report --db $(DEMO)/tanaoroshi.db --format xlsx -o $(DEMO)/台帳.xlsx
	@echo
	@echo "  台帳 / inventory : $(DEMO)/tanaoroshi.db"
	@echo "  HTML レポート    : $(DEMO)/report.html"
	@echo "  JSON レポート    : $(DEMO)/report.json"
	@echo "  Excel 台帳       : $(DEMO)/台帳.xlsx"

test: $(BIN)/tanaoroshi apt-test
	$(COMPILE)
	$(BIN)/python -m pytest -q -p no:cacheprovider; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: no tests were collected" >&2; exit 1; fi; exit $$rc

accuracy: $(BIN)/tanaoroshi
	$(BIN)/python -m benchmarks.accuracy

bench: $(BIN)/tanaoroshi apt-test
	$(COMPILE)
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) $(DEMO) test-artifacts bench-out .pytest_cache
