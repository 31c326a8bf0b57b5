// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the register table, register attributes and BAR0 dispatch.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <kunit/test.h>
#include <linux/unaligned.h>

#include "tests/test_util.h"

#define SWF(i)		MVGPU_REG_SWF(i)
#define RCS_MI_MODE	MVGPU_RING_MI_MODE(MVGPU_RENDER_RING_BASE)
#define PV(off)		(MVGPU_PVINFO_OFFSET + (off))
#define UNKNOWN_OFF	0x100

static void table_is_valid(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mvgpu_reg_table_check(mvgpu_reg_table,
						    mvgpu_reg_table_size), 0);
}

static void table_check_rejects_bad_tables(struct kunit *test)
{
	const struct mvgpu_reg_desc unsorted[] = {
		{ .name = "B", .offset = 0x200, .count = 1 },
		{ .name = "A", .offset = 0x100, .count = 1 },
	};
	const struct mvgpu_reg_desc overlap[] = {
		{ .name = "A", .offset = 0x100, .count = 4 },
		{ .name = "B", .offset = 0x108, .count = 1 },
	};
	const struct mvgpu_reg_desc misaligned[] = {
		{ .name = "A", .offset = 0x102, .count = 1 },
	};
	const struct mvgpu_reg_desc reset_in_rsvd[] = {
		{ .name = "A", .offset = 0x100, .count = 1, .reset = 0x3,
		  .rsvd_mask = 0x2 },
	};
	const struct mvgpu_reg_desc outside_mmio[] = {
		{ .name = "A", .offset = MVGPU_MMIO_SIZE - 4, .count = 2 },
	};
	const struct mvgpu_reg_desc empty[] = {
		{ .name = "A", .offset = 0x100, .count = 0 },
	};

	KUNIT_EXPECT_EQ(test, mvgpu_reg_table_check(unsorted, 2), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_reg_table_check(overlap, 2), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_reg_table_check(misaligned, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_reg_table_check(reset_in_rsvd, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_reg_table_check(outside_mmio, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_reg_table_check(empty, 1), -EINVAL);
}

static void find_maps_arrays_to_slots(struct kunit *test)
{
	unsigned int s0, s1, s31;

	KUNIT_EXPECT_NOT_NULL(test, mvgpu_reg_find(SWF(0), &s0));
	KUNIT_EXPECT_NOT_NULL(test, mvgpu_reg_find(SWF(1), &s1));
	KUNIT_EXPECT_NOT_NULL(test, mvgpu_reg_find(SWF(31), &s31));
	KUNIT_EXPECT_EQ(test, s1, s0 + 1);
	KUNIT_EXPECT_EQ(test, s31, s0 + 31);
	KUNIT_EXPECT_NULL(test, mvgpu_reg_find(SWF(32), NULL));
	KUNIT_EXPECT_NULL(test, mvgpu_reg_find(UNKNOWN_OFF, NULL));
	KUNIT_EXPECT_LT(test, s31, mvgpu_reg_nr_slots());
}

static void apply_write_attributes(struct kunit *test)
{
	const struct mvgpu_reg_desc plain = { .name = "P", .count = 1 };
	const struct mvgpu_reg_desc ro = { .name = "R", .count = 1,
					   .ro_mask = 0xff00 };
	const struct mvgpu_reg_desc rsvd = { .name = "V", .count = 1,
					     .rsvd_mask = 0xffff0000 };
	const struct mvgpu_reg_desc w1c = { .name = "C", .count = 1,
					    .w1c_mask = 0xf };
	const struct mvgpu_reg_desc mode = { .name = "M", .count = 1,
					     .flags = MVGPU_REG_F_MODE_MASK,
					     .ro_mask = 0x2 };

	KUNIT_EXPECT_EQ(test, mvgpu_reg_apply_write(&plain, 0, 0xdeadbeef),
			0xdeadbeef);
	KUNIT_EXPECT_EQ(test, mvgpu_reg_apply_write(&ro, 0x1200, 0xffff),
			0x12ff);
	KUNIT_EXPECT_EQ(test, mvgpu_reg_apply_write(&rsvd, 0, 0xffffffff),
			0xffff);
	/* W1C: ones clear, zeroes keep. */
	KUNIT_EXPECT_EQ(test, mvgpu_reg_apply_write(&w1c, 0xf, 0x5), 0xa);
	KUNIT_EXPECT_EQ(test, mvgpu_reg_apply_write(&w1c, 0xf, 0x0), 0xf);
	/* Mode mask: only masked bits change, upper half never stored. */
	KUNIT_EXPECT_EQ(test, mvgpu_reg_apply_write(&mode, 0, 0x1), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_reg_apply_write(&mode, 0, 0x10001), 1);
	KUNIT_EXPECT_EQ(test, mvgpu_reg_apply_write(&mode, 0x5, 0x10000), 4);
	KUNIT_EXPECT_EQ(test, mvgpu_reg_apply_write(&mode, 0x0, 0x20002), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_reg_apply_write(&mode, 0x4, 0xffff0001), 1);
}

static void mmio_scratch_rw(struct kunit *test)
{
	struct mvgpu_vgpu *vgpu = mvgpu_test_vgpu(test);

	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, SWF(5)), 0);
	mvgpu_test_wr(test, vgpu, SWF(5), 0x12345678);
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, SWF(5)), 0x12345678);
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, SWF(4)), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, SWF(6)), 0);
	KUNIT_EXPECT_EQ(test, vgpu->stats.mmio_writes, 1);
}

