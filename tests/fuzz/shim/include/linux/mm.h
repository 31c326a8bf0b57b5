/* SPDX-License-Identifier: GPL-2.0-only */
/* Userspace shim for <linux/mm.h>: see shim/mem.h. */
#include <shim/mem.h>
