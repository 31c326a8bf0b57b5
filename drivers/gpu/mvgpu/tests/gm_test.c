// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: graphics memory partitioning, exact placement of slices and of a
 * vGPU (mvgpu_vgpu_place()), and the vGPU types derived from a physical
 * GPU's capabilities.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <kunit/test.h>
#include <linux/io.h>
#include <linux/prandom.h>
#include <linux/unaligned.h>

#include "tests/test_util.h"

#define MIB(x)	((u64)(x) << 20)

/* The software GPU's geometry: what the type sizes are built for. */
#define APERTURE_START	MIB(64)
#define APERTURE_FREE	MIB(448)
#define HIDDEN_START	MIB(512 + 256)
#define HIDDEN_FREE	MIB(3328)

static struct mvgpu_gm_space *new_space(struct kunit *test, u64 start,
					u64 size)
{
	struct mvgpu_gm_space *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_init(s, start, size), 0);
	return s;
}

static void alloc_is_first_fit(struct kunit *test)
{
	struct mvgpu_gm_space *s = new_space(test, MIB(64), MIB(100));
	struct mvgpu_gm_range a, b, c;

	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc(s, MIB(10), &a), 0);
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc(s, MIB(20), &b), 0);
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc(s, MIB(30), &c), 0);
	KUNIT_EXPECT_EQ(test, a.start, MIB(64));
	KUNIT_EXPECT_EQ(test, b.start, MIB(74));
	KUNIT_EXPECT_EQ(test, c.start, MIB(94));
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_free_bytes(s), MIB(40));
}

static void exhaustion_and_errors(struct kunit *test)
{
	struct mvgpu_gm_space *s = new_space(test, 0, MIB(8));
	struct mvgpu_gm_range r, bogus = { MIB(1), MIB(4) };

	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc(s, MIB(9), &r), -ENOSPC);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc(s, 0, &r), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc(s, 100, &r), -EINVAL);
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc(s, MIB(8), &r), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc(s, MIB(1), &r), -ENOSPC);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_fit(s, MIB(1)), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_free(s, &bogus), -ENOENT);
	bogus.start = 0;
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_free(s, &bogus), -ENOENT);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_init(s, 100, MIB(1)), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_init(s, ~0ull & ~0xfffull, MIB(1)),
			-EINVAL);
}

static void fragmentation_and_reuse(struct kunit *test)
{
	struct mvgpu_gm_space *s = new_space(test, 0, MIB(40));
	struct mvgpu_gm_range r[4], big;
	int i;

	for (i = 0; i < 4; i++)
		KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc(s, MIB(10), &r[i]), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_free(s, &r[1]), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_free(s, &r[3]), 0);
	/* 20 MiB free but in two 10 MiB holes. */
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_free_bytes(s), MIB(20));
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_fit(s, MIB(20)), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc(s, MIB(20), &big), -ENOSPC);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_fit(s, MIB(10)), 2);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_fit(s, MIB(5)), 4);
	/* The first hole is reused first. */
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc(s, MIB(5), &big), 0);
	KUNIT_EXPECT_EQ(test, big.start, MIB(10));
	/* Freeing neighbours coalesces implicitly. */
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_free(s, &big), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_free(s, &r[2]), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_fit(s, MIB(30)), 1);
}

/* fit() must predict exactly how many allocations succeed. */
static void fit_matches_allocations(struct kunit *test)
{
	struct mvgpu_gm_space *s = new_space(test, 0, MIB(256));
	struct mvgpu_gm_range r;
	struct rnd_state rnd;
	unsigned int i, n, round;

	prandom_seed_state(&rnd, 42);
	for (round = 0; round < 50; round++) {
		u64 size = MIB(1 + prandom_u32_state(&rnd) % 16);
		unsigned int expect = mvgpu_gm_space_fit(s, size);

		n = 0;
		while (s->nr < MVGPU_GM_MAX_RANGES &&
		       !mvgpu_gm_space_alloc(s, size, &r))
			n++;
		KUNIT_EXPECT_EQ(test, n, expect);
		KUNIT_EXPECT_EQ(test, mvgpu_gm_space_fit(s, size), 0);
		/* Free a random half to fragment the space. */
		for (i = 0; i < s->nr; ) {
			if (prandom_u32_state(&rnd) & 1) {
				struct mvgpu_gm_range victim = s->used[i];

				KUNIT_ASSERT_EQ(test,
						mvgpu_gm_space_free(s, &victim), 0);
			} else {
				i++;
			}
		}
	}
}

