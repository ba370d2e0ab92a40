# reportlint: one plain GNU Makefile.
#   make            build ./reportlint (core library in $(BUILD)/libreportlint.a)
#   make deps-build install the Debian packages building needs (only those)
#   make deps       deps-build + the test tools (Debian and npm packages)
#   make run        deps-build + build + check seeds/ with the default rules
#   make test       deps + build + every test (unit, rules, cases: tests/cases,
#                   golden, cli, schemas, hostile, regress, formats, sarif,
#                   setup, ci-examples, inputs, html: the HTML page in
#                   headless chromium, audit, xxgk, real: the real reports of
#                   ../shared/real,
#                   realpdf: the tables read from its PDFs, cell by cell),
#                   then the same under ASan+UBSan and a valgrind pass
#                   (QUICK=1 skips the sanitizer and valgrind passes)
#   make cases      tests/cases/**/*.case through the binary (cases-update
#                   rewrites their expected output)
#   make asan       the whole test run under AddressSanitizer + UBSan
#   make valgrind   unit, cases, golden, input-format and audit tests under
#                   valgrind memcheck
#   make install PREFIX=/usr/local   (make uninstall removes it again)
#   make deb        build/reportlint_VERSION_ARCH.deb (scripts/deb.sh);
#                   deb-test installs it in a clean Debian 12 root and
#                   checks reports with it (tests/deb.sh; root, a mirror;
#                   part of make test only with DEB_TEST=1)

PREFIX    ?= /usr/local
BUILD     ?= build
CC        ?= cc
# The package lists, kept here only: README.md, examples/ci/ and
# tests/setup.sh, tests/ci.sh are checked against `make print-deps`.
# BUILD_MODS: each pkg-config module the build needs = its Debian package.
BUILD_MODS := yaml-0.1=libyaml-dev libpcre2-8=libpcre2-dev \
              libcjson=libcjson-dev libzip=libzip-dev libxml-2.0=libxml2-dev \
              poppler-glib=libpoppler-glib-dev opencc=libopencc-dev \
              libmicrohttpd=libmicrohttpd-dev
PKGS       := $(foreach m,$(BUILD_MODS),$(firstword $(subst =, ,$(m))))
BUILD_DEBS := $(foreach m,$(BUILD_MODS),$(lastword $(subst =, ,$(m)))) \
              gcc make pkg-config gettext
TEST_DEBS  := check valgrind libxml2-utils chromium fonts-noto-cjk python3 curl
# Node.js counts as there when node and npm are on PATH, however installed
# (NodeSource's nodejs has no separate npm package).
NODE_DEBS  := nodejs npm
NPM_TOOLS  := ajv-cli@5 ajv-formats@3 @microsoft/sarif-multitool@5 puppeteer-core@23
# DEB_DEBS: what make deb (dpkg-shlibdeps) and make deb-test (debootstrap,
# for a clean Debian 12 root) need besides the build packages.
DEB_DEBS   := dpkg-dev debootstrap
VERSION   := 0.1.0
DEB_MAINTAINER ?= reportlint maintainers <maintainers@users.noreply.r-seed-140f5e74.example>
DEB_HOMEPAGE   ?=

# poppler-glib, libxml2 and libzip are compiled against but not linked:
# read_pdf.c opens poppler-glib with dlopen() on the first PDF (linked,
# its fifty libraries cost every run about 8 ms and 10 MB), xmllib.c
# libxml2 on the first HTML or DOCX and ziplib.c libzip on the first DOCX
# (linked, they and ICU, libstdc++ and libcrypto cost every run about
# 2 ms), tradconv.c OpenCC on the first report in traditional characters,
# serve.c libmicrohttpd when `serve` starts, each by the SONAME of the
# library found here (dynlib.h).
DLOPEN_PKGS := poppler-glib libxml-2.0 libzip opencc libmicrohttpd
LINK_PKGS  := $(filter-out $(DLOPEN_PKGS),$(PKGS))
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(LINK_PKGS) 2>/dev/null) -ldl
# soname PKG LIB: the SONAME of libLIB.so in pkg-config's libdir of PKG.
soname = $(shell objdump -p $$(pkg-config --variable=libdir $(1) 2>/dev/null)/lib$(2).so 2>/dev/null | sed -n 's/^ *SONAME *//p')
POPPLER_SONAME := $(call soname,poppler-glib,poppler-glib)
XML2_SONAME    := $(call soname,libxml-2.0,xml2)
ZIP_SONAME     := $(call soname,libzip,zip)
OPENCC_SONAME  := $(call soname,opencc,opencc)
MHD_SONAME     := $(call soname,libmicrohttpd,microhttpd)
SONAME_DEFS    := $(if $(POPPLER_SONAME),-DRL_POPPLER_SONAME='"$(POPPLER_SONAME)"') \
                  $(if $(XML2_SONAME),-DRL_XML2_SONAME='"$(XML2_SONAME)"') \
                  $(if $(ZIP_SONAME),-DRL_ZIP_SONAME='"$(ZIP_SONAME)"') \
                  $(if $(OPENCC_SONAME),-DRL_OPENCC_SONAME='"$(OPENCC_SONAME)"') \
                  $(if $(MHD_SONAME),-DRL_MHD_SONAME='"$(MHD_SONAME)"')
