/* SPDX-License-Identifier: GPL-2.0-only */
/* Userspace shim for <linux/gfp.h>: see shim/mem.h. */
#include <shim/mem.h>
