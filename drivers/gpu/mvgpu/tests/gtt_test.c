// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: GTT entry decode and validation, GGTT shadowing, the translation
 * cache and DMA-unmap invalidation, against a fake physical GPU and fake
 * pinning.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/highmem.h>
#include <linux/io.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/unaligned.h>

#include "tests/test_util.h"
#include "core/pvinfo.h"

#define NR_FRAMES	MVGPU_TEST_FRAMES
#define SCRATCH		MVGPU_TEST_SCRATCH
#define GTT(gidx)	(MVGPU_GTT_OFFSET + 8 * (gidx))
/* The test vGPU's slices (tests/test_util.c). */
#define AP_FIRST	(0x4000000 >> 12)
#define HID_FIRST	(0x30000000 >> 12)

static struct mvgpu_vgpu *gtt_vgpu(struct kunit *test,
				   struct mvgpu_test_pgpu **out)
{
	struct mvgpu_test_pgpu *f = kunit_kzalloc(test, sizeof(*f),
						  GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	*out = f;
	return mvgpu_test_gtt_vgpu(test, f, &mvgpu_test_ggtt_backend);
}

static u64 pte(u64 gfn)
{
	return gfn << 12 | MVGPU_GTT_PTE_PRESENT;
}

static void wr64(struct kunit *test, struct mvgpu_vgpu *vgpu, u32 gidx,
		 u64 val)
{
	u8 b[8];

	put_unaligned_le64(val, b);
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_write(vgpu, GTT(gidx), b, 8), 0);
}

static u64 rd64(struct kunit *test, struct mvgpu_vgpu *vgpu, u32 gidx)
{
	u8 b[8];

	KUNIT_EXPECT_EQ(test, mvgpu_mmio_read(vgpu, GTT(gidx), b, 8), 0);
	return get_unaligned_le64(b);
}

/* Reserve and pin an extent outside the cache, as get_frame() does. */
static int pin_new(struct mvgpu_vgpu *vgpu, u64 gfn, unsigned int npages,
		   struct mvgpu_pin **out)
{
	struct mvgpu_pin *pin;
	int ret;

	mutex_lock(&vgpu->lock);
	pin = mvgpu_pin_reserve(&vgpu->gtt.pins, gfn, npages);
	mutex_unlock(&vgpu->lock);
	if (IS_ERR(pin))
		return PTR_ERR(pin);
	ret = mvgpu_pin_fill(&vgpu->gtt.pins, pin, gfn, npages);
	if (ret) {
		mvgpu_pin_cancel(&vgpu->gtt.pins, pin);
		return ret;
	}
	*out = pin;
	return 0;
}

static void pte_decode(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mvgpu_gtt_pte_check(pte(5)), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gtt_pte_check(5ull << 12), -ENOENT);
	KUNIT_EXPECT_EQ(test, mvgpu_gtt_pte_check(0), -ENOENT);
	KUNIT_EXPECT_EQ(test, mvgpu_gtt_pte_check(pte(5) | BIT(1)), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_gtt_pte_check(pte(5) | BIT(11)), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_gtt_pte_check(pte(5) | BIT_ULL(39)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_gtt_pte_check(pte(0x7ffffff)), 0);
}

static void shadow_present_entry(struct kunit *test)
{
	struct mvgpu_test_pgpu *f;
	struct mvgpu_vgpu *vgpu = gtt_vgpu(test, &f);

	wr64(test, vgpu, AP_FIRST + 3, pte(2));
	KUNIT_EXPECT_EQ(test, rd64(test, vgpu, AP_FIRST + 3), pte(2));
	KUNIT_EXPECT_EQ(test, mvgpu_test_ggtt_read(f, AP_FIRST + 3),
			page_to_phys(f->pages[2]) | MVGPU_GTT_PTE_PRESENT);
	KUNIT_EXPECT_EQ(test, f->pins[2], 1);
	KUNIT_EXPECT_PTR_EQ(test, vgpu->gtt.ap_pages[3], f->pages[2]);
	/* Hidden slice entries shadow too, but have no CPU mapping. */
	wr64(test, vgpu, HID_FIRST, pte(4));
	KUNIT_EXPECT_EQ(test, mvgpu_test_ggtt_read(f, HID_FIRST),
			page_to_phys(f->pages[4]) | MVGPU_GTT_PTE_PRESENT);
	/* Not present: scratch, unpinned. */
	wr64(test, vgpu, AP_FIRST + 3, 0);
	KUNIT_EXPECT_EQ(test, mvgpu_test_ggtt_read(f, AP_FIRST + 3),
			SCRATCH | MVGPU_GTT_PTE_PRESENT);
	KUNIT_EXPECT_EQ(test, f->pins[2], 0);
	KUNIT_EXPECT_NULL(test, vgpu->gtt.ap_pages[3]);
}

static void cache_refcounts(struct kunit *test)
{
	struct mvgpu_test_pgpu *f;
	struct mvgpu_vgpu *vgpu = gtt_vgpu(test, &f);

	wr64(test, vgpu, AP_FIRST, pte(1));
	wr64(test, vgpu, AP_FIRST + 1, pte(1));
	wr64(test, vgpu, HID_FIRST + 9, pte(1));
	KUNIT_EXPECT_EQ(test, f->pins[1], 1);	/* pinned once */
	KUNIT_EXPECT_EQ(test, vgpu->gtt.pins.nr, 1);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.pins.hits, 2);
	KUNIT_EXPECT_EQ(test, mvgpu_pin_lookup(&vgpu->gtt.pins, 1)->refs, 3);
	/* Rewriting the same value keeps exactly one reference for it. */
	wr64(test, vgpu, AP_FIRST, pte(1));
	KUNIT_EXPECT_EQ(test, mvgpu_pin_lookup(&vgpu->gtt.pins, 1)->refs, 3);
	wr64(test, vgpu, AP_FIRST, pte(2));
	wr64(test, vgpu, AP_FIRST + 1, 0);
	KUNIT_EXPECT_EQ(test, mvgpu_pin_lookup(&vgpu->gtt.pins, 1)->refs, 1);
	wr64(test, vgpu, HID_FIRST + 9, 0);
	KUNIT_EXPECT_EQ(test, f->pins[1], 0);
	KUNIT_EXPECT_NULL(test, mvgpu_pin_lookup(&vgpu->gtt.pins, 1));
	KUNIT_EXPECT_EQ(test, f->pins[2], 1);
}

