// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vGPU's display engine: pipe A with a primary and a cursor plane.
 *
 * The guest programs the plane registers and arms an update by writing the
 * surface (DSPSURF) or cursor base (CURBASE) register.  At the next vertical
 * blank the armed registers are checked and latched into what the pipe
 * scans out (struct mvgpu_plane), and the flip-done or fault interrupt
 * fires.  Vertical blanks come from an hrtimer at the pipe's refresh rate,
 * and only while someone waits for one (an armed update, or the vblank
 * interrupt enabled and unmasked); the frame counter is computed from the
 * time, so reading it needs no timer.  The timer only queues the work that
 * handles the vertical blank under the vGPU lock.
 *
 * The VMM reads the latched planes (mvgpu_display_query()); their pixels
 * are read through the vGPU's own GTT, never outside its graphics memory.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include <kunit/visibility.h>
#include <uapi/drm/drm_fourcc.h>

#include "mvgpu_drv.h"
#include "core/trace.h"

#define PIPE		0
#define DE_PIPE		MVGPU_IRQ_BANK_DE_PIPE(PIPE)
/* The default display's preferred mode (at most the type's maximum). */
#define DEFAULT_W	1024
#define DEFAULT_H	768

static struct mvgpu_vgpu *display_vgpu(struct mvgpu_display *d)
{
	return container_of(d, struct mvgpu_vgpu, display);
}

static u32 dreg(struct mvgpu_vgpu *vgpu, u32 offset)
{
	return *mvgpu_vreg(vgpu, offset);
}

static bool pipe_on(struct mvgpu_vgpu *vgpu)
{
	return dreg(vgpu, MVGPU_PIPECONF(PIPE)) & MVGPU_PIPECONF_ENABLE;
}

/**
 * mvgpu_display_period_ns() - frame time at a refresh rate
 * @vrefresh_mhz: MVGPU_PIPE_VREFRESH's value; out of range means the default
 *
 * Return: nanoseconds per frame.
 */
u64 mvgpu_display_period_ns(u32 vrefresh_mhz)
{
	if (vrefresh_mhz < MVGPU_VREFRESH_MIN ||
	    vrefresh_mhz > MVGPU_VREFRESH_MAX)
		vrefresh_mhz = MVGPU_VREFRESH_DEFAULT;
	return div_u64(1000000000000ull, vrefresh_mhz);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_display_period_ns);

/**
 * mvgpu_display_frames() - vertical blanks in an interval
 * @elapsed_ns: time since the pipe started (or was re-timed)
 * @period_ns: frame time
 *
 * Return: the number of frame starts after the first, in @elapsed_ns.
 */
u64 mvgpu_display_frames(u64 elapsed_ns, u64 period_ns)
{
	return div64_u64(elapsed_ns, period_ns);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_display_frames);

/* Vertical blanks since the pipe was enabled. */
static u64 frames_now(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_display *d = &vgpu->display;
	s64 elapsed;

	if (!pipe_on(vgpu))
		return 0;
	elapsed = ktime_to_ns(ktime_sub(ktime_get(), d->epoch));
	return d->base_frame +
	       mvgpu_display_frames(max_t(s64, elapsed, 0), d->period_ns);
}

static bool vblank_wanted(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_display *d = &vgpu->display;

	if (!pipe_on(vgpu))
		return false;
	if (d->armed[MVGPU_PLANE_PRIMARY] || d->armed[MVGPU_PLANE_CURSOR])
		return true;
	return dreg(vgpu, MVGPU_IRQ_IER(DE_PIPE)) &
	       ~dreg(vgpu, MVGPU_IRQ_IMR(DE_PIPE)) & MVGPU_DE_PIPE_VBLANK;
}

/*
 * Start the timer for the next vertical blank if one is awaited and the
 * timer is not already set (@retime: set it again, the period changed).
 */
static void update_timer(struct mvgpu_vgpu *vgpu, bool retime)
{
	struct mvgpu_display *d = &vgpu->display;
	u64 next;

	lockdep_assert_held(&vgpu->lock);
	/* Stopped (migration): mvgpu_display_run() sets it again. */
	if (vgpu->stopped || !vblank_wanted(vgpu)) {
		/* A timer set at the old rate would make a later wait late. */
		if (retime)
			hrtimer_try_to_cancel(&d->timer);
		return;
	}
	if (!retime && hrtimer_is_queued(&d->timer))
		return;
	next = (frames_now(vgpu) + 1 - d->base_frame) * d->period_ns;
	hrtimer_start(&d->timer, ktime_add_ns(d->epoch, next),
		      HRTIMER_MODE_ABS);
}

