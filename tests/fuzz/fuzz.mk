# fuzz.mk: libFuzzer targets, included by the top Makefile.
#   make fuzz          build build-fuzz/fuzz_{model,rules,scan,pdf,docx,html,grid}
#   make fuzz-smoke    run each for FUZZ_SECONDS (default 60); fails on any
#                      crash, leak, timeout or sanitizer report, and leaves
#                      the input in build-fuzz/<target>-crash-* (or leak-,
#                      timeout-, oom-)
# Needs clang with libFuzzer (Debian: clang and libclang-rt-*-dev); `make
# test` does not. Every library file (src/*/*.c but src/cli/) is built again with the
# fuzzing flags, in its own tree, so the normal build is not clobbered.

FUZZ_BUILD   := build-fuzz
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := model rules scan pdf docx html grid
FUZZ_PKGS    ?= $(PKGS)
FUZZ_SAN     := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS  := -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 \
                -fno-omit-frame-pointer $(FUZZ_SAN) \
                -Wall -Wextra -Wshadow -Wwrite-strings -Wundef \
                -Wmissing-prototypes -Wstrict-prototypes \
                -DRL_VERSION='"fuzz"' -DRL_DATADIR='"/nonexistent"' $(SONAME_DEFS) \
                $(shell pkg-config --cflags $(FUZZ_PKGS) 2>/dev/null) -MMD -MP
FUZZ_LIBS    := $(shell pkg-config --libs $(FUZZ_PKGS) 2>/dev/null) -pthread -lm
FUZZ_RUN     := -max_len=65536 -timeout=10 -rss_limit_mb=2048