static void half_writes(struct kunit *test)
{
	struct mvgpu_test_pgpu *f;
	struct mvgpu_vgpu *vgpu = gtt_vgpu(test, &f);
	u64 v = pte(6);
	__le32 lo = cpu_to_le32(lower_32_bits(v)), hi = cpu_to_le32(0);

	KUNIT_EXPECT_EQ(test, mvgpu_mmio_write(vgpu, GTT(AP_FIRST), &lo, 4), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_write(vgpu, GTT(AP_FIRST) + 4, &hi, 4),
			0);
	KUNIT_EXPECT_EQ(test, rd64(test, vgpu, AP_FIRST), v);
	KUNIT_EXPECT_EQ(test, f->pins[6], 1);
	/* A high half with must-be-zero bits makes the entry malformed. */
	hi = cpu_to_le32(0x80000000);
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_write(vgpu, GTT(AP_FIRST) + 4, &hi, 4),
			0);
	KUNIT_EXPECT_EQ(test, rd64(test, vgpu, AP_FIRST), v | BIT_ULL(63));
	KUNIT_EXPECT_EQ(test, f->pins[6], 0);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.stats.bad_entry, 1);
	/* Sub-dword writes and misalignment are refused. */
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_write(vgpu, GTT(AP_FIRST), &lo, 2),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_write(vgpu, GTT(AP_FIRST) + 4, &v, 8),
			-EINVAL);
}

static void rejected_entries(struct kunit *test)
{
	struct mvgpu_test_pgpu *f;
	struct mvgpu_vgpu *vgpu = gtt_vgpu(test, &f);

	/* Outside both slices: the host reservation and a neighbour. */
	wr64(test, vgpu, 0, pte(1));
	wr64(test, vgpu, AP_FIRST - 1, pte(1));
	wr64(test, vgpu, (0x4000000 + 0x6000000) >> 12, pte(1));
	KUNIT_EXPECT_EQ(test, vgpu->gtt.stats.out_of_range, 3);
	KUNIT_EXPECT_EQ(test, rd64(test, vgpu, 0), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_test_ggtt_read(f, 0), 0);	/* untouched */
	KUNIT_EXPECT_EQ(test, mvgpu_test_ggtt_read(f, AP_FIRST - 1), 0);
	KUNIT_EXPECT_EQ(test, f->pins[1], 0);

	/* Malformed: kept for the guest, scratch for the GPU. */
	wr64(test, vgpu, AP_FIRST, pte(1) | BIT(5));
	KUNIT_EXPECT_EQ(test, rd64(test, vgpu, AP_FIRST), pte(1) | BIT(5));
	KUNIT_EXPECT_EQ(test, mvgpu_test_ggtt_read(f, AP_FIRST),
			SCRATCH | MVGPU_GTT_PTE_PRESENT);
	KUNIT_EXPECT_EQ(test, f->pins[1], 0);

	/* A frame that is not guest memory: scratch, nothing leaked. */
	wr64(test, vgpu, AP_FIRST + 1, pte(NR_FRAMES + 100));
	KUNIT_EXPECT_EQ(test, mvgpu_test_ggtt_read(f, AP_FIRST + 1),
			SCRATCH | MVGPU_GTT_PTE_PRESENT);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.stats.unmapped_frame, 1);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.pins.nr, 0);
	KUNIT_EXPECT_EQ(test, f->maps, 0);
}

static void unmap_invalidates(struct kunit *test)
{
	struct mvgpu_test_pgpu *f;
	struct mvgpu_vgpu *vgpu = gtt_vgpu(test, &f);
	u64 zapped0;
	int zaps = f->zaps;

	wr64(test, vgpu, AP_FIRST, pte(2));
	wr64(test, vgpu, AP_FIRST + 1, pte(3));
	wr64(test, vgpu, HID_FIRST, pte(3));
	wr64(test, vgpu, AP_FIRST + 2, pte(5));
	/* Entries that had no page: no CPU mapping to take back. */
	KUNIT_EXPECT_EQ(test, f->zaps, zaps);
	/* One that had a page: its mapping goes, the old page with it. */
	wr64(test, vgpu, AP_FIRST + 3, pte(6));
	wr64(test, vgpu, AP_FIRST + 3, pte(7));
	KUNIT_EXPECT_EQ(test, f->zaps, zaps + 1);
	KUNIT_EXPECT_EQ(test, f->pins[6], 0);
	KUNIT_EXPECT_PTR_EQ(test, vgpu->gtt.ap_pages[3], f->pages[7]);

	/* Unmap frames 3 and 4: the aperture entry's page is zapped. */
	zaps = f->zaps;
	mvgpu_gtt_invalidate(vgpu, 3ull << 12, 2ull << 12, NULL);
	KUNIT_EXPECT_EQ(test, f->zaps, zaps + 1);
	KUNIT_EXPECT_EQ(test, f->pins[3], 0);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.stats.invalidated, 2);
	KUNIT_EXPECT_EQ(test, mvgpu_test_ggtt_read(f, AP_FIRST + 1),
			SCRATCH | MVGPU_GTT_PTE_PRESENT);
	KUNIT_EXPECT_EQ(test, mvgpu_test_ggtt_read(f, HID_FIRST),
			SCRATCH | MVGPU_GTT_PTE_PRESENT);
	KUNIT_EXPECT_NULL(test, vgpu->gtt.ap_pages[1]);
	/* The guest still reads its own values. */
	KUNIT_EXPECT_EQ(test, rd64(test, vgpu, AP_FIRST + 1), pte(3));
	/* Others are untouched. */
	KUNIT_EXPECT_EQ(test, f->pins[2], 1);
	KUNIT_EXPECT_EQ(test, f->pins[5], 1);
	KUNIT_EXPECT_PTR_EQ(test, vgpu->gtt.ap_pages[0], f->pages[2]);
	/* A later rewrite of the dropped entry does not double-unpin. */
	wr64(test, vgpu, AP_FIRST + 1, 0);
	KUNIT_EXPECT_EQ(test, f->pins[3], 0);
	/* Unmap of nothing, or of a wrapping range, is harmless. */
	mvgpu_gtt_invalidate(vgpu, 0x7000ull << 12, 1 << 12, NULL);
	mvgpu_gtt_invalidate(vgpu, ~0ull - 10, 100, NULL);
	KUNIT_EXPECT_EQ(test, f->pins[2], 1);

	/* Reset: everything goes, entries read 0; one zap of the slice. */
	zaps = f->zaps;
	zapped0 = f->zapped;
	mutex_lock(&vgpu->lock);
	mvgpu_gtt_reset(vgpu);
	mvgpu_vgpu_unlock(vgpu);
	KUNIT_EXPECT_EQ(test, f->zaps, zaps + 1);
	KUNIT_EXPECT_EQ(test, f->zapped - zapped0, vgpu->aperture.size);
	KUNIT_EXPECT_NULL(test, vgpu->gtt.ap_pages[0]);
	KUNIT_EXPECT_EQ(test, f->pins[2] + f->pins[5], 0);
	KUNIT_EXPECT_EQ(test, f->maps, 0);
	KUNIT_EXPECT_EQ(test, rd64(test, vgpu, AP_FIRST), 0);
	/*
	 * The backend was asked to drop its cached translations each time,
	 * before any frame an old entry named was unpinned.
	 */
	KUNIT_EXPECT_GE(test, f->invalidates, 6);
	KUNIT_EXPECT_EQ(test, f->invalidates, vgpu->gtt.stats.ggtt_invalidates);
	KUNIT_EXPECT_FALSE(test, f->ggtt_dirty);
	KUNIT_EXPECT_EQ(test, f->stale_unpins, 0);
}

