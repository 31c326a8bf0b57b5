// SPDX-License-Identifier: GPL-2.0-only
/*
 * mvgpu_drm: modesetting.  One pipe (pipe A) with a primary and a cursor
 * plane, a virtual encoder and a DisplayPort connector (DP A) whose EDID
 * the device exposes in a BAR0 window.
 *
 * Plane registers are double-buffered: writing DSPSURF (CURBASE) arms an
 * update that takes effect at the next vertical blank.  A commit that arms
 * the primary plane hands its event to mvgpu_device.flip_event before the
 * arming write, and the PRIMARY_FLIP_DONE (or PRIMARY_FAULT) interrupt
 * sends it; any other commit sends its event at the next vertical blank.
 * Scanout buffers are pinned in graphics memory from prepare_fb to
 * cleanup_fb.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/unaligned.h>

#include <kunit/visibility.h>

#include <drm/drm_atomic.h>
#include <drm/drm_atomic_helper.h>
#include <drm/drm_atomic_state_helper.h>
#include <drm/drm_drv.h>
#include <drm/drm_edid.h>
#include <drm/drm_fourcc.h>
#include <drm/drm_framebuffer.h>
#include <drm/drm_gem_atomic_helper.h>
#include <drm/drm_gem_framebuffer_helper.h>
#include <drm/drm_managed.h>
#include <drm/drm_modeset_helper_vtables.h>
#include <drm/drm_print.h>
#include <drm/drm_probe_helper.h>
#include <drm/drm_simple_kms_helper.h>
#include <drm/drm_vblank.h>

#include "mvgpu_drv.h"

#define MVGPU_PIPE			0

/* What PIPESRC can hold: 13 bits of width, 12 of height. */
#define MVGPU_PLANE_MAX_WIDTH		8192
#define MVGPU_PLANE_MAX_HEIGHT		4096
/* Without a vendor capability value. */
#define MVGPU_DEFAULT_MAX_WIDTH		4096
#define MVGPU_DEFAULT_MAX_HEIGHT	2160
/* Preferred mode without an EDID. */
#define MVGPU_NOEDID_WIDTH		1024
#define MVGPU_NOEDID_HEIGHT		768
/* CURPOS holds 12 bits of each coordinate and a sign bit. */
#define MVGPU_CURPOS_MAX		0xfff
/* DSPSURF and CURBASE: 4 KiB aligned; DSPSTRIDE: a multiple of 64. */
#define MVGPU_SURFACE_ALIGN		SZ_4K
#define MVGPU_STRIDE_ALIGN		64

#define MVGPU_DE_PIPE_KMS_EVENTS	(MVGPU_DE_PIPE_PRIMARY_FLIP_DONE | \
					 MVGPU_DE_PIPE_PRIMARY_FAULT | \
					 MVGPU_DE_PIPE_CURSOR_FAULT)

/**
 * struct mvgpu_plane_state - a plane's state and its scanout binding
 * @base: the DRM state
 * @gm: graphics address of the framebuffer's object, while @pinned
 * @pinned: prepare_fb pinned the object; cleanup_fb unpins it
 */
struct mvgpu_plane_state {
	struct drm_plane_state base;
	u64 gm;
	bool pinned;
};

static inline struct mvgpu_plane_state *
to_mvgpu_plane_state(struct drm_plane_state *state)
{
	return container_of(state, struct mvgpu_plane_state, base);
}

/* ------------------------------------------------------------------ */
/* Formats and framebuffer checks (pure, tested by KUnit)               */
/* ------------------------------------------------------------------ */

static const struct {
	u32 fourcc;
	u8 hw;
	u8 cpp;
} mvgpu_formats[] = {
	{ DRM_FORMAT_XRGB8888, MVGPU_FORMAT_BGRX888, 4 },
	{ DRM_FORMAT_ARGB8888, MVGPU_FORMAT_BGRA888, 4 },
	{ DRM_FORMAT_XBGR8888, MVGPU_FORMAT_RGBX888, 4 },
	{ DRM_FORMAT_RGB565, MVGPU_FORMAT_BGRX565, 2 },
};

static const u32 mvgpu_primary_formats[] = {
	DRM_FORMAT_XRGB8888,
	DRM_FORMAT_ARGB8888,
	DRM_FORMAT_XBGR8888,
	DRM_FORMAT_RGB565,
};

static const u32 mvgpu_cursor_formats[] = {
	DRM_FORMAT_ARGB8888,
};

static const u64 mvgpu_modifiers[] = {
	DRM_FORMAT_MOD_LINEAR,
	DRM_FORMAT_MOD_INVALID
};

/**
 * mvgpu_drm_plane_format - the primary plane's format code for a DRM format
 * @fourcc: DRM_FORMAT_*
 *
 * Return: MVGPU_FORMAT_* for DSPCNTR, or -EINVAL if the plane cannot scan
 * @fourcc out.
 */
int mvgpu_drm_plane_format(u32 fourcc)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(mvgpu_formats); i++)
		if (mvgpu_formats[i].fourcc == fourcc)
			return mvgpu_formats[i].hw;
	return -EINVAL;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_drm_plane_format);

