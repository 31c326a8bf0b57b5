// SPDX-License-Identifier: GPL-2.0-only
/*
 * mvgpu_drm: jobs and SUBMIT.
 *
 * One drm_gpu_scheduler per engine, one entity per file and engine.
 * SUBMIT copies and validates the batch (mvgpu_cmd.c) before it returns,
 * so a process learns at once that a batch is refused, and a batch cannot
 * change after it was checked.  The job waits for its in-syncs and for
 * the implicit fences of its buffers, then runs (mvgpu_drm_engine_run()); its
 * finished fence goes to the out-sync and to its buffers' reservations.
 * The scheduler gives an engine one job at a time (credit limit 1), so a
 * failed job is always the engine's only one.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/dma-resv.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>

#include <drm/drm_file.h>
#include <drm/drm_gem.h>
#include <drm/drm_print.h>
#include <drm/drm_syncobj.h>

#include <drm/mvgpu_drm.h>

#include "mvgpu_drv.h"

static unsigned int job_timeout_ms = 30000;
module_param(job_timeout_ms, uint, 0444);
MODULE_PARM_DESC(job_timeout_ms,
		 "A job still running after this long is stopped and its engine reset (ms, default 30000; the host's hang watchdog usually acts first)");

/**
 * struct mvgpu_job - one SUBMIT
 * @base: the scheduler's job
 * @eng: its engine
 * @vm: its address space (a reference)
 * @batch: the validated copy of the batch
 * @len: its size in bytes
 * @bos: the buffers it listed (references)
 * @bo_count: how many
 * @hw_fence: its hardware fence once it runs
 */
struct mvgpu_job {
	struct drm_sched_job base;
	struct mvgpu_engine *eng;
	struct mvgpu_vm *vm;
	u32 *batch;
	u32 len;
	struct drm_gem_object **bos;
	u32 bo_count;
	struct dma_fence *hw_fence;
};

static struct mvgpu_job *to_mvgpu_job(struct drm_sched_job *job)
{
	return container_of(job, struct mvgpu_job, base);
}

static void mvgpu_job_free_data(struct mvgpu_job *job)
{
	u32 i;

	for (i = 0; i < job->bo_count; i++)
		if (job->bos[i])
			drm_gem_object_put(job->bos[i]);
	kvfree(job->bos);
	kvfree(job->batch);
	if (job->vm)
		mvgpu_drm_vm_put(job->vm);
	dma_fence_put(job->hw_fence);
	kfree(job);
}

static struct dma_fence *mvgpu_job_run(struct drm_sched_job *sched_job)
{
	struct mvgpu_job *job = to_mvgpu_job(sched_job);
	struct dma_fence *fence;

	/* Its dependencies failed or its file went: do not run it. */
	if (unlikely(sched_job->s_fence->finished.error))
		return NULL;
	fence = mvgpu_drm_engine_run(job->eng, job->vm, job->batch, job->len);
	if (IS_ERR(fence))
		return fence;
	job->hw_fence = dma_fence_get(fence);
	return fence;
}

static enum drm_gpu_sched_stat mvgpu_job_timedout(struct drm_sched_job *sched_job)
{
	struct mvgpu_job *job = to_mvgpu_job(sched_job);
	struct mvgpu_engine *eng = job->eng;

	if (job->hw_fence && dma_fence_is_signaled(job->hw_fence))
		return DRM_GPU_SCHED_STAT_NOMINAL;
	mvgpu_err_ratelimited(eng->mdev, "%s: job timed out after %u ms; resetting the engine\n",
			      eng->name, job_timeout_ms);
	drm_sched_stop(&eng->sched, sched_job);
	mvgpu_drm_engine_recover(eng, -ETIMEDOUT, MVGPU_ERR_HANG);
	drm_sched_start(&eng->sched);
	return DRM_GPU_SCHED_STAT_NOMINAL;
}

static void mvgpu_job_free(struct drm_sched_job *sched_job)
{
	struct mvgpu_job *job = to_mvgpu_job(sched_job);

	drm_sched_job_cleanup(sched_job);
	mvgpu_job_free_data(job);
}

static const struct drm_sched_backend_ops mvgpu_sched_ops = {
	.run_job = mvgpu_job_run,
	.timedout_job = mvgpu_job_timedout,
	.free_job = mvgpu_job_free,
};

