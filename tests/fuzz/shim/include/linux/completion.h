/* SPDX-License-Identifier: GPL-2.0-only */
/* Userspace shim for <linux/completion.h>: one thread at a time. */
#ifndef _SHIM_LINUX_COMPLETION_H
#define _SHIM_LINUX_COMPLETION_H

struct completion {
	unsigned int done;
};

static inline void init_completion(struct completion *x)
{
	x->done = 0;
}

static inline void complete(struct completion *x)
{
	x->done++;
}

#endif
