/* SPDX-License-Identifier: GPL-2.0-only */
/* Userspace shim for <linux/lockdep_types.h>: no lock classes. */
#ifndef _SHIM_LINUX_LOCKDEP_TYPES_H
#define _SHIM_LINUX_LOCKDEP_TYPES_H

struct lockdep_map {
	int unused;
};

#endif
