// SPDX-License-Identifier: GPL-2.0
/*
 * ppgtt - per-process GTTs (PPGTT) end to end.
 *
 * Two V1_4 vGPUs: A, driven through its page tables (opened through the
 * iommufd cdev when there is one: its DMA unmaps then need no unpin under
 * type1's locks), and B, which runs ordinary GGTT work next to A's
 * attacks and checks every result (the "other vGPU").  The guest driver
 * is tests/e2e/common/gpu.c: address spaces are four-level tables in
 * guest memory whose entries name guest physical addresses, the IOVAs at
 * which the test DMA-mapped that memory.
 *
 *  caps        the PV info page announces MVGPU_PV_CAP_PPGTT, version 1.2;
 *              debugfs vgpu<id>/ppgtt has its counters.
 *  two spaces  two address spaces X and Y of A map the same virtual
 *              addresses to different pages (in reverse page order, the
 *              data crossing a 1 GiB boundary): one ring submission per
 *              engine loads X, starts a PPGTT batch, loads Y, starts the
 *              batch at the same address; RCS: SAXPY, CHECKSUM and a
 *              store, BCS: XY_COLOR_BLT and an MI_FLUSH_DW store.  Each
 *              space's pages get exactly its results and no other byte of
 *              the guest memory changes.
 *  TLB         a PT entry pointed at another page is not seen without an
 *              invalidation (the old page is written), and is after
 *              TLB_INV (MMIO), after an MI_FLUSH_DW with INVALIDATE_TLB
 *              (BCS) and a PIPE_CONTROL with TLB_INVALIDATE behind the
 *              batch (RCS, the tables as at submission hold for all of it);
 *              debugfs syncs, invalidations, entries_changed move.
 *  MMIO root   PML4 is read-only by MMIO: a write is ignored (it reads
 *              the root the last ring loaded), and a PPGTT batch without
 *              an LRI of PML4 in its submission is refused (BAD_FIELD).
 *  GGTT bits   commands with their GGTT bit in a PPGTT batch reach the
 *              GGTT, the others the PPGTT; a GGTT store outside the
 *              slices (ADDRESS), LRI of PML4 in a batch (REGISTER) and a
 *              store without the GGTT bit outside PPGTT batches
 *              (BAD_FIELD) are refused.
 *  bad roots   root 0 and a root not DMA-mapped (ADDRESS), at or above
 *              1 << 39 (BAD_FIELD): the error names the LRI that loads
 *              it; a batch at an unmapped address (ADDRESS) is reported
 *              at offset 0 of the batch; debugfs bad_roots moves.
 *  bad entries entries naming IOVAs that are not DMA-mapped, PS entries
 *              (PD and PDP), entries with bits outside 0, 1, 3, 4 and the
 *              address: stores and blits through them complete and change
 *              no guest memory (they point at canary pages); an entry
 *              with only RW, PWT and PCD works; scratch_entries moves.
 *  cycle       a PML4 entry naming the PML4, a PD entry naming the PD, one
 *              naming the PDP: the workload completes.
 *  shared      512 PD entries naming one PT: works, and the shadow costs
 *              four tables (debugfs tables).
 *  limits      ppgtt_max_tables 16 against a tree of 28 tables, then
 *              ppgtt_max_pages 64 against 107 pages: TOO_LARGE,
 *              limit_errors moves; with the defaults the same trees work.
 *  DMA unmap   a data page unmapped while shadowed: later stores do not
 *              reach it nor the fresh page mapped at its IOVA afterwards
 *              (until an invalidation makes that mapping visible);
 *              unmap_scratched moves.  A PT page unmapped: nothing changes
 *              until an invalidation, then its subtree is scratch.
 *  preempt     A and B share RCS under 1 ms slices (policy weighted): B
 *              runs in-place SAXPYs in its own space and, with the same
 *              virtual addresses, A runs half as many in its space; both
 *              results are exact and A was preempted (debugfs sched).
 *
 * After each refused workload: the ERROR interrupt, the PV error code and
 * offset, nothing of the submission executed, B's work done meanwhile is
 * correct, and after GDRST a PPGTT workload of A works again.  Nothing
 * here asserts a time.  Module parameters and scheduler settings are
 * restored at exit.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "e2e.h"
#include "gpu.h"

#define TYPE		"V1_4"
#define RCS		MVGPU_ENGINE_RCS
#define BCS		MVGPU_ENGINE_BCS
#define PG		GPU_PAGE
#define PV(off)		(MVGPU_PVINFO_OFFSET + (off))
#define A_MEM		(16u << 20)
#define B_MEM		(8u << 20)
#define A_IOVA		0x100000000ull
#define B_IOVA		0x200000000ull
#define F_IOVA		0x300000000ull	/* A's separately mapped pages */
#define NOMAP_IOVA	0x4000000000ull	/* below 1 << 39, never mapped */
#define WAIT_MS		20000
#define ERR_MS		5000

/* Every space maps its batch pages at VA_BB and a results page at VA_RES. */
#define VA_BB		0x0000000000400000ull
#define VA_RES		0x00007ffffffff000ull
#define VA_NOBB		0x0000123450000000ull	/* mapped in no space */

/* Slots of A's GGTT results page. */
#define S_MARK		1	/* stored before a refused command */
#define S_G1		2	/* GGTT stores from PPGTT batches */
#define S_G2		3
#define S_G3		4
#define S_G4		5
#define S_GQ		4	/* qword slot (byte 32) */

static const char *eng_name(unsigned int e)
{
	return e == RCS ? "RCS" : "BCS";
}

/* ---- vGPUs ------------------------------------------------------------ */

struct vgpu {
	struct gpu g;
	char uuid[MVGPU_UUID_LEN + 1];
	uint64_t res_gm, bb_gm;		/* GGTT results page, GGTT batch page */
	volatile uint32_t *res;
	uint8_t *snap;			/* guest memory before a submission */
	uint8_t *skip;			/* pages the unchanged check skips */
};

static struct vgpu A, B;
static uint32_t stage[2048];

static void cs_ring(struct gpu_cs *cs)
{
	cs_init(cs, stage, 0, sizeof(stage));
}

static int vgpu_open(struct vgpu *v, enum mvgpu_vfio_path path, size_t mem,
		     uint64_t iova)
{
	struct gpu *g = &v->g;
	unsigned int e;
	int ret;

	ret = gpu_open(g, v->uuid, path);
	if (!ret)
		ret = gpu_mem_init(g, g->hid_base, mem, iova);
	if (!ret)
		ret = gpu_irq_init(g);
	for (e = 0; !ret && e < MVGPU_NUM_ENGINES; e++) {
		uint64_t ring = gpu_alloc(g, GPU_RING_SIZE, 0);
		uint64_t hws = gpu_alloc(g, PG, 0);

		ret = ring && hws ? gpu_ring_init(g, e, ring, GPU_RING_SIZE, hws) :
				    -ENOMEM;
	}
	if (ret)
		return ret;
	v->res_gm = gpu_alloc(g, PG, 0);
	v->bb_gm = gpu_alloc(g, PG, 0);
	v->snap = malloc(mem);
	v->skip = calloc(mem / PG, 1);
	if (!v->bb_gm || !v->snap || !v->skip)
		return -ENOMEM;
	v->res = gpu_va(g, v->res_gm);
	return 0;
}

static void vgpu_close(struct vgpu *v)
{
	gpu_release(&v->g);
	free(v->snap);
	free(v->skip);
	v->snap = NULL;
	v->skip = NULL;
}

/* Submit @cs on @e of @v and wait; on failure say why (PV error too). */
static int run(struct vgpu *v, unsigned int e, struct gpu_cs *cs,
	       const char *what)
{
	uint32_t tail = 0, code, off;
	uint64_t buf;
	int ret;

	ret = gpu_submit(&v->g, e, cs, &tail);
	if (!ret)
		ret = gpu_wait(&v->g, e, tail, WAIT_MS, NULL);
	if (ret) {
		gpu_engine_error(&v->g, e, &code, &off, &buf);
		tap_diag("  %s on %s: %s; PV error %s at %#x of %#llx", what,
			 eng_name(e), v->g.err, gpu_err_name(code), off,
			 (unsigned long long)buf);
		/* Leave the engine usable: later points stay independent. */
		gpu_engine_reset(&v->g, e, 2000);
		gpu_ring_restart(&v->g, e);
		gpu_irq_poll(&v->g, 0);
		gpu_irq_take(&v->g, GPU_GT0_BITS(e));
	}
	return ret;
}

/* A debugfs ppgtt counter of vGPU @v (-1: none). */
static long long pstat(struct vgpu *v, const char *key)
{
	return e2e_vgpu_stat(e2e_pgpu(), v->g.vgpu_id, "ppgtt", key);
}

/* ---- address spaces ----------------------------------------------------- */

struct space {
	const char *name;
	struct vgpu *v;
	struct gpu_ppgtt pp;
	unsigned int bb_pages;
	uint64_t bb_gm, res_gm;
	volatile uint32_t *res;
};

static int space_init(struct space *s, struct vgpu *v, const char *name,
		      unsigned int bb_pages)
{
	struct gpu *g = &v->g;
	int ret;

	memset(s, 0, sizeof(*s));
	s->name = name;
	s->v = v;
	s->bb_pages = bb_pages;
	ret = gpu_ppgtt_init(g, &s->pp);
	if (ret)
		return ret;
	s->bb_gm = gpu_alloc(g, (size_t)bb_pages * PG, 0);
	s->res_gm = gpu_alloc(g, PG, 0);
	if (!s->bb_gm || !s->res_gm)
		return -ENOMEM;
	s->res = gpu_va(g, s->res_gm);
	ret = gpu_ppgtt_map(&s->pp, VA_BB, s->bb_gm, (uint64_t)bb_pages * PG);
	if (!ret)
		ret = gpu_ppgtt_map(&s->pp, VA_RES, s->res_gm, PG);
	return ret;
}

/* A batch written in the space's batch pages from page @page on. */
static void bb_begin(struct space *s, unsigned int page, struct gpu_cs *b)
{
	cs_init(b, gpu_va(&s->v->g, s->bb_gm + (uint64_t)page * PG),
		VA_BB + (uint64_t)page * PG, (size_t)(s->bb_pages - page) * PG);
}

static uint64_t bb_va(unsigned int page)
{
	return VA_BB + (uint64_t)page * PG;
}

/* How pp_run() loads the root and invalidates. */
#define F_FLUSH		2u	/* MI_FLUSH_DW invalidate before */
#define F_PC		4u	/* PIPE_CONTROL invalidate after */

/* Run the PPGTT batch at batch page @page of @s on @e and wait. */
static int pp_run(struct space *s, unsigned int e, unsigned int page,
		  unsigned int flags)
{
	struct gpu_cs cs;

	cs_ring(&cs);
	if (flags & F_FLUSH)
		cs_flush_dw_invalidate(&cs);
	cs_lri_pml4(&cs, e, s->pp.root);
	cs_bb_start_ppgtt(&cs, bb_va(page));
	if (flags & F_PC)
		cs_pipe_control_invalidate(&cs);
	cs_user_interrupt(&cs);
	return run(s->v, e, &cs, s->name);
}

