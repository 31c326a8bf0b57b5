// SPDX-License-Identifier: GPL-2.0-only
/*
 * PCI config space emulation.
 *
 * Layout (documented in Documentation/gpu/mvgpu/programming-model.rst):
 * type 0 header, BAR0 64-bit memory (registers + GTT), BAR2 64-bit
 * prefetchable memory (aperture), no I/O BARs, no ROM, INTA#, and a
 * capability list: MSI (64-bit, one vector) then the mvgpu vendor
 * capability.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/errno.h>
#include <linux/log2.h>
#include <linux/kernel.h>
#include <linux/pci_regs.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <kunit/visibility.h>

#include "cfg_space.h"

#define MSI_CAP_SIZE	14	/* 64-bit address, no per-vector masking */

static void set_w(u8 *p, unsigned int off, u16 v)
{
	put_unaligned_le16(v, p + off);
}

static void set_l(u8 *p, unsigned int off, u32 v)
{
	put_unaligned_le32(v, p + off);
}

/* A 64-bit memory BAR of @size bytes at @off: its low flag bits are RO. */
static void init_bar64(struct mvgpu_cfg_space *cfg, unsigned int off,
		       u64 size, bool prefetch)
{
	u32 flags = PCI_BASE_ADDRESS_SPACE_MEMORY |
		    PCI_BASE_ADDRESS_MEM_TYPE_64;

	if (prefetch)
		flags |= PCI_BASE_ADDRESS_MEM_PREFETCH;
	set_l(cfg->data, off, flags);
	set_l(cfg->data, off + 4, 0);
	set_l(cfg->wmask, off, lower_32_bits(~(size - 1)) &
	      PCI_BASE_ADDRESS_MEM_MASK);
	set_l(cfg->wmask, off + 4, upper_32_bits(~(size - 1)));
}

/**
 * mvgpu_cfg_init() - build the reset state of a vGPU's config space
 * @cfg: config space
 * @params: sizes and type values
 *
 * Return: 0, or -EINVAL if a BAR size is not a power of two of at least
 * 4 KiB.
 */
