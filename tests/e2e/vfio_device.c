// SPDX-License-Identifier: GPL-2.0
/*
 * vfio_device - the VFIO device model of a vGPU, over both the group and
 * the iommufd cdev path: device/region/IRQ info, PCI config space (IDs,
 * capabilities, BAR sizing, read-only bits, bounds), BAR0 registers
 * (scratch, PV info page, interrupt registers, masked MI_MODE, unknown
 * offsets, access rules) and VFIO_DEVICE_RESET.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/pci_regs.h>

#include "e2e.h"

#define TYPE		"V1_4"
#define BAR0		VFIO_PCI_BAR0_REGION_INDEX
#define CFG		VFIO_PCI_CONFIG_REGION_INDEX
#define PV(off)		(MVGPU_PVINFO_OFFSET + (off))
#define MI_MODE		MVGPU_RING_MI_MODE(MVGPU_RENDER_RING_BASE)
#define DE_IMR		MVGPU_IRQ_IMR(MVGPU_IRQ_BANK_DE_MISC)
#define DE_IIR		MVGPU_IRQ_IIR(MVGPU_IRQ_BANK_DE_MISC)
#define DE_IER		MVGPU_IRQ_IER(MVGPU_IRQ_BANK_DE_MISC)
#define GT_IMR		MVGPU_IRQ_IMR(MVGPU_IRQ_BANK_GT0)
#define GT_IIR		MVGPU_IRQ_IIR(MVGPU_IRQ_BANK_GT0)
#define GT_IER		MVGPU_IRQ_IER(MVGPU_IRQ_BANK_GT0)
/* Command bits the guest may change. */
#define CMD_WRITABLE	(PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | \
			 PCI_COMMAND_PARITY | PCI_COMMAND_SERR | \
			 PCI_COMMAND_INTX_DISABLE)

/* What sysfs says about the vGPU under test. */
struct expect {
	uint64_t vgpu_id, ap_base, ap_size, hid_base, hid_size;
	unsigned int weight, hres, vres;
};

static const char *tag;		/* "group" or "cdev": prefixes every point */
static struct mvgpu_dev dev;

/* Shorthands: one test point each. */
static bool cfg_is(uint64_t off, unsigned int size, uint64_t want,
		   const char *name)
{
	return e2e_expect_read(&dev, tag, CFG, off, size, want, name);
}

static bool mmio_is(uint64_t off, unsigned int size, uint64_t want,
		    const char *name)
{
	return e2e_expect_read(&dev, tag, BAR0, off, size, want, name);
}

static bool rc_is(int rc, int want, const char *name)
{
	return tap_rc(rc, want, "%s: %s", tag, name);
}

static uint64_t rd(uint32_t index, uint64_t off, unsigned int size)
{
	uint64_t v = 0;

	e2e_read(&dev, index, off, size, &v);
	return v;
}

static void wr(uint32_t index, uint64_t off, unsigned int size, uint64_t v)
{
	int ret = e2e_write(&dev, index, off, size, v);

	if (ret)
		tap_diag("%s: %u-byte write of %#llx to %s+%#llx failed: %s",
			 tag, size, (unsigned long long)v,
			 mvgpu_region_name(index), (unsigned long long)off,
			 tap_errname(ret));
}

static void test_device_info(void)
{
	struct vfio_device_info info;

	if (!rc_is(mvgpu_device_info(&dev, &info), 0, "VFIO_DEVICE_GET_INFO"))
		return;
	tap_ok(info.flags & VFIO_DEVICE_FLAGS_PCI, "%s: device flags have PCI",
	       tag);
	tap_ok(info.flags & VFIO_DEVICE_FLAGS_RESET,
	       "%s: device flags have RESET", tag);
	if (!tap_ok(info.num_regions >= VFIO_PCI_NUM_REGIONS,
		    "%s: num_regions covers the PCI regions", tag))
		tap_diag("num_regions %u < %u", info.num_regions,
			 VFIO_PCI_NUM_REGIONS);
	tap_eq(info.num_irqs, VFIO_PCI_NUM_IRQS, "%s: num_irqs", tag);
}