# The unit tests build zip archives and parse HTML with the libraries
# themselves, so they link them (the reader's dlopen() then finds them
# already loaded).
TEST_LIBS    := $(shell pkg-config --libs libxml-2.0 libzip 2>/dev/null)
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell pkg-config --libs check 2>/dev/null)

WARN    := -Wall -Wextra -Werror -Wshadow -Wwrite-strings -Wundef \
           -Wmissing-prototypes -Wstrict-prototypes
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -pthread $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) \
             -DRL_VERSION='"$(VERSION)"' -DRL_DATADIR='"$(PREFIX)/share/reportlint"' \
             -DRL_LOCALEDIR='"$(PREFIX)/share/locale"' \
             $(SONAME_DEFS) $(SRC_INC) $(PKG_CFLAGS) -MMD -MP
LDLIBS  = $(PKG_LIBS) -pthread -lm $(EXTRA_LDFLAGS)

# src/ holds one folder per stage of a check, in this order; a file
# includes headers of its own stage and the stages before it
# (tests/layers.sh). The library is every stage but cli/.
STAGES    := base read model rules check output run audit serve cli
SRC_INC   := -Isrc $(addprefix -Isrc/,$(STAGES))
CLI_SRCS  := $(wildcard src/cli/*.c)
LIB_SRCS  := $(filter-out $(CLI_SRCS),$(wildcard src/*/*.c))
LIB_OBJS  := $(LIB_SRCS:src/%.c=$(BUILD)/obj/%.o)
CLI_OBJS  := $(CLI_SRCS:src/%.c=$(BUILD)/obj/%.o)
TEST_SRCS := $(wildcard tests/unit/*.c)
TEST_OBJS := $(TEST_SRCS:tests/unit/%.c=$(BUILD)/unit/%.o)
LIB       := $(BUILD)/libreportlint.a
BIN       ?= reportlint
MO        := $(BUILD)/locale/zh_CN/LC_MESSAGES/reportlint.mo
LEXIDX    := rules/lexicon/words.idx
LEXSRC    := rules/lexicon/words.txt rules/lexicon/pinyin.txt

.PHONY: pot rule-docs layers api-example all deps deps-build print-deps have-deps run test unit cases cases-update xxgk xxgk-update serve real real-update realpdf test-rules golden cli schemas hostile regress formats sarif setup ci-examples inputs inputs-update fixtures \
        html html-update audit bench \
        asan valgrind fuzz fuzz-smoke \
        install uninstall deb deb-test deps-deb clean golden-update format check-deps

all: $(BIN)

# The catalog is built with the binary (order-only: a new translation does
# not relink it); the binary finds it in $(BUILD)/locale beside itself.
$(BIN): $(CLI_OBJS) $(LIB) | $(MO) $(LEXIDX)
	$(CC) $(ALL_CFLAGS) -o $@ $(filter-out $(MO),$^) $(LDLIBS)

# --- the word list's index -------------------------------------------------
# rules/lexicon/words.idx: the word list, its readings and its idioms'
# near-miss index laid out to be mapped (src/rules/lexindex.h), so that a
# check loads them in O(1) and only the pages it touches count in its
# memory. Made from the two text files by a small program built from the
# library's own lexicon code, so it is remade when either changes or the
# library does; beside words.txt, where the rules (source tree, install,
# package) find it, and not committed (git-ignored). A rule directory
# without it, or with one made from other files, still works: the lexicon
# is then read from the text (slower; lint-rules says why).

$(BUILD)/lexicon-index: scripts/lexicon-index.c $(LIB) | $(BUILD)
	$(CC) $(ALL_CFLAGS) -o $@ scripts/lexicon-index.c $(LIB) $(LDLIBS)

$(LEXIDX): $(LEXSRC) $(BUILD)/lexicon-index
	$(BUILD)/lexicon-index $(LEXSRC) $@

# --- messages (gettext, text domain reportlint) ---------------------------
# po/zh_CN.po is written by hand; msgfmt -c checks its formats against the
# English ones. `make pot` regenerates po/reportlint.pot from the sources
# (_() and N_() mark a message, diag_set's format is one), and merges it
# into po/zh_CN.po; new messages then wait there for their translation
# (tests/cli.sh fails until they have it).
XGETTEXT := xgettext --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: \
            --keyword=_ --keyword=N_ --keyword=dngettext:2,3 --keyword=diag_set:6 \
            --keyword=rules_load_fail:3 --keyword=rules_load_note:3 \
            --keyword=fail_at:3 --flag=diag_set:6:c-format \
            --flag=rules_load_fail:3:c-format --flag=rules_load_note:3:c-format \
            --flag=fail_at:3:c-format \
            --package-name=reportlint --package-version=$(VERSION) \
            --sort-by-file

$(MO): po/zh_CN.po
	@mkdir -p $(@D)
	msgfmt -c -o $@ po/zh_CN.po

I18N_SRCS := $(sort $(wildcard src/*/*.c src/*/*.h))

# A template fresh from the sources: tests/cli.sh holds po/zh_CN.po
# against it, so that a new message cannot ship untranslated.
$(BUILD)/reportlint.pot: $(I18N_SRCS) | $(BUILD)
	@echo "xgettext -o $@ src/*/*.[ch]"
	@$(XGETTEXT) -o $@ $(I18N_SRCS)

pot: $(BUILD)/reportlint.pot
	cp $(BUILD)/reportlint.pot po/reportlint.pot
	msgmerge -q --update --backup=none --no-fuzzy-matching po/zh_CN.po po/reportlint.pot
	msgattrib --no-obsolete -o po/zh_CN.po po/zh_CN.po

$(LIB): $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/obj/%.o: src/%.c | $(BUILD) have-deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/unit/%.o: tests/unit/%.c $(BUILD)/unit/suites.h | $(BUILD)/unit
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -I $(BUILD)/unit -c -o $@ $<

# Every tests/unit/test_*.c defines `Suite *NAME_suite(void)`; the runner's
# list is generated so that adding a suite is adding a file.
$(BUILD)/unit/suites.h: $(wildcard tests/unit/test_*.c) | $(BUILD)/unit
	@sed -n 's/^Suite \*\([a-z0-9_]*_suite\)(void).*/SUITE(\1)/p' \
	  $(wildcard tests/unit/test_*.c) > $@.tmp && mv $@.tmp $@

$(BUILD)/unit_tests: $(TEST_OBJS) $(LIB)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS) $(TEST_LIBS) $(CHECK_LIBS)

