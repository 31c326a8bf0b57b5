// SPDX-License-Identifier: GPL-2.0
/*
 * mvgpu-bench-guest - the host side of the guest driver's benchmark: the
 * jobs of tools/drm/mvgpu-drm-bench, submitted from host userspace
 * through VFIO, as the guest DRM driver's ring would run them.
 *
 *   mvgpu-bench-guest [-p auto|group|cdev] [-n COUNT] UUID
 *
 * The driver is the tests' one (tests/e2e/common/gpu.c): guest memory
 * DMA-mapped and mapped by GTT entries of the vGPU's hidden slice, a
 * per-process address space (PPGTT) built in it.  The space maps, as a
 * guest process's would (include/uapi/drm/mvgpu_drm.h): a 4 KiB target
 * page and three 4 MiB buffers from MVGPU_VA_USER_START up, and the batch
 * slot above MVGPU_VA_USER_END.  The two jobs are those of
 * mvgpu-drm-bench:
 *   small  one MI_STORE_DATA_IMM (PPGTT) into the target page;
 *   large  MVGPU_COMPUTE SAXPY over 1 Mi elements (4 MiB per buffer),
 *          dst = 3 * a + b, three distinct buffers.
 * Each job does what drivers/gpu/drm/mvgpu/mvgpu_engine.c
 * (mvgpu_drm_engine_run()) does: the batch is copied into its slot, and
 * one ring submission on the render engine holds MI_LOAD_REGISTER_IMM of
 * the PML4 (LDW, UDW), MI_BATCH_BUFFER_START with MVGPU_BB_PPGTT of the
 * slot, a GGTT MI_STORE_DATA_IMM of the job's seqno into the status page
 * (the breadcrumb) and MI_USER_INTERRUPT, padded to a qword; TAIL is
 * written once.  Completion is waited for by the interrupt (MSI eventfd,
 * gpu_wait()).
 *
 * After one warm-up job of each kind (the first shadows the space), COUNT
 * (default 200) jobs of each kind run one at a time (submit, wait for
 * completion): the guest driver's scheduler also runs one job at a time
 * per engine.  Output, one line per kind:
 *   host small jobs_per_s=X latency_us=Y
 *   host large jobs_per_s=X latency_us=Y
 * jobs_per_s is COUNT over the time of the whole series, latency_us the
 * mean of submit-to-completion-seen.  tools/bench/run-bench-guest.sh sets
 * these next to mvgpu-drm-bench's "drm ..." lines from a nested guest.
 *
 * The results are checked (the store, the breadcrumb, the SAXPY output);
 * speed is reported, never asserted: exit status 0 unless something
 * failed.  Needs root; the vGPU must exist and not be open.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/mvgpu.h>

#include "gpu.h"
#include "mvgpu_stats.h"

#define RCS		MVGPU_ENGINE_RCS
#define PG		4096ull
#define MIB		(1ull << 20)
#define IOVA		0x100000000ull
#define WAIT_MS		60000

/* As mvgpu-drm-bench: 1 Mi SAXPY elements, 4 MiB per buffer. */
#define LARGE_N		(1u << 20)
#define LARGE_BYTES	(LARGE_N * 4ull)
#define SCALAR		3u
#define SMALL_VAL	0x5ca1ab1eu

/* The guest process's layout (include/uapi/drm/mvgpu_drm.h). */
#define VA_USER_START	0x100000ull
#define VA_USER_END	(1ull << 47)
#define VA_T		VA_USER_START
#define VA_A		(VA_T + 2 * MIB)
#define VA_B		(VA_A + LARGE_BYTES)
#define VA_DST		(VA_B + LARGE_BYTES)
#define VA_BB		VA_USER_END	/* the batch slot */
#define BB_BYTES	(64 * 1024ull)	/* MVGPU_DRM_MAX_BATCH */

/* The breadcrumb's dword in the status page (MVGPU_DRM_HWS_SEQNO). */
#define HWS_SEQNO	MVGPU_HWS_SCRATCH

static struct gpu G;
static bool open_;
static struct gpu_ppgtt as;
static uint64_t t_gm, a_gm, b_gm, dst_gm, bb_gm;
static uint32_t seqno;