/* A PPGTT batch (page @e of @s) storing @val at @va, run on @e. */
static int pp_store(struct space *s, unsigned int e, uint64_t va,
		    uint32_t val, unsigned int flags)
{
	struct gpu_cs b;

	bb_begin(s, e, &b);
	cs_sdi32_ppgtt(&b, va, val);
	cs_bb_end(&b);
	return pp_run(s, e, e, flags);
}

/* Map [@va, +@size) to @gm in reverse page order (page i -> n - 1 - i). */
static int map_reversed(struct space *s, uint64_t va, uint64_t gm,
			uint64_t size)
{
	uint64_t n = size / PG, i;
	int ret = 0;

	for (i = 0; i < n && !ret; i++)
		ret = gpu_ppgtt_remap(&s->pp, va + i * PG, gm + (n - 1 - i) * PG);
	return ret;
}

/* ---- "nothing else changed" ------------------------------------------- */

static void snap_take(struct vgpu *v)
{
	struct gpu *g = &v->g;
	unsigned int e;

	memcpy(v->snap, g->mem, g->mem_size);
	memset(v->skip, 0, g->mem_size / PG);
	for (e = 0; e < MVGPU_NUM_ENGINES; e++) {
		memset(v->skip + (g->ring[e].gm - g->gm_base) / PG, 1,
		       GPU_RING_SIZE / PG);
		v->skip[(g->ring[e].hws_gm - g->gm_base) / PG] = 1;
	}
}

static void snap_skip_gm(struct vgpu *v, uint64_t gm, uint64_t len)
{
	uint64_t p;

	for (p = gm & ~(uint64_t)(PG - 1); p < gm + len; p += PG)
		if (gpu_va(&v->g, p))
			v->skip[(p - v->g.gm_base) / PG] = 1;
}

/* Skip the pages @s maps [@va, +@len) to. */
static void snap_skip_va(struct space *s, uint64_t va, uint64_t len)
{
	uint64_t p;

	for (p = va & ~(uint64_t)(PG - 1); p < va + len; p += PG) {
		uint64_t pa = gpu_ppgtt_lookup(&s->pp, p);

		if (pa != GPU_PPGTT_NONE && gpu_pa_va(&s->v->g, pa))
			s->v->skip[(pa - s->v->g.iova) / PG] = 1;
	}
}

/* Whether every byte outside the skipped pages is as in the snapshot. */
static bool snap_check(struct vgpu *v, const char *what)
{
	const struct gpu *g = &v->g;
	size_t off, i;

	for (off = 0; off < g->mem_size; off += PG) {
		if (v->skip[off / PG] || !memcmp(v->snap + off, g->mem + off, PG))
			continue;
		for (i = 0; v->snap[off + i] == g->mem[off + i]; i++)
			;
		tap_ok(false, "%s: no other byte of the guest memory changed", what);
		tap_diag("  guest memory byte %#zx (gm %#llx): %#x, was %#x", off + i,
			 (unsigned long long)(g->gm_base + off + i),
			 g->mem[off + i], v->snap[off + i]);
		return false;
	}
	return tap_ok(true, "%s: no other byte of the guest memory changed", what);
}

/* ---- the other vGPU: GGTT work next to A's ------------------------------ */

#define O_N		(16u << 10)
#define O_PITCH		1024u
#define O_ROWS		32u

static struct {
	uint64_t a_gm, b_gm, d_gm, surf_gm, guard_gm;
	uint32_t *a, *b, *d, *ref;
	uint8_t *surf, *exp, *guard;
	uint32_t k, t_rcs, t_bcs, color;
	int ret;
} O;

static uint8_t guard_byte(size_t i)
{
	return (uint8_t)(i * 31 + 7);
}

static int other_init(void)
{
	struct gpu *g = &B.g;
	uint32_t i;

	O.a_gm = gpu_alloc(g, O_N * 4, 0);
	O.b_gm = gpu_alloc(g, O_N * 4, 0);
	O.d_gm = gpu_alloc(g, O_N * 4, 0);
	O.surf_gm = gpu_alloc(g, O_PITCH * O_ROWS, 0);
	O.guard_gm = gpu_alloc(g, PG, 0);
	O.ref = malloc(O_N * 4);
	O.exp = malloc(O_PITCH * O_ROWS);
	if (!O.guard_gm || !O.ref || !O.exp)
		return -ENOMEM;
	O.a = gpu_va(g, O.a_gm);
	O.b = gpu_va(g, O.b_gm);
	O.d = gpu_va(g, O.d_gm);
	O.surf = gpu_va(g, O.surf_gm);
	O.guard = gpu_va(g, O.guard_gm);
	for (i = 0; i < O_N; i++) {
		O.a[i] = i * 2654435761u + 17;
		O.b[i] = ~i * 40503u;
	}
	for (i = 0; i < PG; i++)
		O.guard[i] = guard_byte(i);
	memset(O.exp, 0, O_PITCH * O_ROWS);
	return 0;
}

/* Queue one round of B's work on both engines. */
static void other_kick(void)
{
	struct gpu *g = &B.g;
	uint32_t k = ++O.k;
	struct gpu_cs cs;
	uint32_t buf[64];

	memset(O.d, 0, O_N * 4);
	memset((void *)B.res, 0, 64);
	O.color = 0xff000000u | (k * 0x0a0b0c);
	cs_init(&cs, buf, 0, sizeof(buf));
	cs_compute(&cs, MVGPU_KERNEL_SAXPY, O_N, O.a_gm, O.b_gm, O.d_gm, k);
	cs_compute(&cs, MVGPU_KERNEL_CHECKSUM, O_N, O.d_gm, 0, B.res_gm + 4, 0);
	cs_sdi32(&cs, B.res_gm + 8, k);
	cs_user_interrupt(&cs);
	O.ret = gpu_submit(g, RCS, &cs, &O.t_rcs);
	cs_init(&cs, buf, 0, sizeof(buf));
	cs_color_blt(&cs, O.surf_gm, O_PITCH, k % 8, k % 4, 100 + k % 8, 20,
		     O.color);
	cs_flush_dw_store32(&cs, B.res_gm + 16, ~k);
	if (!O.ret)
		O.ret = gpu_submit(g, BCS, &cs, &O.t_bcs);
}

/* Wait for the round, check every result; one test point. */
static bool other_check(const char *what)
{
	struct gpu *g = &B.g;
	uint32_t k = O.k, x, y;
	bool ok = true;
	unsigned int e;
	int r1 = O.ret, r2 = O.ret;

	if (!r1)
		r1 = gpu_wait(g, RCS, O.t_rcs, WAIT_MS, NULL);
	if (!r2)
		r2 = gpu_wait(g, BCS, O.t_bcs, WAIT_MS, NULL);
	for (e = 0; e < MVGPU_NUM_ENGINES; e++) {
		uint32_t code;

		gpu_engine_error(g, e, &code, NULL, NULL);
		if (code != MVGPU_ERR_NONE || (e ? r2 : r1)) {
			tap_diag("  other vGPU %s: %s; PV error %s", eng_name(e),
				 g->err, gpu_err_name(code));
			gpu_engine_reset(g, e, 2000);
			gpu_ring_restart(g, e);
			ok = false;
		}
	}
	for (y = k % 4; y < 20; y++)
		for (x = k % 8; x < 100 + k % 8; x++)
			memcpy(O.exp + y * O_PITCH + 4 * x, &O.color, 4);
	if (ok) {
		gpu_saxpy_ref(O.ref, O.a, O.b, O_N, k);
		if (memcmp(O.d, O.ref, O_N * 4) ||
		    B.res[1] != gpu_fnv1a(O.ref, O_N * 4) || B.res[2] != k ||
		    B.res[4] != ~k) {
			tap_diag("  other vGPU: SAXPY %s, checksum %#x, stores %#x %#x",
				 memcmp(O.d, O.ref, O_N * 4) ? "wrong" : "right",
				 B.res[1], B.res[2], B.res[4]);
			ok = false;
		}
		if (memcmp(O.surf, O.exp, O_PITCH * O_ROWS)) {
			tap_diag("  other vGPU: the blit result is wrong");
			ok = false;
		}
	}
	for (x = 0; x < PG; x++) {
		if (O.guard[x] != guard_byte(x)) {
			tap_diag("  other vGPU: its guard page changed at byte %u", x);
			ok = false;
			break;
		}
	}
	/* Later rounds compare against what is there now. */
	memcpy(O.exp, O.surf, O_PITCH * O_ROWS);
	return tap_ok(ok, "%s: the other vGPU's GGTT work meanwhile is correct",
		      what);
}

/* ---- refused workloads ------------------------------------------------ */

static struct space X, Y;	/* the two spaces; X also for recovery */

/* A ring segment that first stores a marker (it must not land). */
static void ring_begin(struct gpu_cs *cs)
{
	A.res[S_MARK] = 0;
	cs_ring(cs);
	cs_sdi32(cs, A.res_gm + 4 * S_MARK, 0xa11);
}

/* Ring offset of the next command of @cs begun at engine @e's tail. */
static uint32_t here(unsigned int e, const struct gpu_cs *cs)
{
	return (A.g.ring[e].tail + cs_bytes(cs)) % GPU_RING_SIZE;
}

struct want {
	uint32_t code;
	uint32_t off;	/* offset of the offending command in its buffer */
	uint64_t buf;	/* that buffer (0: a PPGTT batch, only printed) */
};

/*
 * Submit @cs on A's engine @e, next to a round of B's work; the workload
 * must be refused as @w says.  The caller recovers the engine (recover()).
 */
static void expect_error(const char *what, unsigned int e, struct gpu_cs *cs,
			 const struct want *w)
{
	uint32_t bits, code = 0, off = 0;
	uint64_t buf = 0;

	other_kick();
	if (gpu_submit(&A.g, e, cs, NULL))
		tap_diag("  %s: submit: %s", what, A.g.err);
	gpu_irq_wait(&A.g, MVGPU_GT0_ERROR(e), ERR_MS);
	gpu_irq_poll(&A.g, 0);
	bits = gpu_irq_take(&A.g, GPU_GT0_BITS(e));
	gpu_engine_error(&A.g, e, &code, &off, &buf);
	if (!tap_ok((bits & MVGPU_GT0_ERROR(e)) && code == w->code,
		    "%s: ERROR interrupt of %s, PV error %s", what, eng_name(e),
		    gpu_err_name(w->code)))
		tap_diag("  IIR bits %#x; PV error %s (%u) at %#x of %#llx", bits,
			 gpu_err_name(code), code, off, (unsigned long long)buf);
	if (w->buf) {
		if (!tap_ok(off == w->off && buf == w->buf,
			    "%s: the PV error names the offending command", what))
			tap_diag("  offset %#x of %#llx, want %#x of %#llx", off,
				 (unsigned long long)buf, w->off,
				 (unsigned long long)w->buf);
	} else {
		if (!tap_ok(off == w->off,
			    "%s: the PV error names the offending command's offset in its batch",
			    what))
			tap_diag("  offset %#x, want %#x", off, w->off);
		tap_diag("%s: PV error buffer %#llx", what, (unsigned long long)buf);
	}
	tap_eq(A.res[S_MARK], 0,
	       "%s: nothing executed (a store before it did not land)", what);
	other_check(what);
}

