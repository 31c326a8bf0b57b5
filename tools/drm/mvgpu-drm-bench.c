// SPDX-License-Identifier: GPL-2.0
/*
 * mvgpu-drm-bench: job submission through the mvgpu render node, and
 * page flips through its primary node.
 *
 *   mvgpu-drm-bench [--device RENDER] [--card CARD] [--count N]
 *                   [--flip-seconds S] [--no-flip]
 *
 * For each kind of job, "small" (one MI_STORE_DATA_IMM) and "large"
 * (MVGPU_COMPUTE SAXPY over 4 MiB), on the render engine:
 *   - throughput: N jobs submitted back to back, timed until the last
 *     one signalled (jobs of one engine complete in order);
 *   - latency: N jobs one at a time, from before SUBMIT until its
 *     out_sync syncobj signalled, averaged.
 * Then, through KMS on the first card whose driver is mvgpu: two dumb
 * buffers flipped with DRM_MODE_PAGE_FLIP_EVENT for S seconds (default
 * 3); skipped, with a "# " line, when this process cannot be DRM master
 * or nothing is connected.
 *
 * Output, one line per result:
 *   drm small jobs_per_s=X latency_us=Y
 *   drm large jobs_per_s=X latency_us=Y
 *   drm flips per_s=X
 * Exit status 1 when a job could not be submitted or did not signal
 * within 60 s, or no mvgpu render node was found.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <xf86drm.h>
#include <xf86drmMode.h>
#include "drm/mvgpu_drm.h"
#include <linux/mvgpu.h>

#define LO(x)		((uint32_t)(x))
#define HI(x)		((uint32_t)((uint64_t)(x) >> 32))
#define LARGE_N		(1u << 20)	/* SAXPY elements: 4 MiB */
#define WAIT_NS		60000000000ll

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

/* The first node of driver mvgpu: @want, or /dev/dri/<prefix><first..>. */
static int open_node(const char *want, const char *prefix, int first, int n)
{
	char path[64];

	for (int i = first; i < first + n; i++) {
		drmVersionPtr v;
		bool ok;
		int fd;

		snprintf(path, sizeof(path), "%s", want ? want : "");
		if (!want)
			snprintf(path, sizeof(path), "/dev/dri/%s%d", prefix, i);
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0) {
			if (want)
				break;
			continue;
		}
		v = drmGetVersion(fd);
		ok = v && v->name && !strcmp(v->name, "mvgpu");
		drmFreeVersion(v);
		if (ok)
			return fd;
		close(fd);
		if (want)
			break;
	}
	return -1;
}

struct bo {
	uint32_t handle;
	uint64_t va;
};

static int bo_new(int fd, uint64_t size, struct bo *bo)
{
	struct drm_mvgpu_gem_create c = { .size = size };

	if (drmIoctl(fd, DRM_IOCTL_MVGPU_GEM_CREATE, &c))
		return -1;
	bo->handle = c.handle;
	bo->va = c.va;
	return 0;
}

struct kind {
	const char *name;
	uint32_t dw[16];
	uint32_t n;
	struct drm_mvgpu_bo_ref bos[3];
	uint32_t nbos;
};

/* Submit @k with out_sync @sync: 0 or -1 (errno set). */
static int submit(int fd, const struct kind *k, uint32_t sync)
{
	struct drm_mvgpu_submit s = {
		.batch = (uintptr_t)k->dw, .batch_size = k->n * 4,
		.engine = MVGPU_ENGINE_RCS, .bos = (uintptr_t)k->bos,
		.bo_count = k->nbos, .out_sync = sync,
	};

	return drmIoctl(fd, DRM_IOCTL_MVGPU_SUBMIT, &s);
}

static int wait_sync(int fd, uint32_t sync)
{
	int r = drmSyncobjWait(fd, &sync, 1, now_ns() + WAIT_NS,
			       DRM_SYNCOBJ_WAIT_FLAGS_WAIT_FOR_SUBMIT, NULL);

	return r < 0 ? r : 0;
}