static void aperture_access(struct kunit *test)
{
	struct mvgpu_test_pgpu *f;
	struct mvgpu_vgpu *vgpu = gtt_vgpu(test, &f);
	u32 v = 0x5a5aa5a5, r = 0;
	u8 *va;

	wr64(test, vgpu, AP_FIRST + 1, pte(7));
	KUNIT_EXPECT_EQ(test, mvgpu_gtt_aperture_rw(vgpu, 4096 + 16, &v, 4,
						    true), 0);
	va = kmap_local_page(f->pages[7]);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(va + 16), v);
	va[32] = 0x77;
	kunmap_local(va);
	KUNIT_EXPECT_EQ(test, mvgpu_gtt_aperture_rw(vgpu, 4096 + 32, &r, 1,
						    false), 0);
	KUNIT_EXPECT_EQ(test, r, 0x77);
	/* No page behind entry 0; outside the slice; across pages. */
	KUNIT_EXPECT_EQ(test, mvgpu_gtt_aperture_rw(vgpu, 0, &r, 4, false),
			-EIO);
	KUNIT_EXPECT_EQ(test, mvgpu_gtt_aperture_rw(vgpu, 0x6000000, &r, 4,
						    false), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_gtt_aperture_rw(vgpu, 8190, &r, 4, false),
			-EINVAL);
}

static void pin_failure_leaks_nothing(struct kunit *test)
{
	struct mvgpu_test_pgpu *f;
	struct mvgpu_vgpu *vgpu = gtt_vgpu(test, &f);
	struct mvgpu_pin *pin;

	struct mvgpu_pin *fresh, *dup;

	KUNIT_EXPECT_EQ(test, pin_new(vgpu, NR_FRAMES, 1, &pin), -EINVAL);
	KUNIT_EXPECT_EQ(test, f->pins[NR_FRAMES - 1], 0);
	mutex_lock(&vgpu->lock);
	KUNIT_EXPECT_NULL(test, mvgpu_pin_ref(&vgpu->gtt.pins, 0));
	mutex_unlock(&vgpu->lock);
	/* Two racing pinners of one frame: one pin survives. */
	KUNIT_ASSERT_EQ(test, pin_new(vgpu, 0, 1, &fresh), 0);
	KUNIT_ASSERT_EQ(test, pin_new(vgpu, 0, 1, &dup), 0);
	KUNIT_EXPECT_EQ(test, f->pins[0], 2);
	mutex_lock(&vgpu->lock);
	pin = mvgpu_pin_insert(&vgpu->gtt.pins, fresh, 0);
	KUNIT_EXPECT_PTR_EQ(test, pin, fresh);
	KUNIT_EXPECT_PTR_EQ(test, mvgpu_pin_insert(&vgpu->gtt.pins, dup, 0),
			    fresh);
	KUNIT_EXPECT_EQ(test, fresh->refs, 2);
	mvgpu_vgpu_unlock(vgpu);
	KUNIT_EXPECT_EQ(test, f->pins[0], 1);	/* the duplicate went */
	mutex_lock(&vgpu->lock);
	mvgpu_pin_put(&vgpu->gtt.pins, 0);
	mvgpu_pin_put(&vgpu->gtt.pins, 0);
	KUNIT_EXPECT_EQ(test, f->pins[0], 1);	/* unpinned only unlocked */
	mvgpu_vgpu_unlock(vgpu);
	KUNIT_EXPECT_EQ(test, f->pins[0], 0);
	KUNIT_EXPECT_EQ(test, f->maps, 0);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.pins.misses, 1);
	KUNIT_EXPECT_EQ(test, f->bad_unpins, 0);
}

