/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Userspace shim for <linux/errno.h>: the C library includes this name
 * itself, so the system header comes first, then shim/base.h.
 */
#include_next <linux/errno.h>
#include <shim/base.h>