/* A good PPGTT workload of A on @e: a store through X. */
static bool good_work(unsigned int e, uint32_t val)
{
	X.res[64 + e] = 0;
	return !pp_store(&X, e, VA_RES + 4 * (64 + e), val, 0) &&
	       X.res[64 + e] == val;
}

/* After an error: GDRST, restart the ring, a PPGTT workload works. */
static void recover(const char *what, unsigned int e)
{
	static uint32_t seq = 0x600d0000;
	uint32_t code = ~0u;
	int ret;

	ret = gpu_engine_reset(&A.g, e, 2000);
	if (!ret)
		ret = gpu_ring_restart(&A.g, e);
	gpu_irq_poll(&A.g, 0);
	gpu_irq_take(&A.g, GPU_GT0_BITS(e));
	gpu_engine_error(&A.g, e, &code, NULL, NULL);
	if (!tap_ok(!ret && code == MVGPU_ERR_NONE && good_work(e, ++seq),
		    "%s: after GDRST a PPGTT workload runs correctly", what))
		tap_diag("  reset %d, PV error %s: %s", ret, gpu_err_name(code),
			 A.g.err);
}

static void refused(const char *what, unsigned int e, struct gpu_cs *cs,
		    const struct want *w)
{
	expect_error(what, e, cs, w);
	recover(what, e);
}

/* ---- caps ------------------------------------------------------------- */

static const char *const stat_keys[] = {
	"roots", "tables", "mapped", "builds", "syncs", "invalidations",
	"entries_changed", "scratch_entries", "limit_errors", "unmap_scratched",
	"bad_roots",
};

static bool test_caps(void)
{
	uint32_t caps = gpu_rd(&A.g, PV(MVGPU_PV_CAPS)), v = A.g.pv_version;
	unsigned int i, missing = 0;
	bool ok;

	tap_diag("PV version %u.%u, caps %#x", v >> 16, v & 0xffff, caps);
	tap_ok(v >> 16 == MVGPU_PV_VERSION_MAJOR && (v & 0xffff) >= 2,
	       "caps: PV version 1.2 or later");
	ok = tap_ok(caps & MVGPU_PV_CAP_PPGTT, "caps: PV caps has MVGPU_PV_CAP_PPGTT");
	for (i = 0; i < sizeof(stat_keys) / sizeof(stat_keys[0]); i++) {
		if (pstat(&A, stat_keys[i]) < 0) {
			tap_diag("  no \"%s:\" in debugfs vgpu%u/ppgtt", stat_keys[i],
				 A.g.vgpu_id);
			missing++;
		}
	}
	tap_eq(missing, 0, "caps: debugfs vgpu<id>/ppgtt has every counter");
	return ok;
}

/* ---- two address spaces ----------------------------------------------- */

#define NB		(16u << 10)
#define NB_BYTES	(NB * 4)
#define SURF_PITCH	1024u
#define SURF_ROWS	32u
#define SURF_BYTES	(SURF_PITCH * SURF_ROWS)
/* 136 KiB below a 1 GiB boundary of PML4 slot 3: d crosses it. */
#define VA_DATA		((3ull << 39) + (1ull << 30) - 0x22000)
#define VA_A		VA_DATA
#define VA_B		(VA_A + NB_BYTES)
#define VA_D		(VA_B + NB_BYTES)
#define VA_SURF		(VA_D + NB_BYTES)
#define DATA_BYTES	(3 * NB_BYTES + SURF_BYTES)
#define RECT_X1		3u
#define RECT_Y1		2u
#define RECT_X2		200u
#define RECT_Y2		30u

struct bdata {
	uint32_t scalar, marker, color;
	uint32_t *a, *b, *ref, *d;
	uint8_t *surf;
};

static uint8_t surf_byte(unsigned int s, size_t i)
{
	return (uint8_t)(i * 13 + 5 + 101 * s);
}

static int two_setup(struct space *s, struct bdata *bd, unsigned int idx)
{
	struct gpu *g = &A.g;
	uint64_t data_gm;
	size_t i;
	int ret;

	ret = space_init(s, &A, idx ? "Y" : "X", 4);
	data_gm = gpu_alloc(g, DATA_BYTES, 0);
	if (!ret && !data_gm)
		ret = -ENOMEM;
	if (!ret)
		ret = map_reversed(s, VA_DATA, data_gm, DATA_BYTES);
	bd->a = malloc(NB_BYTES);
	bd->b = malloc(NB_BYTES);
	bd->ref = malloc(NB_BYTES);
	bd->d = malloc(NB_BYTES);
	bd->surf = malloc(SURF_BYTES);
	if (ret || !bd->a || !bd->b || !bd->ref || !bd->d || !bd->surf)
		return ret ? ret : -ENOMEM;
	bd->scalar = 3 + 4 * idx;
	bd->marker = 0x5a0 + idx;
	bd->color = idx ? 0xff00ff00u : 0xff0000ffu;
	for (i = 0; i < NB; i++) {
		bd->a[i] = i * 7919u + 1 + idx * 0x10000000u;
		bd->b[i] = (uint32_t)i ^ (idx ? 0xa5a5a5a5u : 0x5a5a5a5au);
	}
	for (i = 0; i < SURF_BYTES; i++)
		bd->surf[i] = surf_byte(idx, i);
	ret = gpu_ppgtt_write(&s->pp, VA_A, bd->a, NB_BYTES);
	if (!ret)
		ret = gpu_ppgtt_write(&s->pp, VA_B, bd->b, NB_BYTES);
	if (!ret)
		ret = gpu_ppgtt_write(&s->pp, VA_SURF, bd->surf, SURF_BYTES);
	gpu_saxpy_ref(bd->ref, bd->a, bd->b, NB, bd->scalar);
	return ret;
}

static void two_batches(struct space *s, const struct bdata *bd)
{
	struct gpu_cs b;

	bb_begin(s, 0, &b);
	cs_compute(&b, MVGPU_KERNEL_SAXPY, NB, VA_A, VA_B, VA_D, bd->scalar);
	cs_compute(&b, MVGPU_KERNEL_CHECKSUM, NB, VA_D, 0, VA_RES, 0);
	cs_sdi32_ppgtt(&b, VA_RES + 4, bd->marker);
	cs_bb_end(&b);
	bb_begin(s, 1, &b);
	cs_color_blt(&b, VA_SURF, SURF_PITCH, RECT_X1, RECT_Y1, RECT_X2, RECT_Y2,
		     bd->color);
	cs_flush_dw_store32_ppgtt(&b, VA_RES + 8, ~bd->marker);
	cs_bb_end(&b);
}

static void two_check(struct space *s, struct bdata *bd)
{
	uint32_t res[PG / 4] = { 0 }, x, y;
	int ret;

	ret = gpu_ppgtt_read(&s->pp, VA_D, bd->d, NB_BYTES);
	if (!tap_ok(!ret && !memcmp(bd->d, bd->ref, NB_BYTES),
		    "two spaces: %s: SAXPY result in its own pages", s->name)) {
		for (x = 0; !ret && x < NB && bd->d[x] == bd->ref[x]; x++)
			;
		if (!ret && x < NB)
			tap_diag("  element %u: %#x, want %#x", x, bd->d[x],
				 bd->ref[x]);
	}
	res[0] = gpu_fnv1a(bd->ref, NB_BYTES);
	res[1] = bd->marker;
	res[2] = ~bd->marker;
	if (!tap_ok(!memcmp((const void *)s->res, res, PG),
		    "two spaces: %s: CHECKSUM and the PPGTT stores in its results page, nothing else there",
		    s->name))
		tap_diag("  results %#x %#x %#x, want %#x %#x %#x", s->res[0],
			 s->res[1], s->res[2], res[0], res[1], res[2]);
	for (y = RECT_Y1; y < RECT_Y2; y++)
		for (x = RECT_X1; x < RECT_X2; x++)
			memcpy(bd->surf + y * SURF_PITCH + 4 * x, &bd->color, 4);
	{
		uint8_t *got = malloc(SURF_BYTES);

		ret = got ? gpu_ppgtt_read(&s->pp, VA_SURF, got, SURF_BYTES) :
			    -ENOMEM;
		tap_ok(!ret && !memcmp(got, bd->surf, SURF_BYTES),
		       "two spaces: %s: XY_COLOR_BLT filled exactly its rectangle",
		       s->name);
		free(got);
	}
}

static void test_two_spaces(void)
{
	const char *what = "two spaces";
	struct bdata bx = { 0 }, by = { 0 };
	long long builds0 = pstat(&A, "builds");
	uint32_t t_rcs = 0, t_bcs = 0;
	struct gpu_cs cs;
	int r1, r2;

	if (!tap_ok(!two_setup(&X, &bx, 0) && !two_setup(&Y, &by, 1),
		    "two spaces: build X and Y (same addresses, other pages)")) {
		tap_diag("  %s", A.g.err);
		goto out;
	}
	tap_diag("X root %#llx (%u tables), Y root %#llx (%u tables)",
		 (unsigned long long)X.pp.root, X.pp.tables,
		 (unsigned long long)Y.pp.root, Y.pp.tables);
	two_batches(&X, &bx);
	two_batches(&Y, &by);
	snap_take(&A);
	snap_skip_va(&X, VA_D, NB_BYTES);
	snap_skip_va(&X, VA_SURF, SURF_BYTES);
	snap_skip_va(&X, VA_RES, PG);
	snap_skip_va(&Y, VA_D, NB_BYTES);
	snap_skip_va(&Y, VA_SURF, SURF_BYTES);
	snap_skip_va(&Y, VA_RES, PG);

	cs_ring(&cs);
	cs_lri_pml4(&cs, RCS, X.pp.root);
	cs_bb_start_ppgtt(&cs, bb_va(0));
	cs_lri_pml4(&cs, RCS, Y.pp.root);
	cs_bb_start_ppgtt(&cs, bb_va(0));
	cs_user_interrupt(&cs);
	r1 = gpu_submit(&A.g, RCS, &cs, &t_rcs);
	cs_ring(&cs);
	cs_lri_pml4(&cs, BCS, X.pp.root);
	cs_bb_start_ppgtt(&cs, bb_va(1));
	cs_lri_pml4(&cs, BCS, Y.pp.root);
	cs_bb_start_ppgtt(&cs, bb_va(1));
	cs_user_interrupt(&cs);
	r2 = gpu_submit(&A.g, BCS, &cs, &t_bcs);
	if (!r1)
		r1 = gpu_wait(&A.g, RCS, t_rcs, WAIT_MS, NULL);
	if (!tap_ok(!r1, "two spaces: RCS: LRI X, PPGTT batch, LRI Y, PPGTT batch complete"))
		tap_diag("  %s", A.g.err);
	if (!r2)
		r2 = gpu_wait(&A.g, BCS, t_bcs, WAIT_MS, NULL);
	if (!tap_ok(!r2, "two spaces: BCS: LRI X, PPGTT batch, LRI Y, PPGTT batch complete"))
		tap_diag("  %s", A.g.err);
	two_check(&X, &bx);
	two_check(&Y, &by);
	snap_check(&A, what);
	tap_ok(gpu_pml4_get(&A.g, RCS) == Y.pp.root &&
	       gpu_pml4_get(&A.g, BCS) == Y.pp.root,
	       "two spaces: the PML4 registers read the last root the rings loaded");
	if (!tap_ok(pstat(&A, "builds") - builds0 >= 2 && pstat(&A, "roots") >= 2,
		    "two spaces: debugfs: two roots built"))
		tap_diag("  builds %lld (was %lld), roots %lld", pstat(&A, "builds"),
			 builds0, pstat(&A, "roots"));
out:
	free(bx.a); free(bx.b); free(bx.ref); free(bx.d); free(bx.surf);
	free(by.a); free(by.b); free(by.ref); free(by.d); free(by.surf);
}

