// SPDX-License-Identifier: GPL-2.0
/*
 * migration - VFIO live migration (v2) of a vGPU with work in flight.
 *
 * vGPU A on the pGPU under test and vGPU B on a second software pGPU, of
 * the same type and with the same graphics-memory slices (B placed through
 * mvgpu/aperture_base and mvgpu/hidden_base before it is opened).  Both
 * map one "guest RAM" buffer at the same IOVA, as the RAM a VMM copies.
 *
 *  source       the migration flags have STOP_COPY, P2P and PRE_COPY; A
 *               logs its DMA (if the device can) over the guest RAM; A
 *               runs a long workload W1 (a batch of in-place SAXPYs over
 *               4 MiB) and, while it runs, the guest moves TAIL again to
 *               queue W2 (stores and a small SAXPY).  RUNNING -> PRE_COPY:
 *               PRECOPY_INFO's initial_bytes is the stream header, which
 *               reads back (magic, version, A's slices); -> PRE_COPY_P2P
 *               preempts W1 inside its batch: when the arc returns W1 is
 *               not done (HEAD short of its end), W2 has not run (its
 *               results are zero, TAIL at its end), and neither runs
 *               100 ms later; -> STOP_COPY: the rest of the stream, as
 *               long as MIG_DATA_SIZE says, ends with the END section, and
 *               its render engine section carries W1 in flight, part
 *               done; the DMA log reports every page W1 wrote.
 *  destination  B: RESUMING, the stream, -> STOP: the ring registers of
 *               both engines, GT0 IMR/IER, the master control, the SWF
 *               scratch registers and every GTT entry of the guest RAM (and
 *               some around it) read as on A; -> RUNNING: W1 resumes where
 *               it stopped and W2 follows, both with exact results (each
 *               SAXPY of W1 run once: none repeated, none lost);
 *               a new workload W3 on both engines completes on B.
 *  bad streams  on vGPU C (a third pGPU, same slices; else B after a
 *               reset), each in a fresh RESUMING session: a corrupted
 *               magic, a stream cut in the middle, one longer than the
 *               kernel's limit (EFBIG), a header with another aperture
 *               base or major version (EOPNOTSUPP), a register value with
 *               reserved bits: the write or RESUMING -> STOP fails, the
 *               device is then in ERROR and refuses other states until
 *               VFIO_DEVICE_RESET, after which it is RUNNING and a workload
 *               completes on it.
 *  the rest     A, reset after the move, works again.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/mvgpu_mig.h>

#include "e2e.h"
#include "gpu.h"

#define TYPE		"V1_4"
#define RCS		MVGPU_ENGINE_RCS
#define BCS		MVGPU_ENGINE_BCS
#define MSI		VFIO_PCI_MSI_IRQ_INDEX
#define IOVA		0x100000000ull
#define WAIT_MS		20000
#define PAGE		4096u

/* Guest RAM layout (offsets from the start of the hidden slice). */
#define OFF_RING(e)	((e) ? 0x2000u : 0x0000u)
#define OFF_HWS(e)	((e) ? 0x3000u : 0x1000u)
#define OFF_RES		0x4000u		/* result dwords, see R_* */
#define OFF_SMOKE	0x5000u		/* smoke test results */
#define OFF_SURF	0x6000u		/* BCS surface, SURF_PITCH x SURF_ROWS */
#define OFF_W2		0x10000u	/* W2's SAXPY: a, b, d */
#define OFF_BB		0x20000u	/* W1's batch */
#define OFF_A		0x100000u
#define OFF_B		0x500000u
#define MEM_SIZE	0xa00000u
#define SMALL_MEM	0x100000u	/* C's own memory */

#define SURF_PITCH	256u		/* 64 pixels */
#define SURF_ROWS	64u
#define BB_SIZE		0x10000u

#define N_W1		(1u << 20)	/* elements of W1's SAXPYs */
#define W1_TARGET_MS	1000		/* about this long */
#define W1_MIN_ITERS	2u
#define W1_MAX_ITERS	1500u
#define N_W2		1024u
#define NR_W2_STORES	8u

/* Result dwords at OFF_RES. */
#define R_W1_START	0
#define R_W1_DONE	1
#define R_W2		16	/* NR_W2_STORES stores */
#define R_W2_DONE	31
#define R_W3_RCS	32
#define R_W3_BCS	40	/* MI_FLUSH_DW stores: qword aligned */
#define R_WARM		42

#define W1_START	0x57a7u
#define W1_DONE		0xd0e1u
#define W2_DONE		0xd0e2u

#define NR_SWF		4u

/* Registers compared between source and destination. */
static const struct {
	uint32_t off;
	const char *name;
} regs[] = {
#define RING_REGS(e, n)							\
	{ MVGPU_RING_HEAD(MVGPU_RING_BASE(e)), n " HEAD" },		\
	{ MVGPU_RING_TAIL(MVGPU_RING_BASE(e)), n " TAIL" },		\
	{ MVGPU_RING_CTL(MVGPU_RING_BASE(e)), n " CTL" },		\
	{ MVGPU_RING_START(MVGPU_RING_BASE(e)), n " START" },		\
	{ MVGPU_RING_HWS_PGA(MVGPU_RING_BASE(e)), n " HWS_PGA" }
	RING_REGS(RCS, "RCS"),
	RING_REGS(BCS, "BCS"),
#undef RING_REGS
	{ MVGPU_IRQ_IMR(MVGPU_IRQ_BANK_GT0), "GT0 IMR" },
	{ MVGPU_IRQ_IER(MVGPU_IRQ_BANK_GT0), "GT0 IER" },
	{ MVGPU_REG_MASTER_IRQ, "MASTER_IRQ" },
	{ MVGPU_REG_SWF(0), "SWF0" },
	{ MVGPU_REG_SWF(1), "SWF1" },
	{ MVGPU_REG_SWF(2), "SWF2" },
	{ MVGPU_REG_SWF(3), "SWF3" },
};
#define NR_REGS		(sizeof(regs) / sizeof(regs[0]))

/* GTT entries compared: the guest RAM's and as many after it (unset). */
#define GTT_MARGIN	16u
#define NR_GTT		(MEM_SIZE / PAGE + 2 * GTT_MARGIN)

static uint8_t *ram;			/* the shared guest RAM */
static struct gpu A, B, C;
static struct mvgpu_dev dev_b, dev_c;
static bool b_open, c_open;
static char ua[MVGPU_UUID_LEN + 1], ub[MVGPU_UUID_LEN + 1],
	    uc[MVGPU_UUID_LEN + 1];
static char pgpu_b[32], pgpu_c[32];
static uint32_t stage[4096];

static uint32_t src_regs[NR_REGS];
static uint64_t src_gtt[NR_GTT];

static void *stream;			/* A's stream */
static size_t stream_len;

