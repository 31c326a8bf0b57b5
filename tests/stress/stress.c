// SPDX-License-Identifier: GPL-2.0
/*
 * mvgpu-stress - many vGPUs, many processes, every lifecycle operation at
 * once, for a set time; then the host must be as it was.
 *
 * Two software GPUs: sgpu0 (A) and one created at run time (B).  64 slots
 * (by default), half on each; each slot is a process that loops:
 *
 *   create a vGPU (V1_64, two V1_8 per pGPU, one slot per pGPU of a random
 *   type) -> open it (iommufd cdev, or the group path for one in four) ->
 *   guest memory in two DMA mappings, GTT, MSI, rings -> a random sequence
 *   of operations -> one of several endings -> remove it
 *
 * Operations: legal work on RCS (SAXPY + CHECKSUM + store), on BCS (fill
 * and copy blits + flush store), on both at once, through a batch buffer
 * (every result checked against the CPU); malicious work (unknown opcode,
 * wrong engine, forbidden LRI, a store outside the slices, a PPGTT batch, a
 * truncated command, a self-chaining batch: the ERROR interrupt, a PV error
 * code, no side effect, then GDRST); GDRST and VFIO reset of idle and busy
 * engines; a DMA unmap and remap of half the guest memory with live GTT
 * entries, also under running work (the entries' pins inside the range must
 * be gone when the unmap returns); GTT rewrites with good and bad entries;
 * MSI trigger changes; config space and debugfs reads; and a race: a
 * second thread resets, GDRSTs or unmaps while the first writes the GTT and
 * submits.  Endings: release (reset, unmap, close), close with work in
 * flight, close without reset, removal while open (the request eventfd),
 * and sudden exit.  After every close the vGPU's debugfs must show no
 * pinned frame.
 *
 * Meanwhile the master SIGKILLs a worker now and then (its successor
 * removes the vGPU left behind) and a churn process deletes pGPU B (which
 * removes its vGPUs while they are open) and creates it again.
 *
 * At the end: every worker stopped in time, no vGPU left, no worker saw an
 * unexpected error, every legal result right, every malicious submission
 * refused, available_instances exact for every type on both pGPUs (and
 * that many vGPUs of the type can really be created, one more cannot),
 * the software GPUs' engines idle, and /proc/meminfo Slab, SUnreclaim and
 * MemFree back to the baseline taken after a warm-up within the
 * tolerances (options -S, -U, -F).  Output is TAP; numbers are "#" lines.
 *
 * Known defects, kept out unless asked for: DMA unmaps on the group (type1)
 * path racing GTT writes can hit a BUG_ON in vfio_iommu_type1.c, so unmaps
 * use the iommufd path only (--group-unmap enables them on the group path
 * too).  --no-races leaves out the race operation.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <dirent.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "e2e.h"
#include "gpu.h"

#define RCS		MVGPU_ENGINE_RCS
#define BCS		MVGPU_ENGINE_BCS
#define MSI		VFIO_PCI_MSI_IRQ_INDEX
#define REQ		VFIO_PCI_REQ_IRQ_INDEX
#define PV(off)		(MVGPU_PVINFO_OFFSET + (off))

#define MAX_SLOTS	128
#define KIB		1024u

/* Guest memory of a vGPU: two DMA mappings, L (low) and U (upper). */
#define MEM_SIZE	(512 * KIB)
#define U_OFF		(256 * KIB)
#define U_SIZE		(MEM_SIZE - U_OFF)
#define IOVA_BASE	0x100000000ull
/* Offsets in guest memory (graphics address = hidden base + offset). */
#define O_RING(e)	((e) * 0x2000u)
#define O_HWS(e)	((e) * 0x2000u + 0x1000u)
#define O_RES		0x4000u		/* results page: dword slots */
#define O_BATCH		0x5000u		/* 4 pages of batches */
#define O_SA		0x10000u	/* SAXPY a, b, d in L */
#define SAXPY_N		4096u
#define O_DST		0x20000u	/* blit surfaces */
#define O_SRC		0x24000u
#define PITCH		256u		/* 64 pixels of 32 bpp */
#define ROWS		32u
#define O_USA		(U_OFF + 0x10000u)	/* SAXPY a, b, d in U */
/* Long work: a SAXPY over scratch pages from here in the hidden slice. */
#define LONG_OFF	(4u << 20)
#define LONG_N		(1u << 20)

/* Result slots (dwords of the results page). */
#define S_CSUM		1
#define S_SEQ		2
#define S_BATCH		3
#define S_FLUSH		4
#define S_MARK		8	/* malicious submissions store here first */
#define S_BB		16	/* 16..31: stores in batches */

/* Per-process budgets, scaled by $MVGPU_TIMEOUT_FACTOR. */
#define WAIT_MS		60000
#define GDRST_MS	20000
#define REQ_MS		60000
#define SGPU_REMOVE_TIMEOUT "/sys/module/mvgpu_sgpu/parameters/remove_timeout_ms"

/* ---- options and shared state ----------------------------------------- */

static struct {
	unsigned int seconds;
	unsigned int slots;
	uint64_t seed;
	bool group_unmap;
	bool races;
	bool kills;
	bool churn;
	unsigned int factor;
	unsigned int slab_tol_kib;
	unsigned int sunreclaim_tol_kib;
	unsigned int free_tol_kib;
	bool verbose;
} opt = {
	.seconds = 600,
	.slots = 64,
	.races = true,
	.kills = true,
	.churn = true,
	.factor = 1,
	.slab_tol_kib = 8192,
	.sunreclaim_tol_kib = 4096,
	.free_tol_kib = 32768,
};

/* Counters, one set per slot and one for the churn process. */
enum {
	C_CREATE, C_CREATE_RETRY, C_REMOVE, C_OPEN_CDEV, C_OPEN_GROUP,
	C_LEGAL_OK, C_LEGAL_BAD, C_MAL, C_MAL_CAUGHT, C_MAL_MISSED,
	C_GDRST, C_GDRST_BUSY, C_RESET, C_RESET_BUSY, C_UNMAP, C_UNMAP_BUSY,
	C_GTT, C_IRQ, C_RACE, C_READS,
	C_END_RELEASE, C_END_BUSY, C_END_CLOSE, C_END_REMOVE_OPEN,
	C_END_EXIT, C_END_REQ, C_REMOVED_WITH_PGPU, C_PIN_CHECKS, C_PIN_LEFT, C_UNMAP_PIN_LEFT,
	C_FAIL, C_OPS,
	C_PGPU_DEL, C_PGPU_NEW, C_PGPU_DEL_MAX_MS,
	NR_COUNTERS
};

static const char *const counter_names[NR_COUNTERS] = {
	[C_CREATE] = "vGPUs created",
	[C_CREATE_RETRY] = "creates refused (ENOSPC/ENODEV, retried)",
	[C_REMOVE] = "vGPUs removed by their worker",
	[C_OPEN_CDEV] = "opens through the iommufd cdev",
	[C_OPEN_GROUP] = "opens through the group",
	[C_LEGAL_OK] = "legal workloads correct",
	[C_LEGAL_BAD] = "legal workloads wrong",
	[C_MAL] = "malicious submissions",
	[C_MAL_CAUGHT] = "malicious submissions refused",
	[C_MAL_MISSED] = "malicious submissions not refused",
	[C_GDRST] = "GDRST of idle engines",
	[C_GDRST_BUSY] = "GDRST of busy engines",
	[C_RESET] = "VFIO resets, idle",
	[C_RESET_BUSY] = "VFIO resets, busy",
	[C_UNMAP] = "DMA unmap + remap with live entries",
	[C_UNMAP_BUSY] = "DMA unmap + remap under running work",
	[C_GTT] = "GTT rewrites (good and bad entries)",
	[C_IRQ] = "MSI trigger changes",
	[C_RACE] = "races (reset/GDRST/unmap vs GTT writes and submissions)",
	[C_READS] = "config space and debugfs read rounds",
	[C_END_RELEASE] = "endings: release (reset, unmap, close)",
	[C_END_BUSY] = "endings: close with work in flight",
	[C_END_CLOSE] = "endings: close without reset",
	[C_END_REMOVE_OPEN] = "endings: removal while open (REQ)",
	[C_END_EXIT] = "endings: sudden exit",
	[C_END_REQ] = "endings: removed by someone else (REQ)",
	[C_REMOVED_WITH_PGPU] = "removals refused as the pGPU went (ENODEV)",
	[C_PIN_CHECKS] = "pin checks after close",
	[C_PIN_LEFT] = "frames left pinned after close",
	[C_UNMAP_PIN_LEFT] = "frames left pinned inside an unmapped range",
	[C_FAIL] = "unexpected errors",
	[C_OPS] = "operations",
	[C_PGPU_DEL] = "pGPU deletions",
	[C_PGPU_NEW] = "pGPU re-creations",
	[C_PGPU_DEL_MAX_MS] = "longest pGPU deletion (ms)",
};