/* The primary plane's formats: DSPCNTR code, DRM fourcc, bytes a pixel. */
static const struct plane_format {
	u32 code;
	u32 fourcc;
	u32 cpp;
} plane_formats[] = {
	{ MVGPU_FORMAT_BGRX565, DRM_FORMAT_RGB565, 2 },
	{ MVGPU_FORMAT_BGRX888, DRM_FORMAT_XRGB8888, 4 },
	{ MVGPU_FORMAT_BGRA888, DRM_FORMAT_ARGB8888, 4 },
	{ MVGPU_FORMAT_RGBX888, DRM_FORMAT_XBGR8888, 4 },
};

static const struct plane_format *format_of(u32 code)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(plane_formats); i++)
		if (plane_formats[i].code == code)
			return &plane_formats[i];
	return NULL;
}

/**
 * mvgpu_display_check_plane() - check a plane's armed registers
 * @vgpu: the vGPU; its lock must be held
 * @id: which plane
 * @p: filled with the plane they describe
 *
 * A disabled plane passes (with @p->on false).  An enabled one must have
 * a known format, a size within the pipe and the type's maximum, a stride
 * that holds a line, and lie wholly inside one of the vGPU's slices.
 *
 * Return: 0; -EINVAL for a bad format, mode, size or stride; -EFAULT for a
 * surface outside the vGPU's graphics memory.
 */
int mvgpu_display_check_plane(struct mvgpu_vgpu *vgpu, enum mvgpu_plane_id id,
			      struct mvgpu_plane *p)
{
	const struct plane_format *f;
	u32 w, v;

	lockdep_assert_held(&vgpu->lock);
	memset(p, 0, sizeof(*p));
	if (id == MVGPU_PLANE_CURSOR) {
		switch (dreg(vgpu, MVGPU_CURCNTR(PIPE)) &
			MVGPU_CURSOR_MODE_MASK) {
		case MVGPU_CURSOR_MODE_DISABLE:
			return 0;
		case MVGPU_CURSOR_MODE_64_ARGB:
			w = 64;
			break;
		case MVGPU_CURSOR_MODE_128_ARGB:
			w = 128;
			break;
		case MVGPU_CURSOR_MODE_256_ARGB:
			w = 256;
			break;
		default:
			return -EINVAL;
		}
		p->fourcc = DRM_FORMAT_ARGB8888;
		p->cpp = 4;
		p->width = w;
		p->height = w;
		p->stride = w * 4;
		p->gm = dreg(vgpu, MVGPU_CURBASE(PIPE));
	} else {
		v = dreg(vgpu, MVGPU_DSPCNTR(PIPE));
		if (!(v & MVGPU_DSPCNTR_ENABLE))
			return 0;
		f = format_of((v & MVGPU_DSPCNTR_FORMAT_MASK) >>
			      MVGPU_DSPCNTR_FORMAT_SHIFT);
		if (!f)
			return -EINVAL;
		p->fourcc = f->fourcc;
		p->cpp = f->cpp;
		v = dreg(vgpu, MVGPU_PIPESRC(PIPE));
		p->width = MVGPU_PIPESRC_W(v);
		p->height = MVGPU_PIPESRC_H(v);
		if (p->width > vgpu->type->max_hres ||
		    p->height > vgpu->type->max_vres)
			return -EINVAL;
		p->stride = dreg(vgpu, MVGPU_DSPSTRIDE(PIPE));
		if (p->stride > MVGPU_DSPSTRIDE_MAX ||
		    p->stride < p->width * p->cpp)
			return -EINVAL;
		p->gm = dreg(vgpu, MVGPU_DSPSURF(PIPE));
	}
	p->size = (u64)p->stride * (p->height - 1) + p->width * p->cpp;
	if (!mvgpu_gtt_range_ok(vgpu, p->gm, p->size))
		return -EFAULT;
	p->on = true;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_display_check_plane);