$(BUILD) $(BUILD)/unit:
	mkdir -p $@

# --- set-up -------------------------------------------------------------
# Installs only what is missing, so `make run` / `make test` are cheap the
# second time. Must work as root on a fresh Debian 12 after apt-get update;
# offline, scripts/deps.sh says what failed and how to install by hand.
deps-build:
	@sh scripts/deps.sh debs build $(BUILD_DEBS)

deps-deb:
	@sh scripts/deps.sh debs deb $(DEB_DEBS)

deps: deps-build
	@sh scripts/deps.sh debs test $(TEST_DEBS)
	@if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then \
	  sh scripts/deps.sh debs node $(NODE_DEBS); fi
	@if [ ! -x .tools/node_modules/.bin/ajv ] || [ ! -x \
	    .tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool ] || \
	    [ ! -d .tools/node_modules/puppeteer-core ]; then \
	  sh scripts/deps.sh npm .tools $(NPM_TOOLS); fi

# The lists, for the tests that check README.md and examples/ci/.
print-deps:
	@echo "build: $(BUILD_DEBS)"
	@echo "test: $(TEST_DEBS)"
	@echo "node: $(NODE_DEBS)"
	@echo "npm: $(NPM_TOOLS)"
	@echo "deb: $(DEB_DEBS)"

