// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the display engine: frame timing arithmetic, EDID checks
 * and the default EDID, plane checks, flips at the vertical blank, the
 * connector and its EDID window, and reading a plane's pixels through the
 * GTT.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <kunit/test.h>
#include <linux/highmem.h>
#include <linux/iopoll.h>
#include <linux/unaligned.h>
#include <uapi/drm/drm_fourcc.h>

#include "mvgpu_drv.h"
#include "tests/test_util.h"

#define GTT(gidx)	(MVGPU_GTT_OFFSET + 8 * (gidx))
#define AP		0x4000000u	/* the test vGPU's aperture slice */
#define AP_SIZE		0x6000000u
#define HIDDEN		0x30000000u
#define HIDDEN_SIZE	0x20000000u
#define DE_PIPE		MVGPU_IRQ_BANK_DE_PIPE(0)
#define WAIT_US		(5 * USEC_PER_SEC)

static void wr(struct kunit *test, struct mvgpu_vgpu *vgpu, u32 off, u32 val)
{
	mvgpu_test_wr(test, vgpu, off, val);
}

static u32 rd(struct kunit *test, struct mvgpu_vgpu *vgpu, u32 off)
{
	return mvgpu_test_rd(test, vgpu, off);
}

static int check(struct mvgpu_vgpu *vgpu, enum mvgpu_plane_id id,
		 struct mvgpu_plane *p)
{
	int ret;

	mutex_lock(&vgpu->lock);
	ret = mvgpu_display_check_plane(vgpu, id, p);
	mutex_unlock(&vgpu->lock);
	return ret;
}

/* A primary plane of @w x @h, format @fmt, @stride, at @surf. */
static void primary(struct kunit *test, struct mvgpu_vgpu *vgpu, u32 fmt,
		    u32 w, u32 h, u32 stride, u32 surf)
{
	wr(test, vgpu, MVGPU_PIPESRC(0), MVGPU_PIPESRC_VAL(w, h));
	wr(test, vgpu, MVGPU_DSPSTRIDE(0), stride);
	wr(test, vgpu, MVGPU_DSPCNTR(0),
	   MVGPU_DSPCNTR_ENABLE | MVGPU_DSPCNTR_FORMAT(fmt));
	wr(test, vgpu, MVGPU_DSPSURF(0), surf);
}

static void frame_timing(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mvgpu_display_period_ns(60000), 16666666ull);
	KUNIT_EXPECT_EQ(test, mvgpu_display_period_ns(59940), 16683350ull);
	KUNIT_EXPECT_EQ(test, mvgpu_display_period_ns(240000), 4166666ull);
	KUNIT_EXPECT_EQ(test, mvgpu_display_period_ns(1000), 1000000000ull);
	/* out of range: the default 60 Hz */
	KUNIT_EXPECT_EQ(test, mvgpu_display_period_ns(0), 16666666ull);
	KUNIT_EXPECT_EQ(test, mvgpu_display_period_ns(999), 16666666ull);
	KUNIT_EXPECT_EQ(test, mvgpu_display_period_ns(240001), 16666666ull);
	KUNIT_EXPECT_EQ(test, mvgpu_display_frames(0, 16666666), 0ull);
	KUNIT_EXPECT_EQ(test, mvgpu_display_frames(16666665, 16666666), 0ull);
	KUNIT_EXPECT_EQ(test, mvgpu_display_frames(16666666, 16666666), 1ull);
	/* an hour at 60 Hz */
	KUNIT_EXPECT_EQ(test, mvgpu_display_frames(3600ull * NSEC_PER_SEC,
						   16666666), 216000ull);
}