static void sixty_four_dense_vgpus(struct kunit *test)
{
	struct mvgpu_gm_space *s = new_space(test, APERTURE_START,
					     APERTURE_FREE);
	struct mvgpu_gm_range r;
	unsigned int i;

	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_fit(s, MIB(6)), 64);
	for (i = 0; i < 64; i++)
		KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc(s, MIB(6), &r), 0);
	/* 64 slices is the cap even with room left. */
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_free_bytes(s), MIB(64));
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc(s, MIB(1), &r), -ENOSPC);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_fit(s, MIB(1)), 0);
}

/* Exact placement: where asked, or an error and nothing taken. */
static void alloc_at_exact_place(struct kunit *test)
{
	struct mvgpu_gm_space *s = new_space(test, MIB(64), MIB(100));
	struct mvgpu_gm_range a, b, c, d;

	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(100), MIB(10), &a),
			0);
	KUNIT_EXPECT_EQ(test, a.start, MIB(100));
	KUNIT_EXPECT_EQ(test, a.size, MIB(10));
	/* The very ends of the space, and right against another slice. */
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(64), MIB(4), &b),
			0);
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(160), MIB(4), &c),
			0);
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(110), MIB(50), &d),
			0);
	KUNIT_EXPECT_EQ(test, s->nr, 4);
	KUNIT_EXPECT_EQ(test, s->used[0].start, MIB(64));
	KUNIT_EXPECT_EQ(test, s->used[1].start, MIB(100));
	KUNIT_EXPECT_EQ(test, s->used[2].start, MIB(110));
	KUNIT_EXPECT_EQ(test, s->used[3].start, MIB(160));
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_free_bytes(s), MIB(32));
	/* First fit still takes the first hole that is large enough. */
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc(s, MIB(30), &a), 0);
	KUNIT_EXPECT_EQ(test, a.start, MIB(68));
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_fit(s, MIB(2)), 1);
}

static void alloc_at_overlap_is_busy(struct kunit *test)
{
	struct mvgpu_gm_space *s = new_space(test, 0, MIB(100));
	struct mvgpu_gm_range r, x = { .start = 1, .size = 1 };

	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(20), MIB(10), &r),
			0);
	/* Inside, across either end, around it, the same range. */
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(22), MIB(2), &x),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(15), MIB(6), &x),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(29), MIB(6), &x),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(10), MIB(30), &x),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(20), MIB(10), &x),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(30) - 4096, 8192,
						      &x), -EBUSY);
	/* Nothing taken, and @out untouched. */
	KUNIT_EXPECT_EQ(test, s->nr, 1);
	KUNIT_EXPECT_EQ(test, x.start, 1);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_free_bytes(s), MIB(90));
	/* Adjacent on both sides is not an overlap. */
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(30), MIB(1), &x),
			0);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(19), MIB(1), &x),
			0);
}

static void alloc_at_bad_place(struct kunit *test)
{
	struct mvgpu_gm_space *s = new_space(test, MIB(64), MIB(64));
	struct mvgpu_gm_range r;

	/* Misaligned start or size, no size. */
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(64) + 1, MIB(1),
						      &r), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(64) + 2048,
						      MIB(1), &r), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(64), MIB(1) + 1,
						      &r), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(64), 0, &r),
			-EINVAL);
	/* Before, after, across either end, wrapping around. */
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, 0, MIB(1), &r),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(63), MIB(2), &r),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(128), MIB(1), &r),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(127), MIB(2), &r),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(64), MIB(65), &r),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, ~0ull & ~0xfffull,
						      MIB(1), &r), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(65),
						      ~0ull & ~0xfffull, &r),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, s->nr, 0);
	/* The whole space is fine. */
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(64), MIB(64), &r),
			0);
}

