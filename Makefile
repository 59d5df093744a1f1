# studyguide: `make` builds every guide in content/ into build/; `make test` runs the tests.
# Both set up everything they need first: a virtual environment in .venv/ and, where they
# are missing, TrueType fonts for every script (Debian's fonts-noto-core, fonts-nanum for
# Korean, fonts-droid-fallback for Chinese/Japanese; installed with apt-get when running
# as root, otherwise a warning prints the exact command).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test
FONTOK := $(VENV)/.fonts-checked
OUT    := build
UNITS  := $(wildcard content/*.yaml)
PDFS   := $(patsubst content/%.yaml,$(OUT)/%.pdf,$(UNITS))
SRC    := $(shell find src -name '*.py' -o -name '*.yaml' -o -name '*.json' -o -name '*.ttf' 2>/dev/null)
CJK_FONTS := /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf \
             /usr/share/fonts/truetype/wqy/wqy-microhei.ttc /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc
NOTO_PROBE  := /usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf
NANUM_PROBE := /usr/share/fonts/truetype/nanum/NanumGothic.ttf

.PHONY: all test lint fuzz bench pages preview schema export constraints clean distclean setup

all: $(PDFS)

# One rule per unit builds both editions at once (a grouped target), so `make -j` is safe.
# The creation date is the unit's last commit (reproducible: same content, same bytes).
$(OUT)/%.pdf $(OUT)/%-teacher.pdf &: content/%.yaml $(STAMP) $(FONTOK) $(SRC)
	@SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct -- $< 2>/dev/null) \
	  $(BIN)/studyguide build -j1 -o $(OUT) $<

setup: $(STAMP) $(FONTOK)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "studyguide needs Python 3.11 or newer (set PYTHON=...)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "setting up $(VENV) (pip install -e .)"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e . 2>&1 | grep -v '^WARNING: Location' || true
	@$(BIN)/python -c 'import studyguide, reportlab, yaml, matplotlib'
	@touch $@

$(TSTAMP): $(STAMP) pyproject.toml constraints.txt
	@echo "installing test tools into $(VENV)"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]' 2>&1 | grep -v '^WARNING: Location' || true
	@$(BIN)/python -c 'import pytest, pypdf, pdfplumber, hypothesis, pypdfium2, pikepdf, page, mypy'
	@test -x $(BIN)/ruff
	@touch $@

# Fonts for every script a unit may quote: TrueType (glyf) files only, which ReportLab can
# embed (fonts-noto-cjk is CFF and cannot be used). Re-checked when this Makefile changes.
$(FONTOK): Makefile
	@mkdir -p $(VENV)
	@missing=""; cjk=no; \
	 for f in $(CJK_FONTS); do [ -f "$$f" ] && cjk=yes; done; \
	 [ $$cjk = yes ] || missing="$$missing fonts-droid-fallback"; \
	 [ -f $(NOTO_PROBE) ] || missing="$$missing fonts-noto-core"; \
	 [ -f $(NANUM_PROBE) ] || missing="$$missing fonts-nanum"; \
	 if [ -z "$$missing" ]; then :; \
	 elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	   echo "installing fonts for every script (apt-get install$$missing)"; \
	   (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null 2>&1 || \
	    (apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null)) \
	   || echo "warning: could not install$$missing; text in scripts without a font will be refused"; \
	 else \
	   echo "warning: fonts are missing for some scripts; text in them will be refused. Install them:"; \
	   echo "         sudo apt-get install$$missing"; \
	   echo "         (or name .ttf files in STUDYGUIDE_FONTS)"; \
	 fi
	@touch $@

test: $(TSTAMP) $(FONTOK)
	$(BIN)/python -m pytest -q

# lint rules and the type check (config in pyproject.toml); CI runs it after `make test`
lint: $(TSTAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

fuzz: $(TSTAMP) $(FONTOK)
	HYPOTHESIS_PROFILE=thorough $(BIN)/python -m pytest -q -m fuzz tests

bench: $(TSTAMP) $(FONTOK)
	$(BIN)/python bench/run.py

# How each output uses its paper (pages, fill, stranded answer lines, line length), read
# back from the PDFs; writes bench/PAGES.md.
pages: $(TSTAMP) $(FONTOK)
	$(BIN)/python bench/pages.py --label AFTER --out bench/PAGES.md

preview: all
	$(BIN)/studyguide preview $(PDFS) $(patsubst %.pdf,%-teacher.pdf,$(PDFS))

# the JSON Schema and the field tables of docs/content-format.md (both from the model classes),
# and the JSON Schema of the export
schema: $(STAMP)
	$(BIN)/studyguide schema > schema/studyguide.schema.json
	$(BIN)/studyguide schema --export > schema/export.schema.json
	$(BIN)/python -m studyguide.schema docs/content-format.md

# Every format for every unit (a format a unit has nothing for is skipped with a note), each
# unit stamped with its last commit (Anki updates a note only from a newer deck).
export: $(STAMP) $(FONTOK)
	@for u in $(UNITS); do \
	  SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct -- $$u 2>/dev/null) \
	    $(BIN)/studyguide export --format all -o $(OUT)/export $$u || exit 1; \
	done

# the exact versions installed now (runtime and test), for every machine to install
constraints: $(TSTAMP)
	@{ sed -n '1,3p' constraints.txt; $(BIN)/python -m pip freeze --exclude-editable | grep -v '^#'; } > constraints.txt.new
	@mv constraints.txt.new constraints.txt

clean:
	rm -rf $(OUT)/*.pdf $(OUT)/.cache $(OUT)/preview $(OUT)/export

distclean: clean
	rm -rf $(VENV)
