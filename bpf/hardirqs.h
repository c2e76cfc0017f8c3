/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* hardirqs: maps keyed by interrupt handler name. */
#ifndef HARDIRQS_H
#define HARDIRQS_H

#define HARDIRQ_NAME_LEN 32

struct hardirqs_key {
	char name[HARDIRQ_NAME_LEN];	/* the handler's name, as /proc/interrupts shows it */
};
_Static_assert(sizeof(struct hardirqs_key) == 32, "hardirqs ABI");

#endif
