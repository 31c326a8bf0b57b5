/* SPDX-License-Identifier: GPL-2.0-only */
/* Userspace shim for <linux/module.h>: see shim/base.h. */
#include <shim/base.h>