/* Latch an armed update of plane @id (at a vertical blank). */
static void latch(struct mvgpu_vgpu *vgpu, enum mvgpu_plane_id id)
{
	static const char *const names[] = { "primary", "cursor" };
	struct mvgpu_display *d = &vgpu->display;
	struct mvgpu_plane p;
	int ret;

	d->armed[id] = false;
	ret = mvgpu_display_check_plane(vgpu, id, &p);
	trace_mvgpu_display_plane(vgpu->id, id, !ret && p.on, p.fourcc,
				  p.width, p.height, p.stride, p.gm, ret);
	if (ret) {
		d->stats.faults++;
		mvgpu_vgpu_warn(vgpu, "%s plane refused (%s): it is off\n",
				names[id], ret == -EFAULT ?
				"outside the vGPU's graphics memory" :
				"bad format, size or stride");
		memset(&p, 0, sizeof(p));
		mvgpu_irq_raise(vgpu, DE_PIPE, id == MVGPU_PLANE_CURSOR ?
				MVGPU_DE_PIPE_CURSOR_FAULT :
				MVGPU_DE_PIPE_PRIMARY_FAULT);
	}
	if (memcmp(&d->planes[id], &p, sizeof(p))) {
		d->planes[id] = p;
		d->gen++;
	}
	if (id == MVGPU_PLANE_CURSOR) {
		d->stats.cursor_updates += !ret;
		return;
	}
	if (!ret) {
		d->stats.flips++;
		d->flipcount++;
		mvgpu_irq_raise(vgpu, DE_PIPE, MVGPU_DE_PIPE_PRIMARY_FLIP_DONE);
	}
}

/* Handle the vertical blanks that passed since the last one handled. */
static void vblank_locked(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_display *d = &vgpu->display;
	u64 frame = frames_now(vgpu);
	bool flip = d->armed[MVGPU_PLANE_PRIMARY];

	lockdep_assert_held(&vgpu->lock);
	if (!pipe_on(vgpu) || frame <= d->frame)
		return;
	d->frame = frame;
	d->stats.vblanks++;
	trace_mvgpu_display_vblank(vgpu->id, frame, flip);
	mvgpu_irq_raise(vgpu, DE_PIPE, MVGPU_DE_PIPE_VBLANK);
	if (d->armed[MVGPU_PLANE_PRIMARY])
		latch(vgpu, MVGPU_PLANE_PRIMARY);
	if (d->armed[MVGPU_PLANE_CURSOR])
		latch(vgpu, MVGPU_PLANE_CURSOR);
}

static void vblank_work(struct work_struct *work)
{
	struct mvgpu_display *d = container_of(work, struct mvgpu_display,
					       work);
	struct mvgpu_vgpu *vgpu = display_vgpu(d);

	mutex_lock(&vgpu->lock);
	if (!vgpu->stopped)
		vblank_locked(vgpu);
	update_timer(vgpu, false);
	mvgpu_vgpu_unlock(vgpu);
}

static enum hrtimer_restart vblank_timer(struct hrtimer *timer)
{
	struct mvgpu_display *d = container_of(timer, struct mvgpu_display,
					       timer);

	queue_work(system_highpri_wq, &d->work);
	return HRTIMER_NORESTART;
}

/* ---- register handlers (core/reg_table.c) ---------------------------- */

/**
 * mvgpu_display_pipeconf_written() - the pipe was enabled or disabled
 * @vgpu: the vGPU; its lock is held
 * @reg: descriptor (unused)
 * @idx: dword index (unused)
 * @old: previous value
 * @new: value written
 *
 * Enabling starts frame counting; disabling turns the planes off (an armed
 * update stays armed and takes effect at the first vertical blank after the
 * pipe is enabled again).
 */
void mvgpu_display_pipeconf_written(struct mvgpu_vgpu *vgpu,
				    const struct mvgpu_reg_desc *reg,
				    unsigned int idx, u32 old, u32 new)
{
	struct mvgpu_display *d = &vgpu->display;
	unsigned int i;
	u32 v;

	if (!((old ^ new) & MVGPU_PIPECONF_ENABLE))
		return;
	if (new & MVGPU_PIPECONF_ENABLE) {
		d->epoch = ktime_get();
		d->base_frame = 0;
		d->frame = 0;
		d->flipcount = 0;
		v = dreg(vgpu, MVGPU_PIPE_VREFRESH(PIPE));
		d->period_ns = mvgpu_display_period_ns(v);
		update_timer(vgpu, true);
		return;
	}
	for (i = 0; i < MVGPU_NUM_PLANES; i++) {
		if (d->planes[i].on) {
			memset(&d->planes[i], 0, sizeof(d->planes[i]));
			d->gen++;
		}
	}
	hrtimer_try_to_cancel(&d->timer);
}

/**
 * mvgpu_display_pipeconf_read() - PIPECONF with its state bit
 * @vgpu: the vGPU; its lock is held
 * @reg: descriptor (unused)
 * @idx: dword index (unused)
 * @val: stored value
 *
 * Return: @val, with the state bit set while the pipe is enabled.
 */
u32 mvgpu_display_pipeconf_read(struct mvgpu_vgpu *vgpu,
				const struct mvgpu_reg_desc *reg,
				unsigned int idx, u32 val)
{
	return val & MVGPU_PIPECONF_ENABLE ? val | MVGPU_PIPECONF_STATE : val;
}