static void edid_blobs(struct kunit *test)
{
	u8 *b = kunit_kzalloc(test, 2 * MVGPU_EDID_MAX_SIZE, GFP_KERNEL);
	u32 w = 0, h = 0;
	unsigned int i;
	u8 sum = 0;

	KUNIT_ASSERT_NOT_NULL(test, b);
	mvgpu_edid_generate(b, 3840, 2160);
	KUNIT_EXPECT_EQ(test, mvgpu_edid_check(b, 128), 0);
	for (i = 0; i < 128; i++)
		sum += b[i];
	KUNIT_EXPECT_EQ(test, sum, 0);
	KUNIT_EXPECT_EQ(test, mvgpu_edid_preferred(b, &w, &h), 0);
	KUNIT_EXPECT_EQ(test, w, 3840u);
	KUNIT_EXPECT_EQ(test, h, 2160u);
	/* "MVG", EDID 1.4 */
	KUNIT_EXPECT_EQ(test, b[8], 0x36);
	KUNIT_EXPECT_EQ(test, b[9], 0xc7);
	KUNIT_EXPECT_EQ(test, b[18], 1);
	KUNIT_EXPECT_EQ(test, b[19], 4);

	mvgpu_edid_generate(b, 1024, 768);
	KUNIT_EXPECT_EQ(test, mvgpu_edid_preferred(b, &w, &h), 0);
	KUNIT_EXPECT_EQ(test, w, 1024u);
	KUNIT_EXPECT_EQ(test, h, 768u);

	/* size: not a block multiple, too small, too large, ext count */
	KUNIT_EXPECT_EQ(test, mvgpu_edid_check(b, 127), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_edid_check(b, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_edid_check(b, 256), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_edid_check(b, MVGPU_EDID_MAX_SIZE + 128),
			-EINVAL);
	/* one extension block, checksummed */
	b[126] = 1;
	b[127]--;
	b[128] = 0x02;
	b[255] = -0x02;
	KUNIT_EXPECT_EQ(test, mvgpu_edid_check(b, 256), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_edid_check(b, 128), -EINVAL);
	b[200] ^= 1;		/* the extension's checksum breaks */
	KUNIT_EXPECT_EQ(test, mvgpu_edid_check(b, 256), -EINVAL);
	b[200] ^= 1;
	b[0] = 1;		/* header */
	KUNIT_EXPECT_EQ(test, mvgpu_edid_check(b, 256), -EINVAL);
}

static void plane_checks(struct kunit *test)
{
	struct mvgpu_test_pgpu *tp;
	struct mvgpu_vgpu *vgpu = mvgpu_test_ggtt_vgpu(test, &tp);
	struct mvgpu_plane p;

	KUNIT_EXPECT_EQ(test, check(vgpu, MVGPU_PLANE_PRIMARY, &p), 0);
	KUNIT_EXPECT_FALSE(test, p.on);		/* disabled at reset */

	primary(test, vgpu, MVGPU_FORMAT_BGRX888, 1024, 768, 4096, AP);
	KUNIT_EXPECT_EQ(test, check(vgpu, MVGPU_PLANE_PRIMARY, &p), 0);
	KUNIT_EXPECT_TRUE(test, p.on);
	KUNIT_EXPECT_EQ(test, p.fourcc, (u32)DRM_FORMAT_XRGB8888);
	KUNIT_EXPECT_EQ(test, p.width, 1024u);
	KUNIT_EXPECT_EQ(test, p.height, 768u);
	KUNIT_EXPECT_EQ(test, p.gm, (u64)AP);
	KUNIT_EXPECT_EQ(test, p.size, 4096ull * 768);

	primary(test, vgpu, MVGPU_FORMAT_BGRX565, 1024, 768, 2048, HIDDEN);
	KUNIT_EXPECT_EQ(test, check(vgpu, MVGPU_PLANE_PRIMARY, &p), 0);
	KUNIT_EXPECT_EQ(test, p.fourcc, (u32)DRM_FORMAT_RGB565);
	KUNIT_EXPECT_EQ(test, p.cpp, 2u);
	primary(test, vgpu, MVGPU_FORMAT_RGBX888, 640, 480, 2560, AP);
	KUNIT_EXPECT_EQ(test, check(vgpu, MVGPU_PLANE_PRIMARY, &p), 0);
	KUNIT_EXPECT_EQ(test, p.fourcc, (u32)DRM_FORMAT_XBGR8888);
	primary(test, vgpu, MVGPU_FORMAT_BGRA888, 640, 480, 2560, AP);
	KUNIT_EXPECT_EQ(test, check(vgpu, MVGPU_PLANE_PRIMARY, &p), 0);
	KUNIT_EXPECT_EQ(test, p.fourcc, (u32)DRM_FORMAT_ARGB8888);

	/* unknown format */
	primary(test, vgpu, 0x9, 640, 480, 2560, AP);
	KUNIT_EXPECT_EQ(test, check(vgpu, MVGPU_PLANE_PRIMARY, &p), -EINVAL);
	/* stride shorter than a line; stride above the maximum */
	primary(test, vgpu, MVGPU_FORMAT_BGRX888, 1024, 768, 2048, AP);
	KUNIT_EXPECT_EQ(test, check(vgpu, MVGPU_PLANE_PRIMARY, &p), -EINVAL);
	primary(test, vgpu, MVGPU_FORMAT_BGRX888, 1024, 768, 0xffc0, AP);
	KUNIT_EXPECT_EQ(test, check(vgpu, MVGPU_PLANE_PRIMARY, &p), -EINVAL);
	/* larger than the type allows (1920x1200) */
	primary(test, vgpu, MVGPU_FORMAT_BGRX888, 1921, 1080, 0x2000, AP);
	KUNIT_EXPECT_EQ(test, check(vgpu, MVGPU_PLANE_PRIMARY, &p), -EINVAL);
	primary(test, vgpu, MVGPU_FORMAT_BGRX888, 1920, 1201, 0x2000, AP);
	KUNIT_EXPECT_EQ(test, check(vgpu, MVGPU_PLANE_PRIMARY, &p), -EINVAL);
	/* the last line leaves the slice; outside every slice; low memory */
	primary(test, vgpu, MVGPU_FORMAT_BGRX888, 1024, 768, 4096,
		AP + AP_SIZE - 4096 * 767);
	KUNIT_EXPECT_EQ(test, check(vgpu, MVGPU_PLANE_PRIMARY, &p), -EFAULT);
	primary(test, vgpu, MVGPU_FORMAT_BGRX888, 1024, 768, 4096,
		AP + AP_SIZE - 4096 * 768);
	KUNIT_EXPECT_EQ(test, check(vgpu, MVGPU_PLANE_PRIMARY, &p), 0);
	primary(test, vgpu, MVGPU_FORMAT_BGRX888, 64, 64, 256, 0);
	KUNIT_EXPECT_EQ(test, check(vgpu, MVGPU_PLANE_PRIMARY, &p), -EFAULT);
	primary(test, vgpu, MVGPU_FORMAT_BGRX888, 64, 64, 256,
		HIDDEN + HIDDEN_SIZE);
	KUNIT_EXPECT_EQ(test, check(vgpu, MVGPU_PLANE_PRIMARY, &p), -EFAULT);

	/* cursor modes */
	wr(test, vgpu, MVGPU_CURBASE(0), AP);
	wr(test, vgpu, MVGPU_CURCNTR(0), MVGPU_CURSOR_MODE_64_ARGB);
	KUNIT_EXPECT_EQ(test, check(vgpu, MVGPU_PLANE_CURSOR, &p), 0);
	KUNIT_EXPECT_EQ(test, p.width, 64u);
	KUNIT_EXPECT_EQ(test, p.stride, 256u);
	KUNIT_EXPECT_EQ(test, p.fourcc, (u32)DRM_FORMAT_ARGB8888);
	wr(test, vgpu, MVGPU_CURCNTR(0), MVGPU_CURSOR_MODE_128_ARGB);
	KUNIT_EXPECT_EQ(test, check(vgpu, MVGPU_PLANE_CURSOR, &p), 0);
	KUNIT_EXPECT_EQ(test, p.height, 128u);
	wr(test, vgpu, MVGPU_CURCNTR(0), MVGPU_CURSOR_MODE_256_ARGB);
	KUNIT_EXPECT_EQ(test, check(vgpu, MVGPU_PLANE_CURSOR, &p), 0);
	KUNIT_EXPECT_EQ(test, p.size, 256ull * 256 * 4);
	wr(test, vgpu, MVGPU_CURCNTR(0), 0x24);
	KUNIT_EXPECT_EQ(test, check(vgpu, MVGPU_PLANE_CURSOR, &p), -EINVAL);
	wr(test, vgpu, MVGPU_CURCNTR(0), MVGPU_CURSOR_MODE_256_ARGB);
	wr(test, vgpu, MVGPU_CURBASE(0), AP + AP_SIZE - 4096);
	KUNIT_EXPECT_EQ(test, check(vgpu, MVGPU_PLANE_CURSOR, &p), -EFAULT);
}

static bool wait_reg(struct kunit *test, struct mvgpu_vgpu *vgpu, u32 off,
		     u32 mask, u32 want)
{
	u32 v;

	return !read_poll_timeout(rd, v, (v & mask) == want, 1000, WAIT_US,
				  false, test, vgpu, off);
}

static bool cursor_on(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_plane_info info;

	return !mvgpu_display_query(vgpu, MVGPU_PLANE_CURSOR, &info) &&
	       info.plane.on;
}

static bool wait_cursor(struct mvgpu_vgpu *vgpu)
{
	bool on;

	return !read_poll_timeout(cursor_on, on, on, 1000, WAIT_US, false,
				  vgpu);
}

/*
 * An update takes effect at the next vertical blank: the live surface,
 * the flip counter and the interrupts say so; a bad one turns the plane
 * off with a fault.  Disabling the pipe turns the planes off.
 */
static void flips_at_vblank(struct kunit *test)
{
	struct mvgpu_test_pgpu *tp;
	struct mvgpu_vgpu *vgpu = mvgpu_test_ggtt_vgpu(test, &tp);
	struct mvgpu_plane_info info;

	wr(test, vgpu, MVGPU_IRQ_IMR(DE_PIPE), 0);
	wr(test, vgpu, MVGPU_PIPE_VREFRESH(0), 240000);
	wr(test, vgpu, MVGPU_PIPECONF(0), MVGPU_PIPECONF_ENABLE);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_PIPECONF(0)),
			MVGPU_PIPECONF_ENABLE | MVGPU_PIPECONF_STATE);
	primary(test, vgpu, MVGPU_FORMAT_BGRX888, 640, 480, 2560, AP + 0x1000);
	KUNIT_EXPECT_TRUE(test, wait_reg(test, vgpu, MVGPU_DSPSURFLIVE(0),
					 ~0u, AP + 0x1000));
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_PIPE_FLIPCOUNT(0)), 1u);
	KUNIT_EXPECT_TRUE(test, rd(test, vgpu, MVGPU_IRQ_IIR(DE_PIPE)) &
			  MVGPU_DE_PIPE_PRIMARY_FLIP_DONE);
	KUNIT_EXPECT_GE(test, rd(test, vgpu, MVGPU_PIPE_FRMCOUNT(0)), 1u);
	KUNIT_EXPECT_EQ(test, mvgpu_display_query(vgpu, MVGPU_PLANE_PRIMARY,
						  &info), 0);
	KUNIT_EXPECT_TRUE(test, info.plane.on);
	KUNIT_EXPECT_EQ(test, info.plane.gm, (u64)AP + 0x1000);
	KUNIT_EXPECT_EQ(test, info.x_hot, U32_MAX);

	/* a bad update: the plane goes off, with a fault */
	wr(test, vgpu, MVGPU_IRQ_IIR(DE_PIPE), MVGPU_DE_PIPE_VALID_MASK);
	primary(test, vgpu, MVGPU_FORMAT_BGRX888, 640, 480, 2560, 0x1000);
	KUNIT_EXPECT_TRUE(test, wait_reg(test, vgpu, MVGPU_IRQ_IIR(DE_PIPE),
					 MVGPU_DE_PIPE_PRIMARY_FAULT,
					 MVGPU_DE_PIPE_PRIMARY_FAULT));
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_DSPSURFLIVE(0)), 0u);
	KUNIT_EXPECT_FALSE(test, rd(test, vgpu, MVGPU_IRQ_IIR(DE_PIPE)) &
			   MVGPU_DE_PIPE_PRIMARY_FLIP_DONE);
	KUNIT_EXPECT_EQ(test, vgpu->display.stats.faults, 1ull);

	/* the cursor: position and hotspot at once */
	wr(test, vgpu, MVGPU_CURCNTR(0), MVGPU_CURSOR_MODE_64_ARGB);
	wr(test, vgpu, MVGPU_CURPOS(0), 10 | MVGPU_CURPOS_X_SIGN | 20 << 16);
	wr(test, vgpu, MVGPU_CURHOT(0), MVGPU_CURHOT_VALID | 3 | 5 << 16);
	wr(test, vgpu, MVGPU_CURBASE(0), AP);
	KUNIT_EXPECT_TRUE(test, wait_cursor(vgpu));
	KUNIT_EXPECT_EQ(test, mvgpu_display_query(vgpu, MVGPU_PLANE_CURSOR,
						  &info), 0);
	KUNIT_EXPECT_TRUE(test, info.plane.on);
	KUNIT_EXPECT_EQ(test, info.x, -10);
	KUNIT_EXPECT_EQ(test, info.y, 20);
	KUNIT_EXPECT_EQ(test, info.x_hot, 3u);
	KUNIT_EXPECT_EQ(test, info.y_hot, 5u);

	/* pipe off: planes off, counters stop */
	wr(test, vgpu, MVGPU_PIPECONF(0), 0);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_PIPE_FRMCOUNT(0)), 0u);
	KUNIT_EXPECT_EQ(test, mvgpu_display_query(vgpu, MVGPU_PLANE_CURSOR,
						  &info), 0);
	KUNIT_EXPECT_FALSE(test, info.plane.on);
	mvgpu_display_stop(vgpu);
}