static void alloc_at_table_full(struct kunit *test)
{
	struct mvgpu_gm_space *s = new_space(test, 0, MIB(256));
	struct mvgpu_gm_range r;
	unsigned int i;

	/* Every other MiB: room is left, but no slot. */
	for (i = 0; i < MVGPU_GM_MAX_RANGES; i++)
		KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(2 * i),
							      MIB(1), &r), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(1), MIB(1), &r),
			-ENOSPC);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(200), MIB(1), &r),
			-ENOSPC);
	/* An overlap says so even then; bad arguments too. */
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, 0, MIB(1), &r),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, 4095, MIB(1), &r),
			-EINVAL);
	/* A freed slot can be taken elsewhere. */
	r = (struct mvgpu_gm_range){ MIB(10), MIB(1) };
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_free(s, &r), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, MIB(200), MIB(1), &r),
			0);
	KUNIT_EXPECT_EQ(test, s->used[MVGPU_GM_MAX_RANGES - 1].start,
			MIB(200));
}

/* Free a slice and take it back at the same or a nearby place. */
static void alloc_at_free_then_replace(struct kunit *test)
{
	struct mvgpu_gm_space *s = new_space(test, 0, MIB(64));
	struct mvgpu_gm_range a, b, c;

	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc(s, MIB(16), &a), 0);
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc(s, MIB(16), &b), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(s, a.start, a.size, &c),
			-EBUSY);
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_free(s, &a), 0);
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc_at(s, a.start, a.size, &c),
			0);
	KUNIT_EXPECT_EQ(test, c.start, a.start);
	KUNIT_EXPECT_EQ(test, c.size, a.size);
	/* Moved by a page: overlaps its old self, which is free by then. */
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_free(s, &b), 0);
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc_at(s, b.start + 4096, b.size,
						      &b), 0);
	KUNIT_EXPECT_EQ(test, b.start, MIB(16) + 4096);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_free(s, &c), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_free(s, &b), 0);
	KUNIT_EXPECT_EQ(test, s->nr, 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_fit(s, MIB(16)), 4);
}

/*
 * mvgpu_vgpu_place() on the fake physical GPU of test_util.c, whose
 * spaces are the software GPU's.  The test vGPU's slices are aperture
 * [64 MiB, 160 MiB) and hidden [768 MiB, 1280 MiB); its scratch page is
 * made different from the pGPU's, so that the GGTT tells whose it is.
 */
#define VGPU_SCRATCH	0xdef000ull
#define PV(off)		(MVGPU_PVINFO_OFFSET + (off))
#define GTT(gidx)	(MVGPU_GTT_OFFSET + 8 * (gidx))
#define IDX(gm)		((u32)((gm) >> MVGPU_GTT_PAGE_SHIFT))

static struct mvgpu_vgpu *placed_vgpu(struct kunit *test,
				      struct mvgpu_test_pgpu **out)
{
	struct mvgpu_test_pgpu *tp = kunit_kzalloc(test, sizeof(*tp),
						   GFP_KERNEL);
	struct mvgpu_vgpu *vgpu;
	struct mvgpu_gm *gm;
	struct mvgpu_gm_range r;

	KUNIT_ASSERT_NOT_NULL(test, tp);
	vgpu = mvgpu_test_gtt_vgpu(test, tp, &mvgpu_test_ggtt_backend);
	/* BAR2's size: a reset rebuilds the config space from it. */
	tp->pgpu.caps.aperture_size = MIB(512);
	gm = &tp->pgpu.gm;
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_init(&gm->aperture, APERTURE_START,
						  APERTURE_FREE), 0);
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_init(&gm->hidden, HIDDEN_START,
						  HIDDEN_FREE), 0);
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc_at(&gm->aperture,
						      vgpu->aperture.start,
						      vgpu->aperture.size, &r),
			0);
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc_at(&gm->hidden,
						      vgpu->hidden.start,
						      vgpu->hidden.size, &r), 0);
	vgpu->scratch_addr = VGPU_SCRATCH;
	*out = tp;
	return vgpu;
}