/**
 * mvgpu_display_vrefresh_written() - the refresh rate changed
 * @vgpu: the vGPU; its lock is held
 * @reg: descriptor (unused)
 * @idx: dword index (unused)
 * @old: previous value
 * @new: value written
 *
 * The frame counter keeps its value and counts on at the new rate.
 */
void mvgpu_display_vrefresh_written(struct mvgpu_vgpu *vgpu,
				    const struct mvgpu_reg_desc *reg,
				    unsigned int idx, u32 old, u32 new)
{
	struct mvgpu_display *d = &vgpu->display;

	if (!pipe_on(vgpu)) {
		d->period_ns = mvgpu_display_period_ns(new);
		return;
	}
	d->base_frame = frames_now(vgpu);
	d->epoch = ktime_get();
	d->period_ns = mvgpu_display_period_ns(new);
	update_timer(vgpu, true);
}

/**
 * mvgpu_display_frmcount_read() - the frame counter
 * @vgpu: the vGPU; its lock is held
 * @reg: descriptor (unused)
 * @idx: dword index (unused)
 * @val: stored value (unused)
 *
 * Return: vertical blanks since the pipe was enabled (0 while it is off).
 */
u32 mvgpu_display_frmcount_read(struct mvgpu_vgpu *vgpu,
				const struct mvgpu_reg_desc *reg,
				unsigned int idx, u32 val)
{
	return lower_32_bits(frames_now(vgpu));
}

/**
 * mvgpu_display_flipcount_read() - the flip counter
 * @vgpu: the vGPU; its lock is held
 * @reg: descriptor (unused)
 * @idx: dword index (unused)
 * @val: stored value (unused)
 *
 * Return: primary plane updates that took effect since the pipe was
 * enabled.
 */
u32 mvgpu_display_flipcount_read(struct mvgpu_vgpu *vgpu,
				 const struct mvgpu_reg_desc *reg,
				 unsigned int idx, u32 val)
{
	return vgpu->display.flipcount;
}

/**
 * mvgpu_display_surf_written() - DSPSURF written: arm the primary plane
 * @vgpu: the vGPU; its lock is held
 * @reg: descriptor (unused)
 * @idx: dword index (unused)
 * @old: previous value (unused)
 * @new: value written (unused)
 */
void mvgpu_display_surf_written(struct mvgpu_vgpu *vgpu,
				const struct mvgpu_reg_desc *reg,
				unsigned int idx, u32 old, u32 new)
{
	vgpu->display.armed[MVGPU_PLANE_PRIMARY] = true;
	update_timer(vgpu, false);
}

/**
 * mvgpu_display_curbase_written() - CURBASE written: arm the cursor
 * @vgpu: the vGPU; its lock is held
 * @reg: descriptor (unused)
 * @idx: dword index (unused)
 * @old: previous value (unused)
 * @new: value written (unused)
 */
void mvgpu_display_curbase_written(struct mvgpu_vgpu *vgpu,
				   const struct mvgpu_reg_desc *reg,
				   unsigned int idx, u32 old, u32 new)
{
	vgpu->display.armed[MVGPU_PLANE_CURSOR] = true;
	update_timer(vgpu, false);
}

/**
 * mvgpu_display_surflive_read() - the surface scanned out now
 * @vgpu: the vGPU; its lock is held
 * @reg: descriptor (unused)
 * @idx: dword index (unused)
 * @val: stored value (unused)
 *
 * Return: the primary plane's graphics address, or 0 while it is off.
 */
u32 mvgpu_display_surflive_read(struct mvgpu_vgpu *vgpu,
				const struct mvgpu_reg_desc *reg,
				unsigned int idx, u32 val)
{
	const struct mvgpu_plane *p = &vgpu->display.planes[MVGPU_PLANE_PRIMARY];

	return p->on ? lower_32_bits(p->gm) : 0;
}

/**
 * mvgpu_display_irq_written() - a DE pipe IMR or IER write
 * @vgpu: the vGPU; its lock is held
 * @reg: descriptor
 * @idx: dword index
 * @old: previous value
 * @new: value written
 *
 * As for every bank, and the vblank timer runs while the vblank interrupt
 * is enabled and unmasked.
 */
void mvgpu_display_irq_written(struct mvgpu_vgpu *vgpu,
			       const struct mvgpu_reg_desc *reg,
			       unsigned int idx, u32 old, u32 new)
{
	mvgpu_irq_reg_written(vgpu, reg, idx, old, new);
	update_timer(vgpu, false);
}

/**
 * mvgpu_display_dp_read() - the connector's state
 * @vgpu: the vGPU; its lock is held
 * @reg: descriptor (unused)
 * @idx: dword index (unused)
 * @val: stored value
 *
 * Return: @val with the detected bit while a display is connected.
 */