struct kind {
	const char *name;
	uint32_t dw[16];
	uint32_t n;
};

static void __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mvgpu-bench-guest: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (open_ && G.err[0])
		fprintf(stderr, " (%s)", G.err);
	fputc('\n', stderr);
	if (open_)
		gpu_release(&G);
	exit(1);
}

static uint32_t a0(uint32_t i)
{
	return i * 2654435761u ^ 0x5bd1e995u;
}

static uint32_t b0(uint32_t i)
{
	return i;
}

static void setup(const char *uuid, enum mvgpu_vfio_path path)
{
	uint64_t mem = 3 * LARGE_BYTES + 2 * MIB;
	uint64_t ring, hws;
	uint32_t *a, *b;
	int ret;

	memset(&G, 0, sizeof(G));
	G.efd = -1;
	ret = gpu_open(&G, uuid, path);
	if (ret)
		die("open %s: %s", uuid, strerror(-ret));
	open_ = true;
	if (!(gpu_rd(&G, MVGPU_PVINFO_OFFSET + MVGPU_PV_CAPS) &
	      MVGPU_PV_CAP_PPGTT))
		die("the PV info page (version %#x) announces no PPGTT",
		    G.pv_version);
	if (mem > G.hid_size)
		die("%llu MiB of guest memory wanted, the hidden slice has %llu MiB",
		    (unsigned long long)(mem / MIB),
		    (unsigned long long)(G.hid_size / MIB));
	ret = gpu_mem_init(&G, G.hid_base, mem, IOVA);
	if (!ret)
		ret = gpu_irq_init(&G);
	ring = gpu_alloc(&G, GPU_RING_SIZE, 0);
	hws = gpu_alloc(&G, PG, 0);
	if (!ret)
		ret = ring && hws ? gpu_ring_init(&G, RCS, ring, GPU_RING_SIZE,
						  hws) : -ENOMEM;
	if (ret)
		die("vGPU setup: %s", strerror(-ret));
	t_gm = gpu_alloc(&G, PG, 0);
	bb_gm = gpu_alloc(&G, BB_BYTES, 0);
	a_gm = gpu_alloc(&G, LARGE_BYTES, 0);
	b_gm = gpu_alloc(&G, LARGE_BYTES, 0);
	dst_gm = gpu_alloc(&G, LARGE_BYTES, 0);
	if (!dst_gm)
		die("guest memory: %s", G.err);
	a = gpu_va(&G, a_gm);
	b = gpu_va(&G, b_gm);
	for (uint32_t i = 0; i < LARGE_N; i++) {
		a[i] = a0(i);
		b[i] = b0(i);
	}
	if (gpu_ppgtt_init(&G, &as) ||
	    gpu_ppgtt_map(&as, VA_T, t_gm, PG) ||
	    gpu_ppgtt_map(&as, VA_A, a_gm, LARGE_BYTES) ||
	    gpu_ppgtt_map(&as, VA_B, b_gm, LARGE_BYTES) ||
	    gpu_ppgtt_map(&as, VA_DST, dst_gm, LARGE_BYTES) ||
	    gpu_ppgtt_map(&as, VA_BB, bb_gm, BB_BYTES))
		die("PPGTT: %s", G.err);
}

/* One job as mvgpu_drm_engine_run() puts it on the ring; wait for it. */
static void run_job(const struct kind *k)
{
	uint64_t hws = G.ring[RCS].hws_gm + 4 * HWS_SEQNO;
	const uint32_t base = MVGPU_RING_BASE(RCS);
	uint32_t ring[32], tail, code, off;
	struct gpu_cs cs;
	uint64_t buf;

	memcpy(gpu_va(&G, bb_gm), k->dw, k->n * 4);
	seqno++;
	cs_init(&cs, ring, 0, sizeof(ring));
	cs_dw(&cs, MVGPU_MI_LOAD_REGISTER_IMM | (5 - 2));
	cs_dw(&cs, MVGPU_RING_PML4_LDW(base));
	cs_dw(&cs, (uint32_t)as.root);
	cs_dw(&cs, MVGPU_RING_PML4_UDW(base));
	cs_dw(&cs, (uint32_t)(as.root >> 32));
	cs_bb_start_ppgtt(&cs, VA_BB);
	cs_sdi32(&cs, hws, seqno);
	cs_user_interrupt(&cs);
	if (cs.overflow)
		die("ring staging overflow");
	if (gpu_submit(&G, RCS, &cs, &tail))
		die("%s: submit: %s", k->name, G.err);
	if (gpu_wait(&G, RCS, tail, WAIT_MS, NULL)) {
		gpu_engine_error(&G, RCS, &code, &off, &buf);
		die("%s job: %s; PV error %s at %#x of %#llx", k->name, G.err,
		    gpu_err_name(code), off, (unsigned long long)buf);
	}
	if (G.ring[RCS].hws[HWS_SEQNO] != seqno)
		die("%s job: the breadcrumb reads %u, not %u", k->name,
		    G.ring[RCS].hws[HWS_SEQNO], seqno);
}