FUZZ_LIB_SRCS := $(filter-out src/cli/%,$(wildcard src/*/*.c))
FUZZ_LIB_OBJS := $(FUZZ_LIB_SRCS:src/%.c=$(FUZZ_BUILD)/obj/%.o)
FUZZ_BINS     := $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)

# What each corpus starts from: reports for model and scan, rule files for
# rules (good ones and broken ones), pages for html.
FUZZ_SEEDS_model := $(wildcard seeds/*.txt examples/*.txt examples/*.md examples/xxgk/*.txt)
FUZZ_SEEDS_scan  := $(FUZZ_SEEDS_model)
FUZZ_SEEDS_rules := $(wildcard rules/fzzf/*.yaml tests/rules-fixtures/*/*.yaml \
                      tests/rules-fixtures/*.yaml)
# PDFs: the small fixtures (the LibreOffice ones exceed -max_len) and the
# hand-made seeds.
FUZZ_SEEDS_pdf   := tests/fixtures/pdf/scanned.pdf tests/fixtures/pdf/truncated.pdf \
                    $(wildcard tests/fuzz/pdf/*.pdf)
# docx: the fixtures made by tests/fixtures/docx/make.sh, as files and as
# "@@@"-separated XML parts (fuzz_docx.c zips those itself).
FUZZ_SEEDS_docx  := $(wildcard tests/fixtures/docx/*.docx tests/fixtures/docx/*.parts)
FUZZ_SEEDS_html  := $(wildcard tests/fixtures/html/*.html tests/regress/*.html)
FUZZ_DICT_model  := tests/fuzz/model.dict
FUZZ_DICT_scan   := tests/fuzz/model.dict
FUZZ_DICT_rules  := tests/fuzz/rules.dict
FUZZ_DICT_pdf    := tests/fuzz/pdf.dict
FUZZ_DICT_docx   := tests/fuzz/docx.dict
FUZZ_DICT_html   := tests/fuzz/html.dict
FUZZ_DICT_grid   := tests/fuzz/grid.dict

.PHONY: fuzz fuzz-smoke fuzz-deps

# clang and libFuzzer's runtime, installed like `make deps` does (only for
# fuzzing: make test does not need them).
fuzz-deps:
	@missing=""; for p in clang libclang-rt-dev; do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "fuzz-deps: installing$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
# Objects made by chained pattern rules would be deleted as intermediate.
.SECONDARY: $(FUZZ_LIB_OBJS) $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%.o)

fuzz: fuzz-deps
	@$(MAKE) --no-print-directory $(FUZZ_BINS)

$(FUZZ_BUILD)/obj/%.o: src/%.c | $(FUZZ_BUILD)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(SRC_INC) -c -o $@ $<

$(FUZZ_BUILD)/fuzz_%.o: tests/fuzz/fuzz_%.c | $(FUZZ_BUILD)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(SRC_INC) -c -o $@ $<

# The most common failure on a fresh machine is clang without libFuzzer's
# runtime; say so instead of leaving a bare linker error.
$(FUZZ_BUILD)/fuzz_%: $(FUZZ_BUILD)/fuzz_%.o $(FUZZ_LIB_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $^ $(FUZZ_LIBS) || \
	  { echo "fuzz: linking failed; libFuzzer needs clang and" \
	         "libclang-rt-<version>-dev"; exit 2; }

$(FUZZ_BUILD):
	mkdir -p $@

# Runs every target even when one fails, then fails if any did. The corpus
# directories keep what earlier runs found.
fuzz-smoke: fuzz
	@failed=""; for t in $(FUZZ_TARGETS); do \
	  corpus=$(FUZZ_BUILD)/corpus-$$t; mkdir -p $$corpus; \
	  case $$t in \
	    model) seeds="$(FUZZ_SEEDS_model)"; dict=$(FUZZ_DICT_model);; \
	    scan)  seeds="$(FUZZ_SEEDS_scan)";  dict=$(FUZZ_DICT_scan);; \
	    rules) seeds="$(FUZZ_SEEDS_rules)"; dict=$(FUZZ_DICT_rules);; \
	    pdf)   seeds="$(FUZZ_SEEDS_pdf)";   dict=$(FUZZ_DICT_pdf);; \
	    docx)  seeds="$(FUZZ_SEEDS_docx)";  dict=$(FUZZ_DICT_docx);; \
	    html)  seeds="$(FUZZ_SEEDS_html)";  dict=$(FUZZ_DICT_html);; \
	    grid)  seeds="";                    dict=$(FUZZ_DICT_grid);; \
	  esac; \
	  for f in $$seeds; do \
	    cp "$$f" "$$corpus/seed-$$(echo "$$f" | tr / _)"; done; \
	  echo "fuzz-smoke: fuzz_$$t for $(FUZZ_SECONDS)s"; \
	  UBSAN_OPTIONS=print_stacktrace=1 \
	  $(FUZZ_BUILD)/fuzz_$$t $(FUZZ_RUN) -max_total_time=$(FUZZ_SECONDS) \
	    -dict=$$dict -artifact_prefix=$(FUZZ_BUILD)/fuzz_$$t- \
	    -print_final_stats=1 $$corpus \
	    >$(FUZZ_BUILD)/fuzz_$$t.log 2>&1 || failed="$$failed $$t"; \
	  { grep -E '^#[0-9]+[[:space:]].*cov:' $(FUZZ_BUILD)/fuzz_$$t.log | tail -1; \
	    grep -E '^stat::(number_of_executed_units|average_exec_per_sec)' \
	      $(FUZZ_BUILD)/fuzz_$$t.log; \
	    grep -E '^SUMMARY|==[0-9]+== ?ERROR|Assertion .* failed|runtime error:' \
	      $(FUZZ_BUILD)/fuzz_$$t.log | head -5; \
	  } | sed "s/^/  /"; \
	done; \
	if [ -n "$$failed" ]; then \
	  echo "fuzz-smoke: FAILED:$$failed (see $(FUZZ_BUILD)/fuzz_*.log and" \
	       "the crash-/leak-/timeout-/oom- files in $(FUZZ_BUILD)/)"; \
	  exit 1; fi; \
	echo "fuzz-smoke: no crash in $(FUZZ_TARGETS)"

-include $(FUZZ_LIB_OBJS:.o=.d) $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%.d)