/* The batch, copied from userspace and validated. */
static int mvgpu_job_copy_batch(struct mvgpu_device *mdev,
				struct mvgpu_job *job,
				const struct drm_mvgpu_submit *args)
{
	struct mvgpu_cmd_error err;
	int ret;

	job->batch = kvmalloc(args->batch_size, GFP_KERNEL);
	if (!job->batch)
		return -ENOMEM;
	if (copy_from_user(job->batch, u64_to_user_ptr(args->batch),
			   args->batch_size))
		return -EFAULT;
	job->len = args->batch_size;
	ret = mvgpu_drm_cmd_validate(job->batch, job->len, args->engine,
				     MVGPU_VA_USER_END, &err);
	if (ret)
		mvgpu_dbg(mdev, "%s: batch refused at offset %#x: %s\n",
			  job->eng->name, err.offset, err.what);
	return ret;
}

/* The listed buffers; their write flags in @write (a bitmap). */
static int mvgpu_job_lookup_bos(struct drm_file *file, struct mvgpu_job *job,
				const struct drm_mvgpu_submit *args,
				unsigned long *write)
{
	struct drm_mvgpu_bo_ref *refs;
	int ret = 0;
	u32 i;

	if (!args->bo_count)
		return 0;
	refs = kvmalloc_array(args->bo_count, sizeof(*refs), GFP_KERNEL);
	job->bos = kvcalloc(args->bo_count, sizeof(*job->bos), GFP_KERNEL);
	if (!refs || !job->bos) {
		ret = -ENOMEM;
		goto out;
	}
	if (copy_from_user(refs, u64_to_user_ptr(args->bos),
			   args->bo_count * sizeof(*refs))) {
		ret = -EFAULT;
		goto out;
	}
	job->bo_count = args->bo_count;
	for (i = 0; i < args->bo_count; i++) {
		if (refs[i].flags & ~MVGPU_BO_WRITE) {
			ret = -EINVAL;
			goto out;
		}
		job->bos[i] = drm_gem_object_lookup(file, refs[i].handle);
		if (!job->bos[i]) {
			ret = -ENOENT;
			goto out;
		}
		if (refs[i].flags & MVGPU_BO_WRITE)
			__set_bit(i, write);
	}
out:
	kvfree(refs);
	return ret;
}

static int mvgpu_job_add_in_syncs(struct drm_file *file, struct mvgpu_job *job,
				  const struct drm_mvgpu_submit *args)
{
	u32 handles[MVGPU_SUBMIT_MAX_IN_SYNCS];
	int ret;
	u32 i;

	if (copy_from_user(handles, u64_to_user_ptr(args->in_syncs),
			   args->in_sync_count * sizeof(u32)))
		return -EFAULT;
	for (i = 0; i < args->in_sync_count; i++) {
		ret = drm_sched_job_add_syncobj_dependency(&job->base, file,
							   handles[i], 0);
		if (ret)
			return ret;
	}
	return 0;
}

/* Arm and push the job with its buffers' reservations held. */
static int mvgpu_job_push(struct mvgpu_job *job, const unsigned long *write,
			  struct dma_fence **finished)
{
	struct ww_acquire_ctx ctx;
	u32 i;
	int ret;

	ret = drm_gem_lock_reservations(job->bos, job->bo_count, &ctx);
	if (ret)
		return ret;
	for (i = 0; i < job->bo_count; i++) {
		ret = dma_resv_reserve_fences(job->bos[i]->resv, 1);
		if (ret)
			goto unlock;
		ret = drm_sched_job_add_implicit_dependencies(&job->base,
							      job->bos[i],
							      test_bit(i, write));
		if (ret)
			goto unlock;
	}
	mutex_lock(&job->eng->ring_lock);
	drm_sched_job_arm(&job->base);
	*finished = dma_fence_get(&job->base.s_fence->finished);
	mvgpu_drm_vm_set_busy(job->vm, job->eng->id, *finished);
	drm_sched_entity_push_job(&job->base);
	mutex_unlock(&job->eng->ring_lock);
	for (i = 0; i < job->bo_count; i++)
		dma_resv_add_fence(job->bos[i]->resv, *finished,
				   test_bit(i, write) ? DMA_RESV_USAGE_WRITE :
							DMA_RESV_USAGE_READ);
unlock:
	drm_gem_unlock_reservations(job->bos, job->bo_count, &ctx);
	return ret;
}

