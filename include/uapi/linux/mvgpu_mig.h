/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * mvgpu: the device-state stream of a migrating vGPU.
 *
 * What VFIO migration's data_fd carries (VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE)
 * for an mvgpu vGPU: a header, then sections, all little-endian.  The VMM
 * treats the stream as opaque bytes; this header exists so that tools and
 * tests can read it and so that its format is versioned in one place.
 * Documentation/gpu/mvgpu/migration.rst describes the rules.
 *
 * The header is the PRE_COPY phase's initial_bytes: a destination refuses
 * an incompatible header as soon as it has it, before the VM stops.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _UAPI_LINUX_MVGPU_MIG_H
#define _UAPI_LINUX_MVGPU_MIG_H

#include <linux/types.h>

/* "MVGPUMIG" */
#define MVGPU_MIG_MAGIC			0x47494d555047564dULL
/* A different major cannot be loaded; a newer minor only adds sections. */
#define MVGPU_MIG_VERSION_MAJOR		1
#define MVGPU_MIG_VERSION_MINOR		0

/* Stream features (header.features): a destination refuses unknown bits. */
#define MVGPU_MIG_F_CONTEXT		(1u << 0)	/* engine context images */
#define MVGPU_MIG_F_DISPLAY		(1u << 1)	/* display section */
#define MVGPU_MIG_F_PPGTT		(1u << 2)	/* per-process spaces */
#define MVGPU_MIG_F_ALL			0x7u

#define MVGPU_MIG_TYPE_LEN		32

/**
 * struct mvgpu_mig_header - the first bytes of the stream
 * @magic: MVGPU_MIG_MAGIC
 * @major: MVGPU_MIG_VERSION_MAJOR
 * @minor: MVGPU_MIG_VERSION_MINOR of the writer
 * @header_size: sizeof(struct mvgpu_mig_header) of the writer
 * @features: MVGPU_MIG_F_* the stream needs
 * @engine_mask: the vGPU's engines (bit MVGPU_ENGINE_*)
 * @context_size: bytes of one engine context image
 * @reserved: 0
 * @aperture_base: the vGPU's aperture slice (graphics address)
 * @aperture_size: its size
 * @hidden_base: the vGPU's hidden slice
 * @hidden_size: its size
 * @bar2_size: the aperture BAR the guest sees (the pGPU's aperture)
 * @type: the vGPU type's name, NUL-padded
 *
 * The destination must have the same type, engines, context image size
 * and slices: the guest's graphics addresses are absolute.
 */
struct mvgpu_mig_header {
	__le64 magic;
	__le16 major;
	__le16 minor;
	__le32 header_size;
	__le32 features;
	__le32 engine_mask;
	__le32 context_size;
	__le32 reserved;
	__le64 aperture_base;
	__le64 aperture_size;
	__le64 hidden_base;
	__le64 hidden_size;
	__le64 bar2_size;
	char type[MVGPU_MIG_TYPE_LEN];
};

/* Section ids.  Each appears once, in this order; END closes the stream. */
#define MVGPU_MIG_SEC_VGPU		1	/* struct mvgpu_mig_vgpu */
#define MVGPU_MIG_SEC_CFG		2	/* MVGPU_CFG_SIZE bytes */
#define MVGPU_MIG_SEC_REGS		3	/* struct mvgpu_mig_reg[] */
#define MVGPU_MIG_SEC_GTT		4	/* struct mvgpu_mig_gtt_run, ... */
#define MVGPU_MIG_SEC_IRQ		5	/* struct mvgpu_mig_irq */
#define MVGPU_MIG_SEC_DISPLAY		6	/* struct mvgpu_mig_display */
#define MVGPU_MIG_SEC_ENGINE		7	/* struct mvgpu_mig_engine, per engine */
#define MVGPU_MIG_SEC_END		0xffffffffu

/**
 * struct mvgpu_mig_section - what precedes each section's payload
 * @id: MVGPU_MIG_SEC_*
 * @reserved: 0
 * @size: bytes of payload that follow (8-byte aligned)
 */
struct mvgpu_mig_section {
	__le32 id;
	__le32 reserved;
	__le64 size;
};

/* struct mvgpu_mig_vgpu.flags */
#define MVGPU_MIG_VGPU_PV_SEEN		(1u << 0)