int mvgpu_cfg_init(struct mvgpu_cfg_space *cfg,
		   const struct mvgpu_cfg_params *params)
{
	u8 *d = cfg->data;

	if (!is_power_of_2(params->bar0_size) || params->bar0_size < SZ_4K ||
	    !is_power_of_2(params->bar2_size) || params->bar2_size < SZ_4K)
		return -EINVAL;

	memset(cfg, 0, sizeof(*cfg));
	set_w(d, PCI_VENDOR_ID, MVGPU_PCI_VENDOR_ID);
	set_w(d, PCI_DEVICE_ID, MVGPU_PCI_DEVICE_ID);
	set_w(d, PCI_STATUS, PCI_STATUS_CAP_LIST);
	d[PCI_REVISION_ID] = MVGPU_PCI_REVISION;
	d[PCI_CLASS_PROG] = MVGPU_PCI_CLASS & 0xff;
	set_w(d, PCI_CLASS_DEVICE, MVGPU_PCI_CLASS >> 8);
	d[PCI_HEADER_TYPE] = PCI_HEADER_TYPE_NORMAL;
	set_w(d, PCI_SUBSYSTEM_VENDOR_ID, MVGPU_PCI_SUBSYSTEM_VENDOR_ID);
	set_w(d, PCI_SUBSYSTEM_ID, MVGPU_PCI_SUBSYSTEM_ID);
	d[PCI_CAPABILITY_LIST] = MVGPU_CFG_CAP_MSI;
	d[PCI_INTERRUPT_PIN] = 1;	/* INTA# */

	/* No I/O BAR, so I/O space stays off. */
	set_w(cfg->wmask, PCI_COMMAND, PCI_COMMAND_MEMORY |
	      PCI_COMMAND_MASTER | PCI_COMMAND_PARITY | PCI_COMMAND_SERR |
	      PCI_COMMAND_INTX_DISABLE);
	set_w(cfg->w1cmask, PCI_STATUS, PCI_STATUS_PARITY |
	      PCI_STATUS_SIG_TARGET_ABORT | PCI_STATUS_REC_TARGET_ABORT |
	      PCI_STATUS_REC_MASTER_ABORT | PCI_STATUS_SIG_SYSTEM_ERROR |
	      PCI_STATUS_DETECTED_PARITY);
	cfg->wmask[PCI_CACHE_LINE_SIZE] = 0xff;
	cfg->wmask[PCI_LATENCY_TIMER] = 0xff;
	cfg->wmask[PCI_INTERRUPT_LINE] = 0xff;

	init_bar64(cfg, PCI_BASE_ADDRESS_0, params->bar0_size, false);
	init_bar64(cfg, PCI_BASE_ADDRESS_2, params->bar2_size, true);

	/* MSI: 64-bit capable, one vector, enable bit writable. */
	d[MVGPU_CFG_CAP_MSI + PCI_CAP_LIST_ID] = PCI_CAP_ID_MSI;
	d[MVGPU_CFG_CAP_MSI + PCI_CAP_LIST_NEXT] = MVGPU_CFG_CAP_VNDR;
	set_w(d, MVGPU_CFG_CAP_MSI + PCI_MSI_FLAGS, PCI_MSI_FLAGS_64BIT);
	set_w(cfg->wmask, MVGPU_CFG_CAP_MSI + PCI_MSI_FLAGS,
	      PCI_MSI_FLAGS_ENABLE);
	set_l(cfg->wmask, MVGPU_CFG_CAP_MSI + PCI_MSI_ADDRESS_LO, 0xfffffffc);
	set_l(cfg->wmask, MVGPU_CFG_CAP_MSI + PCI_MSI_ADDRESS_HI, 0xffffffff);
	set_w(cfg->wmask, MVGPU_CFG_CAP_MSI + PCI_MSI_DATA_64, 0xffff);
	BUILD_BUG_ON(MVGPU_CFG_CAP_MSI + MSI_CAP_SIZE > MVGPU_CFG_CAP_VNDR);

	/* Vendor capability: what the type offers, all read-only. */
	d[MVGPU_CFG_CAP_VNDR + PCI_CAP_LIST_ID] = PCI_CAP_ID_VNDR;
	d[MVGPU_CFG_CAP_VNDR + PCI_CAP_LIST_NEXT] = 0;
	d[MVGPU_CFG_CAP_VNDR + 2] = MVGPU_VNDR_CAP_LEN;
	d[MVGPU_CFG_CAP_VNDR + 3] = MVGPU_VNDR_CAP_VERSION;
	d[MVGPU_CFG_CAP_VNDR + MVGPU_VNDR_WEIGHT] = params->weight;
	set_w(d, MVGPU_CFG_CAP_VNDR + MVGPU_VNDR_MAX_HRES, params->max_hres);
	set_w(d, MVGPU_CFG_CAP_VNDR + MVGPU_VNDR_MAX_VRES, params->max_vres);
	set_l(d, MVGPU_CFG_CAP_VNDR + MVGPU_VNDR_PVINFO, MVGPU_PVINFO_OFFSET);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_cfg_init);

static int check_range(u32 offset, unsigned int len)
{
	if (!len || offset >= MVGPU_CFG_SIZE || len > MVGPU_CFG_SIZE - offset)
		return -EINVAL;
	return 0;
}

/**
 * mvgpu_cfg_read() - read config space bytes
 * @cfg: config space
 * @offset: first byte
 * @buf: destination
 * @len: bytes
 *
 * Return: 0, or -EINVAL when the range leaves the 256-byte space.
 */
int mvgpu_cfg_read(const struct mvgpu_cfg_space *cfg, u32 offset, void *buf,
		   unsigned int len)
{
	int ret = check_range(offset, len);

	if (ret)
		return ret;
	memcpy(buf, cfg->data + offset, len);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_cfg_read);

/**
 * mvgpu_cfg_write() - write config space bytes through the masks
 * @cfg: config space
 * @offset: first byte
 * @buf: source
 * @len: bytes
 *
 * Bits outside the write mask keep their value; write-1-to-clear bits are
 * cleared where the source has a 1.  Any size and alignment is accepted,
 * byte by byte, as the masks are per byte.
 *
 * Return: 0, or -EINVAL when the range leaves the 256-byte space.
 */
int mvgpu_cfg_write(struct mvgpu_cfg_space *cfg, u32 offset, const void *buf,
		    unsigned int len)
{
	const u8 *src = buf;
	unsigned int i;
	int ret = check_range(offset, len);

	if (ret)
		return ret;
	for (i = 0; i < len; i++) {
		unsigned int o = offset + i;
		u8 v = src[i];

		cfg->data[o] = (cfg->data[o] & ~cfg->wmask[o]) |
			       (v & cfg->wmask[o]);
		cfg->data[o] &= ~(v & cfg->w1cmask[o]);
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_cfg_write);