/**
 * mvgpu_drm_ioctl_submit - DRM_IOCTL_MVGPU_SUBMIT
 * @drm: the device
 * @data: struct drm_mvgpu_submit
 * @file: the caller
 *
 * Return: 0 when the job is queued; -EINVAL for bad arguments or a
 * refused batch, -ENOENT for a bad buffer or syncobj handle, -EFAULT for
 * bad pointers, or another -errno.
 */
int mvgpu_drm_ioctl_submit(struct drm_device *drm, void *data,
			   struct drm_file *file)
{
	DECLARE_BITMAP(write, MVGPU_SUBMIT_MAX_BOS) = { 0 };
	struct mvgpu_device *mdev = to_mvgpu(drm);
	struct mvgpu_file *mfile = file->driver_priv;
	struct drm_mvgpu_submit *args = data;
	struct drm_syncobj *out_sync = NULL;
	struct dma_fence *finished;
	struct mvgpu_job *job;
	int ret;

	if (args->flags || args->pad ||
	    args->engine >= MVGPU_NUM_ENGINES ||
	    !mdev->engine[args->engine].present ||
	    !args->batch_size || args->batch_size % 4 ||
	    args->batch_size > MVGPU_DRM_MAX_BATCH ||
	    args->bo_count > MVGPU_SUBMIT_MAX_BOS ||
	    args->in_sync_count > MVGPU_SUBMIT_MAX_IN_SYNCS)
		return -EINVAL;
	if (args->out_sync) {
		out_sync = drm_syncobj_find(file, args->out_sync);
		if (!out_sync)
			return -ENOENT;
	}

	job = kzalloc(sizeof(*job), GFP_KERNEL);
	if (!job) {
		ret = -ENOMEM;
		goto out_sync;
	}
	job->eng = &mdev->engine[args->engine];
	job->vm = mvgpu_drm_vm_get(mfile->vm);
	ret = mvgpu_job_copy_batch(mdev, job, args);
	if (ret)
		goto err_free;
	ret = mvgpu_job_lookup_bos(file, job, args, write);
	if (ret)
		goto err_free;
	ret = drm_sched_job_init(&job->base, &mfile->entity[args->engine], 1,
				 NULL, file->client_id);
	if (ret)
		goto err_free;
	ret = mvgpu_job_add_in_syncs(file, job, args);
	if (ret)
		goto err_cleanup;
	ret = mvgpu_job_push(job, write, &finished);
	if (ret)
		goto err_cleanup;
	/* The scheduler owns the job now. */
	if (out_sync)
		drm_syncobj_replace_fence(out_sync, finished);
	dma_fence_put(finished);
	goto out_sync;

err_cleanup:
	drm_sched_job_cleanup(&job->base);
err_free:
	mvgpu_job_free_data(job);
out_sync:
	if (out_sync)
		drm_syncobj_put(out_sync);
	return ret;
}

/**
 * mvgpu_drm_sched_init - a scheduler per engine
 * @mdev: the device, engines ready
 *
 * Return: 0 or -errno.
 */
int mvgpu_drm_sched_init(struct mvgpu_device *mdev)
{
	unsigned int e;
	int ret;

	for (e = 0; e < MVGPU_NUM_ENGINES; e++) {
		struct mvgpu_engine *eng = &mdev->engine[e];
		const struct drm_sched_init_args args = {
			.ops = &mvgpu_sched_ops,
			.num_rqs = DRM_SCHED_PRIORITY_COUNT,
			.credit_limit = 1,
			.timeout = msecs_to_jiffies(job_timeout_ms),
			.name = eng->name,
			.dev = mdev->drm.dev,
		};

		if (!eng->present)
			continue;
		ret = drm_sched_init(&eng->sched, &args);
		if (ret)
			goto err;
	}
	return 0;

err:
	while (e--)
		if (mdev->engine[e].present)
			drm_sched_fini(&mdev->engine[e].sched);
	return ret;
}

/**
 * mvgpu_drm_sched_fini - undo mvgpu_drm_sched_init()
 * @mdev: the device
 */
void mvgpu_drm_sched_fini(struct mvgpu_device *mdev)
{
	unsigned int e;

	for (e = 0; e < MVGPU_NUM_ENGINES; e++)
		if (mdev->engine[e].present)
			drm_sched_fini(&mdev->engine[e].sched);
}
