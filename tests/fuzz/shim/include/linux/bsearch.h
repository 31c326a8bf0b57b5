/* SPDX-License-Identifier: GPL-2.0-only */
/* Userspace shim for <linux/bsearch.h>: the C library's bsearch(). */
#include <stdlib.h>
