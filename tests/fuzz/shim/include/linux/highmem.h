/* SPDX-License-Identifier: GPL-2.0-only */
/* Userspace shim for <linux/highmem.h>: see shim/mem.h. */
#include <shim/mem.h>
