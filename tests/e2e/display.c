// SPDX-License-Identifier: GPL-2.0-only
/*
 * display: the vGPU's display engine and VFIO's graphics-plane uAPI, in
 * region mode, through the real VFIO interfaces.
 *
 *  - display_mode: default "region", bad values refused, not changeable
 *    while open; "none" hides the display (PROBE fails, no EDID region);
 *  - regions: the EDID region (type GFX/EDID) and the plane regions
 *    (read-only, mmap-able);
 *  - QUERY_GFX_PLANE argument checks (argsz, flags, plane type, PROBE);
 *  - a primary plane over a known pattern: the flip takes effect at a
 *    vertical blank (live surface, flip counter, flip-done interrupt),
 *    QUERY_GFX_PLANE describes it exactly, and the region's mmap and
 *    pread show the pattern byte for byte, also from a padded stride and
 *    in RGB565; the cursor with its position and hotspot;
 *  - vertical blanks at the refresh rate: the frame counter over a window
 *    (a ratio), and the vblank interrupts received;
 *  - every malformed plane (outside the slices, short or huge stride, too
 *    large, unknown format) faults and is reported off; a plane whose
 *    memory the GTT no longer maps is reported off;
 *  - the EDID region: fields, the blob equal to the guest's EDID window,
 *    link down/up with hotplug interrupts, and every bad access refused.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "e2e.h"
#include "gpu.h"

#define TYPE		"V1_8"		/* at most 1920x1080 */
#define MAX_W		1920
#define MAX_H		1080
#define MEM_SIZE	(8u << 20)
#define IOVA		0x10000000ull
#define W		1024
#define H		768
#define DE_PIPE		MVGPU_IRQ_BANK_DE_PIPE(0)
#define DE_PORT		MVGPU_IRQ_BANK_DE_PORT
#define FOURCC(a, b, c, d) \
	((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | \
	 (uint32_t)(d) << 24)
#define XR24		FOURCC('X', 'R', '2', '4')
#define AR24		FOURCC('A', 'R', '2', '4')
#define RG16		FOURCC('R', 'G', '1', '6')
#define PRIMARY		1	/* DRM_PLANE_TYPE_PRIMARY */
#define CURSOR		2	/* DRM_PLANE_TYPE_CURSOR */
#define EDID_FIELD(f)	offsetof(struct vfio_region_gfx_edid, f)
#define WAIT_MS		10000

static struct gpu g;
static char uuid[MVGPU_UUID_LEN + 1];

static uint32_t pixel(unsigned int x, unsigned int y)
{
	return ((x * 2654435761u) ^ (y * 40503u)) & 0xffffff;
}

static int query_dev(struct mvgpu_dev *d, uint32_t flags, uint32_t type,
		     struct vfio_device_gfx_plane_info *p)
{
	memset(p, 0, sizeof(*p));
	p->argsz = sizeof(*p);
	p->flags = flags;
	p->drm_plane_type = type;
	return ioctl(d->device_fd, VFIO_DEVICE_QUERY_GFX_PLANE, p) ? -errno : 0;
}

static int query(uint32_t flags, uint32_t type,
		 struct vfio_device_gfx_plane_info *p)
{
	return query_dev(g.d, flags, type, p);
}

static int mode_set(const char *mode)
{
	char path[256];

	snprintf(path, sizeof(path), MVGPU_MDEV_DEV_DIR "/%s/mvgpu/display_mode",
		 uuid);
	return mvgpu_sysfs_write_str(path, mode);
}

static bool mode_is(const char *mode)
{
	char path[256], buf[32] = "";

	snprintf(path, sizeof(path), MVGPU_MDEV_DEV_DIR "/%s/mvgpu/display_mode",
		 uuid);
	if (mvgpu_sysfs_read(path, buf, sizeof(buf)) < 0)
		return false;
	buf[strcspn(buf, "\n")] = 0;
	return !strcmp(buf, mode);
}

/* Wait for a register to reach @want under @mask. */
static bool wait_reg(uint32_t off, uint32_t mask, uint32_t want)
{
	uint64_t end = e2e_now_ms() + WAIT_MS;

	do {
		if ((gpu_rd(&g, off) & mask) == want)
			return true;
		usleep(2000);
	} while (e2e_now_ms() < end);
	return false;
}

/* Program the primary plane and arm it. */
static void primary(uint32_t fmt, uint32_t w, uint32_t h, uint32_t stride,
		    uint64_t surf)
{
	gpu_wr(&g, MVGPU_PIPESRC(0), MVGPU_PIPESRC_VAL(w, h));
	gpu_wr(&g, MVGPU_DSPSTRIDE(0), stride);
	gpu_wr(&g, MVGPU_DSPCNTR(0),
	       MVGPU_DSPCNTR_ENABLE | MVGPU_DSPCNTR_FORMAT(fmt));
	gpu_wr(&g, MVGPU_IRQ_IIR(DE_PIPE), MVGPU_DE_PIPE_VALID_MASK);
	gpu_wr(&g, MVGPU_DSPSURF(0), (uint32_t)surf);
}

/* A good flip: it takes effect at a vertical blank. */
static bool flip_ok(uint64_t surf)
{
	return wait_reg(MVGPU_DSPSURFLIVE(0), ~0u, (uint32_t)surf) &&
	       wait_reg(MVGPU_IRQ_IIR(DE_PIPE), MVGPU_DE_PIPE_PRIMARY_FLIP_DONE,
			MVGPU_DE_PIPE_PRIMARY_FLIP_DONE);
}

static bool region_matches(uint32_t index, const uint8_t *want, size_t len,
			   const char *what)
{
	uint8_t *got = malloc(len);
	void *map = NULL;
	bool ok;

	if (!got)
		return tap_ok(false, "%s: memory", what);
	ok = tap_rc(mvgpu_region_read(g.d, index, 0, got, len), 0,
		    "%s: the region can be read", what) &&
	     tap_ok(!memcmp(got, want, len),
		    "%s: pread shows the pattern byte for byte", what);
	free(got);
	if (tap_rc(mvgpu_region_mmap(g.d, index, 0, len, PROT_READ, &map), 0,
		   "%s: the region can be mmapped", what)) {
		ok &= tap_ok(!memcmp(map, want, len),
			     "%s: the mapping shows the pattern byte for byte",
			     what);
		munmap(map, len);
	}
	return ok;
}

static void mode_attribute(void)
{
	struct vfio_device_gfx_plane_info p;
	struct vfio_region_info *ri = NULL;
	struct gpu other = { 0 };

	tap_ok(mode_is("region"), "display_mode defaults to region");
	tap_rc(mode_set("dmabuff"), -EINVAL, "display_mode \"dmabuff\": EINVAL");
	tap_rc(mode_set("none"), 0, "display_mode none");
	if (!tap_rc(gpu_open(&other, uuid, MVGPU_VFIO_AUTO), 0,
		    "open the vGPU"))
		return;
	tap_rc(mode_set("region"), -EBUSY, "display_mode is fixed while open");
	tap_rc(query_dev(other.d, VFIO_GFX_PLANE_TYPE_PROBE |
			 VFIO_GFX_PLANE_TYPE_REGION, PRIMARY, &p), -EINVAL,
	       "none: PROBE|REGION fails");
	if (!mvgpu_region_info(other.d, MVGPU_VFIO_EDID_REGION, &ri))
		tap_eq(ri->size, 0, "none: no EDID region");
	free(ri);
	ri = NULL;
	if (!mvgpu_region_info(other.d, MVGPU_VFIO_PRIMARY_REGION, &ri))
		tap_eq(ri->size, 0, "none: no plane region");
	free(ri);
	gpu_release(&other);
	tap_rc(mode_set("region\n"), 0, "display_mode region again");
}

static void regions_and_args(void)
{
	struct vfio_device_gfx_plane_info p;
	struct vfio_region_info *ri = NULL;
	const struct vfio_region_info_cap_type *cap;

	tap_eq(g.d->info.num_regions, MVGPU_VFIO_NUM_REGIONS,
	       "num_regions counts the display's regions");
	if (!tap_rc(mvgpu_region_info(g.d, MVGPU_VFIO_EDID_REGION, &ri), 0,
		    "EDID region info"))
		return;
	tap_eq(ri->size, MVGPU_VFIO_EDID_REGION_SIZE, "EDID region size");
	cap = (const void *)mvgpu_region_cap_find(ri, VFIO_REGION_INFO_CAP_TYPE);
	tap_ok(cap && cap->type == VFIO_REGION_TYPE_GFX &&
	       cap->subtype == VFIO_REGION_SUBTYPE_GFX_EDID,
	       "EDID region has type GFX, subtype EDID");
	free(ri);
	ri = NULL;
	if (tap_rc(mvgpu_region_info(g.d, MVGPU_VFIO_PRIMARY_REGION, &ri), 0,
		   "primary region info")) {
		tap_eq(ri->flags, VFIO_REGION_INFO_FLAG_READ |
		       VFIO_REGION_INFO_FLAG_MMAP,
		       "primary region: read-only, mmap-able");
		tap_eq(ri->size, ((uint64_t)MAX_W * MAX_H * 4 + 4095) & ~4095ull,
		       "primary region holds the type's largest plane");
	}
	free(ri);

	tap_rc(query(VFIO_GFX_PLANE_TYPE_PROBE | VFIO_GFX_PLANE_TYPE_REGION,
		     PRIMARY, &p), 0, "PROBE|REGION succeeds");
	tap_rc(query(VFIO_GFX_PLANE_TYPE_PROBE | VFIO_GFX_PLANE_TYPE_DMABUF,
		     PRIMARY, &p), -EINVAL,
	       "PROBE|DMABUF fails in region mode (QEMU then takes the region)");
	tap_rc(query(VFIO_GFX_PLANE_TYPE_REGION | VFIO_GFX_PLANE_TYPE_DMABUF,
		     PRIMARY, &p), -EINVAL, "REGION|DMABUF: EINVAL");
	tap_rc(query(0, PRIMARY, &p), -EINVAL, "neither REGION nor DMABUF: EINVAL");
	tap_rc(query(VFIO_GFX_PLANE_TYPE_REGION | 1u << 5, PRIMARY, &p),
	       -EINVAL, "unknown flag: EINVAL");
	tap_rc(query(VFIO_GFX_PLANE_TYPE_REGION, 0, &p), 0,
	       "plane type 0 (as QEMU's region display queries) is answered");
	tap_eq(p.region_index, MVGPU_VFIO_PRIMARY_REGION,
	       "with the primary plane");
	tap_rc(query(VFIO_GFX_PLANE_TYPE_REGION, 7, &p), -EINVAL,
	       "unknown plane type: EINVAL");
	memset(&p, 0, sizeof(p));
	p.argsz = offsetof(struct vfio_device_gfx_plane_info, region_index);
	p.flags = VFIO_GFX_PLANE_TYPE_REGION;
	p.drm_plane_type = PRIMARY;
	tap_rc(ioctl(g.d->device_fd, VFIO_DEVICE_QUERY_GFX_PLANE, &p) ? -errno :
	       0, -EINVAL, "short argsz: EINVAL");
	tap_rc(query(VFIO_GFX_PLANE_TYPE_REGION, PRIMARY, &p), 0,
	       "query of the primary plane before any is set up");
	tap_ok(!p.drm_format && !p.size && !p.width && !p.height,
	       "it is off: zero format, size, width and height");
}

static void primary_pattern(uint64_t fb)
{
	struct vfio_device_gfx_plane_info p;
	uint32_t *va = gpu_va(&g, fb), *want;
	const uint32_t pad_stride = 4160;
	unsigned int x, y;
	uint16_t *va16;

	want = malloc((size_t)W * H * 4);
	if (!tap_ok(va && want, "framebuffer memory"))
		goto out;
	for (y = 0; y < H; y++)
		for (x = 0; x < W; x++)
			va[y * W + x] = want[y * W + x] = pixel(x, y);

	gpu_wr(&g, MVGPU_IRQ_IMR(DE_PIPE), 0);
	gpu_wr(&g, MVGPU_PIPECONF(0), MVGPU_PIPECONF_ENABLE);
	tap_eq(gpu_rd(&g, MVGPU_PIPECONF(0)),
	       MVGPU_PIPECONF_ENABLE | MVGPU_PIPECONF_STATE,
	       "the pipe runs once enabled");
	primary(MVGPU_FORMAT_BGRX888, W, H, W * 4, fb);
	tap_ok(flip_ok(fb),
	       "the flip takes effect at a vertical blank: live surface, flip-done interrupt");
	tap_eq(gpu_rd(&g, MVGPU_PIPE_FLIPCOUNT(0)), 1, "one flip counted");
	if (tap_rc(query(VFIO_GFX_PLANE_TYPE_REGION, PRIMARY, &p), 0,
		   "query the primary plane")) {
		tap_eq(p.drm_format, XR24, "format XRGB8888");
		tap_eq(p.drm_format_mod, 0, "linear");
		tap_ok(p.width == W && p.height == H, "%ux%u", p.width,
		       p.height);
		tap_eq(p.stride, W * 4, "stride");
		tap_eq(p.size, W * H * 4, "size");
		tap_eq(p.region_index, MVGPU_VFIO_PRIMARY_REGION,
		       "in the primary region");
		region_matches(MVGPU_VFIO_PRIMARY_REGION, (uint8_t *)want,
			       (size_t)W * H * 4, "XRGB8888 1024x768");
	}
	tap_ok(e2e_vgpu_stat(e2e_pgpu(), g.vgpu_id, "display", "flips") >= 1,
	       "debugfs display counts the flip");

	/* a padded stride: the region has the lines packed */
	for (y = 0; y < H; y++)
		for (x = 0; x < W; x++)
			va[y * (pad_stride / 4) + x] = pixel(x + 1, y);
	for (y = 0; y < H; y++)
		for (x = 0; x < W; x++)
			want[y * W + x] = pixel(x + 1, y);
	primary(MVGPU_FORMAT_BGRX888, W, H, pad_stride, fb);
	if (tap_ok(wait_reg(MVGPU_PIPE_FLIPCOUNT(0), ~0u, 2),
		   "stride 4160: flipped") &&
	    tap_rc(query(VFIO_GFX_PLANE_TYPE_REGION, PRIMARY, &p), 0,
		   "stride 4160: query")) {
		tap_eq(p.stride, W * 4, "stride 4160: lines packed");
		region_matches(MVGPU_VFIO_PRIMARY_REGION, (uint8_t *)want,
			       (size_t)W * H * 4, "stride 4160");
	}

	/* RGB565, 640x480 */
	va16 = (uint16_t *)va;
	for (y = 0; y < 480; y++)
		for (x = 0; x < 640; x++)
			va16[y * 640 + x] = (uint16_t)pixel(x, y);
	primary(MVGPU_FORMAT_BGRX565, 640, 480, 1280, fb);
	if (tap_ok(wait_reg(MVGPU_PIPE_FLIPCOUNT(0), ~0u, 3),
		   "RGB565: flipped") &&
	    tap_rc(query(VFIO_GFX_PLANE_TYPE_REGION, PRIMARY, &p), 0,
		   "RGB565: query")) {
		tap_eq(p.drm_format, RG16, "RGB565: format");
		tap_ok(p.width == 640 && p.height == 480 && p.stride == 1280,
		       "RGB565: 640x480, stride 1280");
		region_matches(MVGPU_VFIO_PRIMARY_REGION, (uint8_t *)va16,
			       640 * 480 * 2, "RGB565");
	}
out:
	free(want);
}

static void cursor(uint64_t cur)
{
	struct vfio_device_gfx_plane_info p;
	uint32_t *va = gpu_va(&g, cur);
	unsigned int i;
	uint64_t end;

	for (i = 0; i < 64 * 64; i++)
		va[i] = 0x80000000u | pixel(i, 7);
	gpu_wr(&g, MVGPU_CURCNTR(0), MVGPU_CURSOR_MODE_64_ARGB);
	gpu_wr(&g, MVGPU_CURPOS(0), 100 | 50 << 16);
	gpu_wr(&g, MVGPU_CURHOT(0), MVGPU_CURHOT_VALID | 3 | 4 << 16);
	gpu_wr(&g, MVGPU_CURBASE(0), (uint32_t)cur);
	/* it takes effect at the next vertical blank */
	end = e2e_now_ms() + WAIT_MS;
	do {
		if (query(VFIO_GFX_PLANE_TYPE_REGION, CURSOR, &p))
			break;
		if (p.drm_format)
			break;
		usleep(5000);
	} while (e2e_now_ms() < end);
	tap_eq(p.drm_format, AR24, "cursor: ARGB8888");
	tap_ok(p.width == 64 && p.height == 64 && p.stride == 256,
	       "cursor: 64x64, stride 256");
	tap_ok(p.x_pos == 100 && p.y_pos == 50, "cursor at 100,50");
	tap_ok(p.x_hot == 3 && p.y_hot == 4, "cursor hotspot 3,4");
	tap_eq(p.region_index, MVGPU_VFIO_CURSOR_REGION,
	       "in the cursor region");
	region_matches(MVGPU_VFIO_CURSOR_REGION, (uint8_t *)va, 64 * 64 * 4,
		       "cursor");
	gpu_wr(&g, MVGPU_CURHOT(0), 0);
	query(VFIO_GFX_PLANE_TYPE_REGION, CURSOR, &p);
	tap_ok(p.x_hot == 0xffffffffu && p.y_hot == 0xffffffffu,
	       "no hotspot: 0xffffffff");
	gpu_wr(&g, MVGPU_CURCNTR(0), 0);
	gpu_wr(&g, MVGPU_CURBASE(0), (uint32_t)cur);
}

/* Vertical blanks at 10 Hz: the frame counter and the interrupts. */
static void vblank_rate(void)
{
	const unsigned int window_ms = 3000, hz = 10;
	uint64_t start, elapsed, count = 0;
	uint32_t f0, f1;
	double ratio;

	gpu_wr(&g, MVGPU_PIPE_VREFRESH(0), hz * 1000);
	gpu_wr(&g, MVGPU_IRQ_IIR(DE_PIPE), MVGPU_DE_PIPE_VALID_MASK);
	gpu_wr(&g, MVGPU_IRQ_IER(DE_PIPE), MVGPU_DE_PIPE_VBLANK);
	start = e2e_now_ms();
	f0 = gpu_rd(&g, MVGPU_PIPE_FRMCOUNT(0));
	while ((elapsed = e2e_now_ms() - start) < window_ms) {
		uint32_t iir;

		if (mvgpu_eventfd_wait(g.efd, 200) != 1)
			continue;
		iir = gpu_rd(&g, MVGPU_IRQ_IIR(DE_PIPE));
		gpu_wr(&g, MVGPU_IRQ_IIR(DE_PIPE), iir);
		count += !!(iir & MVGPU_DE_PIPE_VBLANK);
	}
	f1 = gpu_rd(&g, MVGPU_PIPE_FRMCOUNT(0));
	elapsed = e2e_now_ms() - start;
	gpu_wr(&g, MVGPU_IRQ_IER(DE_PIPE), 0);
	ratio = (f1 - f0) / (elapsed * hz / 1000.0);
	tap_diag("10 Hz for %llu ms: %u frames counted (ratio %.3f), %llu vblank interrupts received (ratio %.3f)",
		 (unsigned long long)elapsed, f1 - f0, ratio,
		 (unsigned long long)count, count / (elapsed * hz / 1000.0));
	tap_ok(ratio > 0.9 && ratio < 1.1,
	       "the frame counter runs at the refresh rate");
	tap_ok(count * 2 >= elapsed * hz / 1000,
	       "vblank interrupts arrive at the refresh rate (at least half received)");
	gpu_wr(&g, MVGPU_PIPE_VREFRESH(0), 60000);
}

static void bad_planes(uint64_t fb)
{
	static const struct {
		const char *what;
		uint32_t fmt, w, h, stride;
		int64_t surf;	/* -1: fb */
	} bad[] = {
		{ "surface outside the slices", MVGPU_FORMAT_BGRX888, 64, 64,
		  256, 0x1000 },
		{ "stride shorter than a line", MVGPU_FORMAT_BGRX888, W, H,
		  2048, -1 },
		{ "stride above 32 KiB", MVGPU_FORMAT_BGRX888, W, H, 0xffc0,
		  -1 },
		{ "wider than the type allows", MVGPU_FORMAT_BGRX888, MAX_W + 1,
		  16, 0x2000, -1 },
		{ "unknown format", 0x9, 64, 64, 256, -1 },
	};
	struct vfio_device_gfx_plane_info p;
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		primary(bad[i].fmt, bad[i].w, bad[i].h, bad[i].stride,
			bad[i].surf < 0 ? fb : (uint64_t)bad[i].surf);
		tap_ok(wait_reg(MVGPU_IRQ_IIR(DE_PIPE),
				MVGPU_DE_PIPE_PRIMARY_FAULT,
				MVGPU_DE_PIPE_PRIMARY_FAULT),
		       "%s: primary fault interrupt", bad[i].what);
		tap_eq(gpu_rd(&g, MVGPU_DSPSURFLIVE(0)), 0,
		       "%s: the plane is off", bad[i].what);
		query(VFIO_GFX_PLANE_TYPE_REGION, PRIMARY, &p);
		tap_ok(!p.drm_format && !p.size,
		       "%s: reported disabled", bad[i].what);
	}
	/* a plane ending at the hidden slice's last byte, and one line more */
	primary(MVGPU_FORMAT_BGRX888, 64, 16, 256,
		g.hid_base + g.hid_size - 4096);
	tap_ok(wait_reg(MVGPU_IRQ_IIR(DE_PIPE),
			MVGPU_DE_PIPE_PRIMARY_FLIP_DONE,
			MVGPU_DE_PIPE_PRIMARY_FLIP_DONE),
	       "a plane ending at the slice's last byte is accepted");
	primary(MVGPU_FORMAT_BGRX888, 64, 17, 256,
		g.hid_base + g.hid_size - 4096);
	tap_ok(wait_reg(MVGPU_IRQ_IIR(DE_PIPE), MVGPU_DE_PIPE_PRIMARY_FAULT,
			MVGPU_DE_PIPE_PRIMARY_FAULT),
	       "one line more faults");

	/* good again, then the GTT drops a page under it */
	primary(MVGPU_FORMAT_BGRX888, W, H, W * 4, fb);
	if (tap_ok(flip_ok(fb), "a good plane again") &&
	    tap_rc(gpu_gtt_set(&g, fb + 0x10000, 0), 0,
		   "clear a GTT entry under the plane")) {
		query(VFIO_GFX_PLANE_TYPE_REGION, PRIMARY, &p);
		tap_ok(!p.drm_format && !p.size,
		       "a plane the GTT no longer maps is reported disabled");
		gpu_gtt_set(&g, fb + 0x10000,
			    gpu_mem_pte(&g, fb + 0x10000 - g.gm_base));
		query(VFIO_GFX_PLANE_TYPE_REGION, PRIMARY, &p);
		tap_eq(p.drm_format, XR24, "mapped again: shown again");
	}
}

