// SPDX-License-Identifier: GPL-2.0-only
/*
 * Seed corpora of the mvgpu fuzz targets, from the programming model
 * (include/uapi/linux/mvgpu.h): valid commands on their engines, batch
 * starts, chains and calls, a wrapping ring; BAR0 register traffic, the
 * PV handshake and ping, whole submissions through the GTT; GTT entries of
 * every kind of guest frame, unmaps, resets and races; config space BAR
 * sizing; the display's flips, vertical blanks and EDIDs.  A few rejected
 * forms too, so the fuzzer starts on both sides.
 *
 *   gen_seeds DIR     writes DIR/<target>/<name> (make -C tests/fuzz seeds)
 *
 * The input formats are in fuzz_input.h.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <linux/mvgpu.h>

#include "fuzz_input.h"

#define LO(x)		((uint32_t)(x))
#define HI(x)		((uint32_t)((uint64_t)(x) >> 32))
#define PV(off)		(MVGPU_PVINFO_OFFSET + (off))

/* The slices of the vGPUs the harnesses build (fake_vgpu.c, fuzz_gtt.c). */
#define VGPU_AP		0x4000000ull	/* first V1_64 vGPU's aperture */

static const char *out_dir;

/* ---- a growing buffer -------------------------------------------------- */

struct buf {
	uint8_t *p;
	size_t len;
};

static void put(struct buf *b, const void *data, size_t n)
{
	b->p = realloc(b->p, b->len + n);
	if (!b->p) {
		perror("realloc");
		exit(1);
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
}

/* Little-endian dwords at byte @at of @b, growing it with zeros. */
static void put_dw_at(struct buf *b, size_t at, const uint32_t *dw, size_t n)
{
	size_t i, end = at + 4 * n;

	if (end > b->len) {
		b->p = realloc(b->p, end);
		memset(b->p + b->len, 0, end - b->len);
		b->len = end;
	}
	for (i = 0; i < n; i++) {
		b->p[at + 4 * i] = dw[i];
		b->p[at + 4 * i + 1] = dw[i] >> 8;
		b->p[at + 4 * i + 2] = dw[i] >> 16;
		b->p[at + 4 * i + 3] = dw[i] >> 24;
	}
}

static void save(const char *target, const char *name, struct buf *b)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", out_dir, target);
	if (mkdir(path, 0755) && errno != EEXIST) {
		perror(path);
		exit(1);
	}
	snprintf(path, sizeof(path), "%s/%s/%s", out_dir, target, name);
	f = fopen(path, "wb");
	if (!f || fwrite(b->p, 1, b->len, f) != b->len || fclose(f)) {
		perror(path);
		exit(1);
	}
	free(b->p);
	b->p = NULL;
	b->len = 0;
}

/* ---- cmd_parser -------------------------------------------------------- */

#define GM(off)		(FZ_GM_BASE + (off))
#define DATA		GM(0x8000)
#define BATCH(n)	(0x100 + 0x80 * (n))	/* payload offsets */
#define SDI(gm, v)	MVGPU_MI_STORE_DATA_IMM | MVGPU_MI_USE_GGTT | 2, \
			LO(gm), HI(gm), v
#define BB(flags, off)	MVGPU_MI_BATCH_BUFFER_START | (flags), \
			LO(GM(off)), HI(GM(off))
#define BR13(rop, pitch) (MVGPU_BLT_DEPTH_32BPP | (rop) | (pitch))

static void cp_seed(const char *name, uint8_t engine, uint32_t head,
		    const uint32_t *ring, size_t n, const uint32_t *const *batches,
		    const size_t *batch_len, size_t nr_batches)
{
	struct fz_cp_hdr h = {
		.engine = engine, .ring_pages = 0, .head = head,
		.tail = (head + 4 * ((n + 1) & ~1u)) % 4096,
	};
	struct buf b = { 0 }, mem = { 0 };
	size_t i;

	for (i = 0; i < n; i++)
		put_dw_at(&mem, (head + 4 * i) % 4096, &ring[i], 1);
	for (i = 0; i < nr_batches; i++)
		put_dw_at(&mem, BATCH(i), batches[i], batch_len[i]);
	put(&b, &h, sizeof(h));
	put(&b, mem.p, mem.len);
	free(mem.p);
	save("cmd_parser", name, &b);
}

#define RING(name, engine, ...) do {					\
	const uint32_t _r[] = { __VA_ARGS__ };				\
									\
	cp_seed(name, engine, 0, _r, sizeof(_r) / 4, NULL, NULL, 0);	\
} while (0)

