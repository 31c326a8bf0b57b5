/* SPDX-License-Identifier: GPL-2.0-only */
/* Userspace shim for <linux/hrtimer.h>: see shim/sync.h. */
#include <shim/sync.h>
