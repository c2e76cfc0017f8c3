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

# Test-only tools (tests/ladder/<name>.bpf.c + <name>.c), built like real
# ones: laddercheck (the attach ladder), verifierfail (a rejected program).
TEST_TOOLS := laddercheck verifierfail
TEST_TOOL_BINS := $(addprefix $(TEST_DIR)/,$(TEST_TOOLS))

$(TEST_DIR)/ladder:
	$(Q)mkdir -p $@

$(TEST_DIR)/ladder/%.bpf.o: tests/ladder/%.bpf.c $(VMLINUX_H) $(LIBBPF_A) | $(TEST_DIR)/ladder
	$(call msg,BPF,$@)
	$(Q)$(CLANG) $(BPF_CFLAGS) -Itests/ladder $(LIBBPF_CFLAGS) $(CLANG_SYS_INCLUDES) -MMD -MP -c $< -o $@

$(TEST_DIR)/ladder/%.skel.h: $(TEST_DIR)/ladder/%.bpf.o
	$(call msg,GEN-SKEL,$@)
	$(Q)$(BPFTOOL) gen skeleton $< name $*_bpf > $@

$(TEST_TOOL_BINS): $(TEST_DIR)/%: tests/ladder/%.c $(TEST_DIR)/ladder/%.skel.h $(LIBTK) $(LIBBPF_A)
	$(call msg,BINARY,$@)
	$(Q)$(CC) $(CFLAGS) $(LIBBPF_CFLAGS) -Itests/ladder -I$(TEST_DIR)/ladder -MMD -MP $< \
		$(LIBTK) $(LIBBPF_LIBS) -o $@

tests: $(TEST_TOOL_BINS)

# `make check-kernels`: the end-to-end suite on Debian's 6.1 and 6.12 kernels
# in qemu and on this kernel, once per forced attach rung (tests/kernels/run.sh;
# TK_MATRIX="6.12:fentry ..." picks a part).  Not part of `make check`.
check-kernels:
	$(Q)sh scripts/install-deps.sh --kernels
	$(Q)$(MAKE) --no-print-directory tests
	$(Q)sh tests/kernels/run.sh
