// SPDX-License-Identifier: GPL-2.0
/*
 * mvgpu-bench-mig - live migration of a vGPU: device-state size, the time
 * of each step and the downtime, for an idle and a busy vGPU, side by
 * side in one run; and the dirty pages per second a workload makes.
 *
 *   mvgpu-bench-mig [-r ROUNDS] [-c COUNT] [-T MS] UUID_A UUID_B
 *
 * A and B are two vGPUs of one type with the same graphics-memory
 * placement, normally on two software GPUs (run-bench-mig.sh creates
 * them).  The guest driver is tests/e2e/common/gpu.c, on A: guest memory
 * DMA-mapped at the same IOVA for both devices (the VMM's guest RAM,
 * which a real migration copies and which here needs no copy), a ring
 * and a status page per engine.  The vGPU then moves A -> B -> A ...
 * ROUNDS times each way (default 4) in each mode, alternating idle and
 * busy rounds:
 *   idle  nothing submitted;
 *   busy  a batch with MVGPU_COMPUTE SAXPY over COUNT elements (default
 *         2097152) in place, submitted just before the move: the move
 *         preempts it inside the batch and it finishes on the other vGPU
 *         (its result is checked element by element: once, not twice).
 * One move, as a VMM does it with the destination already in RESUMING:
 *   stop      source RUNNING -> STOP (the engines preempted);
 *   save      source STOP -> STOP_COPY and read the stream;
 *   load      write the stream, destination RESUMING -> STOP;
 *   run       destination STOP -> RUNNING;
 * downtime = stop + save + load + run (guest RAM and the network aside),
 * and the source is put back to STOP then RESUMING for the next move.
 * Printed per mode: the median and maximum of each step, the stream size
 * (and MIG_DATA_SIZE's estimate), the busy/idle ratios, and the downtime
 * against the 119 ms gMig reports for Linux guests (Ma et al., a figure
 * from its paper, not measured here).  Hand-offs: stop waits for the
 * engine thread to preempt (one hand-off, busy or not: the scheduler
 * pauses the vGPU's clients); run hands the workload back to the
 * scheduler (one).
 *
 * Dirty pages: DMA logging over the guest memory for -T MS (default
 * 1000) while the vGPU is idle, then while it repeats the SAXPY: pages
 * reported per second, and their share of the memory.
 *
 * Speed is reported, never asserted: the exit status is 0 unless
 * something failed (a step, a result).  Needs root; the vGPUs must exist
 * and not be open.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/mvgpu.h>
#include <linux/mvgpu_mig.h>

#include "gpu.h"
#include "mvgpu_vfio.h"

#define RCS		MVGPU_ENGINE_RCS
#define IOVA		0x100000000ull
#define WAIT_MS		120000
#define MAX_ROUNDS	64
#define GMIG_MS		119.0

enum step { STOP, SAVE, LOAD, RUN, DOWN, NR_STEPS };
static const char *const step_names[] = { "stop", "save", "load", "run",
					  "downtime" };

struct side {
	struct mvgpu_dev dev;
	int efd;
	const char *uuid;
};

struct mode {
	const char *name;
	double t[NR_STEPS][MAX_ROUNDS];
	unsigned int n;
	size_t bytes;
	uint64_t estimate;
};

static struct gpu g;
static struct side sides[2];
static unsigned int cur;	/* the side g drives now */
static uint32_t count = 2u << 20;
static uint64_t a_gm, y_gm, done_gm, batch_gm;
static uint32_t *x, *y;
static unsigned int seq;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int die(const char *what, int err)
{
	fprintf(stderr, "mvgpu-bench-mig: %s: %s%s%s\n", what, strerror(-err),
		g.err[0] ? ": " : "", g.err);
	return 1;
}

/* Drive the vGPU through side @s from now on (the guest moved there). */
static void drive(unsigned int s)
{
	cur = s;
	g.d = &sides[s].dev;
	g.efd = sides[s].efd;
}

static int open_side(unsigned int s)
{
	struct side *sd = &sides[s];
	int ret;

	ret = mvgpu_open(&sd->dev, sd->uuid, MVGPU_VFIO_AUTO);
	if (ret)
		return ret;
	ret = mvgpu_dma_map(&sd->dev, g.mem, IOVA, g.mem_size);
	if (ret)
		return ret;
	sd->efd = mvgpu_eventfd_new();
	if (sd->efd < 0)
		return sd->efd;
	return mvgpu_irq_set_trigger(&sd->dev, VFIO_PCI_MSI_IRQ_INDEX,
				     sd->efd);
}

