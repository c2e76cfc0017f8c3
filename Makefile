# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# tracekit: one Makefile for every tool.  `make help` lists the targets.

VERSION := 0.1.0

# Adding a tool = one word here plus bpf/<tool>.bpf.c, bpf/<tool>.h,
# tools/<tool>.c, man/man8/<tool>.8 and its test.
TOOLS := bindsnoop biolatency capable cpudist cpufreq execsnoop exitsnoop filelife futexctn hardirqs klockstat llcstat mountsnoop offcputime oomkill opensnoop profile runqlat runqlen runqslower setuids sigsnoop softirqs solisten statsnoop syncsnoop syscount tcpaccept tcpconnect tcpconnlat tcpdrop tcplife tcpretrans tcprtt tcpstates tcptop tcptracer threadsnoop wakeuptime

# argv[0] aliases, alias=tool (alphabetical): a symlink to the tool's binary,
# which behaves as the alias when run under that name (common/alias.h), and
# the alias's own man/man8/<alias>.8 and tests/e2e/<alias>.sh.
ALIASES := killsnoop=sigsnoop

OUTPUT ?= .output
ARCH ?= $(shell uname -m | sed -e 's/x86_64/x86/' -e 's/aarch64/arm64/' -e 's/ppc64le/powerpc/' \
			-e 's/riscv64/riscv/' -e 's/s390x/s390/' -e 's/loongarch64/loongarch/')
CROSS_COMPILE ?=
CC := $(CROSS_COMPILE)gcc
AR := $(CROSS_COMPILE)ar
CLANG ?= clang
BPFTOOL ?= bpftool
PKG_CONFIG ?= pkg-config
PREFIX ?= /usr/local
DESTDIR ?=
APP_PREFIX ?=
EXTRA_CFLAGS ?=
EXTRA_LDFLAGS ?=

ifeq ($(V),1)
Q :=
msg =
else
Q := @
msg = @printf '  %-8s %s\n' "$(1)" "$(2)";
endif

# Warnings are errors in CI (CI=true) or with WERROR=1.
ifeq ($(CI),true)
WERROR ?= 1
endif
ifeq ($(WERROR),1)
WERROR_FLAG := -Werror
endif

# libbpf: the submodule when it is checked out (built static), else the
# system library found by pkg-config.
LIBBPF_SRC := $(abspath libbpf/src)
ifneq ($(wildcard $(LIBBPF_SRC)/Makefile),)
LIBBPF_MODE := submodule
LIBBPF_DIR := $(abspath $(OUTPUT)/libbpf)
LIBBPF_A := $(LIBBPF_DIR)/libbpf.a
LIBBPF_CFLAGS := -I$(LIBBPF_DIR)/include
LIBBPF_LIBS := $(LIBBPF_A) -lelf -lz
else
LIBBPF_MODE := system
LIBBPF_A :=
LIBBPF_CFLAGS = $(shell $(PKG_CONFIG) --cflags libbpf 2>/dev/null)
LIBBPF_LIBS = $(shell $(PKG_CONFIG) --libs libbpf 2>/dev/null || echo -lbpf) -lelf -lz
endif

VMLINUX_H := vmlinux/$(ARCH)/vmlinux.h
SKEL_DIR := $(OUTPUT)/skel
BIN_DIR := $(OUTPUT)/bin

# clang does not search the host's system headers for -target bpf; the BPF
# side only needs <bpf/...>, which lives there in system mode.
CLANG_SYS_INCLUDES = $(shell $(CLANG) -v -E - </dev/null 2>&1 | \
	sed -n '/<...> search starts here:/,/End of search list./{ s| \(/.*\)|-idirafter \1|p }')

BPF_CFLAGS := -g -O2 -target bpf -D__TARGET_ARCH_$(ARCH) -Wall -Wno-unused-function \
	-I$(dir $(VMLINUX_H)) -Icommon -Ibpf
CFLAGS := -g -O2 -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Wno-missing-field-initializers $(WERROR_FLAG) \
	-I$(OUTPUT) -I$(SKEL_DIR) -Icommon -Ibpf -DTK_VERSION='"$(VERSION)"' $(EXTRA_CFLAGS)
LDFLAGS := $(EXTRA_LDFLAGS)

