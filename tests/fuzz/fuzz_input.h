/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The input formats of the mvgpu fuzz targets, shared by the harnesses
 * (fuzz_*.c) and the seed generator (gen_seeds.c).  Little endian, packed.
 * Every target reads its input as a header and/or a stream of operations;
 * bytes missing at the end read as zero, extra bytes are ignored.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_FUZZ_INPUT_H
#define _MVGPU_FUZZ_INPUT_H

#include <stdint.h>

/* ---- the guest memory of the command parser target ------------------ */

/* A slice with memory behind it: the input's payload lands at its start. */
#define FZ_GM_BASE		0x4000000ull
#define FZ_GM_SIZE		(4ull << 20)
#define FZ_GM_PAGES		(FZ_GM_SIZE >> 12)
/* A slice the range check accepts but that cannot be read (no pages). */
#define FZ_HID_BASE		0x30000000ull
#define FZ_HID_SIZE		(64ull << 20)
/* Where the engine sees the shadow buffer. */
#define FZ_SHADOW_GM		0x20000000ull

/* Flags of struct fz_cp_hdr. */
#define FZ_CP_RAW_RING		0x01	/* head, tail used unmasked */
#define FZ_CP_SMALL_SHADOW	0x02	/* shadow_size from the header */
#define FZ_CP_HOLES		0x04	/* the holes bitmap applies */

/*
 * cmd_parser: this header, then the payload copied to FZ_GM_BASE.  The
 * ring starts at page ring_page of the slice and has ring_pages + 1 pages
 * (up to 1024: past the 2 MiB limit on purpose).  Without FZ_CP_RAW_RING,
 * head and tail are reduced into the ring with their alignment.  Hole bit
 * i makes page 8 * (i + 1) of the slice unreadable.
 */
struct fz_cp_hdr {
	uint8_t engine;
	uint8_t flags;
	uint16_t ring_page;
	uint16_t ring_pages;
	uint16_t reserved;
	uint32_t head;
	uint32_t tail;
	uint32_t shadow_size;
	uint32_t holes;
} __attribute__((packed));

/* ---- operation streams (mmio, gtt, pvinfo) ----------------------------- */

/*
 * One operation: an opcode byte, then its arguments.  Each target reads
 * the opcode modulo its number of operations, so every byte string is a
 * valid program.
 */
struct fz_op {
	uint8_t op;
	uint8_t arg;
	uint16_t arg16;
	uint32_t off;
	uint64_t val;
} __attribute__((packed));

/*
 * Access sizes by (arg & 7); the last ones are invalid on purpose.  With
 * FZ_ACC_MISALIGN in arg, bits 5:4 of arg are added to the offset; with
 * FZ_ACC_RAW the offset is @val, unreduced.
 */
#define FZ_ACC_SIZES		{ 1, 2, 4, 8, 4, 8, 3, 16 }
#define FZ_ACC_MISALIGN		0x40
#define FZ_ACC_RAW		0x80

/* mmio: a struct fz_mmio_hdr, then BAR0 accesses and the events around them. */
struct fz_mmio_hdr {
	uint8_t flags;		/* FZ_MMIO_FAIL_INIT */
	uint8_t fail_alloc;	/* the allocation of the vGPU init that fails */
	uint16_t reserved;
} __attribute__((packed));

#define FZ_MMIO_FAIL_INIT	0x01

enum fz_mmio_op {
	FZ_MMIO_READ,		/* off % (BAR0 + 4 KiB) (or raw), arg: size */
	FZ_MMIO_WRITE,		/* the same, val */
	FZ_MMIO_REG_READ,	/* arg16: register table index, off: dword */
	FZ_MMIO_REG_WRITE,	/* the same, val */
	FZ_MMIO_GTT_WRITE,	/* see fz_gtt_entry() in fuzz_mmio.c */
	FZ_MMIO_GUEST_WRITE,	/* arg: frame, off: byte, val: a qword */
	FZ_MMIO_SCHED,		/* arg: engine, arg16: enum fz_sched_op, off */
	FZ_MMIO_RESET,		/* device reset */
	FZ_MMIO_UNMAP,		/* DMA unmap: off: first frame, arg16: frames */
	FZ_MMIO_MAP,		/* DMA map again: the same */
	FZ_MMIO_WORK,		/* run the pending work items */
	FZ_MMIO_TIME,		/* val: nanoseconds to advance the clock (timers fire) */
	FZ_MMIO_IRQ,		/* arg: interrupt triggers, see fake_irq_op() */
	FZ_MMIO_DISPLAY,	/* arg: enum fz_display_op, see fuzz_mmio.c */
	FZ_MMIO_NR_OPS,
};

/*
 * What FZ_MMIO_DISPLAY does (arg % FZ_DISPLAY_NR): the VMM's side of the
 * display (vfio/display.c), with its arguments from the operation.
 */
enum fz_display_op {
	FZ_DISPLAY_QUERY,	/* arg16 % 3: plane (2: an unknown one) */
	FZ_DISPLAY_READ,	/* arg16 bit 0: plane; bit 1: buffer of val % (size + 1) */
	FZ_DISPLAY_SET_EDID,	/* see FZ_EDID_* */
	FZ_DISPLAY_SET_LINK,	/* arg16 bit 0: up */
	FZ_DISPLAY_GET_EDID,	/* read back, and through BAR0 */
	FZ_DISPLAY_SHOW,	/* the debugfs file */
	FZ_DISPLAY_NR,
};

