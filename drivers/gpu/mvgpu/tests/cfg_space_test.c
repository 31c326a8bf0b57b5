// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: PCI config space emulation.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <kunit/test.h>
#include <linux/pci_regs.h>

#include "tests/test_util.h"

static struct mvgpu_cfg_space *new_cfg(struct kunit *test)
{
	struct mvgpu_cfg_params p = {
		.bar0_size = MVGPU_BAR0_SIZE, .bar2_size = 512u << 20,
		.weight = 8, .max_hres = 2560, .max_vres = 1600,
	};
	struct mvgpu_cfg_space *cfg = kunit_kzalloc(test, sizeof(*cfg),
						    GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, cfg);
	KUNIT_ASSERT_EQ(test, mvgpu_cfg_init(cfg, &p), 0);
	return cfg;
}

static u32 rd(struct kunit *test, struct mvgpu_cfg_space *cfg, u32 off,
	      unsigned int len)
{
	u32 v = 0;

	KUNIT_EXPECT_EQ(test, mvgpu_cfg_read(cfg, off, &v, len), 0);
	return le32_to_cpu((__force __le32)v);
}

static void wr(struct kunit *test, struct mvgpu_cfg_space *cfg, u32 off,
	       u32 val, unsigned int len)
{
	__le32 v = cpu_to_le32(val);

	KUNIT_EXPECT_EQ(test, mvgpu_cfg_write(cfg, off, &v, len), 0);
}

static void identity(struct kunit *test)
{
	struct mvgpu_cfg_space *cfg = new_cfg(test);

	KUNIT_EXPECT_EQ(test, rd(test, cfg, PCI_VENDOR_ID, 2),
			MVGPU_PCI_VENDOR_ID);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, PCI_DEVICE_ID, 2),
			MVGPU_PCI_DEVICE_ID);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, PCI_CLASS_REVISION, 4),
			MVGPU_PCI_CLASS << 8 | MVGPU_PCI_REVISION);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, PCI_SUBSYSTEM_ID, 2),
			MVGPU_PCI_SUBSYSTEM_ID);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, PCI_INTERRUPT_PIN, 1), 1);
	/* IDs are read-only. */
	wr(test, cfg, PCI_VENDOR_ID, 0xffffffff, 4);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, PCI_VENDOR_ID, 4),
			MVGPU_PCI_DEVICE_ID << 16 | MVGPU_PCI_VENDOR_ID);
	wr(test, cfg, PCI_INTERRUPT_PIN, 0, 1);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, PCI_INTERRUPT_PIN, 1), 1);
	wr(test, cfg, PCI_INTERRUPT_LINE, 11, 1);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, PCI_INTERRUPT_LINE, 1), 11);
}

static void capability_chain(struct kunit *test)
{
	struct mvgpu_cfg_space *cfg = new_cfg(test);
	u32 msi = MVGPU_CFG_CAP_MSI, vndr = MVGPU_CFG_CAP_VNDR;

	KUNIT_EXPECT_TRUE(test, rd(test, cfg, PCI_STATUS, 2) &
			  PCI_STATUS_CAP_LIST);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, PCI_CAPABILITY_LIST, 1), msi);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, msi, 1), PCI_CAP_ID_MSI);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, msi + 1, 1), vndr);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, vndr, 1), PCI_CAP_ID_VNDR);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, vndr + 1, 1), 0);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, vndr + 2, 1), MVGPU_VNDR_CAP_LEN);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, vndr + MVGPU_VNDR_WEIGHT, 1), 8);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, vndr + MVGPU_VNDR_MAX_HRES, 2),
			2560);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, vndr + MVGPU_VNDR_PVINFO, 4),
			MVGPU_PVINFO_OFFSET);

	/* MSI: 64-bit, single vector; only enable, address, data change. */
	KUNIT_EXPECT_EQ(test, rd(test, cfg, msi + PCI_MSI_FLAGS, 2),
			PCI_MSI_FLAGS_64BIT);
	wr(test, cfg, msi + PCI_MSI_FLAGS, 0xffff, 2);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, msi + PCI_MSI_FLAGS, 2),
			PCI_MSI_FLAGS_64BIT | PCI_MSI_FLAGS_ENABLE);
	wr(test, cfg, msi + PCI_MSI_ADDRESS_LO, 0xfee00003, 4);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, msi + PCI_MSI_ADDRESS_LO, 4),
			0xfee00000);
	wr(test, cfg, msi + PCI_MSI_DATA_64, 0xabcd, 2);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, msi + PCI_MSI_DATA_64, 2), 0xabcd);
	/* The vendor capability is read-only. */
	wr(test, cfg, vndr + MVGPU_VNDR_WEIGHT, 0xff, 1);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, vndr + MVGPU_VNDR_WEIGHT, 1), 8);
}