static int bench_kind(int fd, const struct kind *k, int count)
{
	double tput, lat = 0;
	uint32_t sync;
	int64_t t0;
	int r = 0;

	if (drmSyncobjCreate(fd, 0, &sync)) {
		fprintf(stderr, "drmSyncobjCreate: %s\n", strerror(errno));
		return -1;
	}
	/* Warm up: the first job maps the buffers. */
	if (submit(fd, k, sync) || wait_sync(fd, sync))
		goto fail;
	t0 = now_ns();
	for (int i = 0; i < count; i++)
		if (submit(fd, k, sync))
			goto fail;
	if (wait_sync(fd, sync))
		goto fail;
	tput = count / ((now_ns() - t0) / 1e9);
	for (int i = 0; i < count; i++) {
		t0 = now_ns();
		if (submit(fd, k, sync) || wait_sync(fd, sync))
			goto fail;
		lat += (now_ns() - t0) / 1e3;
	}
	printf("drm %s jobs_per_s=%.1f latency_us=%.1f\n", k->name, tput,
	       lat / count);
	goto out;
fail:
	fprintf(stderr, "%s: a job failed to submit or signal: %s\n", k->name,
		strerror(errno));
	r = -1;
out:
	drmSyncobjDestroy(fd, sync);
	return r;
}

/* ---- page flips ----------------------------------------------------- */

static void flip_done(int fd, unsigned int seq, unsigned int sec,
		      unsigned int usec, void *data)
{
	(void)fd; (void)seq; (void)sec; (void)usec;
	*(bool *)data = false;
}

struct dumb {
	uint32_t handle, pitch, fb;
	uint64_t size;
};

static int dumb_new(int fd, uint32_t w, uint32_t h, uint32_t color,
		    struct dumb *d)
{
	struct drm_mode_create_dumb c = { .width = w, .height = h, .bpp = 32 };
	struct drm_mode_map_dumb m = { 0 };
	uint32_t *p;

	if (drmIoctl(fd, DRM_IOCTL_MODE_CREATE_DUMB, &c))
		return -1;
	d->handle = c.handle;
	d->pitch = c.pitch;
	d->size = c.size;
	m.handle = c.handle;
	if (drmIoctl(fd, DRM_IOCTL_MODE_MAP_DUMB, &m))
		return -1;
	p = mmap(NULL, c.size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, m.offset);
	if (p == MAP_FAILED)
		return -1;
	for (uint64_t i = 0; i < c.size / 4; i++)
		p[i] = color;
	munmap(p, c.size);
	return drmModeAddFB(fd, w, h, 24, 32, c.pitch, c.handle, &d->fb);
}

static void dumb_free(int fd, struct dumb *d)
{
	struct drm_mode_destroy_dumb x = { .handle = d->handle };

	if (d->fb)
		drmModeRmFB(fd, d->fb);
	if (d->handle)
		drmIoctl(fd, DRM_IOCTL_MODE_DESTROY_DUMB, &x);
}

static void bench_flips(const char *card, double seconds)
{
	drmEventContext ev = {
		.version = 2, .page_flip_handler = flip_done,
	};
	drmModeConnectorPtr conn = NULL;
	drmModeCrtcPtr saved = NULL;
	drmModeResPtr res = NULL;
	struct dumb d[2] = { { 0 } };
	const char *why = NULL;
	uint32_t crtc = 0;
	int fd, flips = 0;
	int64_t t0, end;

	fd = open_node(card, "card", 0, 16);
	if (fd < 0) {
		printf("# drm flips: skipped: no mvgpu primary node (%s)\n",
		       card ? card : "/dev/dri/card0..15");
		return;
	}
	if (!drmIsMaster(fd) && drmSetMaster(fd)) {
		printf("# drm flips: skipped: not DRM master (%s)\n", strerror(errno));
		goto out;
	}
	res = drmModeGetResources(fd);
	for (int i = 0; res && i < res->count_connectors && !conn; i++) {
		conn = drmModeGetConnector(fd, res->connectors[i]);
		if (conn && (conn->connection != DRM_MODE_CONNECTED ||
			     !conn->count_modes || !conn->count_encoders)) {
			drmModeFreeConnector(conn);
			conn = NULL;
		}
	}
	if (!conn) {
		why = "no connected connector";
		goto out;
	}
	{
		drmModeEncoderPtr enc = drmModeGetEncoder(fd, conn->encoder_id ?
					conn->encoder_id : conn->encoders[0]);

		for (int i = 0; enc && i < res->count_crtcs && !crtc; i++)
			if (enc->crtc_id == res->crtcs[i] ||
			    (!enc->crtc_id && (enc->possible_crtcs & (1u << i))))
				crtc = res->crtcs[i];
		drmModeFreeEncoder(enc);
	}
	if (!crtc) {
		why = "no CRTC for the connector";
		goto out;
	}
	saved = drmModeGetCrtc(fd, crtc);
	if (dumb_new(fd, conn->modes[0].hdisplay, conn->modes[0].vdisplay,
		     0xff2040c0, &d[0]) ||
	    dumb_new(fd, conn->modes[0].hdisplay, conn->modes[0].vdisplay,
		     0xffc04020, &d[1])) {
		why = "dumb buffers";
		goto out;
	}
	if (drmModeSetCrtc(fd, crtc, d[0].fb, 0, 0, &conn->connector_id, 1,
			   &conn->modes[0])) {
		why = "drmModeSetCrtc";
		goto out;
	}
	t0 = now_ns();
	end = t0 + (int64_t)(seconds * 1e9);
	while (now_ns() < end) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		bool pending = true;

		if (drmModePageFlip(fd, crtc, d[(flips + 1) & 1].fb,
				    DRM_MODE_PAGE_FLIP_EVENT, &pending)) {
			why = "drmModePageFlip";
			goto restore;
		}
		while (pending) {
			if (poll(&p, 1, 1000) != 1) {
				why = "no flip event within 1 s";
				goto restore;
			}
			drmHandleEvent(fd, &ev);
		}
		flips++;
	}
	printf("drm flips per_s=%.1f\n", flips / ((now_ns() - t0) / 1e9));
