// SPDX-License-Identifier: GPL-2.0
/*
 * mvgpu-bench-display - cost of a VMM's screen refresh in region display
 * mode, on one open vGPU.
 *
 *   mvgpu-bench-display [-p auto|group|cdev] [-t SECONDS] UUID
 *
 * The vGPU scans out a 1024x768 XRGB8888 primary plane from DMA-mapped
 * memory.  Prints, from one run:
 *  (a) VFIO_DEVICE_QUERY_GFX_PLANE with VFIO_GFX_PLANE_TYPE_REGION, which
 *      is what QEMU does at each refresh: the kernel copies the plane
 *      through the vGPU's GTT into the region; per frame and per
 *      megapixel, next to a memcpy of the same bytes in userspace, with
 *      the ratio;
 *  (b) the same query of a plane that is off (no copy): the fixed cost of
 *      a query;
 *  (c) in dma-buf display mode (the vGPU is reopened so), a query of the
 *      unchanged plane (the id is found again, no copy), and one
 *      GET_GFX_DMABUF.
 * No thread hand-off is on this path: the copy runs in the caller's
 * ioctl.  Each measurement runs for about SECONDS (default 1).  The vGPU
 * must exist, be in region display mode and not be open; it is left in
 * region mode.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <linux/mvgpu.h>

#include "mvgpu_sysfs.h"
#include "mvgpu_vfio.h"

#define BAR0		VFIO_PCI_BAR0_REGION_INDEX
#define PG		4096ull
#define IOVA		0x100000000ull
#define W		1024
#define H		768
#define FB_SIZE		((size_t)W * H * 4)

static struct mvgpu_dev dev;
static double seconds = 1.0;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint32_t query_kind = VFIO_GFX_PLANE_TYPE_REGION;

static int query(struct vfio_device_gfx_plane_info *p)
{
	memset(p, 0, sizeof(*p));
	p->argsz = sizeof(*p);
	p->flags = query_kind;
	p->drm_plane_type = 1;	/* DRM_PLANE_TYPE_PRIMARY */
	return ioctl(dev.device_fd, VFIO_DEVICE_QUERY_GFX_PLANE, p) ? -errno : 0;
}

/* Seconds per query, over about @seconds; -1 on error. */
static double time_queries(uint32_t want_format)
{
	struct vfio_device_gfx_plane_info p;
	double t0 = now(), t;
	unsigned long n = 0;

	do {
		if (query(&p) || p.drm_format != want_format)
			return -1;
		n++;
		t = now() - t0;
	} while (t < seconds);
	return t / n;
}

static double time_memcpy(void)
{
	char *a = malloc(FB_SIZE), *b = malloc(FB_SIZE);
	double t0, t;
	unsigned long n = 0;

	if (!a || !b)
		return -1;
	memset(a, 1, FB_SIZE);
	memset(b, 2, FB_SIZE);
	t0 = now();
	do {
		memcpy(b, a, FB_SIZE);
		a[n % FB_SIZE] = (char)n;	/* not optimized away */
		n++;
		t = now() - t0;
	} while (t < seconds);
	free(a);
	free(b);
	return t / n;
}

static int wait_live(uint32_t surf)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < 5000; i++) {
		if (mvgpu_read32(&dev, BAR0, MVGPU_DSPSURFLIVE(0), &v))
			return -1;
		if (v == surf)
			return 0;
		usleep(1000);
	}
	return -1;
}

