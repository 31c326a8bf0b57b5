// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the virtual interrupt controller and the PV event source.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <kunit/test.h>
#include <linux/pci_regs.h>

#include "tests/test_util.h"

#define GT0		MVGPU_IRQ_BANK_GT0
#define DE		MVGPU_IRQ_BANK_DE_MISC
#define RCS_UI		MVGPU_GT0_RCS_USER_INTERRUPT
#define PV(off)		(MVGPU_PVINFO_OFFSET + (off))

static void raise(struct mvgpu_vgpu *vgpu, u32 bank, u32 bits)
{
	mutex_lock(&vgpu->lock);
	mvgpu_irq_raise(vgpu, bank, bits);
	mutex_unlock(&vgpu->lock);
}

static void enable_rcs(struct kunit *test, struct mvgpu_vgpu *vgpu)
{
	mvgpu_test_wr(test, vgpu, MVGPU_IRQ_IMR(GT0), ~RCS_UI);
	mvgpu_test_wr(test, vgpu, MVGPU_IRQ_IER(GT0), RCS_UI);
	mvgpu_test_wr(test, vgpu, MVGPU_REG_MASTER_IRQ,
		      MVGPU_MASTER_IRQ_CONTROL);
}

static void masked_source_does_not_latch(struct kunit *test)
{
	struct mvgpu_vgpu *vgpu = mvgpu_test_vgpu(test);

	mvgpu_test_wr(test, vgpu, MVGPU_IRQ_IER(GT0), RCS_UI);
	mvgpu_test_wr(test, vgpu, MVGPU_REG_MASTER_IRQ,
		      MVGPU_MASTER_IRQ_CONTROL);
	raise(vgpu, GT0, RCS_UI);	/* IMR still at reset: all masked */
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, MVGPU_IRQ_IIR(GT0)), 0);
	KUNIT_EXPECT_FALSE(test, vgpu->irq.asserted);
	KUNIT_EXPECT_EQ(test, vgpu->irq.edges, 0);
}

static void latch_enable_master(struct kunit *test)
{
	struct mvgpu_vgpu *vgpu = mvgpu_test_vgpu(test);

	mvgpu_test_wr(test, vgpu, MVGPU_IRQ_IMR(GT0), 0);
	raise(vgpu, GT0, RCS_UI);
	/* Latched but neither enabled nor master on: no interrupt. */
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, MVGPU_IRQ_IIR(GT0)),
			RCS_UI);
	KUNIT_EXPECT_FALSE(test, vgpu->irq.asserted);
	mvgpu_test_wr(test, vgpu, MVGPU_IRQ_IER(GT0), RCS_UI);
	KUNIT_EXPECT_FALSE(test, vgpu->irq.asserted);
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, MVGPU_REG_MASTER_IRQ),
			MVGPU_MASTER_GT0_IRQ);
	/* Master on: the pending event fires now. */
	mvgpu_test_wr(test, vgpu, MVGPU_REG_MASTER_IRQ,
		      MVGPU_MASTER_IRQ_CONTROL);
	KUNIT_EXPECT_TRUE(test, vgpu->irq.asserted);
	KUNIT_EXPECT_EQ(test, vgpu->irq.edges, 1);
	KUNIT_EXPECT_TRUE(test, vgpu->cfg.data[PCI_STATUS] &
			  PCI_STATUS_INTERRUPT);
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, MVGPU_REG_MASTER_IRQ),
			MVGPU_MASTER_IRQ_CONTROL | MVGPU_MASTER_GT0_IRQ);
}

static void iir_write_one_clears(struct kunit *test)
{
	struct mvgpu_vgpu *vgpu = mvgpu_test_vgpu(test);

	enable_rcs(test, vgpu);
	raise(vgpu, GT0, RCS_UI);
	KUNIT_EXPECT_TRUE(test, vgpu->irq.asserted);
	mvgpu_test_wr(test, vgpu, MVGPU_IRQ_IIR(GT0), 0);	/* no-op */
	KUNIT_EXPECT_TRUE(test, vgpu->irq.asserted);
	mvgpu_test_wr(test, vgpu, MVGPU_IRQ_IIR(GT0), RCS_UI);
	KUNIT_EXPECT_FALSE(test, vgpu->irq.asserted);
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, MVGPU_IRQ_IIR(GT0)), 0);
	KUNIT_EXPECT_FALSE(test, vgpu->cfg.data[PCI_STATUS] &
			   PCI_STATUS_INTERRUPT);
	/* A new event after the clear is a new edge. */
	raise(vgpu, GT0, RCS_UI);
	KUNIT_EXPECT_EQ(test, vgpu->irq.edges, 2);
}