static const char *state_name(uint32_t s)
{
	static const char *const names[] = {
		"ERROR", "STOP", "RUNNING", "STOP_COPY", "RESUMING",
		"RUNNING_P2P", "PRE_COPY", "PRE_COPY_P2P",
	};

	return s < sizeof(names) / sizeof(names[0]) ? names[s] : "?";
}

static bool expect_state(struct mvgpu_dev *d, uint32_t want,
			 const char *fmt_tag)
{
	uint32_t st = ~0u;
	int ret = mvgpu_mig_get_state(d, &st);

	if (!tap_ok(!ret && st == want, "%s: device state is %s", fmt_tag,
		    state_name(want))) {
		tap_diag("  get state: %d (%s), state %u (%s)", ret,
			 tap_errname(-ret), st, state_name(st));
		return false;
	}
	return true;
}

static volatile uint32_t *res(struct gpu *g)
{
	return (volatile uint32_t *)(g->mem + OFF_RES);
}

static uint64_t gm(struct gpu *g, uint32_t off)
{
	return g->gm_base + off;
}

static uint32_t a_val(uint32_t i)
{
	return i * 2654435761u + 1;
}

static uint32_t b_val(uint32_t i)
{
	return (i ^ 0x5a5a5a5au) + 7 * i;
}

/* Run @cs on engine @e of @g and wait for it. */
static int run(struct gpu *g, unsigned int e, struct gpu_cs *cs)
{
	uint32_t tail;
	int ret = gpu_submit(g, e, cs, &tail);

	if (!ret)
		ret = gpu_wait(g, e, tail, WAIT_MS, NULL);
	if (ret)
		tap_diag("  %s", g->err);
	return ret;
}

/* GTT entries of the guest memory, interrupts, both rings. */
static int bringup(struct gpu *g)
{
	size_t off;
	int ret;

	ret = mvgpu_pv_handshake(g->d, NULL);
	if (ret)
		return ret;
	for (off = 0; off < g->mem_size; off += PAGE) {
		ret = gpu_gtt_set(g, g->gm_base + off, gpu_mem_pte(g, off));
		if (ret)
			return ret;
	}
	if (g->efd >= 0) {
		mvgpu_irq_disable(g->d, MSI);
		close(g->efd);
		g->efd = -1;
	}
	ret = gpu_irq_init(g);
	if (!ret)
		ret = gpu_ring_init(g, RCS, gm(g, OFF_RING(RCS)), GPU_RING_SIZE,
				    gm(g, OFF_HWS(RCS)));
	if (!ret)
		ret = gpu_ring_init(g, BCS, gm(g, OFF_RING(BCS)), GPU_RING_SIZE,
				    gm(g, OFF_HWS(BCS)));
	return ret;
}

/* A store on each engine: both complete with the right values. */
static bool smoke(struct gpu *g, const char *tag, uint32_t seed)
{
	volatile uint32_t *s = (volatile uint32_t *)(g->mem + OFF_SMOKE);
	struct gpu_cs cs;
	bool ok;

	s[0] = 0;
	s[16] = 0;
	cs_init(&cs, stage, 0, sizeof(stage));
	cs_sdi32(&cs, gm(g, OFF_SMOKE), seed);
	cs_user_interrupt(&cs);
	ok = !run(g, RCS, &cs);
	cs_init(&cs, stage, 0, sizeof(stage));
	cs_flush_dw_store32(&cs, gm(g, OFF_SMOKE + 64), ~seed);
	cs_user_interrupt(&cs);
	ok = !run(g, BCS, &cs) && ok;
	ok = ok && s[0] == seed && s[16] == ~seed;
	if (!tap_ok(ok, "%s: a workload on each engine completes with its results",
		    tag))
		tap_diag("  stores %#x %#x, want %#x %#x", s[0], s[16], seed, ~seed);
	return ok;
}

/* ---- setup ------------------------------------------------------------- */

/* A software pGPU other than @not: an existing one or a new one. */
static bool other_pgpu(char *name, size_t len, const char *not1,
		       const char *not2)
{
	unsigned int id;

	for (id = 0; id < 16; id++) {
		snprintf(name, len, "sgpu%u", id);
		if (!strcmp(name, not1) || (not2 && !strcmp(name, not2)))
			continue;
		if (mvgpu_pgpu_exists(name))
			return true;
	}
	for (id = 1; id < 16; id++) {
		snprintf(name, len, "sgpu%u", id);
		if (mvgpu_pgpu_exists(name))
			continue;
		if (e2e_pgpu_new(id) == 0 && mvgpu_pgpu_exists(name))
			return true;
		break;
	}
	name[0] = 0;
	return false;
}

/* Give vGPU @uuid A's slices (it is not open yet). */
static bool place_like_a(const char *uuid, const char *tag)
{
	uint64_t ap = 0, hid = 0;
	char val[32];
	int r1 = 0, r2 = 0;

	mvgpu_vgpu_attr_u64(uuid, "aperture_base", &ap);
	mvgpu_vgpu_attr_u64(uuid, "hidden_base", &hid);
	if (ap != A.ap_base) {
		snprintf(val, sizeof(val), "%#llx", (unsigned long long)A.ap_base);
		r1 = e2e_vgpu_attr_write(uuid, "aperture_base", val);
	}
	if (hid != A.hid_base) {
		snprintf(val, sizeof(val), "%#llx", (unsigned long long)A.hid_base);
		r2 = e2e_vgpu_attr_write(uuid, "hidden_base", val);
	}
	mvgpu_vgpu_attr_u64(uuid, "aperture_base", &ap);
	mvgpu_vgpu_attr_u64(uuid, "hidden_base", &hid);
	if (!tap_ok(!r1 && !r2 && ap == A.ap_base && hid == A.hid_base,
		    "%s: placed at A's aperture and hidden bases", tag)) {
		tap_diag("  writes %d %d; bases %#llx %#llx, A's %#llx %#llx",
			 r1, r2, (unsigned long long)ap,
			 (unsigned long long)hid,
			 (unsigned long long)A.ap_base,
			 (unsigned long long)A.hid_base);
		return false;
	}
	return true;
}

static bool setup_a(void)
{
	unsigned int i;
	int ret;

	ram = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (!tap_ok(ram != MAP_FAILED, "guest RAM allocated")) {
		ram = NULL;
		return false;
	}
	ret = gpu_open(&A, ua, MVGPU_VFIO_AUTO);
	if (!ret)
		ret = gpu_mem_init_buf(&A, A.hid_base, ram, MEM_SIZE, IOVA);
	if (!ret)
		ret = gpu_irq_init(&A);
	if (!ret)
		ret = gpu_ring_init(&A, RCS, gm(&A, OFF_RING(RCS)), GPU_RING_SIZE,
				    gm(&A, OFF_HWS(RCS)));
	if (!ret)
		ret = gpu_ring_init(&A, BCS, gm(&A, OFF_RING(BCS)), GPU_RING_SIZE,
				    gm(&A, OFF_HWS(BCS)));
	for (i = 0; !ret && i < NR_SWF; i++)
		ret = gpu_wr(&A, MVGPU_REG_SWF(i), 0x5f000000u | i * 0x1111u);
	if (!tap_rc(ret, 0, "A: opened (%s path), guest RAM mapped, rings set up",
		    "auto")) {
		tap_diag("  %s", A.err);
		return false;
	}
	tap_diag("A is vGPU %u, %s path; aperture %#llx, hidden %#llx",
		 A.vgpu_id, mvgpu_path_name(A.d->path),
		 (unsigned long long)A.ap_base, (unsigned long long)A.hid_base);
	return true;
}