/* The busy workload: a batch with the SAXPY, then a breadcrumb. */
static int submit_saxpy(uint32_t *tail)
{
	uint32_t ring_dw[16], *bb = gpu_va(&g, batch_gm);
	struct gpu_cs cs;
	uint32_t i;

	for (i = 0; i < count; i++) {
		x[i] = i * 2654435761u;
		y[i] = i ^ seq;
	}
	cs_init(&cs, bb, batch_gm, GPU_PAGE);
	cs_compute(&cs, MVGPU_KERNEL_SAXPY, count, a_gm, y_gm, y_gm, 3);
	cs_bb_end(&cs);
	cs_init(&cs, ring_dw, 0, sizeof(ring_dw));
	cs_bb_start(&cs, batch_gm, 0);
	cs_pipe_control_store(&cs, done_gm, ++seq);
	cs_user_interrupt(&cs);
	return gpu_submit(&g, RCS, &cs, tail);
}

static int check_saxpy(void)
{
	uint32_t i;

	if (*(volatile uint64_t *)gpu_va(&g, done_gm) != seq)
		return -EIO;
	for (i = 0; i < count; i++)
		if (y[i] != 3 * (i * 2654435761u) + (i ^ (seq - 1)))
			return -EIO;
	return 0;
}

/* Move the guest from side cur to the other one; times in @t. */
static int move(double *t, size_t *bytes, uint64_t *estimate)
{
	struct side *src = &sides[cur], *dst = &sides[!cur];
	void *stream = NULL;
	size_t len = 0;
	int sfd = -1, rfd = -1, ret;
	double t0, t1;

	/* The destination waits in RESUMING, as a VMM's does. */
	ret = mvgpu_mig_set_state(&dst->dev, VFIO_DEVICE_STATE_RESUMING, &rfd);
	if (ret)
		return ret;
	t0 = now_ms();
	ret = mvgpu_mig_set_state(&src->dev, VFIO_DEVICE_STATE_STOP, NULL);
	if (ret)
		goto out;
	t1 = now_ms();
	t[STOP] = t1 - t0;
	mvgpu_mig_data_size(&src->dev, estimate);
	ret = mvgpu_mig_set_state(&src->dev, VFIO_DEVICE_STATE_STOP_COPY, &sfd);
	if (!ret)
		ret = mvgpu_mig_read_stream(sfd, &stream, &len);
	if (ret)
		goto out;
	t[SAVE] = now_ms() - t1;
	t1 = now_ms();
	ret = mvgpu_mig_write_stream(rfd, stream, len, NULL);
	if (!ret)
		ret = mvgpu_mig_set_state(&dst->dev, VFIO_DEVICE_STATE_STOP,
					  NULL);
	if (ret)
		goto out;
	t[LOAD] = now_ms() - t1;
	t1 = now_ms();
	ret = mvgpu_mig_set_state(&dst->dev, VFIO_DEVICE_STATE_RUNNING, NULL);
	if (ret)
		goto out;
	t[RUN] = now_ms() - t1;
	t[DOWN] = now_ms() - t0;
	*bytes = len;
	drive(!cur);
	/* The old source ends its session and waits for the next move. */
	ret = mvgpu_mig_set_state(&src->dev, VFIO_DEVICE_STATE_STOP, NULL);
out:
	free(stream);
	if (sfd >= 0)
		close(sfd);
	if (rfd >= 0)
		close(rfd);
	return ret;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(const double *v, unsigned int n)
{
	double s[MAX_ROUNDS];

	memcpy(s, v, n * sizeof(*v));
	qsort(s, n, sizeof(*s), cmp);
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

static double maximum(const double *v, unsigned int n)
{
	double m = 0;

	while (n--)
		m = v[n] > m ? v[n] : m;
	return m;
}

/* Pages the DMA log reports over @ms of the given activity, per second. */
static int dirty_rate(bool busy, unsigned int ms, double *rate,
		      double *share)
{
	size_t pages = g.mem_size / GPU_PAGE, words = (pages + 63) / 64, i;
	uint64_t *bm = calloc(words, sizeof(*bm));
	uint64_t set = 0;
	double t0, t;
	uint32_t tail;
	int ret;

	if (!bm)
		return -ENOMEM;
	ret = mvgpu_dma_log_start(g.d, IOVA, g.mem_size, GPU_PAGE);
	/* The first report takes what was pinned as dirty: skip it. */
	if (!ret)
		ret = mvgpu_dma_log_report(g.d, IOVA, g.mem_size, GPU_PAGE, bm);
	if (!ret)
		ret = mvgpu_dma_log_report(g.d, IOVA, g.mem_size, GPU_PAGE, bm);
	t0 = now_ms();
	while (!ret && (t = now_ms()) - t0 < ms) {
		if (busy) {
			ret = submit_saxpy(&tail);
			if (!ret)
				ret = gpu_wait(&g, RCS, tail, WAIT_MS, NULL);
			if (!ret)
				ret = check_saxpy();
		} else {
			usleep(50000);
		}
		memset(bm, 0, words * sizeof(*bm));
		if (!ret)
			ret = mvgpu_dma_log_report(g.d, IOVA, g.mem_size,
						   GPU_PAGE, bm);
		for (i = 0; !ret && i < words; i++)
			set += __builtin_popcountll(bm[i]);
	}
	mvgpu_dma_log_stop(g.d);
	free(bm);
	t = now_ms() - t0;
	*rate = set * 1e3 / t;
	*share = (double)set / pages / (t / 1e3);
	return ret;
}

static void print_mode(const struct mode *m, const struct mode *base)
{
	unsigned int s;

	printf("%-5s  stream %zu bytes (MIG_DATA_SIZE said %llu)\n", m->name,
	       m->bytes, (unsigned long long)m->estimate);
	for (s = 0; s < NR_STEPS; s++) {
		double med = median(m->t[s], m->n);

		printf("       %-9s median %8.2f ms  max %8.2f ms", step_names[s],
		       med, maximum(m->t[s], m->n));
		if (base)
			printf("  busy/idle %5.2f",
			       med / median(base->t[s], base->n));
		putchar('\n');
	}
	printf("       downtime / gMig's 119 ms: %.3f\n",
	       median(m->t[DOWN], m->n) / GMIG_MS);
}

int main(int argc, char **argv)
{
	struct mode modes[2] = { { .name = "idle" }, { .name = "busy" } };
	unsigned int rounds = 4, ms = 1000, r, i;
	double rate[2], share[2];
	size_t mem;
	int opt, ret;

	while ((opt = getopt(argc, argv, "r:c:T:")) != -1) {
		switch (opt) {
		case 'r':
			rounds = strtoul(optarg, NULL, 0);
			break;
		case 'c':
			count = strtoul(optarg, NULL, 0);
			break;
		case 'T':
			ms = strtoul(optarg, NULL, 0);
			break;
		default:
			goto usage;
		}
	}
	if (argc - optind != 2 || !rounds || 2 * rounds > MAX_ROUNDS ||
	    !count || count > MVGPU_COMPUTE_MAX_COUNT)
		goto usage;
	sides[0].uuid = argv[optind];
	sides[1].uuid = argv[optind + 1];

	mem = 4 * GPU_PAGE + 2 * (((size_t)count * 4 + GPU_PAGE - 1) &
				  ~(size_t)(GPU_PAGE - 1));
	ret = gpu_setup(&g, sides[0].uuid, mem, IOVA, 1u << RCS);
	if (ret)
		return die("setting up the guest on A", ret);
	batch_gm = gpu_alloc(&g, GPU_PAGE, 0);
	done_gm = gpu_alloc(&g, GPU_PAGE, 0);
	a_gm = gpu_alloc(&g, (size_t)count * 4, 0);
	y_gm = gpu_alloc(&g, (size_t)count * 4, 0);
	if (!batch_gm || !done_gm || !a_gm || !y_gm)
		return die("guest memory", -ENOMEM);
	x = gpu_va(&g, a_gm);
	y = gpu_va(&g, y_gm);
	/* Side 0 is g's own device; side 1 opens B on the same memory. */
	sides[0].dev = g.dev;
	sides[0].efd = g.efd;
	g.own_dev = false;
	ret = open_side(1);
	if (ret)
		return die("opening B", ret);
	drive(0);
	ret = mvgpu_mig_set_state(&sides[1].dev, VFIO_DEVICE_STATE_STOP, NULL);
	if (ret)
		return die("stopping B", ret);

	printf("# mvgpu-bench-mig: %u rounds per mode, SAXPY over %u elements, %zu KiB of guest memory\n",
	       rounds, count, mem >> 10);
	for (r = 0; r < 2 * rounds; r++) {
		struct mode *m = &modes[r % 2];
		double t[NR_STEPS];
		uint32_t tail = 0;

		if (m == &modes[1]) {
			ret = submit_saxpy(&tail);
			if (ret)
				return die("submitting", ret);
			usleep(5000);
		}
		ret = move(t, &m->bytes, &m->estimate);
		if (ret)
			return die("moving the vGPU", ret);
		for (i = 0; i < NR_STEPS; i++)
			m->t[i][m->n] = t[i];
		m->n++;
		if (m == &modes[1]) {
			ret = gpu_wait(&g, RCS, tail, WAIT_MS, NULL);
			if (!ret)
				ret = check_saxpy();
			if (ret)
				return die("the SAXPY moved in flight", ret);
		}
	}
	print_mode(&modes[0], NULL);
	print_mode(&modes[1], &modes[0]);

	for (i = 0; i < 2; i++) {
		ret = dirty_rate(i, ms, &rate[i], &share[i]);
		if (ret)
			return die("DMA logging", ret);
	}
	printf("dirty  idle %.0f pages/s (%.3f of the memory per s), busy %.0f pages/s (%.3f)\n",
	       rate[0], share[0], rate[1], share[1]);

	for (i = 0; i < 2; i++) {
		mvgpu_reset(&sides[i].dev);
		mvgpu_dma_unmap(&sides[i].dev, IOVA, g.mem_size);
		close(sides[i].efd);
		mvgpu_close(&sides[i].dev);
	}
	return 0;
usage:
	fprintf(stderr, "usage: mvgpu-bench-mig [-r ROUNDS] [-c COUNT] [-T MS] UUID_A UUID_B\n");
	return 2;
}