static void bar_sizing(struct kunit *test)
{
	struct mvgpu_cfg_space *cfg = new_cfg(test);

	KUNIT_EXPECT_EQ(test, rd(test, cfg, PCI_BASE_ADDRESS_0, 4), 0x4);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, PCI_BASE_ADDRESS_2, 4), 0xc);
	wr(test, cfg, PCI_BASE_ADDRESS_0, 0xffffffff, 4);
	wr(test, cfg, PCI_BASE_ADDRESS_1, 0xffffffff, 4);
	wr(test, cfg, PCI_BASE_ADDRESS_2, 0xffffffff, 4);
	wr(test, cfg, PCI_BASE_ADDRESS_3, 0xffffffff, 4);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, PCI_BASE_ADDRESS_0, 4), 0xff000004);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, PCI_BASE_ADDRESS_1, 4), 0xffffffff);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, PCI_BASE_ADDRESS_2, 4), 0xe000000c);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, PCI_BASE_ADDRESS_3, 4), 0xffffffff);
	/* Programming an address keeps the alignment and the flag bits. */
	wr(test, cfg, PCI_BASE_ADDRESS_0, 0xfd123456, 4);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, PCI_BASE_ADDRESS_0, 4), 0xfd000004);
	/* Absent BARs and ROM stay zero. */
	wr(test, cfg, PCI_BASE_ADDRESS_4, 0xffffffff, 4);
	wr(test, cfg, PCI_BASE_ADDRESS_5, 0xffffffff, 4);
	wr(test, cfg, PCI_ROM_ADDRESS, 0xffffffff, 4);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, PCI_BASE_ADDRESS_4, 4), 0);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, PCI_BASE_ADDRESS_5, 4), 0);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, PCI_ROM_ADDRESS, 4), 0);
}

static void command_and_status(struct kunit *test)
{
	struct mvgpu_cfg_space *cfg = new_cfg(test);

	wr(test, cfg, PCI_COMMAND, 0xffff, 2);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, PCI_COMMAND, 2),
			PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER |
			PCI_COMMAND_PARITY | PCI_COMMAND_SERR |
			PCI_COMMAND_INTX_DISABLE);
	/* Status: CAP_LIST is read-only, error bits are write-1-to-clear. */
	cfg->data[PCI_STATUS + 1] |= PCI_STATUS_REC_MASTER_ABORT >> 8;
	wr(test, cfg, PCI_STATUS, 0, 2);
	KUNIT_EXPECT_TRUE(test, rd(test, cfg, PCI_STATUS, 2) &
			  PCI_STATUS_REC_MASTER_ABORT);
	wr(test, cfg, PCI_STATUS, 0xffff, 2);
	KUNIT_EXPECT_EQ(test, rd(test, cfg, PCI_STATUS, 2), PCI_STATUS_CAP_LIST);
}

static void bounds_and_params(struct kunit *test)
{
	struct mvgpu_cfg_space *cfg = new_cfg(test);
	struct mvgpu_cfg_params bad = { .bar0_size = 3 << 20,
					.bar2_size = 1 << 20 };
	u32 v = 0;

	KUNIT_EXPECT_EQ(test, mvgpu_cfg_read(cfg, 256, &v, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_cfg_read(cfg, 254, &v, 4), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_cfg_write(cfg, 0x1000, &v, 4), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_cfg_read(cfg, 0, &v, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_cfg_read(cfg, 252, &v, 4), 0);
	KUNIT_EXPECT_EQ(test, mvgpu_cfg_init(cfg, &bad), -EINVAL);
}

static struct kunit_case cfg_cases[] = {
	KUNIT_CASE(identity),
	KUNIT_CASE(capability_chain),
	KUNIT_CASE(bar_sizing),
	KUNIT_CASE(command_and_status),
	KUNIT_CASE(bounds_and_params),
	{}
};

static struct kunit_suite cfg_suite = {
	.name = "mvgpu_cfg_space",
	.test_cases = cfg_cases,
};

kunit_test_suite(cfg_suite);