static void seeds_cmd_parser(void)
{
	static const uint32_t chain1[] = {
		SDI(DATA, 1), BB(0, BATCH(1)),
	};
	static const uint32_t chain2[] = {
		SDI(DATA + 4, 2), MVGPU_MI_BATCH_BUFFER_END, MVGPU_MI_NOOP,
	};
	static const uint32_t call1[] = {
		BB(MVGPU_BB_SECOND_LEVEL, BATCH(1)), SDI(DATA + 8, 3),
		MVGPU_MI_BATCH_BUFFER_END,
	};
	static const uint32_t call2[] = {
		MVGPU_MI_USER_INTERRUPT, MVGPU_MI_BATCH_BUFFER_END,
	};
	static const uint32_t ring_bb[] = {
		BB(0, BATCH(0)), MVGPU_MI_USER_INTERRUPT,
	};
	const uint32_t *two[] = { chain1, chain2 }, *calls[] = { call1, call2 };
	size_t two_len[] = { 6, 6 }, calls_len[] = { 8, 2 };
	static const uint32_t wrap[] = {
		SDI(DATA, 0x11), SDI(DATA + 4, 0x22), MVGPU_MI_NOOP,
		MVGPU_MI_NOOP,
	};

	RING("mi", MVGPU_ENGINE_RCS, MVGPU_MI_NOOP, MVGPU_MI_USER_INTERRUPT,
	     MVGPU_MI_ARB_CHECK, MVGPU_MI_BATCH_BUFFER_END);
	RING("sdi", MVGPU_ENGINE_RCS, SDI(DATA, 0x12345678),
	     MVGPU_MI_STORE_DATA_IMM | MVGPU_MI_USE_GGTT | 3, LO(DATA + 8),
	     HI(DATA + 8), 1, 2);
	RING("lri", MVGPU_ENGINE_BCS, MVGPU_MI_LOAD_REGISTER_IMM | 3,
	     MVGPU_CS_GPR(MVGPU_BLT_RING_BASE, 0), 7,
	     MVGPU_CS_GPR(MVGPU_BLT_RING_BASE, 1), 8);
	RING("flush_dw", MVGPU_ENGINE_BCS,
	     MVGPU_MI_FLUSH_DW | MVGPU_FLUSH_DW_STORE_DATA | 2,
	     LO(DATA) | MVGPU_FLUSH_DW_USE_GGTT, HI(DATA), 5);
	RING("color_blt", MVGPU_ENGINE_BCS,
	     MVGPU_XY_COLOR_BLT | MVGPU_BLT_WRITE_RGB,
	     BR13(MVGPU_BLT_ROP_PATCOPY, 256), 0, 4 << 16 | 64, LO(DATA),
	     HI(DATA), 0xff00ff00);
	RING("src_copy_blt", MVGPU_ENGINE_BCS,
	     MVGPU_XY_SRC_COPY_BLT | MVGPU_BLT_WRITE_RGB,
	     BR13(MVGPU_BLT_ROP_SRCCOPY, 256), 0, 4 << 16 | 64, LO(DATA),
	     HI(DATA), 0, 256, LO(DATA + 0x1000), HI(DATA + 0x1000));
	RING("pipe_control", MVGPU_ENGINE_RCS, MVGPU_PIPE_CONTROL,
	     MVGPU_PC_WRITE_IMM | MVGPU_PC_GLOBAL_GTT | MVGPU_PC_CS_STALL,
	     LO(DATA), HI(DATA), 1, 2);
	RING("saxpy", MVGPU_ENGINE_RCS, MVGPU_COMPUTE, MVGPU_KERNEL_SAXPY, 64,
	     LO(DATA), HI(DATA), LO(DATA + 0x100), HI(DATA + 0x100),
	     LO(DATA + 0x200), HI(DATA + 0x200), 3);
	RING("checksum", MVGPU_ENGINE_RCS, MVGPU_COMPUTE, MVGPU_KERNEL_CHECKSUM,
	     64, LO(FZ_HID_BASE), HI(FZ_HID_BASE), 0, 0, LO(DATA), HI(DATA), 0);
	/* Rejected: wrong engine, unknown opcode, truncated. */
	RING("wrong_engine", MVGPU_ENGINE_RCS, MVGPU_XY_COLOR_BLT,
	     BR13(MVGPU_BLT_ROP_PATCOPY, 256), 0, 1 << 16 | 1, LO(DATA),
	     HI(DATA), 0);
	RING("unknown", MVGPU_ENGINE_BCS, MVGPU_MI_INSTR(0x01, 0));
	RING("truncated", MVGPU_ENGINE_RCS,
	     MVGPU_MI_STORE_DATA_IMM | MVGPU_MI_USE_GGTT | 3, LO(DATA));

	cp_seed("batch", MVGPU_ENGINE_RCS, 0, ring_bb, 4, calls + 1,
		calls_len + 1, 1);
	cp_seed("chain", MVGPU_ENGINE_RCS, 0, ring_bb, 4, two, two_len, 2);
	cp_seed("second_level", MVGPU_ENGINE_BCS, 0, ring_bb, 4, calls,
		calls_len, 2);
	/* Ten dwords from 8 bytes before the end of the ring: it wraps. */
	cp_seed("wrap", MVGPU_ENGINE_RCS, 4096 - 8, wrap, 10, NULL, NULL, 0);
}