/* ---- TLB semantics ------------------------------------------------------ */

#define VA_T		0x0000001234567000ull

static void test_tlb(void)
{
	struct space T;
	uint64_t p_gm;
	volatile uint32_t *p1, *p2, *p3;
	long long inv0, syncs0, changed0, inv1;
	int ret;

	ret = space_init(&T, &A, "T", 2);
	p_gm = gpu_alloc(&A.g, 3 * PG, 0);
	if (!ret && p_gm)
		ret = gpu_ppgtt_remap(&T.pp, VA_T, p_gm);
	if (!tap_ok(!ret && p_gm, "TLB: build a space with one data page")) {
		tap_diag("  %s", A.g.err);
		return;
	}
	p1 = gpu_va(&A.g, p_gm);
	p2 = gpu_va(&A.g, p_gm + PG);
	p3 = gpu_va(&A.g, p_gm + 2 * PG);

	/* RCS, TLB_INV by MMIO. */
	tap_ok(!pp_store(&T, RCS, VA_T, 0x11, 0) && p1[0] == 0x11,
	       "TLB: a PPGTT store lands in the page mapped");
	inv0 = pstat(&A, "invalidations");
	syncs0 = pstat(&A, "syncs");
	changed0 = pstat(&A, "entries_changed");
	gpu_ppgtt_remap(&T.pp, VA_T, p_gm + PG);
	ret = pp_store(&T, RCS, VA_T, 0x12, 0);
	if (!tap_ok(!ret && p1[0] == 0x12 && p2[0] == 0,
		    "TLB: RCS: a changed PT entry is not seen without an invalidation (the old page is written)"))
		tap_diag("  old page %#x, new page %#x", p1[0], p2[0]);
	ret = gpu_tlb_invalidate(&A.g);
	if (!tap_ok(!ret, "TLB: TLB_INV completes (the bit reads back 0)"))
		tap_diag("  %s", A.g.err);
	inv1 = pstat(&A, "invalidations");
	ret = pp_store(&T, RCS, VA_T, 0x13, 0);
	if (!tap_ok(!ret && p2[0] == 0x13 && p1[0] == 0x12,
		    "TLB: RCS: after TLB_INV the new page is written"))
		tap_diag("  old page %#x, new page %#x", p1[0], p2[0]);
	if (!tap_ok(inv1 > inv0 && pstat(&A, "syncs") > syncs0 &&
		    pstat(&A, "entries_changed") > changed0,
		    "TLB: debugfs invalidations, syncs and entries_changed moved"))
		tap_diag("  invalidations %lld -> %lld, syncs %lld -> %lld, entries_changed %lld -> %lld",
			 inv0, inv1, syncs0, pstat(&A, "syncs"), changed0,
			 pstat(&A, "entries_changed"));

	/* BCS, MI_FLUSH_DW with INVALIDATE_TLB before the batch. */
	gpu_ppgtt_remap(&T.pp, VA_T, p_gm + 2 * PG);
	ret = pp_store(&T, BCS, VA_T, 0x21, 0);
	if (!tap_ok(!ret && p2[0] == 0x21 && p3[0] == 0,
		    "TLB: BCS: a changed PT entry is not seen without an invalidation"))
		tap_diag("  old page %#x, new page %#x", p2[0], p3[0]);
	inv0 = pstat(&A, "invalidations");
	ret = pp_store(&T, BCS, VA_T, 0x22, F_FLUSH);
	if (!tap_ok(!ret && p3[0] == 0x22 && p2[0] == 0x21,
		    "TLB: BCS: with MI_FLUSH_DW INVALIDATE_TLB in the submission the new page is written"))
		tap_diag("  old page %#x, new page %#x", p2[0], p3[0]);
	tap_ok(pstat(&A, "invalidations") > inv0,
	       "TLB: BCS: debugfs invalidations moved");

	/* RCS, PIPE_CONTROL with TLB_INVALIDATE behind the batch. */
	gpu_ppgtt_remap(&T.pp, VA_T, p_gm);
	ret = pp_store(&T, RCS, VA_T, 0x31, 0);
	if (!tap_ok(!ret && p3[0] == 0x31 && p1[0] == 0x12,
		    "TLB: RCS: again not seen without an invalidation"))
		tap_diag("  old page %#x, new page %#x", p3[0], p1[0]);
	inv0 = pstat(&A, "invalidations");
	ret = pp_store(&T, RCS, VA_T, 0x32, F_PC);
	if (!tap_ok(!ret && p1[0] == 0x32 && p3[0] == 0x31,
		    "TLB: RCS: with PIPE_CONTROL TLB_INVALIDATE after the batch the new page is written (the whole submission sees the tables as submitted)"))
		tap_diag("  old page %#x, new page %#x", p3[0], p1[0]);
	tap_ok(pstat(&A, "invalidations") > inv0,
	       "TLB: RCS: debugfs invalidations moved");
}

/* ---- the root loaded by MMIO -------------------------------------------- */

static void test_mmio_root(void)
{
	unsigned int e;

	for (e = 0; e < MVGPU_NUM_ENGINES; e++) {
		uint64_t before = gpu_pml4_get(&A.g, e);
		struct gpu_cs cs;
		struct want w;

		X.res[66 + e] = 0;
		gpu_pml4_set(&A.g, e, Y.pp.root);
		tap_eq(gpu_pml4_get(&A.g, e), before,
		       "MMIO root: %s: an MMIO write leaves PML4 as the ring loaded it",
		       eng_name(e));
		ring_begin(&cs);
		w = (struct want){ MVGPU_ERR_BAD_FIELD, here(e, &cs),
				   A.g.ring[e].gm };
		cs_bb_start_ppgtt(&cs, bb_va(e));
		expect_error("MMIO root: a PPGTT batch without an LRI of PML4", e,
			     &cs, &w);
		recover("MMIO root", e);
	}
}

/* ---- GGTT bits, and what stays refused ------------------------------- */

/* Slots of X's results page for this part. */
#define R_P1		8
#define R_P2		9
#define R_PQ		5	/* qword: byte 40 */
#define R_BAD		12

static void test_ggtt_bits(void)
{
	struct gpu_cs b, cs;
	struct want w;
	int ret;

	/* RCS: MI_STORE_DATA_IMM and PIPE_CONTROL, both ways. */
	memset((void *)A.res, 0, 64);
	memset((void *)X.res, 0, 64);
	bb_begin(&X, 2, &b);
	cs_sdi32(&b, A.res_gm + 4 * S_G1, 0xd1);
	cs_pipe_control_store(&b, A.res_gm + 8 * S_GQ, 0xd2d2d2d2d2ull);
	cs_sdi32_ppgtt(&b, VA_RES + 4 * R_P1, 0xd3);
	cs_pipe_control_store_ppgtt(&b, VA_RES + 8 * R_PQ, 0xd4d4d4d4d4ull);
	cs_bb_end(&b);
	ret = pp_run(&X, RCS, 2, 0);
	tap_ok(!ret, "GGTT bits: RCS: a PPGTT batch with GGTT and PPGTT stores completes");
	tap_ok(A.res[S_G1] == 0xd1,
	       "GGTT bits: RCS: MI_STORE_DATA_IMM with MI_USE_GGTT reaches the GGTT address");
	tap_ok(A.res[2 * S_GQ] == 0xd2d2d2d2u && A.res[2 * S_GQ + 1] == 0xd2,
	       "GGTT bits: RCS: PIPE_CONTROL with GLOBAL_GTT reaches the GGTT address");
	tap_ok(X.res[R_P1] == 0xd3 && X.res[2 * R_PQ] == 0xd4d4d4d4u &&
	       X.res[2 * R_PQ + 1] == 0xd4,
	       "GGTT bits: RCS: MI_STORE_DATA_IMM and PIPE_CONTROL without it reach the PPGTT address");

	/* BCS: MI_FLUSH_DW and MI_STORE_DATA_IMM, both ways. */
	bb_begin(&X, 3, &b);
	cs_flush_dw_store32(&b, A.res_gm + 4 * S_G3, 0xd5);
	cs_sdi32(&b, A.res_gm + 4 * S_G4, 0xd6);
	cs_flush_dw_store32_ppgtt(&b, VA_RES + 4 * (R_P1 + 8), 0xd7);
	cs_sdi32_ppgtt(&b, VA_RES + 4 * (R_P2 + 8), 0xd8);
	cs_bb_end(&b);
	ret = pp_run(&X, BCS, 3, 0);
	tap_ok(!ret, "GGTT bits: BCS: a PPGTT batch with GGTT and PPGTT stores completes");
	tap_ok(A.res[S_G3] == 0xd5 && A.res[S_G4] == 0xd6,
	       "GGTT bits: BCS: MI_FLUSH_DW with USE_GGTT and MI_STORE_DATA_IMM with MI_USE_GGTT reach the GGTT");
	tap_ok(X.res[R_P1 + 8] == 0xd7 && X.res[R_P2 + 8] == 0xd8,
	       "GGTT bits: BCS: MI_FLUSH_DW and MI_STORE_DATA_IMM without it reach the PPGTT");

	/* A GGTT store outside the slices in a PPGTT batch. */
	X.res[R_BAD] = 0;
	bb_begin(&X, 2, &b);
	cs_sdi32_ppgtt(&b, VA_RES + 4 * R_BAD, 0xbad1);
	cs_sdi32(&b, 0x1000, 0xbad);		/* the host's aperture */
	cs_bb_end(&b);
	ring_begin(&cs);
	cs_lri_pml4(&cs, RCS, X.pp.root);
	cs_bb_start_ppgtt(&cs, bb_va(2));
	w = (struct want){ MVGPU_ERR_ADDRESS, 16, 0 };
	expect_error("GGTT store outside the slices in a PPGTT batch", RCS, &cs, &w);
	tap_eq(X.res[R_BAD], 0,
	       "GGTT store outside the slices in a PPGTT batch: the PPGTT store before it did not land");
	recover("GGTT store outside the slices in a PPGTT batch", RCS);

	bb_begin(&X, 3, &b);
	cs_flush_dw_store32(&b, O.guard_gm, 0xbad);	/* B's slice */
	cs_bb_end(&b);
	ring_begin(&cs);
	cs_lri_pml4(&cs, BCS, X.pp.root);
	cs_bb_start_ppgtt(&cs, bb_va(3));
	w = (struct want){ MVGPU_ERR_ADDRESS, 0, 0 };
	refused("GGTT flush store into the other vGPU in a PPGTT batch", BCS,
		&cs, &w);

	/* LRI of PML4 in a batch. */
	bb_begin(&X, 2, &b);
	cs_lri_pml4(&b, RCS, Y.pp.root);
	cs_bb_end(&b);
	ring_begin(&cs);
	cs_lri_pml4(&cs, RCS, X.pp.root);
	cs_bb_start_ppgtt(&cs, bb_va(2));
	w = (struct want){ MVGPU_ERR_REGISTER, 0, 0 };
	refused("LRI of PML4 in a PPGTT batch", RCS, &cs, &w);

	cs_init_gm(&b, &A.g, A.bb_gm, PG);
	cs_lri_pml4(&b, BCS, X.pp.root);
	cs_bb_end(&b);
	ring_begin(&cs);
	cs_bb_start(&cs, A.bb_gm, 0);
	w = (struct want){ MVGPU_ERR_REGISTER, 0, A.bb_gm };
	refused("LRI of PML4 in a GGTT batch", BCS, &cs, &w);

	/* Stores without their GGTT bit outside PPGTT batches. */
	cs_init_gm(&b, &A.g, A.bb_gm, PG);
	cs_sdi32_ppgtt(&b, A.res_gm + 4 * S_G2, 0xbad);
	cs_bb_end(&b);
	ring_begin(&cs);
	cs_bb_start(&cs, A.bb_gm, 0);
	w = (struct want){ MVGPU_ERR_BAD_FIELD, 0, A.bb_gm };
	refused("MI_STORE_DATA_IMM without MI_USE_GGTT in a GGTT batch", RCS,
		&cs, &w);

	ring_begin(&cs);
	w = (struct want){ MVGPU_ERR_BAD_FIELD, here(BCS, &cs), A.g.ring[BCS].gm };
	cs_sdi32_ppgtt(&cs, A.res_gm + 4 * S_G2, 0xbad);
	refused("MI_STORE_DATA_IMM without MI_USE_GGTT in the ring", BCS, &cs,
		&w);
}