static void hold_defers_unpin(struct kunit *test)
{
	struct mvgpu_test_pgpu *f;
	struct mvgpu_vgpu *vgpu = gtt_vgpu(test, &f);
	u8 b[4] = { 1, 2, 3, 4 }, r[4];

	wr64(test, vgpu, AP_FIRST, pte(3));
	wr64(test, vgpu, HID_FIRST, pte(4));
	/* Work in flight: replaced frames stay pinned. */
	mutex_lock(&vgpu->lock);
	mvgpu_pin_set_hold(&vgpu->gtt.pins, true);
	mutex_unlock(&vgpu->lock);
	wr64(test, vgpu, AP_FIRST, 0);
	KUNIT_EXPECT_EQ(test, f->pins[3], 1);
	/* Re-referencing a held frame needs no new pin. */
	wr64(test, vgpu, AP_FIRST + 1, pte(3));
	KUNIT_EXPECT_EQ(test, f->pins[3], 1);
	wr64(test, vgpu, AP_FIRST + 1, 0);
	mutex_lock(&vgpu->lock);
	mvgpu_pin_set_hold(&vgpu->gtt.pins, false);
	mvgpu_vgpu_unlock(vgpu);
	KUNIT_EXPECT_EQ(test, f->pins[3], 0);
	KUNIT_EXPECT_EQ(test, f->pins[4], 1);

	/* The graphics-address accessor and the range check. */
	mutex_lock(&vgpu->lock);
	KUNIT_EXPECT_EQ(test, mvgpu_gtt_gm_rw(vgpu, 0x30000000 + 10, b, 4,
					      true), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_gtt_gm_rw(vgpu, 0x30000000 + 10, r, 4,
					      false), 0);
	KUNIT_EXPECT_EQ(test, memcmp(b, r, 4), 0);
	/* Crossing into an entry without a page fails. */
	KUNIT_EXPECT_EQ(test, mvgpu_gtt_gm_rw(vgpu, 0x30000ffe, r, 4, false),
			-EFAULT);
	KUNIT_EXPECT_EQ(test, mvgpu_gtt_gm_rw(vgpu, 0x1000, r, 4, false),
			-EFAULT);
	mutex_unlock(&vgpu->lock);
	KUNIT_EXPECT_TRUE(test, mvgpu_gtt_range_ok(vgpu, 0x4000000, 0x6000000));
	KUNIT_EXPECT_FALSE(test, mvgpu_gtt_range_ok(vgpu, 0x4000000,
						    0x6000001));
	KUNIT_EXPECT_TRUE(test, mvgpu_gtt_range_ok(vgpu, 0x4ffffff0, 0x10));
	KUNIT_EXPECT_FALSE(test, mvgpu_gtt_range_ok(vgpu, 0x9ffffff, 2));
	KUNIT_EXPECT_FALSE(test, mvgpu_gtt_range_ok(vgpu, 0, 0));
}

static void failsafe_without_pv(struct kunit *test)
{
	struct mvgpu_test_pgpu *f;
	struct mvgpu_vgpu *vgpu = gtt_vgpu(test, &f);
	u8 b[8];

	vgpu->pv_seen = false;
	wr64(test, vgpu, AP_FIRST, pte(1));
	KUNIT_EXPECT_EQ(test, vgpu->failsafe, MVGPU_FAILSAFE_GTT_BEFORE_PV);
	/* Stored for reads, as every write is, but not translated. */
	KUNIT_EXPECT_EQ(test, rd64(test, vgpu, AP_FIRST), pte(1));
	KUNIT_EXPECT_EQ(test, mvgpu_test_ggtt_read(f, AP_FIRST), 0);
	KUNIT_EXPECT_EQ(test, f->pins[1], 0);
	KUNIT_EXPECT_EQ(test, vgpu->stats.failsafe_drops, 1);
	/* Reading the page now does not leave failsafe: only a reset does. */
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_read(vgpu, MVGPU_PVINFO_OFFSET +
					      MVGPU_PV_MAGIC_LO, b, 8), 0);
	KUNIT_EXPECT_TRUE(test, vgpu->pv_seen);
	wr64(test, vgpu, AP_FIRST, pte(2));
	KUNIT_EXPECT_EQ(test, rd64(test, vgpu, AP_FIRST), pte(2));
	KUNIT_EXPECT_EQ(test, f->pins[2], 0);
	KUNIT_EXPECT_EQ(test, vgpu->stats.failsafe_drops, 2);
	mutex_lock(&vgpu->lock);
	mvgpu_pvinfo_reset(vgpu);
	mutex_unlock(&vgpu->lock);
	KUNIT_EXPECT_EQ(test, vgpu->failsafe, MVGPU_FAILSAFE_NONE);
	KUNIT_EXPECT_FALSE(test, vgpu->pv_seen);
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_read(vgpu, MVGPU_PVINFO_OFFSET +
					      MVGPU_PV_MAGIC_LO, b, 4), 0);
	wr64(test, vgpu, AP_FIRST, pte(1));
	KUNIT_EXPECT_EQ(test, rd64(test, vgpu, AP_FIRST), pte(1));
	KUNIT_EXPECT_EQ(test, f->pins[1], 1);
}

/* A device reset while a GTT write pins: the reset wins, nothing stays. */
static void reset_during_pin(struct mvgpu_test_pgpu *tp, u64 gfn)
{
	tp->pin_hook = NULL;
	mutex_lock(&tp->vgpu->lock);
	mvgpu_gtt_reset(tp->vgpu);
	mvgpu_vgpu_unlock(tp->vgpu);
}

static void write_racing_reset(struct kunit *test)
{
	struct mvgpu_test_pgpu *f;
	struct mvgpu_vgpu *vgpu = gtt_vgpu(test, &f);

	wr64(test, vgpu, AP_FIRST + 1, pte(2));
	f->pin_hook = reset_during_pin;
	wr64(test, vgpu, AP_FIRST, pte(1));
	KUNIT_EXPECT_EQ(test, vgpu->gtt.stats.reset_races, 1);
	KUNIT_EXPECT_EQ(test, rd64(test, vgpu, AP_FIRST), 0);
	KUNIT_EXPECT_EQ(test, rd64(test, vgpu, AP_FIRST + 1), 0);
	/* Never installed: the host entry was not written. */
	KUNIT_EXPECT_EQ(test, mvgpu_test_ggtt_read(f, AP_FIRST), 0);
	KUNIT_EXPECT_EQ(test, f->pins[1] + f->pins[2], 0);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.pins.nr, 0);
	KUNIT_EXPECT_TRUE(test, list_empty(&vgpu->gtt.pins.flight));
	KUNIT_EXPECT_EQ(test, f->bad_unpins, 0);
	/* The next write after the reset is translated as usual. */
	wr64(test, vgpu, AP_FIRST, pte(1));
	KUNIT_EXPECT_EQ(test, f->pins[1], 1);
}