# Before compiling anything: every pkg-config module (so every header) the
# build needs, named in one line with the packages that provide them.
have-deps:
	@command -v pkg-config >/dev/null 2>&1 || { echo "reportlint: cannot \
	build: pkg-config is missing; install it and the libraries: apt-get \
	install $(BUILD_DEBS) (or: make deps-build)" >&2; exit 2; }; \
	mods=""; debs=""; for m in $(BUILD_MODS); do \
	  pkg-config --exists $${m%%=*} 2>/dev/null || \
	  { mods="$$mods $${m%%=*}"; debs="$$debs $${m#*=}"; }; done; \
	[ -z "$$mods" ] || { echo "reportlint: cannot build, missing headers \
	and pkg-config modules:$$mods; install them: apt-get install$$debs \
	(or: make deps-build)" >&2; exit 2; }

check-deps: have-deps
	@pkg-config --exists check || \
	  { echo "missing library: Check (run 'make deps')"; exit 2; }

run: deps-build
	@$(MAKE) --no-print-directory $(BIN)
	./$(BIN) check seeds/ || [ $$? -eq 1 ]

# --- tests --------------------------------------------------------------
test: deps
	@$(MAKE) --no-print-directory $(BIN) $(BUILD)/unit_tests
	@$(MAKE) --no-print-directory layers unit test-rules cases golden cli schemas hostile \
	  regress formats sarif setup ci-examples inputs html audit xxgk serve real realpdf \
	  api-example
ifneq ($(DEB_TEST),)
	@$(MAKE) --no-print-directory deb-test
endif
ifeq ($(QUICK),)
	@$(MAKE) --no-print-directory asan
	@$(MAKE) --no-print-directory valgrind
endif

# docs/rules/SET.md: each rule set's rules as `rules --explain` prints
# them, the pages SARIF's helpUri points to (tests/sarif.sh holds them).
rule-docs: $(BIN)
	sh scripts/rule-docs.sh ./$(BIN) rules docs/rules

# The source folders are the stages; no include points up the stack.
layers:
	@sh tests/layers.sh

# A second program on the public API alone (examples/api/): built against
# the library archive and its output held against the expected file.
$(BUILD)/check_report: examples/api/check_report.c src/reportlint.h $(LIB)
	$(CC) $(ALL_CFLAGS) -o $@ examples/api/check_report.c $(LIB) $(LDLIBS)

api-example: $(BUILD)/check_report
	@BIN=$(BUILD)/check_report sh examples/api/test.sh

unit: $(BUILD)/unit_tests
	CK_FORK=$${CK_FORK:-yes} $(TEST_ENV) $(BUILD)/unit_tests

test-rules: $(BIN)
	$(TEST_ENV) ./$(BIN) test-rules rules/fzzf
	$(TEST_ENV) ./$(BIN) test-rules rules/xxgk

# tests/cases/**/*.case: rules, reports, command lines and their exact
# output and exit status (tests/cases/README.md). cases-update rewrites the
# expected output in place (review the diff like code).
cases: $(BIN)
	BIN=./$(BIN) TEST_ENV="$(TEST_ENV)" python3 tests/cases.py

cases-update: $(BIN)
	BIN=./$(BIN) python3 tests/cases.py --update

golden: $(BIN)
	BIN=./$(BIN) TEST_ENV="$(TEST_ENV)" sh tests/golden.sh

golden-update: $(BIN)
	BIN=./$(BIN) sh tests/golden.sh --update
	BIN=./$(BIN) sh tests/audit.sh --update

cli: $(BIN) $(BUILD)/reportlint.pot $(BUILD)/lexicon-index
	BIN=./$(BIN) POT=$(BUILD)/reportlint.pot LEXINDEX=$(BUILD)/lexicon-index \
	  TEST_ENV="$(TEST_ENV)" sh tests/cli.sh

schemas: $(BIN)
	BIN=./$(BIN) sh tests/schemas.sh

hostile: $(BIN)
	BIN=./$(BIN) TEST_ENV="$(TEST_ENV)" sh tests/hostile.sh