/* ---- malicious roots ---------------------------------------------------- */

/* A BB_START | PPGTT in the ring with @root (by LRI unless @mmio). */
static void bad_root(const char *what, unsigned int e, uint64_t root,
		     uint64_t batch, uint32_t code)
{
	long long bad0 = pstat(&A, "bad_roots");
	struct gpu_cs cs;
	struct want w;

	ring_begin(&cs);
	/* A root is refused at its load; a batch at its first command. */
	if (batch == bb_va(e))
		w = (struct want){ code, here(e, &cs), A.g.ring[e].gm };
	else
		w = (struct want){ code, 0, 0 };
	cs_lri_pml4(&cs, e, root);
	cs_bb_start_ppgtt(&cs, batch);
	expect_error(what, e, &cs, &w);
	if (batch == bb_va(e))
		tap_ok(pstat(&A, "bad_roots") > bad0,
		       "%s: debugfs bad_roots moved", what);
	recover(what, e);
}

static void test_bad_roots(void)
{
	struct gpu_cs b;

	bb_begin(&X, 0, &b);
	cs_sdi32_ppgtt(&b, VA_RES + 4 * R_BAD, 0xbad);
	cs_bb_end(&b);
	bb_begin(&X, 1, &b);
	cs_sdi32_ppgtt(&b, VA_RES + 4 * R_BAD, 0xbad);
	cs_bb_end(&b);
	X.res[R_BAD] = 0;
	/* IOVA 0 is not DMA-mapped here: a root like any other. */
	bad_root("root 0", RCS, 0, bb_va(RCS), MVGPU_ERR_ADDRESS);
	bad_root("root not 4 KiB aligned", BCS, X.pp.root + 0x800, bb_va(BCS),
		 MVGPU_ERR_BAD_FIELD);
	bad_root("root at 1 << 39", RCS, 1ull << 39 | X.pp.root, bb_va(RCS),
		 MVGPU_ERR_BAD_FIELD);
	bad_root("root in the top bits", BCS, 1ull << 63 | X.pp.root,
		 bb_va(BCS), MVGPU_ERR_BAD_FIELD);
	bad_root("root at an IOVA that is not DMA-mapped", BCS, NOMAP_IOVA,
		 bb_va(BCS), MVGPU_ERR_ADDRESS);
	bad_root("batch at an unmapped PPGTT address", RCS, X.pp.root,
		 VA_NOBB, MVGPU_ERR_ADDRESS);
	tap_eq(X.res[R_BAD], 0, "bad roots: no store of a refused batch landed");
}

/* ---- malicious entries ------------------------------------------------- */

#define VA_E1		0x0000000100000000ull	/* PT entry: not mapped */
#define VA_E2		0x0000000140000000ull	/* PD entry: not mapped */
#define VA_E3		0x0000000180000000ull	/* PD entry with PS */
#define VA_E4		0x0000008000000000ull	/* PDP entry with PS */
#define VA_E5		0x00000001c0000000ull	/* PT entries, bad bits */
#define CANARY_PAGES	8u

static uint8_t canary_byte(size_t i)
{
	return (uint8_t)(i * 7 + 3);
}

static void test_bad_entries(void)
{
	const char *what = "bad entries";
	struct gpu *g = &A.g;
	struct space M;
	uint64_t canary_gm, canary_pa, ok_gm;
	long long scr0 = pstat(&A, "scratch_entries");
	volatile uint32_t *okp;
	uint8_t *canary;
	struct gpu_cs b, cs;
	uint32_t t_rcs = 0, t_bcs = 0;
	size_t i;
	int ret, r1, r2;

	ret = space_init(&M, &A, "M", 2);
	/* 2 MiB aligned: a PS entry read as a 2 MiB page would hit it. */
	canary_gm = gpu_alloc(g, CANARY_PAGES * PG, 2u << 20);
	ok_gm = gpu_alloc(g, PG, 0);
	if (ret || !canary_gm || !ok_gm) {
		tap_ok(false, "bad entries: build the tree");
		tap_diag("  %s", g->err);
		return;
	}
	canary = gpu_va(g, canary_gm);
	canary_pa = gpu_iova(g, canary_gm);
	okp = gpu_va(g, ok_gm);
	for (i = 0; i < CANARY_PAGES * PG; i++)
		canary[i] = canary_byte(i);
	ret = gpu_ppgtt_map_pa(&M.pp, VA_E1, NOMAP_IOVA + 5 * PG);
	ret |= gpu_ppgtt_set(&M.pp, VA_E2, 2, NOMAP_IOVA | GPU_PPGTT_FLAGS, NULL);
	ret |= gpu_ppgtt_set(&M.pp, VA_E3, 2, canary_pa | GPU_PPGTT_FLAGS |
			     MVGPU_PPGTT_PTE_PS, NULL);
	/* 1 GiB page at the guest memory's IOVA (1 GiB aligned). */
	ret |= gpu_ppgtt_set(&M.pp, VA_E4, 3, A_IOVA | GPU_PPGTT_FLAGS |
			     MVGPU_PPGTT_PTE_PS, NULL);
	ret |= gpu_ppgtt_set(&M.pp, VA_E5, 1, (canary_pa + 3 * PG) |
			     GPU_PPGTT_FLAGS | 1ull << 63, NULL);
	ret |= gpu_ppgtt_set(&M.pp, VA_E5 + PG, 1, (canary_pa + 4 * PG) |
			     GPU_PPGTT_FLAGS | 1ull << 45, NULL);
	ret |= gpu_ppgtt_set(&M.pp, VA_E5 + 2 * PG, 1, (canary_pa + 5 * PG) |
			     GPU_PPGTT_FLAGS | 0x20, NULL);
	ret |= gpu_ppgtt_set(&M.pp, VA_E5 + 3 * PG, 1, (canary_pa + 6 * PG) |
			     GPU_PPGTT_FLAGS | MVGPU_PPGTT_PTE_PS, NULL);
	ret |= gpu_ppgtt_set(&M.pp, VA_E5 + 4 * PG, 1, gpu_iova(g, ok_gm) |
			     MVGPU_PPGTT_PTE_PRESENT | MVGPU_PPGTT_PTE_IGNORED,
			     NULL);
	ret |= gpu_ppgtt_set(&M.pp, VA_E5 + 5 * PG, 1, (canary_pa + 7 * PG) | 0x2,
			     NULL);
	if (!tap_ok(!ret, "bad entries: build a tree with 8 invalid or unmapped present entries")) {
		tap_diag("  %s", g->err);
		return;
	}

	bb_begin(&M, 0, &b);
	cs_sdi32_ppgtt(&b, VA_E1 + 16, 0xe1);
	cs_sdi32_ppgtt(&b, VA_E2 + 0x3000, 0xe2);
	cs_sdi32_ppgtt(&b, VA_E3 + 8, 0xe3);
	cs_sdi32_ppgtt(&b, VA_E4 + (canary_pa - A_IOVA) + 2 * PG, 0xe4);
	for (i = 0; i < 6; i++)
		if (i != 4)
			cs_sdi32_ppgtt(&b, VA_E5 + i * PG + 4 * i, 0xe50 + i);
	cs_sdi32_ppgtt(&b, VA_E5 + 4 * PG, 0x600d);
	cs_compute(&b, MVGPU_KERNEL_SAXPY, PG / 4, VA_E1, VA_E5, VA_E2, 5);
	cs_compute(&b, MVGPU_KERNEL_CHECKSUM, 2 * PG / 4, VA_E5 + 3 * PG, 0,
		   VA_RES + 4, 0);
	cs_sdi32_ppgtt(&b, VA_RES, 0xd0e);
	cs_bb_end(&b);
	bb_begin(&M, 1, &b);
	cs_color_blt(&b, VA_E3, 1024, 0, 0, 256, 4, 0xdeadbeef);
	cs_color_blt(&b, VA_E5, 1024, 0, 0, 256, 8, 0xfeedf00d);
	cs_flush_dw_store32_ppgtt(&b, VA_RES + 8, 0xb0e);
	cs_bb_end(&b);

	snap_take(&A);
	snap_skip_gm(&A, M.res_gm, PG);
	snap_skip_gm(&A, ok_gm, PG);
	cs_ring(&cs);
	cs_lri_pml4(&cs, RCS, M.pp.root);
	cs_bb_start_ppgtt(&cs, bb_va(0));
	cs_user_interrupt(&cs);
	other_kick();
	r1 = gpu_submit(g, RCS, &cs, &t_rcs);
	cs_ring(&cs);
	cs_lri_pml4(&cs, BCS, M.pp.root);
	cs_bb_start_ppgtt(&cs, bb_va(1));
	cs_user_interrupt(&cs);
	r2 = gpu_submit(g, BCS, &cs, &t_bcs);
	if (!r1)
		r1 = gpu_wait(g, RCS, t_rcs, WAIT_MS, NULL);
	if (!tap_ok(!r1 && M.res[0] == 0xd0e,
		    "bad entries: RCS: stores, SAXPY and CHECKSUM through them complete"))
		tap_diag("  %s; result %#x", g->err, M.res[0]);
	if (!r2)
		r2 = gpu_wait(g, BCS, t_bcs, WAIT_MS, NULL);
	if (!tap_ok(!r2 && M.res[2] == 0xb0e,
		    "bad entries: BCS: fills through them complete"))
		tap_diag("  %s; result %#x", g->err, M.res[2]);
	other_check(what);
	tap_eq(okp[0], 0x600d,
	       "bad entries: an entry with only RW, PWT and PCD besides present maps its page");
	snap_check(&A, what);
	for (i = 0; i < CANARY_PAGES * PG && canary[i] == canary_byte(i); i++)
		;
	if (!tap_ok(i == CANARY_PAGES * PG,
		    "bad entries: the pages the invalid entries name are unchanged"))
		tap_diag("  canary page %zu byte %zu: %#x", i / PG, i % PG,
			 canary[i]);
	if (!tap_ok(pstat(&A, "scratch_entries") > scr0,
		    "bad entries: debugfs scratch_entries moved"))
		tap_diag("  scratch_entries %lld, was %lld",
			 pstat(&A, "scratch_entries"), scr0);
	tap_diag("bad entries: scratch_entries %lld -> %lld (8 present entries map scratch)",
		 scr0, pstat(&A, "scratch_entries"));
	if (r1)
		recover(what, RCS);
	if (r2)
		recover(what, BCS);
}

