/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * mvgpu: the guest-visible device programming model.
 *
 * This header is shared by the mediation core, the software GPU backend,
 * the guest driver and the userspace tools.  It is the single source of
 * truth for what a guest sees: PCI identity, BAR layout, register offsets
 * and bits, and the PV info page.  Register offsets and bit positions follow
 * Intel Gen8 (Broadwell) where an equivalent exists; mvgpu extensions are
 * marked as such.  Documentation/gpu/mvgpu/programming-model.rst describes
 * the semantics.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _UAPI_LINUX_MVGPU_H
#define _UAPI_LINUX_MVGPU_H

/* 32-bit register bits, the same in the kernel and in userspace. */
#define MVGPU_BIT(n)		(1u << (n))

/* ------------------------------------------------------------------ */
/* PCI identity                                                        */
/* ------------------------------------------------------------------ */

/*
 * 0x1234 is the vendor ID QEMU uses for its own emulated devices
 * (bochs-display 1234:1111, edu 1234:11e8); mvgpu takes device 0x4d56 ("MV").
 */
#define MVGPU_PCI_VENDOR_ID		0x1234
#define MVGPU_PCI_DEVICE_ID		0x4d56
#define MVGPU_PCI_SUBSYSTEM_VENDOR_ID	0x1234
#define MVGPU_PCI_SUBSYSTEM_ID		0x0001
#define MVGPU_PCI_REVISION		0x01
/* Display controller, "other" (no legacy VGA decode). */
#define MVGPU_PCI_CLASS			0x038000

/* Config space layout of the emulated function (standard 256 bytes). */
#define MVGPU_CFG_SIZE			256
#define MVGPU_CFG_CAP_MSI		0x40	/* MSI, 64-bit address, 1 vector */
#define MVGPU_CFG_CAP_VNDR		0x50	/* vendor capability, see below */

/*
 * Vendor-specific capability (PCI_CAP_ID_VNDR) at MVGPU_CFG_CAP_VNDR:
 *   +0 cap id, +1 next, +2 length (16), +3 version (1),
 *   +4 vGPU type weight (u8), +5 reserved (u8), +6 reserved (u16),
 *   +8 max horizontal resolution (u16), +10 max vertical resolution (u16),
 *   +12 BAR0 offset of the PV info page (u32).
 * All read-only.
 */
#define MVGPU_VNDR_CAP_LEN		16
#define MVGPU_VNDR_CAP_VERSION		1
#define MVGPU_VNDR_WEIGHT		4
#define MVGPU_VNDR_MAX_HRES		8
#define MVGPU_VNDR_MAX_VRES		10
#define MVGPU_VNDR_PVINFO		12

/* ------------------------------------------------------------------ */
/* BARs                                                                */
/* ------------------------------------------------------------------ */

/*
 * BAR0 (GTTMMADR, 64-bit non-prefetchable memory): registers in the lower
 * half, the global GTT in the upper half, as on Gen8.
 */
#define MVGPU_BAR0_SIZE			(16u << 20)
#define MVGPU_MMIO_SIZE			(8u << 20)
#define MVGPU_GTT_OFFSET		(8u << 20)
#define MVGPU_GTT_SIZE			(8u << 20)
/* One 8-byte entry per 4 KiB page: 1 Mi entries map 4 GiB. */
#define MVGPU_GTT_ENTRY_SIZE		8
#define MVGPU_GTT_PAGE_SHIFT		12
#define MVGPU_GTT_NUM_ENTRIES		(MVGPU_GTT_SIZE / MVGPU_GTT_ENTRY_SIZE)

/*
 * GTT entry (Gen8 gen8_pte_t): bit 0 present, bits 38:12 the page address
 * (a guest physical address in guest-written entries), bits 11:1 flags,
 * must be zero, bits 63:39 must be zero.
 */
#define MVGPU_GTT_PTE_PRESENT		0x1ull
#define MVGPU_GTT_PTE_ADDR_MASK		0x0000007ffffff000ull

/*
 * BAR2 (GMADR, 64-bit prefetchable memory): the CPU-mappable aperture.  Its
 * size is the physical GPU's aperture size; a vGPU sees its own slice of it.
 */
#define MVGPU_BAR2_DEFAULT_SIZE		(512u << 20)

/* ------------------------------------------------------------------ */
/* Interrupts (Gen8 layout)                                            */
/* ------------------------------------------------------------------ */

/*
 * Master interrupt control.  Bit 31 enables delivery; the low bits are
 * read-only summaries of the banks that have an unmasked, enabled event
 * pending.  Writing the register only changes bit 31.
 */
#define MVGPU_REG_MASTER_IRQ		0x44200
#define   MVGPU_MASTER_IRQ_CONTROL	MVGPU_BIT(31)
#define   MVGPU_MASTER_DE_MISC_IRQ	MVGPU_BIT(22)
#define   MVGPU_MASTER_GT0_IRQ		MVGPU_BIT(0)

