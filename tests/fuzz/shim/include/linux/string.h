/* SPDX-License-Identifier: GPL-2.0-only */
/* Userspace shim for <linux/string.h>: see shim/base.h. */
#include <shim/base.h>