static unsigned int mvgpu_format_cpp(u32 fourcc)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(mvgpu_formats); i++)
		if (mvgpu_formats[i].fourcc == fourcc)
			return mvgpu_formats[i].cpp;
	return 0;
}

/**
 * mvgpu_drm_primary_check_fb - can the primary plane scan a framebuffer out
 * @fourcc: its DRM format
 * @width: its width in pixels
 * @height: its height in lines
 * @pitch: bytes from one line to the next
 * @offset: bytes from the start of its object to the first scanned pixel
 *
 * DSPSURF takes a 4 KiB aligned graphics address and objects start on a
 * page, so the scan must start at the object's first byte.
 *
 * Return: 0 if the device accepts the framebuffer, -EINVAL otherwise.
 */
int mvgpu_drm_primary_check_fb(u32 fourcc, u32 width, u32 height, u32 pitch,
			       u64 offset)
{
	unsigned int cpp = mvgpu_format_cpp(fourcc);

	if (!cpp)
		return -EINVAL;
	if (!width || width > MVGPU_PLANE_MAX_WIDTH ||
	    !height || height > MVGPU_PLANE_MAX_HEIGHT)
		return -EINVAL;
	if (pitch % MVGPU_STRIDE_ALIGN || pitch > MVGPU_DSPSTRIDE_MAX ||
	    pitch < (u64)width * cpp)
		return -EINVAL;
	if (offset)
		return -EINVAL;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_drm_primary_check_fb);

/**
 * mvgpu_drm_cursor_check_fb - can the cursor plane scan a framebuffer out
 * @fourcc: its DRM format
 * @width: its width in pixels
 * @height: its height in lines
 * @pitch: bytes from one line to the next
 *
 * The cursor is a square ARGB8888 image of 64, 128 or 256 pixels, lines
 * packed.
 *
 * Return: 0 if the device accepts the framebuffer, -EINVAL otherwise.
 */
int mvgpu_drm_cursor_check_fb(u32 fourcc, u32 width, u32 height, u32 pitch)
{
	if (fourcc != DRM_FORMAT_ARGB8888)
		return -EINVAL;
	if (width != height ||
	    (width != 64 && width != 128 && width != 256))
		return -EINVAL;
	if (pitch != width * 4)
		return -EINVAL;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_drm_cursor_check_fb);

static u32 mvgpu_cursor_mode(u32 width)
{
	switch (width) {
	case 64:
		return MVGPU_CURSOR_MODE_64_ARGB;
	case 128:
		return MVGPU_CURSOR_MODE_128_ARGB;
	default:
		return MVGPU_CURSOR_MODE_256_ARGB;
	}
}

static u32 mvgpu_curpos(int x, int y)
{
	u32 pos = 0;

	if (x < 0) {
		pos |= MVGPU_CURPOS_X_SIGN;
		x = -x;
	}
	if (y < 0) {
		pos |= MVGPU_CURPOS_Y_SIGN;
		y = -y;
	}
	return pos | min(x, MVGPU_CURPOS_MAX) |
	       (u32)min(y, MVGPU_CURPOS_MAX) << 16;
}

/**
 * mvgpu_drm_dumb_create - create a dumb buffer the primary plane can scan out
 * @file: the DRM file
 * @drm: the DRM device
 * @args: the request; pitch and size are filled in
 *
 * As drm_gem_shmem_dumb_create(), with the pitch rounded up to the 64
 * bytes DSPSTRIDE needs.
 *
 * Return: 0 or a negative error code.
 */
int mvgpu_drm_dumb_create(struct drm_file *file, struct drm_device *drm,
			  struct drm_mode_create_dumb *args)
{
	u64 pitch = ALIGN(DIV_ROUND_UP_ULL((u64)args->width * args->bpp, 8),
			  MVGPU_STRIDE_ALIGN);

	if (!pitch || pitch > U32_MAX)
		return -EINVAL;
	args->pitch = pitch;
	args->size = PAGE_ALIGN(pitch * args->height);
	return drm_gem_shmem_dumb_create(file, drm, args);
}

/* ------------------------------------------------------------------ */
/* Interrupt masks and flip events                                      */
/* ------------------------------------------------------------------ */

/* Sends the event of the armed primary update, if any. */
static void mvgpu_flip_complete_locked(struct mvgpu_device *mdev)
{
	lockdep_assert_held(&mdev->drm.event_lock);

	if (!mdev->flip_event)
		return;
	drm_crtc_send_vblank_event(&mdev->crtc, mdev->flip_event);
	mdev->flip_event = NULL;
	if (mdev->flip_vblank_ref)
		drm_crtc_vblank_put(&mdev->crtc);
	mdev->flip_vblank_ref = false;
}

static void mvgpu_flip_complete(struct mvgpu_device *mdev)
{
	unsigned long flags;

	spin_lock_irqsave(&mdev->drm.event_lock, flags);
	mvgpu_flip_complete_locked(mdev);
	spin_unlock_irqrestore(&mdev->drm.event_lock, flags);
}

