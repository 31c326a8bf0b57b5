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
#define   MVGPU_MASTER_DE_PORT_IRQ	MVGPU_BIT(20)
#define   MVGPU_MASTER_DE_PIPE_IRQ(p)	MVGPU_BIT(16 + (p))
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
/*
 * GT bank 0: render and copy engine events, Gen8 positions (render in
 * bits 15:0, copy in bits 31:16).  USER_INTERRUPT: an MI_USER_INTERRUPT
 * completed.  CTX_SWITCH: a submission completed (the ring went idle up
 * to TAIL).  ERROR: a submission was rejected or the engine hung; see the
 * PV info page for the reason.
 */
#define MVGPU_IRQ_BANK_GT0		0x44300
#define   MVGPU_GT0_USER_INTERRUPT(e)	MVGPU_BIT(16 * (e) + 0)
#define   MVGPU_GT0_ERROR(e)		MVGPU_BIT(16 * (e) + 3)
#define   MVGPU_GT0_CTX_SWITCH(e)	MVGPU_BIT(16 * (e) + 8)
#define   MVGPU_GT0_RCS_USER_INTERRUPT	MVGPU_GT0_USER_INTERRUPT(0)
#define   MVGPU_GT0_BCS_USER_INTERRUPT	MVGPU_GT0_USER_INTERRUPT(1)
#define   MVGPU_GT0_ENGINE_MASK		(MVGPU_BIT(0) | MVGPU_BIT(3) | \
					 MVGPU_BIT(8))
#define   MVGPU_GT0_VALID_MASK		(MVGPU_GT0_ENGINE_MASK | \
					 MVGPU_GT0_ENGINE_MASK << 16)

/* Display engine "misc" bank. */
#define MVGPU_IRQ_BANK_DE_MISC		0x44460
/* mvgpu extension: a host-to-guest PV event is pending (see PV info). */
#define   MVGPU_DE_MISC_PV_EVENT	MVGPU_BIT(0)
#define   MVGPU_DE_MISC_VALID_MASK	MVGPU_DE_MISC_PV_EVENT

/* ------------------------------------------------------------------ */
/* Engines and their registers (Gen8 legacy ring layout)               */
/* ------------------------------------------------------------------ */

/*
 * Two engines: render/compute (RCS) and copy/blitter (BCS).  Each executes
 * a ring buffer in graphics memory: the guest writes commands between HEAD
 * and TAIL and moves TAIL; the engine advances HEAD as it completes them.
 */
#define MVGPU_ENGINE_RCS		0
#define MVGPU_ENGINE_BCS		1
#define MVGPU_NUM_ENGINES		2

#define MVGPU_RENDER_RING_BASE		0x02000
#define MVGPU_BLT_RING_BASE		0x22000
#define MVGPU_RING_BASE(engine)		((engine) ? MVGPU_BLT_RING_BASE : \
					 MVGPU_RENDER_RING_BASE)

/* TAIL: byte offset of the end of valid commands, qword aligned. */
#define MVGPU_RING_TAIL(base)		((base) + 0x30)
#define   MVGPU_TAIL_ADDR		0x001ffff8
/* HEAD: byte offset of the next command; the engine moves it. */
#define MVGPU_RING_HEAD(base)		((base) + 0x34)
#define   MVGPU_HEAD_ADDR		0x001ffffc
/* START: graphics address of the ring, 4 KiB aligned. */
#define MVGPU_RING_START(base)		((base) + 0x38)
/* CTL: bit 0 enables the ring; bits 20:12 hold (size in pages - 1). */
#define MVGPU_RING_CTL(base)		((base) + 0x3c)
#define   MVGPU_RING_VALID		MVGPU_BIT(0)
#define   MVGPU_RING_NR_PAGES		0x001ff000
#define   MVGPU_RING_SIZE(ctl)		(((ctl) & MVGPU_RING_NR_PAGES) + 0x1000)
/* ACTHD: graphics address the engine is executing (read-only). */
#define MVGPU_RING_ACTHD(base)		((base) + 0x74)
/* HWS_PGA: graphics address of the 4 KiB hardware status page. */
#define MVGPU_RING_HWS_PGA(base)	((base) + 0x80)