/* A u64 of the PV info page, as the guest reads it (two dwords). */
static u64 pv64(struct kunit *test, struct mvgpu_vgpu *vgpu, u32 off)
{
	return mvgpu_test_rd(test, vgpu, PV(off)) |
	       (u64)mvgpu_test_rd(test, vgpu, PV(off) + 4) << 32;
}

static u64 host_pte(struct mvgpu_test_pgpu *tp, u64 gm)
{
	return mvgpu_test_ggtt_read(tp, IDX(gm));
}

/* Whose scratch the first and last host entries of [@start, +@size) hold. */
static void expect_filled(struct kunit *test, struct mvgpu_test_pgpu *tp,
			  u64 start, u64 size, u64 scratch)
{
	u64 pte = scratch | MVGPU_GTT_PTE_PRESENT;

	KUNIT_EXPECT_EQ(test, host_pte(tp, start), pte);
	KUNIT_EXPECT_EQ(test, host_pte(tp, start + size / 2), pte);
	KUNIT_EXPECT_EQ(test, host_pte(tp, start + size - 4096), pte);
}

static void place_moves_slices(struct kunit *test)
{
	struct mvgpu_test_pgpu *tp;
	struct mvgpu_vgpu *vgpu = placed_vgpu(test, &tp);
	struct mvgpu_gm *gm = &tp->pgpu.gm;
	struct mvgpu_gm_range old_ap = vgpu->aperture, old_hid = vgpu->hidden;
	struct mvgpu_gm_range r;
	u64 ap = MIB(256), hid = MIB(2048), page;
	u8 b[8];

	KUNIT_ASSERT_EQ(test, mvgpu_vgpu_place(vgpu, ap, hid), 0);
	KUNIT_EXPECT_EQ(test, vgpu->aperture.start, ap);
	KUNIT_EXPECT_EQ(test, vgpu->aperture.size, old_ap.size);
	KUNIT_EXPECT_EQ(test, vgpu->hidden.start, hid);
	KUNIT_EXPECT_EQ(test, vgpu->hidden.size, old_hid.size);

	/* The spaces hold the new slices only. */
	KUNIT_ASSERT_EQ(test, gm->aperture.nr, 1);
	KUNIT_EXPECT_EQ(test, gm->aperture.used[0].start, ap);
	KUNIT_ASSERT_EQ(test, gm->hidden.nr, 1);
	KUNIT_EXPECT_EQ(test, gm->hidden.used[0].start, hid);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(&gm->aperture, ap,
						      4096, &r), -EBUSY);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(&gm->hidden, old_hid.start,
						      old_hid.size, &r), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_free(&gm->hidden, &r), 0);

	/* The guest reads the new bases; the sizes did not change. */
	KUNIT_EXPECT_EQ(test, pv64(test, vgpu, MVGPU_PV_MAPPABLE_BASE), ap);
	KUNIT_EXPECT_EQ(test, pv64(test, vgpu, MVGPU_PV_MAPPABLE_SIZE),
			old_ap.size);
	KUNIT_EXPECT_EQ(test, pv64(test, vgpu, MVGPU_PV_HIDDEN_BASE), hid);
	KUNIT_EXPECT_EQ(test, pv64(test, vgpu, MVGPU_PV_HIDDEN_SIZE),
			old_hid.size);

	/* Old slices: the pGPU's scratch; new ones: the vGPU's own. */
	expect_filled(test, tp, old_ap.start, old_ap.size, MVGPU_TEST_SCRATCH);
	expect_filled(test, tp, old_hid.start, old_hid.size,
		      MVGPU_TEST_SCRATCH);
	expect_filled(test, tp, ap, old_ap.size, VGPU_SCRATCH);
	expect_filled(test, tp, hid, old_hid.size, VGPU_SCRATCH);
	KUNIT_EXPECT_EQ(test, host_pte(tp, ap - 4096), 0);
	KUNIT_EXPECT_EQ(test, host_pte(tp, ap + old_ap.size), 0);

	/*
	 * The reset forgot that the guest read the PV page; once it has, its
	 * GTT writes land in the new slice, and those to the old one are
	 * dropped.
	 */
	KUNIT_EXPECT_FALSE(test, vgpu->pv_seen);
	mvgpu_test_rd(test, vgpu, PV(MVGPU_PV_MAGIC_LO));
	KUNIT_EXPECT_TRUE(test, vgpu->pv_seen);
	page = page_to_phys(tp->pages[0]);
	put_unaligned_le64(MVGPU_GTT_PTE_PRESENT, b);	/* frame 0 */
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_write(vgpu, GTT(IDX(ap)), b, 8), 0);
	KUNIT_EXPECT_EQ(test, host_pte(tp, ap), page | MVGPU_GTT_PTE_PRESENT);
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_write(vgpu, GTT(IDX(old_ap.start)), b,
					       8), 0);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.stats.out_of_range, 1);
	KUNIT_EXPECT_EQ(test, host_pte(tp, old_ap.start),
			MVGPU_TEST_SCRATCH | MVGPU_GTT_PTE_PRESENT);
}