static void mmio_access_sizes(struct kunit *test)
{
	struct mvgpu_vgpu *vgpu = mvgpu_test_vgpu(test);
	u8 b[8];

	put_unaligned_le64(0x1122334455667788ull, b);
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_write(vgpu, SWF(2), b, 8), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, SWF(2)), 0x55667788);
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, SWF(3)), 0x11223344);

	memset(b, 0, sizeof(b));
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_read(vgpu, SWF(2), b, 8), 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(b), 0x1122334455667788ull);
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_read(vgpu, SWF(2) + 2, b, 2), 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(b), 0x5566);
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_read(vgpu, SWF(2) + 1, b, 1), 0);
	KUNIT_EXPECT_EQ(test, b[0], 0x77);

	/* Sub-dword writes, misalignment and ranges are rejected. */
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_write(vgpu, SWF(2), b, 2), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_write(vgpu, SWF(2), b, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_read(vgpu, SWF(2) + 2, b, 4), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_read(vgpu, SWF(2), b, 3), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_write(vgpu, SWF(3), b, 8), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_read(vgpu, MVGPU_BAR0_SIZE, b, 4),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_read(vgpu, MVGPU_BAR0_SIZE - 4, b, 8),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_read(vgpu, ~0ull - 3, b, 4), -EINVAL);
	KUNIT_EXPECT_EQ(test, vgpu->stats.bad_access, 8);
	/* Nothing changed. */
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, SWF(2)), 0x55667788);
}

static void mmio_unknown_reported_once(struct kunit *test)
{
	struct mvgpu_vgpu *vgpu = mvgpu_test_vgpu(test);
	unsigned int i;

	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, UNKNOWN_OFF), 0);
	mvgpu_test_wr(test, vgpu, UNKNOWN_OFF, 0xffffffff);
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, UNKNOWN_OFF), 0);
	KUNIT_EXPECT_EQ(test, vgpu->stats.unknown_mmio, 3);
	KUNIT_EXPECT_EQ(test, vgpu->nr_unknown_tracked, 1);
	KUNIT_EXPECT_NOT_NULL(test, xa_load(&vgpu->unknown_mmio,
					    UNKNOWN_OFF / 4));

	/* The record is bounded. */
	for (i = 0; i < 2 * MVGPU_UNKNOWN_MMIO_TRACKED; i++)
		mvgpu_test_rd(test, vgpu, 0x1000 + 4 * i);
	KUNIT_EXPECT_EQ(test, vgpu->nr_unknown_tracked,
			MVGPU_UNKNOWN_MMIO_TRACKED);
	KUNIT_EXPECT_EQ(test, vgpu->stats.unknown_mmio,
			3 + 2 * MVGPU_UNKNOWN_MMIO_TRACKED);
}