/*
 * The commit is about to arm the primary plane on a running (or starting)
 * pipe: its event waits for PRIMARY_FLIP_DONE.  Called before the DSPSURF
 * write so that the interrupt cannot come first.
 */
static void mvgpu_flip_take_event(struct mvgpu_device *mdev,
				  struct drm_crtc_state *crtc_state)
{
	struct drm_pending_vblank_event *event = crtc_state->event;
	bool ref;

	if (!event)
		return;
	crtc_state->event = NULL;
	/* Fails while the pipe is off: it starts in this commit. */
	ref = !drm_crtc_vblank_get(&mdev->crtc);

	spin_lock_irq(&mdev->drm.event_lock);
	/* The helpers wait for the previous flip; this is a lost one. */
	if (drm_WARN_ON_ONCE(&mdev->drm, mdev->flip_event))
		mvgpu_flip_complete_locked(mdev);
	mdev->flip_event = event;
	mdev->flip_vblank_ref = ref;
	spin_unlock_irq(&mdev->drm.event_lock);
}

/**
 * mvgpu_drm_kms_irq_pipe - handle display pipe interrupts
 * @mdev: the device
 * @iir: the DE pipe bank's IIR bits, already cleared
 *
 * Called by the interrupt handler, in hard-irq context.
 */
void mvgpu_drm_kms_irq_pipe(struct mvgpu_device *mdev, u32 iir)
{
	/* First, so that a flip event carries this vertical blank's count. */
	if (iir & MVGPU_DE_PIPE_VBLANK)
		drm_crtc_handle_vblank(&mdev->crtc);
	if (iir & MVGPU_DE_PIPE_PRIMARY_FAULT)
		mvgpu_err_ratelimited(mdev, "the device refused a primary plane update, plane off\n");
	if (iir & MVGPU_DE_PIPE_CURSOR_FAULT)
		mvgpu_err_ratelimited(mdev, "the device refused a cursor update, cursor off\n");
	if (iir & (MVGPU_DE_PIPE_PRIMARY_FLIP_DONE |
		   MVGPU_DE_PIPE_PRIMARY_FAULT))
		mvgpu_flip_complete(mdev);
}

/**
 * mvgpu_drm_kms_irq_port - handle display port interrupts
 * @mdev: the device
 * @iir: the DE port bank's IIR bits, already cleared
 *
 * Called by the interrupt handler, in hard-irq context: a HOTPLUG event
 * schedules a probe of the connector.
 */
void mvgpu_drm_kms_irq_port(struct mvgpu_device *mdev, u32 iir)
{
	if (iir & MVGPU_DE_PORT_HOTPLUG)
		schedule_work(&mdev->hotplug_work);
}

static void mvgpu_hotplug_work(struct work_struct *work)
{
	struct mvgpu_device *mdev = container_of(work, struct mvgpu_device,
						 hotplug_work);
	int idx;

	if (!drm_dev_enter(&mdev->drm, &idx))
		return;
	/* A new EDID leaves the status as it was: tell userspace anyway. */
	if (!drm_connector_helper_hpd_irq_event(&mdev->connector))
		drm_kms_helper_hotplug_event(&mdev->drm);
	drm_dev_exit(idx);
}

/* ------------------------------------------------------------------ */
/* Planes                                                               */
/* ------------------------------------------------------------------ */

static void mvgpu_plane_destroy_state(struct drm_plane *plane,
				      struct drm_plane_state *state)
{
	__drm_atomic_helper_plane_destroy_state(state);
	kfree(to_mvgpu_plane_state(state));
}

static void mvgpu_plane_reset(struct drm_plane *plane)
{
	struct mvgpu_plane_state *mstate;

	if (plane->state) {
		mvgpu_plane_destroy_state(plane, plane->state);
		plane->state = NULL;
	}
	mstate = kzalloc(sizeof(*mstate), GFP_KERNEL);
	if (mstate)
		__drm_atomic_helper_plane_reset(plane, &mstate->base);
}

static struct drm_plane_state *
mvgpu_plane_duplicate_state(struct drm_plane *plane)
{
	struct mvgpu_plane_state *mstate;

	if (WARN_ON(!plane->state))
		return NULL;
	/* The binding is the old state's: the new one pins its own. */
	mstate = kzalloc(sizeof(*mstate), GFP_KERNEL);
	if (!mstate)
		return NULL;
	__drm_atomic_helper_plane_duplicate_state(plane, &mstate->base);
	return &mstate->base;
}

static int mvgpu_plane_prepare_fb(struct drm_plane *plane,
				  struct drm_plane_state *state)
{
	struct mvgpu_device *mdev = to_mvgpu(plane->dev);
	struct mvgpu_plane_state *mstate = to_mvgpu_plane_state(state);
	struct drm_framebuffer *fb = state->fb;
	struct mvgpu_bo *bo;
	u64 gm;
	int ret;