/*
 * FZ_DISPLAY_SET_EDID: the default EDID (core/edid.c) for a preferred
 * mode of (off & 0xfff) + 1 by ((off >> 12) & 0xfff) + 1, with
 * (arg16 >> 2) & 7 extension blocks of bytes from val, checksums right;
 * then FZ_EDID_FLIP xors byte (off >> 24) * 4 (modulo the size) with
 * val's low byte, and FZ_EDID_SIZE makes the size (val >> 32) %
 * (MVGPU_EDID_MAX_SIZE + 256).
 */
#define FZ_EDID_FLIP		0x20
#define FZ_EDID_SIZE		0x40

/*
 * GTT entry writes (FZ_MMIO_GTT_WRITE, FZ_GTT_WRITE): arg bit 0 picks the
 * slice (aperture, hidden), off the entry in it.  With FZ_PTE_FRAME in
 * arg16 the value is a present entry of guest frame arg >> 1 (modulo a few
 * more than the fake frames), else val.  FZ_PTE_HALF writes 4 bytes, the
 * high half with FZ_PTE_HIGH.
 */
#define FZ_PTE_FRAME		0x01
#define FZ_PTE_HALF		0x02
#define FZ_PTE_HIGH		0x04

/* What FZ_MMIO_SCHED does (arg16 % FZ_SCHED_NR). */
enum fz_sched_op {
	FZ_SCHED_PICK,		/* the engine picks the workload */
	FZ_SCHED_COMPLETE,	/* it completes: status 0 */
	FZ_SCHED_FAULT,		/* it completes with -EIO */
	FZ_SCHED_PREEMPT,	/* it is preempted: -EAGAIN */
	FZ_SCHED_CANCELLED,	/* another vGPU's reset stopped it */
	FZ_SCHED_HANG,		/* the watchdog declares it hung */
	FZ_SCHED_NR,
};

/* gtt: entry writes, reads, unmaps, resets, with invariants after each. */
enum fz_gtt_op {
	FZ_GTT_WRITE,		/* see FZ_PTE_* */
	FZ_GTT_READ,		/* arg: slice, off: entry, arg16: size, byte */
	FZ_GTT_UNMAP,		/* off: first frame, arg16: frames */
	FZ_GTT_MAP,		/* off: first frame, arg16: frames */
	FZ_GTT_RESET,		/* device reset */
	FZ_GTT_HOLD,		/* arg: hold on (odd) or off (even) */
	FZ_GTT_WORK,		/* run one pending work item */
	FZ_GTT_GM_RW,		/* arg: slice, off: byte, arg16: length */
	FZ_GTT_APERTURE_RW,	/* off: aperture byte, arg16: length */
	FZ_GTT_RAW,		/* off: raw BAR0 GTT offset, arg: size, val */
	FZ_GTT_RACE,		/* see fuzz_gtt.c */
	FZ_GTT_PV,		/* arg: odd: PV handshake; even: none */
	FZ_GTT_CLOSE,		/* the last close (reset, then no more pins) */
	FZ_GTT_NR_OPS,
};

/* pvinfo: PV page accesses and what the PV protocol depends on. */
enum fz_pv_op {
	FZ_PV_READ,		/* off: PV page offset, arg: size */
	FZ_PV_WRITE,		/* off: PV page offset, arg: size, val */
	FZ_PV_NOTIFY,		/* G2V_NOTIFY = val (PING unless arg is odd) */
	FZ_PV_IRQ,		/* arg: IMR, IER, IIR, master; val */
	FZ_PV_GTT_WRITE,	/* arg: slice, off: entry, val */
	FZ_PV_RING,		/* arg: engine: enable its ring, TAIL = off */
	FZ_PV_RESET,		/* device reset */
	FZ_PV_NR_OPS,
};

/*
 * cfg_space: struct fz_cfg_hdr (the vGPU's parameters: BAR sizes are
 * 1 << order, plus 4 KiB when FZ_CFG_ODD_SIZE asks for an invalid one),
 * then operations: struct fz_cfg_op, followed for a write by its @len data
 * bytes.  Offsets go past the 256 bytes on purpose.
 */
#define FZ_CFG_ODD_SIZE		0x01

struct fz_cfg_hdr {
	uint8_t bar0_order;
	uint8_t bar2_order;
	uint8_t weight;
	uint8_t flags;
	uint16_t max_hres;
	uint16_t max_vres;
} __attribute__((packed));

enum fz_cfg_op_code {
	FZ_CFG_READ,
	FZ_CFG_WRITE,
	FZ_CFG_NR_OPS,
};

struct fz_cfg_op {
	uint8_t op;
	uint8_t len;
	uint16_t off;		/* modulo FZ_CFG_OFF_RANGE */
} __attribute__((packed));

#define FZ_CFG_OFF_RANGE	320

#endif /* _MVGPU_FUZZ_INPUT_H */