u32 mvgpu_display_dp_read(struct mvgpu_vgpu *vgpu,
			  const struct mvgpu_reg_desc *reg,
			  unsigned int idx, u32 val)
{
	return vgpu->display.link_up ? val | MVGPU_DP_DETECTED : val;
}

/**
 * mvgpu_display_edid_read() - a dword of the EDID window
 * @vgpu: the vGPU; its lock is held
 * @reg: descriptor (unused)
 * @idx: dword index in the window
 * @val: stored value (unused)
 *
 * Return: four EDID bytes, little endian; 0 past the blob or while no
 * display is connected.
 */
u32 mvgpu_display_edid_read(struct mvgpu_vgpu *vgpu,
			    const struct mvgpu_reg_desc *reg,
			    unsigned int idx, u32 val)
{
	const struct mvgpu_display *d = &vgpu->display;
	const u8 *b = d->edid + 4 * idx;

	if (!d->link_up || 4 * idx >= d->edid_size)
		return 0;
	return b[0] | b[1] << 8 | b[2] << 16 | (u32)b[3] << 24;
}

/**
 * mvgpu_display_edid_size_read() - EDID_SIZE
 * @vgpu: the vGPU; its lock is held
 * @reg: descriptor (unused)
 * @idx: dword index (unused)
 * @val: stored value (unused)
 *
 * Return: the EDID's length, or 0 while no display is connected.
 */
u32 mvgpu_display_edid_size_read(struct mvgpu_vgpu *vgpu,
				 const struct mvgpu_reg_desc *reg,
				 unsigned int idx, u32 val)
{
	return vgpu->display.link_up ? vgpu->display.edid_size : 0;
}

/* ---- the VMM's side --------------------------------------------------- */

static void query_locked(struct mvgpu_vgpu *vgpu, enum mvgpu_plane_id id,
			 struct mvgpu_plane_info *info)
{
	struct mvgpu_display *d = &vgpu->display;
	u32 pos, hot;

	lockdep_assert_held(&vgpu->lock);
	memset(info, 0, sizeof(*info));
	info->plane = d->planes[id];
	/* Both only grow: the sum changes whenever either does. */
	info->gen = d->gen + vgpu->gtt.gen;
	info->x_hot = U32_MAX;
	info->y_hot = U32_MAX;
	if (id != MVGPU_PLANE_CURSOR)
		return;
	pos = dreg(vgpu, MVGPU_CURPOS(PIPE));
	hot = dreg(vgpu, MVGPU_CURHOT(PIPE));
	info->x = pos & 0xfff;
	if (pos & MVGPU_CURPOS_X_SIGN)
		info->x = -info->x;
	info->y = (pos >> 16) & 0xfff;
	if (pos & MVGPU_CURPOS_Y_SIGN)
		info->y = -info->y;
	if (hot & MVGPU_CURHOT_VALID) {
		info->x_hot = hot & 0xff;
		info->y_hot = (hot >> 16) & 0xff;
	}
}

/**
 * mvgpu_display_query() - what a plane scans out now
 * @vgpu: the vGPU; no lock held
 * @id: which plane
 * @info: filled in
 *
 * Return: 0, or -EINVAL for an unknown plane.
 */
int mvgpu_display_query(struct mvgpu_vgpu *vgpu, enum mvgpu_plane_id id,
			struct mvgpu_plane_info *info)
{
	if (id >= MVGPU_NUM_PLANES)
		return -EINVAL;
	mutex_lock(&vgpu->lock);
	query_locked(vgpu, id, info);
	mutex_unlock(&vgpu->lock);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_display_query);

/* Copy @len bytes at byte @off of the run of @pages to @dst. */
static void copy_from_pages(struct page **pages, u64 off, void *dst, u32 len)
{
	while (len) {
		u32 in = off & (PAGE_SIZE - 1);
		u32 chunk = min_t(u32, len, PAGE_SIZE - in);
		void *va = kmap_local_page(pages[off >> PAGE_SHIFT]);

		memcpy(dst, va + in, chunk);
		kunmap_local(va);
		dst += chunk;
		off += chunk;
		len -= chunk;
	}
}

/**
 * mvgpu_display_plane_pages() - what a plane scans out, and its pages
 * @vgpu: the vGPU; no lock held
 * @id: which plane
 * @info: filled in as by mvgpu_display_query()
 * @pp: set to the referenced pages covering the plane (none when it is
 *	off); give them back with mvgpu_display_put_pages()
 *
 * The description and the pages are taken together, under the vGPU lock:
 * they belong to the same frame.  The pages come from the vGPU's own GTT
 * entries, which the plane's checks keep inside its graphics memory.
 *
 * Return: 0, -EINVAL for an unknown plane, -EFAULT when part of the plane
 * has no guest page behind it, -ENOMEM.
 */