static void bench_kind(const struct kind *k, int count)
{
	uint64_t t0, t1, sum = 0;

	run_job(k);	/* warm-up */
	t0 = mvgpu_now_ns();
	for (int i = 0; i < count; i++) {
		t1 = mvgpu_now_ns();
		run_job(k);
		sum += mvgpu_now_ns() - t1;
	}
	t1 = mvgpu_now_ns();
	printf("host %s jobs_per_s=%.1f latency_us=%.1f\n", k->name,
	       count / ((t1 - t0) / 1e9), sum / 1e3 / count);
	fflush(stdout);
}

static void usage(void)
{
	fprintf(stderr, "usage: mvgpu-bench-guest [-p auto|group|cdev] [-n COUNT] UUID\n");
	exit(2);
}

int main(int argc, char **argv)
{
	enum mvgpu_vfio_path path = MVGPU_VFIO_AUTO;
	struct kind small = { .name = "small" }, large = { .name = "large" };
	volatile uint32_t *t, *dst;
	int count = 200, opt;

	while ((opt = getopt(argc, argv, "p:n:h")) != -1) {
		switch (opt) {
		case 'p':
			if (mvgpu_path_parse(optarg, &path))
				usage();
			break;
		case 'n':
			count = atoi(optarg);
			break;
		default:
			usage();
		}
	}
	if (optind != argc - 1)
		usage();
	if (count < 1)
		count = 1;
	setup(argv[optind], path);

	small.dw[small.n++] = MVGPU_MI_STORE_DATA_IMM | (4 - 2);
	small.dw[small.n++] = (uint32_t)VA_T;
	small.dw[small.n++] = (uint32_t)(VA_T >> 32);
	small.dw[small.n++] = SMALL_VAL;
	small.dw[small.n++] = MVGPU_MI_BATCH_BUFFER_END;
	{
		const uint32_t cmd[] = {
			MVGPU_COMPUTE, MVGPU_KERNEL_SAXPY, LARGE_N,
			(uint32_t)VA_A, (uint32_t)(VA_A >> 32),
			(uint32_t)VA_B, (uint32_t)(VA_B >> 32),
			(uint32_t)VA_DST, (uint32_t)(VA_DST >> 32), SCALAR,
			MVGPU_MI_BATCH_BUFFER_END,
		};

		memcpy(large.dw, cmd, sizeof(cmd));
		large.n = sizeof(cmd) / 4;
	}
	printf("# mvgpu-bench-guest: vGPU %s, %s path, render engine, %d jobs of each kind one at a time, completion by MSI\n",
	       argv[optind], mvgpu_path_name(path), count);
	fflush(stdout);

	bench_kind(&small, count);
	bench_kind(&large, count);

	t = gpu_va(&G, t_gm);
	if (*t != SMALL_VAL)
		die("small: the target holds %#x, not %#x", *t, SMALL_VAL);
	dst = gpu_va(&G, dst_gm);
	{
		const uint32_t idx[3] = { 0, LARGE_N / 2, LARGE_N - 1 };

		for (int i = 0; i < 3; i++) {
			uint32_t want = SCALAR * a0(idx[i]) + b0(idx[i]);

			if (dst[idx[i]] != want)
				die("large: dst[%u] is %#x, not %#x", idx[i],
				    dst[idx[i]], want);
		}
	}
	gpu_release(&G);
	return 0;
}