/**
 * struct mvgpu_mig_vgpu - vGPU-wide state
 * @flags: MVGPU_MIG_VGPU_*
 * @failsafe: enum mvgpu_failsafe reason, or 0
 * @sched_weight: scheduling weight (sysfs sched_weight)
 * @sched_cap: scheduling cap (sysfs sched_cap)
 * @src_vgpu_id: the source's vGPU id (informational)
 * @reserved: 0
 */
struct mvgpu_mig_vgpu {
	__le32 flags;
	__le32 failsafe;
	__le32 sched_weight;
	__le32 sched_cap;
	__le32 src_vgpu_id;
	__le32 reserved;
};

/**
 * struct mvgpu_mig_reg - one register dword of the register file
 * @offset: BAR0 offset
 * @value: its stored value
 */
struct mvgpu_mig_reg {
	__le32 offset;
	__le32 value;
};

/**
 * struct mvgpu_mig_gtt_run - consecutive GGTT entries as the guest wrote
 *	them, followed by @count __le64 entries; entries not in any run are 0
 * @index: GGTT index of the first (graphics address >> 12)
 * @count: entries
 */
struct mvgpu_mig_gtt_run {
	__le32 index;
	__le32 count;
};

/* struct mvgpu_mig_irq.flags */
#define MVGPU_MIG_IRQ_INTX_MASKED	(1u << 0)	/* INTx automasked */
#define MVGPU_MIG_IRQ_ASSERTED		(1u << 1)	/* the line was high */

/**
 * struct mvgpu_mig_irq - interrupt delivery state beyond the registers
 * @flags: MVGPU_MIG_IRQ_*
 * @reserved: 0
 */
struct mvgpu_mig_irq {
	__le32 flags;
	__le32 reserved;
};

/* struct mvgpu_mig_display.flags */
#define MVGPU_MIG_DISPLAY_LINK_UP	(1u << 0)

/**
 * struct mvgpu_mig_display - display state beyond the registers
 * @flags: MVGPU_MIG_DISPLAY_*
 * @edid_size: bytes of @edid used
 * @frame: the frame counter (MVGPU_PIPE_FRMCOUNT) when the source stopped
 * @frame_handled: the last vertical blank handled (at most @frame)
 * @flipcount: flips done so far
 * @armed: bit per plane: a flip is armed for the next vertical blank
 * @reserved: 0
 * @edid: the EDID the connector reports
 * @pad: 0
 *
 * What the planes scan out is not sent: the destination latches the
 * plane registers, checked as at a flip.
 */
struct mvgpu_mig_display {
	__le32 flags;
	__le32 edid_size;
	__le64 frame;
	__le64 frame_handled;
	__le32 flipcount;
	__le32 armed;
	__le32 reserved;
	__u8 edid[0x400];
	__u8 pad[4];
};

/* struct mvgpu_mig_engine.flags */
/*
 * A workload in flight (BUSY) travels as its ring segment and its
 * position; RESUME: the context image holds the position inside the
 * stream (a batch too), else it resumes at wl_pos.
 */
#define MVGPU_MIG_ENGINE_BUSY		(1u << 0)	/* a workload in flight */
#define MVGPU_MIG_ENGINE_BROKEN		(1u << 1)	/* waits for a reset */
#define MVGPU_MIG_ENGINE_RESUME		(1u << 2)	/* stopped mid-stream */

/**
 * struct mvgpu_mig_engine - one engine, followed by @context_size bytes of
 *	its context image in the backend's portable form (graphics
 *	addresses relative to the workload's stream, per-process roots as
 *	the guest loaded them)
 * @id: MVGPU_ENGINE_*
 * @flags: MVGPU_MIG_ENGINE_*
 * @wl_head: guest HEAD at which the workload in flight started
 * @wl_tail: guest TAIL at which it ends
 * @wl_ring_size: size of the guest ring it came from
 * @wl_user_interrupts: MI_USER_INTERRUPTs to raise at its completion
 * @wl_pos: bytes of its stream completed
 * @wl_size: bytes of its stream (the audited copy)
 * @wl_busy_ns: engine time it used so far
 * @context_size: bytes of context image that follow (header.context_size)
 * @reserved: 0
 */
struct mvgpu_mig_engine {
	__le32 id;
	__le32 flags;
	__le32 wl_head;
	__le32 wl_tail;
	__le32 wl_ring_size;
	__le32 wl_user_interrupts;
	__le32 wl_pos;
	__le32 wl_size;
	__le64 wl_busy_ns;
	__le32 context_size;
	__le32 reserved;
};

#endif /* _UAPI_LINUX_MVGPU_MIG_H */
