// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: GTT entry decode and validation, GGTT shadowing, the translation
 * cache and DMA-unmap invalidation, against a fake physical GPU and fake
 * pinning.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <kunit/test.h>
#include <linux/highmem.h>
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

static const struct mvgpu_backend_ops fake_backend = {
	.ggtt_write = mvgpu_test_ggtt_write,
	.ggtt_read = mvgpu_test_ggtt_read,
};

static struct mvgpu_vgpu *gtt_vgpu(struct kunit *test,
				   struct mvgpu_test_pgpu **out)
{
	struct mvgpu_test_pgpu *f = kunit_kzalloc(test, sizeof(*f),
						  GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	*out = f;
	return mvgpu_test_gtt_vgpu(test, f, &fake_backend);
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

	wr64(test, vgpu, AP_FIRST, pte(2));
	wr64(test, vgpu, AP_FIRST + 1, pte(3));
	wr64(test, vgpu, HID_FIRST, pte(3));
	wr64(test, vgpu, AP_FIRST + 2, pte(5));

	/* Unmap frames 3 and 4. */
	mvgpu_gtt_invalidate(vgpu, 3ull << 12, 2ull << 12);
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
	mvgpu_gtt_invalidate(vgpu, 0x7000ull << 12, 1 << 12);
	mvgpu_gtt_invalidate(vgpu, ~0ull - 10, 100);
	KUNIT_EXPECT_EQ(test, f->pins[2], 1);

	/* Reset: everything goes, entries read 0. */
	mutex_lock(&vgpu->lock);
	mvgpu_gtt_reset(vgpu);
	mvgpu_vgpu_unlock(vgpu);
	KUNIT_EXPECT_EQ(test, f->pins[2] + f->pins[5], 0);
	KUNIT_EXPECT_EQ(test, f->maps, 0);
	KUNIT_EXPECT_EQ(test, rd64(test, vgpu, AP_FIRST), 0);
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

	KUNIT_EXPECT_EQ(test, mvgpu_pin_new(&vgpu->gtt.pins, NR_FRAMES, &pin),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, f->pins[NR_FRAMES - 1], 0);
	mutex_lock(&vgpu->lock);
	KUNIT_EXPECT_NULL(test, mvgpu_pin_ref(&vgpu->gtt.pins, 0));
	mutex_unlock(&vgpu->lock);
	/* Two racing pinners of one frame: one pin survives. */
	KUNIT_ASSERT_EQ(test, mvgpu_pin_new(&vgpu->gtt.pins, 0, &fresh), 0);
	KUNIT_ASSERT_EQ(test, mvgpu_pin_new(&vgpu->gtt.pins, 0, &dup), 0);
	KUNIT_EXPECT_EQ(test, f->pins[0], 2);
	mutex_lock(&vgpu->lock);
	pin = mvgpu_pin_insert(&vgpu->gtt.pins, fresh);
	KUNIT_EXPECT_PTR_EQ(test, pin, fresh);
	KUNIT_EXPECT_PTR_EQ(test, mvgpu_pin_insert(&vgpu->gtt.pins, dup), fresh);
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
	KUNIT_EXPECT_EQ(test, rd64(test, vgpu, AP_FIRST), 0);
	KUNIT_EXPECT_EQ(test, f->pins[1], 0);
	KUNIT_EXPECT_EQ(test, vgpu->stats.failsafe_drops, 1);
	/* Reading the page now does not leave failsafe: only a reset does. */
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_read(vgpu, MVGPU_PVINFO_OFFSET +
					      MVGPU_PV_MAGIC_LO, b, 8), 0);
	KUNIT_EXPECT_TRUE(test, vgpu->pv_seen);
	wr64(test, vgpu, AP_FIRST, pte(1));
	KUNIT_EXPECT_EQ(test, rd64(test, vgpu, AP_FIRST), 0);
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

static struct kunit_case gtt_cases[] = {
	KUNIT_CASE(failsafe_without_pv),
	KUNIT_CASE(hold_defers_unpin),
	KUNIT_CASE(pte_decode),
	KUNIT_CASE(shadow_present_entry),
	KUNIT_CASE(cache_refcounts),
	KUNIT_CASE(half_writes),
	KUNIT_CASE(rejected_entries),
	KUNIT_CASE(unmap_invalidates),
	KUNIT_CASE(aperture_access),
	KUNIT_CASE(pin_failure_leaks_nothing),
	{}
};

static struct kunit_suite gtt_suite = {
	.name = "mvgpu_gtt",
	.test_cases = gtt_cases,
};

kunit_test_suite(gtt_suite);