static void test_regions(void)
{
	static const struct {
		uint32_t index;
		uint64_t size;
		uint32_t flags;		/* required */
		uint32_t forbidden;
	} want[] = {
		{ VFIO_PCI_BAR0_REGION_INDEX, MVGPU_BAR0_SIZE,
		  VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE,
		  VFIO_REGION_INFO_FLAG_MMAP },
		{ VFIO_PCI_BAR1_REGION_INDEX, 0, 0, 0 },
		{ VFIO_PCI_BAR2_REGION_INDEX, MVGPU_BAR2_DEFAULT_SIZE, 0, 0 },
		{ VFIO_PCI_BAR3_REGION_INDEX, 0, 0, 0 },
		{ VFIO_PCI_BAR4_REGION_INDEX, 0, 0, 0 },
		{ VFIO_PCI_BAR5_REGION_INDEX, 0, 0, 0 },
		{ VFIO_PCI_ROM_REGION_INDEX, 0, 0, 0 },
		{ VFIO_PCI_CONFIG_REGION_INDEX, MVGPU_CFG_SIZE,
		  VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE, 0 },
		{ VFIO_PCI_VGA_REGION_INDEX, 0, 0, 0 },
	};
	struct vfio_region_info *ri;
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const char *name = mvgpu_region_name(want[i].index);
		int ret = mvgpu_region_info(&dev, want[i].index, &ri);

		if (!tap_rc(ret, 0, "%s: region info %s", tag, name))
			continue;
		tap_eq(ri->size, want[i].size, "%s: %s size", tag, name);
		if (want[i].flags || want[i].forbidden)
			if (!tap_ok((ri->flags & want[i].flags) == want[i].flags &&
				    !(ri->flags & want[i].forbidden),
				    "%s: %s flags", tag, name))
				tap_diag("flags %#x, want %#x without %#x",
					 ri->flags, want[i].flags,
					 want[i].forbidden);
		free(ri);
	}
	rc_is(mvgpu_region_info(&dev, dev.info.num_regions + 7, &ri), -EINVAL,
	      "region info of an index beyond num_regions is EINVAL");
}

static void test_irq_info(void)
{
	static const struct {
		uint32_t index, count, flags;
	} want[] = {
		{ VFIO_PCI_INTX_IRQ_INDEX, 1, VFIO_IRQ_INFO_EVENTFD |
		  VFIO_IRQ_INFO_MASKABLE | VFIO_IRQ_INFO_AUTOMASKED },
		{ VFIO_PCI_MSI_IRQ_INDEX, 1, VFIO_IRQ_INFO_EVENTFD |
		  VFIO_IRQ_INFO_NORESIZE },
		{ VFIO_PCI_MSIX_IRQ_INDEX, 0, 0 },
		{ VFIO_PCI_ERR_IRQ_INDEX, 1, VFIO_IRQ_INFO_EVENTFD },
		{ VFIO_PCI_REQ_IRQ_INDEX, 1, VFIO_IRQ_INFO_EVENTFD },
	};
	struct vfio_irq_info irq;
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const char *name = mvgpu_irq_name(want[i].index);

		if (!tap_rc(mvgpu_irq_info(&dev, want[i].index, &irq), 0,
			    "%s: irq info %s", tag, name))
			continue;
		tap_eq(irq.count, want[i].count, "%s: %s count", tag, name);
		if (want[i].flags &&
		    !tap_ok((irq.flags & want[i].flags) == want[i].flags,
			    "%s: %s flags", tag, name))
			tap_diag("flags %#x, want at least %#x", irq.flags,
				 want[i].flags);
	}
	rc_is(mvgpu_irq_info(&dev, VFIO_PCI_NUM_IRQS, &irq), -EINVAL,
	      "irq info of an index beyond num_irqs is EINVAL");
}

