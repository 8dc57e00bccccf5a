# isms - build, test and check.  Plain GNU make; every library through
# pkg-config.  `make help` lists the targets.

CC       ?= cc
BUILD    ?= build
BIN      ?= isms
PKGS     := sqlite3 libpq jansson yaml-0.1 libcrypto xlsxwriter libical libmicrohttpd libsodium
TEST_PKGS := cmocka

OPTFLAGS ?= -O2 -g
WARNINGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wpointer-arith -Wformat=2 -Wvla -Wundef \
	-Wno-unused-parameter
override CFLAGS += -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	$(OPTFLAGS) $(WARNINGS) $(SANFLAGS) -fstack-protector-strong \
	-Isrc -include src/core/banned.h -MMD -MP \
	$(shell pkg-config --cflags $(PKGS))
override LDFLAGS += $(SANFLAGS)
# libcsv has no pkg-config file.
LDLIBS   := $(shell pkg-config --libs $(PKGS)) -lcsv -lpthread

LIB_SRC  := $(sort $(wildcard src/core/*.c src/store/*.c src/app/*.c \
	src/view/*.c src/parse/*.c src/http/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
FRAMEWORKS := $(sort $(wildcard data/frameworks/*.yaml))
MIGRATIONS := $(sort $(wildcard src/store/migrations/*.sql))
API_DOCS := docs/api/openapi.json $(sort $(wildcard docs/api/paths/*.json))
WEB_TEMPLATES := $(sort $(wildcard web/templates/*.html))
WEB_STATIC := $(sort $(wildcard web/static/*))
GEN_SRC  := $(BUILD)/gen/frameworks.c $(BUILD)/gen/migrations.c $(BUILD)/gen/api.c \
	$(BUILD)/gen/templates.c $(BUILD)/gen/static.c

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(GEN_SRC:%.c=%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
LIB      := $(BUILD)/libisms.a

UNIT_SRC := $(sort $(wildcard tests/unit/test-*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# The unit tests that open stores, run once per backend.
STORE_UNIT_BIN := $(BUILD)/tests/test-store

# Quiet by default; `make V=1` shows the commands.
ifeq ($(V),1)
Q_CC :=
Q_LD :=
Q_AR :=
else
Q_CC = @echo "  CC  $<";
Q_LD = @echo "  LD  $@";
Q_AR = @echo "  AR  $@";
endif

.PHONY: all run test check check-sqlite check-pg check-asan unit unit-store cli-test asan \
	fuzz fmt fmt-check lint bench clean help deps web-test

all: $(BIN)

help:
	@echo "make          build ./isms"
	@echo "make run      install dependencies, build, load the demo into ./isms.db and serve the web application (PORT=$(PORT))"
	@echo "make test     install dependencies, build, run every test (SQLite, then PostgreSQL)"
	@echo "make check    run every test without installing anything"
	@echo "make asan     build with AddressSanitizer + UBSan and run the tests (unit and command-line on SQLite, the store's on PostgreSQL)"
	@echo "make fuzz     build the libFuzzer targets and run each (FUZZ_SECONDS=$(FUZZ_SECONDS))"
	@echo "make fmt      reformat the sources; make fmt-check only checks"
	@echo "make lint     static analysis (cppcheck)"
	@echo "make bench    build, then time evidence adding, portfolio scoring, the SoA, certification and the HTTP server (bench/)"

$(BIN): $(CLI_OBJ) $(LIB)
	$(Q_LD)$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(LDLIBS)

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(Q_AR)$(AR) rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q_CC)$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(Q_CC)$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/bin2c: tools/bin2c.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -o $@ $<

$(BUILD)/gen/frameworks.c: $(FRAMEWORKS) $(BUILD)/bin2c
	@mkdir -p $(dir $@)
	$(BUILD)/bin2c builtin_frameworks $@ $(FRAMEWORKS)

$(BUILD)/gen/migrations.c: $(MIGRATIONS) $(BUILD)/bin2c
	@mkdir -p $(dir $@)
	$(BUILD)/bin2c schema_migrations $@ $(MIGRATIONS)

$(BUILD)/gen/api.c: $(API_DOCS) $(BUILD)/bin2c
	@mkdir -p $(dir $@)
	$(BUILD)/bin2c api_documents $@ $(API_DOCS)

$(BUILD)/gen/templates.c: $(WEB_TEMPLATES) $(BUILD)/bin2c
	@mkdir -p $(dir $@)
	$(BUILD)/bin2c web_templates $@ $(WEB_TEMPLATES)

$(BUILD)/gen/static.c: $(WEB_STATIC) $(BUILD)/bin2c
	@mkdir -p $(dir $@)
	$(BUILD)/bin2c web_static $@ $(WEB_STATIC)

# ---- tests ----

$(BUILD)/tests/%: tests/unit/%.c tests/unit/unit.h $(LIB)
	@mkdir -p $(dir $@)
	$(Q_LD)$(CC) $(CFLAGS) $(shell pkg-config --cflags $(TEST_PKGS)) -Itests/unit \
		$(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS) $(shell pkg-config --libs $(TEST_PKGS))

deps:
	scripts/install-deps

# The web application on ./isms.db with the worked demo organisation;
# the server prints its address and how to sign in.
PORT ?= 8080
run: deps
	$(MAKE) all
	./$(BIN) init
	./$(BIN) demo
	./$(BIN) serve --listen 127.0.0.1:$(PORT)

test: deps
	$(MAKE) check

# Every test on SQLite, then the store's unit tests and every command-line
# test again on PostgreSQL: a throw-away server that tests/pg-cluster starts
# and removes, with a new database for each store a test opens.
check: all $(UNIT_BIN)
	@$(MAKE) --no-print-directory check-sqlite
	@$(MAKE) --no-print-directory check-pg

check-sqlite: all $(UNIT_BIN)
	@echo "== backend: sqlite"
	@env -u ISMS_TEST_STORE -u ISMS_TEST_BACKEND \
		$(MAKE) --no-print-directory unit cli-test web-test

check-pg: all $(UNIT_BIN)
	@echo "== backend: postgresql"
	@tests/pg-cluster run $(MAKE) --no-print-directory unit-store cli-test web-test

# Unit tests keep their temporary stores under the build tree.
unit: $(UNIT_BIN)
	@rm -rf $(BUILD)/tmp && mkdir -p $(BUILD)/tmp
	@for t in $(UNIT_BIN); do \
		TMPDIR=$(abspath $(BUILD)/tmp) $$t || exit 1; \
	done
	@rm -rf $(BUILD)/tmp

unit-store: $(STORE_UNIT_BIN)
	@rm -rf $(BUILD)/tmp && mkdir -p $(BUILD)/tmp
	@for t in $(STORE_UNIT_BIN); do \
		TMPDIR=$(abspath $(BUILD)/tmp) $$t || exit 1; \
	done
	@rm -rf $(BUILD)/tmp

# The command-line tests, as many at once as there are processors (each
# has its own directory, databases and server port).
TEST_JOBS ?= $(shell nproc 2>/dev/null || echo 1)
cli-test: $(BIN)
	ISMS_BIN=$(abspath $(BIN)) ISMS_TEST_JOBS=$(TEST_JOBS) tests/cli/run

# The web application in headless Chromium (tests/web): screenshots and,
# on failure, the pages and the server's log in test-artifacts/web/.
web-test: $(BIN)
	ISMS_BIN=$(abspath $(BIN)) tests/web/run

# Sanitizer build in its own tree, so it never mixes with the normal one.
ASAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
asan: deps
	$(MAKE) BUILD=build/asan BIN=build/asan/isms CC=clang \
		OPTFLAGS="-O1 -g" SANFLAGS="$(ASAN_FLAGS)" check-asan

# Under the sanitizers: every unit and command-line test on SQLite (the
# t-web* files among them drive the pages and forms), and the store's unit
# tests on PostgreSQL, which run the driver's code.  The command-line
# tests on PostgreSQL and the browser journeys run without them in `make
# check`; the code above the store is the same for both backends.
check-asan: all $(UNIT_BIN)
	@echo "== backend: sqlite"
	@env -u ISMS_TEST_STORE -u ISMS_TEST_BACKEND \
		$(MAKE) --no-print-directory unit cli-test
	@echo "== backend: postgresql (the store's unit tests)"
	@tests/pg-cluster run $(MAKE) --no-print-directory unit-store

# ---- fuzzing ----

FUZZ_SECONDS ?= 60
FUZZ_SRC := $(sort $(wildcard fuzz/fuzz-*.c))
FUZZ_BIN := $(FUZZ_SRC:fuzz/%.c=build/fuzz/%)

fuzz: deps
	$(MAKE) BUILD=build/fuzz-lib CC=clang OPTFLAGS="-O1 -g" \
		SANFLAGS="-fsanitize=fuzzer-no-link,address,undefined" \
		build/fuzz-lib/libisms.a
	$(MAKE) $(FUZZ_BIN)
	@for f in $(FUZZ_BIN); do \
		name=$$(basename $$f); corpus=build/fuzz/corpus/$$name; \
		mkdir -p $$corpus; cp fuzz/corpus/$$name/* $$corpus/ 2>/dev/null; \
		dict=""; [ -f fuzz/$$name.dict ] && dict=-dict=fuzz/$$name.dict; \
		echo "== $$name for $(FUZZ_SECONDS)s"; \
		$$f $$dict -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
			-print_final_stats=1 $$corpus fuzz/corpus/$$name || exit 1; \
	done

build/fuzz/%: fuzz/%.c build/fuzz-lib/libisms.a
	@mkdir -p $(dir $@)
	clang -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O1 -g -Isrc \
		-fsanitize=fuzzer,address,undefined \
		$(shell pkg-config --cflags $(PKGS)) -o $@ $< \
		build/fuzz-lib/libisms.a $(LDLIBS)

# ---- style ----

FMT_FILES := $(shell find src tests fuzz tools -name '*.[ch]' 2>/dev/null)

fmt:
	clang-format -i $(FMT_FILES)

fmt-check:
	@clang-format --dry-run -Werror $(FMT_FILES) && echo "fmt-check: ok"

lint:
	@cppcheck --quiet --error-exitcode=1 --std=c11 --enable=warning,performance,portability \
		--inline-suppr --suppress=missingIncludeSystem -Isrc \
		$(LIB_SRC) $(CLI_SRC) && echo "lint: ok"

# ---- benchmarks (not tests) ----

# Each script prints its figures beside a reference measured in the same
# run, with PASS or FAIL against its targets; both run even when one fails.
bench: all
	@status=0; for b in bench/evidence bench/portfolio bench/soa bench/cert bench/http bench/web; do \
		ISMS_BIN=$(abspath $(BIN)) BENCH_DIR=$(abspath $(BUILD)/bench) $$b || status=1; \
	done; exit $$status

clean:
	rm -rf build $(BIN)

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
