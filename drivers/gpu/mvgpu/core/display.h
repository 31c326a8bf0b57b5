/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The vGPU's display engine: one pipe with a primary and a cursor plane,
 * vertical blanks from a host timer, flips, the connector and its EDID.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_DISPLAY_H_
#define _MVGPU_DISPLAY_H_

#include <linux/hrtimer.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <uapi/linux/mvgpu.h>

#include "core/gtt.h"

struct mvgpu_vgpu;
struct mvgpu_reg_desc;
struct seq_file;
struct page;

/**
 * enum mvgpu_plane_id - the planes of a pipe
 * @MVGPU_PLANE_PRIMARY: the primary plane
 * @MVGPU_PLANE_CURSOR: the cursor plane
 * @MVGPU_NUM_PLANES: how many there are
 */
enum mvgpu_plane_id {
	MVGPU_PLANE_PRIMARY,
	MVGPU_PLANE_CURSOR,
	MVGPU_NUM_PLANES,
};

/* Bytes of the largest cursor image (256x256 ARGB). */
#define MVGPU_CURSOR_MAX_BYTES	(256 * 256 * 4)

/**
 * struct mvgpu_plane - a plane as the pipe scans it out
 * @on: enabled, and its source passed the checks
 * @fourcc: DRM fourcc of its pixels
 * @cpp: bytes per pixel
 * @width: in pixels
 * @height: in lines
 * @stride: bytes from one line to the next
 * @gm: graphics address of its first pixel
 * @size: bytes from @gm to the end of its last pixel
 */
struct mvgpu_plane {
	bool on;
	u32 fourcc;
	u32 cpp;
	u32 width;
	u32 height;
	u32 stride;
	u64 gm;
	u64 size;
};

/**
 * struct mvgpu_plane_info - what a VMM asks about a plane
 * @plane: its source, as scanned out now (@plane.on false: it is off)
 * @x: cursor position: left edge (may be negative)
 * @y: cursor position: top edge (may be negative)
 * @x_hot: hotspot, or U32_MAX when the guest gave none
 * @y_hot: hotspot, or U32_MAX
 * @gen: a stamp of what the plane shows: it changes whenever @plane or
 *	any of the vGPU's GTT entries changes, so that equal stamps (and
 *	equal @plane) mean the same guest pages behind the plane
 */
struct mvgpu_plane_info {
	struct mvgpu_plane plane;
	s32 x;
	s32 y;
	u32 x_hot;
	u32 y_hot;
	u64 gen;
};

/**
 * struct mvgpu_plane_pages - the guest pages a plane scans out
 * @pages: kvmalloc()ed array of referenced pages, from the page of the
 *	plane's first byte
 * @nr: number of pages
 * @span: the guest frames they came from
 */
struct mvgpu_plane_pages {
	struct page **pages;
	unsigned int nr;
	struct mvgpu_gfn_span span;
};

/**
 * struct mvgpu_display_stats - display counters shown in debugfs
 * @vblanks: vertical blanks signalled (timer ticks that found one)
 * @flips: primary plane updates that took effect
 * @cursor_updates: cursor updates that took effect
 * @faults: updates refused because the plane failed its checks
 * @hotplugs: hotplug interrupts raised
 */
struct mvgpu_display_stats {
	u64 vblanks;
	u64 flips;
	u64 cursor_updates;
	u64 faults;
	u64 hotplugs;
};

/**
 * struct mvgpu_display - the display engine's state
 * @timer: fires at the next vertical blank while one is awaited
 * @work: handles it under the vGPU lock
 * @epoch: when frame @base_frame started
 * @base_frame: frame count at @epoch
 * @period_ns: frame time
 * @frame: last vertical blank handled
 * @flipcount: primary plane updates that took effect since the pipe was
 *	enabled (MVGPU_PIPE_FLIPCOUNT)
 * @armed: per plane, an update waits for the next vertical blank
 * @planes: per plane, what the pipe scans out
 * @gen: bumped whenever a plane's source changes
 * @link_up: a display is connected
 * @edid_size: bytes of @edid
 * @edid: the connected display's EDID
 * @stats: counters
 *
 * Protected by the vGPU lock, except @timer and @work.
 */
struct mvgpu_display {
	struct hrtimer timer;
	struct work_struct work;
	ktime_t epoch;
	u64 base_frame;
	u64 period_ns;
	u64 frame;
	u32 flipcount;
	bool armed[MVGPU_NUM_PLANES];
	struct mvgpu_plane planes[MVGPU_NUM_PLANES];
	u64 gen;
	bool link_up;
	u32 edid_size;
	u8 edid[MVGPU_EDID_MAX_SIZE];
	struct mvgpu_display_stats stats;
};