/* A DMA unmap of the frame a GTT write is pinning, from another thread. */
struct unmap_race {
	struct mvgpu_vgpu *vgpu;
	struct mvgpu_test_pgpu *f;
	struct mvgpu_gtt_block blk;
	struct completion done;
	u64 seq0;
	u64 gfn;
	int pins_after;
};

static int unmap_thread(void *data)
{
	struct unmap_race *r = data;

	mvgpu_gtt_invalidate(r->vgpu, r->gfn << MVGPU_GTT_PAGE_SHIFT,
			     BIT(MVGPU_GTT_PAGE_SHIFT), &r->blk);
	/* The contract: no pin of the range once the unmap returns. */
	r->pins_after = READ_ONCE(r->f->pins[r->gfn]);
	complete(&r->done);
	return 0;
}

static void unmap_during_pin(struct mvgpu_test_pgpu *tp, u64 gfn)
{
	struct unmap_race *r = tp->hook_data;
	struct task_struct *t;

	tp->pin_hook = NULL;
	t = kthread_run(unmap_thread, r, "mvgpu-test-unmap");
	if (IS_ERR(t)) {
		complete(&r->done);
		return;
	}
	/* Let it evict and bar the range; it then waits for this pin. */
	while (READ_ONCE(r->vgpu->gtt.inval_seq) == r->seq0)
		usleep_range(500, 1000);
}

static void unmap_racing_pin(struct kunit *test)
{
	struct mvgpu_test_pgpu *f;
	struct mvgpu_vgpu *vgpu = gtt_vgpu(test, &f);
	struct unmap_race *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->vgpu = vgpu;
	r->f = f;
	r->gfn = 1;
	r->pins_after = -1;
	r->seq0 = vgpu->gtt.inval_seq;
	init_completion(&r->done);
	f->hook_data = r;
	f->pin_hook = unmap_during_pin;

	wr64(test, vgpu, AP_FIRST, pte(1));
	wait_for_completion(&r->done);
	KUNIT_EXPECT_EQ(test, r->pins_after, 0);
	KUNIT_EXPECT_EQ(test, rd64(test, vgpu, AP_FIRST), pte(1));
	KUNIT_EXPECT_EQ(test, mvgpu_test_ggtt_read(f, AP_FIRST),
			SCRATCH | MVGPU_GTT_PTE_PRESENT);
	KUNIT_EXPECT_EQ(test, f->pins[1], 0);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.stats.unmapping, 1);
	/* Barred until the unmap is complete, whoever writes. */
	wr64(test, vgpu, AP_FIRST + 3, pte(1));
	KUNIT_EXPECT_EQ(test, f->pins[1], 0);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.stats.unmapping, 2);
	/* A neighbour outside the range is pinned alone, not in a run. */
	wr64(test, vgpu, AP_FIRST + 4, pte(2));
	KUNIT_EXPECT_EQ(test, f->pins[2], 1);
	KUNIT_EXPECT_EQ(test, mvgpu_pin_lookup(&vgpu->gtt.pins, 2)->npages, 1);
	mvgpu_gtt_unblock(&r->blk);
	wr64(test, vgpu, AP_FIRST, pte(1));
	KUNIT_EXPECT_EQ(test, f->pins[1], 1);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.stats.unmapping, 2);
	KUNIT_EXPECT_EQ(test, f->bad_unpins, 0);
}

/* A block outlives the vGPU's interest in it: lifting it later is safe. */
static void blocks_forgotten_at_close(struct kunit *test)
{
	struct mvgpu_test_pgpu *f;
	struct mvgpu_vgpu *vgpu = gtt_vgpu(test, &f);
	struct mvgpu_gtt_block blk;

	mvgpu_gtt_invalidate(vgpu, 1 << MVGPU_GTT_PAGE_SHIFT,
			     BIT(MVGPU_GTT_PAGE_SHIFT), &blk);
	KUNIT_EXPECT_PTR_EQ(test, blk.vgpu, vgpu);
	wr64(test, vgpu, AP_FIRST, pte(1));
	KUNIT_EXPECT_EQ(test, f->pins[1], 0);
	mvgpu_gtt_forget_blocks(vgpu);
	KUNIT_EXPECT_NULL(test, blk.vgpu);
	KUNIT_EXPECT_TRUE(test, list_empty(&vgpu->gtt.blocked));
	mvgpu_gtt_unblock(&blk);
	wr64(test, vgpu, AP_FIRST, pte(1));
	KUNIT_EXPECT_EQ(test, f->pins[1], 1);
}

/* Frames of the contiguous block (test_util.h), and of the sparse one. */
#define C0		MVGPU_TEST_CONTIG
#define S0		MVGPU_TEST_SPARSE
#define RUN		16

static u64 host_pte(struct mvgpu_test_pgpu *f, u64 gfn)
{
	return page_to_phys(f->pages[gfn]) | MVGPU_GTT_PTE_PRESENT;
}