/* ---- cycles --------------------------------------------------------------- */

#define CY_K		300u	/* PML4 entry naming the PML4 */
#define VA_CY		0x0000028000000000ull	/* PML4 5, PDP 0 */
#define CY_PDP		0u
#define CY_M		77u	/* PD entry naming the PD */
#define CY_UP		78u	/* PD entry naming the PDP */

static uint64_t va_of(unsigned int i4, unsigned int i3, unsigned int i2,
		      unsigned int i1)
{
	return (uint64_t)i4 << 39 | (uint64_t)i3 << 30 | (uint64_t)i2 << 21 |
	       (uint64_t)i1 << 12;
}

static void test_cycle(void)
{
	const char *what = "cycle";
	struct gpu *g = &A.g;
	struct space C;
	uint64_t *e, pdp_pa, pd_pa, data_gm;
	struct gpu_cs b, cs;
	int ret;

	ret = space_init(&C, &A, "C", 2);
	data_gm = gpu_alloc(g, PG, 0);
	if (!ret && data_gm)
		ret = gpu_ppgtt_remap(&C.pp, VA_CY, data_gm);
	if (ret || !data_gm) {
		tap_ok(false, "cycle: build the tree");
		tap_diag("  %s", g->err);
		return;
	}
	e = gpu_ppgtt_entry(&C.pp, VA_CY, 4, false);
	pdp_pa = *e & MVGPU_PPGTT_PTE_ADDR_MASK;
	e = gpu_ppgtt_entry(&C.pp, VA_CY, 3, false);
	pd_pa = *e & MVGPU_PPGTT_PTE_ADDR_MASK;
	C.pp.pml4[CY_K] = C.pp.root | GPU_PPGTT_FLAGS;
	ret = gpu_ppgtt_set(&C.pp, va_of(5, CY_PDP, CY_M, 0), 2,
			    pd_pa | GPU_PPGTT_FLAGS, NULL);
	ret |= gpu_ppgtt_set(&C.pp, va_of(5, CY_PDP, CY_UP, 0), 2,
			     pdp_pa | GPU_PPGTT_FLAGS, NULL);
	if (!tap_ok(!ret, "cycle: PML4 entry naming the PML4, PD entries naming the PD and the PDP")) {
		tap_diag("  %s", g->err);
		return;
	}
	/*
	 * Through the loops the tables are data pages: the stores write 0
	 * into entries that are 0, so the memory is unchanged whether the
	 * loops map the tables or scratch.
	 */
	bb_begin(&C, 0, &b);
	cs_sdi32_ppgtt(&b, va_of(CY_K, CY_K, CY_K, CY_K) + 8 * 500, 0);
	cs_sdi32_ppgtt(&b, va_of(CY_K, CY_K, CY_K, 5) + 8 * 400, 0);
	cs_sdi32_ppgtt(&b, va_of(5, CY_PDP, CY_M, CY_M) + 8 * 300, 0);
	cs_sdi32_ppgtt(&b, va_of(5, CY_PDP, CY_UP, CY_PDP) + 8 * 301, 0);
	cs_compute(&b, MVGPU_KERNEL_CHECKSUM, 3 * PG / 4,
		   va_of(CY_K, CY_K, CY_K, CY_K), 0, VA_RES + 4, 0);
	cs_compute(&b, MVGPU_KERNEL_CHECKSUM, PG / 4,
		   va_of(5, CY_PDP, CY_M, CY_M), 0, VA_RES + 8, 0);
	cs_sdi32_ppgtt(&b, VA_CY + 4, 0xc7c1e);
	cs_sdi32_ppgtt(&b, VA_RES, 0xc1c1e);
	cs_bb_end(&b);
	snap_take(&A);
	snap_skip_gm(&A, C.res_gm, PG);
	snap_skip_gm(&A, data_gm, PG);
	cs_ring(&cs);
	cs_lri_pml4(&cs, RCS, C.pp.root);
	cs_bb_start_ppgtt(&cs, bb_va(0));
	cs_user_interrupt(&cs);
	ret = run(&A, RCS, &cs, what);
	tap_ok(!ret && C.res[0] == 0xc1c1e,
	       "cycle: a workload through the loops completes");
	tap_eq(((volatile uint32_t *)gpu_va(g, data_gm))[1], 0xc7c1e,
	       "cycle: a store through the loop-free part of the tree lands");
	snap_check(&A, what);
	if (ret)
		recover(what, RCS);
}

/* ---- a shared subtree --------------------------------------------------- */

static void test_shared(void)
{
	const char *what = "shared subtree";
	struct gpu *g = &A.g;
	struct gpu_ppgtt pp;
	uint64_t pt_gm, pt_pa, pd_pa, pdp_pa, bb_gm, d_gm;
	uint64_t *pt, *pd, *pdp;
	volatile uint32_t *d[4];
	long long t0, t1, r0, r1;
	struct gpu_cs b, cs;
	unsigned int i;
	int ret;

	ret = gpu_ppgtt_init(g, &pp);
	pdp_pa = gpu_iova(g, gpu_alloc(g, PG, 0));
	pd_pa = gpu_iova(g, gpu_alloc(g, PG, 0));
	pt_gm = gpu_alloc(g, PG, 0);
	bb_gm = gpu_alloc(g, PG, 0);
	d_gm = gpu_alloc(g, 3 * PG, 0);
	if (ret || !pdp_pa || !pd_pa || !pt_gm || !bb_gm || !d_gm) {
		tap_ok(false, "shared subtree: build the tree");
		tap_diag("  %s", g->err);
		return;
	}
	pt_pa = gpu_iova(g, pt_gm);
	pdp = gpu_pa_va(g, pdp_pa);
	pd = gpu_pa_va(g, pd_pa);
	pt = gpu_pa_va(g, pt_pa);
	pp.pml4[0] = pdp_pa | GPU_PPGTT_FLAGS;
	pdp[0] = pd_pa | GPU_PPGTT_FLAGS;
	for (i = 0; i < MVGPU_PPGTT_ENTRIES; i++)
		pd[i] = pt_pa | GPU_PPGTT_FLAGS;
	pt[0] = gpu_iova(g, bb_gm) | GPU_PPGTT_FLAGS;
	for (i = 0; i < 3; i++) {
		pt[1 + i] = gpu_iova(g, d_gm + i * PG) | GPU_PPGTT_FLAGS;
		d[1 + i] = gpu_va(g, d_gm + i * PG);
	}
	/* The batch at PD entry 2, PT entry 0 (VA_BB), like everywhere. */
	cs_init_gm(&b, g, bb_gm, PG);
	b.gm = VA_BB;
	cs_sdi32_ppgtt(&b, va_of(0, 0, 5, 1), 0x51);
	cs_sdi32_ppgtt(&b, va_of(0, 0, 511, 2) + 4, 0x52);
	cs_sdi32_ppgtt(&b, va_of(0, 0, 300, 3) + 8, 0x53);
	cs_sdi32_ppgtt(&b, va_of(0, 0, 0, 1) + 12, 0x54);
	cs_bb_end(&b);
	t0 = pstat(&A, "tables");
	r0 = pstat(&A, "roots");
	cs_ring(&cs);
	cs_lri_pml4(&cs, BCS, pp.root);
	cs_bb_start_ppgtt(&cs, VA_BB);
	cs_user_interrupt(&cs);
	ret = run(&A, BCS, &cs, what);
	t1 = pstat(&A, "tables");
	r1 = pstat(&A, "roots");
	tap_ok(!ret, "shared subtree: a workload in a space whose 512 PD entries name one PT completes");
	tap_ok(d[1][0] == 0x51 && d[2][1] == 0x52 && d[3][2] == 0x53 &&
	       d[1][3] == 0x54,
	       "shared subtree: stores through different PD entries land in the shared PT's pages");
	tap_diag("shared subtree: tables %lld -> %lld, roots %lld -> %lld, mapped %lld",
		 t0, t1, r0, r1, pstat(&A, "mapped"));
	tap_eq(t1 - t0, 4,
	       "shared subtree: the shadow costs four tables (PML4, PDP, PD, one PT)");
	if (ret)
		recover(what, BCS);
}

/* ---- limits ------------------------------------------------------------ */

#define VA_L		0x0000004000000000ull	/* PML4 0, PDP 256 */
#define L_PTS		20u
#define VA_L2		0x0000006000000000ull
#define L2_PAGES	100u

static uint64_t old_tables, old_pages;
static bool params_saved;

static void params_restore(void)
{
	if (!params_saved)
		return;
	if (e2e_param_write_u64("ppgtt_max_tables", old_tables) ||
	    e2e_param_write_u64("ppgtt_max_pages", old_pages))
		tap_diag("could not restore ppgtt_max_tables %llu, ppgtt_max_pages %llu",
			 (unsigned long long)old_tables,
			 (unsigned long long)old_pages);
	else
		params_saved = false;
}