struct slot {
	char uuid[MVGPU_UUID_LEN + 1];	/* the vGPU it holds, or "" */
	char pgpu[16];
	volatile pid_t pid;
	volatile int killed;		/* by the master */
	/*
	 * Set while one of the worker's threads removes the vGPU another
	 * holds open: killed then, the process could never exit (VFIO waits
	 * for the close that its own exit would do), so the master leaves it.
	 */
	volatile int no_kill;
	unsigned int generation;
	uint64_t c[NR_COUNTERS];
};

struct shared {
	volatile int stop;
	unsigned int b_id;
	char pgpu[2][16];
	uint64_t churn[NR_COUNTERS];
	struct slot slot[MAX_SLOTS];
};

static struct shared *sh;
static uint64_t *cnt;		/* this process's counters */
static unsigned int messages;	/* failure lines printed by this process */
static const char *me = "master";
static char me_buf[32];

static void count(unsigned int c)
{
	__atomic_fetch_add(&cnt[c], 1, __ATOMIC_RELAXED);
}

static unsigned int scaled(unsigned int ms)
{
	return ms * opt.factor;
}

/* An unexpected event: counted, and said (up to 30 lines per process). */
static void failure(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void failure(const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	count(C_FAIL);
	if (messages++ >= 30)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printf("# %s: FAILURE: %s\n", me, msg);
}

static void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void note(const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	if (!opt.verbose)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printf("# %s: %s\n", me, msg);
}

/* ---- random numbers ---------------------------------------------------- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t x = rng_state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545f4914f6cdd1dull;
}

static unsigned int rnd_below(unsigned int n)
{
	return n ? (unsigned int)(rnd() % n) : 0;
}

static void rng_seed(uint64_t s)
{
	rng_state = s * 0x9e3779b97f4a7c15ull + 0x1234567;
	if (!rng_state)
		rng_state = 1;
	rnd();
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* ---- one vGPU ---------------------------------------------------------- */

struct vg {
	struct gpu g;
	struct slot *s;
	enum mvgpu_vfio_path path;
	int req;		/* request eventfd */
	bool req_seen;
	bool unmap_ok;		/* DMA unmaps allowed on this path */
	uint8_t *mem;
	bool l_mapped, u_mapped;
	uint32_t seq;
	uint32_t ref[SAXPY_N];
};

static uint32_t stage[2048];

static uint64_t gm_of(const struct vg *v, uint32_t off)
{
	return v->g.hid_base + off;
}

static void *va_of(const struct vg *v, uint32_t off)
{
	return v->mem + off;
}

static volatile uint32_t *res(const struct vg *v)
{
	return (volatile uint32_t *)va_of(v, O_RES);
}

/* Whether the vGPU is being removed (the kernel's request arrived). */
static bool req_pending(struct vg *v)
{
	uint64_t n = 0;

	if (!v->req_seen && v->req >= 0) {
		mvgpu_eventfd_consume(v->req, &n);
		if (n)
			v->req_seen = true;
	}
	return v->req_seen;
}

/* Program the GTT entries of guest memory [@off, @off + @len). */
static int gtt_map(struct vg *v, uint32_t off, uint32_t len)
{
	uint32_t o;
	int ret;

	for (o = off; o < off + len; o += GPU_PAGE) {
		ret = gpu_gtt_set(&v->g, gm_of(v, o),
				  (v->g.iova + o) | MVGPU_GTT_PTE_PRESENT);
		if (ret)
			return ret;
	}
	return 0;
}

static int map_half(struct vg *v, bool upper)
{
	uint32_t off = upper ? U_OFF : 0, len = upper ? U_SIZE : U_OFF;
	int ret = mvgpu_dma_map(v->g.d, v->mem + off, v->g.iova + off, len);

	if (!ret)
		*(upper ? &v->u_mapped : &v->l_mapped) = true;
	return ret;
}

static int unmap_half(struct vg *v, bool upper)
{
	uint32_t off = upper ? U_OFF : 0, len = upper ? U_SIZE : U_OFF;
	int ret = mvgpu_dma_unmap(v->g.d, v->g.iova + off, len);

	*(upper ? &v->u_mapped : &v->l_mapped) = false;
	return ret;
}

/* A new MSI eventfd, GT0 interrupts of both engines, master on. */
static int irq_program(struct vg *v)
{
	if (v->g.efd >= 0)
		close(v->g.efd);
	v->g.efd = -1;
	return gpu_irq_init(&v->g);
}

static int rings_init(struct vg *v)
{
	unsigned int e;
	int ret;

	for (e = 0; e < MVGPU_NUM_ENGINES; e++) {
		ret = gpu_ring_init(&v->g, e, gm_of(v, O_RING(e)), GPU_RING_SIZE,
				    gm_of(v, O_HWS(e)));
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * What a guest driver does after a device reset: the PV handshake, the GTT
 * entries, interrupts and rings again.
 */
static int restore(struct vg *v)
{
	int ret = mvgpu_pv_handshake(v->g.d, NULL);

	if (!ret && v->l_mapped)
		ret = gtt_map(v, 0, U_OFF);
	if (!ret && v->u_mapped)
		ret = gtt_map(v, U_OFF, U_SIZE);
	if (!ret)
		ret = irq_program(v);
	if (!ret)
		ret = rings_init(v);
	return ret;
}

static int full_reset(struct vg *v)
{
	int ret = mvgpu_reset(v->g.d);

	return ret ? ret : restore(v);
}

static int setup(struct vg *v)
{
	struct gpu *g = &v->g;
	int ret;

	v->mem = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (v->mem == MAP_FAILED) {
		v->mem = NULL;
		return -ENOMEM;
	}
	g->mem = v->mem;
	g->mem_size = MEM_SIZE;
	g->iova = IOVA_BASE;
	g->gm_base = g->hid_base;
	g->own_mem = false;
	g->dma_mapped = false;	/* the halves are ours to unmap */
	ret = map_half(v, false);
	if (!ret)
		ret = map_half(v, true);
	if (!ret)
		ret = gtt_map(v, 0, MEM_SIZE);
	if (!ret)
		ret = irq_program(v);
	if (!ret)
		ret = rings_init(v);
	return ret;
}

/* ---- work ---------------------------------------------------------------- */

static void cs_stage(struct gpu_cs *cs)
{
	cs_init(cs, stage, 0, sizeof(stage));
}

static const char *eng_name(unsigned int e)
{
	return e == RCS ? "RCS" : "BCS";
}

/* GDRST engine @e and program its ring again. */
static int engine_recover(struct vg *v, unsigned int e)
{
	int ret = gpu_engine_reset(&v->g, e, scaled(GDRST_MS));

	if (!ret)
		ret = gpu_ring_restart(&v->g, e);
	gpu_irq_take(&v->g, GPU_GT0_BITS(e));
	return ret;
}

static int wait_done(struct vg *v, unsigned int e, uint32_t tail)
{
	return gpu_wait(&v->g, e, tail, scaled(WAIT_MS), NULL);
}

/* A failed legal workload: why, with the engine's PV error report. */
static void legal_failed(struct vg *v, unsigned int e, const char *what, int ret)
{
	uint32_t code = 0, off = 0;
	uint64_t buf = 0;

	gpu_engine_error(&v->g, e, &code, &off, &buf);
	count(C_LEGAL_BAD);
	failure("%s vgpu%u: %s on %s: %s (%s); PV error %s at %#x of %#llx",
		v->s->pgpu, v->g.vgpu_id, what, eng_name(e),
		ret ? tap_errname(ret) : "wrong result", ret ? v->g.err : "",
		gpu_err_name(code), off, (unsigned long long)buf);
	if (ret)
		engine_recover(v, e);
}

static void saxpy_prepare(struct vg *v, uint32_t off, uint32_t k)
{
	uint32_t *a = va_of(v, off), *b = a + SAXPY_N, *d = b + SAXPY_N;
	uint32_t i;

	for (i = 0; i < SAXPY_N; i++) {
		a[i] = (uint32_t)rnd();
		b[i] = i ^ k;
		d[i] = 0;
	}
	gpu_saxpy_ref(v->ref, a, b, SAXPY_N, k);
}

static void saxpy_emit(struct vg *v, struct gpu_cs *cs, uint32_t off,
		       uint32_t k)
{
	uint64_t a = gm_of(v, off), b = a + 4 * SAXPY_N, d = b + 4 * SAXPY_N;

	cs_compute(cs, MVGPU_KERNEL_SAXPY, SAXPY_N, a, b, d, k);
	cs_compute(cs, MVGPU_KERNEL_CHECKSUM, SAXPY_N, d, 0,
		   gm_of(v, O_RES) + 4 * S_CSUM, 0);
	cs_sdi32(cs, gm_of(v, O_RES) + 4 * S_SEQ, k);
	cs_user_interrupt(cs);
}

static bool saxpy_check(struct vg *v, uint32_t off, uint32_t k)
{
	const uint32_t *d = (const uint32_t *)va_of(v, off) + 2 * SAXPY_N;

	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return !memcmp(d, v->ref, sizeof(v->ref)) &&
	       res(v)[S_CSUM] == gpu_fnv1a(v->ref, sizeof(v->ref)) &&
	       res(v)[S_SEQ] == k;
}

struct blt {
	uint32_t color, x1, y1, x2, y2, sx, sy, k;
	uint8_t exp[PITCH * ROWS];
};

static struct blt blt_cur;

static void blt_prepare(struct vg *v, struct blt *b)
{
	uint8_t *dst = va_of(v, O_DST), *src = va_of(v, O_SRC);
	uint32_t i, y;

	b->k = ++v->seq;
	b->color = 0xff000000u | (uint32_t)rnd();
	b->x1 = rnd_below(16);
	b->y1 = rnd_below(8);
	b->x2 = b->x1 + 1 + rnd_below(30);
	b->y2 = b->y1 + 1 + rnd_below(16);
	b->sx = rnd_below(32);
	b->sy = rnd_below(16);
	for (i = 0; i < PITCH * ROWS; i++)
		src[i] = (uint8_t)rnd();
	memcpy(b->exp, dst, sizeof(b->exp));
	for (y = b->y1; y < b->y2; y++)
		for (i = b->x1; i < b->x2; i++)
			memcpy(b->exp + y * PITCH + 4 * i, &b->color, 4);
	/* Copy 16x8 pixels from (sx, sy) of src to (48, 20) of dst. */
	for (y = 0; y < 8; y++)
		memcpy(b->exp + (20 + y) * PITCH + 4 * 48,
		       src + (b->sy + y) * PITCH + 4 * b->sx, 4 * 16);
}

static void blt_emit(struct vg *v, struct gpu_cs *cs, const struct blt *b)
{
	cs_color_blt(cs, gm_of(v, O_DST), PITCH, b->x1, b->y1, b->x2, b->y2,
		     b->color);
	cs_copy_blt(cs, gm_of(v, O_DST), PITCH, 48, 20, 64, 28,
		    gm_of(v, O_SRC), PITCH, b->sx, b->sy);
	cs_flush_dw_store32(cs, gm_of(v, O_RES) + 4 * S_FLUSH, ~b->k);
	cs_user_interrupt(cs);
}

static bool blt_check(struct vg *v, const struct blt *b)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return !memcmp(va_of(v, O_DST), b->exp, sizeof(b->exp)) &&
	       res(v)[S_FLUSH] == ~b->k;
}

/* Legal work on RCS (SAXPY at guest offset @off). */
static void op_legal_rcs(struct vg *v, uint32_t off)
{
	uint32_t k = ++v->seq, tail;
	struct gpu_cs cs;
	int ret;

	saxpy_prepare(v, off, k);
	cs_stage(&cs);
	saxpy_emit(v, &cs, off, k);
	ret = gpu_submit(&v->g, RCS, &cs, &tail);
	if (!ret)
		ret = wait_done(v, RCS, tail);
	if (ret || !saxpy_check(v, off, k))
		legal_failed(v, RCS, "SAXPY", ret);
	else
		count(C_LEGAL_OK);
}

static void op_legal_bcs(struct vg *v)
{
	struct blt *b = &blt_cur;
	struct gpu_cs cs;
	uint32_t tail;
	int ret;

	blt_prepare(v, b);
	cs_stage(&cs);
	blt_emit(v, &cs, b);
	ret = gpu_submit(&v->g, BCS, &cs, &tail);
	if (!ret)
		ret = wait_done(v, BCS, tail);
	if (ret || !blt_check(v, b))
		legal_failed(v, BCS, "blits", ret);
	else
		count(C_LEGAL_OK);
}

/* Both engines at once. */
static void op_legal_both(struct vg *v)
{
	struct blt *b = &blt_cur;
	uint32_t k = ++v->seq, t_rcs = 0, t_bcs = 0;
	struct gpu_cs cs;
	int r1, r2;

	saxpy_prepare(v, O_SA, k);
	blt_prepare(v, b);
	cs_stage(&cs);
	saxpy_emit(v, &cs, O_SA, k);
	r1 = gpu_submit(&v->g, RCS, &cs, &t_rcs);
	cs_stage(&cs);
	blt_emit(v, &cs, b);
	r2 = gpu_submit(&v->g, BCS, &cs, &t_bcs);
	if (!r1)
		r1 = wait_done(v, RCS, t_rcs);
	if (!r2)
		r2 = wait_done(v, BCS, t_bcs);
	if (r1 || !saxpy_check(v, O_SA, k))
		legal_failed(v, RCS, "SAXPY next to blits", r1);
	else
		count(C_LEGAL_OK);
	if (r2 || !blt_check(v, b))
		legal_failed(v, BCS, "blits next to SAXPY", r2);
	else
		count(C_LEGAL_OK);
}

/* Stores from a first-level batch, and one from the ring after it. */
static void op_legal_batch(struct vg *v)
{
	unsigned int e = rnd_below(2), n = 1 + rnd_below(16), i;
	uint32_t k = ++v->seq, tail, page = rnd_below(4);
	uint64_t bb = gm_of(v, O_BATCH + page * GPU_PAGE);
	struct gpu_cs cs, bcs;
	bool ok = true;
	int ret;

	for (i = 0; i < 16; i++)
		res(v)[S_BB + i] = 0;
	cs_init_gm(&bcs, &v->g, bb, GPU_PAGE);
	for (i = 0; i < n; i++)
		cs_sdi32(&bcs, gm_of(v, O_RES) + 4 * (S_BB + i), k + i);
	cs_bb_end(&bcs);
	cs_stage(&cs);
	cs_bb_start(&cs, bb, 0);
	cs_sdi32(&cs, gm_of(v, O_RES) + 4 * S_BATCH, k);
	cs_user_interrupt(&cs);
	ret = gpu_submit(&v->g, e, &cs, &tail);
	if (!ret)
		ret = wait_done(v, e, tail);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	for (i = 0; i < 16 && !ret; i++)
		ok &= res(v)[S_BB + i] == (i < n ? k + i : 0);
	ok &= res(v)[S_BATCH] == k;
	if (ret || !ok)
		legal_failed(v, e, "batch stores", ret);
	else
		count(C_LEGAL_OK);
}

static void op_legal(struct vg *v)
{
	switch (rnd_below(4)) {
	case 0:
		op_legal_rcs(v, O_SA);
		break;
	case 1:
		op_legal_bcs(v);
		break;
	case 2:
		op_legal_both(v);
		break;
	default:
		op_legal_batch(v);
		break;
	}
}

/*
 * A malicious submission on @e: a marker store, then one broken rule.
 * Returns whether TAIL was written by the builder itself.
 */
static bool build_malicious(struct vg *v, unsigned int e, struct gpu_cs *cs,
			    unsigned int kind, const char **name)
{
	uint64_t bb = gm_of(v, O_BATCH + 3 * GPU_PAGE);
	struct gpu_cs bcs;
	uint32_t mark[2];

	switch (kind) {
	case 0:
		*name = "unknown opcode";
		cs_dw(cs, MVGPU_MI_INSTR(0x3f, 0));
		break;
	case 1:
		*name = "wrong engine";
		if (e == RCS)
			cs_flush_dw_store32(cs, gm_of(v, O_RES), 1);
		else
			cs_pipe_control_store(cs, gm_of(v, O_RES), 1);
		break;
	case 2:
		*name = "LRI of MASTER_IRQ";
		cs_lri(cs, MVGPU_REG_MASTER_IRQ, 0);
		break;
	case 3:
		*name = "store outside the slices";
		cs_sdi32(cs, 0x1000, 0xbad);
		break;
	case 4:
		*name = "store past the hidden slice";
		cs_sdi32(cs, v->g.hid_base + v->g.hid_size, 0xbad);
		break;
	case 5:
		*name = "PPGTT batch";
		cs_bb_start(cs, bb, MVGPU_BB_PPGTT);
		break;
	case 6:
		*name = "self-chaining batch";
		cs_init_gm(&bcs, &v->g, bb, GPU_PAGE);
		cs_bb_start(&bcs, bb, 0);
		cs_bb_start(cs, bb, 0);
		break;
	default:
		/* A command cut by TAIL: the qword-aligned head of a 4-dword SDI. */
		*name = "truncated command";
		cs_pad_qword(cs);
		mark[0] = MVGPU_MI_STORE_DATA_IMM | MVGPU_MI_USE_GGTT | (4 - 2);
		mark[1] = (uint32_t)gm_of(v, O_RES);
		gpu_ring_emit(&v->g, e, cs);
		gpu_ring_emit_raw(&v->g, e, mark, 2);
		gpu_ring_kick(&v->g, e);
		return true;
	}
	return false;
}

static void op_malicious(struct vg *v)
{
	unsigned int e = rnd_below(2), kind = rnd_below(8);
	uint32_t mark = 0x3a000000u | ++v->seq, code = 0, tail = 0;
	const char *name = "?";
	struct gpu_cs cs;
	int ret = 0;

	count(C_MAL);
	res(v)[S_MARK] = 0;
	cs_stage(&cs);
	cs_sdi32(&cs, gm_of(v, O_RES) + 4 * S_MARK, mark);
	if (build_malicious(v, e, &cs, kind, &name))
		tail = v->g.ring[e].kicked;
	else
		ret = gpu_submit(&v->g, e, &cs, &tail);
	if (!ret)
		ret = wait_done(v, e, tail);
	gpu_engine_error(&v->g, e, &code, NULL, NULL);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (ret == -EIO && code != MVGPU_ERR_NONE && res(v)[S_MARK] != mark) {
		count(C_MAL_CAUGHT);
	} else {
		count(C_MAL_MISSED);
		failure("%s vgpu%u: %s on %s not refused: wait %s, PV error %s, marker %s",
			v->s->pgpu, v->g.vgpu_id, name, eng_name(e),
			tap_errname(ret), gpu_err_name(code),
			res(v)[S_MARK] == mark ? "stored" : "not stored");
	}
	if (engine_recover(v, e))
		failure("%s vgpu%u: GDRST after %s: %s", v->s->pgpu,
			v->g.vgpu_id, name, v->g.err);
}

/* Submit a long SAXPY over scratch pages on RCS; no wait. */
static int start_long(struct vg *v)
{
	uint64_t a = v->g.hid_base + LONG_OFF;
	uint32_t n = LONG_N, tail;
	struct gpu_cs cs;

	if (v->g.hid_size < LONG_OFF + 3ull * 4 * n)
		n = (uint32_t)((v->g.hid_size - LONG_OFF) / 12);
	cs_stage(&cs);
	cs_compute(&cs, MVGPU_KERNEL_SAXPY, n, a, a + 4ull * n, a + 8ull * n, 3);
	cs_user_interrupt(&cs);
	return gpu_submit(&v->g, RCS, &cs, &tail);
}

static void op_gdrst(struct vg *v)
{
	bool busy = rnd_below(2);
	unsigned int e;

	if (busy) {
		if (start_long(v))
			failure("%s vgpu%u: long work: %s", v->s->pgpu,
				v->g.vgpu_id, v->g.err);
		sleep_ms(rnd_below(30));
	}
	count(busy ? C_GDRST_BUSY : C_GDRST);
	for (e = 0; e < MVGPU_NUM_ENGINES; e++)
		if ((busy ? e == RCS : rnd_below(2)) && engine_recover(v, e))
			failure("%s vgpu%u: GDRST of %s%s: %s", v->s->pgpu,
				v->g.vgpu_id, busy ? "busy " : "", eng_name(e),
				v->g.err);
	op_legal(v);
}

static void op_reset(struct vg *v)
{
	bool busy = rnd_below(2);
	int ret;

	if (busy) {
		start_long(v);
		sleep_ms(rnd_below(30));
	}
	count(busy ? C_RESET_BUSY : C_RESET);
	ret = full_reset(v);
	if (ret)
		failure("%s vgpu%u: VFIO reset%s and restore: %s (%s)",
			v->s->pgpu, v->g.vgpu_id, busy ? " of a busy vGPU" : "",
			tap_errname(ret), v->g.err);
	op_legal(v);
}

static void read_gtt_stats(struct vg *v, long long *frames, long long *extents)
{
	*frames = e2e_vgpu_stat(v->s->pgpu, v->g.vgpu_id, "gtt",
				"pinned_frames");
	if (extents)
		*extents = e2e_vgpu_stat(v->s->pgpu, v->g.vgpu_id, "gtt",
					 "pin_extents");
}

/*
 * Unmap the upper half with live GTT entries (optionally under running
 * work that reads it), check that no frame of it stays pinned, map it
 * again, rewrite its entries and check work on it.
 */
static void op_unmap(struct vg *v)
{
	bool busy = rnd_below(2);
	long long frames;
	int ret;

	if (!v->unmap_ok) {
		op_legal(v);
		return;
	}
	count(busy ? C_UNMAP_BUSY : C_UNMAP);
	if (busy) {
		uint64_t a = gm_of(v, O_USA);
		struct gpu_cs cs;
		uint32_t tail;

		cs_stage(&cs);
		cs_compute(&cs, MVGPU_KERNEL_SAXPY, SAXPY_N, a, a + 4 * SAXPY_N,
			   a + 8 * SAXPY_N, 5);
		cs_compute(&cs, MVGPU_KERNEL_SAXPY, LONG_N / 4,
			   v->g.hid_base + LONG_OFF,
			   v->g.hid_base + LONG_OFF, v->g.hid_base + LONG_OFF, 1);
		cs_user_interrupt(&cs);
		gpu_submit(&v->g, RCS, &cs, &tail);
		sleep_ms(rnd_below(20));
	}
	ret = unmap_half(v, true);
	if (ret)
		failure("%s vgpu%u: DMA unmap with live entries: %s",
			v->s->pgpu, v->g.vgpu_id, tap_errname(ret));
	/* Only the lower half's frames (U_OFF / 4 KiB) may stay pinned. */
	read_gtt_stats(v, &frames, NULL);
	if (frames > (long long)(U_OFF / GPU_PAGE)) {
		count(C_UNMAP_PIN_LEFT);
		failure("%s vgpu%u: %lld frames pinned after unmapping half of %u",
			v->s->pgpu, v->g.vgpu_id, frames, MEM_SIZE / GPU_PAGE);
	}
	ret = map_half(v, true);
	if (!ret)
		ret = gtt_map(v, U_OFF, U_SIZE);
	if (ret)
		failure("%s vgpu%u: DMA remap: %s (%s)", v->s->pgpu,
			v->g.vgpu_id, tap_errname(ret), v->g.err);
	if (busy) {
		/* What the work read is undefined: recover, then check. */
		engine_recover(v, RCS);
	}
	op_legal_rcs(v, O_USA);
}

/* Good entries rewritten, bad ones written and undone. */
static void op_gtt(struct vg *v)
{
	unsigned int i, n = 1 + rnd_below(32);

	count(C_GTT);
	for (i = 0; i < n; i++) {
		uint32_t off = rnd_below(MEM_SIZE / GPU_PAGE) * GPU_PAGE;
		uint64_t gm = gm_of(v, off), good = (v->g.iova + off) |
			      MVGPU_GTT_PTE_PRESENT;

		switch (rnd_below(4)) {
		case 0:	/* an IOVA that is not mapped */
			gpu_gtt_set(&v->g, gm, (0x7000000000ull + off) |
				    MVGPU_GTT_PTE_PRESENT);
			break;
		case 1:	/* not present */
			gpu_gtt_set(&v->g, gm, 0);
			break;
		case 2:	/* an entry outside the vGPU's slices */
			gpu_gtt_set(&v->g, v->g.hid_base + v->g.hid_size + off,
				    good);
			break;
		default:
			break;
		}
		if (gpu_gtt_set(&v->g, gm, good))
			failure("%s vgpu%u: GTT write: %s", v->s->pgpu,
				v->g.vgpu_id, v->g.err);
	}
	op_legal(v);
}

static void op_irq(struct vg *v)
{
	int ret;

	count(C_IRQ);
	ret = mvgpu_irq_disable(v->g.d, MSI);
	if (!ret)
		ret = mvgpu_irq_set_trigger(v->g.d, MSI, v->g.efd);
	if (ret)
		failure("%s vgpu%u: MSI trigger: %s", v->s->pgpu, v->g.vgpu_id,
			tap_errname(ret));
	op_legal(v);
}

static void read_file(const char *path)
{
	char buf[4096];
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return;
	while (read(fd, buf, sizeof(buf)) > 0)
		;
	close(fd);
}

static void op_reads(struct vg *v)
{
	static const char *const files[] = {
		"stats", "gtt", "status", "sched", "context", "regs",
		"unknown_mmio",
	};
	char path[160];
	uint32_t val;
	unsigned int i;

	count(C_READS);
	for (i = 0; i < 64; i += 4)
		mvgpu_cfg_read32(v->g.d, i, &val);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), E2E_DEBUGFS_MVGPU "/%s/vgpu%u/%s",
			 v->s->pgpu, v->g.vgpu_id, files[i]);
		read_file(path);
	}
	snprintf(path, sizeof(path), E2E_DEBUGFS_MVGPU "/%s/partitions",
		 v->s->pgpu);
	read_file(path);
}