/*
 * MI_MODE is a masked register: the upper 16 bits of a write select which
 * of the lower 16 bits the write changes.
 */
#define MVGPU_RING_MI_MODE(base)	((base) + 0x9c)
#define   MVGPU_MI_MODE_STOP_RING	MVGPU_BIT(8)
#define   MVGPU_MI_MODE_IDLE		MVGPU_BIT(9)	/* read-only */
#define   MVGPU_MASKED_BIT_ENABLE(b)	((b) * 0x10001u)	/* b < 1 << 16 */
#define   MVGPU_MASKED_BIT_DISABLE(b)	((b) << 16)

/*
 * PML4: the root of the engine's per-process address space (PPGTT), the
 * guest physical address of a page-map level-4 table, 4 KiB aligned and
 * below 1 << 39 (Gen8 PDP0 in 48-bit mode).  The ring loads it with one
 * MI_LOAD_REGISTER_IMM writing both halves; the MVGPU_BB_PPGTT batches
 * after it in the same submission run in that space.  Read-only by MMIO:
 * the root the last submitted ring loaded.
 */
#define MVGPU_RING_PML4_LDW(base)	((base) + 0x270)
#define MVGPU_RING_PML4_UDW(base)	((base) + 0x274)

/* Engine timestamp: free running at MVGPU_TIMESTAMP_HZ, 64 bits. */
#define MVGPU_RING_TIMESTAMP(base)	((base) + 0x358)
#define MVGPU_RING_TIMESTAMP_UDW(base)	((base) + 0x35c)
#define MVGPU_TIMESTAMP_HZ		12500000

/* 16 general purpose registers per engine, 64 bits each (lo, hi). */
#define MVGPU_CS_GPR(base, n)		((base) + 0x600 + 8 * (n))
#define MVGPU_NUM_GPRS			16

/*
 * Engine reset: writing a domain bit resets that engine: the ring is
 * disabled, HEAD and TAIL read 0, the error state is cleared and work not
 * yet submitted is dropped.  A workload already executing completes (or
 * is stopped by the hang watchdog) first; the bit reads back as 0 once the
 * reset is done.
 */
#define MVGPU_REG_GDRST			0x0941c
#define   MVGPU_GDRST_FULL		MVGPU_BIT(0)
#define   MVGPU_GDRST_RENDER		MVGPU_BIT(1)
#define   MVGPU_GDRST_BLT		MVGPU_BIT(3)

/*
 * Hardware status page (one per engine, at HWS_PGA).  The engine stores
 * its ring HEAD here each time a submission completes (mvgpu extension);
 * commands write anywhere else in it (breadcrumbs).
 */
#define MVGPU_HWS_RING_HEAD		0x04	/* dword index */
#define MVGPU_HWS_SCRATCH		0x30	/* first free dword index */

/* ------------------------------------------------------------------ */
/* Commands (Gen8 encodings; the compute kernel is an mvgpu extension)  */
/* ------------------------------------------------------------------ */

#define MVGPU_CMD_TYPE(dw)		((dw) >> 29)
#define   MVGPU_CMD_TYPE_MI		0
#define   MVGPU_CMD_TYPE_2D		2
#define   MVGPU_CMD_TYPE_GFX		3

/*
 * MI commands: opcode in bits 28:23.  Opcodes below 0x10 are one dword;
 * the others carry (total dwords - 2) in bits 7:0.
 */
#define MVGPU_MI_OPCODE(dw)		(((dw) >> 23) & 0x3f)
#define MVGPU_MI_INSTR(op, flags)	(((op) << 23) | (flags))
#define MVGPU_CMD_LEN(dw)		(((dw) & 0xff) + 2)

