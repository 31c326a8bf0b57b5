/* SPDX-License-Identifier: GPL-2.0-only */
/* Userspace shim for <kunit/visibility.h>: see shim/base.h. */
#include <shim/base.h>