static int edid_rd(uint32_t off, uint32_t *val)
{
	return mvgpu_read32(g.d, MVGPU_VFIO_EDID_REGION, off, val);
}

static int edid_wr(uint32_t off, uint32_t val)
{
	return mvgpu_write32(g.d, MVGPU_VFIO_EDID_REGION, off, val);
}

/* The guest's EDID window equals @blob (@size bytes) and zeros after. */
static bool window_is(const uint8_t *blob, uint32_t size)
{
	uint32_t i, v;

	for (i = 0; i < MVGPU_EDID_MAX_SIZE; i += 4) {
		uint32_t want = 0;

		if (i < size)
			memcpy(&want, blob + i, 4);
		v = gpu_rd(&g, MVGPU_EDID_OFFSET + i);
		if (v != want)
			return false;
	}
	return gpu_rd(&g, MVGPU_REG_EDID_SIZE) == size;
}

static void edid(void)
{
	uint8_t blob[256], zeros[128] = { 0 };
	uint32_t v, i;
	uint8_t sum = 0;

	tap_ok(!edid_rd(EDID_FIELD(edid_offset), &v) &&
	       v == MVGPU_VFIO_EDID_BLOB, "EDID edid_offset");
	tap_ok(!edid_rd(EDID_FIELD(edid_max_size), &v) &&
	       v == MVGPU_EDID_MAX_SIZE, "EDID edid_max_size");
	tap_ok(!edid_rd(EDID_FIELD(max_xres), &v) && v == MAX_W &&
	       !edid_rd(EDID_FIELD(max_yres), &v) && v == MAX_H,
	       "EDID max_xres/max_yres from the type");
	tap_ok(!edid_rd(EDID_FIELD(link_state), &v) &&
	       v == VFIO_DEVICE_GFX_LINK_STATE_UP, "the link is up");
	tap_ok(!edid_rd(EDID_FIELD(edid_size), &v) && v == 128,
	       "a 128-byte EDID");
	if (!tap_rc(mvgpu_region_read(g.d, MVGPU_VFIO_EDID_REGION,
				      MVGPU_VFIO_EDID_BLOB, blob, 128), 0,
		    "read the blob"))
		return;
	tap_ok(window_is(blob, 128), "the guest's EDID window shows that blob");
	tap_eq(gpu_rd(&g, MVGPU_DP_A), MVGPU_DP_DETECTED,
	       "the guest sees a connected display");

	tap_rc(mvgpu_region_write(g.d, MVGPU_VFIO_EDID_REGION,
				  MVGPU_VFIO_EDID_BLOB, zeros, 128), -EBUSY,
	       "writing the blob with the link up: EBUSY");
	tap_rc(edid_wr(EDID_FIELD(edid_size), 128), -EBUSY,
	       "writing the size with the link up: EBUSY");
	tap_rc(edid_wr(EDID_FIELD(edid_offset), 0), -EINVAL,
	       "writing a read-only field: EINVAL");
	tap_rc(edid_wr(EDID_FIELD(link_state), 3), -EINVAL,
	       "an unknown link state: EINVAL");
	tap_rc(mvgpu_write16(g.d, MVGPU_VFIO_EDID_REGION,
			     EDID_FIELD(link_state), 2), -EINVAL,
	       "a 2-byte field access: EINVAL");
	tap_rc(mvgpu_read32(g.d, MVGPU_VFIO_EDID_REGION, 0x100, &v), -EINVAL,
	       "a read between the fields and the blob: EINVAL");
	tap_rc(mvgpu_region_read(g.d, MVGPU_VFIO_EDID_REGION,
				 MVGPU_VFIO_EDID_BLOB + MVGPU_EDID_MAX_SIZE - 4,
				 blob + 128, 8), -EINVAL,
	       "a blob access past its end: EINVAL");

	gpu_wr(&g, MVGPU_IRQ_IMR(DE_PORT), 0);
	gpu_wr(&g, MVGPU_IRQ_IIR(DE_PORT), MVGPU_DE_PORT_VALID_MASK);
	tap_rc(edid_wr(EDID_FIELD(link_state), VFIO_DEVICE_GFX_LINK_STATE_DOWN),
	       0, "link down");
	tap_eq(gpu_rd(&g, MVGPU_IRQ_IIR(DE_PORT)), MVGPU_DE_PORT_HOTPLUG,
	       "link down: hotplug interrupt");
	tap_eq(gpu_rd(&g, MVGPU_DP_A), 0, "link down: no display detected");
	tap_ok(window_is(NULL, 0), "link down: the EDID window reads zeros");
	gpu_wr(&g, MVGPU_IRQ_IIR(DE_PORT), MVGPU_DE_PORT_VALID_MASK);

	tap_rc(edid_wr(EDID_FIELD(edid_size), MVGPU_EDID_MAX_SIZE + 1), -EINVAL,
	       "a size above edid_max_size: EINVAL");
	tap_rc(edid_wr(EDID_FIELD(edid_size), 128), 0, "size 128");
	tap_rc(mvgpu_region_write(g.d, MVGPU_VFIO_EDID_REGION,
				  MVGPU_VFIO_EDID_BLOB, zeros, 128), 0,
	       "an invalid blob is stored");
	tap_rc(edid_wr(EDID_FIELD(link_state), VFIO_DEVICE_GFX_LINK_STATE_UP),
	       -EINVAL, "link up with an invalid EDID: EINVAL");
	tap_eq(gpu_rd(&g, MVGPU_DP_A), 0, "and the display stays disconnected");
	tap_eq(gpu_rd(&g, MVGPU_IRQ_IIR(DE_PORT)), 0, "with no hotplug");

	/* the default blob with a 1280x720 preferred mode */
	blob[56] = 1280 & 0xff;
	blob[58] = (blob[58] & 0x0f) | (1280 >> 8) << 4;
	blob[59] = 720 & 0xff;
	blob[61] = (blob[61] & 0x0f) | (720 >> 8) << 4;
	blob[127] = 0;
	for (i = 0; i < 127; i++)
		sum += blob[i];
	blob[127] = -sum;
	tap_rc(mvgpu_region_write(g.d, MVGPU_VFIO_EDID_REGION,
				  MVGPU_VFIO_EDID_BLOB, blob, 128), 0,
	       "write a new blob");
	tap_rc(edid_wr(EDID_FIELD(link_state), VFIO_DEVICE_GFX_LINK_STATE_UP),
	       0, "link up");
	tap_eq(gpu_rd(&g, MVGPU_IRQ_IIR(DE_PORT)), MVGPU_DE_PORT_HOTPLUG,
	       "link up: hotplug interrupt");
	tap_eq(gpu_rd(&g, MVGPU_DP_A), MVGPU_DP_DETECTED,
	       "link up: a display is detected");
	tap_ok(window_is(blob, 128), "the guest's EDID window shows the new blob");
}