/* ---- the race ---------------------------------------------------------- */

struct race {
	struct vg *v;
	unsigned int kind;
	volatile int done;
	int ret;
};

static void *race_thread(void *arg)
{
	struct race *r = arg;
	struct mvgpu_dev *d = r->v->g.d;
	unsigned int i, n = 1 + (unsigned int)(r->kind >> 8);
	struct timespec ts = { 0, 0 };
	int ret = 0;

	for (i = 0; i < n && !ret; i++) {
		ts.tv_nsec = (long)((r->kind * 7919u + i * 104729u) % 40) *
			     1000000;
		nanosleep(&ts, NULL);
		switch (r->kind & 0xff) {
		case 0:
			ret = mvgpu_reset(d);
			break;
		case 1:
			ret = mvgpu_mmio_write32(d, MVGPU_REG_GDRST,
						 MVGPU_GDRST_RENDER |
						 MVGPU_GDRST_BLT);
			break;
		default:
			/* The upper half goes away and comes back. */
			ret = mvgpu_dma_unmap(d, r->v->g.iova + U_OFF, U_SIZE);
			if (!ret)
				ret = mvgpu_dma_map(d, r->v->mem + U_OFF,
						    r->v->g.iova + U_OFF, U_SIZE);
			break;
		}
	}
	r->ret = ret;
	r->done = 1;
	return NULL;
}

