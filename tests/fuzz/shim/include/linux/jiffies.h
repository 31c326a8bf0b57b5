/* SPDX-License-Identifier: GPL-2.0-only */
/* Userspace shim for <linux/jiffies.h>: see shim/base.h. */
#include <shim/base.h>