/* ---- the source --------------------------------------------------------- */

static uint32_t w1_iters;
static uint32_t tail1, tail2;
static bool logging;

/* A BCS fill first, so that BCS's ring registers are not all zero. */
static void warm_up(void)
{
	uint32_t *surf = (uint32_t *)(ram + OFF_SURF);
	struct gpu_cs cs;
	unsigned int i;
	bool ok;

	cs_init(&cs, stage, 0, sizeof(stage));
	cs_color_blt(&cs, gm(&A, OFF_SURF), SURF_PITCH, 0, 0,
		     SURF_PITCH / 4, SURF_ROWS, 0x00c0ffeeu);
	cs_flush_dw_store32(&cs, gm(&A, OFF_RES + 4 * R_WARM), 0x3a3a);
	cs_user_interrupt(&cs);
	ok = !run(&A, BCS, &cs);
	for (i = 0; ok && i < SURF_PITCH / 4 * SURF_ROWS; i++)
		ok = surf[i] == 0x00c0ffeeu;
	tap_ok(ok && res(&A)[R_WARM] == 0x3a3a,
	       "A: a BCS fill completes before the migration");
}

/* Time one SAXPY of N_W1 elements to size W1. */
static bool calibrate(void)
{
	struct gpu_cs cs;
	uint64_t t0, dt;
	double iters;

	cs_init(&cs, stage, 0, sizeof(stage));
	cs_compute(&cs, MVGPU_KERNEL_SAXPY, N_W1, gm(&A, OFF_A), gm(&A, OFF_B),
		   gm(&A, OFF_B), 3);
	cs_user_interrupt(&cs);
	t0 = e2e_now_ms();
	if (!tap_rc(run(&A, RCS, &cs), 0, "A: calibration SAXPY completes"))
		return false;
	dt = e2e_now_ms() - t0;
	iters = (double)W1_TARGET_MS / (dt ? dt : 1);
	w1_iters = iters < W1_MIN_ITERS ? W1_MIN_ITERS :
		   iters > W1_MAX_ITERS ? W1_MAX_ITERS : (uint32_t)iters;
	tap_diag("calibration: %u elements in %llu ms; W1 = %u SAXPYs", N_W1,
		 (unsigned long long)dt, w1_iters);
	return true;
}