static void pvinfo_fields(struct kunit *test)
{
	struct mvgpu_vgpu *vgpu = mvgpu_test_vgpu(test);
	u8 b[8];

	KUNIT_EXPECT_EQ(test, mvgpu_mmio_read(vgpu, PV(MVGPU_PV_MAGIC_LO), b, 8),
			0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(b), MVGPU_PV_MAGIC);
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, PV(MVGPU_PV_VERSION)),
			MVGPU_PV_VERSION_MAJOR << 16 | MVGPU_PV_VERSION_MINOR);
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, PV(MVGPU_PV_VGPU_ID)), 3);
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_read(vgpu, PV(MVGPU_PV_MAPPABLE_BASE),
					      b, 8), 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(b), 0x4000000ull);
	KUNIT_EXPECT_EQ(test, mvgpu_mmio_read(vgpu, PV(MVGPU_PV_HIDDEN_SIZE),
					      b, 8), 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(b), 0x20000000ull);

	/* Read-only: the guest cannot change its identity. */
	mvgpu_test_wr(test, vgpu, PV(MVGPU_PV_VGPU_ID), 7);
	mvgpu_test_wr(test, vgpu, PV(MVGPU_PV_MAPPABLE_BASE), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, PV(MVGPU_PV_VGPU_ID)), 3);
	KUNIT_EXPECT_EQ(test,
			mvgpu_test_rd(test, vgpu, PV(MVGPU_PV_MAPPABLE_BASE)),
			0x4000000);
	KUNIT_EXPECT_EQ(test, vgpu->stats.ro_writes, 2);

	/* display_ready: bit 0 only. */
	mvgpu_test_wr(test, vgpu, PV(MVGPU_PV_DISPLAY_READY), 0xffffffff);
	KUNIT_EXPECT_EQ(test,
			mvgpu_test_rd(test, vgpu, PV(MVGPU_PV_DISPLAY_READY)), 1);
}

static void mi_mode_masked(struct kunit *test)
{
	struct mvgpu_vgpu *vgpu = mvgpu_test_vgpu(test);
	u32 stop = MVGPU_MI_MODE_STOP_RING, idle = MVGPU_MI_MODE_IDLE;

	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, RCS_MI_MODE), 0);
	mvgpu_test_wr(test, vgpu, RCS_MI_MODE, stop);		/* no mask */
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, RCS_MI_MODE), 0);
	mvgpu_test_wr(test, vgpu, RCS_MI_MODE, MVGPU_MASKED_BIT_ENABLE(stop));
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, RCS_MI_MODE),
			stop | idle);
	/* IDLE is read-only even when masked in. */
	mvgpu_test_wr(test, vgpu, RCS_MI_MODE, MVGPU_MASKED_BIT_DISABLE(idle));
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, RCS_MI_MODE),
			stop | idle);
	mvgpu_test_wr(test, vgpu, RCS_MI_MODE, MVGPU_MASKED_BIT_DISABLE(stop));
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, RCS_MI_MODE), 0);
}

static void reset_restores_values(struct kunit *test)
{
	struct mvgpu_vgpu *vgpu = mvgpu_test_vgpu(test);
	u32 imr = MVGPU_IRQ_IMR(MVGPU_IRQ_BANK_GT0);

	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, imr),
			MVGPU_GT0_VALID_MASK);
	mvgpu_test_wr(test, vgpu, imr, 0);
	mvgpu_test_wr(test, vgpu, SWF(0), 42);
	mutex_lock(&vgpu->lock);
	mvgpu_regs_reset(&vgpu->regs);
	mvgpu_pvinfo_reset(vgpu);
	mutex_unlock(&vgpu->lock);
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, SWF(0)), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, imr),
			MVGPU_GT0_VALID_MASK);
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, PV(MVGPU_PV_VGPU_ID)), 3);
}

static struct kunit_case regs_cases[] = {
	KUNIT_CASE(table_is_valid),
	KUNIT_CASE(table_check_rejects_bad_tables),
	KUNIT_CASE(find_maps_arrays_to_slots),
	KUNIT_CASE(apply_write_attributes),
	KUNIT_CASE(mmio_scratch_rw),
	KUNIT_CASE(mmio_access_sizes),
	KUNIT_CASE(mmio_unknown_reported_once),
	KUNIT_CASE(pvinfo_fields),
	KUNIT_CASE(mi_mode_masked),
	KUNIT_CASE(reset_restores_values),
	{}
};

static struct kunit_suite regs_suite = {
	.name = "mvgpu_regs",
	.test_cases = regs_cases,
};

kunit_test_suite(regs_suite);