static int get_dmabuf(uint32_t id)
{
	int fd = ioctl(g.d->device_fd, VFIO_DEVICE_GET_GFX_DMABUF, &id);

	return fd < 0 ? -errno : fd;
}

/* Point the GTT entries of [@gm, @gm + @size) at the pages from @iova on. */
static bool gtt_point(uint64_t gm, size_t size, uint64_t iova)
{
	size_t off;

	for (off = 0; off < size; off += GPU_PAGE)
		if (gpu_gtt_set(&g, gm + off,
				(iova + off) | MVGPU_GTT_PTE_PRESENT))
			return false;
	return true;
}

/*
 * dma-buf mode, GTT and DMA unmap: the plane at @fb (id @id1) stays the
 * same description throughout.  Rewriting its GTT entries with the same
 * values keeps the id; pointing them at other guest memory gives a new
 * id whose dma-buf shows that memory; unmapping that memory makes the new
 * id stale (ENOENT), while its exported dma-buf keeps the pages; pointing
 * the entries back gives the first id again: the unmap did not touch it.
 */
static void dmabuf_gtt_and_unmap(uint64_t fb, size_t size, uint32_t id1)
{
	const uint64_t iova2 = IOVA + 0x10000000ull;
	struct vfio_device_gfx_plane_info p;
	size_t size2 = (size + GPU_PAGE - 1) & ~(size_t)(GPU_PAGE - 1);
	uint64_t iova1 = g.iova + ((uint8_t *)gpu_va(&g, fb) - (uint8_t *)g.mem);
	uint32_t *buf2, *map, id3 = 0;
	unsigned int i;
	int fd3 = -1;

	tap_ok(gtt_point(fb, size, iova1) &&
	       !query(VFIO_GFX_PLANE_TYPE_DMABUF, PRIMARY, &p) &&
	       p.dmabuf_id == id1,
	       "dma-buf mode: the same GTT entries written again: the same id");

	buf2 = mmap(NULL, size2, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!tap_ok(buf2 != MAP_FAILED, "dma-buf mode: other guest memory"))
		return;
	for (i = 0; i < size2 / 4; i++)
		buf2[i] = ~i;
	if (!tap_rc(mvgpu_dma_map(g.d, buf2, iova2, size2), 0,
		    "dma-buf mode: map it for DMA at %#llx",
		    (unsigned long long)iova2))
		goto out;
	if (tap_ok(gtt_point(fb, size, iova2) &&
		   !query(VFIO_GFX_PLANE_TYPE_DMABUF, PRIMARY, &p),
		   "dma-buf mode: the plane's entries point at it")) {
		id3 = p.dmabuf_id;
		tap_ok(id3 && id3 != id1,
		       "dma-buf mode: same plane registers, other pages: a new id (%u)",
		       id3);
	}
	fd3 = get_dmabuf(id3);
	map = fd3 >= 0 ? mmap(NULL, size, PROT_READ, MAP_SHARED, fd3, 0) :
			 MAP_FAILED;
	tap_ok(map != MAP_FAILED && map[0] == ~0u && map[1234] == ~1234u,
	       "dma-buf mode: its dma-buf shows the other memory");
	tap_rc(mvgpu_dma_unmap(g.d, iova2, size2), 0,
	       "dma-buf mode: unmap the other memory");
	tap_rc(get_dmabuf(id3), -ENOENT,
	       "dma-buf mode: the id of a framebuffer in unmapped memory is stale");
	tap_ok(map != MAP_FAILED && map[1234] == ~1234u,
	       "dma-buf mode: its exported dma-buf still maps the pages");
	if (map != MAP_FAILED)
		munmap(map, size);
	if (fd3 >= 0)
		close(fd3);
	tap_ok(gtt_point(fb, size, iova1) &&
	       !query(VFIO_GFX_PLANE_TYPE_DMABUF, PRIMARY, &p) &&
	       p.dmabuf_id == id1,
	       "dma-buf mode: back on the first memory: the first id, untouched by the unmap");
out:
	munmap(buf2, size2);
}

