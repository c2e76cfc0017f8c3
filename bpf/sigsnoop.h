/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* sigsnoop (and killsnoop): the record BPF sends to user space. */
#ifndef SIGSNOOP_H
#define SIGSNOOP_H

/* What a record is: a signal generated, one delivered, or a kill-family
 * system call (one kind per call). */
enum sigsnoop_kind {
	SIGSNOOP_GENERATE,
	SIGSNOOP_DELIVER,
	SIGSNOOP_KILL,
	SIGSNOOP_TKILL,
	SIGSNOOP_TGKILL,
	SIGSNOOP_RT_SIGQUEUEINFO,
	SIGSNOOP_RT_TGSIGQUEUEINFO,
	SIGSNOOP_NKINDS,
};

/* result of SIGSNOOP_DELIVER: the action the receiver had for the signal */
enum { SIGSNOOP_ACT_DEFAULT, SIGSNOOP_ACT_IGNORE, SIGSNOOP_ACT_HANDLER };

struct sigsnoop_event {
	__u64 ts;		/* bpf_ktime_get_ns() */
	__s64 ret;		/* system calls: the return value, 0 or -errno */
	__u32 pid;		/* sender (deliveries: receiver) */
	__u32 tid;
	__u32 uid;
	__s32 tpid;		/* generate: target thread; calls: the pid argument
				 * (tgkill: the tid); deliver: the receiver */
	__s32 sig;
	__s32 code;		/* generate, deliver: si_code */
	__s32 result;		/* generate: the kernel's TRACE_SIGNAL_* result;
				 * deliver: SIGSNOOP_ACT_* */
	__u8 kind;		/* enum sigsnoop_kind */
	__u8 group;		/* generate: sent to the whole thread group */
	__u8 pad[2];
	char comm[16];		/* sender (deliveries: receiver) */
	char tcomm[16];		/* generate: target's command name */
};
_Static_assert(sizeof(struct sigsnoop_event) == 80, "sigsnoop ABI");

#endif