static void op_race(struct vg *v)
{
	struct race r = { .v = v };
	pthread_t t;
	uint64_t end;

	if (!opt.races) {
		op_legal(v);
		return;
	}
	count(C_RACE);
	r.kind = rnd_below(v->unmap_ok ? 3 : 2) | rnd_below(3) << 8;
	if (pthread_create(&t, NULL, race_thread, &r)) {
		failure("pthread_create failed");
		return;
	}
	end = e2e_now_ms() + 100 + rnd_below(200);
	while (!r.done || e2e_now_ms() < end) {
		uint32_t off = rnd_below(MEM_SIZE / GPU_PAGE) * GPU_PAGE;
		struct gpu_cs cs;
		uint32_t val;

		mvgpu_mmio_write64(v->g.d, MVGPU_GTT_OFFSET +
				   (gm_of(v, off) >> MVGPU_GTT_PAGE_SHIFT) * 8,
				   (v->g.iova + off) | MVGPU_GTT_PTE_PRESENT);
		if (!rnd_below(8)) {
			cs_stage(&cs);
			cs_sdi32(&cs, gm_of(v, O_RES) + 4 * S_SEQ, off);
			cs_user_interrupt(&cs);
			gpu_ring_emit(&v->g, rnd_below(2), &cs);
			gpu_ring_kick(&v->g, rnd_below(2));
		}
		if (!rnd_below(16))
			mvgpu_mmio_read32(v->g.d, PV(MVGPU_PV_MAGIC_LO), &val);
		if (e2e_now_ms() > end + scaled(WAIT_MS))
			break;
	}
	pthread_join(t, NULL);
	if (r.ret)
		failure("%s vgpu%u: race kind %u: the racing call failed: %s",
			v->s->pgpu, v->g.vgpu_id, r.kind & 0xff,
			tap_errname(r.ret));
	/* Whatever state the race left: a device reset recovers it. */
	if (full_reset(v))
		failure("%s vgpu%u: reset after race: %s", v->s->pgpu,
			v->g.vgpu_id, v->g.err);
	op_legal(v);
}