static void second_event_while_pending_is_one_edge(struct kunit *test)
{
	struct mvgpu_vgpu *vgpu = mvgpu_test_vgpu(test);

	enable_rcs(test, vgpu);
	raise(vgpu, GT0, RCS_UI);
	raise(vgpu, GT0, RCS_UI);
	KUNIT_EXPECT_EQ(test, vgpu->irq.edges, 1);
	/* Gen8 handler pattern: master off, clear, master on. */
	mvgpu_test_wr(test, vgpu, MVGPU_REG_MASTER_IRQ, 0);
	KUNIT_EXPECT_FALSE(test, vgpu->irq.asserted);
	mvgpu_test_wr(test, vgpu, MVGPU_REG_MASTER_IRQ,
		      MVGPU_MASTER_IRQ_CONTROL);
	KUNIT_EXPECT_EQ(test, vgpu->irq.edges, 2);
}

static void reserved_bits(struct kunit *test)
{
	struct mvgpu_vgpu *vgpu = mvgpu_test_vgpu(test);

	mvgpu_test_wr(test, vgpu, MVGPU_IRQ_IER(GT0), 0xffffffff);
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, MVGPU_IRQ_IER(GT0)),
			MVGPU_GT0_VALID_MASK);
	mvgpu_test_wr(test, vgpu, MVGPU_IRQ_ISR(GT0), 0xffffffff);
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, MVGPU_IRQ_ISR(GT0)), 0);
	/* Master: only the enable bit is writable. */
	mvgpu_test_wr(test, vgpu, MVGPU_REG_MASTER_IRQ, 0xffffffff);
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, MVGPU_REG_MASTER_IRQ),
			MVGPU_MASTER_IRQ_CONTROL);
	/* Raising bits outside the bank's sources latches nothing. */
	mvgpu_test_wr(test, vgpu, MVGPU_IRQ_IMR(GT0), 0);
	raise(vgpu, GT0, BIT(5));
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, MVGPU_IRQ_IIR(GT0)), 0);
}

static void pv_ping_raises_event(struct kunit *test)
{
	struct mvgpu_vgpu *vgpu = mvgpu_test_vgpu(test);

	mvgpu_test_wr(test, vgpu, MVGPU_IRQ_IMR(DE), 0);
	mvgpu_test_wr(test, vgpu, MVGPU_IRQ_IER(DE), MVGPU_DE_MISC_PV_EVENT);
	mvgpu_test_wr(test, vgpu, MVGPU_REG_MASTER_IRQ,
		      MVGPU_MASTER_IRQ_CONTROL);
	mvgpu_test_wr(test, vgpu, PV(MVGPU_PV_G2V_NOTIFY), MVGPU_G2V_PING);
	KUNIT_EXPECT_TRUE(test, vgpu->irq.asserted);
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, MVGPU_IRQ_IIR(DE)),
			MVGPU_DE_MISC_PV_EVENT);
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, MVGPU_REG_MASTER_IRQ),
			MVGPU_MASTER_IRQ_CONTROL | MVGPU_MASTER_DE_MISC_IRQ);
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, PV(MVGPU_PV_V2G_EVENT)),
			MVGPU_V2G_PONG);
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, PV(MVGPU_PV_V2G_SEQNO)),
			1);
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, PV(MVGPU_PV_G2V_NOTIFY)),
			MVGPU_G2V_PING);
	/* Unknown codes do nothing but are accepted. */
	mvgpu_test_wr(test, vgpu, PV(MVGPU_PV_G2V_NOTIFY), 0x77);
	KUNIT_EXPECT_EQ(test, mvgpu_test_rd(test, vgpu, PV(MVGPU_PV_V2G_SEQNO)),
			1);
}

static struct kunit_case irq_cases[] = {
	KUNIT_CASE(masked_source_does_not_latch),
	KUNIT_CASE(latch_enable_master),
	KUNIT_CASE(iir_write_one_clears),
	KUNIT_CASE(second_event_while_pending_is_one_edge),
	KUNIT_CASE(reserved_bits),
	KUNIT_CASE(pv_ping_raises_event),
	{}
};

static struct kunit_suite irq_suite = {
	.name = "mvgpu_irq",
	.test_cases = irq_cases,
};

kunit_test_suites(&irq_suite);
