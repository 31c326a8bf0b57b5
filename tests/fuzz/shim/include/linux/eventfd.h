/* SPDX-License-Identifier: GPL-2.0-only */
/* Userspace shim for <linux/eventfd.h>: see shim/dev.h. */
#include <shim/dev.h>
