/* SPDX-License-Identifier: GPL-2.0-only */
/* Userspace shim for <linux/device.h>: see shim/dev.h. */
#include <shim/dev.h>
