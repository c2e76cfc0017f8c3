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

# Fixture ELF files for the symbolizer's unit test (test_sym), from
# tests/fixtures/symfix.c: non-PIE, PIE, a stripped PIE whose debug file sits
# under a test debug root by build-id, and stripped PIEs with a
# .gnu_debuglink to a debug file beside them or in .debug/.
FIX_DIR := $(TEST_DIR)/fixtures
SYM_FIXTURES := $(addprefix $(FIX_DIR)/symfix-,nopie pie stripped linked linked2)
FIX_CC = $(CC) -g -O1 $< -o $@

$(FIX_DIR):
	$(Q)mkdir -p $@ $@/.debug

$(FIX_DIR)/symfix-nopie: tests/fixtures/symfix.c | $(FIX_DIR)
	$(call msg,FIXTURE,$@)
	$(Q)$(FIX_CC) -fno-pie -no-pie -Wl,--build-id=sha1 -DVARIANT='"nopie"'

$(FIX_DIR)/symfix-pie: tests/fixtures/symfix.c | $(FIX_DIR)
	$(call msg,FIXTURE,$@)
	$(Q)$(FIX_CC) -fPIE -pie -Wl,--build-id=sha1 -DVARIANT='"pie"'

$(FIX_DIR)/symfix-stripped: tests/fixtures/symfix.c | $(FIX_DIR)
	$(call msg,FIXTURE,$@)
	$(Q)$(FIX_CC).full -fPIE -pie -Wl,--build-id=sha1 -DVARIANT='"stripped"'
	$(Q)id=$$(readelf -n $@.full | sed -n 's/^ *Build ID: *//p'); \
		test -n "$$id" || { echo "no build-id in $@.full" >&2; exit 1; }; \
		d=$(FIX_DIR)/debugroot/.build-id/$$(echo $$id | cut -c1-2); \
		mkdir -p $$d && objcopy --only-keep-debug $@.full $$d/$$(echo $$id | cut -c3-).debug
	$(Q)strip --strip-all -o $@ $@.full && rm -f $@.full

$(FIX_DIR)/symfix-linked $(FIX_DIR)/symfix-linked2: $(FIX_DIR)/symfix-%: tests/fixtures/symfix.c | $(FIX_DIR)
	$(call msg,FIXTURE,$@)
	$(Q)$(FIX_CC).full -fPIE -pie -Wl,--build-id=none -DVARIANT='"$*"'
	$(Q)dbg=$(if $(filter linked2,$*),$(FIX_DIR)/.debug,$(FIX_DIR))/symfix-$*.debug; \
		objcopy --only-keep-debug $@.full $$dbg && \
		strip --strip-all -o $@ $@.full && \
		objcopy --add-gnu-debuglink=$$dbg $@ && rm -f $@.full

$(TEST_DIR)/test_sym: $(SYM_FIXTURES)
tests: $(SYM_FIXTURES)

# capcheck's user stacks are walked by frame pointer.
$(TEST_DIR)/capcheck: CFLAGS += -fno-omit-frame-pointer

# Workloads with known function names for the profile, offcputime and
# wakeuptime tests (tests/fixtures/hotloop.c): non-PIE, PIE, and a stripped
# PIE whose debug file sits by build-id under a debug root of its own
# (test_sym expects the only file under debugroot/).  Frame pointers, so
# user stacks unwind past the leaf.
HOT_FIXTURES := $(addprefix $(FIX_DIR)/tkhot-,nopie pie stripped)
HOT_CC = $(CC) -g -O1 -fno-omit-frame-pointer -pthread $< -o $@

$(FIX_DIR)/tkhot-nopie: tests/fixtures/hotloop.c | $(FIX_DIR)
	$(call msg,FIXTURE,$@)
	$(Q)$(HOT_CC) -fno-pie -no-pie -Wl,--build-id=sha1 -DVARIANT='"nopie"'

$(FIX_DIR)/tkhot-pie: tests/fixtures/hotloop.c | $(FIX_DIR)
	$(call msg,FIXTURE,$@)
	$(Q)$(HOT_CC) -fPIE -pie -Wl,--build-id=sha1 -DVARIANT='"pie"'

$(FIX_DIR)/tkhot-stripped: tests/fixtures/hotloop.c | $(FIX_DIR)
	$(call msg,FIXTURE,$@)
	$(Q)$(HOT_CC).full -fPIE -pie -Wl,--build-id=sha1 -DVARIANT='"stripped"'
	$(Q)id=$$(readelf -n $@.full | sed -n 's/^ *Build ID: *//p'); \
		test -n "$$id" || { echo "no build-id in $@.full" >&2; exit 1; }; \
		d=$(FIX_DIR)/hotdebug/.build-id/$$(echo $$id | cut -c1-2); \
		mkdir -p $$d && objcopy --only-keep-debug $@.full $$d/$$(echo $$id | cut -c3-).debug
	$(Q)strip --strip-all -o $@ $@.full && rm -f $@.full

tests: $(HOT_FIXTURES)

# `make check-kernels`: the end-to-end suite on Debian's 6.1 and 6.12 kernels
# in qemu and on this kernel, once per forced attach rung (tests/kernels/run.sh;
# TK_MATRIX="6.12:fentry ..." picks a part).  Not part of `make check`.
check-kernels:
	$(Q)sh scripts/install-deps.sh --kernels
	$(Q)$(MAKE) --no-print-directory tests
	$(Q)sh tests/kernels/run.sh