	if (!fb)
		return 0;
	ret = drm_gem_plane_helper_prepare_fb(plane, state);
	if (ret)
		return ret;
	bo = to_mvgpu_bo(fb->obj[0]);
	ret = mvgpu_drm_gm_pin(mdev, &bo->base, &gm);
	if (ret)
		return ret;
	/* DSPSURF and CURBASE hold 32-bit graphics addresses. */
	if (gm + bo->base.base.size > SZ_4G) {
		mvgpu_drm_gm_unpin(mdev, &bo->base);
		return -ENOSPC;
	}
	mstate->gm = gm;
	mstate->pinned = true;
	return 0;
}

static void mvgpu_plane_cleanup_fb(struct drm_plane *plane,
				   struct drm_plane_state *state)
{
	struct mvgpu_device *mdev = to_mvgpu(plane->dev);
	struct mvgpu_plane_state *mstate = to_mvgpu_plane_state(state);

	if (!mstate->pinned)
		return;
	mvgpu_drm_gm_unpin(mdev, &to_mvgpu_bo(state->fb->obj[0])->base);
	mstate->pinned = false;
}

/*
 * The checks both planes share: no scaling, inside the CRTC unless
 * @can_position.  *@plane_state is the plane's new state.  Return: 0 or
 * -errno.
 */
static int mvgpu_plane_check_common(struct drm_plane *plane,
				    struct drm_atomic_state *state,
				    bool can_position,
				    struct drm_plane_state **plane_state)
{
	struct drm_plane_state *new_state =
		drm_atomic_get_new_plane_state(state, plane);
	struct drm_crtc_state *crtc_state = NULL;

	*plane_state = new_state;
	if (new_state->crtc)
		crtc_state = drm_atomic_get_new_crtc_state(state,
							   new_state->crtc);
	return drm_atomic_helper_check_plane_state(new_state, crtc_state,
						   DRM_PLANE_NO_SCALING,
						   DRM_PLANE_NO_SCALING,
						   can_position, can_position);
}

static int mvgpu_primary_atomic_check(struct drm_plane *plane,
				      struct drm_atomic_state *state)
{
	struct drm_plane_state *new_state;
	struct drm_framebuffer *fb;
	int ret;

	ret = mvgpu_plane_check_common(plane, state, false, &new_state);
	fb = new_state->fb;
	if (ret || !fb)
		return ret;
	/* The scan starts at DSPSURF, which must be 4 KiB aligned. */
	if (new_state->src_x || new_state->src_y) {
		drm_dbg_atomic(plane->dev, "[PLANE:%d] panning is not supported\n",
			       plane->base.id);
		return -EINVAL;
	}
	ret = mvgpu_drm_primary_check_fb(fb->format->format, fb->width,
					 fb->height, fb->pitches[0],
				     fb->offsets[0]);
	if (ret)
		drm_dbg_atomic(plane->dev,
			       "[PLANE:%d] [FB:%d] %p4cc %ux%u pitch %u offset %u not scannable\n",
			       plane->base.id, fb->base.id,
			       &fb->format->format, fb->width, fb->height,
			       fb->pitches[0], fb->offsets[0]);
	return ret;
}

static void mvgpu_primary_off(struct mvgpu_device *mdev)
{
	mvgpu_wr(mdev, MVGPU_DSPCNTR(MVGPU_PIPE), 0);
	mvgpu_wr(mdev, MVGPU_DSPSURF(MVGPU_PIPE), 0);
}

static void mvgpu_primary_atomic_update(struct drm_plane *plane,
					struct drm_atomic_state *state)
{
	struct mvgpu_device *mdev = to_mvgpu(plane->dev);
	struct drm_plane_state *new_state =
		drm_atomic_get_new_plane_state(state, plane);
	struct mvgpu_plane_state *mstate = to_mvgpu_plane_state(new_state);
	struct drm_framebuffer *fb = new_state->fb;
	struct drm_crtc_state *crtc_state;
	int format;

	if (!fb || !new_state->crtc || !new_state->visible ||
	    !mstate->pinned) {
		mvgpu_primary_off(mdev);
		return;
	}
	format = mvgpu_drm_plane_format(fb->format->format);
	if (WARN_ON(format < 0)) {
		mvgpu_primary_off(mdev);
		return;
	}
	mvgpu_wr(mdev, MVGPU_DSPSTRIDE(MVGPU_PIPE), fb->pitches[0]);
	mvgpu_wr(mdev, MVGPU_DSPCNTR(MVGPU_PIPE),
		 MVGPU_DSPCNTR_ENABLE | MVGPU_DSPCNTR_FORMAT(format));

	/* A pipe that stays off raises no flip-done: leave the event. */
	crtc_state = drm_atomic_get_new_crtc_state(state, new_state->crtc);
	if (crtc_state && crtc_state->active)
		mvgpu_flip_take_event(mdev, crtc_state);
	mvgpu_wr(mdev, MVGPU_DSPSURF(MVGPU_PIPE),
		 lower_32_bits(mstate->gm + fb->offsets[0]));
}