#define MVGPU_MI_NOOP			MVGPU_MI_INSTR(0x00, 0)
#define MVGPU_MI_USER_INTERRUPT		MVGPU_MI_INSTR(0x02, 0)
#define MVGPU_MI_ARB_CHECK		MVGPU_MI_INSTR(0x05, 0)
#define MVGPU_MI_BATCH_BUFFER_END	MVGPU_MI_INSTR(0x0a, 0)
/* +1 GGTT address lo, +2 hi, +3 data (and +4 data hi when len is 3). */
#define MVGPU_MI_STORE_DATA_IMM		MVGPU_MI_INSTR(0x20, 0)
#define   MVGPU_MI_USE_GGTT		MVGPU_BIT(22)
/* Pairs of (register offset, value): length 2 * n - 1. */
#define MVGPU_MI_LOAD_REGISTER_IMM	MVGPU_MI_INSTR(0x22, 0)
/* +1 address lo (bit 2: GGTT), +2 hi, +3 data lo, +4 data hi. */
#define MVGPU_MI_FLUSH_DW		MVGPU_MI_INSTR(0x26, 0)
#define   MVGPU_FLUSH_DW_STORE_DATA	(1u << 14)	/* post-sync op 1 */
#define   MVGPU_FLUSH_DW_POST_SYNC	(3u << 14)
#define   MVGPU_FLUSH_DW_USE_GGTT	MVGPU_BIT(2)	/* in the address */
#define   MVGPU_FLUSH_DW_INVALIDATE_TLB	MVGPU_BIT(18)
/* +1 address lo, +2 hi: 3 dwords, length 1. */
#define MVGPU_MI_BATCH_BUFFER_START	MVGPU_MI_INSTR(0x31, 1)
#define   MVGPU_BB_SECOND_LEVEL		MVGPU_BIT(22)
/*
 * The batch is at an address of the per-process space named by PML4, and
 * the memory operands of its commands are in that space too, but for
 * those with their own GGTT bit set (MI_USE_GGTT, PC_GLOBAL_GTT,
 * FLUSH_DW_USE_GGTT).  Without it, everything is in the GGTT.
 */
#define   MVGPU_BB_PPGTT		MVGPU_BIT(8)

/* 2D (blitter) commands: opcode in bits 28:22, length in bits 7:0. */
#define MVGPU_2D_OPCODE(dw)		(((dw) >> 22) & 0x7f)
#define MVGPU_2D_INSTR(op, len)		((2u << 29) | ((op) << 22) | (len))
/*
 * XY_COLOR_BLT, 7 dwords: +1 BR13 (pitch in bits 15:0, colour depth in
 * bits 25:24 where 3 is 32 bpp, ROP in bits 23:16), +2 y1 << 16 | x1,
 * +3 y2 << 16 | x2 (exclusive), +4/+5 destination address, +6 colour.
 */
#define MVGPU_XY_COLOR_BLT		MVGPU_2D_INSTR(0x50, 5)
/*
 * XY_SRC_COPY_BLT, 10 dwords: +1 BR13 (destination pitch, depth, ROP),
 * +2/+3 destination rectangle, +4/+5 destination address, +6 source
 * y1 << 16 | x1, +7 source pitch, +8/+9 source address.
 */
#define MVGPU_XY_SRC_COPY_BLT		MVGPU_2D_INSTR(0x53, 8)
#define   MVGPU_BLT_DEPTH_32BPP		(3u << 24)
#define   MVGPU_BLT_DEPTH_MASK		(3u << 24)
#define   MVGPU_BLT_ROP_PATCOPY		(0xf0u << 16)
#define   MVGPU_BLT_ROP_SRCCOPY		(0xccu << 16)
#define   MVGPU_BLT_ROP_MASK		(0xffu << 16)
#define   MVGPU_BLT_WRITE_RGB		(3u << 20)	/* write alpha + rgb */

/* 3D/GPGPU pipeline commands: pipeline 28:27, opcode 26:24, sub 23:16. */
#define MVGPU_GFX_INSTR(pipe, op, sub, len) \
	((3u << 29) | ((pipe) << 27) | ((op) << 24) | ((sub) << 16) | (len))
#define MVGPU_GFX_OPCODE(dw)		(((dw) >> 16) & 0x1fff)
/*
 * PIPE_CONTROL, 6 dwords: +1 flags, +2/+3 post-sync address, +4/+5 data.
 */