int mvgpu_display_plane_pages(struct mvgpu_vgpu *vgpu, enum mvgpu_plane_id id,
			      struct mvgpu_plane_info *info,
			      struct mvgpu_plane_pages *pp)
{
	const struct mvgpu_plane *p = &info->plane;
	unsigned int max, n;
	struct page **arr;
	u64 first;
	int ret;

	memset(pp, 0, sizeof(*pp));
	if (id >= MVGPU_NUM_PLANES)
		return -EINVAL;
	/* The largest plane the checks let through, allocated unlocked. */
	max = DIV_ROUND_UP((u64)MVGPU_DSPSTRIDE_MAX * vgpu->type->max_vres,
			   PAGE_SIZE) + 1;
	max = max_t(unsigned int, max, DIV_ROUND_UP(MVGPU_CURSOR_MAX_BYTES, PAGE_SIZE));
	arr = kvmalloc_array(max, sizeof(*arr), GFP_KERNEL);
	if (!arr)
		return -ENOMEM;
	mutex_lock(&vgpu->lock);
	query_locked(vgpu, id, info);
	if (!p->on) {
		mutex_unlock(&vgpu->lock);
		kvfree(arr);
		return 0;
	}
	first = p->gm & PAGE_MASK;
	n = DIV_ROUND_UP(p->gm + p->size - first, PAGE_SIZE);
	ret = WARN_ON_ONCE(n > max) ? -EFAULT :
	      mvgpu_gtt_gm_get_pages(vgpu, first, n, arr, &pp->span);
	mutex_unlock(&vgpu->lock);
	if (ret) {
		kvfree(arr);
		return ret;
	}
	pp->pages = arr;
	pp->nr = n;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_display_plane_pages);

/**
 * mvgpu_display_put_pages() - drop what mvgpu_display_plane_pages() gave
 * @pp: the pages (none: nothing to do)
 */
void mvgpu_display_put_pages(struct mvgpu_plane_pages *pp)
{
	unsigned int i;

	for (i = 0; i < pp->nr; i++)
		put_page(pp->pages[i]);
	kvfree(pp->pages);
	pp->pages = NULL;
	pp->nr = 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_display_put_pages);

/**
 * mvgpu_display_read_plane() - copy the pixels a plane scans out
 * @vgpu: the vGPU; no lock held
 * @id: which plane
 * @dst: where to put them, lines packed (width * cpp bytes apart)
 * @dst_size: bytes at @dst
 * @info: filled in as by mvgpu_display_query()
 *
 * The pixels are read through the vGPU's GTT, and only from the guest
 * pages its entries map: the plane's source lies inside the vGPU's
 * graphics memory (checked when the update was latched), and a page its
 * GTT no longer maps fails the copy.  The copy runs without the vGPU
 * lock, on references to the pages.
 *
 * Return: 0 (with @info->plane.on false nothing is copied), -ENOSPC when
 * @dst_size is too small, -EFAULT when part of the plane has no guest
 * page behind it, -ENOMEM.
 */
int mvgpu_display_read_plane(struct mvgpu_vgpu *vgpu, enum mvgpu_plane_id id,
			     void *dst, u64 dst_size,
			     struct mvgpu_plane_info *info)
{
	const struct mvgpu_plane *p = &info->plane;
	struct mvgpu_plane_pages pp;
	unsigned int i;
	u32 line;
	int ret;

	/* Too small a buffer is refused before any page is looked at. */
	ret = mvgpu_display_query(vgpu, id, info);
	if (ret || !p->on)
		return ret;
	if ((u64)p->width * p->cpp * p->height > dst_size)
		return -ENOSPC;
	ret = mvgpu_display_plane_pages(vgpu, id, info, &pp);
	if (ret || !p->on)
		return ret;
	line = p->width * p->cpp;
	if ((u64)line * p->height > dst_size) {
		mvgpu_display_put_pages(&pp);
		return -ENOSPC;
	}
	for (i = 0; i < p->height; i++)
		copy_from_pages(pp.pages,
				(p->gm & ~PAGE_MASK) + (u64)i * p->stride,
				dst + (u64)i * line, line);
	mvgpu_display_put_pages(&pp);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_display_read_plane);

static void hotplug_locked(struct mvgpu_vgpu *vgpu)
{
	vgpu->display.stats.hotplugs++;
	mvgpu_irq_raise(vgpu, MVGPU_IRQ_BANK_DE_PORT, MVGPU_DE_PORT_HOTPLUG);
}