static void mvgpu_primary_atomic_disable(struct drm_plane *plane,
					 struct drm_atomic_state *state)
{
	mvgpu_primary_off(to_mvgpu(plane->dev));
}

static int mvgpu_cursor_atomic_check(struct drm_plane *plane,
				     struct drm_atomic_state *state)
{
	struct drm_plane_state *new_state;
	struct drm_framebuffer *fb;
	int ret;

	ret = mvgpu_plane_check_common(plane, state, true, &new_state);
	fb = new_state->fb;
	if (ret || !fb)
		return ret;
	ret = mvgpu_drm_cursor_check_fb(fb->format->format, fb->width,
					fb->height, fb->pitches[0]);
	/* The whole image, from the start of its object (CURBASE). */
	if (!ret && (new_state->src_x || new_state->src_y ||
		     new_state->src_w != fb->width << 16 ||
		     new_state->src_h != fb->height << 16 || fb->offsets[0]))
		ret = -EINVAL;
	if (ret)
		drm_dbg_atomic(plane->dev,
			       "[PLANE:%d] [FB:%d] %p4cc %ux%u pitch %u not a cursor image\n",
			       plane->base.id, fb->base.id,
			       &fb->format->format, fb->width, fb->height,
			       fb->pitches[0]);
	return ret;
}

static void mvgpu_cursor_off(struct mvgpu_device *mdev)
{
	mvgpu_wr(mdev, MVGPU_CURCNTR(MVGPU_PIPE), MVGPU_CURSOR_MODE_DISABLE);
	mvgpu_wr(mdev, MVGPU_CURBASE(MVGPU_PIPE), 0);
}

static void mvgpu_cursor_atomic_update(struct drm_plane *plane,
				       struct drm_atomic_state *state)
{
	struct mvgpu_device *mdev = to_mvgpu(plane->dev);
	struct drm_plane_state *old_state =
		drm_atomic_get_old_plane_state(state, plane);
	struct drm_plane_state *new_state =
		drm_atomic_get_new_plane_state(state, plane);
	struct mvgpu_plane_state *mstate = to_mvgpu_plane_state(new_state);
	struct drm_framebuffer *fb = new_state->fb;
	struct drm_crtc_state *crtc_state;

	if (!fb || !new_state->crtc || !new_state->visible ||
	    !mstate->pinned) {
		mvgpu_cursor_off(mdev);
		return;
	}
	/* CURPOS takes effect at once. */
	mvgpu_wr(mdev, MVGPU_CURPOS(MVGPU_PIPE),
		 mvgpu_curpos(new_state->crtc_x, new_state->crtc_y));

	/* A move keeps the image; a pipe off and on again lost it. */
	crtc_state = drm_atomic_get_new_crtc_state(state, new_state->crtc);
	if (old_state->fb == fb && old_state->visible &&
	    old_state->crtc == new_state->crtc && crtc_state &&
	    !drm_atomic_crtc_needs_modeset(crtc_state))
		return;
	mvgpu_wr(mdev, MVGPU_CURCNTR(MVGPU_PIPE), mvgpu_cursor_mode(fb->width));
	mvgpu_wr(mdev, MVGPU_CURBASE(MVGPU_PIPE), lower_32_bits(mstate->gm));
}

static void mvgpu_cursor_atomic_disable(struct drm_plane *plane,
					struct drm_atomic_state *state)
{
	mvgpu_cursor_off(to_mvgpu(plane->dev));
}

static const struct drm_plane_helper_funcs mvgpu_primary_helper_funcs = {
	.prepare_fb = mvgpu_plane_prepare_fb,
	.cleanup_fb = mvgpu_plane_cleanup_fb,
	.atomic_check = mvgpu_primary_atomic_check,
	.atomic_update = mvgpu_primary_atomic_update,
	.atomic_disable = mvgpu_primary_atomic_disable,
};

static const struct drm_plane_helper_funcs mvgpu_cursor_helper_funcs = {
	.prepare_fb = mvgpu_plane_prepare_fb,
	.cleanup_fb = mvgpu_plane_cleanup_fb,
	.atomic_check = mvgpu_cursor_atomic_check,
	.atomic_update = mvgpu_cursor_atomic_update,
	.atomic_disable = mvgpu_cursor_atomic_disable,
};

static const struct drm_plane_funcs mvgpu_plane_funcs = {
	.update_plane = drm_atomic_helper_update_plane,
	.disable_plane = drm_atomic_helper_disable_plane,
	.destroy = drm_plane_cleanup,
	.reset = mvgpu_plane_reset,
	.atomic_duplicate_state = mvgpu_plane_duplicate_state,
	.atomic_destroy_state = mvgpu_plane_destroy_state,
};

/* ------------------------------------------------------------------ */
/* CRTC                                                                 */
/* ------------------------------------------------------------------ */

static enum drm_mode_status
mvgpu_crtc_mode_valid(struct drm_crtc *crtc,
		      const struct drm_display_mode *mode)
{
	struct mvgpu_device *mdev = to_mvgpu(crtc->dev);

	return drm_mode_validate_size(mode, mdev->max_width,
				      mdev->max_height);
}