#define MVGPU_PIPE_CONTROL		MVGPU_GFX_INSTR(3, 2, 0, 4)
#define   MVGPU_PC_WRITE_IMM		(1u << 14)	/* post-sync op 1 */
#define   MVGPU_PC_POST_SYNC		(3u << 14)
#define   MVGPU_PC_TLB_INVALIDATE	MVGPU_BIT(18)
#define   MVGPU_PC_CS_STALL		MVGPU_BIT(20)
#define   MVGPU_PC_GLOBAL_GTT		MVGPU_BIT(24)
/*
 * MVGPU_COMPUTE (mvgpu extension, media pipeline), 10 dwords: +1 kernel,
 * +2 element count (u32 elements), +3/+4 source A, +5/+6 source B,
 * +7/+8 destination, +9 scalar.  Its cost is linear in the count.
 *   SAXPY:    dst[i] = scalar * a[i] + b[i] (u32, wrapping)
 *   CHECKSUM: dst[0] = FNV-1a 32 over the bytes of a[0..count)
 */
#define MVGPU_COMPUTE			MVGPU_GFX_INSTR(2, 1, 0x0f, 8)
#define   MVGPU_KERNEL_SAXPY		1
#define   MVGPU_KERNEL_CHECKSUM		2
#define   MVGPU_COMPUTE_MAX_COUNT	(16u << 20)

/* ------------------------------------------------------------------ */
/* Display (Gen8 pipe A, primary and cursor planes, DP A connector)    */
/* ------------------------------------------------------------------ */

/*
 * One pipe scans one primary plane and one cursor out to one connector.
 * Per-pipe registers are 0x1000 apart, as on Gen8.  Planes are linear
 * (the command set has no tiling).  Writes to the plane registers take
 * effect together at the start of the next vertical blank after the
 * surface (DSPSURF) or cursor base (CURBASE) register is written.
 */
#define MVGPU_NUM_PIPES			1
#define MVGPU_PIPE_REG(p, a)		((a) + 0x1000 * (p))

/* Pipe source size: bits 28:16 width - 1, bits 11:0 height - 1. */
#define MVGPU_PIPESRC(p)		MVGPU_PIPE_REG(p, 0x6001c)
#define   MVGPU_PIPESRC_W(v)		((((v) >> 16) & 0x1fff) + 1)
#define   MVGPU_PIPESRC_H(v)		(((v) & 0xfff) + 1)
#define   MVGPU_PIPESRC_VAL(w, h)	((((w) - 1) << 16) | ((h) - 1))
/*
 * mvgpu extension: refresh rate in millihertz, 1000 to 240000; the
 * vertical blank interrupt comes at this rate.  Other values read back
 * but count as 60000.
 */
#define MVGPU_PIPE_VREFRESH(p)		MVGPU_PIPE_REG(p, 0x600f0)
#define   MVGPU_VREFRESH_MIN		1000
#define   MVGPU_VREFRESH_MAX		240000
#define   MVGPU_VREFRESH_DEFAULT	60000
/* Bit 31 enables the pipe; bit 30 (RO) says it runs. */
#define MVGPU_PIPECONF(p)		MVGPU_PIPE_REG(p, 0x70008)
#define   MVGPU_PIPECONF_ENABLE		MVGPU_BIT(31)
#define   MVGPU_PIPECONF_STATE		MVGPU_BIT(30)
/* Vertical blanks since the pipe was enabled (RO). */
#define MVGPU_PIPE_FRMCOUNT(p)		MVGPU_PIPE_REG(p, 0x70040)
/* Primary plane flips that took effect since the pipe was enabled (RO). */
#define MVGPU_PIPE_FLIPCOUNT(p)		MVGPU_PIPE_REG(p, 0x70044)

/* Cursor: bits 5:0 select the mode, 0 disables it. */
#define MVGPU_CURCNTR(p)		MVGPU_PIPE_REG(p, 0x70080)
#define   MVGPU_CURSOR_MODE_MASK	0x3f
#define   MVGPU_CURSOR_MODE_DISABLE	0x00
#define   MVGPU_CURSOR_MODE_128_ARGB	0x22
#define   MVGPU_CURSOR_MODE_256_ARGB	0x23
#define   MVGPU_CURSOR_MODE_64_ARGB	0x27
/* Graphics address of the cursor image, 4 KiB aligned; arms the update. */
#define MVGPU_CURBASE(p)		MVGPU_PIPE_REG(p, 0x70084)
/*
 * Position of the cursor image's top left corner: bits 11:0 X and bit 15
 * its sign, bits 27:16 Y and bit 31 its sign.  Takes effect at once.
 */
