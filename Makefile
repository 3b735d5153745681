# sendhub build. `make` builds build/sendhub; `make demo` and `make test` are
# the two commands of the README. Sources are found by wildcard, so a new
# module folder or test file needs no edit here.
#
# BUILD=dir puts every output under another folder (parallel work trees).

BUILD    ?= build
CC       ?= cc
PKGS     := libmicrohttpd jansson sqlite3 libpq libsodium libxml-2.0
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
WARN     := -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter
CFLAGS   ?= -O2 -g
ALL_CFLAGS := -std=c17 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Isrc -I$(BUILD)/gen $(PKG_CFLAGS)
LDLIBS   := $(PKG_LIBS) -lpthread -lm
SAN      := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRCS     := $(sort $(shell find src -name '*.c' ! -name main.c))
SQLS     := $(sort $(wildcard sql/*.sql))
GEN      := $(BUILD)/gen/migrations.c
OBJS     := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(SRCS)) $(BUILD)/obj/gen/migrations.o
SOBJS    := $(patsubst src/%.c,$(BUILD)/asan/%.o,$(SRCS)) $(BUILD)/asan/gen/migrations.o
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRCS))
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))

.PHONY: all demo test deps test-deps unit http e2e fuzz bench clean asan
all: $(BUILD)/sendhub

$(GEN): $(SQLS) scripts/embed-sql.sh
	@mkdir -p $(dir $@)
	sh scripts/embed-sql.sh $(SQLS) > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/gen/migrations.o: $(GEN)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@
$(BUILD)/asan/gen/migrations.o: $(GEN)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -c $< -o $@

# V=1 shows the full command lines.
Q := $(if $(V),,@)

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@
$(BUILD)/asan/%.o: src/%.c
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  CC asan $<")
	$(Q)$(CC) $(ALL_CFLAGS) $(SAN) -MMD -MP -c $< -o $@

$(BUILD)/sendhub: $(OBJS) $(BUILD)/obj/main.o
	@$(if $(V),,echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)
# The server the HTTP and browser tests drive is built with the sanitizers.
$(BUILD)/sendhub-asan: $(SOBJS) $(BUILD)/asan/main.o
	@$(if $(V),,echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $^ $(LDLIBS)
asan: $(BUILD)/sendhub-asan

$(BUILD)/tests/%: tests/unit/%.c $(SOBJS)
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(SAN) -Itests/unit -o $@ $< $(SOBJS) $(LDLIBS) -lcmocka

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# ---- the README's two commands -------------------------------------------
deps:
	sh scripts/install-deps.sh
test-deps:
	sh scripts/install-deps.sh --test

demo: deps
	$(MAKE) $(BUILD)/sendhub
	sh scripts/demo.sh $(BUILD)/sendhub

test: test-deps
	$(MAKE) $(BUILD)/sendhub $(BUILD)/sendhub-asan $(UNIT_BINS)
	BUILD=$(BUILD) sh scripts/run-tests.sh

# ---- pieces of the suite, for working on one part ---------------------------
unit: $(UNIT_BINS)
	BUILD=$(BUILD) sh scripts/run-tests.sh unit
http: $(BUILD)/sendhub-asan
	BUILD=$(BUILD) sh scripts/run-tests.sh http
e2e: $(BUILD)/sendhub-asan
	BUILD=$(BUILD) sh scripts/run-tests.sh e2e
fuzz:
	BUILD=$(BUILD) sh scripts/fuzz.sh $(FUZZ_SRCS)

clean:
	rm -rf $(BUILD)