static int mvgpu_crtc_atomic_check(struct drm_crtc *crtc,
				   struct drm_atomic_state *state)
{
	struct drm_crtc_state *crtc_state =
		drm_atomic_get_new_crtc_state(state, crtc);

	/* A pipe being turned off needs no plane. */
	if (!crtc_state->enable)
		return 0;
	return drm_atomic_helper_check_crtc_primary_plane(crtc_state);
}

static void mvgpu_crtc_atomic_enable(struct drm_crtc *crtc,
				     struct drm_atomic_state *state)
{
	struct mvgpu_device *mdev = to_mvgpu(crtc->dev);
	const struct drm_display_mode *mode = &crtc->state->adjusted_mode;
	u32 mhz = drm_mode_vrefresh(mode) * 1000;

	if (!mhz)
		mhz = MVGPU_VREFRESH_DEFAULT;
	mhz = clamp_t(u32, mhz, MVGPU_VREFRESH_MIN, MVGPU_VREFRESH_MAX);
	mvgpu_wr(mdev, MVGPU_PIPESRC(MVGPU_PIPE),
		 MVGPU_PIPESRC_VAL(mode->hdisplay, mode->vdisplay));
	mvgpu_wr(mdev, MVGPU_PIPE_VREFRESH(MVGPU_PIPE), mhz);
	mvgpu_wr(mdev, MVGPU_PIPECONF(MVGPU_PIPE), MVGPU_PIPECONF_ENABLE);
	drm_crtc_vblank_on(crtc);
}

static void mvgpu_crtc_atomic_disable(struct drm_crtc *crtc,
				      struct drm_atomic_state *state)
{
	struct mvgpu_device *mdev = to_mvgpu(crtc->dev);
	struct drm_crtc_state *crtc_state = crtc->state;

	drm_crtc_vblank_off(crtc);
	/* Turns both planes off; what is armed waits for the next enable. */
	mvgpu_wr(mdev, MVGPU_PIPECONF(MVGPU_PIPE), 0);

	spin_lock_irq(&crtc->dev->event_lock);
	mvgpu_flip_complete_locked(mdev);
	/* A modeset enables the pipe again later in the commit. */
	if (crtc_state->event && !crtc_state->active) {
		drm_crtc_send_vblank_event(crtc, crtc_state->event);
		crtc_state->event = NULL;
	}
	spin_unlock_irq(&crtc->dev->event_lock);
}

/* The event of a commit that armed no primary update (cursor, no-op). */
static void mvgpu_crtc_atomic_flush(struct drm_crtc *crtc,
				    struct drm_atomic_state *state)
{
	struct drm_crtc_state *crtc_state =
		drm_atomic_get_new_crtc_state(state, crtc);
	struct drm_pending_vblank_event *event = crtc_state->event;

	bool armed;

	if (!event)
		return;
	crtc_state->event = NULL;
	/* Fails while the pipe is off: then there is nothing to wait for. */
	armed = crtc_state->active && !drm_crtc_vblank_get(crtc);

	spin_lock_irq(&crtc->dev->event_lock);
	if (armed)
		drm_crtc_arm_vblank_event(crtc, event);
	else
		drm_crtc_send_vblank_event(crtc, event);
	spin_unlock_irq(&crtc->dev->event_lock);
}

static int mvgpu_crtc_enable_vblank(struct drm_crtc *crtc)
{
	struct mvgpu_device *mdev = to_mvgpu(crtc->dev);

	WRITE_ONCE(mdev->vblank_on, true);
	mvgpu_drm_irq_de_pipe_mask(mdev, MVGPU_DE_PIPE_VBLANK, true);
	return 0;
}

static void mvgpu_crtc_disable_vblank(struct drm_crtc *crtc)
{
	struct mvgpu_device *mdev = to_mvgpu(crtc->dev);

	WRITE_ONCE(mdev->vblank_on, false);
	mvgpu_drm_irq_de_pipe_mask(mdev, MVGPU_DE_PIPE_VBLANK, false);
}

static const struct drm_crtc_helper_funcs mvgpu_crtc_helper_funcs = {
	.mode_valid = mvgpu_crtc_mode_valid,
	.atomic_check = mvgpu_crtc_atomic_check,
	.atomic_flush = mvgpu_crtc_atomic_flush,
	.atomic_enable = mvgpu_crtc_atomic_enable,
	.atomic_disable = mvgpu_crtc_atomic_disable,
};

static const struct drm_crtc_funcs mvgpu_crtc_funcs = {
	.reset = drm_atomic_helper_crtc_reset,
	.set_config = drm_atomic_helper_set_config,
	.page_flip = drm_atomic_helper_page_flip,
	.atomic_duplicate_state = drm_atomic_helper_crtc_duplicate_state,
	.atomic_destroy_state = drm_atomic_helper_crtc_destroy_state,
	.enable_vblank = mvgpu_crtc_enable_vblank,
	.disable_vblank = mvgpu_crtc_disable_vblank,
};

