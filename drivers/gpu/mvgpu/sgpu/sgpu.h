/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The reference software GPU: private structures.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_SGPU_H_
#define _MVGPU_SGPU_H_

#include <linux/device.h>
#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/mvgpu_backend.h>

#include "sgpu/engine.h"

#define SGPU_MAX_DEVICES	256
#define SGPU_GGTT_SIZE		(4ull << 30)
#define SGPU_APERTURE_SIZE	(512ull << 20)
#define SGPU_HOST_APERTURE	(64ull << 20)
#define SGPU_HOST_HIDDEN	(256ull << 20)
/* GGTT entries written under the GGTT lock at a time by a fill. */
#define SGPU_GGTT_FILL_CHUNK	4096u

/**
 * struct sgpu_gpu - the device model: translation table and engines
 * @name: for messages and thread names ("sgpu0")
 * @ggtt_lock: serializes GGTT entry updates (readers use READ_ONCE)
 * @ggtt: the global GTT, one entry per 4 KiB page
 * @nr_ggtt: entries in @ggtt
 * @ggtt_invalidates: GGTT invalidates asked for (sgpu_gpu_ggtt_invalidate())
 * @ppgtt_faults: engine accesses whose per-process translation faulted
 * @fault: called, in hard interrupt context, when an engine faults (the
 *	error interrupt of sgpu_engine_fault()), or NULL
 * @fault_priv: cookie for @fault
 * @epoch_ns: ktime_get_ns() at creation; the timestamps count from it
 * @engines: the engines, indexed by MVGPU_ENGINE_*
 * @debugfs: the GPU's debugfs directory, or NULL
 *
 * Nothing here knows about the mediation core: a KUnit test builds one
 * with sgpu_gpu_init() and drives it directly.
 */
struct sgpu_gpu {
	char name[16];
	spinlock_t ggtt_lock;	/* serializes GGTT entry updates */
	u64 *ggtt;
	u32 nr_ggtt;
	atomic64_t ggtt_invalidates;
	atomic64_t ppgtt_faults;
	void (*fault)(void *priv, u32 engine);
	void *fault_priv;
	u64 epoch_ns;
	struct sgpu_engine engines[MVGPU_NUM_ENGINES];
	struct dentry *debugfs;
};

/**
 * struct sgpu_device - one software physical GPU
 * @dev: device on the mvgpu_sgpu bus; the mdev parent
 * @id: instance number (device name sgpu<id>)
 * @node: entry in the list of devices
 * @dying: being removed: its id stays taken, it cannot be removed again
 * @gpu: the device model, while the driver is bound
 * @pgpu: the core's handle while the driver is bound
 * @probe_err: why the driver's probe failed, for new_device
 */
struct sgpu_device {
	struct device dev;
	unsigned int id;
	struct list_head node;
	bool dying;
	struct sgpu_gpu gpu;
	struct mvgpu_pgpu *pgpu;
	int probe_err;
};

extern const struct bus_type sgpu_bus_type;
extern struct device_driver sgpu_driver;
extern struct dentry *sgpu_debugfs_root;

int sgpu_device_create(unsigned int id);
int sgpu_device_destroy(unsigned int id);
void sgpu_device_destroy_all(void);

/* gpu.c */
int sgpu_gpu_init(struct sgpu_gpu *gpu, const char *name, u32 nr_ggtt,
		  struct dentry *debugfs_parent);
void sgpu_gpu_fini(struct sgpu_gpu *gpu);
void sgpu_gpu_ggtt_write(struct sgpu_gpu *gpu, u32 index, u64 pte);
u64 sgpu_gpu_ggtt_read(struct sgpu_gpu *gpu, u32 index);
void sgpu_gpu_ggtt_fill(struct sgpu_gpu *gpu, u32 index, u32 count, u64 pte);
void sgpu_gpu_ggtt_invalidate(struct sgpu_gpu *gpu);
void sgpu_gpu_set_fault_handler(struct sgpu_gpu *gpu,
				void (*fault)(void *priv, u32 engine),
				void *priv);
int sgpu_gpu_submit(struct sgpu_gpu *gpu, struct mvgpu_hw_workload *wl);
void sgpu_gpu_engine_reset(struct sgpu_gpu *gpu, u32 engine);
void sgpu_gpu_engine_preempt(struct sgpu_gpu *gpu, u32 engine);
u64 sgpu_gpu_timestamp(struct sgpu_gpu *gpu, u32 engine);
u64 sgpu_gpu_gpr(struct sgpu_gpu *gpu, u32 engine, unsigned int n);

#endif /* _MVGPU_SGPU_H_ */