/* Only before the device is opened, but the current place is always fine. */
static void place_refused_while_open(struct kunit *test)
{
	struct mvgpu_test_pgpu *tp;
	struct mvgpu_vgpu *vgpu = placed_vgpu(test, &tp);
	u64 ap = vgpu->aperture.start, hid = vgpu->hidden.start;

	/* What mvgpu_vgpu_open() marks (it would also set up the engines). */
	mutex_lock(&tp->pgpu.lock);
	vgpu->open = true;
	mutex_unlock(&tp->pgpu.lock);
	KUNIT_EXPECT_EQ(test, mvgpu_vgpu_place(vgpu, MIB(256), hid), -EBUSY);
	KUNIT_EXPECT_EQ(test, mvgpu_vgpu_place(vgpu, ap, MIB(2048)), -EBUSY);
	KUNIT_EXPECT_EQ(test, mvgpu_vgpu_place(vgpu, ap + 1, hid), -EBUSY);
	KUNIT_EXPECT_EQ(test, mvgpu_vgpu_place(vgpu, ap, hid), 0);
	KUNIT_EXPECT_EQ(test, vgpu->aperture.start, ap);
	KUNIT_EXPECT_EQ(test, vgpu->hidden.start, hid);
	KUNIT_EXPECT_EQ(test, host_pte(tp, MIB(256)), 0);

	mutex_lock(&tp->pgpu.lock);
	vgpu->open = false;
	mutex_unlock(&tp->pgpu.lock);
	KUNIT_EXPECT_EQ(test, mvgpu_vgpu_place(vgpu, MIB(256), hid), 0);
	KUNIT_EXPECT_EQ(test, vgpu->aperture.start, MIB(256));
	KUNIT_EXPECT_EQ(test, vgpu->hidden.start, hid);
}

/*
 * Another vGPU's slices, invalid bases: refused, and the vGPU stays where
 * it was, both slices (a hidden slice that cannot move takes the aperture
 * one back).  A move by one page overlaps the slice's old self.
 */