/* The connector, its EDID window and the hotplug interrupt. */
static void connector_and_edid(struct kunit *test)
{
	struct mvgpu_test_pgpu *tp;
	struct mvgpu_vgpu *vgpu = mvgpu_test_ggtt_vgpu(test, &tp);
	u8 *blob = kunit_kzalloc(test, 256, GFP_KERNEL);
	u32 w, h;

	KUNIT_ASSERT_NOT_NULL(test, blob);
	/* the default display: 1024x768 preferred */
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_DP_A), MVGPU_DP_DETECTED);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_REG_EDID_SIZE), 128u);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_EDID_OFFSET), 0xffffff00u);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_EDID_OFFSET + 4),
			0x00ffffffu);
	KUNIT_EXPECT_EQ(test, mvgpu_edid_preferred(vgpu->display.edid, &w, &h),
			0);
	KUNIT_EXPECT_EQ(test, w, 1024u);

	wr(test, vgpu, MVGPU_IRQ_IMR(MVGPU_IRQ_BANK_DE_PORT), 0);
	mvgpu_display_set_link(vgpu, false);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_DP_A), 0u);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_REG_EDID_SIZE), 0u);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_EDID_OFFSET), 0u);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu,
				 MVGPU_IRQ_IIR(MVGPU_IRQ_BANK_DE_PORT)),
			MVGPU_DE_PORT_HOTPLUG);
	wr(test, vgpu, MVGPU_IRQ_IIR(MVGPU_IRQ_BANK_DE_PORT),
	   MVGPU_DE_PORT_HOTPLUG);
	/* the same state again: no interrupt */
	mvgpu_display_set_link(vgpu, false);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu,
				 MVGPU_IRQ_IIR(MVGPU_IRQ_BANK_DE_PORT)), 0u);

	/* an invalid EDID changes nothing */
	KUNIT_EXPECT_EQ(test, mvgpu_display_set_edid(vgpu, blob, 128),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_DP_A), 0u);
	/* a valid one connects, with a hotplug */
	mvgpu_edid_generate(blob, 1920, 1080);
	KUNIT_EXPECT_EQ(test, mvgpu_display_set_edid(vgpu, blob, 128), 0);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_DP_A), MVGPU_DP_DETECTED);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_EDID_OFFSET + 56),
			get_unaligned_le32(blob + 56));
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_EDID_OFFSET + 128), 0u);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu,
				 MVGPU_IRQ_IIR(MVGPU_IRQ_BANK_DE_PORT)),
			MVGPU_DE_PORT_HOTPLUG);
	/* a device reset keeps the display: it is the host's */
	mutex_lock(&vgpu->lock);
	mvgpu_vgpu_reset_locked(vgpu);
	mvgpu_vgpu_unlock(vgpu);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_DP_A), MVGPU_DP_DETECTED);
	KUNIT_EXPECT_EQ(test, rd(test, vgpu, MVGPU_EDID_OFFSET + 56),
			get_unaligned_le32(blob + 56));
}