/* ---- operation streams -------------------------------------------------- */

static void op(struct buf *b, uint8_t code, uint8_t arg, uint16_t arg16,
	       uint32_t off, uint64_t val)
{
	struct fz_op o = { code, arg, arg16, off, val };

	put(b, &o, sizeof(o));
}

/* A table-free BAR0 access (fuzz_mmio.c: FZ_MMIO_READ/WRITE, 4 bytes). */
#define RD(b, off)	op(b, FZ_MMIO_READ, 2, 0, off, 0)
#define WR(b, off, v)	op(b, FZ_MMIO_WRITE, 2, 0, off, v)
#define WR8(b, off, v)	op(b, FZ_MMIO_WRITE, 3, 0, off, v)

/* A present entry for guest frame @frame in slice @slice, entry @idx. */
static void gtt_frame(struct buf *b, uint8_t code, int slice, uint32_t idx,
		      uint32_t frame)
{
	op(b, code, (uint8_t)(frame << 1 | slice), FZ_PTE_FRAME, idx, 0);
}

static void pv_handshake(struct buf *b)
{
	RD(b, PV(MVGPU_PV_MAGIC_LO));
	RD(b, PV(MVGPU_PV_MAGIC_HI));
	RD(b, PV(MVGPU_PV_VERSION));
}

static void ping(struct buf *b)
{
	WR(b, MVGPU_IRQ_IMR(MVGPU_IRQ_BANK_DE_MISC), 0);
	WR(b, MVGPU_IRQ_IER(MVGPU_IRQ_BANK_DE_MISC), MVGPU_DE_MISC_PV_EVENT);
	WR(b, MVGPU_REG_MASTER_IRQ, MVGPU_MASTER_IRQ_CONTROL);
	WR(b, PV(MVGPU_PV_G2V_NOTIFY), MVGPU_G2V_PING);
	RD(b, MVGPU_REG_MASTER_IRQ);
	RD(b, MVGPU_IRQ_IIR(MVGPU_IRQ_BANK_DE_MISC));
	RD(b, PV(MVGPU_PV_V2G_EVENT));
	WR(b, MVGPU_IRQ_IIR(MVGPU_IRQ_BANK_DE_MISC), MVGPU_DE_MISC_PV_EVENT);
}

/* Guest memory: @n dwords at byte @at of frame @frame, a qword at a time. */
static void guest(struct buf *b, uint32_t frame, uint32_t at,
		  const uint32_t *dw, size_t n)
{
	size_t i;

	for (i = 0; i < n; i += 2)
		op(b, FZ_MMIO_GUEST_WRITE, frame, 0, at + 4 * i,
		   dw[i] | (i + 1 < n ? (uint64_t)dw[i + 1] << 32 : 0));
}

/*
 * A submission on @engine: the ring in guest frame 0 (aperture entry 0),
 * the status page in frame 1 (entry 1), a batch in frame 2 (entry 2).
 */
static void submission(struct buf *b, unsigned int engine,
		       const uint32_t *ring, size_t n, const uint32_t *batch,
		       size_t bn)
{
	uint32_t base = MVGPU_RING_BASE(engine);

	gtt_frame(b, FZ_MMIO_GTT_WRITE, 0, 0, 0);
	gtt_frame(b, FZ_MMIO_GTT_WRITE, 0, 1, 1);
	gtt_frame(b, FZ_MMIO_GTT_WRITE, 0, 2, 2);
	guest(b, 0, 0, ring, n);
	if (batch)
		guest(b, 2, 0, batch, bn);
	WR(b, MVGPU_IRQ_IMR(MVGPU_IRQ_BANK_GT0), 0);
	WR(b, MVGPU_IRQ_IER(MVGPU_IRQ_BANK_GT0), MVGPU_GT0_VALID_MASK);
	WR(b, MVGPU_REG_MASTER_IRQ, MVGPU_MASTER_IRQ_CONTROL);
	WR(b, MVGPU_RING_HWS_PGA(base), LO(VGPU_AP + 0x1000));
	WR(b, MVGPU_RING_START(base), LO(VGPU_AP));
	WR(b, MVGPU_RING_HEAD(base), 0);
	WR(b, MVGPU_RING_CTL(base), MVGPU_RING_VALID);
	WR(b, MVGPU_RING_TAIL(base), 4 * ((n + 1) & ~1u));
}