void mvgpu_display_init(struct mvgpu_vgpu *vgpu);
void mvgpu_display_fini(struct mvgpu_vgpu *vgpu);
void mvgpu_display_reset(struct mvgpu_vgpu *vgpu);
void mvgpu_display_stop(struct mvgpu_vgpu *vgpu);
u64 mvgpu_display_frame_now(struct mvgpu_vgpu *vgpu);
int mvgpu_display_restore(struct mvgpu_vgpu *vgpu, u64 frame_now,
			  u64 frame_handled, u32 flipcount,
			  const bool armed[MVGPU_NUM_PLANES]);
void mvgpu_display_run(struct mvgpu_vgpu *vgpu);
int mvgpu_display_query(struct mvgpu_vgpu *vgpu, enum mvgpu_plane_id id,
			struct mvgpu_plane_info *info);
int mvgpu_display_read_plane(struct mvgpu_vgpu *vgpu, enum mvgpu_plane_id id,
			     void *dst, u64 dst_size,
			     struct mvgpu_plane_info *info);
int mvgpu_display_plane_pages(struct mvgpu_vgpu *vgpu, enum mvgpu_plane_id id,
			      struct mvgpu_plane_info *info,
			      struct mvgpu_plane_pages *pp);
void mvgpu_display_put_pages(struct mvgpu_plane_pages *pp);
int mvgpu_display_set_edid(struct mvgpu_vgpu *vgpu, const u8 *blob,
			   u32 size);
u32 mvgpu_display_get_edid(struct mvgpu_vgpu *vgpu, u8 *blob, bool *link_up);
void mvgpu_display_set_link(struct mvgpu_vgpu *vgpu, bool up);
void mvgpu_display_show(struct mvgpu_vgpu *vgpu, struct seq_file *m);
int mvgpu_display_check_plane(struct mvgpu_vgpu *vgpu,
			      enum mvgpu_plane_id id, struct mvgpu_plane *p);
u64 mvgpu_display_period_ns(u32 vrefresh_mhz);
u64 mvgpu_display_frames(u64 elapsed_ns, u64 period_ns);

/* Register handlers (core/reg_table.c). */
void mvgpu_display_pipeconf_written(struct mvgpu_vgpu *vgpu,
				    const struct mvgpu_reg_desc *reg,
				    unsigned int idx, u32 old, u32 new);
u32 mvgpu_display_pipeconf_read(struct mvgpu_vgpu *vgpu,
				const struct mvgpu_reg_desc *reg,
				unsigned int idx, u32 val);
void mvgpu_display_vrefresh_written(struct mvgpu_vgpu *vgpu,
				    const struct mvgpu_reg_desc *reg,
				    unsigned int idx, u32 old, u32 new);
u32 mvgpu_display_frmcount_read(struct mvgpu_vgpu *vgpu,
				const struct mvgpu_reg_desc *reg,
				unsigned int idx, u32 val);
u32 mvgpu_display_flipcount_read(struct mvgpu_vgpu *vgpu,
				 const struct mvgpu_reg_desc *reg,
				 unsigned int idx, u32 val);
void mvgpu_display_surf_written(struct mvgpu_vgpu *vgpu,
				const struct mvgpu_reg_desc *reg,
				unsigned int idx, u32 old, u32 new);
void mvgpu_display_curbase_written(struct mvgpu_vgpu *vgpu,
				   const struct mvgpu_reg_desc *reg,
				   unsigned int idx, u32 old, u32 new);
u32 mvgpu_display_surflive_read(struct mvgpu_vgpu *vgpu,
				const struct mvgpu_reg_desc *reg,
				unsigned int idx, u32 val);
void mvgpu_display_irq_written(struct mvgpu_vgpu *vgpu,
			       const struct mvgpu_reg_desc *reg,
			       unsigned int idx, u32 old, u32 new);
u32 mvgpu_display_dp_read(struct mvgpu_vgpu *vgpu,
			  const struct mvgpu_reg_desc *reg,
			  unsigned int idx, u32 val);
u32 mvgpu_display_edid_read(struct mvgpu_vgpu *vgpu,
			    const struct mvgpu_reg_desc *reg,
			    unsigned int idx, u32 val);
u32 mvgpu_display_edid_size_read(struct mvgpu_vgpu *vgpu,
				 const struct mvgpu_reg_desc *reg,
				 unsigned int idx, u32 val);

/* core/edid.c */
int mvgpu_edid_check(const u8 *blob, u32 size);
void mvgpu_edid_generate(u8 *blob, u32 w, u32 h);
int mvgpu_edid_preferred(const u8 *blob, u32 *w, u32 *h);

#endif /* _MVGPU_DISPLAY_H_ */