/* ---- a slot's cycle ------------------------------------------------------ */

static void check_pins_after_close(struct vg *v)
{
	long long frames, extents;

	if (req_pending(v))
		return;		/* may already be gone */
	read_gtt_stats(v, &frames, &extents);
	if (frames < 0)
		return;
	count(C_PIN_CHECKS);
	if (frames || extents) {
		__atomic_fetch_add(&cnt[C_PIN_LEFT], frames > 0 ? frames : 1,
				   __ATOMIC_RELAXED);
		failure("%s vgpu%u: %lld frames in %lld extents pinned after close",
			v->s->pgpu, v->g.vgpu_id, frames, extents);
	}
}

static void close_all(struct vg *v, bool polite)
{
	struct gpu *g = &v->g;

	if (polite && g->d) {
		gpu_wr(g, MVGPU_REG_MASTER_IRQ, 0);
		mvgpu_irq_disable(g->d, MSI);
		mvgpu_reset(g->d);
		if (v->u_mapped)
			unmap_half(v, true);
		if (v->l_mapped)
			unmap_half(v, false);
	}
	if (g->efd >= 0)
		close(g->efd);
	g->efd = -1;
	if (g->own_dev)
		mvgpu_close(&g->dev);
	g->own_dev = false;
	g->d = NULL;
	if (v->req >= 0)
		close(v->req);
	v->req = -1;
	if (v->mem)
		munmap(v->mem, MEM_SIZE);
	v->mem = NULL;
	g->mem = NULL;
	v->l_mapped = v->u_mapped = false;
}

static bool vgpu_gone(const char *uuid)
{
	return !mvgpu_vgpu_exists(uuid);
}

static void forget(struct slot *s)
{
	s->uuid[0] = '\0';
}

/*
 * The result of removing the slot's vGPU: ENODEV means its pGPU is being
 * deleted, which removes the vGPU itself.
 */
static void removed(struct slot *s, int ret)
{
	if (!ret)
		count(C_REMOVE);
	else if (ret == -ENODEV)
		count(C_REMOVED_WITH_PGPU);
	else if (!vgpu_gone(s->uuid))
		failure("%s: remove %s: %s", s->pgpu, s->uuid, tap_errname(ret));
	forget(s);
}

static void remove_vgpu(struct slot *s)
{
	removed(s, mvgpu_vgpu_remove(s->uuid));
}

struct remover {
	const char *uuid;
	int ret;
};

static void *remover_thread(void *arg)
{
	struct remover *r = arg;

	r->ret = mvgpu_vgpu_remove(r->uuid);
	return NULL;
}

/* Removal while open: another thread removes, we close on the request. */
static void end_remove_open(struct vg *v)
{
	struct remover r = { .uuid = v->s->uuid };
	pthread_t t;

	count(C_END_REMOVE_OPEN);
	v->s->no_kill = 1;
	if (pthread_create(&t, NULL, remover_thread, &r)) {
		v->s->no_kill = 0;
		close_all(v, true);
		remove_vgpu(v->s);
		return;
	}
	if (!req_pending(v) &&
	    mvgpu_eventfd_wait(v->req, scaled(REQ_MS)) != 1)
		failure("%s vgpu%u: no request eventfd within %u ms of the removal",
			v->s->pgpu, v->g.vgpu_id, scaled(REQ_MS));
	close_all(v, rnd_below(2));
	pthread_join(t, NULL);
	v->s->no_kill = 0;
	removed(v->s, r.ret);
}

static const char *type_for(unsigned int idx)
{
	static const char *const any[] = { "V1_1", "V1_2", "V1_4", "V1_8",
					   "V1_64" };
	unsigned int per = idx / 2;	/* index on its pGPU */

	if (per == 0)
		return any[rnd_below(5)];
	if (per <= 2)
		return "V1_8";
	return "V1_64";
}