xxgk: $(BIN)
	BIN=./$(BIN) TEST_ENV="$(TEST_ENV)" sh tests/xxgk.sh

serve: $(BIN)
	BIN=./$(BIN) TEST_ENV="$(TEST_ENV)" sh tests/serve.sh

xxgk-update: $(BIN)
	BIN=./$(BIN) XXGK_UPDATE=1 sh tests/xxgk.sh

# The real published reports in ../shared/real/ (beside the checkout; absent:
# one line and success) against tests/real/*.expect; prints precision and
# recall. real-update rewrites the .expect files keeping their labels (new
# findings get `?`, to be labelled by hand: tests/real/README.md).
real: $(BIN)
	BIN=./$(BIN) TEST_ENV="$(TEST_ENV)" sh tests/real.sh

real-update: $(BIN)
	BIN=./$(BIN) sh tests/real.sh --update

# Tables 二, 三 and 四 read from the real PDFs of ../shared/real/xxgk/, every
# cell against tests/real/pdf-tables/*.expected (written by hand from each
# report's text; absent reports: one line and success).
realpdf: $(BIN)
	BIN=./$(BIN) sh tests/realpdf.sh

regress: $(BIN)
	BIN=./$(BIN) TEST_ENV="$(TEST_ENV)" sh tests/regress.sh

formats: $(BIN)
	BIN=./$(BIN) TEST_ENV="$(TEST_ENV)" sh tests/formats.sh

sarif: $(BIN)
	BIN=./$(BIN) sh tests/sarif.sh

# The package lists against README and what deps-build/deps install
# (apt-get and dpkg faked), and make's missing-library line.
setup:
	sh tests/setup.sh

ci-examples: $(BIN)
	BIN=./$(BIN) TEST_ENV="$(TEST_ENV)" sh tests/ci.sh

inputs: $(BIN)
	BIN=./$(BIN) TEST_ENV="$(TEST_ENV)" sh tests/inputs.sh

inputs-update: $(BIN)
	BIN=./$(BIN) sh tests/inputs.sh --update

audit: $(BIN)
	BIN=./$(BIN) TEST_ENV="$(TEST_ENV)" sh tests/audit.sh

# Benchmark: a corpus of 3,000 reports (about 20 MB) made from seeds/ and examples/;
# check at -j1 and -jN, audit, the grep -P floor, one-report latency and
# 1x-8x scaling, time and peak RSS; writes bench/results.md (needs node).
$(BUILD)/bench-rusage: bench/rusage.c | $(BUILD)
	$(CC) -O2 -Wall -Wextra -Werror -o $@ $<

bench: $(BIN) $(BUILD)/bench-rusage
	BIN=./$(BIN) RUSAGE=$(BUILD)/bench-rusage sh bench/run.sh

# --format html: goldens (shared with golden.sh), well-formedness, hostile
# text, and headless chromium when installed (else it says SKIP).
html: $(BIN)
	BIN=./$(BIN) TEST_ENV="$(TEST_ENV)" sh tests/html.sh

# Rewrites docs/screenshot-html.png (the README's picture) from chromium.
html-update: $(BIN)
	BIN=./$(BIN) sh tests/html.sh --update

# Test fixtures in other formats are made by real writers (pandoc,
# LibreOffice, qpdf) and checked in; this rebuilds them, installing the
# writers first. `make test` does not need them.
FIXTURE_DEBS := pandoc libreoffice-writer-nogui fonts-noto-cjk poppler-utils qpdf zip chromium
fixtures:
	@missing=""; for p in $(FIXTURE_DEBS); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "fixtures: installing$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@for d in tests/fixtures/*/; do \
	  if [ -f $${d}make.sh ]; then echo "fixtures: $${d}make.sh"; sh $${d}make.sh || exit 1; fi; \
	done

# Sanitizers: a separate build tree and binary so a normal build is not
# clobbered. -fno-sanitize-recover makes any UB report fail the run.
asan:
	$(MAKE) --no-print-directory BUILD=build-asan BIN=build-asan/reportlint \
	  CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	  EXTRA_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" \
	  EXTRA_LDFLAGS="-fsanitize=address,undefined" \
	  TEST_ENV="env CK_FORK=no ASAN_OPTIONS=detect_leaks=1:abort_on_error=0" \
	  build-asan/reportlint build-asan/unit_tests unit test-rules cases golden cli \
	  hostile regress formats ci-examples inputs html audit xxgk serve

