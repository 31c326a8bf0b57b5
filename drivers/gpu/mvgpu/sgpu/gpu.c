// SPDX-License-Identifier: GPL-2.0-only
/*
 * The software GPU's device model as a whole: its GGTT, its engines and
 * its clock.  struct sgpu_device (device.c) wraps one for the bus and the
 * mediation core; KUnit builds bare ones.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/debugfs.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/sched.h>
#include <linux/timekeeping.h>
#include <linux/vmalloc.h>
#include <kunit/visibility.h>

#include "sgpu/sgpu.h"

/**
 * sgpu_gpu_init() - build a software GPU's device model
 * @gpu: zeroed storage
 * @name: name for messages, threads and debugfs ("sgpu0")
 * @nr_ggtt: GGTT entries (4 KiB of graphics memory each)
 * @debugfs_parent: where to create the GPU's debugfs directory, or NULL
 *	for none
 *
 * All GGTT entries start not present.  The engines are idle and ready.
 *
 * Return: 0, -ENOMEM, or the error of creating an engine thread.
 */
int sgpu_gpu_init(struct sgpu_gpu *gpu, const char *name, u32 nr_ggtt,
		  struct dentry *debugfs_parent)
{
	int ret;
	u32 i;

	strscpy(gpu->name, name, sizeof(gpu->name));
	spin_lock_init(&gpu->ggtt_lock);
	gpu->nr_ggtt = nr_ggtt;
	gpu->ggtt = vcalloc(nr_ggtt, sizeof(*gpu->ggtt));
	if (!gpu->ggtt)
		return -ENOMEM;
	gpu->epoch_ns = ktime_get_ns();
	if (debugfs_parent)
		gpu->debugfs = debugfs_create_dir(gpu->name, debugfs_parent);
	sgpu_debugfs_gpu_init(gpu);

	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		ret = sgpu_engine_init(&gpu->engines[i], gpu, i);
		if (ret)
			goto err_engines;
	}
	return 0;

err_engines:
	while (i--)
		sgpu_engine_fini(&gpu->engines[i]);
	debugfs_remove_recursive(gpu->debugfs);
	vfree(gpu->ggtt);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(sgpu_gpu_init);

/**
 * sgpu_gpu_fini() - stop the engines and free the device model
 * @gpu: initialized by sgpu_gpu_init()
 *
 * Work still queued is cancelled (completed with -ECANCELED).  The caller
 * makes sure nothing submits any more.
 */
void sgpu_gpu_fini(struct sgpu_gpu *gpu)
{
	u32 i = MVGPU_NUM_ENGINES;

	/* The engine files go first: they point into the engines. */
	debugfs_remove_recursive(gpu->debugfs);
	while (i--)
		sgpu_engine_fini(&gpu->engines[i]);
	vfree(gpu->ggtt);
}
EXPORT_SYMBOL_IF_KUNIT(sgpu_gpu_fini);

/**
 * sgpu_gpu_ggtt_write() - write a GGTT entry
 * @gpu: software GPU
 * @index: entry, below @gpu->nr_ggtt
 * @pte: MVGPU_GTT_PTE_* format; the address is a physical address
 *
 * Engines see the new entry from their next access on.  Does not sleep.
 */
void sgpu_gpu_ggtt_write(struct sgpu_gpu *gpu, u32 index, u64 pte)
{
	if (WARN_ON_ONCE(index >= gpu->nr_ggtt))
		return;
	spin_lock(&gpu->ggtt_lock);
	WRITE_ONCE(gpu->ggtt[index], pte);
	spin_unlock(&gpu->ggtt_lock);
}
EXPORT_SYMBOL_IF_KUNIT(sgpu_gpu_ggtt_write);

/**
 * sgpu_gpu_ggtt_fill() - write one value to a range of GGTT entries
 * @gpu: software GPU
 * @index: first entry
 * @count: entries; the range must be below @gpu->nr_ggtt
 * @pte: MVGPU_GTT_PTE_* format
 *
 * May sleep (between chunks of entries).
 */
void sgpu_gpu_ggtt_fill(struct sgpu_gpu *gpu, u32 index, u32 count, u64 pte)
{
	u32 i, end;

	if (WARN_ON_ONCE(index >= gpu->nr_ggtt ||
			 count > gpu->nr_ggtt - index))
		return;
	while (count) {
		end = index + min(count, SGPU_GGTT_FILL_CHUNK);
		spin_lock(&gpu->ggtt_lock);
		for (i = index; i < end; i++)
			WRITE_ONCE(gpu->ggtt[i], pte);
		spin_unlock(&gpu->ggtt_lock);
		count -= end - index;
		index = end;
		cond_resched();
	}
}

/**
 * sgpu_gpu_ggtt_invalidate() - make GGTT writes visible to the engines
 * @gpu: software GPU
 *
 * The engines read the GGTT on every access and cache no translation, and
 * the entry writes are published by the GGTT lock: there is nothing to
 * flush.  Counted (debugfs "ggtt"), so tests see the core ask for it.
 */
