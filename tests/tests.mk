# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Test build and run rules, included by the top Makefile.

TEST_DIR := $(OUTPUT)/tests
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(TEST_DIR)/%,$(UNIT_SRCS))
HELPER_SRCS := $(wildcard tests/helpers/*.c)
HELPER_BINS := $(patsubst tests/helpers/%.c,$(TEST_DIR)/%,$(HELPER_SRCS))

$(TEST_DIR):
	$(Q)mkdir -p $@

$(TEST_DIR)/test_%: tests/unit/test_%.c tests/unit/tap.h tests/unit/capture.h $(LIBTK) $(LIBBPF_A) | $(TEST_DIR)
	$(call msg,TEST-CC,$@)
	$(Q)$(CC) $(CFLAGS) $(LIBBPF_CFLAGS) -Itests/unit -MMD -MP $< $(LIBTK) $(LIBBPF_LIBS) -o $@

$(TEST_DIR)/%: tests/helpers/%.c | $(TEST_DIR)
	$(call msg,TEST-CC,$@)
	$(Q)$(CC) $(CFLAGS) -MMD -MP $< -o $@

tests: all $(UNIT_BINS) $(HELPER_BINS)

# `make check`: install what the build and tests need, build, run every test.
check: deps
	$(Q)$(MAKE) --no-print-directory tests
	$(Q)sh tests/run

check-unit check-cli check-e2e: tests
	$(Q)sh tests/run $(patsubst check-%,%,$@)

# laddercheck: a test-only tool built like a real one, from tests/ladder/.
LADDER := $(TEST_DIR)/laddercheck

$(TEST_DIR)/ladder:
	$(Q)mkdir -p $@

$(TEST_DIR)/ladder/laddercheck.bpf.o: tests/ladder/laddercheck.bpf.c $(VMLINUX_H) $(LIBBPF_A) | $(TEST_DIR)/ladder
	$(call msg,BPF,$@)
	$(Q)$(CLANG) $(BPF_CFLAGS) -Itests/ladder $(LIBBPF_CFLAGS) $(CLANG_SYS_INCLUDES) -MMD -MP -c $< -o $@

$(TEST_DIR)/ladder/laddercheck.skel.h: $(TEST_DIR)/ladder/laddercheck.bpf.o
	$(call msg,GEN-SKEL,$@)
	$(Q)$(BPFTOOL) gen skeleton $< name laddercheck_bpf > $@

$(LADDER): tests/ladder/laddercheck.c $(TEST_DIR)/ladder/laddercheck.skel.h $(LIBTK) $(LIBBPF_A)
	$(call msg,BINARY,$@)
	$(Q)$(CC) $(CFLAGS) $(LIBBPF_CFLAGS) -Itests/ladder -I$(TEST_DIR)/ladder -MMD -MP $< \
		$(LIBTK) $(LIBBPF_LIBS) -o $@

tests: $(LADDER)