static void extent_hits_every_frame(struct kunit *test)
{
	struct mvgpu_test_pgpu *f;
	struct mvgpu_vgpu *vgpu = gtt_vgpu(test, &f);
	struct mvgpu_pin *ext;
	u32 v = 0xc0ffee, r = 0;
	unsigned int i;
	u8 *va;

	/* A miss in the middle of a run pins the whole aligned run once. */
	wr64(test, vgpu, AP_FIRST + 5, pte(C0 + 5));
	KUNIT_EXPECT_EQ(test, f->pin_calls, 1);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.pins.nr, 1);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.pins.nr_pages, RUN);
	ext = mvgpu_pin_lookup(&vgpu->gtt.pins, C0 + 5);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	KUNIT_EXPECT_EQ(test, ext->gfn, C0);
	KUNIT_EXPECT_EQ(test, ext->npages, RUN);
	for (i = 0; i < RUN; i++)
		wr64(test, vgpu, AP_FIRST + i, pte(C0 + i));
	/* Every frame hits, with its own page and address. */
	KUNIT_EXPECT_EQ(test, f->pin_calls, 1);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.pins.misses, 1);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.pins.hits, RUN);
	KUNIT_EXPECT_EQ(test, ext->refs, RUN);
	for (i = 0; i < RUN; i++) {
		KUNIT_EXPECT_PTR_EQ(test, mvgpu_pin_lookup(&vgpu->gtt.pins,
							   C0 + i), ext);
		KUNIT_EXPECT_EQ(test, f->pins[C0 + i], 1);
		KUNIT_EXPECT_EQ(test, mvgpu_test_ggtt_read(f, AP_FIRST + i),
				host_pte(f, C0 + i));
		KUNIT_EXPECT_PTR_EQ(test, vgpu->gtt.ap_pages[i],
				    f->pages[C0 + i]);
	}
	KUNIT_EXPECT_NULL(test, mvgpu_pin_lookup(&vgpu->gtt.pins, C0 + RUN));
	KUNIT_EXPECT_NULL(test, mvgpu_pin_lookup(&vgpu->gtt.pins, C0 - 1));
	/* Bytes land in the right page, through both accessors. */
	KUNIT_EXPECT_EQ(test, mvgpu_gtt_aperture_rw(vgpu, 9 * 4096 + 8, &v, 4,
						    true), 0);
	mutex_lock(&vgpu->lock);
	KUNIT_EXPECT_EQ(test, mvgpu_gtt_gm_rw(vgpu, 0x4000000 + 9 * 4096 + 8,
					      &r, 4, false), 0);
	mutex_unlock(&vgpu->lock);
	KUNIT_EXPECT_EQ(test, r, v);
	va = kmap_local_page(f->pages[C0 + 9]);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(va + 8), v);
	kunmap_local(va);
	KUNIT_EXPECT_EQ(test, f->bad_unpins, 0);
}

static void extent_refcounts(struct kunit *test)
{
	struct mvgpu_test_pgpu *f;
	struct mvgpu_vgpu *vgpu = gtt_vgpu(test, &f);

	/* Entries naming different frames of one extent share it. */
	wr64(test, vgpu, AP_FIRST, pte(C0 + 1));
	wr64(test, vgpu, AP_FIRST + 1, pte(C0 + 1));
	wr64(test, vgpu, HID_FIRST, pte(C0 + 15));
	KUNIT_EXPECT_EQ(test, mvgpu_pin_lookup(&vgpu->gtt.pins, C0)->refs, 3);
	wr64(test, vgpu, AP_FIRST, 0);
	wr64(test, vgpu, AP_FIRST + 1, pte(3));
	KUNIT_EXPECT_EQ(test, f->pins[C0 + 1], 1);	/* frame 15 keeps it */
	KUNIT_EXPECT_EQ(test, mvgpu_pin_lookup(&vgpu->gtt.pins, C0)->refs, 1);
	/* The last reference unpins exactly the range that was pinned. */
	wr64(test, vgpu, HID_FIRST, 0);
	KUNIT_EXPECT_NULL(test, mvgpu_pin_lookup(&vgpu->gtt.pins, C0 + 15));
	KUNIT_EXPECT_EQ(test, f->pins[C0 + 1] + f->pins[C0 + 15], 0);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.pins.nr_pages, 1);
	KUNIT_EXPECT_EQ(test, f->maps, 1);
	KUNIT_EXPECT_EQ(test, f->bad_unpins, 0);
}

static void noncontiguous_falls_back(struct kunit *test)
{
	struct mvgpu_test_pgpu *f;
	struct mvgpu_vgpu *vgpu = gtt_vgpu(test, &f);
	struct mvgpu_pin *pin;

	/* Pinned, but not physically contiguous: no extent, nothing kept. */
	KUNIT_EXPECT_EQ(test, pin_new(vgpu, S0, RUN, &pin),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, f->pins[S0] + f->pins[S0 + 15], 0);
	KUNIT_EXPECT_EQ(test, f->bad_unpins, 0);
	/* Bad sizes and alignments are refused before pinning. */
	KUNIT_EXPECT_EQ(test, pin_new(vgpu, C0 + 1, 2, &pin),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, pin_new(vgpu, C0, 3, &pin),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, pin_new(vgpu, 0, 1024, &pin),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, f->pin_calls, 1);

	/* The GTT falls back to the single frame. */
	wr64(test, vgpu, AP_FIRST, pte(S0 + 3));
	KUNIT_EXPECT_EQ(test, f->pins[S0 + 3], 1);
	KUNIT_EXPECT_EQ(test, f->pins[S0 + 2], 0);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.pins.nr_pages, 1);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.stats.run_fallbacks, 1);
	KUNIT_EXPECT_EQ(test, mvgpu_test_ggtt_read(f, AP_FIRST),
			host_pte(f, S0 + 3));
	/* So it does for a run with frames that are not guest memory. */
	wr64(test, vgpu, AP_FIRST + 1, pte(2));
	KUNIT_EXPECT_EQ(test, f->pins[2] + f->pins[3], 1);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.stats.run_fallbacks, 2);
	/* A run with a cached frame is not tried: its neighbours go alone. */
	wr64(test, vgpu, AP_FIRST + 2, pte(S0 + 4));
	KUNIT_EXPECT_EQ(test, f->pins[S0 + 4], 1);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.stats.run_fallbacks, 2);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.pins.nr, 3);
	KUNIT_EXPECT_EQ(test, f->bad_unpins, 0);
}