#define MVGPU_CURPOS(p)			MVGPU_PIPE_REG(p, 0x70088)
#define   MVGPU_CURPOS_X_SIGN		MVGPU_BIT(15)
#define   MVGPU_CURPOS_Y_SIGN		MVGPU_BIT(31)
#define   MVGPU_CURPOS_MASK		0x8fff8fffu
/*
 * mvgpu extension: the hotspot inside the cursor image, bits 7:0 X and
 * 23:16 Y, valid when bit 31 is set.  Takes effect at once.
 */
#define MVGPU_CURHOT(p)			MVGPU_PIPE_REG(p, 0x7008c)
#define   MVGPU_CURHOT_VALID		MVGPU_BIT(31)
#define   MVGPU_CURHOT_MASK		0x80ff00ffu

/* Primary plane: bit 31 enables it, bits 29:26 select the pixel format. */
#define MVGPU_DSPCNTR(p)		MVGPU_PIPE_REG(p, 0x70180)
#define   MVGPU_DSPCNTR_ENABLE		MVGPU_BIT(31)
#define   MVGPU_DSPCNTR_FORMAT_SHIFT	26
#define   MVGPU_DSPCNTR_FORMAT_MASK	(0xfu << 26)
#define   MVGPU_FORMAT_BGRX565		0x5	/* DRM_FORMAT_RGB565 */
#define   MVGPU_FORMAT_BGRX888		0x6	/* DRM_FORMAT_XRGB8888 */
#define   MVGPU_FORMAT_BGRA888		0x7	/* DRM_FORMAT_ARGB8888 */
#define   MVGPU_FORMAT_RGBX888		0xe	/* DRM_FORMAT_XBGR8888 */
#define   MVGPU_DSPCNTR_FORMAT(f)	((f) << MVGPU_DSPCNTR_FORMAT_SHIFT)
/* Bytes from one line to the next: a multiple of 64, at most 32 KiB. */
#define MVGPU_DSPSTRIDE(p)		MVGPU_PIPE_REG(p, 0x70188)
#define   MVGPU_DSPSTRIDE_MASK		0x0000ffc0u
#define   MVGPU_DSPSTRIDE_MAX		0x8000u
/* Graphics address of the surface, 4 KiB aligned; arms the update. */
#define MVGPU_DSPSURF(p)		MVGPU_PIPE_REG(p, 0x7019c)
/* The surface the pipe scans out now (RO); 0 while the plane is off. */
#define MVGPU_DSPSURFLIVE(p)		MVGPU_PIPE_REG(p, 0x701ac)

/*
 * Display interrupts.  DE pipe bank: VBLANK at the start of each vertical
 * blank; PRIMARY_FLIP_DONE when an armed update of the primary plane took
 * effect; PRIMARY_FAULT / CURSOR_FAULT when it could not (the plane is
 * then off, see the programming model).  DE port bank: HOTPLUG when the
 * connector's state or EDID changes.
 */
#define MVGPU_IRQ_BANK_DE_PIPE(p)	(0x44400 + 0x10 * (p))
#define   MVGPU_DE_PIPE_VBLANK		MVGPU_BIT(0)
#define   MVGPU_DE_PIPE_PRIMARY_FLIP_DONE MVGPU_BIT(4)
#define   MVGPU_DE_PIPE_PRIMARY_FAULT	MVGPU_BIT(9)
#define   MVGPU_DE_PIPE_CURSOR_FAULT	MVGPU_BIT(10)
#define   MVGPU_DE_PIPE_VALID_MASK	(MVGPU_DE_PIPE_VBLANK | \
					 MVGPU_DE_PIPE_PRIMARY_FLIP_DONE | \
					 MVGPU_DE_PIPE_PRIMARY_FAULT | \
					 MVGPU_DE_PIPE_CURSOR_FAULT)
#define MVGPU_IRQ_BANK_DE_PORT		0x44440
#define   MVGPU_DE_PORT_HOTPLUG		MVGPU_BIT(3)
#define   MVGPU_DE_PORT_VALID_MASK	MVGPU_DE_PORT_HOTPLUG

