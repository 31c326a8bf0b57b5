/* SPDX-License-Identifier: GPL-2.0-only */
/* Userspace shim for <asm/byteorder.h>: see shim/base.h. */
#include <shim/base.h>