/* ------------------------------------------------------------------ */
/* Connector                                                            */
/* ------------------------------------------------------------------ */

static int mvgpu_edid_read_block(void *context, u8 *buf, unsigned int block,
				 size_t len)
{
	struct mvgpu_device *mdev = context;
	u32 size = min_t(u32, mvgpu_rd(mdev, MVGPU_REG_EDID_SIZE),
			 MVGPU_EDID_MAX_SIZE);
	size_t start = (size_t)block * EDID_LENGTH, i;

	if (start + len > size)
		return -EINVAL;
	for (i = 0; i < len; i += 4) {
		u8 word[4];

		put_unaligned_le32(readl(mdev->mmio + MVGPU_EDID_OFFSET +
					 start + i), word);
		memcpy(buf + i, word, min_t(size_t, 4, len - i));
	}
	return 0;
}

static int mvgpu_connector_get_modes(struct drm_connector *connector)
{
	struct mvgpu_device *mdev = to_mvgpu(connector->dev);
	const struct drm_edid *drm_edid = NULL;
	int count = 0;

	if (mvgpu_rd(mdev, MVGPU_REG_EDID_SIZE))
		drm_edid = drm_edid_read_custom(connector,
						mvgpu_edid_read_block, mdev);
	drm_edid_connector_update(connector, drm_edid);
	if (drm_edid) {
		count = drm_edid_connector_add_modes(connector);
		drm_edid_free(drm_edid);
	}
	if (!count) {
		count = drm_add_modes_noedid(connector, mdev->max_width,
					     mdev->max_height);
		drm_set_preferred_mode(connector, MVGPU_NOEDID_WIDTH,
				       MVGPU_NOEDID_HEIGHT);
	}
	return count;
}

static enum drm_connector_status
mvgpu_connector_detect(struct drm_connector *connector, bool force)
{
	struct mvgpu_device *mdev = to_mvgpu(connector->dev);
	enum drm_connector_status status = connector_status_disconnected;
	int idx;

	if (!drm_dev_enter(&mdev->drm, &idx))
		return status;
	if (mvgpu_rd(mdev, MVGPU_DP_A) & MVGPU_DP_DETECTED)
		status = connector_status_connected;
	drm_dev_exit(idx);
	return status;
}

static const struct drm_connector_helper_funcs mvgpu_connector_helper_funcs = {
	.get_modes = mvgpu_connector_get_modes,
};

static const struct drm_connector_funcs mvgpu_connector_funcs = {
	.detect = mvgpu_connector_detect,
	.fill_modes = drm_helper_probe_single_connector_modes,
	.reset = drm_atomic_helper_connector_reset,
	.atomic_duplicate_state = drm_atomic_helper_connector_duplicate_state,
	.atomic_destroy_state = drm_atomic_helper_connector_destroy_state,
};

/* ------------------------------------------------------------------ */
/* Setup and teardown                                                   */
/* ------------------------------------------------------------------ */

static const struct drm_mode_config_funcs mvgpu_mode_config_funcs = {
	.fb_create = drm_gem_fb_create,
	.atomic_check = drm_atomic_helper_check,
	.atomic_commit = drm_atomic_helper_commit,
};

static const struct drm_mode_config_helper_funcs mvgpu_mode_config_helpers = {
	.atomic_commit_tail = drm_atomic_helper_commit_tail,
};

/* The vGPU type's largest mode, from the vendor capability. */
static void mvgpu_kms_read_limits(struct mvgpu_device *mdev)
{
	u16 w = 0, h = 0;

	pci_read_config_word(mdev->pdev,
			     MVGPU_CFG_CAP_VNDR + MVGPU_VNDR_MAX_HRES, &w);
	pci_read_config_word(mdev->pdev,
			     MVGPU_CFG_CAP_VNDR + MVGPU_VNDR_MAX_VRES, &h);
	if (!w || !h || w == U16_MAX || h == U16_MAX) {
		w = MVGPU_DEFAULT_MAX_WIDTH;
		h = MVGPU_DEFAULT_MAX_HEIGHT;
	}
	mdev->max_width = clamp_t(u32, w, 64, MVGPU_PLANE_MAX_WIDTH);
	mdev->max_height = clamp_t(u32, h, 64, MVGPU_PLANE_MAX_HEIGHT);
}

/* Pipe and planes off, nothing armed that could scan freed memory. */
static void mvgpu_kms_hw_off(struct mvgpu_device *mdev)
{
	mvgpu_wr(mdev, MVGPU_DSPCNTR(MVGPU_PIPE), 0);
	mvgpu_wr(mdev, MVGPU_CURCNTR(MVGPU_PIPE), MVGPU_CURSOR_MODE_DISABLE);
	mvgpu_wr(mdev, MVGPU_PIPECONF(MVGPU_PIPE), 0);
	mvgpu_wr(mdev, MVGPU_DSPSURF(MVGPU_PIPE), 0);
	mvgpu_wr(mdev, MVGPU_CURBASE(MVGPU_PIPE), 0);
}