static void cycle(unsigned int idx)
{
	struct slot *s = &sh->slot[idx];
	struct vg *v = calloc(1, sizeof(*v));
	const char *type = type_for(idx);
	unsigned int nops, i, end;
	int ret;

	if (!v) {
		failure("out of memory");
		sleep_ms(1000);
		return;
	}
	v->s = s;
	v->req = -1;
	v->g.efd = -1;
	memcpy(s->pgpu, sh->pgpu[idx % 2], sizeof(s->pgpu));
	if (mvgpu_uuid_generate(s->uuid)) {
		failure("no UUID");
		goto out;
	}
	ret = mvgpu_vgpu_create(s->pgpu, type, s->uuid);
	if (ret == -ENOSPC && strcmp(type, "V1_64"))
		ret = mvgpu_vgpu_create(s->pgpu, type = "V1_64", s->uuid);
	if (ret) {
		forget(s);
		if (ret == -ENOSPC || ret == -ENODEV || ret == -ENOENT) {
			count(C_CREATE_RETRY);
			sleep_ms(50 + rnd_below(300));
		} else {
			failure("%s: create %s: %s", s->pgpu, type,
				tap_errname(ret));
			sleep_ms(500);
		}
		goto out;
	}
	count(C_CREATE);

	v->path = rnd_below(4) ? MVGPU_VFIO_CDEV : MVGPU_VFIO_GROUP;
	if (mvgpu_path_available(s->uuid, v->path))
		v->path = MVGPU_VFIO_AUTO;
	ret = gpu_open(&v->g, s->uuid, v->path);
	if (ret) {
		if (!vgpu_gone(s->uuid))
			failure("%s: open %s through %s: %s (%s)", s->pgpu,
				s->uuid, mvgpu_path_name(v->path),
				tap_errname(ret), v->g.err);
		close_all(v, false);
		remove_vgpu(s);
		goto out;
	}
	v->path = v->g.dev.path;
	count(v->path == MVGPU_VFIO_GROUP ? C_OPEN_GROUP : C_OPEN_CDEV);
	v->unmap_ok = v->path != MVGPU_VFIO_GROUP || opt.group_unmap;
	v->req = mvgpu_eventfd_new();
	ret = v->req < 0 ? v->req : mvgpu_irq_set_trigger(v->g.d, REQ, v->req);
	if (!ret)
		ret = setup(v);
	if (ret) {
		if (!req_pending(v) && !vgpu_gone(s->uuid))
			failure("%s vgpu%u: setup: %s (%s)", s->pgpu,
				v->g.vgpu_id, tap_errname(ret), v->g.err);
		goto finish;
	}
	note("vgpu%u %s %s on %s through %s", v->g.vgpu_id, s->uuid, type,
	     s->pgpu, mvgpu_path_name(v->path));

	nops = 2 + rnd_below(24);
	for (i = 0; i < nops && !sh->stop && !req_pending(v); i++) {
		unsigned int r = rnd_below(100);

		count(C_OPS);
		if (r < 40)
			op_legal(v);
		else if (r < 52)
			op_malicious(v);
		else if (r < 60)
			op_gdrst(v);
		else if (r < 67)
			op_reset(v);
		else if (r < 75)
			op_unmap(v);
		else if (r < 82)
			op_gtt(v);
		else if (r < 86)
			op_irq(v);
		else if (r < 90)
			op_reads(v);
		else
			op_race(v);
	}

finish:
	if (req_pending(v)) {
		count(C_END_REQ);
		close_all(v, rnd_below(2));
		forget(s);		/* its remover removes it */
		goto out;
	}
	end = sh->stop ? 0 : rnd_below(100);
	if (end < 45) {
		count(C_END_RELEASE);
		close_all(v, true);
		check_pins_after_close(v);
		remove_vgpu(s);
	} else if (end < 60) {
		count(C_END_BUSY);
		start_long(v);
		close_all(v, false);
		check_pins_after_close(v);
		remove_vgpu(s);
	} else if (end < 75) {
		count(C_END_CLOSE);
		close_all(v, false);
		check_pins_after_close(v);
		remove_vgpu(s);
	} else if (end < 97) {
		end_remove_open(v);
	} else {
		/* Sudden exit: the kernel closes; the next worker removes. */
		count(C_END_EXIT);
		fflush(stdout);
		_exit(3);
	}
out:
	free(v);
}

static void worker(unsigned int idx)
{
	struct slot *s = &sh->slot[idx];

	snprintf(me_buf, sizeof(me_buf), "slot%u", idx);
	me = me_buf;
	cnt = s->c;
	messages = 0;
	rng_seed(opt.seed ^ ((uint64_t)idx << 32) ^ s->generation);
	signal(SIGALRM, SIG_DFL);
	alarm(0);
	/* A predecessor that died leaves its vGPU: remove it first. */
	if (s->uuid[0]) {
		if (mvgpu_vgpu_exists(s->uuid))
			remove_vgpu(s);
		forget(s);
	}
	while (!sh->stop)
		cycle(idx);
	fflush(stdout);
	_exit(0);
}

/* ---- pGPU churn ---------------------------------------------------------- */

static void churn(void)
{
	char name[16];
	unsigned int t;

	me = "churn";
	cnt = sh->churn;
	rng_seed(opt.seed ^ 0xc0ffee);
	snprintf(name, sizeof(name), "sgpu%u", sh->b_id);
	while (!sh->stop) {
		uint64_t t0, ms;
		unsigned int i;
		int ret;

		for (t = 150 + rnd_below(200); t && !sh->stop; t--)
			sleep_ms(100);	/* 15 to 35 s */
		if (sh->stop)
			break;
		t0 = e2e_now_ms();
		ret = mvgpu_pgpu_del(sh->b_id);
		ms = e2e_now_ms() - t0;
		if (ret) {
			failure("del_device %s: %s", name, tap_errname(ret));
			continue;
		}
		count(C_PGPU_DEL);
		if (ms > cnt[C_PGPU_DEL_MAX_MS])
			cnt[C_PGPU_DEL_MAX_MS] = ms;
		note("deleted %s in %llu ms", name, (unsigned long long)ms);
		if (ms > scaled(2 * WAIT_MS))
			failure("del_device %s took %llu ms", name,
				(unsigned long long)ms);
		sleep_ms(200 + rnd_below(2000));
		ret = mvgpu_pgpu_new(sh->b_id);
		if (ret) {
			failure("new_device %s: %s", name, tap_errname(ret));
			sleep_ms(1000);
			mvgpu_pgpu_new(sh->b_id);
			continue;
		}
		count(C_PGPU_NEW);
		for (i = 0; i < e2e_nr_types; i++) {
			uint64_t n = 0;

			mvgpu_type_available(name, e2e_types[i].name, &n);
			/* Workers may already have created some. */
			if (n > e2e_types[i].max)
				failure("%s re-created: %s available_instances %llu > %u",
					name, e2e_types[i].name,
					(unsigned long long)n, e2e_types[i].max);
		}
	}
	fflush(stdout);
	_exit(0);
}

/* ---- memory ---------------------------------------------------------------- */

struct mem {
	long long free_kib, avail_kib, slab_kib, sunreclaim_kib;
};

static long long meminfo_kib(const char *key)
{
	char line[256];
	size_t n = strlen(key);
	long long v = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ':')
			v = strtoll(line + n + 1, NULL, 10);
	fclose(f);
	return v;
}

static void write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return;
	if (write(fd, s, strlen(s)) < 0) {
		/* Some caches refuse; that is fine. */
	}
	close(fd);
}

/*
 * Let freed memory come back: page cache and reclaimable slab dropped,
 * every slab cache shrunk (which also empties KASAN's quarantine), RCU
 * callbacks given time.  The smallest of three readings.
 */
static void mem_settle(struct mem *m)
{
	unsigned int round;

	memset(m, 0, sizeof(*m));
	for (round = 0; round < 3; round++) {
		struct dirent *de;
		DIR *dir;
		struct mem r;

		sync();
		write_str("/proc/sys/vm/drop_caches", "3");
		dir = opendir("/sys/kernel/slab");
		while (dir && (de = readdir(dir))) {
			char path[512];

			if (de->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "/sys/kernel/slab/%s/shrink",
				 de->d_name);
			write_str(path, "1");
		}
		if (dir)
			closedir(dir);
		sleep_ms(2000);
		r.free_kib = meminfo_kib("MemFree");
		r.avail_kib = meminfo_kib("MemAvailable");
		r.slab_kib = meminfo_kib("Slab");
		r.sunreclaim_kib = meminfo_kib("SUnreclaim");
		if (!round || r.slab_kib < m->slab_kib)
			m->slab_kib = r.slab_kib;
		if (!round || r.sunreclaim_kib < m->sunreclaim_kib)
			m->sunreclaim_kib = r.sunreclaim_kib;
		if (!round || r.free_kib > m->free_kib)
			m->free_kib = r.free_kib;
		if (!round || r.avail_kib > m->avail_kib)
			m->avail_kib = r.avail_kib;
	}
}

/* ---- the master ---------------------------------------------------------- */

