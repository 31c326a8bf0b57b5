/* SPDX-License-Identifier: GPL-2.0-only */
/* Userspace shim for <linux/list.h>: see shim/list.h. */
#include <shim/list.h>
