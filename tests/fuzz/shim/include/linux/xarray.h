/* SPDX-License-Identifier: GPL-2.0-only */
/* Userspace shim for <linux/xarray.h>: see shim/xarray.h. */
#include <shim/xarray.h>
