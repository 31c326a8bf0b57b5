/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A vGPU built by the core itself (mvgpu_vgpu_init()) on a fake physical
 * GPU, for the fuzz targets that go through BAR0.  The scheduler is a
 * model the harness drives (struct fake_sched): the core's engines submit
 * to it, and the harness picks, completes, preempts or hangs workloads.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_FUZZ_FAKE_VGPU_H
#define _MVGPU_FUZZ_FAKE_VGPU_H

#include "mvgpu_drv.h"
#include "fake_mem.h"

/**
 * struct fake_sched - the scheduler's view of one vGPU engine
 * @ready: it has a workload to run (queued, or preempted and resumable)
 * @running: the workload is on the physical engine
 */
struct fake_sched {
	bool ready;
	bool running;
};

/**
 * struct fake_world - one physical GPU and one vGPU on it
 * @pgpu: the physical GPU
 * @dev: its device
 * @vdev_dev: the vGPU's device
 * @vgpu: the vGPU, or NULL
 * @sched: per engine
 * @paused: nesting of mvgpu_sched_pause()
 * @efd: eventfds handed to the vGPU's interrupt triggers
 * @nr_efd: used entries of @efd
 * @open: the vGPU's device is open
 * @touched: GTT entries that may have changed since the last check (see
 *	fake_world_check())
 */
struct fake_world {
	struct mvgpu_pgpu pgpu;
	struct device dev;
	struct device vdev_dev;
	struct mvgpu_vgpu *vgpu;
	struct fake_sched sched[MVGPU_NUM_ENGINES];
	unsigned int paused;
	struct eventfd_ctx efd[32];
	unsigned int nr_efd;
	bool open;
	unsigned long *touched;
};

/* What the MSI trigger saw during an operation (fake_irq_before()). */
struct fake_irq_snap {
	struct eventfd_ctx *msi;
	unsigned long signals;
	u64 edges;
};

extern struct fake_world world;

int fake_world_begin(unsigned int type, long fail_alloc);
void fake_world_end(void);
void fake_world_check(void);
void fake_sched_event(unsigned int engine, unsigned int what, u32 arg);
void fake_reset(void);
void fake_touch_gtt(u64 offset, unsigned int bytes);
void fake_irq_op(u8 what);
void fake_irq_before(struct fake_irq_snap *snap);
void fake_irq_after(const struct fake_irq_snap *snap);
int fz_bar0_write(struct mvgpu_vgpu *vgpu, u64 offset, u64 val,
		  unsigned int bytes);
int fz_bar0_read(struct mvgpu_vgpu *vgpu, u64 offset, u64 *val,
		 unsigned int bytes);

#endif /* _MVGPU_FUZZ_FAKE_VGPU_H */