/*
 * dma-buf mode: PROBE answers for dma-bufs only; a query names the
 * framebuffer by an id stable while it is unchanged; the dma-buf (close
 * on exec) maps the guest's pixels as they are, stride included; ids go
 * stale at reset; the dma-buf outlives them.
 */
static void dmabuf_mode(void)
{
	struct vfio_device_gfx_plane_info p;
	const uint32_t stride = 4160;
	uint32_t id1, id2, *va, *map;
	struct vfio_region_info *ri = NULL;
	uint64_t fb, fb2;
	size_t size = (size_t)stride * H;
	unsigned int x, y;
	int fd, fd2;
	bool same = true;

	tap_rc(mode_set("dmabuf"), 0, "dma-buf mode: display_mode dmabuf");
	if (!tap_rc(gpu_setup(&g, uuid, MEM_SIZE, IOVA, 0), 0,
		    "dma-buf mode: open the vGPU"))
		return;
	tap_rc(query(VFIO_GFX_PLANE_TYPE_PROBE | VFIO_GFX_PLANE_TYPE_DMABUF,
		     PRIMARY, &p), 0, "dma-buf mode: PROBE|DMABUF succeeds");
	tap_rc(query(VFIO_GFX_PLANE_TYPE_PROBE | VFIO_GFX_PLANE_TYPE_REGION,
		     PRIMARY, &p), -EINVAL, "dma-buf mode: PROBE|REGION fails");
	if (!mvgpu_region_info(g.d, MVGPU_VFIO_PRIMARY_REGION, &ri))
		tap_eq(ri->size, 0, "dma-buf mode: no plane region");
	free(ri);
	tap_rc(get_dmabuf(1), -ENOENT, "dma-buf mode: an id never given: ENOENT");

	fb = gpu_alloc(&g, size, 0);
	fb2 = gpu_alloc(&g, size, 0);
	va = gpu_va(&g, fb);
	if (!tap_ok(fb && fb2 && va, "dma-buf mode: framebuffer memory"))
		goto out;
	for (y = 0; y < H; y++)
		for (x = 0; x < W; x++)
			va[y * (stride / 4) + x] = pixel(x, y);
	memcpy(gpu_va(&g, fb2), va, size);
	gpu_wr(&g, MVGPU_IRQ_IMR(DE_PIPE), 0);
	gpu_wr(&g, MVGPU_PIPECONF(0), MVGPU_PIPECONF_ENABLE);
	primary(MVGPU_FORMAT_BGRX888, W, H, stride, fb);
	if (!tap_ok(flip_ok(fb), "dma-buf mode: flipped") ||
	    !tap_rc(query(VFIO_GFX_PLANE_TYPE_DMABUF, PRIMARY, &p), 0,
		    "dma-buf mode: query the primary plane"))
		goto out;
	id1 = p.dmabuf_id;
	tap_ok(id1 && p.drm_format == XR24 && p.width == W && p.height == H,
	       "dma-buf mode: id %u, XRGB8888 %ux%u", id1, p.width, p.height);
	tap_eq(p.stride, stride, "dma-buf mode: the guest's stride");
	tap_eq(p.size, size, "dma-buf mode: size");
	query(VFIO_GFX_PLANE_TYPE_DMABUF, PRIMARY, &p);
	tap_eq(p.dmabuf_id, id1, "dma-buf mode: the id is stable while nothing changed");

	fd = get_dmabuf(id1);
	if (tap_ok(fd >= 0, "dma-buf mode: GET_GFX_DMABUF gives a dma-buf (%d)",
		   fd)) {
		tap_ok(fcntl(fd, F_GETFD) & FD_CLOEXEC, "dma-buf mode: close on exec");
		map = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0);
		if (tap_ok(map != MAP_FAILED, "dma-buf mode: the dma-buf can be mmapped")) {
			for (y = 0; y < H && same; y++)
				same = !memcmp(map + y * (stride / 4),
					       va + y * (stride / 4), W * 4);
			tap_ok(same, "dma-buf mode: its mapping shows the pattern byte for byte");
			/* the guest draws: the dma-buf is the guest's memory */
			va[5] = 0x00abcdef;
			tap_eq(map[5], 0x00abcdef, "dma-buf mode: and follows the guest's writes");
			munmap(map, size);
		}
	}
	/* another framebuffer: another id, and back: the first id again */
	primary(MVGPU_FORMAT_BGRX888, W, H, stride, fb2);
	if (tap_ok(flip_ok(fb2), "dma-buf mode: flip to a second buffer")) {
		query(VFIO_GFX_PLANE_TYPE_DMABUF, PRIMARY, &p);
		id2 = p.dmabuf_id;
		tap_ok(id2 && id2 != id1, "dma-buf mode: a new id (%u)", id2);
		primary(MVGPU_FORMAT_BGRX888, W, H, stride, fb);
		flip_ok(fb);
		query(VFIO_GFX_PLANE_TYPE_DMABUF, PRIMARY, &p);
		tap_eq(p.dmabuf_id, id1, "dma-buf mode: back to the first buffer, its id");
	}
	dmabuf_gtt_and_unmap(fb, size, id1);
	/* a reset drops the ids; an exported dma-buf stays usable */
	tap_rc(mvgpu_reset(g.d), 0, "dma-buf mode: device reset");
	tap_rc(get_dmabuf(id1), -ENOENT, "dma-buf mode: its id is stale: ENOENT");
	if (fd >= 0) {
		map = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0);
		tap_ok(map != MAP_FAILED && map[1] == va[1],
		       "dma-buf mode: the exported dma-buf still maps the pages");
		if (map != MAP_FAILED)
			munmap(map, size);
		close(fd);
	}
	fd2 = get_dmabuf(0x7fffffff);
	tap_rc(fd2 < 0 ? fd2 : 0, -ENOENT, "dma-buf mode: a bogus id: ENOENT");