static void place_refused_overlap_and_bad(struct kunit *test)
{
	struct mvgpu_test_pgpu *tp;
	struct mvgpu_vgpu *vgpu = placed_vgpu(test, &tp);
	struct mvgpu_gm *gm = &tp->pgpu.gm;
	struct mvgpu_gm_range other_ap, other_hid, r;
	u64 ap = vgpu->aperture.start, hid = vgpu->hidden.start;

	/* Another vGPU right after this one in both spaces. */
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc(&gm->aperture, MIB(96),
						   &other_ap), 0);
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_alloc(&gm->hidden, MIB(512),
						   &other_hid), 0);
	KUNIT_EXPECT_EQ(test, other_ap.start, ap + vgpu->aperture.size);

	KUNIT_EXPECT_EQ(test, mvgpu_vgpu_place(vgpu, other_ap.start, hid),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, mvgpu_vgpu_place(vgpu, ap + MIB(4), hid), -EBUSY);
	KUNIT_EXPECT_EQ(test, mvgpu_vgpu_place(vgpu, MIB(400),
					       other_hid.start + MIB(8)),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, mvgpu_vgpu_place(vgpu, ap + 4096 + 1, hid),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_vgpu_place(vgpu, 0, hid), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_vgpu_place(vgpu, MIB(448), hid), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_vgpu_place(vgpu, ap, MIB(4096)), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_vgpu_place(vgpu, MIB(400),
					       HIDDEN_START - 4096), -EINVAL);
	/* Nothing moved, nothing written to the GGTT. */
	KUNIT_EXPECT_EQ(test, vgpu->aperture.start, ap);
	KUNIT_EXPECT_EQ(test, vgpu->hidden.start, hid);
	KUNIT_EXPECT_EQ(test, gm->aperture.nr, 2);
	KUNIT_EXPECT_EQ(test, gm->hidden.nr, 2);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(&gm->aperture, ap, 4096,
						      &r), -EBUSY);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_alloc_at(&gm->aperture, MIB(400),
						      4096, &r), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gm_space_free(&gm->aperture, &r), 0);
	KUNIT_EXPECT_EQ(test, host_pte(tp, ap), 0);
	KUNIT_EXPECT_EQ(test, host_pte(tp, MIB(400)), 0);
	KUNIT_EXPECT_EQ(test, pv64(test, vgpu, MVGPU_PV_MAPPABLE_BASE), ap);

	/* One page down: the page it left is the pGPU's, the rest its own. */
	KUNIT_ASSERT_EQ(test, mvgpu_gm_space_free(&gm->aperture, &other_ap), 0);
	KUNIT_ASSERT_EQ(test, mvgpu_vgpu_place(vgpu, ap + 4096, hid), 0);
	KUNIT_EXPECT_EQ(test, host_pte(tp, ap),
			MVGPU_TEST_SCRATCH | MVGPU_GTT_PTE_PRESENT);
	expect_filled(test, tp, ap + 4096, vgpu->aperture.size, VGPU_SCRATCH);
	/* The hidden slice did not move: its entries were not rewritten. */
	KUNIT_EXPECT_EQ(test, host_pte(tp, hid), 0);
	KUNIT_EXPECT_EQ(test, pv64(test, vgpu, MVGPU_PV_MAPPABLE_BASE),
			ap + 4096);
	KUNIT_EXPECT_EQ(test, pv64(test, vgpu, MVGPU_PV_HIDDEN_BASE), hid);
}

static const struct mvgpu_pgpu_caps sgpu_caps = {
	.ggtt_size = MIB(4096),
	.aperture_size = MIB(512),
	.host_aperture = MIB(64),
	.host_hidden = MIB(256),
	.engine_mask = 3,
};

/*
 * The software GPU's types: 1/n of what the host leaves, and n of them
 * fill the GPU exactly (n + 1 do not fit).
 */
static void types_of_the_software_gpu(struct kunit *test)
{
	static const struct {
		const char *name;
		unsigned int n;
		u64 aperture, hidden;
		u8 weight;
	} expect[] = {
		{ "V1_1", 1, MIB(448), MIB(3328), 16 },
		{ "V1_2", 2, MIB(224), MIB(1664), 8 },
		{ "V1_4", 4, MIB(112), MIB(832), 4 },
		{ "V1_8", 8, MIB(56), MIB(416), 2 },
		{ "V1_64", 64, MIB(7), MIB(52), 1 },
	};
	struct mvgpu_type_desc types[MVGPU_MAX_TYPES];
	struct mvgpu_gm_space *ap = new_space(test, APERTURE_START,
					      APERTURE_FREE);
	struct mvgpu_gm_space *hid = new_space(test, HIDDEN_START, HIDDEN_FREE);
	unsigned int i;

	KUNIT_ASSERT_EQ(test, mvgpu_types_derive(&sgpu_caps, types),
			ARRAY_SIZE(expect));
	for (i = 0; i < ARRAY_SIZE(expect); i++) {
		const struct mvgpu_type_desc *t = &types[i];

		KUNIT_EXPECT_STREQ(test, t->sysfs_name, expect[i].name);
		KUNIT_EXPECT_EQ(test, t->aperture_size, expect[i].aperture);
		KUNIT_EXPECT_EQ(test, t->hidden_size, expect[i].hidden);
		KUNIT_EXPECT_EQ(test, t->weight, expect[i].weight);
		KUNIT_EXPECT_EQ(test, t->engine_mask, 3);
		KUNIT_EXPECT_EQ_MSG(test,
				    min(mvgpu_gm_space_fit(ap, t->aperture_size),
					mvgpu_gm_space_fit(hid, t->hidden_size)),
				    expect[i].n, "type %s", t->sysfs_name);
	}
}