static void test_config_header(const struct expect *e)
{
	const uint8_t vc = MVGPU_CFG_CAP_VNDR;

	cfg_is(PCI_VENDOR_ID, 2, MVGPU_PCI_VENDOR_ID, "config vendor id");
	cfg_is(PCI_DEVICE_ID, 2, MVGPU_PCI_DEVICE_ID, "config device id");
	cfg_is(PCI_SUBSYSTEM_VENDOR_ID, 2, MVGPU_PCI_SUBSYSTEM_VENDOR_ID,
	       "config subsystem vendor id");
	cfg_is(PCI_SUBSYSTEM_ID, 2, MVGPU_PCI_SUBSYSTEM_ID,
	       "config subsystem id");
	cfg_is(PCI_CLASS_REVISION, 4,
	       (uint32_t)MVGPU_PCI_CLASS << 8 | MVGPU_PCI_REVISION,
	       "config class 0x038000, revision 1");
	cfg_is(PCI_HEADER_TYPE, 1, PCI_HEADER_TYPE_NORMAL, "config header type 0");
	tap_ok(rd(CFG, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST,
	       "%s: config status has CAP_LIST", tag);
	cfg_is(PCI_CAPABILITY_LIST, 1, MVGPU_CFG_CAP_MSI, "config cap pointer");
	cfg_is(PCI_INTERRUPT_PIN, 1, 1, "config interrupt pin INTA");

	cfg_is(MVGPU_CFG_CAP_MSI + PCI_CAP_LIST_ID, 1, PCI_CAP_ID_MSI,
	       "MSI capability id");
	cfg_is(MVGPU_CFG_CAP_MSI + PCI_CAP_LIST_NEXT, 1, MVGPU_CFG_CAP_VNDR,
	       "MSI capability links to the vendor capability");
	tap_eq(rd(CFG, MVGPU_CFG_CAP_MSI + PCI_MSI_FLAGS, 2) &
	       (PCI_MSI_FLAGS_64BIT | PCI_MSI_FLAGS_QMASK), PCI_MSI_FLAGS_64BIT,
	       "%s: MSI is 64-bit with 1 vector", tag);

	cfg_is(vc + PCI_CAP_LIST_ID, 1, PCI_CAP_ID_VNDR, "vendor capability id");
	cfg_is(vc + PCI_CAP_LIST_NEXT, 1, 0, "vendor capability ends the list");
	cfg_is(vc + 2, 1, MVGPU_VNDR_CAP_LEN, "vendor capability length");
	cfg_is(vc + 3, 1, MVGPU_VNDR_CAP_VERSION, "vendor capability version");
	cfg_is(vc + MVGPU_VNDR_WEIGHT, 1, e->weight, "vendor capability weight");
	cfg_is(vc + MVGPU_VNDR_MAX_HRES, 2, e->hres,
	       "vendor capability max hres (type description)");
	cfg_is(vc + MVGPU_VNDR_MAX_VRES, 2, e->vres,
	       "vendor capability max vres (type description)");
	cfg_is(vc + MVGPU_VNDR_PVINFO, 4, MVGPU_PVINFO_OFFSET,
	       "vendor capability PV info offset");

	tap_eq(rd(CFG, PCI_BASE_ADDRESS_0, 4) & 0xf,
	       PCI_BASE_ADDRESS_MEM_TYPE_64, "%s: BAR0 is 64-bit memory, "
	       "non-prefetchable", tag);
	tap_eq(rd(CFG, PCI_BASE_ADDRESS_2, 4) & 0xf,
	       PCI_BASE_ADDRESS_MEM_TYPE_64 | PCI_BASE_ADDRESS_MEM_PREFETCH,
	       "%s: BAR2 is 64-bit prefetchable memory", tag);
}

/* Write all-ones to a BAR dword and expect the size mask back. */
static void sizing(uint64_t off, uint32_t want, const char *name)
{
	uint32_t orig = rd(CFG, off, 4);

	wr(CFG, off, 4, 0xffffffff);
	cfg_is(off, 4, want, name);
	wr(CFG, off, 4, orig);
}

static void test_bars(void)
{
	uint32_t bar0 = rd(CFG, PCI_BASE_ADDRESS_0, 4);
	uint32_t bar0_hi = rd(CFG, PCI_BASE_ADDRESS_1, 4);

	sizing(PCI_BASE_ADDRESS_0, (uint32_t)~(MVGPU_BAR0_SIZE - 1) |
	       PCI_BASE_ADDRESS_MEM_TYPE_64, "BAR0 sizing reads 0xff000004");
	sizing(PCI_BASE_ADDRESS_1, 0xffffffff, "BAR0 upper dword sizing");
	sizing(PCI_BASE_ADDRESS_2, (uint32_t)~(MVGPU_BAR2_DEFAULT_SIZE - 1) |
	       PCI_BASE_ADDRESS_MEM_TYPE_64 | PCI_BASE_ADDRESS_MEM_PREFETCH,
	       "BAR2 sizing reads 0xe000000c");
	sizing(PCI_BASE_ADDRESS_3, 0xffffffff, "BAR2 upper dword sizing");
	sizing(PCI_BASE_ADDRESS_4, 0, "BAR4 is not implemented");
	sizing(PCI_BASE_ADDRESS_5, 0, "BAR5 is not implemented");
	sizing(PCI_ROM_ADDRESS, 0, "no expansion ROM");

	wr(CFG, PCI_BASE_ADDRESS_0, 4, 0xfe123456);
	cfg_is(PCI_BASE_ADDRESS_0, 4, 0xfe000000 | PCI_BASE_ADDRESS_MEM_TYPE_64,
	       "BAR0 address keeps only bits above its size");
	wr(CFG, PCI_BASE_ADDRESS_0, 4, bar0);
	wr(CFG, PCI_BASE_ADDRESS_1, 4, bar0_hi);
	cfg_is(PCI_BASE_ADDRESS_0, 4, bar0, "BAR0 restored");
}

static void test_config_writes(void)
{
	uint16_t cmd = rd(CFG, PCI_COMMAND, 2);
	uint8_t line = rd(CFG, PCI_INTERRUPT_LINE, 1);
	uint64_t v;

	wr(CFG, PCI_COMMAND, 2, 0xffff);
	v = rd(CFG, PCI_COMMAND, 2);
	if (!tap_ok((v & CMD_WRITABLE) == CMD_WRITABLE && !(v & PCI_COMMAND_IO),
		    "%s: command: MEMORY/MASTER/PARITY/SERR/INTX_DISABLE set, "
		    "IO stays 0", tag))
		tap_diag("command reads %#llx", (unsigned long long)v);
	wr(CFG, PCI_COMMAND, 2, 0);
	tap_eq(rd(CFG, PCI_COMMAND, 2) & CMD_WRITABLE, 0,
	       "%s: command bits clear again", tag);
	wr(CFG, PCI_COMMAND, 2, cmd);

	wr(CFG, PCI_VENDOR_ID, 4, 0xffffffff);
	cfg_is(PCI_VENDOR_ID, 4, MVGPU_PCI_DEVICE_ID << 16 | MVGPU_PCI_VENDOR_ID,
	       "vendor/device ids are read-only");
	wr(CFG, PCI_CLASS_REVISION, 4, 0);
	cfg_is(PCI_CLASS_REVISION, 4,
	       (uint32_t)MVGPU_PCI_CLASS << 8 | MVGPU_PCI_REVISION,
	       "class/revision are read-only");
	wr(CFG, PCI_INTERRUPT_PIN, 1, 0);
	cfg_is(PCI_INTERRUPT_PIN, 1, 1, "interrupt pin is read-only");
	wr(CFG, MVGPU_CFG_CAP_VNDR + MVGPU_VNDR_PVINFO, 4, 0);
	cfg_is(MVGPU_CFG_CAP_VNDR + MVGPU_VNDR_PVINFO, 4, MVGPU_PVINFO_OFFSET,
	       "vendor capability is read-only");

	wr(CFG, PCI_INTERRUPT_LINE, 1, 0x0b);
	cfg_is(PCI_INTERRUPT_LINE, 1, 0x0b, "interrupt line is writable (0x0b)");
	wr(CFG, PCI_INTERRUPT_LINE, 1, 0x05);
	cfg_is(PCI_INTERRUPT_LINE, 1, 0x05, "interrupt line is writable (0x05)");
	wr(CFG, PCI_INTERRUPT_LINE, 1, line);

	rc_is(e2e_read(&dev, CFG, MVGPU_CFG_SIZE, 4, &v), -EINVAL,
	      "config read at 256 is EINVAL");
	rc_is(e2e_write(&dev, CFG, MVGPU_CFG_SIZE, 4, 0), -EINVAL,
	      "config write at 256 is EINVAL");
	rc_is(e2e_read(&dev, CFG, MVGPU_CFG_SIZE - 2, 4, &v), -EINVAL,
	      "config read across the end is EINVAL");
	rc_is(e2e_read(&dev, CFG, 0x1000, 1, &v), -EINVAL,
	      "config read at 0x1000 is EINVAL");
	/* Offsets are 64-bit: 4 GiB + 4 must not alias byte 4. */
	rc_is(e2e_read(&dev, CFG, (1ull << 32) + PCI_COMMAND, 2, &v), -EINVAL,
	      "config read at 4 GiB + 4 is EINVAL");
	rc_is(e2e_write(&dev, CFG, (1ull << 32) + PCI_COMMAND, 2, 0xffff),
	      -EINVAL, "config write at 4 GiB + 4 is EINVAL");
	tap_eq(rd(CFG, PCI_COMMAND, 2), cmd,
	       "config write at 4 GiB + 4 left COMMAND unchanged");
	rc_is(e2e_read(&dev, BAR0, (1ull << 32) + MVGPU_REG_SWF(0), 4, &v),
	      -EINVAL, "BAR0 read at 4 GiB + SWF0 is EINVAL");
	rc_is(e2e_read(&dev, VFIO_PCI_BAR2_REGION_INDEX, 1ull << 39, 4, &v),
	      -EINVAL, "BAR2 read at 512 GiB is EINVAL");
}

static void test_scratch(void)
{
	mvgpu_mmio_write32(&dev, MVGPU_REG_SWF(0), 0xdeadbeef);
	mvgpu_mmio_write32(&dev, MVGPU_REG_SWF(1), 0xcafef00d);
	mvgpu_mmio_write32(&dev, MVGPU_REG_SWF(MVGPU_NUM_SWF - 1), 0x12345678);
	mmio_is(MVGPU_REG_SWF(0), 4, 0xdeadbeef, "SWF0 holds a dword write");
	mmio_is(MVGPU_REG_SWF(MVGPU_NUM_SWF - 1), 4, 0x12345678,
		"last SWF holds a dword write");
	mmio_is(MVGPU_REG_SWF(0), 1, 0xef, "1-byte read of SWF0 byte 0");
	mmio_is(MVGPU_REG_SWF(0) + 1, 1, 0xbe, "1-byte read of SWF0 byte 1");
	mmio_is(MVGPU_REG_SWF(0) + 2, 2, 0xdead, "2-byte read of SWF0 high half");
	mmio_is(MVGPU_REG_SWF(0), 8, 0xcafef00ddeadbeefull,
		"8-byte read of SWF0/SWF1");
	rc_is(mvgpu_mmio_write64(&dev, MVGPU_REG_SWF(2), 0x1122334455667788ull),
	      0, "8-byte write of SWF2/SWF3");
	mmio_is(MVGPU_REG_SWF(2), 4, 0x55667788, "8-byte write: low dword");
	mmio_is(MVGPU_REG_SWF(3), 4, 0x11223344, "8-byte write: high dword");
}

static void test_pvinfo(const struct expect *e)
{
	mmio_is(PV(MVGPU_PV_MAGIC_LO), 8, MVGPU_PV_MAGIC, "PV magic");
	mmio_is(PV(MVGPU_PV_MAGIC_HI), 4, MVGPU_PV_MAGIC >> 32, "PV magic high dword");
	wr(BAR0, PV(MVGPU_PV_MAGIC_LO), 4, 0);
	mmio_is(PV(MVGPU_PV_MAGIC_LO), 8, MVGPU_PV_MAGIC, "PV magic is read-only");
	mmio_is(PV(MVGPU_PV_VERSION), 4, 0x00010002, "PV version 1.2");
	/* The software GPU's engines: render and copy. */
	mmio_is(PV(MVGPU_PV_ENGINES), 4,
		1u << MVGPU_ENGINE_RCS | 1u << MVGPU_ENGINE_BCS,
		"PV engines: render and copy");
	mmio_is(PV(MVGPU_PV_VGPU_ID), 4, e->vgpu_id, "PV vgpu_id matches sysfs");
	mmio_is(PV(MVGPU_PV_CAPS), 4, MVGPU_PV_CAP_PV_EVENT | MVGPU_PV_CAP_PPGTT,
		"PV caps: PV events and PPGTT");
	mmio_is(PV(MVGPU_PV_MAPPABLE_BASE), 8, e->ap_base,
		"PV mappable base matches sysfs aperture_base");
	mmio_is(PV(MVGPU_PV_MAPPABLE_SIZE), 8, e->ap_size,
		"PV mappable size matches sysfs aperture_size");
	mmio_is(PV(MVGPU_PV_HIDDEN_BASE), 8, e->hid_base,
		"PV hidden base matches sysfs hidden_base");
	mmio_is(PV(MVGPU_PV_HIDDEN_SIZE), 8, e->hid_size,
		"PV hidden size matches sysfs hidden_size");
	wr(BAR0, PV(MVGPU_PV_MAPPABLE_SIZE), 8, 0);
	mmio_is(PV(MVGPU_PV_MAPPABLE_SIZE), 8, e->ap_size,
		"PV mappable size is read-only");
	mmio_is(PV(MVGPU_PV_V2G_EVENT), 4, MVGPU_V2G_NONE, "PV v2g event NONE");
	mmio_is(PV(MVGPU_PV_V2G_SEQNO), 4, 0, "PV v2g seqno 0");
	wr(BAR0, PV(MVGPU_PV_DISPLAY_READY), 4, 1);
	mmio_is(PV(MVGPU_PV_DISPLAY_READY), 4, 1, "PV display_ready is writable");
	wr(BAR0, PV(MVGPU_PV_DISPLAY_READY), 4, 0);
	wr(BAR0, PV(MVGPU_PV_G2V_NOTIFY), 4, MVGPU_G2V_NONE);
	mmio_is(PV(MVGPU_PV_G2V_NOTIFY), 4, MVGPU_G2V_NONE,
		"PV g2v_notify reads the last code written");
}

static void test_irq_regs(void)
{
	mmio_is(DE_IMR, 4, MVGPU_DE_MISC_VALID_MASK, "DE_MISC IMR resets to all masked");
	mmio_is(GT_IMR, 4, MVGPU_GT0_VALID_MASK, "GT0 IMR resets to all masked");
	mmio_is(DE_IER, 4, 0, "DE_MISC IER resets to 0");
	mmio_is(GT_IER, 4, 0, "GT0 IER resets to 0");
	mmio_is(DE_IIR, 4, 0, "DE_MISC IIR resets to 0");
	mmio_is(GT_IIR, 4, 0, "GT0 IIR resets to 0");
	mmio_is(MVGPU_REG_MASTER_IRQ, 4, 0, "master IRQ resets to 0");

	wr(BAR0, GT_IMR, 4, 0);
	mmio_is(GT_IMR, 4, 0, "GT0 IMR can be cleared");
	wr(BAR0, GT_IMR, 4, 0xffffffff);
	mmio_is(GT_IMR, 4, MVGPU_GT0_VALID_MASK, "GT0 IMR reserved bits read 0");
	wr(BAR0, DE_IER, 4, 0xffffffff);
	mmio_is(DE_IER, 4, MVGPU_DE_MISC_VALID_MASK, "DE_MISC IER reserved bits read 0");
	wr(BAR0, DE_IER, 4, 0);
	wr(BAR0, GT_IER, 4, 0xffffffff);
	mmio_is(GT_IER, 4, MVGPU_GT0_VALID_MASK, "GT0 IER reserved bits read 0");
	wr(BAR0, GT_IER, 4, 0);
	wr(BAR0, DE_IIR, 4, 0xffffffff);
	mmio_is(DE_IIR, 4, 0, "writing 1s to an empty IIR leaves it 0");

	wr(BAR0, MVGPU_REG_MASTER_IRQ, 4, 0xffffffff);
	mmio_is(MVGPU_REG_MASTER_IRQ, 4, MVGPU_MASTER_IRQ_CONTROL,
		"master IRQ: only the control bit is writable");
	wr(BAR0, MVGPU_REG_MASTER_IRQ, 4, 0);
	mmio_is(MVGPU_REG_MASTER_IRQ, 4, 0, "master IRQ control clears");
}

static void test_mi_mode(void)
{
	uint32_t m0 = rd(BAR0, MI_MODE, 4), m;

	tap_eq(m0 >> 16, 0, "%s: MI_MODE never reads back mask bits", tag);
	tap_eq(m0 & MVGPU_MI_MODE_STOP_RING, 0, "%s: MI_MODE STOP_RING resets to 0",
	       tag);
	wr(BAR0, MI_MODE, 4, MVGPU_MI_MODE_STOP_RING);
	mmio_is(MI_MODE, 4, m0, "MI_MODE write without mask bit changes nothing");
	wr(BAR0, MI_MODE, 4, MVGPU_MASKED_BIT_ENABLE(MVGPU_MI_MODE_STOP_RING));
	m = rd(BAR0, MI_MODE, 4);
	if (!tap_ok((m & MVGPU_MI_MODE_STOP_RING) && !(m >> 16),
		    "%s: MI_MODE masked enable sets STOP_RING", tag))
		tap_diag("MI_MODE reads 0x%x", m);
	wr(BAR0, MI_MODE, 4, MVGPU_MASKED_BIT_DISABLE(MVGPU_MI_MODE_STOP_RING));
	m = rd(BAR0, MI_MODE, 4);
	if (!tap_ok(!(m & MVGPU_MI_MODE_STOP_RING) && !(m >> 16),
		    "%s: MI_MODE masked disable clears STOP_RING", tag))
		tap_diag("MI_MODE reads 0x%x", m);

	m0 = rd(BAR0, MI_MODE, 4);
	wr(BAR0, MI_MODE, 4, m0 & MVGPU_MI_MODE_IDLE ?
	   MVGPU_MASKED_BIT_DISABLE(MVGPU_MI_MODE_IDLE) :
	   MVGPU_MASKED_BIT_ENABLE(MVGPU_MI_MODE_IDLE));
	tap_eq(rd(BAR0, MI_MODE, 4) & MVGPU_MI_MODE_IDLE, m0 & MVGPU_MI_MODE_IDLE,
	       "%s: MI_MODE IDLE is read-only", tag);
}

static void test_unknown_and_errors(void)
{
	uint64_t v;

	rc_is(mvgpu_mmio_write32(&dev, 0x100, 0xdeadbeef), 0,
	      "write to unknown offset 0x100 succeeds");
	mmio_is(0x100, 4, 0, "unknown offset 0x100 reads 0");
	rc_is(mvgpu_mmio_write64(&dev, 0x100, ~0ull), 0,
	      "8-byte write to an unknown offset succeeds");
	mmio_is(0x100, 8, 0, "8-byte read of an unknown offset reads 0");

	wr(BAR0, MVGPU_REG_SWF(4), 4, 0x11111111);
	rc_is(e2e_write(&dev, BAR0, MVGPU_REG_SWF(4), 1, 0xff), -EINVAL,
	      "1-byte register write is EINVAL");
	rc_is(e2e_write(&dev, BAR0, MVGPU_REG_SWF(4), 2, 0xffff), -EINVAL,
	      "2-byte register write is EINVAL");
	mmio_is(MVGPU_REG_SWF(4), 4, 0x11111111, "refused writes change nothing");
	rc_is(e2e_write(&dev, BAR0, MVGPU_REG_SWF(4) + 2, 4, 0), -EINVAL,
	      "misaligned 4-byte write is EINVAL");
	rc_is(e2e_write(&dev, BAR0, MVGPU_REG_SWF(5), 8, 0), -EINVAL,
	      "8-byte write not 8-aligned is EINVAL");
	rc_is(e2e_read(&dev, BAR0, MVGPU_REG_SWF(4) + 1, 4, &v), -EINVAL,
	      "misaligned 4-byte read is EINVAL");
	rc_is(e2e_read(&dev, BAR0, MVGPU_REG_SWF(4) + 1, 2, &v), -EINVAL,
	      "misaligned 2-byte read is EINVAL");
	rc_is(e2e_read(&dev, BAR0, MVGPU_REG_SWF(5), 8, &v), -EINVAL,
	      "8-byte read not 8-aligned is EINVAL");
	rc_is(e2e_read(&dev, BAR0, MVGPU_REG_SWF(4), 3, &v), -EINVAL,
	      "3-byte read is EINVAL");
	rc_is(e2e_read(&dev, BAR0, MVGPU_BAR0_SIZE, 4, &v), -EINVAL,
	      "read beyond BAR0 is EINVAL");
	rc_is(e2e_write(&dev, BAR0, MVGPU_BAR0_SIZE, 4, 0), -EINVAL,
	      "write beyond BAR0 is EINVAL");
}

/* Dirty the device, then VFIO_DEVICE_RESET must restore reset values. */
static void test_reset(const struct expect *e)
{
	wr(BAR0, MVGPU_REG_SWF(0), 4, 0x1234);
	wr(BAR0, DE_IMR, 4, 0);
	wr(BAR0, DE_IER, 4, MVGPU_DE_MISC_PV_EVENT);
	wr(BAR0, MI_MODE, 4, MVGPU_MASKED_BIT_ENABLE(MVGPU_MI_MODE_STOP_RING));
	wr(BAR0, PV(MVGPU_PV_DISPLAY_READY), 4, 1);
	wr(BAR0, PV(MVGPU_PV_G2V_NOTIFY), 4, MVGPU_G2V_PING);
	tap_ok(rd(BAR0, DE_IIR, 4) & MVGPU_DE_MISC_PV_EVENT,
	       "%s: reset precondition: a PV ping latched in IIR", tag);

	if (!rc_is(mvgpu_reset(&dev), 0, "VFIO_DEVICE_RESET"))
		return;
	mmio_is(MVGPU_REG_SWF(0), 4, 0, "reset: SWF0 back to 0");
	mmio_is(MVGPU_REG_SWF(3), 4, 0, "reset: SWF3 back to 0");
	mmio_is(DE_IMR, 4, MVGPU_DE_MISC_VALID_MASK, "reset: IMR masked again");
	mmio_is(DE_IER, 4, 0, "reset: IER 0");
	mmio_is(DE_IIR, 4, 0, "reset: IIR 0");
	mmio_is(MVGPU_REG_MASTER_IRQ, 4, 0, "reset: master IRQ 0");
	tap_eq(rd(BAR0, MI_MODE, 4) & MVGPU_MI_MODE_STOP_RING, 0,
	       "%s: reset: MI_MODE STOP_RING clear", tag);
	mmio_is(PV(MVGPU_PV_DISPLAY_READY), 4, 0, "reset: PV display_ready 0");
	mmio_is(PV(MVGPU_PV_V2G_SEQNO), 4, 0, "reset: PV v2g seqno 0");
	mmio_is(PV(MVGPU_PV_MAGIC_LO), 8, MVGPU_PV_MAGIC, "reset: PV magic intact");
	mmio_is(PV(MVGPU_PV_VGPU_ID), 4, e->vgpu_id, "reset: PV vgpu_id intact");
	mmio_is(PV(MVGPU_PV_MAPPABLE_BASE), 8, e->ap_base,
		"reset: PV mappable base intact");
}

/* Collect what sysfs says about @uuid and its type. */
static bool read_expect(const char *uuid, struct expect *e)
{
	char path[4096], desc[1024], res[64];
	uint64_t w = 0;
	int ret = 0;

	ret |= mvgpu_vgpu_attr_u64(uuid, "vgpu_id", &e->vgpu_id);
	ret |= mvgpu_vgpu_attr_u64(uuid, "aperture_base", &e->ap_base);
	ret |= mvgpu_vgpu_attr_u64(uuid, "aperture_size", &e->ap_size);
	ret |= mvgpu_vgpu_attr_u64(uuid, "hidden_base", &e->hid_base);
	ret |= mvgpu_vgpu_attr_u64(uuid, "hidden_size", &e->hid_size);
	ret |= mvgpu_vgpu_attr_u64(uuid, "weight", &w);
	e->weight = w;
	mvgpu_type_path(path, sizeof(path), e2e_pgpu(), TYPE, "description");
	if (mvgpu_sysfs_read(path, desc, sizeof(desc)) ||
	    !e2e_desc_field(desc, "resolution", res, sizeof(res)) ||
	    sscanf(res, "%ux%u", &e->hres, &e->vres) != 2)
		ret = -1;
	return ret == 0;
}

static void run_path(const char *uuid, enum mvgpu_vfio_path path,
		     const struct expect *e)
{
	int ret;

	tag = mvgpu_path_name(path);
	if (path == MVGPU_VFIO_CDEV && access("/dev/iommu", F_OK)) {
		tap_skip("/dev/iommu absent (no CONFIG_IOMMUFD)",
			 "cdev: device checks");
		return;
	}
	ret = mvgpu_open(&dev, uuid, path);
	if (!tap_rc(ret, 0, "%s: open the vGPU", tag))
		return;
	tap_eq(dev.path, path, "%s: opened through the %s path", tag, tag);

	test_device_info();
	test_regions();
	test_irq_info();
	test_config_header(e);
	test_bars();
	test_config_writes();
	test_irq_regs();
	test_scratch();
	test_pvinfo(e);
	test_mi_mode();
	test_unknown_and_errors();
	test_reset(e);
	mvgpu_close(&dev);
}

int main(void)
{
	char uuid[MVGPU_UUID_LEN + 1];
	struct expect e;

	e2e_init("vfio_device", E2E_WATCHDOG_S);
	if (!e2e_require_pgpu())
		return tap_done();
	if (!tap_rc(e2e_vgpu_create(TYPE, uuid), 0, "create a %s vGPU", TYPE))
		return tap_done();
	if (tap_ok(read_expect(uuid, &e), "read the vGPU's sysfs attributes")) {
		run_path(uuid, MVGPU_VFIO_GROUP, &e);
		run_path(uuid, MVGPU_VFIO_CDEV, &e);
	}
	tap_rc(e2e_vgpu_remove(uuid), 0, "remove the vGPU");
	return tap_done();
}