static void partial_unmap_evicts_extent(struct kunit *test)
{
	struct mvgpu_test_pgpu *f;
	struct mvgpu_vgpu *vgpu = gtt_vgpu(test, &f);
	struct mvgpu_pin *pin;
	struct page *gone;

	wr64(test, vgpu, AP_FIRST, pte(C0));
	wr64(test, vgpu, AP_FIRST + 1, pte(C0 + 4));
	wr64(test, vgpu, AP_FIRST + 2, pte(C0 + 15));
	wr64(test, vgpu, HID_FIRST, pte(C0 + RUN));	/* the next run */
	KUNIT_EXPECT_EQ(test, vgpu->gtt.pins.nr, 2);

	/* Frame C0 + 4 goes away: its whole extent is unpinned at once. */
	gone = f->pages[C0 + 4];
	f->pages[C0 + 4] = NULL;
	mvgpu_gtt_invalidate(vgpu, (u64)(C0 + 4) << 12, 4096, NULL);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.stats.invalidated, 1);
	KUNIT_EXPECT_EQ(test, f->pins[C0 + 4], 0);
	KUNIT_EXPECT_EQ(test, f->bad_unpins, 0);
	KUNIT_EXPECT_EQ(test, mvgpu_test_ggtt_read(f, AP_FIRST + 1),
			SCRATCH | MVGPU_GTT_PTE_PRESENT);
	KUNIT_EXPECT_EQ(test, rd64(test, vgpu, AP_FIRST + 1), pte(C0 + 4));
	/* The other run is untouched. */
	KUNIT_EXPECT_EQ(test, f->pins[C0 + RUN], 1);
	KUNIT_EXPECT_EQ(test, mvgpu_test_ggtt_read(f, HID_FIRST),
			host_pte(f, C0 + RUN));

	/* The survivors are re-pinned (alone now) and the engines resume. */
	flush_work(&vgpu->gtt.repin_work);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.stats.repinned, 2);
	KUNIT_EXPECT_EQ(test, vgpu->quiesce, 0);
	KUNIT_EXPECT_EQ(test, f->pins[C0] + f->pins[C0 + 15], 2);
	KUNIT_EXPECT_EQ(test, f->pins[C0 + 1], 0);
	KUNIT_EXPECT_EQ(test, mvgpu_test_ggtt_read(f, AP_FIRST),
			host_pte(f, C0));
	KUNIT_EXPECT_EQ(test, mvgpu_test_ggtt_read(f, AP_FIRST + 2),
			host_pte(f, C0 + 15));
	KUNIT_EXPECT_PTR_EQ(test, vgpu->gtt.ap_pages[2], f->pages[C0 + 15]);
	KUNIT_EXPECT_EQ(test, mvgpu_test_ggtt_read(f, AP_FIRST + 1),
			SCRATCH | MVGPU_GTT_PTE_PRESENT);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.pins.nr, 3);
	f->pages[C0 + 4] = gone;

	/* The pin layer alone: a drop overlapping an extent evicts it. */
	mutex_lock(&vgpu->lock);
	mvgpu_gtt_reset(vgpu);
	mvgpu_vgpu_unlock(vgpu);
	KUNIT_EXPECT_EQ(test, f->pins[C0 + RUN], 0);
	KUNIT_ASSERT_EQ(test, pin_new(vgpu, C0 + RUN, RUN, &pin), 0);
	mutex_lock(&vgpu->lock);
	KUNIT_EXPECT_FALSE(test, IS_ERR(mvgpu_pin_insert(&vgpu->gtt.pins, pin,
							 C0 + RUN + 3)));
	mvgpu_pin_drop_range(&vgpu->gtt.pins, C0 + RUN + 15, C0 + RUN + 20);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.pins.nr, 0);
	KUNIT_EXPECT_EQ(test, f->pins[C0 + RUN], 1);	/* unpinned unlocked */
	mvgpu_vgpu_unlock(vgpu);
	KUNIT_EXPECT_EQ(test, f->pins[C0 + RUN] + f->pins[C0], 0);
	KUNIT_EXPECT_EQ(test, f->maps, 0);
	KUNIT_EXPECT_EQ(test, f->bad_unpins, 0);
	KUNIT_EXPECT_EQ(test, f->stale_unpins, 0);
}

static void extent_size_mismatch(struct kunit *test)
{
	struct mvgpu_test_pgpu *f;
	struct mvgpu_vgpu *vgpu = gtt_vgpu(test, &f);
	struct mvgpu_pin *one, *run, *run2, *got;

	/* A single frame cached first: the run around it is not tried. */
	KUNIT_ASSERT_EQ(test, pin_new(vgpu, C0 + 8, 1, &one),
			0);
	mutex_lock(&vgpu->lock);
	KUNIT_EXPECT_PTR_EQ(test, mvgpu_pin_insert(&vgpu->gtt.pins, one,
						   C0 + 8), one);
	mutex_unlock(&vgpu->lock);
	wr64(test, vgpu, AP_FIRST, pte(C0 + 1));
	KUNIT_EXPECT_EQ(test, f->pins[C0 + 1], 1);
	KUNIT_EXPECT_EQ(test, f->pins[C0 + 2], 0);
	KUNIT_EXPECT_EQ(test, mvgpu_pin_lookup(&vgpu->gtt.pins, C0 + 1)->npages,
			1);

	/* Racing pinners of the run: the cached extent wins, any size. */
	KUNIT_ASSERT_EQ(test, pin_new(vgpu, C0, RUN, &run), 0);
	KUNIT_ASSERT_EQ(test, pin_new(vgpu, C0, RUN, &run2),
			0);
	mutex_lock(&vgpu->lock);
	got = mvgpu_pin_insert(&vgpu->gtt.pins, run, C0 + 1);
	KUNIT_EXPECT_EQ(test, got->npages, 1);
	KUNIT_EXPECT_EQ(test, got->refs, 2);
	/* A frame not cached, but other frames of the run are: -EBUSY. */
	KUNIT_EXPECT_PTR_EQ(test, mvgpu_pin_insert(&vgpu->gtt.pins, run2,
						   C0 + 5), ERR_PTR(-EBUSY));
	mvgpu_pin_put(&vgpu->gtt.pins, C0 + 1);
	mvgpu_vgpu_unlock(vgpu);
	KUNIT_EXPECT_EQ(test, f->pins[C0 + 5], 0);	/* both runs went */
	KUNIT_EXPECT_EQ(test, f->pins[C0 + 1], 1);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.pins.nr, 2);
	KUNIT_EXPECT_EQ(test, f->bad_unpins, 0);
}