/*
 * Each bank has four registers: ISR (read-only live status), IMR (mask, a
 * set bit masks the source), IIR (latched identity, write 1 to clear) and
 * IER (enable).  An event latches into IIR when its IMR bit is clear; it
 * raises the interrupt when also set in IER and the master control is on.
 */
#define MVGPU_IRQ_ISR(bank)		((bank) + 0x0)
#define MVGPU_IRQ_IMR(bank)		((bank) + 0x4)
#define MVGPU_IRQ_IIR(bank)		((bank) + 0x8)
#define MVGPU_IRQ_IER(bank)		((bank) + 0xc)

/* GT bank 0: render and copy engine events. */
#define MVGPU_IRQ_BANK_GT0		0x44300
#define   MVGPU_GT0_RCS_USER_INTERRUPT	MVGPU_BIT(0)
#define   MVGPU_GT0_BCS_USER_INTERRUPT	MVGPU_BIT(16)
#define   MVGPU_GT0_VALID_MASK		(MVGPU_GT0_RCS_USER_INTERRUPT | \
					 MVGPU_GT0_BCS_USER_INTERRUPT)

/* Display engine "misc" bank. */
#define MVGPU_IRQ_BANK_DE_MISC		0x44460
/* mvgpu extension: a host-to-guest PV event is pending (see PV info). */
#define   MVGPU_DE_MISC_PV_EVENT	MVGPU_BIT(0)
#define   MVGPU_DE_MISC_VALID_MASK	MVGPU_DE_MISC_PV_EVENT

/* ------------------------------------------------------------------ */
/* Engine registers (Gen8 ring layout)                                 */
/* ------------------------------------------------------------------ */

#define MVGPU_RENDER_RING_BASE		0x02000
#define MVGPU_BLT_RING_BASE		0x22000

/*
 * MI_MODE is a masked register: the upper 16 bits of a write select which
 * of the lower 16 bits the write changes.
 */
#define MVGPU_RING_MI_MODE(base)	((base) + 0x9c)
#define   MVGPU_MI_MODE_STOP_RING	MVGPU_BIT(8)
#define   MVGPU_MI_MODE_IDLE		MVGPU_BIT(9)	/* read-only */
#define   MVGPU_MASKED_BIT_ENABLE(b)	((b) * 0x10001u)	/* b < 1 << 16 */
#define   MVGPU_MASKED_BIT_DISABLE(b)	((b) << 16)

/* ------------------------------------------------------------------ */
/* Software flag (scratch) registers, SWF on Gen8                      */
/* ------------------------------------------------------------------ */

#define MVGPU_REG_SWF(i)		(0x4f000 + (i) * 4)
#define MVGPU_NUM_SWF			32

/* ------------------------------------------------------------------ */
/* PV info page (mvgpu's vgt_if)                                       */
/* ------------------------------------------------------------------ */

#define MVGPU_PVINFO_OFFSET		0x78000
#define MVGPU_PVINFO_SIZE		0x1000

/* "MVGPU_PV" in memory order. */
#define MVGPU_PV_MAGIC			0x56505f555047564dULL
#define MVGPU_PV_VERSION_MAJOR		1
#define MVGPU_PV_VERSION_MINOR		0

/* Offsets inside the PV info page; all fields little-endian. */
#define MVGPU_PV_MAGIC_LO		0x00	/* u64, RO */
#define MVGPU_PV_MAGIC_HI		0x04
#define MVGPU_PV_VERSION		0x08	/* u32, RO: major << 16 | minor */
#define MVGPU_PV_VGPU_ID		0x0c	/* u32, RO */
#define MVGPU_PV_CAPS			0x10	/* u32, RO */
#define   MVGPU_PV_CAP_PV_EVENT		MVGPU_BIT(0)
#define MVGPU_PV_MAPPABLE_BASE		0x20	/* u64, RO: aperture slice */
#define MVGPU_PV_MAPPABLE_SIZE		0x28	/* u64, RO */
#define MVGPU_PV_HIDDEN_BASE		0x30	/* u64, RO: hidden slice */
#define MVGPU_PV_HIDDEN_SIZE		0x38	/* u64, RO */
#define MVGPU_PV_DISPLAY_READY		0x40	/* u32, RW */
/*
 * Guest-to-host notification.  Writing a MVGPU_G2V_* code performs the
 * request; reads return the last code written.
 */
#define MVGPU_PV_G2V_NOTIFY		0x44
#define   MVGPU_G2V_NONE		0
/* Ask the host to raise a PV event interrupt carrying MVGPU_V2G_PONG. */
#define   MVGPU_G2V_PING		1
/*
 * Host-to-guest event code of the last PV event (RO).  Guests read it when
 * MVGPU_DE_MISC_PV_EVENT is set in the DE misc IIR.
 */
#define MVGPU_PV_V2G_EVENT		0x48
#define   MVGPU_V2G_NONE		0
#define   MVGPU_V2G_PONG		1
/* Count of PV events raised since reset (RO). */
#define MVGPU_PV_V2G_SEQNO		0x4c

#endif /* _UAPI_LINUX_MVGPU_H */
