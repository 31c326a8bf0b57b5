/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vGPU state save and restore for live migration: the core's side.  The
 * front end (vfio/migration.c) runs the VFIO migration state machine and
 * moves the bytes; the core stops and restarts the vGPU and encodes,
 * validates and decodes the versioned device-state stream
 * (include/uapi/linux/mvgpu_mig.h, Documentation/gpu/mvgpu/migration.rst).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_MIGRATE_H_
#define _MVGPU_MIGRATE_H_

#include <linux/types.h>

struct mvgpu_vgpu;

/**
 * struct mvgpu_mig_buf - a piece of the device-state stream
 * @data: the bytes (kvmalloc()ed; free with mvgpu_mig_buf_free())
 * @len: how many
 */
struct mvgpu_mig_buf {
	void *data;
	size_t len;
};

void mvgpu_mig_buf_free(struct mvgpu_mig_buf *buf);

/*
 * Stop and run.  A stopped vGPU does no DMA and raises no interrupt: its
 * engines are off the physical engines (a workload in flight is preempted
 * and stays in flight, its position in the context image), the display's
 * vertical blank timer is off, and interrupts the stopped vGPU would raise
 * stay latched in IIR until it runs again.  Config space and registers
 * stay accessible.  Stop nests with the engines' quiesce.
 */
void mvgpu_vgpu_stop(struct mvgpu_vgpu *vgpu);
void mvgpu_vgpu_run(struct mvgpu_vgpu *vgpu);

/*
 * Saving (vGPU stopped, but for the header): the stream is the header
 * followed by the body.  PRE_COPY sends the header while the vGPU still
 * runs, STOP_COPY the body (or both when there was no PRE_COPY).
 */
int mvgpu_mig_save_header(struct mvgpu_vgpu *vgpu, struct mvgpu_mig_buf *out);
int mvgpu_mig_save_body(struct mvgpu_vgpu *vgpu, struct mvgpu_mig_buf *out);
size_t mvgpu_mig_size(struct mvgpu_vgpu *vgpu);

/*
 * Loading (vGPU stopped): check the header as soon as its bytes arrive,
 * then load the whole stream.  On any error the vGPU is reset: it is
 * usable as a fresh vGPU, and nothing of the stream remains.
 */
size_t mvgpu_mig_header_len(void);
int mvgpu_mig_check_header(struct mvgpu_vgpu *vgpu, const void *data,
			   size_t len);
int mvgpu_mig_load(struct mvgpu_vgpu *vgpu, const void *data, size_t len);

/* The largest stream a front end accepts for @vgpu (-EFBIG beyond). */
size_t mvgpu_mig_max_size(struct mvgpu_vgpu *vgpu);

/*
 * Dirty tracking: the guest pages the GPU may have written since the
 * last call.  The core counts GPU activity; a vGPU whose counter did not
 * move and whose engines are idle wrote nothing through the GPU.
 */
u64 mvgpu_vgpu_gpu_activity(struct mvgpu_vgpu *vgpu);

#endif /* _MVGPU_MIGRATE_H_ */