/*
 * A space whose batch stores to @n pages at @va + i * @stride; @gm gets
 * the guest memory of those pages.
 */
static int limit_space(struct space *s, const char *name, unsigned int e,
		       uint64_t va, uint64_t stride, unsigned int n,
		       uint64_t *gm)
{
	struct gpu_cs b;
	unsigned int i;
	int ret;

	ret = space_init(s, &A, name, 2);
	*gm = gpu_alloc(&A.g, (size_t)n * PG, 0);
	if (ret || !*gm)
		return ret ? ret : -ENOMEM;
	bb_begin(s, e, &b);
	for (i = 0; i < n && !ret; i++) {
		ret = gpu_ppgtt_remap(&s->pp, va + i * stride, *gm + i * PG);
		cs_sdi32_ppgtt(&b, va + i * stride + 4 * (i % 1024), 0x1000 + i);
	}
	cs_bb_end(&b);
	return ret || b.overflow ? -EIO : 0;
}

static unsigned int limit_landed(uint64_t gm, unsigned int n)
{
	unsigned int i, got = 0;

	for (i = 0; i < n; i++)
		got += ((volatile uint32_t *)gpu_va(&A.g, gm + i * PG))[i % 1024] ==
		       0x1000 + i;
	return got;
}

static void limit_case(const char *what, const char *param, uint64_t low,
		       uint64_t old, struct space *s, unsigned int e,
		       uint64_t gm, unsigned int n)
{
	long long lim0 = pstat(&A, "limit_errors");
	struct gpu_cs cs;
	struct want w;

	if (!tap_rc(e2e_param_write_u64(param, low), 0, "%s: set %s to %llu",
		    what, param, (unsigned long long)low))
		return;
	ring_begin(&cs);
	w = (struct want){ MVGPU_ERR_TOO_LARGE, here(e, &cs), A.g.ring[e].gm };
	cs_lri_pml4(&cs, e, s->pp.root);
	cs_bb_start_ppgtt(&cs, bb_va(e));
	expect_error(what, e, &cs, &w);
	tap_eq(limit_landed(gm, n), 0, "%s: none of its stores landed", what);
	if (!tap_ok(pstat(&A, "limit_errors") > lim0,
		    "%s: debugfs limit_errors moved", what))
		tap_diag("  limit_errors %lld, was %lld",
			 pstat(&A, "limit_errors"), lim0);
	tap_rc(e2e_param_write_u64(param, old), 0, "%s: restore %s", what,
	       param);
	recover(what, e);
	if (!tap_ok(!pp_run(s, e, e, 0) && limit_landed(gm, n) == n,
		    "%s: with the limit restored the same tree works", what))
		tap_diag("  %u of %u stores landed", limit_landed(gm, n), n);
}

static void test_limits(void)
{
	struct space L, L2;
	uint64_t gm, gm2;

	if (!tap_ok(!e2e_param_read_u64("ppgtt_max_tables", &old_tables) &&
		    !e2e_param_read_u64("ppgtt_max_pages", &old_pages),
		    "limits: read ppgtt_max_tables and ppgtt_max_pages"))
		return;
	params_saved = true;
	tap_diag("ppgtt_max_tables %llu, ppgtt_max_pages %llu",
		 (unsigned long long)old_tables, (unsigned long long)old_pages);
	/* 4 + 3 tables for the batch and results, a PD and 20 PTs: 28. */
	if (!tap_ok(!limit_space(&L, "L", RCS, VA_L, 2ull << 20, L_PTS, &gm),
		    "limits: build a tree of %u tables",
		    4 + 3 + 1 + L_PTS)) {
		tap_diag("  %s", A.g.err);
		return;
	}
	limit_case("more tables than ppgtt_max_tables", "ppgtt_max_tables", 16,
		   old_tables, &L, RCS, gm, L_PTS);
	/* 2 batch pages, a results page and 100 pages. */
	if (!tap_ok(!limit_space(&L2, "L2", BCS, VA_L2, PG, L2_PAGES, &gm2),
		    "limits: build a tree mapping %u pages", L2_PAGES + 3)) {
		tap_diag("  %s", A.g.err);
		return;
	}
	limit_case("more pages than ppgtt_max_pages", "ppgtt_max_pages", 64,
		   old_pages, &L2, BCS, gm2, L2_PAGES);
	params_restore();
}

/* ---- DMA unmap ------------------------------------------------------------ */

#define VA_U0		0x0000003000000000ull	/* data page F0 */
#define VA_U1		0x0000003040000000ull	/* its PT is page F1 */