static void sched(struct buf *b, unsigned int engine, enum fz_sched_op what,
		  uint32_t progress)
{
	op(b, FZ_MMIO_SCHED, engine, what, progress, 0);
}

/* The header of an mmio input: the vGPU's creation succeeds. */
static void mmio_begin(struct buf *b)
{
	struct fz_mmio_hdr h = { 0 };

	put(b, &h, sizeof(h));
}

static void seeds_mmio(void)
{
	const uint32_t rcs[] = {
		SDI(VGPU_AP + 0x1100, 0xcafe), MVGPU_MI_USER_INTERRUPT,
		MVGPU_MI_NOOP,
	};
	const uint32_t bcs[] = {
		MVGPU_XY_COLOR_BLT | MVGPU_BLT_WRITE_RGB,
		BR13(MVGPU_BLT_ROP_PATCOPY, 64), 0, 2 << 16 | 16,
		LO(VGPU_AP + 0x1200), HI(VGPU_AP + 0x1200), 0x12345678,
		MVGPU_MI_FLUSH_DW | 2, 0, 0, 0, MVGPU_MI_NOOP,
	};
	const uint32_t ring_bb[] = {
		MVGPU_MI_BATCH_BUFFER_START | 1, LO(VGPU_AP + 0x2000),
		HI(VGPU_AP + 0x2000), MVGPU_MI_NOOP,
	};
	const uint32_t batch[] = {
		SDI(VGPU_AP + 0x1104, 1), MVGPU_MI_USER_INTERRUPT,
		MVGPU_MI_BATCH_BUFFER_END, MVGPU_MI_NOOP,
	};
	const uint32_t bad[] = { MVGPU_MI_INSTR(0x3f, 0), 0 };
	const uint32_t pixels[] = {
		0x00ff0000, 0x0000ff00, 0x000000ff, 0x00ffffff,
		0x80402010, 0x01020304, 0xdeadbeef, 0xcafef00d,
	};
	struct buf b = { 0 };
	uint32_t i;

	mmio_begin(&b);
	pv_handshake(&b);
	ping(&b);
	save("mmio", "pv_ping", &b);

	/* MSI, then INTx with its automask, pings on each. */
	mmio_begin(&b);
	op(&b, FZ_MMIO_IRQ, 1, 0, 0, 0);
	ping(&b);
	op(&b, FZ_MMIO_IRQ, 1 | 2 << 1, 0, 0, 0);
	op(&b, FZ_MMIO_IRQ, 0, 0, 0, 0);
	ping(&b);
	WR(&b, PV(MVGPU_PV_G2V_NOTIFY), MVGPU_G2V_PING);
	op(&b, FZ_MMIO_IRQ, 4 << 1, 0, 0, 0);
	op(&b, FZ_MMIO_IRQ, 3 << 1, 0, 0, 0);
	op(&b, FZ_MMIO_IRQ, 1 << 1, 0, 0, 0);
	save("mmio", "msi_intx", &b);

	mmio_begin(&b);

	for (i = 0; i < 48; i++) {
		op(&b, FZ_MMIO_REG_READ, 3, i, 0, 0);
		op(&b, FZ_MMIO_REG_WRITE, 2, i, 1, ~0ull);
	}
	op(&b, FZ_MMIO_RESET, 0, 0, 0, 0);
	save("mmio", "registers", &b);

	mmio_begin(&b);

	/* Access rules: sizes, alignment, unknown offsets, the GTT half. */
	op(&b, FZ_MMIO_READ, 0, 0, PV(MVGPU_PV_MAGIC_LO) + 3, 0);
	op(&b, FZ_MMIO_READ, 1, 0, MVGPU_REG_SWF(0) + 2, 0);
	op(&b, FZ_MMIO_READ, 3, 0, MVGPU_RING_TIMESTAMP(MVGPU_RENDER_RING_BASE), 0);
	op(&b, FZ_MMIO_READ, 2 | FZ_ACC_MISALIGN | 0x10, 0, MVGPU_REG_SWF(1), 0);
	op(&b, FZ_MMIO_WRITE, 1, 0, MVGPU_REG_SWF(2), 5);
	op(&b, FZ_MMIO_READ, 2, 0, 0x1000, 0);
	op(&b, FZ_MMIO_WRITE, 2, 0, 0x1004, 1);
	op(&b, FZ_MMIO_READ, 3, 0, MVGPU_GTT_OFFSET + 8 * 0x4000, 0);
	op(&b, FZ_MMIO_READ, 2 | FZ_ACC_RAW, 0, 0, MVGPU_BAR0_SIZE);
	op(&b, FZ_MMIO_WRITE, 3 | FZ_ACC_RAW, 0, MVGPU_BAR0_SIZE - 4, 1);
	save("mmio", "access_rules", &b);

	mmio_begin(&b);

	pv_handshake(&b);
	submission(&b, MVGPU_ENGINE_RCS, rcs, 6, NULL, 0);
	sched(&b, MVGPU_ENGINE_RCS, FZ_SCHED_PICK, 0);
	sched(&b, MVGPU_ENGINE_RCS, FZ_SCHED_COMPLETE, 0);
	RD(&b, MVGPU_RING_HEAD(MVGPU_RENDER_RING_BASE));
	RD(&b, MVGPU_IRQ_IIR(MVGPU_IRQ_BANK_GT0));
	RD(&b, MVGPU_RING_ACTHD(MVGPU_RENDER_RING_BASE));
	save("mmio", "submit_rcs", &b);

	mmio_begin(&b);

	pv_handshake(&b);
	submission(&b, MVGPU_ENGINE_BCS, bcs, 12, NULL, 0);
	sched(&b, MVGPU_ENGINE_BCS, FZ_SCHED_PICK, 0);
	sched(&b, MVGPU_ENGINE_BCS, FZ_SCHED_PREEMPT, 8);
	sched(&b, MVGPU_ENGINE_BCS, FZ_SCHED_PICK, 0);
	sched(&b, MVGPU_ENGINE_BCS, FZ_SCHED_COMPLETE, 0);
	save("mmio", "submit_bcs_preempted", &b);

	mmio_begin(&b);

	pv_handshake(&b);
	submission(&b, MVGPU_ENGINE_RCS, ring_bb, 4, batch, 7);
	sched(&b, MVGPU_ENGINE_RCS, FZ_SCHED_PICK, 0);
	/* GDRST of the busy engine, then a DMA unmap while it runs. */
	WR(&b, MVGPU_REG_GDRST, MVGPU_GDRST_RENDER);
	op(&b, FZ_MMIO_UNMAP, 0, 3, 0, 0);
	op(&b, FZ_MMIO_WORK, 0, 0, 0, 0);
	sched(&b, MVGPU_ENGINE_RCS, FZ_SCHED_CANCELLED, 0);
	RD(&b, MVGPU_REG_GDRST);
	save("mmio", "batch_gdrst_unmap", &b);

	mmio_begin(&b);

	pv_handshake(&b);
	submission(&b, MVGPU_ENGINE_RCS, bad, 2, NULL, 0);
	RD(&b, PV(MVGPU_PV_ENGINE_ERROR(0)));
	WR(&b, MVGPU_REG_GDRST, MVGPU_GDRST_FULL);
	submission(&b, MVGPU_ENGINE_RCS, rcs, 6, NULL, 0);
	sched(&b, MVGPU_ENGINE_RCS, FZ_SCHED_PICK, 0);
	sched(&b, MVGPU_ENGINE_RCS, FZ_SCHED_HANG, 0);
	op(&b, FZ_MMIO_RESET, 0, 0, 0, 0);
	save("mmio", "rejected_hang_reset", &b);

	mmio_begin(&b);

	/* Failsafe: the engine and the GTT before the handshake. */
	submission(&b, MVGPU_ENGINE_BCS, bcs, 12, NULL, 0);
	op(&b, FZ_MMIO_TIME, 0, 0, 0, 6000000000ull);
	save("mmio", "failsafe", &b);

	/*
	 * The display: a primary plane of 64x16 in frame 3 (aperture entry
	 * 4) and a 64x64 cursor in frames 32..35 (entries 8..11), armed and
	 * latched at the first vertical blank; read back by the VMM; then a
	 * flip outside the slices, a faster refresh, the pipe off.
	 */
	mmio_begin(&b);
	pv_handshake(&b);
	gtt_frame(&b, FZ_MMIO_GTT_WRITE, 0, 4, 3);
	for (i = 0; i < 4; i++)
		gtt_frame(&b, FZ_MMIO_GTT_WRITE, 0, 8 + i, 32 + i);
	guest(&b, 3, 0, pixels, 8);
	guest(&b, 3, 0xf00, pixels, 8);
	guest(&b, 33, 0x80, pixels, 8);
	WR(&b, MVGPU_IRQ_IMR(MVGPU_IRQ_BANK_DE_PIPE(0)), 0);
	WR(&b, MVGPU_IRQ_IER(MVGPU_IRQ_BANK_DE_PIPE(0)), MVGPU_DE_PIPE_VALID_MASK);
	WR(&b, MVGPU_REG_MASTER_IRQ, MVGPU_MASTER_IRQ_CONTROL);
	WR(&b, MVGPU_PIPESRC(0), MVGPU_PIPESRC_VAL(64, 16));
	WR(&b, MVGPU_DSPSTRIDE(0), 256);
	WR(&b, MVGPU_DSPCNTR(0), MVGPU_DSPCNTR_ENABLE |
	   MVGPU_DSPCNTR_FORMAT(MVGPU_FORMAT_BGRX888));
	WR(&b, MVGPU_CURCNTR(0), MVGPU_CURSOR_MODE_64_ARGB);
	WR(&b, MVGPU_CURPOS(0), 10 | MVGPU_CURPOS_X_SIGN | 20 << 16);
	WR(&b, MVGPU_CURHOT(0), MVGPU_CURHOT_VALID | 3 << 16 | 2);
	WR(&b, MVGPU_PIPECONF(0), MVGPU_PIPECONF_ENABLE);
	WR(&b, MVGPU_DSPSURF(0), LO(VGPU_AP + 0x4000));
	WR(&b, MVGPU_CURBASE(0), LO(VGPU_AP + 0x8000));
	op(&b, FZ_MMIO_TIME, 0, 0, 0, 17000000);
	op(&b, FZ_MMIO_WORK, 0, 0, 0, 0);
	RD(&b, MVGPU_PIPE_FRMCOUNT(0));
	RD(&b, MVGPU_PIPE_FLIPCOUNT(0));
	RD(&b, MVGPU_DSPSURFLIVE(0));
	RD(&b, MVGPU_IRQ_IIR(MVGPU_IRQ_BANK_DE_PIPE(0)));
	WR(&b, MVGPU_IRQ_IIR(MVGPU_IRQ_BANK_DE_PIPE(0)), MVGPU_DE_PIPE_VALID_MASK);
	op(&b, FZ_MMIO_DISPLAY, FZ_DISPLAY_QUERY, 0, 0, 0);
	op(&b, FZ_MMIO_DISPLAY, FZ_DISPLAY_QUERY, 1, 0, 0);
	op(&b, FZ_MMIO_DISPLAY, FZ_DISPLAY_READ, 0, 0, 0);
	op(&b, FZ_MMIO_DISPLAY, FZ_DISPLAY_READ, 1, 0, 0);
	op(&b, FZ_MMIO_DISPLAY, FZ_DISPLAY_READ, 2, 0, 100);
	op(&b, FZ_MMIO_DISPLAY, FZ_DISPLAY_SHOW, 0, 0, 0);
	WR(&b, MVGPU_DSPSURF(0), 0x1000);
	op(&b, FZ_MMIO_TIME, 0, 0, 0, 17000000);
	op(&b, FZ_MMIO_WORK, 0, 0, 0, 0);
	RD(&b, MVGPU_IRQ_IIR(MVGPU_IRQ_BANK_DE_PIPE(0)));
	WR(&b, MVGPU_PIPE_VREFRESH(0), MVGPU_VREFRESH_MAX);
	op(&b, FZ_MMIO_TIME, 0, 0, 0, 5000000);
	op(&b, FZ_MMIO_WORK, 0, 0, 0, 0);
	WR(&b, MVGPU_PIPECONF(0), 0);
	save("mmio", "display_flip", &b);

	/* The connector: EDIDs well formed and not, the link down and up. */
	mmio_begin(&b);
	RD(&b, MVGPU_DP_A);
	RD(&b, MVGPU_REG_EDID_SIZE);
	RD(&b, MVGPU_EDID_OFFSET);
	WR(&b, MVGPU_IRQ_IMR(MVGPU_IRQ_BANK_DE_PORT), 0);
	WR(&b, MVGPU_IRQ_IER(MVGPU_IRQ_BANK_DE_PORT), MVGPU_DE_PORT_HOTPLUG);
	WR(&b, MVGPU_REG_MASTER_IRQ, MVGPU_MASTER_IRQ_CONTROL);
	op(&b, FZ_MMIO_DISPLAY, FZ_DISPLAY_SET_EDID, 0, 1279 | 719 << 12, 0);
	op(&b, FZ_MMIO_DISPLAY, FZ_DISPLAY_SET_EDID, 1 << 2, 1023 | 767 << 12,
	   0x1234);
	op(&b, FZ_MMIO_DISPLAY, FZ_DISPLAY_SET_EDID, FZ_EDID_FLIP,
	   1023 | 767 << 12 | 5u << 24, 1);
	op(&b, FZ_MMIO_DISPLAY, FZ_DISPLAY_SET_EDID, FZ_EDID_SIZE, 0,
	   100ull << 32);
	op(&b, FZ_MMIO_DISPLAY, FZ_DISPLAY_SET_LINK, 0, 0, 0);
	op(&b, FZ_MMIO_DISPLAY, FZ_DISPLAY_GET_EDID, 0, 0, 0);
	op(&b, FZ_MMIO_DISPLAY, FZ_DISPLAY_SET_LINK, 1, 0, 0);
	RD(&b, MVGPU_REG_EDID_SIZE);
	RD(&b, MVGPU_IRQ_IIR(MVGPU_IRQ_BANK_DE_PORT));
	save("mmio", "display_edid", &b);

	/* The vGPU's creation, then its open, fails at each allocation. */
	for (i = 0; i < 12; i++) {
		char name[32];
		struct fz_mmio_hdr h = { FZ_MMIO_FAIL_INIT, (uint8_t)i, 0 };

		put(&b, &h, sizeof(h));
		snprintf(name, sizeof(name), "init_fails_%u", i);
		save("mmio", name, &b);
	}
}