static int read_primary(struct mvgpu_vgpu *vgpu, void *dst, u64 size,
			struct mvgpu_plane_info *info)
{
	return mvgpu_display_read_plane(vgpu, MVGPU_PLANE_PRIMARY, dst, size,
					info);
}

/*
 * The plane's pixels come through the GTT, lines packed; a page the GTT
 * no longer maps fails the read.
 */
/* Point GTT entry @idx of the aperture at guest frame @gfn. */
static void gtt_map(struct kunit *test, struct mvgpu_vgpu *vgpu, u32 idx,
		    u64 gfn)
{
	u8 b[8];

	put_unaligned_le64(gfn << 12 | MVGPU_GTT_PTE_PRESENT, b);
	KUNIT_ASSERT_EQ(test, mvgpu_mmio_write(vgpu, GTT((AP >> 12) + idx),
					       b, 8), 0);
}

/*
 * Frames 0..3 behind the first four aperture pages, word x of frame i
 * holding i << 16 | x, and a primary plane of 64x32 XRGB on them with a
 * 512-byte stride: 4 lines a page.
 */
static void show_four_frames(struct kunit *test, struct mvgpu_vgpu *vgpu,
			     struct mvgpu_test_pgpu *tp)
{
	unsigned int i, x;

	for (i = 0; i < 4; i++) {
		u32 *va = kmap_local_page(tp->pages[i]);

		for (x = 0; x < 1024; x++)
			va[x] = i << 16 | x;
		kunmap_local(va);
		gtt_map(test, vgpu, i, i);
	}
	wr(test, vgpu, MVGPU_PIPE_VREFRESH(0), 240000);
	wr(test, vgpu, MVGPU_PIPECONF(0), MVGPU_PIPECONF_ENABLE);
	primary(test, vgpu, MVGPU_FORMAT_BGRX888, 64, 32, 512, AP);
	KUNIT_ASSERT_TRUE(test, wait_reg(test, vgpu, MVGPU_DSPSURFLIVE(0), ~0u,
					 AP));
}