/*
 * Another GPU: a render engine only, a 2 GiB GGTT with 256 MiB of
 * aperture of which the host keeps 32 MiB.  Sizes round down to MiB;
 * the engines are the GPU's.
 */
static void types_follow_the_caps(struct kunit *test)
{
	const struct mvgpu_pgpu_caps caps = {
		.ggtt_size = MIB(2048), .aperture_size = MIB(256),
		.host_aperture = MIB(32), .host_hidden = MIB(256),
		.engine_mask = BIT(MVGPU_ENGINE_RCS),
	};
	struct mvgpu_type_desc types[MVGPU_MAX_TYPES];

	KUNIT_ASSERT_EQ(test, mvgpu_types_derive(&caps, types), 5);
	KUNIT_EXPECT_EQ(test, types[0].aperture_size, MIB(224));
	KUNIT_EXPECT_EQ(test, types[0].hidden_size, MIB(1536));
	KUNIT_EXPECT_EQ(test, types[3].aperture_size, MIB(28));
	KUNIT_EXPECT_EQ(test, types[4].aperture_size, MIB(3));	/* 3.5 */
	KUNIT_EXPECT_EQ(test, types[4].hidden_size, MIB(24));
	KUNIT_EXPECT_EQ(test, types[4].engine_mask, BIT(MVGPU_ENGINE_RCS));
}

/* A type whose slices would be under a MiB is not offered; nor is any. */
static void types_too_small(struct kunit *test)
{
	struct mvgpu_pgpu_caps caps = {
		.ggtt_size = MIB(1024), .aperture_size = MIB(64),
		.host_aperture = MIB(32), .host_hidden = MIB(256),
		.engine_mask = 3,
	};
	struct mvgpu_type_desc types[MVGPU_MAX_TYPES];

	KUNIT_ASSERT_EQ(test, mvgpu_types_derive(&caps, types), 4);
	KUNIT_EXPECT_STREQ(test, types[3].sysfs_name, "V1_8");
	KUNIT_EXPECT_EQ(test, types[3].aperture_size, MIB(4));
	caps.host_aperture = MIB(64);
	KUNIT_EXPECT_EQ(test, mvgpu_types_derive(&caps, types), 0);
}

static struct kunit_case gm_cases[] = {
	KUNIT_CASE(alloc_is_first_fit),
	KUNIT_CASE(exhaustion_and_errors),
	KUNIT_CASE(fragmentation_and_reuse),
	KUNIT_CASE(fit_matches_allocations),
	KUNIT_CASE(sixty_four_dense_vgpus),
	KUNIT_CASE(alloc_at_exact_place),
	KUNIT_CASE(alloc_at_overlap_is_busy),
	KUNIT_CASE(alloc_at_bad_place),
	KUNIT_CASE(alloc_at_table_full),
	KUNIT_CASE(alloc_at_free_then_replace),
	KUNIT_CASE(place_moves_slices),
	KUNIT_CASE(place_refused_while_open),
	KUNIT_CASE(place_refused_overlap_and_bad),
	KUNIT_CASE(types_of_the_software_gpu),
	KUNIT_CASE(types_follow_the_caps),
	KUNIT_CASE(types_too_small),
	{}
};

static struct kunit_suite gm_suite = {
	.name = "mvgpu_gm",
	.test_cases = gm_cases,
};

kunit_test_suite(gm_suite);