static pid_t churn_pid;

static pid_t spawn(unsigned int idx)
{
	struct slot *s = &sh->slot[idx];
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0)
		worker(idx);
	if (pid > 0) {
		s->pid = pid;
		s->killed = 0;
	}
	return pid;
}

static int slot_of(pid_t pid)
{
	unsigned int i;

	for (i = 0; i < opt.slots; i++)
		if (sh->slot[i].pid == pid)
			return (int)i;
	return -1;
}

/* Reap exited workers; respawn them unless stopping. */
static void reap(bool respawn)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		int i = slot_of(pid);
		struct slot *s;

		if (pid == churn_pid) {
			churn_pid = 0;
			continue;
		}
		if (i < 0)
			continue;
		s = &sh->slot[i];
		s->pid = 0;
		if (WIFSIGNALED(status) && !(s->killed &&
					     WTERMSIG(status) == SIGKILL)) {
			cnt = s->c;
			failure("slot%d: worker died of signal %d", i,
				WTERMSIG(status));
			cnt = sh->churn;
		} else if (WIFEXITED(status) && WEXITSTATUS(status) != 0 &&
			   WEXITSTATUS(status) != 3) {
			cnt = s->c;
			failure("slot%d: worker exited with %d", i,
				WEXITSTATUS(status));
			cnt = sh->churn;
		}
		s->generation++;
		if (respawn && !sh->stop)
			spawn(i);
	}
}

static uint64_t total(unsigned int c)
{
	uint64_t sum = sh->churn[c];
	unsigned int i;

	for (i = 0; i < opt.slots; i++)
		sum += sh->slot[i].c[c];
	return sum;
}

static unsigned int count_vgpus(const char *pgpu)
{
	char path[256];
	unsigned int i, n = 0;

	for (i = 0; i < e2e_nr_types; i++) {
		struct dirent *de;
		DIR *dir;

		if (mvgpu_type_path(path, sizeof(path), pgpu, e2e_types[i].name,
				    "devices"))
			continue;
		dir = opendir(path);
		while (dir && (de = readdir(dir)))
			n += de->d_name[0] != '.';
		if (dir)
			closedir(dir);
	}
	return n;
}

/* Print a kernel stack of a stuck worker (for the report). */
static void show_stack(pid_t pid)
{
	char path[64], line[256];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stack", pid);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		printf("#     %s", line);
	fclose(f);
}

static bool stop_workers(void)
{
	uint64_t deadline = e2e_now_ms() + scaled(2 * WAIT_MS + 60000);
	bool ok = true;
	unsigned int i, left;

	sh->stop = 1;
	for (;;) {
		reap(false);
		left = 0;
		for (i = 0; i < opt.slots; i++)
			left += sh->slot[i].pid != 0;
		left += churn_pid != 0;
		if (!left || e2e_now_ms() > deadline)
			break;
		sleep_ms(200);
	}
	if (churn_pid) {
		tap_diag("the churn process did not stop; its stack:");
		show_stack(churn_pid);
		kill(churn_pid, SIGKILL);
		ok = false;
	}
	for (i = 0; i < opt.slots; i++) {
		pid_t pid = sh->slot[i].pid;

		if (!pid)
			continue;
		tap_diag("slot%u (pid %d) did not stop; its stack:", i, pid);
		show_stack(pid);
		sh->slot[i].killed = 1;
		kill(pid, SIGKILL);
		ok = false;
	}
	while (waitpid(-1, NULL, 0) > 0)
		;
	return ok;
}

static void remove_leftovers(void)
{
	unsigned int i;

	for (i = 0; i < opt.slots; i++) {
		struct slot *s = &sh->slot[i];

		if (s->uuid[0] && mvgpu_vgpu_exists(s->uuid))
			mvgpu_vgpu_remove(s->uuid);
		s->uuid[0] = '\0';
	}
}

/* available_instances of every type is its maximum, and really so. */
static void check_types(const char *pgpu)
{
	unsigned int i, j;

	for (i = 0; i < e2e_nr_types; i++) {
		const struct e2e_type *t = &e2e_types[i];
		char (*uuids)[MVGPU_UUID_LEN + 1];
		uint64_t n = ~0ull;
		unsigned int made = 0;
		int ret = 0;

		mvgpu_type_available(pgpu, t->name, &n);
		tap_eq(n, t->max, "%s: %s available_instances is %u again",
		       pgpu, t->name, t->max);
		uuids = calloc(t->max + 1, sizeof(*uuids));
		if (!uuids)
			continue;
		for (j = 0; j <= t->max; j++) {
			if (mvgpu_uuid_generate(uuids[j]))
				break;
			ret = e2e_vgpu_create_uuid(pgpu, t->name, uuids[j]);
			if (ret) {
				if (j < t->max)
					tap_diag("%s: create %s #%u: %s", pgpu,
						 t->name, j + 1, tap_errname(ret));
				uuids[j][0] = '\0';
				break;
			}
			made++;
		}
		tap_ok(made == t->max && j == t->max && ret == -ENOSPC,
		       "%s: %s: %u can be created, one more is ENOSPC", pgpu,
		       t->name, t->max);
		for (j = 0; j <= t->max; j++)
			if (uuids[j][0])
				e2e_vgpu_remove(uuids[j]);
		free(uuids);
	}
}

/* The software GPU's engines: idle, nothing queued. */
static void check_engines_idle(const char *pgpu)
{
	unsigned int e;

	for (e = 0; e < MVGPU_NUM_ENGINES; e++) {
		char path[128], buf[2048];
		long long queued;

		snprintf(path, sizeof(path), "mvgpu_sgpu/%s/engine%u", pgpu, e);
		queued = e2e_debugfs_stat(path, "queued");
		snprintf(path, sizeof(path), "/sys/kernel/debug/mvgpu_sgpu/%s/engine%u",
			 pgpu, e);
		if (mvgpu_sysfs_read(path, buf, sizeof(buf)))
			buf[0] = '\0';
		tap_ok(queued == 0 && strstr(buf, "state: idle"),
		       "%s: engine %u idle with nothing queued", pgpu, e);
	}
}

static unsigned int free_pgpu_id(void)
{
	char name[16];
	unsigned int id;

	for (id = 200; id > 1; id--) {
		snprintf(name, sizeof(name), "sgpu%u", id);
		if (!mvgpu_pgpu_exists(name))
			return id;
	}
	return 0;
}

/* One vGPU per pGPU through every step once, to warm the caches up. */
static bool warm_up(void)
{
	unsigned int p;
	bool ok = true;

	for (p = 0; p < 2; p++) {
		struct slot *s = &sh->slot[p];
		struct vg *v = calloc(1, sizeof(*v));

		if (!v)
			return false;
		v->s = s;
		v->req = -1;
		memcpy(s->pgpu, sh->pgpu[p], sizeof(s->pgpu));
		if (mvgpu_uuid_generate(s->uuid) ||
		    mvgpu_vgpu_create(s->pgpu, "V1_64", s->uuid)) {
			free(v);
			return false;
		}
		v->unmap_ok = true;
		if (gpu_open(&v->g, s->uuid, MVGPU_VFIO_AUTO) || setup(v)) {
			tap_diag("warm-up on %s: %s", s->pgpu, v->g.err);
			ok = false;
		} else {
			op_legal_both(v);
			op_legal_batch(v);
			op_unmap(v);
		}
		close_all(v, true);
		remove_vgpu(s);
		free(v);
	}
	return ok && !total(C_FAIL);
}

static void usage(const char *argv0)
{
	printf("usage: %s [-t SECONDS] [-n SLOTS] [-s SEED] [--group-unmap]\n"
	       "          [--no-races] [--no-kills] [--no-churn] [-v]\n"
	       "          [-S SLAB_KIB] [-U SUNRECLAIM_KIB] [-F MEMFREE_KIB]\n"
	       "Defaults: -t $STRESS_TIME or 600, -n 64; timeouts scaled by\n"
	       "$MVGPU_TIMEOUT_FACTOR; tolerances 8192, 4096, 32768 KiB.\n",
	       argv0);
}