out:
	gpu_release(&g);
	tap_rc(mode_set("region"), 0, "display_mode region again");
}

int main(void)
{
	struct vfio_device_gfx_plane_info p;
	uint64_t fb, cur;

	e2e_init("display", E2E_WATCHDOG_S);
	if (!e2e_require_pgpu())
		return tap_done();
	if (!tap_rc(e2e_vgpu_create(TYPE, uuid), 0, "create a %s vGPU", TYPE))
		return tap_done();
	mode_attribute();
	if (!tap_rc(gpu_setup(&g, uuid, MEM_SIZE, IOVA, 0), 0,
		    "open it with %u MiB of guest memory", MEM_SIZE >> 20)) {
		tap_diag("%s", g.err);
		return tap_done();
	}
	regions_and_args();
	fb = gpu_alloc(&g, 4160 * H, 0);
	cur = gpu_alloc(&g, 64 * 64 * 4, 0);
	if (tap_ok(fb && cur, "framebuffer and cursor memory")) {
		primary_pattern(fb);
		cursor(cur);
		vblank_rate();
		bad_planes(fb);
	}
	edid();
	/* a device reset turns the display off */
	tap_rc(mvgpu_reset(g.d), 0, "device reset");
	tap_eq(gpu_rd(&g, MVGPU_PIPECONF(0)), 0, "the pipe is off after reset");
	query(VFIO_GFX_PLANE_TYPE_REGION, PRIMARY, &p);
	tap_ok(!p.drm_format, "and the primary plane with it");
	tap_eq(gpu_rd(&g, MVGPU_DP_A), MVGPU_DP_DETECTED,
	       "the connected display stays");
	gpu_release(&g);
	dmabuf_mode();
	tap_rc(e2e_vgpu_remove(uuid), 0, "remove the vGPU");
	return tap_done();
}