static void read_plane_pixels(struct kunit *test)
{
	struct mvgpu_test_pgpu *tp;
	struct mvgpu_vgpu *vgpu = mvgpu_test_ggtt_vgpu(test, &tp);
	struct mvgpu_plane_info info;
	u32 *dst = kunit_kzalloc(test, 4 * 64 * 32, GFP_KERNEL);
	unsigned int x, y;
	u8 b[8];

	KUNIT_ASSERT_NOT_NULL(test, dst);
	show_four_frames(test, vgpu, tp);
	KUNIT_EXPECT_EQ(test, read_primary(vgpu, dst, 4 * 64 * 31, &info),
			-ENOSPC);
	KUNIT_ASSERT_EQ(test, read_primary(vgpu, dst, 4 * 64 * 32, &info), 0);
	for (y = 0; y < 32; y++)
		for (x = 0; x < 64; x++)
			if (dst[y * 64 + x] !=
			    ((y / 8) << 16 | ((y % 8) * 128 + x))) {
				KUNIT_FAIL(test, "pixel %u,%u: %#x", x, y,
					   dst[y * 64 + x]);
				goto unmapped;
			}
unmapped:
	/* the GTT drops page 2: the read fails, nothing else is read */
	memset(b, 0, sizeof(b));
	KUNIT_ASSERT_EQ(test, mvgpu_mmio_write(vgpu, GTT((AP >> 12) + 2), b, 8),
			0);
	KUNIT_EXPECT_EQ(test, read_primary(vgpu, dst, 4 * 64 * 32, &info),
			-EFAULT);
	wr(test, vgpu, MVGPU_PIPECONF(0), 0);
	mvgpu_display_stop(vgpu);
}

