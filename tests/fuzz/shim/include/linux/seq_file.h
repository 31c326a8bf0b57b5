/* SPDX-License-Identifier: GPL-2.0-only */
/* Userspace shim for <linux/seq_file.h>: see shim/dev.h. */
#include <shim/dev.h>