void sgpu_gpu_ggtt_invalidate(struct sgpu_gpu *gpu)
{
	atomic64_inc(&gpu->ggtt_invalidates);
}

/**
 * sgpu_gpu_set_fault_handler() - who hears the engines' error interrupts
 * @gpu: software GPU
 * @fault: called in hard interrupt context with @priv and the engine when
 *	an engine faults, or NULL for nobody
 * @priv: cookie for @fault
 *
 * Clearing it waits for a call in progress: afterwards @fault is not
 * running and will not run.
 */
void sgpu_gpu_set_fault_handler(struct sgpu_gpu *gpu,
				void (*fault)(void *priv, u32 engine),
				void *priv)
{
	unsigned int i;

	if (fault) {
		gpu->fault_priv = priv;
		/* The handler sees @priv (pairs with fault_irq()). */
		smp_store_release(&gpu->fault, fault);
		return;
	}
	WRITE_ONCE(gpu->fault, NULL);
	for (i = 0; i < MVGPU_NUM_ENGINES; i++)
		irq_work_sync(&gpu->engines[i].fault_irq);
}

/**
 * sgpu_gpu_ggtt_read() - read a GGTT entry
 * @gpu: software GPU
 * @index: entry, below @gpu->nr_ggtt
 *
 * Return: the entry (0 for an index out of range).
 */
u64 sgpu_gpu_ggtt_read(struct sgpu_gpu *gpu, u32 index)
{
	if (WARN_ON_ONCE(index >= gpu->nr_ggtt))
		return 0;
	return READ_ONCE(gpu->ggtt[index]);
}

/**
 * sgpu_gpu_submit() - queue a workload on its engine
 * @gpu: software GPU
 * @wl: the workload; @wl->complete is called once it ends
 *
 * Return: 0, or -EINVAL for an engine the GPU does not have.
 */
int sgpu_gpu_submit(struct sgpu_gpu *gpu, struct mvgpu_hw_workload *wl)
{
	if (wl->engine >= MVGPU_NUM_ENGINES)
		return -EINVAL;
	return sgpu_engine_submit(&gpu->engines[wl->engine], wl);
}
EXPORT_SYMBOL_IF_KUNIT(sgpu_gpu_submit);

/**
 * sgpu_gpu_engine_preempt() - preempt one engine's executing workload
 * @gpu: software GPU
 * @engine: MVGPU_ENGINE_*
 *
 * See sgpu_engine_preempt().
 */
void sgpu_gpu_engine_preempt(struct sgpu_gpu *gpu, u32 engine)
{
	if (WARN_ON_ONCE(engine >= MVGPU_NUM_ENGINES))
		return;
	sgpu_engine_preempt(&gpu->engines[engine]);
}
EXPORT_SYMBOL_IF_KUNIT(sgpu_gpu_engine_preempt);

/**
 * sgpu_gpu_engine_reset() - reset one engine
 * @gpu: software GPU
 * @engine: MVGPU_ENGINE_*
 *
 * See sgpu_engine_reset().  Must not be called from a workload's
 * completion callback.
 */
void sgpu_gpu_engine_reset(struct sgpu_gpu *gpu, u32 engine)
{
	if (WARN_ON_ONCE(engine >= MVGPU_NUM_ENGINES))
		return;
	sgpu_engine_reset(&gpu->engines[engine]);
}
EXPORT_SYMBOL_IF_KUNIT(sgpu_gpu_engine_reset);

/**
 * sgpu_gpu_timestamp() - an engine's timestamp
 * @gpu: software GPU
 * @engine: MVGPU_ENGINE_*
 *
 * The engines share one free-running clock at MVGPU_TIMESTAMP_HZ that
 * started when the GPU was created.
 *
 * Return: ticks since the GPU's creation.
 */
u64 sgpu_gpu_timestamp(struct sgpu_gpu *gpu, u32 engine)
{
	u64 ns = ktime_get_ns() - gpu->epoch_ns;

	WARN_ON_ONCE(engine >= MVGPU_NUM_ENGINES);
	return mul_u64_u32_div(ns, MVGPU_TIMESTAMP_HZ, NSEC_PER_SEC);
}
EXPORT_SYMBOL_IF_KUNIT(sgpu_gpu_timestamp);

/**
 * sgpu_gpu_gpr() - read an engine's general purpose register
 * @gpu: software GPU
 * @engine: MVGPU_ENGINE_*
 * @n: register, below MVGPU_NUM_GPRS
 *
 * Meaningful while the engine is idle: an MI_LOAD_REGISTER_IMM executing
 * may have loaded one half of the register and not yet the other.
 *
 * Return: the 64-bit register value (0 for bad arguments).
 */
u64 sgpu_gpu_gpr(struct sgpu_gpu *gpu, u32 engine, unsigned int n)
{
	if (WARN_ON_ONCE(engine >= MVGPU_NUM_ENGINES || n >= MVGPU_NUM_GPRS))
		return 0;
	return READ_ONCE(gpu->engines[engine].gpr[n]);
}
EXPORT_SYMBOL_IF_KUNIT(sgpu_gpu_gpr);