COMMON_SRCS := $(wildcard common/*.c)
COMMON_OBJS := $(patsubst common/%.c,$(OUTPUT)/common/%.o,$(COMMON_SRCS))
GEN_DIR := $(OUTPUT)/gen
GEN_OBJS := $(GEN_DIR)/names_gen.o
LIBTK := $(OUTPUT)/libtracekit.a
BINS := $(addprefix $(BIN_DIR)/,$(TOOLS))
ALIAS_NAMES := $(foreach a,$(ALIASES),$(firstword $(subst =, ,$(a))))
ALIAS_LINKS := $(addprefix $(BIN_DIR)/,$(ALIAS_NAMES))
# The tool an alias runs: $(call alias_target,ALIAS).
alias_target = $(word 2,$(subst =, ,$(filter $(1)=%,$(ALIASES))))

.DELETE_ON_ERROR:
.SECONDARY:
.PHONY: all clean vmlinux install uninstall check check-unit check-cli check-e2e deps run bench bench-startup help \
	check-kernels \
	libbpf-info tests list-tools list-aliases

all: libbpf-info $(BINS) $(ALIAS_LINKS)

help:
	@echo 'make                 build every tool into $(BIN_DIR)/'
	@echo 'make run TOOL=name ARGS="..."   install build dependencies, build, run one tool'
	@echo 'make check           install dependencies, build, run all tests (root for end-to-end)'
	@echo 'make check-kernels   end-to-end tests in qemu on Debian 6.1/6.12 per attach rung (tests/kernels/)'
	@echo 'make bench           compare opensnoop with bpftrace (docs/performance.md)'
	@echo 'make bench-startup   time from start to attached: profile beside opensnoop'
	@echo 'make vmlinux         regenerate $(VMLINUX_H) from /sys/kernel/btf/vmlinux'
	@echo 'make install         PREFIX=$(PREFIX) DESTDIR= APP_PREFIX= (e.g. bpf-)'
	@echo 'make deps            install missing Debian build dependencies (scripts/install-deps.sh)'
	@echo 'variables: V=1 ARCH CROSS_COMPILE CLANG BPFTOOL EXTRA_CFLAGS EXTRA_LDFLAGS WERROR=1'

libbpf-info:
	@echo "  libbpf   $(LIBBPF_MODE)$(if $(filter system,$(LIBBPF_MODE)), $(shell $(PKG_CONFIG) --modversion libbpf 2>/dev/null))"

# ---- libbpf from the submodule ----
$(LIBBPF_DIR)/libbpf.a: $(wildcard $(LIBBPF_SRC)/*.[ch] $(LIBBPF_SRC)/Makefile)
	$(call msg,LIB,libbpf.a (submodule))
	$(Q)mkdir -p $(LIBBPF_DIR)/obj
	$(Q)$(MAKE) -s -C $(LIBBPF_SRC) BUILD_STATIC_ONLY=1 OBJDIR=$(LIBBPF_DIR)/obj \
		DESTDIR=$(LIBBPF_DIR) INCLUDEDIR=/include LIBDIR= UAPIDIR= \
		CC="$(CC)" install >/dev/null
	$(Q)touch $@

# ---- BPF objects and skeletons ----
$(OUTPUT)/bpf/%.bpf.o: bpf/%.bpf.c $(VMLINUX_H) $(LIBBPF_A) | $(OUTPUT)/bpf
	$(call msg,BPF,$@)
	$(Q)$(CLANG) $(BPF_CFLAGS) $(LIBBPF_CFLAGS) $(CLANG_SYS_INCLUDES) -MMD -MP -c $< -o $@

$(SKEL_DIR)/%.skel.h: $(OUTPUT)/bpf/%.bpf.o | $(SKEL_DIR)
	$(call msg,GEN-SKEL,$@)
	$(Q)$(BPFTOOL) gen skeleton $< name $*_bpf > $@

# ---- user space ----
$(OUTPUT)/common/%.o: common/%.c $(LIBBPF_A) | $(OUTPUT)/common
	$(call msg,CC,$@)
	$(Q)$(CC) $(CFLAGS) $(LIBBPF_CFLAGS) -MMD -MP -c $< -o $@

# ---- generated: the target's syscall and errno names (common/names.h) ----
# `$(CC) -dM -E` over <asm/unistd.h> and <errno.h>, so CROSS_COMPILE works.
$(GEN_DIR)/names_gen.c: scripts/gen-names.sh | $(GEN_DIR)
	$(call msg,GEN,$@)
	$(Q)sh scripts/gen-names.sh $(CC) $(EXTRA_CFLAGS) >$@

$(GEN_DIR)/%.o: $(GEN_DIR)/%.c | $(GEN_DIR)
	$(call msg,CC,$@)
	$(Q)$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(LIBTK): $(COMMON_OBJS) $(GEN_OBJS)
	$(call msg,AR,$@)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(OUTPUT)/tools/%.o: tools/%.c $(SKEL_DIR)/%.skel.h $(LIBBPF_A) | $(OUTPUT)/tools
	$(call msg,CC,$@)
	$(Q)$(CC) $(CFLAGS) $(LIBBPF_CFLAGS) -MMD -MP -c $< -o $@

$(BIN_DIR)/%: $(OUTPUT)/tools/%.o $(LIBTK) $(LIBBPF_A) | $(BIN_DIR)
	$(call msg,BINARY,$@)
	$(Q)$(CC) $(LDFLAGS) $< $(LIBTK) $(LIBBPF_LIBS) -o $@

$(ALIAS_LINKS): $(BIN_DIR)/%: | $(BINS)
	$(call msg,LN,$@)
	$(Q)ln -sfn $(call alias_target,$*) $@

$(OUTPUT)/bpf $(OUTPUT)/common $(OUTPUT)/tools $(GEN_DIR) $(SKEL_DIR) $(BIN_DIR):
	$(Q)mkdir -p $@

vmlinux:
	$(call msg,GEN,$(VMLINUX_H))
	$(Q)mkdir -p $(dir $(VMLINUX_H))
	$(Q){ echo '/* SPDX-License-Identifier: GPL-2.0-only */'; \
	      echo '/* Kernel types from BTF of $(shell uname -r), by make vmlinux (bpftool btf dump). */'; \
	      $(BPFTOOL) btf dump file /sys/kernel/btf/vmlinux format c; } > $(VMLINUX_H).tmp
	$(Q)mv $(VMLINUX_H).tmp $(VMLINUX_H)

# ---- install ----
install: all
	install -d $(DESTDIR)$(PREFIX)/sbin $(DESTDIR)$(PREFIX)/share/man/man8
	for t in $(TOOLS); do \
		install -m 0755 $(BIN_DIR)/$$t $(DESTDIR)$(PREFIX)/sbin/$(APP_PREFIX)$$t; \
		install -m 0644 man/man8/$$t.8 $(DESTDIR)$(PREFIX)/share/man/man8/$(APP_PREFIX)$$t.8; \
	done
	for a in $(ALIASES); do \
		ln -sfn $(APP_PREFIX)$${a#*=} $(DESTDIR)$(PREFIX)/sbin/$(APP_PREFIX)$${a%%=*}; \
		install -m 0644 man/man8/$${a%%=*}.8 $(DESTDIR)$(PREFIX)/share/man/man8/$(APP_PREFIX)$${a%%=*}.8; \
	done

uninstall:
	for t in $(TOOLS) $(ALIAS_NAMES); do \
		rm -f $(DESTDIR)$(PREFIX)/sbin/$(APP_PREFIX)$$t \
		      $(DESTDIR)$(PREFIX)/share/man/man8/$(APP_PREFIX)$$t.8; \
	done

# ---- dependencies, running, tests ----
deps:
	$(Q)sh scripts/install-deps.sh

run: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)test -n "$(TOOL)" || { echo 'make run: say which tool, e.g. make run TOOL=opensnoop'; exit 2; }
	$(BIN_DIR)/$(TOOL) $(ARGS)

include tests/tests.mk
include bench/bench.mk

# Every command name: the tools and their aliases.
list-tools:
	@echo $(sort $(TOOLS) $(ALIAS_NAMES))

list-aliases:
	@echo $(ALIASES)

clean:
	$(call msg,CLEAN,$(OUTPUT))
	$(Q)rm -rf $(OUTPUT)

-include $(wildcard $(OUTPUT)/*/*.d $(OUTPUT)/*/*/*.d)
