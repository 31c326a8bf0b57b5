/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Userspace shim for <linux/irq_work.h>: the harnesses have no interrupts;
 * a queued work runs at once.
 */
#ifndef _SHIM_LINUX_IRQ_WORK_H
#define _SHIM_LINUX_IRQ_WORK_H

struct irq_work {
	void (*func)(struct irq_work *work);
};

static inline void init_irq_work(struct irq_work *work,
				 void (*func)(struct irq_work *))
{
	work->func = func;
}

static inline bool irq_work_queue(struct irq_work *work)
{
	work->func(work);
	return true;
}

static inline void irq_work_sync(struct irq_work *work)
{
}

#endif