static void extent_hold(struct kunit *test)
{
	struct mvgpu_test_pgpu *f;
	struct mvgpu_vgpu *vgpu = gtt_vgpu(test, &f);

	wr64(test, vgpu, AP_FIRST, pte(C0 + 3));
	mutex_lock(&vgpu->lock);
	mvgpu_pin_set_hold(&vgpu->gtt.pins, true);
	mutex_unlock(&vgpu->lock);
	/* Held with no reference, then re-used through another frame. */
	wr64(test, vgpu, AP_FIRST, 0);
	KUNIT_EXPECT_EQ(test, f->pins[C0 + 3], 1);
	wr64(test, vgpu, AP_FIRST + 1, pte(C0 + 12));
	KUNIT_EXPECT_EQ(test, f->pin_calls, 1);
	wr64(test, vgpu, AP_FIRST + 1, 0);
	KUNIT_EXPECT_EQ(test, f->pins[C0 + 12], 1);
	mutex_lock(&vgpu->lock);
	mvgpu_pin_set_hold(&vgpu->gtt.pins, false);
	KUNIT_EXPECT_EQ(test, f->pins[C0 + 12], 1);	/* a zombie now */
	mvgpu_vgpu_unlock(vgpu);
	KUNIT_EXPECT_EQ(test, f->pins[C0 + 3] + f->pins[C0 + 12], 0);
	KUNIT_EXPECT_EQ(test, vgpu->gtt.pins.nr_pages, 0);
	KUNIT_EXPECT_EQ(test, f->maps, 0);
	KUNIT_EXPECT_EQ(test, f->bad_unpins, 0);
}

/* A backend with map_page only, handing out addresses @step apart. */
struct range_backend {
	struct mvgpu_test_pgpu base;
	u64 step;
	u64 next;
	int mapped;
	int ranges;
};

static int rb_map_page(void *priv, struct page *page, u64 *addr)
{
	struct range_backend *rb = priv;

	*addr = rb->next;
	rb->next += rb->step;
	rb->mapped++;
	return 0;
}

static void rb_unmap_page(void *priv, u64 addr)
{
	((struct range_backend *)priv)->mapped--;
}

static int rb_map_range(void *priv, struct page *page, u64 size, u64 *addr)
{
	((struct range_backend *)priv)->ranges++;
	*addr = page_to_phys(page);
	return 0;
}

static void rb_unmap_range(void *priv, u64 addr, u64 size)
{
	((struct range_backend *)priv)->ranges--;
}

static void backend_map_range(struct kunit *test)
{
	struct mvgpu_backend_ops ops = {
		.map_page = rb_map_page, .unmap_page = rb_unmap_page,
	};
	struct range_backend *rb = kunit_kzalloc(test, sizeof(*rb),
						 GFP_KERNEL);
	struct mvgpu_pgpu *pgpu;
	struct page *page;
	u64 addr = 0;

	KUNIT_ASSERT_NOT_NULL(test, rb);
	page = alloc_pages(GFP_KERNEL, 4);
	KUNIT_ASSERT_NOT_NULL(test, page);
	pgpu = &rb->base.pgpu;
	pgpu->ops = &ops;
	pgpu->priv = rb;
	/* Without map_range: page by page, contiguous addresses. */
	rb->step = PAGE_SIZE;
	rb->next = 0x100000;
	KUNIT_EXPECT_EQ(test, mvgpu_pgpu_map_range(pgpu, page, 16, &addr), 0);
	KUNIT_EXPECT_EQ(test, addr, 0x100000);
	KUNIT_EXPECT_EQ(test, rb->mapped, 16);
	mvgpu_pgpu_unmap_range(pgpu, addr, 16);
	KUNIT_EXPECT_EQ(test, rb->mapped, 0);
	/* Addresses that do not follow each other: -EINVAL, all undone. */
	rb->step = 2 * PAGE_SIZE;
	KUNIT_EXPECT_EQ(test, mvgpu_pgpu_map_range(pgpu, page, 16, &addr),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, rb->mapped, 0);
	KUNIT_EXPECT_EQ(test, mvgpu_pgpu_map_range(pgpu, page, 1, &addr), 0);
	mvgpu_pgpu_unmap_range(pgpu, addr, 1);
	/* With map_range: one call. */
	ops.map_range = rb_map_range;
	ops.unmap_range = rb_unmap_range;
	KUNIT_EXPECT_EQ(test, mvgpu_pgpu_map_range(pgpu, page, 16, &addr), 0);
	KUNIT_EXPECT_EQ(test, addr, page_to_phys(page));
	KUNIT_EXPECT_EQ(test, rb->ranges, 1);
	mvgpu_pgpu_unmap_range(pgpu, addr, 16);
	KUNIT_EXPECT_EQ(test, rb->ranges + rb->mapped, 0);
	__free_pages(page, 4);
}

static struct kunit_case gtt_cases[] = {
	KUNIT_CASE(failsafe_without_pv),
	KUNIT_CASE(write_racing_reset),
	KUNIT_CASE(unmap_racing_pin),
	KUNIT_CASE(blocks_forgotten_at_close),
	KUNIT_CASE(hold_defers_unpin),
	KUNIT_CASE(pte_decode),
	KUNIT_CASE(shadow_present_entry),
	KUNIT_CASE(cache_refcounts),
	KUNIT_CASE(half_writes),
	KUNIT_CASE(rejected_entries),
	KUNIT_CASE(unmap_invalidates),
	KUNIT_CASE(aperture_access),
	KUNIT_CASE(pin_failure_leaks_nothing),
	KUNIT_CASE(extent_hits_every_frame),
	KUNIT_CASE(extent_refcounts),
	KUNIT_CASE(noncontiguous_falls_back),
	KUNIT_CASE(partial_unmap_evicts_extent),
	KUNIT_CASE(extent_size_mismatch),
	KUNIT_CASE(extent_hold),
	KUNIT_CASE(backend_map_range),
	{}
};

static struct kunit_suite gtt_suite = {
	.name = "mvgpu_gtt",
	.test_cases = gtt_cases,
};

kunit_test_suite(gtt_suite);