static void seeds_gtt(void)
{
	struct buf b = { 0 };
	uint32_t i;

	/* Every kind of frame, read back with every size. */
	for (i = 0; i < 8; i++)
		gtt_frame(&b, FZ_GTT_WRITE, i & 1, i, i * 18);
	for (i = 0; i < 8; i++)
		op(&b, FZ_GTT_READ, i & 1, i, i, 0);
	save("gtt", "frames", &b);

	/* A 64 KiB run pinned whole, half of it unmapped: re-pinned. */
	for (i = 0; i < 16; i++)
		gtt_frame(&b, FZ_GTT_WRITE, 0, i, 32 + i);
	op(&b, FZ_GTT_UNMAP, 0, 7, 40, 0);
	op(&b, FZ_GTT_WORK, 0, 0, 0, 0);
	op(&b, FZ_GTT_MAP, 0, 7, 40, 0);
	gtt_frame(&b, FZ_GTT_WRITE, 0, 8, 40);
	save("gtt", "run_partial_unmap", &b);

	/* The hold, accesses, a reset with and without the handshake. */
	gtt_frame(&b, FZ_GTT_WRITE, 0, 0, 3);
	gtt_frame(&b, FZ_GTT_WRITE, 1, 0, 33);
	op(&b, FZ_GTT_HOLD, 1, 0, 0, 0);
	gtt_frame(&b, FZ_GTT_WRITE, 0, 0, 4);
	op(&b, FZ_GTT_GM_RW, 2, 64, 0xff0, 0x5a);
	op(&b, FZ_GTT_GM_RW, 1, 4096, 0, 0);
	op(&b, FZ_GTT_APERTURE_RW, 2, 16, 8, 0x77);
	op(&b, FZ_GTT_HOLD, 0, 0, 0, 0);
	op(&b, FZ_GTT_RESET, 0, 0, 0, 0);
	gtt_frame(&b, FZ_GTT_WRITE, 0, 1, 5);
	op(&b, FZ_GTT_PV, 1, 0, 0, 0);
	op(&b, FZ_GTT_RESET, 1, 0, 0, 0);
	gtt_frame(&b, FZ_GTT_WRITE, 0, 1, 5);
	save("gtt", "hold_access_reset", &b);

	/* Malformed, half writes, raw accesses outside the slices. */
	op(&b, FZ_GTT_WRITE, 0, 0, 2, 0x8000000000003001ull);
	op(&b, FZ_GTT_WRITE, 0, FZ_PTE_HALF, 3, 0x6001);
	op(&b, FZ_GTT_WRITE, 0, FZ_PTE_HALF | FZ_PTE_HIGH, 3, 0);
	op(&b, FZ_GTT_RAW, 3 | 8, 0, 0, 0x1001);
	op(&b, FZ_GTT_RAW, 0, 0, 8 * 0x4000 + 1, 0);
	op(&b, FZ_GTT_RAW, 1 | 8, 0, 8 * 0x4000, 0x1001);
	save("gtt", "malformed_half_raw", &b);

	/* Races of an entry write with an unmap, a reset, a map. */
	op(&b, FZ_GTT_RACE, 0x03, 0x0505, 0x03030303, 0x0303030303030303ull);
	gtt_frame(&b, FZ_GTT_WRITE, 0, 0, 36);
	op(&b, FZ_GTT_UNMAP, 0, 3, 32, 0);
	save("gtt", "race_unmap", &b);
	op(&b, FZ_GTT_RACE, 0x01, 0x0303, 0x01010303, 0x0101010101010101ull);
	gtt_frame(&b, FZ_GTT_WRITE, 0, 0, 2);
	op(&b, FZ_GTT_RESET, 0, 0, 0, 0);
	save("gtt", "race_reset", &b);
	op(&b, FZ_GTT_UNMAP, 0, 0, 6, 0);
	op(&b, FZ_GTT_RACE, 0x03, 0x0101, 0x03030101, 0x0303030303030303ull);
	gtt_frame(&b, FZ_GTT_WRITE, 1, 5, 6);
	op(&b, FZ_GTT_MAP, 0, 0, 6, 0);
	save("gtt", "race_map", &b);
}