/**
 * mvgpu_display_set_edid() - connect a display with this EDID
 * @vgpu: the vGPU; no lock held
 * @blob: the EDID
 * @size: its length
 *
 * The guest sees the new EDID and gets a hotplug interrupt.
 *
 * Return: 0, or -EINVAL when @blob is not a well-formed EDID (nothing
 * changes).
 */
int mvgpu_display_set_edid(struct mvgpu_vgpu *vgpu, const u8 *blob, u32 size)
{
	struct mvgpu_display *d = &vgpu->display;

	if (mvgpu_edid_check(blob, size))
		return -EINVAL;
	mutex_lock(&vgpu->lock);
	memcpy(d->edid, blob, size);
	memset(d->edid + size, 0, sizeof(d->edid) - size);
	d->edid_size = size;
	d->link_up = true;
	hotplug_locked(vgpu);
	mvgpu_vgpu_unlock(vgpu);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_display_set_edid);

/**
 * mvgpu_display_get_edid() - the connected display's EDID
 * @vgpu: the vGPU; no lock held
 * @blob: MVGPU_EDID_MAX_SIZE bytes to fill
 * @link_up: whether the display is connected
 *
 * Return: the blob's size.
 */
u32 mvgpu_display_get_edid(struct mvgpu_vgpu *vgpu, u8 *blob, bool *link_up)
{
	u32 size;

	mutex_lock(&vgpu->lock);
	memcpy(blob, vgpu->display.edid, MVGPU_EDID_MAX_SIZE);
	size = vgpu->display.edid_size;
	*link_up = vgpu->display.link_up;
	mutex_unlock(&vgpu->lock);
	return size;
}

/**
 * mvgpu_display_set_link() - connect or disconnect the display
 * @vgpu: the vGPU; no lock held
 * @up: connected
 *
 * A change raises a hotplug interrupt.  The EDID stays, unseen while the
 * display is disconnected.
 */
void mvgpu_display_set_link(struct mvgpu_vgpu *vgpu, bool up)
{
	mutex_lock(&vgpu->lock);
	if (vgpu->display.link_up != up) {
		vgpu->display.link_up = up;
		hotplug_locked(vgpu);
	}
	mvgpu_vgpu_unlock(vgpu);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_display_set_link);

/**
 * mvgpu_display_show() - the display's state for debugfs
 * @vgpu: the vGPU; no lock held
 * @m: the seq_file
 */
void mvgpu_display_show(struct mvgpu_vgpu *vgpu, struct seq_file *m)
{
	static const char *const names[] = { "primary", "cursor" };
	struct mvgpu_display *d = &vgpu->display;
	unsigned int i;
	u32 src;

	mutex_lock(&vgpu->lock);
	src = dreg(vgpu, MVGPU_PIPESRC(PIPE));
	seq_printf(m, "pipe: %s %ux%u %llu.%03llu Hz frame %llu\n",
		   pipe_on(vgpu) ? "on" : "off", MVGPU_PIPESRC_W(src),
		   MVGPU_PIPESRC_H(src),
		   div_u64(1000000000000ull, d->period_ns) / 1000,
		   div_u64(1000000000000ull, d->period_ns) % 1000,
		   frames_now(vgpu));
	for (i = 0; i < MVGPU_NUM_PLANES; i++) {
		const struct mvgpu_plane *p = &d->planes[i];

		seq_printf(m, "%s: %s%s", names[i], p->on ? "on" : "off",
			   d->armed[i] ? " (update armed)" : "");
		if (p->on)
			seq_printf(m, " %p4cc %ux%u stride %u gm %#llx",
				   &p->fourcc, p->width, p->height, p->stride,
				   p->gm);
		seq_putc(m, '\n');
	}
	seq_printf(m, "connector: %s edid %u bytes\n",
		   d->link_up ? "connected" : "disconnected", d->edid_size);
	seq_printf(m, "vblanks: %llu\nflips: %llu\ncursor_updates: %llu\n",
		   d->stats.vblanks, d->stats.flips, d->stats.cursor_updates);
	seq_printf(m, "faults: %llu\nhotplugs: %llu\ngeneration: %llu\n",
		   d->stats.faults, d->stats.hotplugs, d->gen);
	mutex_unlock(&vgpu->lock);
}

/* ---- lifecycle -------------------------------------------------------- */

/**
 * mvgpu_display_init() - the display of a new vGPU
 * @vgpu: the vGPU, not yet reachable
 *
 * A display is connected, with an EDID whose preferred mode is 1024x768
 * (or the type's maximum, if smaller) and whose largest is the type's
 * maximum.
 */