static int setup(uint32_t **fb, uint64_t *surf)
{
	uint32_t lo = 0, hi = 0;
	uint64_t hidden;
	size_t i;

	if (mvgpu_read32(&dev, BAR0, MVGPU_PVINFO_OFFSET + MVGPU_PV_MAGIC_LO,
			 &lo) ||
	    mvgpu_read32(&dev, BAR0, MVGPU_PVINFO_OFFSET + MVGPU_PV_HIDDEN_BASE,
			 &lo) ||
	    mvgpu_read32(&dev, BAR0,
			 MVGPU_PVINFO_OFFSET + MVGPU_PV_HIDDEN_BASE + 4, &hi))
		return -1;
	hidden = (uint64_t)hi << 32 | lo;
	*fb = mmap(NULL, FB_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (*fb == MAP_FAILED || mvgpu_dma_map(&dev, *fb, IOVA, FB_SIZE))
		return -1;
	for (i = 0; i < (size_t)W * H; i++)
		(*fb)[i] = (uint32_t)(i * 2654435761u);
	for (i = 0; i < FB_SIZE / PG; i++)
		if (mvgpu_write64(&dev, BAR0, MVGPU_GTT_OFFSET +
				  ((hidden / PG) + i) * MVGPU_GTT_ENTRY_SIZE,
				  (IOVA + i * PG) | MVGPU_GTT_PTE_PRESENT))
			return -1;
	*surf = hidden;
	return 0;
}

static int plane_on(uint64_t surf, bool on)
{
	if (mvgpu_write32(&dev, BAR0, MVGPU_PIPESRC(0),
			  MVGPU_PIPESRC_VAL(W, H)) ||
	    mvgpu_write32(&dev, BAR0, MVGPU_DSPSTRIDE(0), W * 4) ||
	    mvgpu_write32(&dev, BAR0, MVGPU_DSPCNTR(0),
			  on ? MVGPU_DSPCNTR_ENABLE |
			  MVGPU_DSPCNTR_FORMAT(MVGPU_FORMAT_BGRX888) : 0) ||
	    mvgpu_write32(&dev, BAR0, MVGPU_PIPECONF(0),
			  MVGPU_PIPECONF_ENABLE) ||
	    mvgpu_write32(&dev, BAR0, MVGPU_DSPSURF(0), (uint32_t)surf))
		return -1;
	return wait_live(on ? (uint32_t)surf : 0);
}

static int set_mode(const char *uuid, const char *mode)
{
	char path[256];

	snprintf(path, sizeof(path), "/sys/bus/mdev/devices/%s/mvgpu/display_mode",
		 uuid);
	return mvgpu_sysfs_write_str(path, mode);
}

/* dma-buf mode: seconds per query of the unchanged plane, and one GET. */
static int dmabuf_run(const char *uuid, enum mvgpu_vfio_path path,
		      double *t_dq, double *t_get)
{
	struct vfio_device_gfx_plane_info p;
	uint64_t surf;
	uint32_t *fb;
	double t0;
	int fd, ret = -1;

	if (set_mode(uuid, "dmabuf") || mvgpu_open(&dev, uuid, path))
		goto out_mode;
	query_kind = VFIO_GFX_PLANE_TYPE_DMABUF;
	if (setup(&fb, &surf) || plane_on(surf, true) ||
	    (*t_dq = time_queries(0x34325258)) < 0 || query(&p))
		goto out;
	t0 = now();
	fd = ioctl(dev.device_fd, VFIO_DEVICE_GET_GFX_DMABUF, &p.dmabuf_id);
	*t_get = now() - t0;
	if (fd < 0)
		goto out;
	close(fd);
	ret = 0;
out:
	mvgpu_reset(&dev);
	mvgpu_close(&dev);
out_mode:
	set_mode(uuid, "region");
	return ret;
}

int main(int argc, char **argv)
{
	enum mvgpu_vfio_path path = MVGPU_VFIO_AUTO;
	double t_query, t_memcpy, t_off, t_dq = -1, t_get = -1;
	double mpix = W * H / 1e6;
	uint64_t surf;
	uint32_t *fb;
	int c, ret;

	while ((c = getopt(argc, argv, "p:t:")) != -1) {
		switch (c) {
		case 'p':
			if (mvgpu_path_parse(optarg, &path))
				return 2;
			break;
		case 't':
			seconds = atof(optarg);
			break;
		default:
			return 2;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "usage: %s [-p auto|group|cdev] [-t SECONDS] UUID\n",
			argv[0]);
		return 2;
	}
	ret = mvgpu_open(&dev, argv[optind], path);
	if (ret) {
		fprintf(stderr, "open %s: %s\n", argv[optind], strerror(-ret));
		return 1;
	}
	if (setup(&fb, &surf) || plane_on(surf, true)) {
		fprintf(stderr, "cannot set up the plane\n");
		mvgpu_close(&dev);
		return 1;
	}
	t_query = time_queries(0x34325258);	/* XRGB8888 */
	t_memcpy = time_memcpy();
	if (plane_on(surf, false))
		t_off = -1;
	else
		t_off = time_queries(0);
	mvgpu_reset(&dev);
	mvgpu_close(&dev);
	if (dmabuf_run(argv[optind], path, &t_dq, &t_get))
		t_dq = -1;
	if (t_query < 0 || t_memcpy < 0 || t_off < 0 || t_dq < 0) {
		fprintf(stderr, "a measurement failed\n");
		return 1;
	}
	printf("display refresh, region mode, %ux%u XRGB8888 (%.1f MiB), path %s:\n",
	       W, H, FB_SIZE / 1048576.0, mvgpu_path_name(dev.path));
	printf("  QUERY_GFX_PLANE + copy:  %9.1f us/frame  %9.1f us/Mpixel\n",
	       t_query * 1e6, t_query * 1e6 / mpix);
	printf("  memcpy of the same bytes:%9.1f us/frame  %9.1f us/Mpixel\n",
	       t_memcpy * 1e6, t_memcpy * 1e6 / mpix);
	printf("  ratio refresh/memcpy:    %9.2f  (0 thread hand-offs: the copy runs in the ioctl)\n",
	       t_query / t_memcpy);
	printf("  query of a plane that is off: %.1f us (the fixed cost of a query)\n",
	       t_off * 1e6);
	printf("  a refresh at 60 Hz takes %.1f%% of one CPU\n",
	       t_query * 60 * 100);
	printf("dma-buf mode, the same plane:\n");
	printf("  QUERY_GFX_PLANE, nothing changed: %9.1f us (ratio to a region refresh %.4f)\n",
	       t_dq * 1e6, t_dq / t_query);
	printf("  GET_GFX_DMABUF (once per new framebuffer): %.1f us\n",
	       t_get * 1e6);
	return 0;
}