static void seeds_pvinfo(void)
{
	struct buf b = { 0 };
	uint32_t off;

	for (off = 0; off < 0x80; off += 4)
		op(&b, FZ_PV_READ, 2, 0, off, 0);
	op(&b, FZ_PV_READ, 3, 0, MVGPU_PV_MAPPABLE_BASE, 0);
	op(&b, FZ_PV_READ, 0, 0, MVGPU_PV_MAGIC_HI + 1, 0);
	save("pvinfo", "fields", &b);

	op(&b, FZ_PV_IRQ, 0, 0, 0, 0);
	op(&b, FZ_PV_IRQ, 1, 0, 0, MVGPU_DE_MISC_PV_EVENT);
	op(&b, FZ_PV_IRQ, 3, 0, 0, MVGPU_MASTER_IRQ_CONTROL);
	op(&b, FZ_PV_NOTIFY, 0, 0, 0, 0);
	op(&b, FZ_PV_NOTIFY, 1, 0, 0, 7);
	op(&b, FZ_PV_IRQ, 2, 0, 0, MVGPU_DE_MISC_PV_EVENT);
	op(&b, FZ_PV_WRITE, 3, 0, MVGPU_PV_DISPLAY_READY, 0x1ffffffffull);
	op(&b, FZ_PV_WRITE, 2, 0, MVGPU_PV_V2G_SEQNO, 5);
	save("pvinfo", "ping", &b);

	/* Failsafe: GTT and ring before the handshake, then a reset. */
	op(&b, FZ_PV_GTT_WRITE, 0, FZ_PTE_FRAME, 0, 0);
	op(&b, FZ_PV_RING, 1, 0, 0x40, 0);
	op(&b, FZ_PV_READ, 2, 0, MVGPU_PV_MAGIC_LO, 0);
	op(&b, FZ_PV_GTT_WRITE, 2, FZ_PTE_FRAME, 1, 0);
	op(&b, FZ_PV_RESET, 0, 0, 0, 0);
	op(&b, FZ_PV_READ, 0, 0, MVGPU_PV_MAGIC_LO, 0);
	op(&b, FZ_PV_GTT_WRITE, 2, FZ_PTE_FRAME, 1, 0);
	op(&b, FZ_PV_RING, 0, 0, 0x40, 0);
	save("pvinfo", "failsafe", &b);
}