/*
 * The plane's pages, with the guest frames they came from, and its stamp:
 * equal while nothing changed, moved by any GTT write, even one that
 * leaves the plane's description as it was.
 */
static void plane_pages_and_stamp(struct kunit *test)
{
	struct mvgpu_test_pgpu *tp;
	struct mvgpu_vgpu *vgpu = mvgpu_test_ggtt_vgpu(test, &tp);
	struct mvgpu_plane_info info, again;
	struct mvgpu_plane_pages pp;
	unsigned int i;

	show_four_frames(test, vgpu, tp);
	KUNIT_ASSERT_EQ(test, mvgpu_display_query(vgpu, MVGPU_PLANE_PRIMARY,
						  &info), 0);
	KUNIT_ASSERT_EQ(test, mvgpu_display_query(vgpu, MVGPU_PLANE_PRIMARY,
						  &again), 0);
	KUNIT_EXPECT_EQ(test, again.gen, info.gen);

	KUNIT_ASSERT_EQ(test, mvgpu_display_plane_pages(vgpu,
							MVGPU_PLANE_PRIMARY,
							&again, &pp), 0);
	KUNIT_EXPECT_EQ(test, again.gen, info.gen);
	KUNIT_ASSERT_EQ(test, pp.nr, 4);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_PTR_EQ(test, pp.pages[i], tp->pages[i]);
	KUNIT_EXPECT_EQ(test, pp.span.first, 0);
	KUNIT_EXPECT_EQ(test, pp.span.last, 3);
	mvgpu_display_put_pages(&pp);
	KUNIT_EXPECT_EQ(test, pp.nr, 0);

	/* the same value again: nothing the plane shows changed, but... */
	gtt_map(test, vgpu, 1, 1);
	mvgpu_display_query(vgpu, MVGPU_PLANE_PRIMARY, &again);
	KUNIT_EXPECT_NE(test, again.gen, info.gen);
	KUNIT_EXPECT_EQ(test, memcmp(&again.plane, &info.plane,
				     sizeof(info.plane)), 0);
	/* another frame behind the plane's second page */
	info = again;
	gtt_map(test, vgpu, 1, 7);
	KUNIT_ASSERT_EQ(test, mvgpu_display_plane_pages(vgpu,
							MVGPU_PLANE_PRIMARY,
							&again, &pp), 0);
	KUNIT_EXPECT_NE(test, again.gen, info.gen);
	KUNIT_EXPECT_EQ(test, memcmp(&again.plane, &info.plane,
				     sizeof(info.plane)), 0);
	KUNIT_EXPECT_PTR_EQ(test, pp.pages[1], tp->pages[7]);
	KUNIT_EXPECT_EQ(test, pp.span.first, 0);
	KUNIT_EXPECT_EQ(test, pp.span.last, 7);
	mvgpu_display_put_pages(&pp);
	wr(test, vgpu, MVGPU_PIPECONF(0), 0);
	mvgpu_display_stop(vgpu);
}

static struct kunit_case display_cases[] = {
	KUNIT_CASE(frame_timing),
	KUNIT_CASE(edid_blobs),
	KUNIT_CASE(plane_checks),
	KUNIT_CASE(flips_at_vblank),
	KUNIT_CASE(connector_and_edid),
	KUNIT_CASE(read_plane_pixels),
	KUNIT_CASE(plane_pages_and_stamp),
	{}
};

static struct kunit_suite display_suite = {
	.name = "mvgpu_display",
	.test_cases = display_cases,
};

kunit_test_suite(display_suite);