# tests/valgrind.supp: GLib/GObject's one-time allocations (poppler-glib).
VALGRIND := valgrind -q --error-exitcode=9 --leak-check=full \
            --errors-for-leak-kinds=all --suppressions=$(CURDIR)/tests/valgrind.supp

valgrind: $(BIN) $(BUILD)/unit_tests
	CK_FORK=no $(VALGRIND) $(BUILD)/unit_tests
	BIN=./$(BIN) TEST_ENV="$(VALGRIND)" python3 tests/cases.py
	BIN=./$(BIN) TEST_ENV="$(VALGRIND)" sh tests/golden.sh
	BIN=./$(BIN) TEST_ENV="$(VALGRIND)" sh tests/inputs.sh
	BIN=./$(BIN) TEST_ENV="$(VALGRIND)" sh tests/audit.sh
	BIN=./$(BIN) TEST_ENV="$(VALGRIND)" sh tests/xxgk.sh
	BIN=./$(BIN) TEST_ENV="$(VALGRIND)" SERVE_PARALLEL=10 sh tests/serve.sh

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/reportlint \
	  $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/reportlint
	cp -R --preserve=timestamps rules $(DESTDIR)$(PREFIX)/share/reportlint/
	install -m 644 docs/reportlint.1 $(DESTDIR)$(PREFIX)/share/man/man1/reportlint.1
	install -m 644 docs/reportlint.bash \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/reportlint
	install -d $(DESTDIR)$(PREFIX)/share/locale/zh_CN/LC_MESSAGES
	install -m 644 $(MO) $(DESTDIR)$(PREFIX)/share/locale/zh_CN/LC_MESSAGES/reportlint.mo

# Removes exactly what install put there.
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/reportlint \
	  $(DESTDIR)$(PREFIX)/share/man/man1/reportlint.1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/reportlint \
	  $(DESTDIR)$(PREFIX)/share/locale/zh_CN/LC_MESSAGES/reportlint.mo
	rm -rf $(DESTDIR)$(PREFIX)/share/reportlint

# The Debian package, from a build with PREFIX=/usr in $(BUILD)/deb/.
# Depends: the linked libraries and those of the input formats (PDF,
# DOCX, HTML); Recommends: those of serve and traditional characters.
# (deps-deb in the recipe, not as a prerequisite: two apt-get at once
# under make -j would fight over dpkg's lock.)
deb: deps-build
	@sh scripts/deps.sh debs deb $(DEB_DEBS)
	@VERSION=$(VERSION) BUILD=$(BUILD) MAKE="$(MAKE)" CC="$(CC)" \
	  DEB_MAINTAINER="$(DEB_MAINTAINER)" DEB_HOMEPAGE="$(DEB_HOMEPAGE)" \
	  DEB_DEPENDS_SONAMES="$(POPPLER_SONAME) $(XML2_SONAME) $(ZIP_SONAME)" \
	  DEB_RECOMMENDS_SONAMES="$(OPENCC_SONAME) $(MHD_SONAME)" sh scripts/deb.sh

# Installs the package with apt-get in a clean Debian 12 root (debootstrap,
# kept in $(BUILD)/deb-root/ between runs) and checks reports with it.
# Offline without dpkg-dev or debootstrap it says SKIPPED, as the test
# does without a mirror.
deb-test: $(BIN)
	@sh scripts/deps.sh debs deb $(DEB_DEBS) 2>/dev/null || { echo "deb-test: \
	SKIPPED: could not install $(DEB_DEBS) (make deps-deb says why)"; exit 0; }; \
	$(MAKE) --no-print-directory deb && \
	  BUILD=$(BUILD) BIN=./$(BIN) VERSION=$(VERSION) sh tests/deb.sh

format:
	clang-format -style=llvm -i src/*.h src/*/*.c src/*/*.h tests/unit/*.c

clean:
	rm -rf build build-asan build-fuzz $(BIN) $(LEXIDX)

# Fuzzing (clang + libFuzzer): make fuzz, make fuzz-smoke [FUZZ_SECONDS=60]
include tests/fuzz/fuzz.mk

-include $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d) $(TEST_OBJS:.o=.d) \
  $(BUILD)/lexicon-index.d