/* ---- cfg_space ---------------------------------------------------------- */

static void cfg_op(struct buf *b, uint8_t code, uint16_t off, uint8_t len,
		   uint32_t val)
{
	struct fz_cfg_op o = { code, len, off };
	uint8_t d[4] = { val, val >> 8, val >> 16, val >> 24 };

	put(b, &o, sizeof(o));
	if (code == FZ_CFG_WRITE)
		put(b, d, len < 4 ? len : 4);
}

static void seeds_cfg_space(void)
{
	struct fz_cfg_hdr h = { 24, 29, 4, 0, 1920, 1200 };
	struct buf b = { 0 };
	uint16_t off;

	put(&b, &h, sizeof(h));
	for (off = 0x10; off < 0x20; off += 4) {
		cfg_op(&b, FZ_CFG_WRITE, off, 4, 0xffffffff);
		cfg_op(&b, FZ_CFG_READ, off, 4, 0);
	}
	cfg_op(&b, FZ_CFG_WRITE, 0x10, 4, 0xfe123456);
	save("cfg_space", "bar_sizing", &b);

	put(&b, &h, sizeof(h));
	cfg_op(&b, FZ_CFG_WRITE, 0x04, 2, 0xffff);
	cfg_op(&b, FZ_CFG_WRITE, 0x06, 2, 0xffff);
	cfg_op(&b, FZ_CFG_WRITE, 0x42, 2, 1);
	cfg_op(&b, FZ_CFG_WRITE, 0x44, 4, 0xfee00000);
	cfg_op(&b, FZ_CFG_WRITE, 0x4c, 2, 0x4041);
	cfg_op(&b, FZ_CFG_WRITE, 0x50, 4, 0xffffffff);
	cfg_op(&b, FZ_CFG_READ, 0, 255, 0);
	cfg_op(&b, FZ_CFG_READ, 0xfe, 4, 0);
	cfg_op(&b, FZ_CFG_WRITE, 0x100, 1, 0);
	save("cfg_space", "command_status_msi", &b);

	h.flags = FZ_CFG_ODD_SIZE;
	put(&b, &h, sizeof(h));
	save("cfg_space", "bad_bar", &b);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	out_dir = argv[1];
	if (mkdir(out_dir, 0755) && errno != EEXIST) {
		perror(out_dir);
		return 1;
	}
	seeds_cmd_parser();
	seeds_mmio();
	seeds_gtt();
	seeds_pvinfo();
	seeds_cfg_space();
	return 0;
}