restore:
	if (saved && saved->mode_valid)
		drmModeSetCrtc(fd, crtc, saved->buffer_id, saved->x, saved->y,
			       &conn->connector_id, 1, &saved->mode);
out:
	if (why)
		printf("# drm flips: skipped: %s (%s)\n", why, strerror(errno));
	dumb_free(fd, &d[0]);
	dumb_free(fd, &d[1]);
	drmModeFreeCrtc(saved);
	drmModeFreeConnector(conn);
	drmModeFreeResources(res);
	close(fd);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "device", required_argument, NULL, 'd' },
		{ "card", required_argument, NULL, 'c' },
		{ "count", required_argument, NULL, 'n' },
		{ "flip-seconds", required_argument, NULL, 's' },
		{ "no-flip", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *device = NULL, *card = NULL;
	struct kind small = { .name = "small" }, large = { .name = "large" };
	struct bo t, a, b, dst;
	double seconds = 3;
	bool flip = true;
	int count = 200, fd, c, r = 0;

	while ((c = getopt_long(argc, argv, "d:c:n:s:Fh", opts, NULL)) != -1) {
		switch (c) {
		case 'd': device = optarg; break;
		case 'c': card = optarg; break;
		case 'n': count = atoi(optarg); break;
		case 's': seconds = atof(optarg); break;
		case 'F': flip = false; break;
		default:
			fprintf(c == 'h' ? stdout : stderr,
				"usage: mvgpu-drm-bench [--device RENDER] [--card CARD] "
				"[--count N] [--flip-seconds S] [--no-flip]\n");
			return c == 'h' ? 0 : 2;
		}
	}
	if (count < 1)
		count = 1;
	fd = open_node(device, "renderD", 128, 64);
	if (fd < 0) {
		fprintf(stderr, "no render node of driver mvgpu (%s)\n",
			device ? device : "/dev/dri/renderD128..191");
		return 1;
	}
	if (bo_new(fd, 4096, &t) || bo_new(fd, LARGE_N * 4, &a) ||
	    bo_new(fd, LARGE_N * 4, &b) || bo_new(fd, LARGE_N * 4, &dst)) {
		fprintf(stderr, "GEM_CREATE: %s\n", strerror(errno));
		return 1;
	}
	small.dw[small.n++] = MVGPU_MI_STORE_DATA_IMM | (4 - 2);
	small.dw[small.n++] = LO(t.va);
	small.dw[small.n++] = HI(t.va);
	small.dw[small.n++] = 0x5ca1ab1e;
	small.dw[small.n++] = MVGPU_MI_BATCH_BUFFER_END;
	small.bos[small.nbos++] = (struct drm_mvgpu_bo_ref){ t.handle, MVGPU_BO_WRITE };
	{
		const uint32_t cmd[] = {
			MVGPU_COMPUTE, MVGPU_KERNEL_SAXPY, LARGE_N, LO(a.va),
			HI(a.va), LO(b.va), HI(b.va), LO(dst.va), HI(dst.va), 3,
			MVGPU_MI_BATCH_BUFFER_END,
		};

		memcpy(large.dw, cmd, sizeof(cmd));
		large.n = sizeof(cmd) / 4;
	}
	large.bos[0] = (struct drm_mvgpu_bo_ref){ a.handle, 0 };
	large.bos[1] = (struct drm_mvgpu_bo_ref){ b.handle, 0 };
	large.bos[2] = (struct drm_mvgpu_bo_ref){ dst.handle, MVGPU_BO_WRITE };
	large.nbos = 3;
	r |= bench_kind(fd, &small, count);
	r |= bench_kind(fd, &large, count);
	close(fd);
	if (flip)
		bench_flips(card, seconds);
	return r ? 1 : 0;
}