void mvgpu_display_init(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_display *d = &vgpu->display;

	hrtimer_init(&d->timer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
	d->timer.function = vblank_timer;
	INIT_WORK(&d->work, vblank_work);
	d->period_ns = mvgpu_display_period_ns(MVGPU_VREFRESH_DEFAULT);
	mvgpu_edid_generate(d->edid, min_t(u32, DEFAULT_W,
					   vgpu->type->max_hres),
			    min_t(u32, DEFAULT_H, vgpu->type->max_vres));
	d->edid_size = 128;
	d->link_up = true;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_display_init);

/**
 * mvgpu_display_reset() - device reset: the pipe and planes go off
 * @vgpu: the vGPU; its lock must be held; its registers already reset
 *
 * The connected display and its EDID stay: they are the host's.
 */
void mvgpu_display_reset(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_display *d = &vgpu->display;

	lockdep_assert_held(&vgpu->lock);
	hrtimer_try_to_cancel(&d->timer);
	memset(d->armed, 0, sizeof(d->armed));
	memset(d->planes, 0, sizeof(d->planes));
	d->gen++;
	d->frame = 0;
	d->base_frame = 0;
	d->flipcount = 0;
	d->period_ns = mvgpu_display_period_ns(MVGPU_VREFRESH_DEFAULT);
}

/**
 * mvgpu_display_stop() - wait until no vertical blank is being handled
 * @vgpu: the vGPU; no lock held; its pipe is off (reset)
 *
 * Called at close and release: with the pipe off nothing sets the timer
 * again.
 */
void mvgpu_display_stop(struct mvgpu_vgpu *vgpu)
{
	hrtimer_cancel(&vgpu->display.timer);
	cancel_work_sync(&vgpu->display.work);
	hrtimer_cancel(&vgpu->display.timer);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_display_stop);

/**
 * mvgpu_display_frame_now() - the frame counter the guest reads now
 * @vgpu: the vGPU; its lock must be held
 *
 * Return: vertical blanks since the pipe was enabled (0 while it is off).
 */
u64 mvgpu_display_frame_now(struct mvgpu_vgpu *vgpu)
{
	lockdep_assert_held(&vgpu->lock);
	return frames_now(vgpu);
}

/**
 * mvgpu_display_restore() - take over a migrated display's counters
 * @vgpu: the vGPU, stopped, its registers loaded; its lock must be held
 * @frame_now: the frame counter when the source stopped
 * @frame_handled: the last vertical blank the source handled
 * @flipcount: the flip counter
 * @armed: per plane, an update waits for the next vertical blank
 *
 * The frame counter continues from @frame_now; the planes scan out what
 * their registers describe, checked as at a flip (a plane that fails the
 * checks is off).  The vertical blank timer starts at mvgpu_display_run().
 *
 * Return: 0, or -EINVAL when @frame_handled is past @frame_now.
 */
int mvgpu_display_restore(struct mvgpu_vgpu *vgpu, u64 frame_now,
			  u64 frame_handled, u32 flipcount,
			  const bool armed[MVGPU_NUM_PLANES])
{
	struct mvgpu_display *d = &vgpu->display;
	unsigned int i;

	lockdep_assert_held(&vgpu->lock);
	if (frame_handled > frame_now || (!pipe_on(vgpu) && frame_now))
		return -EINVAL;
	d->period_ns = mvgpu_display_period_ns(dreg(vgpu,
						    MVGPU_PIPE_VREFRESH(PIPE)));
	d->epoch = ktime_get();
	d->base_frame = frame_now;
	d->frame = frame_handled;
	d->flipcount = flipcount;
	for (i = 0; i < MVGPU_NUM_PLANES; i++) {
		struct mvgpu_plane p;

		d->armed[i] = armed[i];
		if (!pipe_on(vgpu) || mvgpu_display_check_plane(vgpu, i, &p))
			memset(&p, 0, sizeof(p));
		d->planes[i] = p;
	}
	d->gen++;
	return 0;
}

/**
 * mvgpu_display_run() - the vGPU runs again after a stop
 * @vgpu: the vGPU; its lock must be held
 *
 * Vertical blanks that passed while it was stopped are handled now (one
 * interrupt, armed updates latched), and the timer is set again.
 */
void mvgpu_display_run(struct mvgpu_vgpu *vgpu)
{
	lockdep_assert_held(&vgpu->lock);
	vblank_locked(vgpu);
	update_timer(vgpu, true);
}

/**
 * mvgpu_display_fini() - undo mvgpu_display_init()
 * @vgpu: the vGPU, closed
 */
void mvgpu_display_fini(struct mvgpu_vgpu *vgpu)
{
	mvgpu_display_stop(vgpu);
}