static void test_dma_unmap(void)
{
	const char *what = "DMA unmap";
	struct gpu *g = &A.g;
	struct space U;
	uint8_t *f, *fresh;
	volatile uint32_t *f0, *f1pt_d, *nf0;
	uint64_t *f1, d_gm;
	long long us0, us1;
	int ret;

	if (g->d->path != MVGPU_VFIO_CDEV) {
		tap_skip("the vGPU is not open through the iommufd cdev (type1 reports a lock inversion on unmaps of pinned pages)",
			 "DMA unmap: data and page-table pages unmapped under the shadow");
		return;
	}
	f = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	fresh = mmap(NULL, PG, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (!tap_ok(f != MAP_FAILED && fresh != MAP_FAILED &&
		    !mvgpu_dma_map(g->d, f, F_IOVA, PG) &&
		    !mvgpu_dma_map(g->d, f + PG, F_IOVA + PG, PG),
		    "DMA unmap: map two more guest pages, one DMA mapping each"))
		return;
	f0 = (volatile uint32_t *)f;
	f1 = (uint64_t *)(f + PG);
	nf0 = (volatile uint32_t *)fresh;
	ret = space_init(&U, &A, "U", 2);
	d_gm = gpu_alloc(g, PG, 0);
	if (!ret && d_gm) {
		ret = gpu_ppgtt_map_pa(&U.pp, VA_U0, F_IOVA);
		ret |= gpu_ppgtt_set(&U.pp, VA_U1, 2,
				     (F_IOVA + PG) | GPU_PPGTT_FLAGS, NULL);
		f1[MVGPU_PPGTT_INDEX(VA_U1, 1)] = gpu_iova(g, d_gm) |
						  GPU_PPGTT_FLAGS;
	}
	if (!tap_ok(!ret && d_gm, "DMA unmap: a space with a data page and a PT in them")) {
		tap_diag("  %s", g->err);
		goto out;
	}
	f1pt_d = gpu_va(g, d_gm);
	tap_ok(!pp_store(&U, RCS, VA_U0, 0x61, 0) && f0[0] == 0x61,
	       "DMA unmap: a PPGTT store reaches a page of its own DMA mapping");
	tap_ok(!pp_store(&U, RCS, VA_U1, 0x71, 0) && f1pt_d[0] == 0x71,
	       "DMA unmap: a PPGTT store through a PT in such a page lands");

	/* The data page. */
	us0 = pstat(&A, "unmap_scratched");
	other_kick();
	tap_rc(mvgpu_dma_unmap(g->d, F_IOVA, PG), 0,
	       "DMA unmap: unmap the data page while the shadow maps it");
	other_check(what);
	us1 = pstat(&A, "unmap_scratched");
	if (!tap_ok(us1 > us0, "DMA unmap: debugfs unmap_scratched moved"))
		tap_diag("  unmap_scratched %lld, was %lld", us1, us0);
	ret = pp_store(&U, RCS, VA_U0, 0x62, 0);
	tap_ok(!ret && f0[0] == 0x61,
	       "DMA unmap: a later store completes and does not reach the unmapped page");
	tap_rc(mvgpu_dma_map(g->d, fresh, F_IOVA, PG), 0,
	       "DMA unmap: map a fresh page at the IOVA");
	tap_eq(nf0[0], 0, "DMA unmap: the store made while unmapped is not in the fresh page");
	ret = pp_store(&U, RCS, VA_U0, 0x63, 0);
	tap_diag("DMA unmap: a store with the fresh page mapped, before an invalidation: %s; fresh page %#x, old page %#x",
		 ret ? "failed" : "completed", nf0[0], f0[0]);
	ret = gpu_tlb_invalidate(g);
	if (!ret)
		ret = pp_store(&U, RCS, VA_U0, 0x64, 0);
	if (!tap_ok(!ret && nf0[0] == 0x64 && f0[0] == 0x61,
		    "DMA unmap: after an invalidation the page now mapped at the IOVA is written, the old one never again"))
		tap_diag("  fresh page %#x, old page %#x", nf0[0], f0[0]);

	/* The PT page. */
	tap_rc(mvgpu_dma_unmap(g->d, F_IOVA + PG, PG), 0,
	       "DMA unmap: unmap a PT page while the shadow uses it");
	ret = pp_store(&U, RCS, VA_U1, 0x72, 0);
	if (!tap_ok(!ret && f1pt_d[0] == 0x72,
		    "DMA unmap: the PT page unmapped, nothing changes before an invalidation"))
		tap_diag("  page %#x", f1pt_d[0]);
	ret = gpu_tlb_invalidate(g);
	if (!ret)
		ret = pp_store(&U, RCS, VA_U1, 0x73, 0);
	if (!tap_ok(!ret && f1pt_d[0] == 0x72,
		    "DMA unmap: after an invalidation the unmapped PT's subtree maps scratch"))
		tap_diag("  page %#x", f1pt_d[0]);
	ret = mvgpu_dma_map(g->d, f + PG, F_IOVA + PG, PG);
	if (!ret)
		ret = gpu_tlb_invalidate(g);
	if (!ret)
		ret = pp_store(&U, RCS, VA_U1, 0x74, 0);
	tap_ok(!ret && f1pt_d[0] == 0x74,
	       "DMA unmap: the PT page mapped again and invalidated, the subtree works again");
	other_kick();
	other_check("DMA unmap, afterwards");
out:
	/* Once unmapped nothing reaches the pages: they may go. */
	if (!mvgpu_dma_unmap(g->d, F_IOVA, PG))
		munmap(fresh, PG);
	if (!mvgpu_dma_unmap(g->d, F_IOVA + PG, PG))
		munmap(f, 2 * PG);
}

/* ---- preemption ------------------------------------------------------------ */

#define N_G		(512u << 10)	/* 2 MiB per array */
#define VA_GA		0x0000200000000000ull
#define VA_GB		(VA_GA + N_G * 4ull)
#define G_BB_PAGES	8u
#define G_SLICE_MS	1u
#define G_TARGET_NS	40e6		/* A's engine time: 40 slices */
#define G_MAX_K		400u

struct gspace {
	struct space s;
	uint64_t data_gm;
	uint32_t *a, *b, *b0, *ref;
	uint32_t scalar, k;
};

static int gspace_init(struct gspace *gs, struct vgpu *v, const char *name,
		       uint32_t seed)
{
	uint32_t i;
	int ret = space_init(&gs->s, v, name, G_BB_PAGES);

	gs->data_gm = gpu_alloc(&v->g, 2 * N_G * 4ull, 0);
	if (!ret && !gs->data_gm)
		ret = -ENOMEM;
	if (!ret)
		ret = gpu_ppgtt_map(&gs->s.pp, VA_GA, gs->data_gm, 2 * N_G * 4ull);
	gs->b0 = malloc(N_G * 4);
	gs->ref = malloc(N_G * 4);
	if (ret || !gs->b0 || !gs->ref)
		return ret ? ret : -ENOMEM;
	gs->a = gpu_va(&v->g, gs->data_gm);
	gs->b = gpu_va(&v->g, gs->data_gm + N_G * 4);
	for (i = 0; i < N_G; i++) {
		gs->a[i] = i * 2246822519u + seed;
		gs->b0[i] = (i ^ seed) * 3266489917u;
	}
	gs->scalar = 3 + seed % 5;
	return 0;
}

/* @k in-place SAXPYs b = s * a + b, a sequence store after each. */
static bool gspace_batch(struct gspace *gs, uint32_t k)
{
	struct gpu_cs b;
	uint32_t i;

	memcpy(gs->b, gs->b0, N_G * 4);
	gs->s.res[0] = 0;
	gs->k = k;
	bb_begin(&gs->s, 0, &b);
	for (i = 0; i < k; i++) {
		cs_compute(&b, MVGPU_KERNEL_SAXPY, N_G, VA_GA, VA_GB, VA_GB,
			   gs->scalar);
		cs_sdi32_ppgtt(&b, VA_RES, i + 1);
	}
	cs_bb_end(&b);
	for (i = 0; i < N_G; i++)
		gs->ref[i] = gs->b0[i] + k * gs->scalar * gs->a[i];
	return !b.overflow;
}

static int gspace_submit(struct gspace *gs, uint32_t *tail)
{
	struct gpu_cs cs;

	cs_ring(&cs);
	cs_lri_pml4(&cs, RCS, gs->s.pp.root);
	cs_bb_start_ppgtt(&cs, bb_va(0));
	cs_user_interrupt(&cs);
	return gpu_submit(&gs->s.v->g, RCS, &cs, tail);
}

/* Whether @gs's result is exact; says why not. */
static bool gspace_exact(struct gspace *gs)
{
	uint32_t i;

	if (gs->s.res[0] == gs->k && !memcmp(gs->b, gs->ref, N_G * 4))
		return true;
	for (i = 0; i < N_G && gs->b[i] == gs->ref[i]; i++)
		;
	tap_diag("  %s: %u of %u SAXPYs reported; first difference at element %u: %#x, want %#x",
		 gs->s.name, gs->s.res[0], gs->k, i, i < N_G ? gs->b[i] : 0,
		 i < N_G ? gs->ref[i] : 0);
	return false;
}

static char old_policy[96], old_slice[32];
static bool sched_saved;

static void sched_restore(void)
{
	if (!sched_saved)
		return;
	if (e2e_pgpu_attr_write("sched_policy", old_policy) ||
	    e2e_pgpu_attr_write("sched_slice_ms", old_slice))
		tap_diag("could not restore the scheduler (%s, %s ms)", old_policy,
			 old_slice);
	else
		sched_saved = false;
}

static void test_preempt(void)
{
	struct gspace ga = { 0 }, gb = { 0 };
	struct e2e_sched_stats s0, s1;
	uint32_t ta = 0, tb = 0, ka, kb;
	uint64_t w0, busy;
	double per;
	unsigned int attempt;
	bool ea = false, eb = false, preempted = false, stalled = false;
	int ret, ra = -1, rb = -1;
	char slice[16];

	if (!e2e_sched_present()) {
		tap_skip("no scheduler interface on the pGPU",
			 "preempt: a preempted PPGTT workload resumes in its own space");
		return;
	}
	if (!tap_ok(!e2e_pgpu_attr_read("sched_policy", old_policy, sizeof(old_policy)) &&
		    !e2e_pgpu_attr_read("sched_slice_ms", old_slice, sizeof(old_slice)),
		    "preempt: read sched_policy and sched_slice_ms"))
		return;
	if (strchr(old_policy, '[')) {
		char *l = strchr(old_policy, '['), *r = strchr(l, ']');

		if (r)
			*r = '\0';
		memmove(old_policy, l + 1, strlen(l + 1) + 1);
	}
	old_slice[strcspn(old_slice, "\n")] = '\0';
	sched_saved = true;
	snprintf(slice, sizeof(slice), "%u", G_SLICE_MS);
	if (!tap_ok(!e2e_pgpu_attr_write("sched_policy", "weighted") &&
		    !e2e_pgpu_attr_write("sched_slice_ms", slice),
		    "preempt: policy weighted, %u ms slices", G_SLICE_MS))
		goto out;
	ret = gspace_init(&ga, &A, "GA", 0x1111);
	if (!ret)
		ret = gspace_init(&gb, &B, "GB", 0x2222);
	if (!tap_ok(!ret, "preempt: spaces of A and B with the same addresses")) {
		tap_diag("  A: %s; B: %s", A.g.err, B.g.err);
		goto out;
	}

	/* Engine time of one SAXPY, A alone (debugfs busy_ns). */
	gspace_batch(&ga, 2);
	w0 = e2e_now_ns();
	ret = e2e_sched_stats(A.g.vgpu_id, RCS, &s0);
	if (!ret)
		ret = gspace_submit(&ga, &ta);
	if (!ret)
		ret = gpu_wait(&A.g, RCS, ta, WAIT_MS, NULL);
	if (!ret)
		ret = e2e_sched_stats(A.g.vgpu_id, RCS, &s1);
	if (!tap_ok(!ret && gspace_exact(&ga),
		    "preempt: calibration: two PPGTT SAXPYs of A alone are exact")) {
		tap_diag("  %s", A.g.err);
		goto out;
	}
	busy = s1.busy_ns - s0.busy_ns;
	per = busy ? busy / 2.0 : (e2e_now_ns() - w0) / 2.0;
	ka = per > 0 ? (uint32_t)(G_TARGET_NS / per) + 1 : G_MAX_K;
	if (ka < 4)
		ka = 4;
	if (ka > G_MAX_K)
		ka = G_MAX_K;
	kb = 2 * ka + 4;
	tap_diag("preempt: one SAXPY of %u elements takes %.2f ms of engine time; A runs %u, B %u",
		 N_G, per / 1e6, ka, kb);

	for (attempt = 1; attempt <= 3; attempt++) {
		if (!gspace_batch(&ga, ka) || !gspace_batch(&gb, kb)) {
			tap_ok(false, "preempt: the batches fit");
			goto out;
		}
		e2e_sched_stats(A.g.vgpu_id, RCS, &s0);
		/* B first: it is queued for all of A's run. */
		rb = gspace_submit(&gb, &tb);
		ra = gspace_submit(&ga, &ta);
		if (!ra)
			ra = gpu_wait(&A.g, RCS, ta, WAIT_MS, NULL);
		if (!rb)
			rb = gpu_wait(&B.g, RCS, tb, WAIT_MS, NULL);
		e2e_sched_stats(A.g.vgpu_id, RCS, &s1);
		tap_diag("preempt: attempt %u: A ran %.1f ms of engine time in %llu slices, %llu preemptions; longest slice held %.1f ms",
			 attempt, (s1.busy_ns - s0.busy_ns) / 1e6,
			 (unsigned long long)(s1.slices - s0.slices),
			 (unsigned long long)(s1.preemptions - s0.preemptions),
			 s1.max_held_ns / 1e6);
		if (ra || rb)
			break;
		ea = gspace_exact(&ga);
		eb = gspace_exact(&gb);
		preempted = s1.preemptions > s0.preemptions;
		/*
		 * No preemption is only excusable when one slice held the
		 * engine for all of A's run (the host stalled the scheduler).
		 */
		stalled = !preempted && s1.max_held_ns >= s1.busy_ns - s0.busy_ns;
		if (!ea || !eb || !stalled)
			break;
	}
	if (!tap_ok(!ra && !rb, "preempt: A's and B's PPGTT batches complete")) {
		tap_diag("  A: %s; B: %s", A.g.err, B.g.err);
		goto out;
	}
	tap_ok(ea, "preempt: A's result is exact, every SAXPY ran once");
	tap_ok(eb, "preempt: B's result (same addresses, its own space) is exact");
	if (stalled)
		tap_skip("the host stalled the scheduler: one slice held the engine for all of A's run, three times",
			 "preempt: A was preempted inside its PPGTT batch (debugfs sched)");
	else
		tap_ok(preempted, "preempt: A was preempted inside its PPGTT batch (debugfs sched)");
out:
	sched_restore();
	free(ga.b0);
	free(ga.ref);
	free(gb.b0);
	free(gb.ref);
}

/* ---- main ------------------------------------------------------------------ */

static void restore_all(void)
{
	params_restore();
	sched_restore();
}

int main(void)
{
	enum mvgpu_vfio_path path = MVGPU_VFIO_AUTO;
	int ret;

	e2e_init("ppgtt", E2E_WATCHDOG_S);
	if (!e2e_require_pgpu())
		return tap_done();
	atexit(restore_all);
	if (!tap_rc(e2e_vgpu_create(TYPE, A.uuid), 0, "create vGPU A") ||
	    !tap_rc(e2e_vgpu_create(TYPE, B.uuid), 0, "create vGPU B"))
		goto out;
	if (!mvgpu_path_available(A.uuid, MVGPU_VFIO_CDEV))
		path = MVGPU_VFIO_CDEV;
	ret = vgpu_open(&A, path, A_MEM, A_IOVA);
	if (!tap_ok(!ret, "A: open, guest memory, interrupts, rings")) {
		tap_diag("  %s", A.g.err);
		goto out;
	}
	ret = vgpu_open(&B, MVGPU_VFIO_AUTO, B_MEM, B_IOVA);
	if (!ret)
		ret = other_init();
	if (!tap_ok(!ret, "B: open, guest memory, interrupts, rings")) {
		tap_diag("  %s", B.g.err);
		goto out;
	}
	tap_diag("A vgpu%u (%s path), B vgpu%u", A.g.vgpu_id,
		 mvgpu_path_name(A.g.d->path), B.g.vgpu_id);
	if (!test_caps())
		goto out;
	test_two_spaces();
	test_tlb();
	test_mmio_root();
	test_ggtt_bits();
	test_bad_roots();
	test_bad_entries();
	test_cycle();
	test_shared();
	test_limits();
	test_dma_unmap();
	test_preempt();
	other_kick();
	other_check("at the end");
	tap_ok(good_work(RCS, 0xe4d) && good_work(BCS, 0xe4d),
	       "at the end: A's PPGTT workloads work on both engines");
out:
	restore_all();
	vgpu_close(&A);
	vgpu_close(&B);
	if (A.uuid[0])
		tap_rc(e2e_vgpu_remove(A.uuid), 0, "remove vGPU A");
	if (B.uuid[0])
		tap_rc(e2e_vgpu_remove(B.uuid), 0, "remove vGPU B");
	return tap_done();
}