static void parse(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "group-unmap", no_argument, NULL, 'G' },
		{ "no-races", no_argument, NULL, 'R' },
		{ "no-kills", no_argument, NULL, 'K' },
		{ "no-churn", no_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *env;
	int c;

	env = getenv("STRESS_TIME");
	if (env && *env)
		opt.seconds = strtoul(env, NULL, 0);
	env = getenv("MVGPU_TIMEOUT_FACTOR");
	if (env && strtoul(env, NULL, 0) > 0)
		opt.factor = strtoul(env, NULL, 0);
	opt.seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 16);
	while ((c = getopt_long(argc, argv, "t:n:s:S:U:F:vh", longopts,
				NULL)) != -1) {
		switch (c) {
		case 't':
			opt.seconds = strtoul(optarg, NULL, 0);
			break;
		case 'n':
			opt.slots = strtoul(optarg, NULL, 0);
			break;
		case 's':
			opt.seed = strtoull(optarg, NULL, 0);
			break;
		case 'S':
			opt.slab_tol_kib = strtoul(optarg, NULL, 0);
			break;
		case 'U':
			opt.sunreclaim_tol_kib = strtoul(optarg, NULL, 0);
			break;
		case 'F':
			opt.free_tol_kib = strtoul(optarg, NULL, 0);
			break;
		case 'G':
			opt.group_unmap = true;
			break;
		case 'R':
			opt.races = false;
			break;
		case 'K':
			opt.kills = false;
			break;
		case 'C':
			opt.churn = false;
			break;
		case 'v':
			opt.verbose = true;
			break;
		default:
			usage(argv[0]);
			exit(c == 'h' ? 0 : 2);
		}
	}
	if (opt.slots < 2 || opt.slots > MAX_SLOTS) {
		fprintf(stderr, "-n takes 2..%u\n", MAX_SLOTS);
		exit(2);
	}
}

static void report_mem(const char *what, long long before, long long after,
		       long long tol, bool up_is_bad)
{
	long long delta = after - before;

	tap_diag("%s: %lld kB before, %lld kB after (%+lld kB, tolerance %lld kB)",
		 what, before, after, delta, tol);
	tap_ok(up_is_bad ? delta <= tol : -delta <= tol,
	       "%s back to the baseline within %lld kB", what, tol);
}

int main(int argc, char **argv)
{
	struct mem before, after;
	uint64_t start, next_kill, next_report, last_ops = 0;
	unsigned int i, peak = 0;
	uint64_t remove_timeout = 10000;
	char b_name[16], buf[32];

	parse(argc, argv);
	e2e_init("mvgpu-stress", opt.seconds + scaled(1800));
	tap_diag("seed %#llx, %u s, %u slots, timeout factor %u%s%s%s%s",
		 (unsigned long long)opt.seed, opt.seconds, opt.slots,
		 opt.factor, opt.group_unmap ? ", group-path unmaps" : "",
		 opt.races ? "" : ", no races", opt.kills ? "" : ", no kills",
		 opt.churn ? "" : ", no pGPU churn");
	if (!e2e_require_pgpu())
		return tap_done();
	e2e_catch_sigbus();
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		tap_ok(false, "shared memory");
		return tap_done();
	}
	cnt = sh->churn;
	rng_seed(opt.seed);
	sh->b_id = free_pgpu_id();
	snprintf(sh->pgpu[0], sizeof(sh->pgpu[0]), "%s", e2e_pgpu());
	snprintf(b_name, sizeof(b_name), "sgpu%u", sh->b_id);
	snprintf(sh->pgpu[1], sizeof(sh->pgpu[1]), "%s", b_name);

	if (!tap_rc(sh->b_id ? mvgpu_pgpu_new(sh->b_id) : -ENOSPC, 0,
		    "create the second software GPU"))
		return tap_done();
	/*
	 * The churn's deletes wait for holders that answer the request as
	 * soon as their current step ends: as long as the churn allows.
	 */
	mvgpu_sysfs_read_u64(SGPU_REMOVE_TIMEOUT, &remove_timeout);
	snprintf(buf, sizeof(buf), "%u", scaled(2 * WAIT_MS));
	tap_rc(mvgpu_sysfs_write_str(SGPU_REMOVE_TIMEOUT, buf), 0,
	       "mvgpu_sgpu's remove_timeout_ms set to %s", buf);
	tap_diag("pGPUs %s and %s", sh->pgpu[0], sh->pgpu[1]);
	tap_ok(warm_up(), "warm-up: a vGPU on each pGPU through every step");
	/* The baseline: the state this program leaves behind, B deleted. */
	mvgpu_pgpu_del(sh->b_id);
	mem_settle(&before);
	tap_rc(mvgpu_pgpu_new(sh->b_id), 0, "create the second software GPU again");
	memset(sh->churn, 0, sizeof(sh->churn));
	memset(sh->slot, 0, sizeof(sh->slot));

	for (i = 0; i < opt.slots; i++)
		spawn(i);
	if (opt.churn) {
		fflush(stdout);
		churn_pid = fork();
		if (churn_pid == 0)
			churn();
	}
	start = e2e_now_ms();
	next_kill = start + 10000 + rnd_below(20000);
	next_report = start + 30000;
	while (e2e_now_ms() < start + opt.seconds * 1000ull) {
		unsigned int n;

		sleep_ms(500);
		reap(true);
		n = count_vgpus(sh->pgpu[0]) + count_vgpus(sh->pgpu[1]);
		if (n > peak)
			peak = n;
		if (opt.kills && e2e_now_ms() > next_kill) {
			struct slot *s = &sh->slot[rnd_below(opt.slots)];
			pid_t pid = s->pid;

			if (pid && !s->no_kill) {
				s->killed = 1;
				kill(pid, SIGKILL);
				sh->churn[C_END_EXIT]++;
			}
			next_kill = e2e_now_ms() + 10000 + rnd_below(20000);
		}
		if (e2e_now_ms() > next_report) {
			uint64_t ops = total(C_OPS);

			tap_diag("%llu s: %llu operations (+%llu), %llu vGPUs created, %u now, legal %llu ok %llu wrong, %llu unexpected errors",
				 (unsigned long long)(e2e_now_ms() - start) / 1000,
				 (unsigned long long)ops,
				 (unsigned long long)(ops - last_ops),
				 (unsigned long long)total(C_CREATE), n,
				 (unsigned long long)total(C_LEGAL_OK),
				 (unsigned long long)total(C_LEGAL_BAD),
				 (unsigned long long)total(C_FAIL));
			last_ops = ops;
			next_report += 30000;
		}
	}
	tap_ok(stop_workers(), "every worker and the churn stopped in time");
	remove_leftovers();
	if (!mvgpu_pgpu_exists(b_name))
		mvgpu_pgpu_new(sh->b_id);

	tap_diag("run of %llu s, seed %#llx, peak %u vGPUs at once:",
		 (unsigned long long)(e2e_now_ms() - start) / 1000,
		 (unsigned long long)opt.seed, peak);
	for (i = 0; i < NR_COUNTERS; i++)
		tap_diag("  %-58s %llu", counter_names[i],
			 (unsigned long long)(i == C_PGPU_DEL_MAX_MS ?
					      sh->churn[i] : total(i)));
	tap_ok(peak >= opt.slots * 3 / 4,
	       "at least 3/4 of the %u vGPUs existed at once (peak %u)",
	       opt.slots, peak);
	tap_ok(total(C_LEGAL_OK) > 0 && !total(C_LEGAL_BAD),
	       "every legal workload's result was right");
	tap_ok(total(C_MAL) > 0 && !total(C_MAL_MISSED),
	       "every malicious submission was refused");
	tap_ok(total(C_PIN_CHECKS) > 0 && !total(C_PIN_LEFT),
	       "no frame stayed pinned after a close");
	tap_ok(!total(C_UNMAP_PIN_LEFT),
	       "no frame of an unmapped range stayed pinned");
	tap_ok(!opt.churn || total(C_PGPU_DEL) > 0,
	       "the second pGPU was deleted and re-created while in use");
	tap_eq(total(C_FAIL), 0, "no unexpected error");

	for (i = 0; i < 2; i++) {
		tap_eq(count_vgpus(sh->pgpu[i]), 0, "%s: no vGPU left",
		       sh->pgpu[i]);
		check_types(sh->pgpu[i]);
		check_engines_idle(sh->pgpu[i]);
	}
	tap_rc(mvgpu_pgpu_del(sh->b_id), 0, "delete the second software GPU");
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)remove_timeout);
	mvgpu_sysfs_write_str(SGPU_REMOVE_TIMEOUT, buf);

	mem_settle(&after);
	report_mem("Slab", before.slab_kib, after.slab_kib, opt.slab_tol_kib,
		   true);
	report_mem("SUnreclaim", before.sunreclaim_kib, after.sunreclaim_kib,
		   opt.sunreclaim_tol_kib, true);
	report_mem("MemFree", before.free_kib, after.free_kib,
		   opt.free_tol_kib, false);
	tap_diag("MemAvailable: %lld kB before, %lld kB after",
		 before.avail_kib, after.avail_kib);
	return tap_done();
}