/* Connector (DP A): bit 2 (RO) is set while a display is connected. */
#define MVGPU_DP_A			0x64000
#define   MVGPU_DP_DETECTED		MVGPU_BIT(2)

/*
 * mvgpu extension: the connected display's EDID, read-only, in a window
 * of BAR0; EDID_SIZE holds its length in bytes.  Both read 0 while no
 * display is connected.
 */
#define MVGPU_EDID_OFFSET		0x79000
#define MVGPU_EDID_MAX_SIZE		0x400
#define MVGPU_REG_EDID_SIZE		0x79400

/*
 * VFIO regions past the PCI ones (VFIO_PCI_NUM_REGIONS, 9): the EDID
 * region (VFIO_REGION_TYPE_GFX / VFIO_REGION_SUBTYPE_GFX_EDID), and, in
 * region display mode, one read-only mmap-able region per plane holding
 * the plane's pixels at offset 0, lines packed, refreshed by each
 * VFIO_DEVICE_QUERY_GFX_PLANE of that plane.
 */
#define MVGPU_VFIO_EDID_REGION		9
#define MVGPU_VFIO_PRIMARY_REGION	10
#define MVGPU_VFIO_CURSOR_REGION	11
#define MVGPU_VFIO_NUM_REGIONS		12
/* Where the EDID region keeps the blob; its size. */
#define MVGPU_VFIO_EDID_BLOB		0x800
#define MVGPU_VFIO_EDID_REGION_SIZE	0x1000

/* ------------------------------------------------------------------ */
/* Per-process graphics translation tables (Gen8 48-bit PPGTT)          */
/* ------------------------------------------------------------------ */

/*
 * Four levels of 512 8-byte entries per 4 KiB table: PML4 (address bits
 * 47:39), PDP (38:30), PD (29:21) and PT (20:12), 4 KiB pages.  Every
 * entry: bit 0 present; bits 38:12 the guest physical address of the
 * next table or, in a PT, of the page; bits 1 (writable), 3 (PWT) and
 * 4 (PCD) are accepted and ignored; any other bit set makes the entry
 * invalid.  Bit 7 (PS: a 1 GiB PDP or 2 MiB PD entry) is not supported
 * and makes the entry invalid.  Not-present and invalid entries map the
 * vGPU's scratch page: reads return its contents, writes land in it.
 * Addresses at or above 1 << 48 fault the engine.
 */
#define MVGPU_PPGTT_LEVELS		4
#define MVGPU_PPGTT_ENTRIES		512
#define MVGPU_PPGTT_VA_BITS		48
#define MVGPU_PPGTT_PTE_PRESENT		0x1ull
#define MVGPU_PPGTT_PTE_IGNORED		0x1aull	/* RW, PWT, PCD */
#define MVGPU_PPGTT_PTE_PS		0x80ull
#define MVGPU_PPGTT_PTE_ADDR_MASK	MVGPU_GTT_PTE_ADDR_MASK
/* Index into the table of @level (1: PT ... 4: PML4) of address @va. */
#define MVGPU_PPGTT_INDEX(va, level) \
	(((va) >> (MVGPU_GTT_PAGE_SHIFT + 9 * ((level) - 1))) & 0x1ff)

/*
 * TLB semantics: the engines translate through what they cached from the
 * tables, and see a change to a table only after the guest invalidates
 * the translations: writing MVGPU_TLB_INV_ALL to TLB_INV (every address
 * space of the vGPU, both engines; the bit reads 0 once done), or a
 * command with its TLB-invalidate bit (MI_FLUSH_DW, PIPE_CONTROL) in a
 * submission, which makes the tables as they are when the submission is
 * taken up valid for all of it.  Gen12 GFX_TLB_INV_CR.
 */
#define MVGPU_REG_TLB_INV		0x0ced8
#define   MVGPU_TLB_INV_ALL		MVGPU_BIT(0)

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
#define MVGPU_PV_VERSION_MINOR		2

