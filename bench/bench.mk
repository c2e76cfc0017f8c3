# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# `make bench`: opensnoop against bpftrace's opensnoop.bt on one open loop
# (bench/run.sh; what it measures: docs/performance.md).  Needs root.
# BENCH_ROUNDS=5 BENCH_SECONDS=3 tune the run; a full run takes about 2 minutes.

BENCH_DIR_OUT := $(OUTPUT)/bench
OPENLOOP := $(BENCH_DIR_OUT)/openloop

$(BENCH_DIR_OUT):
	$(Q)mkdir -p $@

$(OPENLOOP): bench/openloop.c | $(BENCH_DIR_OUT)
	$(call msg,CC,$@)
	$(Q)$(CC) $(CFLAGS) -MMD -MP $< -o $@

bench: $(BIN_DIR)/opensnoop $(OPENLOOP)
	$(Q)sh bench/run.sh $(BIN_DIR)/opensnoop $(OPENLOOP)

# `make bench-startup`: time from exec to attached, profile beside opensnoop
# (bench/startup.sh).  Needs root.
bench-startup: $(BIN_DIR)/opensnoop $(BIN_DIR)/profile
	$(Q)sh bench/startup.sh $(BIN_DIR) opensnoop profile "profile -U" "profile -K" execsnoop
