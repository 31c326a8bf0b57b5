/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * mvgpu_drm: the render uAPI of the mvgpu guest driver (mvgpu_drm.ko).
 *
 * Each open DRM file has its own 48-bit address space (a per-process
 * GTT).  A buffer object gets an address in it when the file gets a
 * handle to it (created, imported or opened by name) and loses it when
 * the handle is closed; GEM_INFO tells the address.  Batches are passed
 * by pointer: the driver copies and validates them at SUBMIT (a batch
 * may only name addresses of the file's space, and may not write to the
 * driver's own window above MVGPU_VA_USER_END), then runs the copy on
 * the engine asked for, after the in-fences, and signals the out-fence
 * when it completed.  Documentation/gpu/mvgpu/guest-driver.rst
 * describes the semantics; include/uapi/linux/mvgpu.h the commands.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _UAPI_DRM_MVGPU_DRM_H
#define _UAPI_DRM_MVGPU_DRM_H

#include "drm.h"

#if defined(__cplusplus)
extern "C" {
#endif

#define DRM_MVGPU_GET_PARAM		0x00
#define DRM_MVGPU_GEM_CREATE		0x01
#define DRM_MVGPU_GEM_INFO		0x02
#define DRM_MVGPU_SUBMIT		0x03
#define DRM_MVGPU_GEM_WAIT		0x04

#define DRM_IOCTL_MVGPU_GET_PARAM \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_MVGPU_GET_PARAM, \
		 struct drm_mvgpu_get_param)
#define DRM_IOCTL_MVGPU_GEM_CREATE \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_MVGPU_GEM_CREATE, \
		 struct drm_mvgpu_gem_create)
#define DRM_IOCTL_MVGPU_GEM_INFO \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_MVGPU_GEM_INFO, \
		 struct drm_mvgpu_gem_info)
#define DRM_IOCTL_MVGPU_SUBMIT \
	DRM_IOW(DRM_COMMAND_BASE + DRM_MVGPU_SUBMIT, \
		struct drm_mvgpu_submit)
#define DRM_IOCTL_MVGPU_GEM_WAIT \
	DRM_IOW(DRM_COMMAND_BASE + DRM_MVGPU_GEM_WAIT, \
		struct drm_mvgpu_gem_wait)

/* Addresses a file's buffers get: [MVGPU_VA_USER_START, MVGPU_VA_USER_END). */
#define MVGPU_VA_USER_START		0x100000ull
#define MVGPU_VA_USER_END		(1ull << 47)

/* GET_PARAM parameters. */
enum drm_mvgpu_param {
	MVGPU_PARAM_ENGINES = 0,	/* bit MVGPU_ENGINE_* set per engine */
	MVGPU_PARAM_VGPU_ID = 1,
	MVGPU_PARAM_PV_VERSION = 2,	/* major << 16 | minor */
	MVGPU_PARAM_GM_MAPPABLE_SIZE = 3,	/* graphics memory, bytes */
	MVGPU_PARAM_GM_HIDDEN_SIZE = 4,
	MVGPU_PARAM_MAX_BATCH_SIZE = 5,	/* bytes */
	MVGPU_PARAM_FILE_FAULTS = 6,	/* this file's jobs that failed */
	MVGPU_PARAM_FILE_LAST_ERROR = 7,	/* MVGPU_ERR_* of the last one */
	MVGPU_PARAM_ENGINE_RESETS = 8,	/* engine resets since load */
};

/**
 * struct drm_mvgpu_get_param - a parameter of the device or the file
 * @param: an enum drm_mvgpu_param value
 * @pad: must be zero
 * @value: out, the parameter's value
 */
struct drm_mvgpu_get_param {
	__u32 param;
	__u32 pad;
	__u64 value;
};

/**
 * struct drm_mvgpu_gem_create - a buffer object backed by guest memory
 * @size: bytes, rounded up to 4 KiB; at most MVGPU_GEM_MAX_SIZE
 * @flags: must be zero
 * @handle: out, the buffer's handle in this file
 * @pad: must be zero
 * @va: out, the buffer's address in this file's address space
 */
struct drm_mvgpu_gem_create {
	__u64 size;
	__u32 flags;
	__u32 handle;
	__u64 pad;
	__u64 va;
};

#define MVGPU_GEM_MAX_SIZE		(256ull << 20)

/**
 * struct drm_mvgpu_gem_info - where a buffer is
 * @handle: the buffer
 * @pad: must be zero
 * @va: out, its address in this file's address space
 * @mmap_offset: out, the offset to mmap() the DRM file at to map it
 * @size: out, its size in bytes
 */
struct drm_mvgpu_gem_info {
	__u32 handle;
	__u32 pad;
	__u64 va;
	__u64 mmap_offset;
	__u64 size;
};

/* The buffer is written by the batch (else only read): implicit sync. */
#define MVGPU_BO_WRITE			0x1

/**
 * struct drm_mvgpu_bo_ref - a buffer a batch uses
 * @handle: the buffer
 * @flags: MVGPU_BO_WRITE or 0
 */
struct drm_mvgpu_bo_ref {
	__u32 handle;
	__u32 flags;
};

#define MVGPU_SUBMIT_MAX_BOS		256
#define MVGPU_SUBMIT_MAX_IN_SYNCS	16

/**
 * struct drm_mvgpu_submit - run a batch on an engine
 * @batch: user pointer to the batch's dwords (ends with
 *	MI_BATCH_BUFFER_END); copied and validated before the call returns
 * @batch_size: bytes, a multiple of 4, at most MVGPU_PARAM_MAX_BATCH_SIZE
 * @engine: MVGPU_ENGINE_RCS or MVGPU_ENGINE_BCS
 * @bos: user pointer to @bo_count struct drm_mvgpu_bo_ref: the buffers
 *	the batch uses, for implicit synchronization and to keep them alive
 * @bo_count: at most MVGPU_SUBMIT_MAX_BOS
 * @in_syncs: user pointer to @in_sync_count syncobj handles (u32) the
 *	job waits for
 * @in_sync_count: at most MVGPU_SUBMIT_MAX_IN_SYNCS
 * @out_sync: syncobj handle to receive the job's fence, or 0
 * @flags: must be zero
 * @pad: must be zero
 */
struct drm_mvgpu_submit {
	__u64 batch;
	__u32 batch_size;
	__u32 engine;
	__u64 bos;
	__u32 bo_count;
	__u32 in_sync_count;
	__u64 in_syncs;
	__u32 out_sync;
	__u32 flags;
	__u64 pad;
};

/**
 * struct drm_mvgpu_gem_wait - wait until no job uses a buffer
 * @handle: the buffer
 * @flags: must be zero
 * @timeout_ns: absolute CLOCK_MONOTONIC time to give up at
 *
 * Returns 0 when idle, -ETIMEDOUT at the timeout, or -EIO when the last
 * job that wrote the buffer failed (MVGPU_PARAM_FILE_LAST_ERROR says why).
 */
struct drm_mvgpu_gem_wait {
	__u32 handle;
	__u32 flags;
	__s64 timeout_ns;
};

#if defined(__cplusplus)
}
#endif

#endif /* _UAPI_DRM_MVGPU_DRM_H */