/* Offsets inside the PV info page; all fields little-endian. */
#define MVGPU_PV_MAGIC_LO		0x00	/* u64, RO */
#define MVGPU_PV_MAGIC_HI		0x04
#define MVGPU_PV_VERSION		0x08	/* u32, RO: major << 16 | minor */
#define MVGPU_PV_VGPU_ID		0x0c	/* u32, RO */
#define MVGPU_PV_CAPS			0x10	/* u32, RO */
#define   MVGPU_PV_CAP_PV_EVENT		MVGPU_BIT(0)
/* Since 1.2: PPGTT batches (MVGPU_BB_PPGTT) and TLB_INV. */
#define   MVGPU_PV_CAP_PPGTT		MVGPU_BIT(1)
/*
 * Engines the vGPU has (RO, since 1.1): bit MVGPU_ENGINE_* set for each.
 * Work submitted to another engine fails with MVGPU_ERR_NO_ENGINE.
 */
#define MVGPU_PV_ENGINES		0x14
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

/*
 * Per-engine error report (RO), valid when the engine raised its ERROR
 * interrupt: the reason (MVGPU_ERR_*) and the byte offset of the offending
 * command inside the buffer that held it (ring or batch), and that
 * buffer's graphics address.  For HANG and ENGINE_FAULT the offset is the
 * ring position the engine had reached and the buffer is the ring.  After
 * an error the engine accepts no new work until it is reset (GDRST) or the
 * device is reset.
 */
#define MVGPU_PV_ENGINE_ERROR(e)	(0x60 + 0x10 * (e))
#define MVGPU_PV_ENGINE_ERROR_OFFSET(e)	(0x64 + 0x10 * (e))
#define MVGPU_PV_ENGINE_ERROR_BUF(e)	(0x68 + 0x10 * (e))	/* u64 */
#define   MVGPU_ERR_NONE		0
#define   MVGPU_ERR_UNKNOWN_OPCODE	1	/* no such command */
#define   MVGPU_ERR_WRONG_ENGINE	2	/* command not allowed here */
#define   MVGPU_ERR_REGISTER		3	/* LRI outside the whitelist */
#define   MVGPU_ERR_ADDRESS		4	/* outside the vGPU's memory */
#define   MVGPU_ERR_TOO_LARGE		5	/* shadow limit exceeded */
#define   MVGPU_ERR_UNTERMINATED	6	/* batch without an end */
#define   MVGPU_ERR_NESTING		7	/* chain depth limit */
#define   MVGPU_ERR_BAD_FIELD		8	/* unsupported field value */
#define   MVGPU_ERR_BAD_RING		9	/* ring registers invalid */
#define   MVGPU_ERR_HANG		10	/* engine timed out, reset */
#define   MVGPU_ERR_TRUNCATED		11	/* command crosses the end */
#define   MVGPU_ERR_ENGINE_FAULT	12	/* the engine faulted, reset */
#define   MVGPU_ERR_NO_ENGINE		13	/* the vGPU has no such engine */

/*
 * Initializer of an array of the codes' short names, indexed by code, for
 * logs and tools: static const char *const names[] = MVGPU_ERR_NAMES;
 */
#define MVGPU_ERR_NAMES { \
	[MVGPU_ERR_NONE]		= "none", \
	[MVGPU_ERR_UNKNOWN_OPCODE]	= "unknown-opcode", \
	[MVGPU_ERR_WRONG_ENGINE]	= "wrong-engine", \
	[MVGPU_ERR_REGISTER]		= "register", \
	[MVGPU_ERR_ADDRESS]		= "address", \
	[MVGPU_ERR_TOO_LARGE]		= "too-large", \
	[MVGPU_ERR_UNTERMINATED]	= "unterminated", \
	[MVGPU_ERR_NESTING]		= "nesting", \
	[MVGPU_ERR_BAD_FIELD]		= "bad-field", \
	[MVGPU_ERR_BAD_RING]		= "bad-ring", \
	[MVGPU_ERR_HANG]		= "hang", \
	[MVGPU_ERR_TRUNCATED]		= "truncated", \
	[MVGPU_ERR_ENGINE_FAULT]	= "engine-fault", \
	[MVGPU_ERR_NO_ENGINE]		= "no-engine", \
}

#endif /* _UAPI_LINUX_MVGPU_H */
