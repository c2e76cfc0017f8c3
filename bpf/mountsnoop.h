/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* mountsnoop: the record BPF sends to user space. */
#ifndef MOUNTSNOOP_H
#define MOUNTSNOOP_H

#define MOUNTSNOOP_STR_LEN 256
#define MOUNTSNOOP_FSTYPE_LEN 64

enum mountsnoop_call {
	MOUNTSNOOP_MOUNT, MOUNTSNOOP_UMOUNT, MOUNTSNOOP_FSOPEN, MOUNTSNOOP_FSCONFIG,
	MOUNTSNOOP_FSMOUNT, MOUNTSNOOP_MOVE_MOUNT, MOUNTSNOOP_OPEN_TREE, MOUNTSNOOP_NCALLS,
};

/* Bits of nulls: the string argument was a NULL pointer. */
enum { MOUNTSNOOP_NULL_SOURCE = 1, MOUNTSNOOP_NULL_TARGET = 2, MOUNTSNOOP_NULL_FSTYPE = 4,
       MOUNTSNOOP_NULL_DATA = 8 };

/* Which argument lands where, per call:
 *            source      target     fstype   data    flags  fd        fd2     aux
 * mount      source      target     fstype   data    flags
 * umount                 target                      flags
 * fsopen                            fs_name          flags
 * fsconfig                          key      value          fd        cmd     aux
 * fsmount                                            flags  fs_fd             attr_flags
 * move_mount from_path   to_path                     flags  from_dfd  to_dfd
 * open_tree  filename                                flags  dfd
 */
struct mountsnoop_event {
	__u64 ts;		/* bpf_ktime_get_ns() at return */
	__s64 ret;		/* return value, or -errno */
	__u64 flags;
	__u64 aux;
	__s64 fd;
	__s64 fd2;
	__u32 mnt_ns;		/* inode number of the caller's mount namespace */
	__u32 pid;
	__u32 tid;
	__u32 call;		/* enum mountsnoop_call */
	__u32 nulls;		/* MOUNTSNOOP_NULL_* */
	__u32 pad;
	char comm[16];
	char source[MOUNTSNOOP_STR_LEN];
	char target[MOUNTSNOOP_STR_LEN];
	char fstype[MOUNTSNOOP_FSTYPE_LEN];
	char data[MOUNTSNOOP_STR_LEN];
};
_Static_assert(sizeof(struct mountsnoop_event) ==
	       72 + 16 + 3 * MOUNTSNOOP_STR_LEN + MOUNTSNOOP_FSTYPE_LEN, "mountsnoop ABI");

#endif