static void fill_inputs(void)
{
	uint32_t *a = (uint32_t *)(ram + OFF_A), *b = (uint32_t *)(ram + OFF_B);
	uint32_t *a2 = (uint32_t *)(ram + OFF_W2);
	uint32_t *b2 = a2 + N_W2, *d2 = b2 + N_W2;
	uint32_t i;

	for (i = 0; i < N_W1; i++) {
		a[i] = a_val(i);
		b[i] = b_val(i);
	}
	for (i = 0; i < N_W2; i++) {
		a2[i] = a_val(i + 77);
		b2[i] = b_val(i + 99);
		d2[i] = 0;
	}
	memset((void *)res(&A), 0, PAGE);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/* W1's results: b = b0 + 3 * iters * a, exactly. */
/* The stream's render engine section carries W1 in flight. */
static void check_in_flight(void)
{
	const uint8_t *p = (const uint8_t *)stream, *end = p + stream_len;
	const struct mvgpu_mig_engine *me = NULL;

	p += sizeof(struct mvgpu_mig_header);
	while (p + sizeof(struct mvgpu_mig_section) <= end) {
		const struct mvgpu_mig_section *s = (const void *)p;

		p += sizeof(*s);
		if (s->id == MVGPU_MIG_SEC_ENGINE &&
		    ((const struct mvgpu_mig_engine *)p)->id == RCS)
			me = (const void *)p;
		if (s->id == MVGPU_MIG_SEC_END || s->size > (size_t)(end - p))
			break;
		p += s->size;
	}
	if (!tap_ok(me && (me->flags & MVGPU_MIG_ENGINE_BUSY) &&
		    me->wl_tail == tail1 && me->wl_pos < me->wl_size,
		    "source: the stream carries W1 in flight, part done"))
		tap_diag("  engine section %s, flags %#x, tail %#x (W1 %#x), pos %u of %u",
			 me ? "found" : "missing", me ? me->flags : 0,
			 me ? me->wl_tail : 0, tail1, me ? me->wl_pos : 0,
			 me ? me->wl_size : 0);
}

static bool w1_exact(const char *tag)
{
	const uint32_t *a = (uint32_t *)(ram + OFF_A);
	const uint32_t *b = (uint32_t *)(ram + OFF_B);
	uint32_t i, k = 3 * w1_iters;

	for (i = 0; i < N_W1; i++)
		if (b[i] != b_val(i) + k * a[i])
			break;
	if (!tap_ok(i == N_W1 && res(&A)[R_W1_DONE] == W1_DONE,
		    "%s: W1's results are complete and exact", tag)) {
		if (i < N_W1)
			tap_diag("  element %u of %u: %#x, want %#x", i, N_W1,
				 b[i], b_val(i) + k * a[i]);
		tap_diag("  W1 done marker %#x", res(&A)[R_W1_DONE]);
		return false;
	}
	return true;
}

static bool w2_done(const char *tag)
{
	const uint32_t *a2 = (uint32_t *)(ram + OFF_W2);
	const uint32_t *b2 = a2 + N_W2, *d2 = b2 + N_W2;
	uint32_t i;
	bool ok = res(&A)[R_W2_DONE] == W2_DONE;

	for (i = 0; ok && i < NR_W2_STORES; i++)
		ok = res(&A)[R_W2 + i] == 0x2000u + i;
	for (i = 0; ok && i < N_W2; i++)
		ok = d2[i] == 5 * a2[i] + b2[i];
	return tap_ok(ok, "%s: W2's results are exact", tag);
}

static bool w2_untouched(void)
{
	const uint32_t *d2 = (uint32_t *)(ram + OFF_W2) + 2 * N_W2;
	uint32_t i;
	bool ok = !res(&A)[R_W2_DONE];

	for (i = 0; ok && i < NR_W2_STORES; i++)
		ok = !res(&A)[R_W2 + i];
	for (i = 0; ok && i < N_W2; i++)
		ok = !d2[i];
	return ok;
}

static void submit_w1_w2(void)
{
	struct gpu_cs cs, bb;
	uint64_t t0;
	uint32_t i;

	cs_init_gm(&bb, &A, gm(&A, OFF_BB), BB_SIZE);
	for (i = 0; i < w1_iters; i++)
		cs_compute(&bb, MVGPU_KERNEL_SAXPY, N_W1, gm(&A, OFF_A),
			   gm(&A, OFF_B), gm(&A, OFF_B), 3);
	cs_bb_end(&bb);
	cs_init(&cs, stage, 0, sizeof(stage));
	cs_sdi32(&cs, gm(&A, OFF_RES + 4 * R_W1_START), W1_START);
	cs_bb_start(&cs, gm(&A, OFF_BB), 0);
	cs_sdi32(&cs, gm(&A, OFF_RES + 4 * R_W1_DONE), W1_DONE);
	cs_user_interrupt(&cs);
	tap_rc(bb.overflow ? -ENOSPC : gpu_submit(&A, RCS, &cs, &tail1), 0,
	       "A: W1 submitted");

	t0 = e2e_now_ms();
	while (res(&A)[R_W1_START] != W1_START && e2e_now_ms() - t0 < WAIT_MS)
		usleep(1000);
	tap_ok(res(&A)[R_W1_START] == W1_START, "A: W1 started");

	/* W2: queued behind W1 by a second TAIL write. */
	cs_init(&cs, stage, 0, sizeof(stage));
	for (i = 0; i < NR_W2_STORES; i++)
		cs_sdi32(&cs, gm(&A, OFF_RES + 4 * (R_W2 + i)), 0x2000u + i);
	cs_compute(&cs, MVGPU_KERNEL_SAXPY, N_W2, gm(&A, OFF_W2),
		   gm(&A, OFF_W2 + 4 * N_W2), gm(&A, OFF_W2 + 8 * N_W2), 5);
	cs_sdi32(&cs, gm(&A, OFF_RES + 4 * R_W2_DONE), W2_DONE);
	cs_user_interrupt(&cs);
	tap_rc(gpu_submit(&A, RCS, &cs, &tail2), 0,
	       "A: W2 queued while W1 runs (TAIL moved again)");
	if (!tap_ok(res(&A)[R_W1_DONE] != W1_DONE,
		    "A: W1 still runs when the migration starts"))
		tap_diag("  W1 was too short: the next checks may fail for that reason");
}

static void snapshot(struct gpu *g, uint32_t *r, uint64_t *gtt)
{
	uint64_t first = g->gm_base >> MVGPU_GTT_PAGE_SHIFT;
	unsigned int i;

	for (i = 0; i < NR_REGS; i++) {
		r[i] = 0xdeadbeef;
		mvgpu_mmio_read32(g->d, regs[i].off, &r[i]);
	}
	for (i = 0; i < NR_GTT; i++) {
		gtt[i] = 0xdeadbeefdeadbeefull;
		mvgpu_mmio_read64(g->d, MVGPU_GTT_OFFSET +
				  (first + i) * MVGPU_GTT_ENTRY_SIZE, &gtt[i]);
	}
}

static void check_dirty(void)
{
	const size_t pages = MEM_SIZE / PAGE;
	uint64_t *bm = calloc((pages + 63) / 64, 8);
	unsigned int missing = 0, first = 0, set = 0;
	size_t p;
	int ret;

	if (!logging) {
		tap_skip("the device has no DMA logging",
			 "source: the DMA log reports every page W1 wrote");
		free(bm);
		return;
	}
	ret = bm ? mvgpu_dma_log_report(A.d, IOVA, MEM_SIZE, PAGE, bm) : -ENOMEM;
	if (!tap_rc(ret, 0, "source: DMA logging report at STOP_COPY")) {
		free(bm);
		return;
	}
	for (p = 0; p < pages; p++)
		set += !!(bm[p / 64] & (1ull << (p % 64)));
	/* W1 wrote b (OFF_B, 4 MiB) and the result page. */
	for (p = OFF_B / PAGE; p < (OFF_B + 4ull * N_W1) / PAGE + 1; p++) {
		size_t q = p == (OFF_B + 4ull * N_W1) / PAGE ? OFF_RES / PAGE : p;

		if (!(bm[q / 64] & (1ull << (q % 64))) && !missing++)
			first = q;
	}
	if (!tap_ok(!missing, "source: the DMA log reports every page W1 wrote"))
		tap_diag("  %u pages missing, the first at offset %#x", missing,
			 first * PAGE);
	tap_diag("DMA log: %u of %zu pages reported dirty", set, pages);
	tap_rc(mvgpu_dma_log_stop(A.d), 0, "source: DMA logging stops");
	free(bm);
}

static bool source(void)
{
	const struct mvgpu_mig_header *h;
	uint64_t flags = 0, size = 0, initial = ~0ull, ds = 0;
	int fd = -1, fd2 = -1, ret;
	uint64_t t0;

	ret = mvgpu_mig_flags(A.d, &flags);
	if (!tap_ok(!ret && (flags & (VFIO_MIGRATION_STOP_COPY | VFIO_MIGRATION_P2P |
				     VFIO_MIGRATION_PRE_COPY)) ==
		    (VFIO_MIGRATION_STOP_COPY | VFIO_MIGRATION_P2P |
		     VFIO_MIGRATION_PRE_COPY),
		    "source: migration flags have STOP_COPY, P2P and PRE_COPY")) {
		tap_diag("  %d, flags %#llx", ret, (unsigned long long)flags);
		return false;
	}
	expect_state(A.d, VFIO_DEVICE_STATE_RUNNING, "source: at open");

	warm_up();
	fill_inputs();
	if (!calibrate())
		return false;
	fill_inputs();

	ret = mvgpu_dma_log_start(A.d, IOVA, MEM_SIZE, PAGE);
	if (ret == -ENOTTY) {
		tap_skip("the device has no DMA logging", "source: DMA logging starts");
	} else {
		logging = tap_rc(ret, 0, "source: DMA logging starts");
	}

	ret = mvgpu_mig_data_size(A.d, &size);
	if (!tap_ok(!ret && size > sizeof(struct mvgpu_mig_header),
		    "source: MIG_DATA_SIZE is more than a header"))
		tap_diag("  %d, %llu bytes", ret, (unsigned long long)size);

	submit_w1_w2();

	/* RUNNING -> PRE_COPY: the header. */
	ret = mvgpu_mig_set_state(A.d, VFIO_DEVICE_STATE_PRE_COPY, &fd);
	if (!tap_ok(!ret && fd >= 0, "source: RUNNING -> PRE_COPY gives a data fd")) {
		tap_diag("  %d (%s)", ret, tap_errname(-ret));
		return false;
	}
	ret = mvgpu_mig_precopy_info(fd, &initial, NULL);
	if (!tap_ok(!ret && initial == sizeof(struct mvgpu_mig_header),
		    "source: PRECOPY_INFO initial_bytes is the header's size"))
		tap_diag("  %d, %llu bytes, header %zu", ret,
			 (unsigned long long)initial,
			 sizeof(struct mvgpu_mig_header));
	ret = mvgpu_mig_read_stream(fd, &stream, &stream_len);
	h = stream;
	if (!tap_ok(!ret && stream_len == sizeof(*h),
		    "source: PRE_COPY reads the header and no more")) {
		tap_diag("  %d, %zu bytes", ret, stream_len);
		goto out;
	}
	tap_ok(h->magic == MVGPU_MIG_MAGIC && h->major == MVGPU_MIG_VERSION_MAJOR &&
	       h->header_size == sizeof(*h) && h->aperture_base == A.ap_base &&
	       h->aperture_size == A.ap_size && h->hidden_base == A.hid_base &&
	       h->hidden_size == A.hid_size,
	       "source: the header has the magic, the version and A's slices");
	ret = mvgpu_mig_precopy_info(fd, &initial, NULL);
	tap_ok(!ret && initial == 0,
	       "source: PRECOPY_INFO initial_bytes is 0 once the header is read");

	/* -> PRE_COPY_P2P: the vGPU stops; W1 is preempted inside its batch. */
	t0 = e2e_now_ms();
	ret = mvgpu_mig_set_state(A.d, VFIO_DEVICE_STATE_PRE_COPY_P2P, &fd2);
	tap_rc(ret, 0, "source: PRE_COPY -> PRE_COPY_P2P");
	tap_diag("the stop took %llu ms", (unsigned long long)(e2e_now_ms() - t0));
	if (fd2 >= 0) {
		tap_ok(false, "source: PRE_COPY -> PRE_COPY_P2P gives no new data fd");
		close(fd2);
	}
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (!tap_ok(res(&A)[R_W1_DONE] != W1_DONE &&
		    gpu_ring_head(&A, RCS) != tail1,
		    "source, stopped: W1 is stopped in flight (not done, HEAD short of its end)"))
		tap_diag("  done marker %#x, HEAD %#x, W1 ends at %#x",
			 res(&A)[R_W1_DONE], gpu_ring_head(&A, RCS), tail1);
	tap_ok(w2_untouched(), "source, stopped: W2 has not run");
	tap_eq(gpu_rd(&A, MVGPU_RING_TAIL(MVGPU_RING_BASE(RCS))) & MVGPU_TAIL_ADDR,
	       tail2, "source, stopped: RCS TAIL is at W2's end");
	usleep(100 * 1000);
	tap_ok(w2_untouched() && res(&A)[R_W1_DONE] != W1_DONE,
	       "source, stopped: W1 and W2 still have not run on 100 ms later");

	/* -> STOP_COPY: the rest. */
	ret = mvgpu_mig_set_state(A.d, VFIO_DEVICE_STATE_STOP_COPY, &fd2);
	tap_rc(ret, 0, "source: PRE_COPY_P2P -> STOP_COPY");
	if (fd2 >= 0)
		close(fd2);
	ret = mvgpu_mig_data_size(A.d, &ds);
	tap_rc(ret, 0, "source: MIG_DATA_SIZE in STOP_COPY");
	ret = mvgpu_mig_read_stream(fd, &stream, &stream_len);
	if (!tap_ok(!ret && stream_len > sizeof(*h) + sizeof(struct mvgpu_mig_section),
		    "source: STOP_COPY reads the rest of the stream")) {
		tap_diag("  %d, %zu bytes", ret, stream_len);
		goto out;
	}
	tap_diag("stream: %zu bytes (MIG_DATA_SIZE %llu)", stream_len,
		 (unsigned long long)ds);
	tap_eq(ds + 0, stream_len, "source: the stream is as long as MIG_DATA_SIZE said");
	{
		const struct mvgpu_mig_section *end = (const void *)
			((uint8_t *)stream + stream_len - sizeof(*end));

		tap_ok(end->id == MVGPU_MIG_SEC_END && end->size == 0,
		       "source: the stream ends with the END section");
	}
	check_in_flight();
	check_dirty();
	snapshot(&A, src_regs, src_gtt);
	/* Nothing changed while stopped and copied: W2 still waits. */
	tap_ok(w2_untouched(), "source: W2 has not run at the end of STOP_COPY");
	close(fd);
	fd = -1;
	tap_rc(mvgpu_mig_set_state(A.d, VFIO_DEVICE_STATE_STOP, NULL), 0,
	       "source: STOP_COPY -> STOP");
	return true;
out:
	if (fd >= 0)
		close(fd);
	return false;
}

/* ---- the destination ---------------------------------------------------- */

static bool load(struct mvgpu_dev *d, const void *s, size_t len,
		 int *wret, int *aret, const char *tag)
{
	int fd = -1, ret;

	ret = mvgpu_mig_set_state(d, VFIO_DEVICE_STATE_RESUMING, &fd);
	if (!tap_ok(!ret && fd >= 0, "%s: -> RESUMING gives a data fd", tag)) {
		tap_diag("  %d (%s)", ret, tap_errname(-ret));
		return false;
	}
	*wret = mvgpu_mig_write_stream(fd, s, len, NULL);
	close(fd);
	*aret = mvgpu_mig_set_state(d, VFIO_DEVICE_STATE_STOP, NULL);
	return true;
}

static bool destination(void)
{
	uint32_t dst_regs[NR_REGS];
	static uint64_t dst_gtt[NR_GTT];
	unsigned int i, bad = 0;
	int ret, wret, aret;
	struct gpu_cs cs;
	uint32_t tail;

	ret = mvgpu_open(&dev_b, ub, MVGPU_VFIO_AUTO);
	if (!tap_rc(ret, 0, "destination: B opened"))
		return false;
	b_open = true;
	ret = mvgpu_dma_map(&dev_b, ram, IOVA, MEM_SIZE);
	if (!tap_rc(ret, 0, "destination: the guest RAM mapped at the same IOVA"))
		return false;

	if (!load(&dev_b, stream, stream_len, &wret, &aret, "destination"))
		return false;
	tap_rc(wret, 0, "destination: the stream is written");
	if (!tap_rc(aret, 0, "destination: RESUMING -> STOP loads it"))
		return false;
	expect_state(&dev_b, VFIO_DEVICE_STATE_STOP, "destination, loaded");

	/* Attach the guest driver without touching the device's state. */
	memset(&B, 0, sizeof(B));
	ret = gpu_attach(&B, &dev_b);
	if (!tap_rc(ret, 0, "destination: PV info readable while stopped"))
		return false;
	tap_ok(B.ap_base == A.ap_base && B.hid_base == A.hid_base,
	       "destination: PV info has A's slices");
	/* The guest RAM's window of the GTT, as snapshot() reads it. */
	B.gm_base = A.gm_base;

	snapshot(&B, dst_regs, dst_gtt);
	for (i = 0; i < NR_REGS; i++) {
		if (dst_regs[i] != src_regs[i]) {
			bad++;
			tap_diag("  %s: %#x, source %#x", regs[i].name,
				 dst_regs[i], src_regs[i]);
		}
	}
	tap_ok(!bad, "destination: ring, interrupt and scratch registers read as on the source");
	for (i = 0, bad = 0; i < NR_GTT; i++) {
		if (dst_gtt[i] != src_gtt[i] && !bad++)
			tap_diag("  GTT entry %u of the window: %#llx, source %#llx",
				 i, (unsigned long long)dst_gtt[i],
				 (unsigned long long)src_gtt[i]);
	}
	if (!tap_ok(!bad, "destination: GTT entries read as on the source"))
		tap_diag("  %u entries differ", bad);

	/* The VMM's part: guest RAM (shared), MSI trigger. */
	B.mem = ram;
	B.mem_size = MEM_SIZE;
	B.iova = IOVA;
	B.gm_base = A.gm_base;
	B.dma_mapped = true;
	memcpy(B.ring, A.ring, sizeof(B.ring));
	B.efd = mvgpu_eventfd_new();
	ret = B.efd < 0 ? B.efd : mvgpu_irq_set_trigger(&dev_b, MSI, B.efd);
	tap_rc(ret, 0, "destination: MSI trigger attached");

	tap_ok(w2_untouched(), "destination, stopped: W2 has not run");
	ret = mvgpu_mig_set_state(&dev_b, VFIO_DEVICE_STATE_RUNNING, NULL);
	if (!tap_rc(ret, 0, "destination: STOP -> RUNNING"))
		return false;
	ret = gpu_wait(&B, RCS, tail2, WAIT_MS, NULL);
	if (!tap_rc(ret, 0, "destination: W2 completes on B (HEAD reaches its TAIL)"))
		tap_diag("  %s", B.err);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	w2_done("destination");
	w1_exact("destination");	/* not run a second time */

	snapshot(&B, dst_regs, dst_gtt);
	for (i = 0, bad = 0; i < MEM_SIZE / PAGE; i++)
		bad += dst_gtt[i] != src_gtt[i];
	if (!tap_ok(!bad, "destination, running: GTT entries of the guest RAM read as on the source"))
		tap_diag("  %u entries differ", bad);

	/* W3: new work on both engines. */
	cs_init(&cs, stage, 0, sizeof(stage));
	cs_sdi32(&cs, gm(&B, OFF_RES + 4 * R_W3_RCS), 0x3003);
	cs_user_interrupt(&cs);
	ret = gpu_submit(&B, RCS, &cs, &tail);
	if (!ret)
		ret = gpu_wait(&B, RCS, tail, WAIT_MS, NULL);
	tap_ok(!ret && res(&B)[R_W3_RCS] == 0x3003,
	       "destination: W3 on RCS completes with its result");
	cs_init(&cs, stage, 0, sizeof(stage));
	cs_color_blt(&cs, gm(&B, OFF_SURF), SURF_PITCH, 0, 0, 8, 2, 0x0b0b0b0bu);
	cs_flush_dw_store32(&cs, gm(&B, OFF_RES + 4 * R_W3_BCS), 0x3b3b);
	cs_user_interrupt(&cs);
	ret = gpu_submit(&B, BCS, &cs, &tail);
	if (!ret)
		ret = gpu_wait(&B, BCS, tail, WAIT_MS, NULL);
	tap_ok(!ret && res(&B)[R_W3_BCS] == 0x3b3b &&
	       ((uint32_t *)(ram + OFF_SURF))[7] == 0x0b0b0b0bu &&
	       ((uint32_t *)(ram + OFF_SURF))[8] == 0x00c0ffeeu,
	       "destination: W3 on BCS completes with its result");
	if (ret)
		tap_diag("  %s", B.err);
	return true;
}

/* ---- bad streams -------------------------------------------------------- */

/* The register entry of @off in stream @s, or NULL. */
static struct mvgpu_mig_reg *find_reg(uint8_t *s, size_t len, uint32_t off)
{
	const struct mvgpu_mig_header *h = (const void *)s;
	size_t pos = h->header_size;

	while (pos + sizeof(struct mvgpu_mig_section) <= len) {
		struct mvgpu_mig_section *sec = (void *)(s + pos);
		size_t i;

		pos += sizeof(*sec);
		if (sec->id == MVGPU_MIG_SEC_END || sec->size > len - pos)
			return NULL;
		if (sec->id == MVGPU_MIG_SEC_REGS) {
			struct mvgpu_mig_reg *r = (void *)(s + pos);

			for (i = 0; i < sec->size / sizeof(*r); i++)
				if (r[i].offset == off)
					return &r[i];
			return NULL;
		}
		pos += sec->size;
	}
	return NULL;
}

enum bad_kind {
	BAD_MAGIC, BAD_TRUNCATED, BAD_OVERSIZED, BAD_APERTURE, BAD_MAJOR,
	BAD_REG,
};

static const struct {
	enum bad_kind kind;
	const char *name;
	int want_write;		/* the write's result, 1: either */
	int want_err;		/* errno of the first failure, 0: any */
} bad_cases[] = {
	{ BAD_MAGIC, "corrupted magic", 1, 0 },
	{ BAD_TRUNCATED, "truncated stream", 0, 0 },
	{ BAD_OVERSIZED, "oversized stream", -EFBIG, EFBIG },
	{ BAD_APERTURE, "other aperture base", 1, EOPNOTSUPP },
	{ BAD_MAJOR, "other major version", 1, EOPNOTSUPP },
	{ BAD_REG, "register value with reserved bits", 0, EINVAL },
};

#define OVERSIZE	(32u << 20)

static void bad_stream(struct gpu *g, unsigned int k, uint32_t seed)
{
	const char *name = bad_cases[k].name;
	uint8_t *s = NULL;
	size_t len = stream_len;
	struct mvgpu_mig_header *h;
	struct mvgpu_mig_reg *r;
	int wret = 0, aret = 0, first, ret;
	char tag[96];

	snprintf(tag, sizeof(tag), "bad stream, %s", name);
	s = malloc(bad_cases[k].kind == BAD_OVERSIZED ? OVERSIZE : stream_len);
	if (!tap_ok(s != NULL, "%s: memory", tag))
		return;
	memcpy(s, stream, stream_len);
	h = (void *)s;
	switch (bad_cases[k].kind) {
	case BAD_MAGIC:
		h->magic ^= 0xff00;
		break;
	case BAD_TRUNCATED:
		len = stream_len / 2;
		break;
	case BAD_OVERSIZED:
		memset(s + stream_len, 0, OVERSIZE - stream_len);
		len = OVERSIZE;
		break;
	case BAD_APERTURE:
		h->aperture_base += 16 * MIB;
		break;
	case BAD_MAJOR:
		h->major = MVGPU_MIG_VERSION_MAJOR + 1;
		break;
	case BAD_REG:
		r = find_reg(s, len, MVGPU_RING_START(MVGPU_RING_BASE(RCS)));
		if (!tap_ok(r != NULL, "%s: RCS START is in the stream", tag)) {
			free(s);
			return;
		}
		/* A flipped low byte: START's low 12 bits are reserved. */
		r->value ^= 0x5a;
		break;
	}

	if (!load(g->d, s, len, &wret, &aret, tag)) {
		free(s);
		return;
	}
	free(s);
	tap_diag("%s: write %d (%s), RESUMING -> STOP %d (%s)", tag, wret,
		 tap_errname(-wret), aret, tap_errname(-aret));
	if (bad_cases[k].want_write != 1)
		tap_eq((uint64_t)-wret, (uint64_t)-bad_cases[k].want_write,
		       "%s: the write's result", tag);
	first = wret ? wret : aret;
	if (tap_ok(first < 0, "%s: refused", tag) && bad_cases[k].want_err)
		tap_eq(-first, bad_cases[k].want_err, "%s: refused with %s", tag,
		       tap_errname(bad_cases[k].want_err));
	tap_ok(aret < 0, "%s: RESUMING -> STOP fails", tag);
	expect_state(g->d, VFIO_DEVICE_STATE_ERROR, tag);
	ret = mvgpu_mig_set_state(g->d, VFIO_DEVICE_STATE_RUNNING, NULL);
	tap_ok(ret < 0, "%s: ERROR -> RUNNING refused", tag);

	tap_rc(mvgpu_reset(g->d), 0, "%s: VFIO_DEVICE_RESET", tag);
	snprintf(tag, sizeof(tag), "bad stream, %s, reset", name);
	expect_state(g->d, VFIO_DEVICE_STATE_RUNNING, tag);
	snprintf(tag, sizeof(tag), "bad stream, %s", name);
	ret = bringup(g);
	if (!tap_rc(ret, 0, "%s: guest set up again after the reset", tag))
		tap_diag("  %s", g->err);
	else
		smoke(g, tag, seed);
}

static struct gpu *setup_c(void)
{
	int ret;

	if (pgpu_c[0]) {
		ret = e2e_vgpu_create_uuid(pgpu_c, TYPE, uc);
		if (tap_rc(ret, 0, "C: created on a third pGPU") &&
		    place_like_a(uc, "C")) {
			ret = mvgpu_open(&dev_c, uc, MVGPU_VFIO_AUTO);
			if (!tap_rc(ret, 0, "C: opened"))
				return NULL;
			c_open = true;
			ret = gpu_attach(&C, &dev_c);
			if (!ret)
				ret = gpu_mem_init(&C, C.hid_base, SMALL_MEM, IOVA);
			if (!ret)
				ret = bringup(&C);
			if (!tap_rc(ret, 0, "C: guest set up")) {
				tap_diag("  %s", C.err);
				return NULL;
			}
			smoke(&C, "C before the bad streams", 0x1234);
			return &C;
		}
	}
	/* Else B, reset: it has A's slices. */
	tap_diag("bad streams go to B after a reset");
	tap_rc(mvgpu_reset(B.d), 0, "B: VFIO_DEVICE_RESET");
	if (!tap_rc(bringup(&B), 0, "B: guest set up again"))
		return NULL;
	return &B;
}

/* ---- data fds misused --------------------------------------------------- */

/* Read @fd to its end in @chunk byte reads: the bytes, or -errno. */
static long read_all(int fd, size_t chunk)
{
	char b[4096];
	long n = 0;

	for (;;) {
		ssize_t got = read(fd, b, chunk < sizeof(b) ? chunk : sizeof(b));

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -errno;
		if (!got)
			return n;
		n += got;
	}
}

/*
 * Two processes read one saving fd at once: between them they get the
 * whole stream, each byte once (the fd has no position, reads are
 * serialised): @want bytes in all.
 */
static bool two_readers(int fd, long want, const char *tag)
{
	long got[2] = { -1, -1 };
	pid_t pid[2];
	int p[2], go[2], i, status;
	char c = 0;

	if (!tap_ok(!pipe(p) && !pipe(go), "%s: pipes", tag))
		return false;
	/* Small reads, started together: they interleave. */
	for (i = 0; i < 2; i++) {
		pid[i] = fork();
		if (!pid[i]) {
			long n = -EIO;

			close(go[1]);
			if (read(go[0], &c, 1) == 1)
				n = read_all(fd, i ? 13 : 8);
			_exit(write(p[1], &n, sizeof(n)) == sizeof(n) ? 0 : 1);
		}
	}
	close(p[1]);
	close(go[0]);
	if (write(go[1], "gg", 2) != 2)
		tap_diag("%s: the readers were not started", tag);
	close(go[1]);
	for (i = 0; i < 2; i++) {
		if (pid[i] > 0)
			waitpid(pid[i], &status, 0);
		if (read(p[0], &got[i], sizeof(got[i])) != sizeof(got[i]))
			got[i] = -EIO;
	}
	close(p[0]);
	tap_diag("%s: the readers got %ld and %ld bytes of %ld", tag, got[0],
		 got[1], want);
	return tap_ok(got[0] >= 0 && got[1] >= 0 && got[0] + got[1] == want,
		      "%s: two readers at once get the whole stream between them",
		      tag);
}

/*
 * The data fds used the wrong way or kept too long: every call fails
 * with the documented error, and the vGPU stays usable.  @dev_open: NULL,
 * or the flag saying @g's device is open; then the device is closed at the
 * end (a data fd outliving its device) and the flag cleared.
 */
static void data_fds(struct gpu *g, const char *name, bool *dev_open)
{
	struct mvgpu_dev *d = g->d;
	uint64_t initial = 1;
	long solo;
	int fd = -1, ret;
	char tag[64], junk[16] = { 0 };

	snprintf(tag, sizeof(tag), "data fds, %s", name);
	/* The stream of a stopped, idle vGPU, read alone. */
	ret = mvgpu_mig_set_state(d, VFIO_DEVICE_STATE_STOP_COPY, &fd);
	if (!tap_ok(!ret && fd >= 0, "%s: -> STOP_COPY gives a data fd", tag))
		return;
	tap_rc(mvgpu_mig_precopy_info(fd, NULL, NULL), -EINVAL,
	       "%s: GET_PRECOPY_INFO in STOP_COPY", tag);
	tap_ok(write(fd, junk, sizeof(junk)) < 0,
	       "%s: a saving fd cannot be written", tag);
	solo = read_all(fd, 4096);
	close(fd);
	if (!tap_ok(solo > (long)sizeof(struct mvgpu_mig_header),
		    "%s: the stream reads", tag))
		return;
	tap_rc(mvgpu_mig_set_state(d, VFIO_DEVICE_STATE_STOP, NULL), 0,
	       "%s: STOP_COPY -> STOP", tag);

	/* Again, with two readers; then the fd outlives its state. */
	fd = -1;
	ret = mvgpu_mig_set_state(d, VFIO_DEVICE_STATE_STOP_COPY, &fd);
	if (!tap_ok(!ret && fd >= 0, "%s: -> STOP_COPY again", tag))
		return;
	two_readers(fd, solo, tag);
	tap_eq(read_all(fd, 64), 0, "%s: then the fd is at its end", tag);
	tap_rc(mvgpu_mig_set_state(d, VFIO_DEVICE_STATE_STOP, NULL), 0,
	       "%s: STOP_COPY -> STOP with the fd still open", tag);
	tap_eq((uint64_t)-read_all(fd, 64), ENODEV,
	       "%s: the fd of a finished STOP_COPY reads ENODEV", tag);
	close(fd);

	/* PRE_COPY abandoned for RUNNING. */
	fd = -1;
	ret = mvgpu_mig_set_state(d, VFIO_DEVICE_STATE_RUNNING, NULL);
	if (!ret)
		ret = mvgpu_mig_set_state(d, VFIO_DEVICE_STATE_PRE_COPY, &fd);
	if (!tap_ok(!ret && fd >= 0, "%s: STOP -> RUNNING -> PRE_COPY", tag))
		return;
	ret = mvgpu_mig_precopy_info(fd, &initial, NULL);
	tap_ok(!ret && initial == sizeof(struct mvgpu_mig_header),
	       "%s: PRE_COPY offers the header", tag);
	tap_rc(mvgpu_mig_set_state(d, VFIO_DEVICE_STATE_RUNNING, NULL), 0,
	       "%s: PRE_COPY -> RUNNING with the fd still open", tag);
	tap_eq((uint64_t)-read_all(fd, 64), ENODEV,
	       "%s: the fd of an abandoned PRE_COPY reads ENODEV", tag);
	tap_rc(mvgpu_mig_precopy_info(fd, NULL, NULL), -EINVAL,
	       "%s: and GET_PRECOPY_INFO on it fails", tag);
	close(fd);

	/* RESUMING ended by a reset: the fd no longer takes data. */
	fd = -1;
	ret = mvgpu_mig_set_state(d, VFIO_DEVICE_STATE_RESUMING, &fd);
	if (!tap_ok(!ret && fd >= 0, "%s: -> RESUMING", tag))
		return;
	tap_eq(write(fd, junk, sizeof(junk)), sizeof(junk),
	       "%s: a part of a header is taken", tag);
	tap_ok(read(fd, junk, sizeof(junk)) < 0,
	       "%s: a resuming fd cannot be read", tag);
	tap_rc(mvgpu_reset(d), 0, "%s: VFIO_DEVICE_RESET while RESUMING", tag);
	expect_state(d, VFIO_DEVICE_STATE_RUNNING, tag);
	errno = 0;
	tap_ok(write(fd, junk, sizeof(junk)) < 0 && errno == ENODEV,
	       "%s: the fd of a reset RESUMING writes ENODEV", tag);
	close(fd);

	ret = bringup(g);
	if (tap_rc(ret, 0, "%s: guest set up again", tag))
		smoke(g, tag, 0x7171);
	else
		tap_diag("  %s", g->err);
	if (!dev_open)
		return;

	/* A data fd kept after its device was closed. */
	gpu_release(g);
	fd = -1;
	ret = mvgpu_mig_set_state(d, VFIO_DEVICE_STATE_PRE_COPY, &fd);
	if (!tap_ok(!ret && fd >= 0, "%s: -> PRE_COPY before close", tag))
		return;
	mvgpu_close(d);
	*dev_open = false;
	tap_eq((uint64_t)-read_all(fd, 64), ENODEV,
	       "%s: a data fd kept after the device was closed reads ENODEV",
	       tag);
	tap_rc(mvgpu_mig_precopy_info(fd, NULL, NULL), -EINVAL,
	       "%s: and GET_PRECOPY_INFO on it fails", tag);
	close(fd);
}

/* ---- main ----------------------------------------------------------------- */

int main(void)
{
	struct gpu *t;
	unsigned int k;
	int ret;

	e2e_init("migration", E2E_WATCHDOG_S);
	if (!e2e_require_pgpu())
		return tap_done();

	if (!tap_rc(e2e_vgpu_create(TYPE, ua), 0, "A: created on %s", "the pGPU"))
		goto out;
	if (!tap_ok(other_pgpu(pgpu_b, sizeof(pgpu_b), e2e_pgpu(), NULL),
		    "a second software pGPU exists"))
		goto out;
	if (!other_pgpu(pgpu_c, sizeof(pgpu_c), e2e_pgpu(), pgpu_b))
		tap_diag("no third software pGPU");
	tap_diag("pGPUs: A on %s, B on %s, C on %s", e2e_pgpu(), pgpu_b,
		 pgpu_c[0] ? pgpu_c : "(none)");
	ret = mvgpu_uuid_generate(ub);
	if (!ret)
		ret = e2e_vgpu_create_uuid(pgpu_b, TYPE, ub);
	if (!tap_rc(ret, 0, "B: created on the second pGPU"))
		goto out;
	mvgpu_uuid_generate(uc);

	if (!setup_a())
		goto out;
	if (!place_like_a(ub, "B"))
		goto out;

	if (!source())
		goto out;
	if (!destination())
		goto out;

	t = setup_c();
	if (t)
		for (k = 0; k < sizeof(bad_cases) / sizeof(bad_cases[0]); k++)
			bad_stream(t, k, 0x4000 + k);

	if (t == &C) {
		/* B still works when C was the target. */
		smoke(&B, "B after the bad streams", 0x5151);
		data_fds(&C, "C", &c_open);
	} else if (t) {
		data_fds(t, "B", NULL);
	}

	/* A, the source, is stopped: a reset brings it back. */
	tap_rc(mvgpu_reset(A.d), 0, "A: VFIO_DEVICE_RESET after the move");
	expect_state(A.d, VFIO_DEVICE_STATE_RUNNING, "A after the reset");
	ret = bringup(&A);
	if (tap_rc(ret, 0, "A: guest set up again"))
		smoke(&A, "A after the migration", 0x6161);
	else
		tap_diag("  %s", A.err);

out:
	gpu_release(&C);
	if (c_open)
		mvgpu_close(&dev_c);
	if (B.d) {
		gpu_release(&B);	/* reset, DMA unmap */
	} else if (b_open) {
		mvgpu_reset(&dev_b);
		mvgpu_dma_unmap(&dev_b, IOVA, MEM_SIZE);
	}
	if (b_open)
		mvgpu_close(&dev_b);
	gpu_release(&A);
	if (ram)
		munmap(ram, MEM_SIZE);
	free(stream);
	e2e_cleanup();
	return tap_done();
}