/**
 * mvgpu_drm_kms_init - set up modesetting
 * @mdev: the device
 *
 * Creates the pipe, its planes, the encoder and the connector, turns the
 * display off and enables the display interrupts.  Called from probe after
 * mvgpu_drm_gm_init() and mvgpu_drm_irq_init(), before drm_dev_register().
 *
 * Return: 0 or a negative error code.
 */
int mvgpu_drm_kms_init(struct mvgpu_device *mdev)
{
	struct drm_device *drm = &mdev->drm;
	struct drm_connector *connector = &mdev->connector;
	struct drm_encoder *encoder = &mdev->encoder;
	struct drm_crtc *crtc = &mdev->crtc;
	int ret;

	mvgpu_kms_read_limits(mdev);
	INIT_WORK(&mdev->hotplug_work, mvgpu_hotplug_work);

	ret = drmm_mode_config_init(drm);
	if (ret)
		return ret;
	drm->mode_config.min_width = 64;
	drm->mode_config.min_height = 64;
	drm->mode_config.max_width = mdev->max_width;
	drm->mode_config.max_height = mdev->max_height;
	drm->mode_config.preferred_depth = 24;
	drm->mode_config.cursor_width = 256;
	drm->mode_config.cursor_height = 256;
	drm->mode_config.funcs = &mvgpu_mode_config_funcs;
	drm->mode_config.helper_private = &mvgpu_mode_config_helpers;

	ret = drm_universal_plane_init(drm, &mdev->primary, 0,
				       &mvgpu_plane_funcs,
				       mvgpu_primary_formats,
				       ARRAY_SIZE(mvgpu_primary_formats),
				       mvgpu_modifiers, DRM_PLANE_TYPE_PRIMARY,
				       NULL);
	if (ret)
		return ret;
	drm_plane_helper_add(&mdev->primary, &mvgpu_primary_helper_funcs);

	ret = drm_universal_plane_init(drm, &mdev->cursor, 0,
				       &mvgpu_plane_funcs,
				       mvgpu_cursor_formats,
				       ARRAY_SIZE(mvgpu_cursor_formats),
				       mvgpu_modifiers, DRM_PLANE_TYPE_CURSOR,
				       NULL);
	if (ret)
		return ret;
	drm_plane_helper_add(&mdev->cursor, &mvgpu_cursor_helper_funcs);

	ret = drmm_crtc_init_with_planes(drm, crtc, &mdev->primary,
					 &mdev->cursor, &mvgpu_crtc_funcs,
					 NULL);
	if (ret)
		return ret;
	drm_crtc_helper_add(crtc, &mvgpu_crtc_helper_funcs);

	ret = drm_simple_encoder_init(drm, encoder, DRM_MODE_ENCODER_VIRTUAL);
	if (ret)
		return ret;
	encoder->possible_crtcs = drm_crtc_mask(crtc);

	ret = drmm_connector_init(drm, connector, &mvgpu_connector_funcs,
				  DRM_MODE_CONNECTOR_DisplayPort, NULL);
	if (ret)
		return ret;
	drm_connector_helper_add(connector, &mvgpu_connector_helper_funcs);
	connector->polled = DRM_CONNECTOR_POLL_HPD;
	ret = drm_connector_attach_encoder(connector, encoder);
	if (ret)
		return ret;

	ret = drm_vblank_init(drm, 1);
	if (ret)
		return ret;
	/* The pipe is off until the first commit enables it. */
	mvgpu_kms_hw_off(mdev);
	drm_crtc_vblank_reset(crtc);

	mvgpu_drm_irq_de_pipe_mask(mdev, MVGPU_DE_PIPE_KMS_EVENTS, true);
	mvgpu_drm_irq_mask(mdev, MVGPU_IRQ_BANK_DE_PORT, MVGPU_DE_PORT_HOTPLUG,
			   true);

	drm_mode_config_reset(drm);
	return 0;
}

/**
 * mvgpu_drm_kms_fini - tear modesetting down
 * @mdev: the device
 *
 * Called after drm_dev_unplug() (or when drm_dev_register() failed):
 * masks every display interrupt, waits for the hotplug work, turns the pipe
 * and planes off and sends a flip event still pending.  The DRM objects
 * themselves go with the DRM device.
 */
void mvgpu_drm_kms_fini(struct mvgpu_device *mdev)
{
	mvgpu_drm_irq_mask(mdev, MVGPU_IRQ_BANK_DE_PORT, MVGPU_DE_PORT_HOTPLUG,
			   false);
	cancel_work_sync(&mdev->hotplug_work);
	mvgpu_drm_irq_mask(mdev, MVGPU_IRQ_BANK_DE_PIPE(MVGPU_PIPE),
			   MVGPU_DE_PIPE_VALID_MASK, false);
	WRITE_ONCE(mdev->vblank_on, false);
	mvgpu_kms_hw_off(mdev);
	mvgpu_flip_complete(mdev);
}
