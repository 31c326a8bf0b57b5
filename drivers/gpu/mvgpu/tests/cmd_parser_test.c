// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the command parser against fake guest memory.  Covers every
 * command's valid forms and every rejection, ring wrap-around, batch
 * chaining and calls with the rewritten shadow addresses, the batch and
 * shadow limits, and that a batch changed after its scan does not change
 * the shadow.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/bitmap.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <linux/vmalloc.h>
#include <linux/wordpart.h>

#include "core/cmd_parser.h"
#include "core/cmd_table.h"

/* Guest memory: one slice with memory behind it... */
#define GM_BASE		0x4000000ull
#define GM_SIZE		SZ_1M
#define GM_END		(GM_BASE + GM_SIZE)
/* ...and one that range_ok() accepts but that cannot be read. */
#define HID_BASE	0x30000000ull
#define HID_SIZE	(4ull * MVGPU_COMPUTE_MAX_COUNT)
#define SHADOW_GM	0x20000000ull

#define RING		GM_BASE
#define RING_SIZE	SZ_16K
#define BB(n)		(GM_BASE + SZ_64K + (n) * SZ_4K)
#define BIG		(GM_BASE + SZ_128K)
#define DATA		(GM_BASE + 0xf0000)

#define RCS		MVGPU_ENGINE_RCS
#define BCS		MVGPU_ENGINE_BCS
#define LO(x)		lower_32_bits(x)
#define HI(x)		upper_32_bits(x)
#define NOOP		MVGPU_MI_NOOP
#define UI		MVGPU_MI_USER_INTERRUPT
#define BBE		MVGPU_MI_BATCH_BUFFER_END
#define BBS		MVGPU_MI_BATCH_BUFFER_START
#define BBS2		(MVGPU_MI_BATCH_BUFFER_START | MVGPU_BB_SECOND_LEVEL)
#define SDI		(MVGPU_MI_STORE_DATA_IMM | MVGPU_MI_USE_GGTT | 2)
#define SDI_QW		(MVGPU_MI_STORE_DATA_IMM | MVGPU_MI_USE_GGTT | 3)
#define LRI(pairs)	(MVGPU_MI_LOAD_REGISTER_IMM | (2 * (pairs) - 1))
#define GPR(e, n)	MVGPU_CS_GPR(MVGPU_RING_BASE(e), n)
#define FLUSH(len)	(MVGPU_MI_FLUSH_DW | ((len) - 2))
#define FLUSH_GGTT	MVGPU_FLUSH_DW_USE_GGTT
#define PC_WRITE	(MVGPU_PC_WRITE_IMM | MVGPU_PC_GLOBAL_GTT)
#define COLOR_BLT	(MVGPU_XY_COLOR_BLT | MVGPU_BLT_WRITE_RGB)
#define COPY_BLT	(MVGPU_XY_SRC_COPY_BLT | MVGPU_BLT_WRITE_RGB)
#define BR13(rop, pitch) (MVGPU_BLT_DEPTH_32BPP | (rop) | (pitch))
#define PAT		MVGPU_BLT_ROP_PATCOPY
#define SRC		MVGPU_BLT_ROP_SRCCOPY
#define XY(x, y)	((y) << 16 | (x))
#define SAXPY		MVGPU_KERNEL_SAXPY
#define CSUM		MVGPU_KERNEL_CHECKSUM
#define MAX_COUNT	MVGPU_COMPUTE_MAX_COUNT

#define ERR_UNKNOWN	MVGPU_ERR_UNKNOWN_OPCODE
#define ERR_ENGINE	MVGPU_ERR_WRONG_ENGINE
#define ERR_REG		MVGPU_ERR_REGISTER
#define ERR_ADDR	MVGPU_ERR_ADDRESS
#define ERR_FIELD	MVGPU_ERR_BAD_FIELD

struct fake {
	u8 *mem;
	__le32 *shadow;
	unsigned int reads;
	struct mvgpu_cmd_parser p;
};

static bool fake_in(u64 gm, u64 len, u64 base, u64 size)
{
	return gm >= base && gm - base < size && len <= size - (gm - base);
}

static bool fake_range_ok(void *priv, u64 gm, u64 len)
{
	return fake_in(gm, len, GM_BASE, GM_SIZE) ||
	       fake_in(gm, len, HID_BASE, HID_SIZE);
}

static int fake_read(void *priv, u64 gm, void *buf, u32 len)
{
	struct fake *f = priv;

	f->reads++;
	if (!fake_in(gm, len, GM_BASE, GM_SIZE))
		return -EFAULT;
	memcpy(buf, f->mem + (gm - GM_BASE), len);
	return 0;
}

static const struct mvgpu_cmd_mem_ops fake_ops = {
	.read = fake_read,
	.range_ok = fake_range_ok,
};

KUNIT_DEFINE_ACTION_WRAPPER(vfree_action, vfree, const void *);

static void *test_vzalloc(struct kunit *test, unsigned long size)
{
	void *p = vzalloc(size);

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, vfree_action, p),
			0);
	return p;
}

static struct fake *fake_new(struct kunit *test, u32 engine)
{
	struct fake *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	f->mem = test_vzalloc(test, GM_SIZE);
	f->shadow = test_vzalloc(test, MVGPU_CMD_MAX_SHADOW);
	f->p.engine = engine;
	f->p.mem = &fake_ops;
	f->p.priv = f;
	f->p.shadow = f->shadow;
	f->p.shadow_gm = SHADOW_GM;
	f->p.shadow_size = MVGPU_CMD_MAX_SHADOW;
	return f;
}

/* Write @n dwords to guest memory at @gm. */
static void put(struct fake *f, u64 gm, const u32 *dw, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		put_unaligned_le32(dw[i], f->mem + (gm - GM_BASE) + 4 * i);
}

#define PUT(f, gm, ...)							\
	do {								\
		const u32 _d[] = { __VA_ARGS__ };			\
									\
		put(f, gm, _d, ARRAY_SIZE(_d));				\
	} while (0)

static u32 gm_dw(const struct fake *f, u64 gm)
{
	return get_unaligned_le32(f->mem + (gm - GM_BASE));
}

/* The dword at byte offset @off of the shadow. */
static u32 sh(const struct fake *f, u32 off)
{
	return le32_to_cpu(f->shadow[off / 4]);
}

static u64 sh_qw(const struct fake *f, u32 off)
{
	return sh(f, off) | (u64)sh(f, off + 4) << 32;
}

/* Write @n dwords into the ring from offset @off on, wrapping. */
static void ring_put(struct fake *f, u32 off, const u32 *dw, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++, off = (off + 4) % RING_SIZE)
		put(f, RING + off, &dw[i], 1);
}

static int scan(struct fake *f, u32 head, u32 tail)
{
	return mvgpu_cmd_scan_ring(&f->p, RING, RING_SIZE, head, tail);
}

/* Put @n dwords at the ring start (a NOOP pads them to a qword); scan. */
static int submit(struct fake *f, const u32 *dw, unsigned int n)
{
	static const u32 pad = MVGPU_MI_NOOP;

	ring_put(f, 0, dw, n);
	if (n & 1)
		ring_put(f, 4 * n, &pad, 1);
	return scan(f, 0, ALIGN(4 * n, 8));
}

#define SUBMIT(f, ...)							\
	({								\
		const u32 _d[] = { __VA_ARGS__ };			\
									\
		submit(f, _d, ARRAY_SIZE(_d));				\
	})

/* The result of the last scan: @error at @offset of buffer @buf. */
static void expect(struct kunit *test, const struct fake *f, int ret,
		   u32 error, u32 offset, u64 buf, int line)
{
	KUNIT_EXPECT_STREQ_MSG(test, mvgpu_cmd_error_name(f->p.error),
			       mvgpu_cmd_error_name(error), "line %d", line);
	KUNIT_EXPECT_EQ_MSG(test, ret, error ? -EINVAL : 0, "line %d", line);
	if (!error)
		return;
	KUNIT_EXPECT_EQ_MSG(test, f->p.error_offset, offset, "line %d", line);
	KUNIT_EXPECT_EQ_MSG(test, f->p.error_buf, buf, "line %d", line);
}

#define EXPECT_OK(test, f, ret) expect(test, f, ret, 0, 0, 0, __LINE__)
#define EXPECT_ERR(test, f, ret, error, offset, buf) \
	expect(test, f, ret, error, offset, buf, __LINE__)

/*
 * Submit one command (at ring offset 0) on @engine and expect @error;
 * when accepted, the shadow must hold it unchanged.
 */
static void check(struct kunit *test, struct fake *f, u32 engine,
		  const u32 *dw, unsigned int n, u32 error, int line)
{
	unsigned int i;
	int ret;

	f->p.engine = engine;
	ret = submit(f, dw, n);
	expect(test, f, ret, error, 0, RING, line);
	for (i = 0; !error && i < n; i++)
		KUNIT_EXPECT_EQ_MSG(test, sh(f, 4 * i), dw[i], "line %d", line);
}

#define CHECK(test, f, engine, error, ...)				\
	do {								\
		const u32 _d[] = { __VA_ARGS__ };			\
									\
		check(test, f, engine, _d, ARRAY_SIZE(_d), error,	\
		      __LINE__);					\
	} while (0)

/* ---- table and names --------------------------------------------------- */

static void table_lookup(struct kunit *test)
{
	static const struct {
		u32 header;
		const char *name;
	} known[] = {
		{ MVGPU_MI_NOOP, "MI_NOOP" },
		{ MVGPU_MI_USER_INTERRUPT, "MI_USER_INTERRUPT" },
		{ MVGPU_MI_ARB_CHECK, "MI_ARB_CHECK" },
		{ MVGPU_MI_BATCH_BUFFER_END, "MI_BATCH_BUFFER_END" },
		{ SDI, "MI_STORE_DATA_IMM" },
		{ LRI(1), "MI_LOAD_REGISTER_IMM" },
		{ FLUSH(4), "MI_FLUSH_DW" },
		{ MVGPU_MI_BATCH_BUFFER_START, "MI_BATCH_BUFFER_START" },
		{ MVGPU_XY_COLOR_BLT, "XY_COLOR_BLT" },
		{ MVGPU_XY_SRC_COPY_BLT, "XY_SRC_COPY_BLT" },
		{ MVGPU_PIPE_CONTROL, "PIPE_CONTROL" },
		{ MVGPU_COMPUTE, "MVGPU_COMPUTE" },
	};
	static const u32 unknown[] = {
		MVGPU_MI_INSTR(0x01, 0), MVGPU_MI_INSTR(0x3f, 0),
		1u << 29, 7u << 29, MVGPU_2D_INSTR(0x51, 5),
		MVGPU_GFX_INSTR(3, 2, 1, 4), MVGPU_GFX_INSTR(2, 1, 0x0e, 8),
	};
	const struct mvgpu_cmd_desc *d;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(known); i++) {
		u32 h = known[i].header;

		d = mvgpu_cmd_lookup(h);
		KUNIT_ASSERT_NOT_NULL(test, d);
		KUNIT_EXPECT_STREQ(test, d->name, known[i].name);
		if (d->flags & MVGPU_CMD_F_LEN_FIELD) {
			KUNIT_EXPECT_GE(test, MVGPU_CMD_LEN(h), d->min_len);
			KUNIT_EXPECT_LE(test, MVGPU_CMD_LEN(h), d->max_len);
		} else {
			KUNIT_EXPECT_EQ(test, d->min_len, 1);
		}
		KUNIT_EXPECT_NE(test, d->engines, 0);
	}
	for (i = 0; i < ARRAY_SIZE(unknown); i++)
		KUNIT_EXPECT_NULL(test, mvgpu_cmd_lookup(unknown[i]));
	/* MI opcodes from 0x10 on, and only they, have a length field. */
	for (i = 0; i < MVGPU_CMD_MI_OPCODES; i++) {
		d = &mvgpu_cmd_mi_table[i];
		if (d->name)
			KUNIT_EXPECT_EQ_MSG(test,
					    !!(d->flags & MVGPU_CMD_F_LEN_FIELD),
					    i >= 0x10, "%s", d->name);
	}
}

static void error_names(struct kunit *test)
{
	static const char * const names[] = {
		"none", "unknown-opcode", "wrong-engine", "register",
		"address", "too-large", "unterminated", "nesting",
		"bad-field", "bad-ring", "hang", "truncated", "engine-fault",
		"no-engine",
	};
	unsigned int i;

	KUNIT_EXPECT_EQ(test, ARRAY_SIZE(names), MVGPU_ERR_NO_ENGINE + 1);
	for (i = 0; i < ARRAY_SIZE(names); i++)
		KUNIT_EXPECT_STREQ(test, mvgpu_cmd_error_name(i), names[i]);
	KUNIT_EXPECT_STREQ(test, mvgpu_cmd_error_name(14), "invalid");
	KUNIT_EXPECT_STREQ(test, mvgpu_cmd_error_name(~0u), "invalid");
}

/* ---- the ring ---------------------------------------------------------- */

static void empty_segment(struct kunit *test)
{
	struct fake *f = fake_new(test, RCS);

	f->p.error = MVGPU_ERR_HANG;
	f->p.used = 99;
	EXPECT_OK(test, f, scan(f, 0, 0));
	EXPECT_OK(test, f, scan(f, 64, 64));
	KUNIT_EXPECT_EQ(test, f->p.ring_bytes, 0);
	KUNIT_EXPECT_EQ(test, f->p.used, 0);
	KUNIT_EXPECT_EQ(test, f->p.nr_cmds, 0);
	KUNIT_EXPECT_EQ(test, f->reads, 0);
}

static void mi_simple(struct kunit *test)
{
	struct fake *f = fake_new(test, RCS);
	u32 e;

	for (e = 0; e < MVGPU_NUM_ENGINES; e++) {
		f->p.engine = e;
		EXPECT_OK(test, f, SUBMIT(f, NOOP, MVGPU_MI_ARB_CHECK, UI, BBE,
					  UI, NOOP));
		KUNIT_EXPECT_EQ(test, f->p.ring_bytes, 24);
		KUNIT_EXPECT_EQ(test, f->p.used, 24);
		KUNIT_EXPECT_EQ(test, f->p.nr_cmds, 6);
		KUNIT_EXPECT_EQ(test, f->p.user_interrupts, 2);
		KUNIT_EXPECT_EQ(test, f->p.nr_batches, 0);
		KUNIT_EXPECT_EQ(test, sh(f, 4), MVGPU_MI_ARB_CHECK);
		KUNIT_EXPECT_EQ(test, sh(f, 8), NOOP);	/* was UI */
		KUNIT_EXPECT_EQ(test, sh(f, 12), BBE);	/* no-op in a ring */
		KUNIT_EXPECT_EQ(test, sh(f, 16), NOOP);	/* was UI */
		/* The guest's ring is not touched. */
		KUNIT_EXPECT_EQ(test, gm_dw(f, RING + 8), UI);
	}
}

static void ring_registers(struct kunit *test)
{
	static const struct {
		u64 start;
		u32 size, head, tail;
	} bad[] = {
		{ RING, 0, 0, 0 },
		{ RING, SZ_4K + SZ_2K, 0, 8 },
		{ RING, SZ_2M + SZ_4K, 0, 8 },
		{ RING, SZ_4K, SZ_4K, 8 },
		{ RING, SZ_4K, 0, SZ_4K },
		{ RING, SZ_4K, 2, 8 },
		{ RING, SZ_4K, 0, 4 },
		{ RING + 8, SZ_4K, 0, 8 },
		{ GM_END - SZ_4K, SZ_8K, 0, 8 },
		{ GM_END, SZ_4K, 0, 8 },
	};
	struct fake *f = fake_new(test, RCS);
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		ret = mvgpu_cmd_scan_ring(&f->p, bad[i].start, bad[i].size,
					  bad[i].head, bad[i].tail);
		EXPECT_ERR(test, f, ret, MVGPU_ERR_BAD_RING, bad[i].head,
			   bad[i].start);
	}
	/* Dword-aligned head, largest ring, smallest ring. */
	EXPECT_OK(test, f, scan(f, 4, 8));
	EXPECT_OK(test, f, mvgpu_cmd_scan_ring(&f->p, HID_BASE, SZ_2M, 8, 8));
	EXPECT_OK(test, f, mvgpu_cmd_scan_ring(&f->p, RING, SZ_4K, 0, 8));
}

static void ring_read_fault(struct kunit *test)
{
	struct fake *f = fake_new(test, RCS);
	int ret;

	/* Inside the vGPU's memory, but nothing behind it. */
	ret = mvgpu_cmd_scan_ring(&f->p, HID_BASE, SZ_4K, 64, 128);
	EXPECT_ERR(test, f, ret, ERR_ADDR, 64, HID_BASE);
}

static void ring_wrap(struct kunit *test)
{
	const u32 cmds[] = { SDI, LO(DATA), HI(DATA), 0x1234, UI, NOOP };
	struct fake *f = fake_new(test, BCS);
	unsigned int i;

	/* The store crosses the end of the ring. */
	ring_put(f, RING_SIZE - 8, cmds, ARRAY_SIZE(cmds));
	EXPECT_OK(test, f, scan(f, RING_SIZE - 8, 16));
	KUNIT_EXPECT_EQ(test, f->p.ring_bytes, 24);
	KUNIT_EXPECT_EQ(test, f->p.nr_cmds, 3);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, sh(f, 4 * i), cmds[i]);
	KUNIT_EXPECT_EQ(test, sh(f, 16), NOOP);
	KUNIT_EXPECT_EQ(test, f->p.user_interrupts, 1);
}

static void ring_error_offsets(struct kunit *test)
{
	const u32 bad[] = { NOOP, NOOP, NOOP, 7u << 29 };
	struct fake *f = fake_new(test, RCS);

	/* Offsets are positions in the guest ring, after the wrap too. */
	ring_put(f, RING_SIZE - 8, bad, ARRAY_SIZE(bad));
	EXPECT_ERR(test, f, scan(f, RING_SIZE - 8, 8), ERR_UNKNOWN, 4, RING);
	ring_put(f, 64, bad, ARRAY_SIZE(bad));
	EXPECT_ERR(test, f, scan(f, 64, 80), ERR_UNKNOWN, 76, RING);
}

static void truncated(struct kunit *test)
{
	const u32 cut[] = { NOOP, NOOP, SDI, LO(DATA) };
	const u32 wrapped[] = { NOOP, SDI, LO(DATA), HI(DATA), 1, NOOP };
	struct fake *f = fake_new(test, RCS);

	/* A store of 4 dwords with 2 in the segment. */
	ring_put(f, 0, cut, ARRAY_SIZE(cut));
	EXPECT_ERR(test, f, scan(f, 0, 16), MVGPU_ERR_TRUNCATED, 8, RING);
	/* The same across the wrap: the segment ends at offset 8. */
	ring_put(f, RING_SIZE - 8, wrapped, ARRAY_SIZE(wrapped));
	EXPECT_ERR(test, f, scan(f, RING_SIZE - 8, 8), MVGPU_ERR_TRUNCATED,
		   RING_SIZE - 4, RING);
	/* With the rest of it inside, the segment is fine. */
	EXPECT_OK(test, f, scan(f, RING_SIZE - 8, 16));
}

/* ---- decoding and engines ---------------------------------------------- */

static void unknown_opcode(struct kunit *test)
{
	struct fake *f = fake_new(test, RCS);

	CHECK(test, f, RCS, ERR_UNKNOWN, MVGPU_MI_INSTR(0x01, 0));
	CHECK(test, f, RCS, ERR_UNKNOWN, MVGPU_MI_INSTR(0x3f, 0));
	CHECK(test, f, RCS, ERR_UNKNOWN, 1u << 29, 0);
	CHECK(test, f, BCS, ERR_UNKNOWN, 7u << 29, 0);
	CHECK(test, f, BCS, ERR_UNKNOWN, MVGPU_2D_INSTR(0x51, 5), 0, 0, 0, 0,
	      0, 0);
	CHECK(test, f, RCS, ERR_UNKNOWN, MVGPU_GFX_INSTR(3, 2, 1, 4), 0, 0, 0,
	      0, 0);
	/* The offending command is found after others. */
	EXPECT_ERR(test, f, SUBMIT(f, NOOP, UI, MVGPU_MI_INSTR(0x3f, 0)),
		   ERR_UNKNOWN, 8, RING);
}

static void wrong_engine(struct kunit *test)
{
	struct fake *f = fake_new(test, RCS);

	CHECK(test, f, RCS, ERR_ENGINE, FLUSH(4), 0, 0, 0);
	CHECK(test, f, RCS, ERR_ENGINE, COLOR_BLT, BR13(PAT, 64), 0, XY(1, 1),
	      LO(DATA), HI(DATA), 0);
	CHECK(test, f, RCS, ERR_ENGINE, COPY_BLT, BR13(SRC, 64), 0, XY(1, 1),
	      LO(DATA), HI(DATA), 0, 64, LO(DATA), HI(DATA));
	CHECK(test, f, BCS, ERR_ENGINE, MVGPU_PIPE_CONTROL, 0, 0, 0, 0, 0);
	CHECK(test, f, BCS, ERR_ENGINE, MVGPU_COMPUTE, SAXPY, 0, 0, 0, 0, 0,
	      0, 0, 0);
}

/* ---- MI commands ------------------------------------------------------- */

static void store_data_imm(struct kunit *test)
{
	struct fake *f = fake_new(test, RCS);

	CHECK(test, f, RCS, 0, SDI, LO(DATA), HI(DATA), 1);
	CHECK(test, f, BCS, 0, SDI_QW, LO(DATA), HI(DATA), 1, 2);
	CHECK(test, f, RCS, 0, SDI, LO(GM_END - 4), HI(GM_END - 4), 1);
	CHECK(test, f, RCS, 0, SDI_QW, LO(GM_END - 8), HI(GM_END - 8), 1, 2);
	CHECK(test, f, RCS, 0, SDI, LO(HID_BASE), HI(HID_BASE), 1);
	/* Not GGTT, misaligned, bad lengths. */
	CHECK(test, f, RCS, ERR_FIELD, SDI & ~MVGPU_MI_USE_GGTT, LO(DATA),
	      HI(DATA), 1);
	CHECK(test, f, RCS, ERR_FIELD, SDI, LO(DATA + 2), HI(DATA), 1);
	CHECK(test, f, RCS, ERR_FIELD, SDI_QW, LO(DATA + 4), HI(DATA), 1, 2);
	CHECK(test, f, RCS, ERR_FIELD, SDI - 1, LO(DATA), HI(DATA));
	CHECK(test, f, RCS, ERR_FIELD, SDI + 2, LO(DATA), HI(DATA), 1, 2, 3);
	/* Outside: past the end, high dword, wrapping around 2^64. */
	CHECK(test, f, RCS, ERR_ADDR, SDI, LO(GM_END), HI(GM_END), 1);
	CHECK(test, f, RCS, ERR_ADDR, SDI_QW, LO(GM_END), HI(GM_END), 1, 2);
	CHECK(test, f, RCS, ERR_ADDR, SDI, LO(DATA), 1, 1);
	CHECK(test, f, RCS, ERR_ADDR, SDI_QW, 0xfffffff8, 0xffffffff, 1, 2);
}

static void load_register_imm(struct kunit *test)
{
	const unsigned int max = MVGPU_CMD_LEN(0xff);
	struct fake *f = fake_new(test, RCS);
	u32 *lri = kunit_kcalloc(test, max, sizeof(*lri), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, lri);

	CHECK(test, f, RCS, 0, LRI(1), GPR(RCS, 0), 5);
	CHECK(test, f, BCS, 0, LRI(2), GPR(BCS, 15) + 4, 5, GPR(BCS, 3), 6);
	/* Another engine's GPR, past the last GPR, misaligned, MI_MODE. */
	CHECK(test, f, RCS, ERR_REG, LRI(1), GPR(BCS, 0), 5);
	CHECK(test, f, BCS, ERR_REG, LRI(1), GPR(RCS, 0), 5);
	CHECK(test, f, RCS, ERR_REG, LRI(1), GPR(RCS, MVGPU_NUM_GPRS), 5);
	CHECK(test, f, RCS, ERR_REG, LRI(1), GPR(RCS, 0) - 4, 5);
	CHECK(test, f, RCS, ERR_REG, LRI(1), GPR(RCS, 0) + 2, 5);
	CHECK(test, f, RCS, ERR_REG, LRI(1),
	      MVGPU_RING_MI_MODE(MVGPU_RENDER_RING_BASE), 5);
	CHECK(test, f, RCS, ERR_REG, LRI(3), GPR(RCS, 0), 1, GPR(RCS, 1), 2,
	      MVGPU_REG_GDRST, 3);
	/* An even length field is not made of pairs. */
	CHECK(test, f, RCS, ERR_FIELD, LRI(1) + 1, GPR(RCS, 0), 5, 0);

	/* Every GPR dword, then the longest LRI (128 pairs). */
	lri[0] = LRI(2 * MVGPU_NUM_GPRS);
	for (i = 0; i < 2 * MVGPU_NUM_GPRS; i++) {
		lri[1 + 2 * i] = GPR(BCS, 0) + 4 * i;
		lri[2 + 2 * i] = i;
	}
	check(test, f, BCS, lri, 1 + 4 * MVGPU_NUM_GPRS, 0, __LINE__);
	lri[0] = LRI(128);
	for (i = 0; i < 128; i++) {
		lri[1 + 2 * i] = GPR(RCS, i % MVGPU_NUM_GPRS);
		lri[2 + 2 * i] = i;
	}
	check(test, f, RCS, lri, max, 0, __LINE__);
	KUNIT_EXPECT_EQ(test, f->p.nr_cmds, 2);	/* and the padding NOOP */
}

static void flush_dw(struct kunit *test)
{
	struct fake *f = fake_new(test, BCS);
	const u32 op1 = FLUSH(4) | MVGPU_FLUSH_DW_STORE_DATA;
	const u32 op1_qw = FLUSH(5) | MVGPU_FLUSH_DW_STORE_DATA;

	/* No post-sync op: the address is not used. */
	CHECK(test, f, BCS, 0, FLUSH(4), 0xdead0000, 0xbeef, 0, 0);
	CHECK(test, f, BCS, 0, op1, LO(DATA) | FLUSH_GGTT, HI(DATA), 1, 0);
	CHECK(test, f, BCS, 0, op1_qw, LO(DATA) | FLUSH_GGTT | 3, HI(DATA), 1,
	      2, 0);
	CHECK(test, f, BCS, 0, op1, LO(GM_END - 8) | FLUSH_GGTT,
	      HI(GM_END), 1, 0);
	CHECK(test, f, BCS, ERR_FIELD, op1, LO(DATA), HI(DATA), 1, 0);
	CHECK(test, f, BCS, ERR_FIELD, FLUSH(4) | 2u << 14, 0, 0, 0, 0);
	CHECK(test, f, BCS, ERR_FIELD, FLUSH(4) | 3u << 14, 0, 0, 0, 0);
	CHECK(test, f, BCS, ERR_FIELD, FLUSH(3), 0, 0);
	CHECK(test, f, BCS, ERR_ADDR, op1, LO(GM_END) | FLUSH_GGTT,
	      HI(GM_END), 1, 0);
	CHECK(test, f, BCS, ERR_ADDR, op1_qw, LO(GM_BASE - 8) | FLUSH_GGTT,
	      HI(GM_BASE), 1, 2, 0);
}

/* ---- GFX and 2D commands ----------------------------------------------- */

static void pipe_control(struct kunit *test)
{
	struct fake *f = fake_new(test, RCS);
	const u32 pc = MVGPU_PIPE_CONTROL;

	CHECK(test, f, RCS, 0, pc, MVGPU_PC_CS_STALL, 0xdead, 0xbeef, 0, 0);
	CHECK(test, f, RCS, 0, pc, PC_WRITE, LO(DATA), HI(DATA), 1, 2);
	CHECK(test, f, RCS, 0, pc, PC_WRITE, LO(GM_END - 8), HI(GM_END), 1,
	      2);
	CHECK(test, f, RCS, ERR_FIELD, pc, MVGPU_PC_WRITE_IMM, LO(DATA),
	      HI(DATA), 1, 2);
	CHECK(test, f, RCS, ERR_FIELD, pc, PC_WRITE, LO(DATA + 4), HI(DATA),
	      1, 2);
	CHECK(test, f, RCS, ERR_FIELD, pc, 2u << 14, 0, 0, 0, 0);
	CHECK(test, f, RCS, ERR_FIELD, pc, 3u << 14, 0, 0, 0, 0);
	CHECK(test, f, RCS, ERR_FIELD, pc - 1, 0, 0, 0, 0);
	CHECK(test, f, RCS, ERR_ADDR, pc, PC_WRITE, LO(GM_END), HI(GM_END), 1,
	      2);
}

static void color_blt(struct kunit *test)
{
	struct fake *f = fake_new(test, BCS);
	const u32 br13 = BR13(PAT, 16);
	/* (2, 1)-(4, 3), pitch 16: bytes [24, 48) from the address. */
	const u64 lo = GM_BASE - 24, hi = GM_END - 48;

	CHECK(test, f, BCS, 0, COLOR_BLT, BR13(PAT, 64), 0, XY(16, 4),
	      LO(DATA), HI(DATA), 0xff00ff);
	CHECK(test, f, BCS, 0, COLOR_BLT, br13, XY(2, 1), XY(4, 3), LO(lo),
	      HI(lo), 0);
	CHECK(test, f, BCS, 0, COLOR_BLT, br13, XY(2, 1), XY(4, 3), LO(hi),
	      HI(hi), 0);
	/* One pixel (the address step for 32 bpp) outside either end. */
	CHECK(test, f, BCS, ERR_ADDR, COLOR_BLT, br13, XY(2, 1), XY(4, 3),
	      LO(lo - 4), HI(lo), 0);
	CHECK(test, f, BCS, ERR_ADDR, COLOR_BLT, br13, XY(2, 1), XY(4, 3),
	      LO(hi + 4), HI(hi), 0);
	/* Pixels are 32-bit: a misaligned address is a bad field. */
	CHECK(test, f, BCS, ERR_FIELD, COLOR_BLT, br13, XY(2, 1), XY(4, 3),
	      LO(lo + 1), HI(lo), 0);
	/* Empty rectangles draw nothing, wherever they point. */
	CHECK(test, f, BCS, 0, COLOR_BLT, br13, XY(4, 1), XY(4, 3), 0, 0, 0);
	CHECK(test, f, BCS, 0, COLOR_BLT, br13, XY(2, 3), XY(4, 1), 0, 0, 0);
	/* Depth, ROP, pitch, width beyond the pitch, length. */
	CHECK(test, f, BCS, ERR_FIELD, COLOR_BLT, PAT | 16, 0, XY(1, 1),
	      LO(DATA), HI(DATA), 0);
	CHECK(test, f, BCS, ERR_FIELD, COLOR_BLT, BR13(SRC, 16), 0, XY(1, 1),
	      LO(DATA), HI(DATA), 0);
	CHECK(test, f, BCS, ERR_FIELD, COLOR_BLT, BR13(PAT, 0), 0, XY(1, 1),
	      LO(DATA), HI(DATA), 0);
	CHECK(test, f, BCS, ERR_FIELD, COLOR_BLT, BR13(PAT, 18), 0, XY(1, 1),
	      LO(DATA), HI(DATA), 0);
	CHECK(test, f, BCS, ERR_FIELD, COLOR_BLT, br13, 0, XY(5, 1),
	      LO(DATA), HI(DATA), 0);
	CHECK(test, f, BCS, ERR_FIELD, COLOR_BLT + 1, br13, 0, XY(1, 1),
	      LO(DATA), HI(DATA), 0, 0);
	/* A huge address must not wrap into the slice. */
	CHECK(test, f, BCS, ERR_ADDR, COLOR_BLT, br13, XY(0, 1), XY(1, 2),
	      LO(-16ull), HI(-16ull), 0);
}

static void src_copy_blt(struct kunit *test)
{
	struct fake *f = fake_new(test, BCS);
	const u32 br13 = BR13(SRC, 64);
	/* 4 x 2 at (1, 1) with pitch 32: bytes [36, 84) from the address. */
	const u64 end = GM_END - 84;

	CHECK(test, f, BCS, 0, COPY_BLT, br13, XY(0, 0), XY(16, 4), LO(DATA),
	      HI(DATA), 0, 64, LO(DATA + 256), HI(DATA));
	CHECK(test, f, BCS, 0, COPY_BLT, br13, XY(0, 0), XY(4, 2), LO(DATA),
	      HI(DATA), XY(1, 1), 32, LO(end), HI(end));
	CHECK(test, f, BCS, ERR_ADDR, COPY_BLT, br13, XY(0, 0), XY(4, 2),
	      LO(DATA), HI(DATA), XY(1, 1), 32, LO(end + 4), HI(end));
	CHECK(test, f, BCS, ERR_FIELD, COPY_BLT, br13, XY(0, 0), XY(4, 2),
	      LO(DATA), HI(DATA), XY(1, 1), 32, LO(end + 2), HI(end));
	CHECK(test, f, BCS, ERR_ADDR, COPY_BLT, br13, XY(0, 0), XY(4, 2),
	      LO(GM_END - 4), HI(GM_END), 0, 32, LO(DATA), HI(DATA));
	/* Empty: nothing read or written. */
	CHECK(test, f, BCS, 0, COPY_BLT, br13, XY(3, 3), XY(3, 9), 0, 0, 0,
	      32, 0, 0);
	CHECK(test, f, BCS, ERR_FIELD, COPY_BLT, BR13(PAT, 64), 0, XY(4, 2),
	      LO(DATA), HI(DATA), 0, 32, LO(DATA), HI(DATA));
	CHECK(test, f, BCS, ERR_FIELD, COPY_BLT, br13, 0, XY(4, 2), LO(DATA),
	      HI(DATA), 0, 0, LO(DATA), HI(DATA));
	CHECK(test, f, BCS, ERR_FIELD, COPY_BLT, br13, 0, XY(4, 2), LO(DATA),
	      HI(DATA), 0, 30, LO(DATA), HI(DATA));
	/* The source row (x 5 to 9) is wider than its 32-byte pitch. */
	CHECK(test, f, BCS, ERR_FIELD, COPY_BLT, br13, 0, XY(4, 2), LO(DATA),
	      HI(DATA), XY(5, 0), 32, LO(DATA), HI(DATA));
}

static void compute(struct kunit *test)
{
	struct fake *f = fake_new(test, RCS);
	const u32 c = MVGPU_COMPUTE;
	const u64 d = DATA, h = HID_BASE;

	CHECK(test, f, RCS, 0, c, SAXPY, 16, LO(d), HI(d), LO(d + 64), HI(d),
	      LO(d + 128), HI(d), 3);
	/* Count 0 touches nothing; the largest count fits 64 MiB. */
	CHECK(test, f, RCS, 0, c, SAXPY, 0, 1, 2, 3, 4, 5, 6, 7);
	CHECK(test, f, RCS, 0, c, SAXPY, MAX_COUNT, LO(h), HI(h), LO(h), HI(h),
	      LO(h), HI(h), 3);
	CHECK(test, f, RCS, ERR_FIELD, c, SAXPY, MAX_COUNT + 1, LO(h), HI(h),
	      LO(h), HI(h), LO(h), HI(h), 3);
	CHECK(test, f, RCS, ERR_ADDR, c, SAXPY, MAX_COUNT, LO(h), HI(h),
	      LO(h + 4), HI(h), LO(h), HI(h), 3);
	CHECK(test, f, RCS, ERR_ADDR, c, SAXPY, 16, LO(d), HI(d), LO(d), HI(d),
	      LO(GM_END - 60), HI(d), 3);
	CHECK(test, f, RCS, ERR_FIELD, c, SAXPY, 16, LO(d), HI(d), LO(d + 2),
	      HI(d), LO(d), HI(d), 3);
	/* CHECKSUM reads bytes and always writes one u32. */
	CHECK(test, f, RCS, 0, c, CSUM, 3, LO(d + 1), HI(d), 0, 0, LO(d),
	      HI(d), 0);
	CHECK(test, f, RCS, 0, c, CSUM, 0, 0, 0, 0, 0, LO(d), HI(d), 0);
	CHECK(test, f, RCS, ERR_ADDR, c, CSUM, 0, 0, 0, 0, 0, LO(GM_END),
	      HI(d), 0);
	CHECK(test, f, RCS, ERR_ADDR, c, CSUM, 1, LO(GM_END - 2), HI(d), 0, 0,
	      LO(d), HI(d), 0);
	CHECK(test, f, RCS, ERR_FIELD, c, CSUM, 1, LO(d), HI(d), 0, 0,
	      LO(d + 1), HI(d), 0);
	CHECK(test, f, RCS, ERR_FIELD, c, 0, 1, LO(d), HI(d), LO(d), HI(d),
	      LO(d), HI(d), 0);
	CHECK(test, f, RCS, ERR_FIELD, c, 3, 1, LO(d), HI(d), LO(d), HI(d),
	      LO(d), HI(d), 0);
	CHECK(test, f, RCS, ERR_FIELD, c - 1, SAXPY, 0, 0, 0, 0, 0, 0, 0);
}

/* ---- batch buffers ----------------------------------------------------- */

static void batch_first_level(struct kunit *test)
{
	struct fake *f = fake_new(test, RCS);

	PUT(f, BB(0), SDI, LO(DATA), HI(DATA), 7, UI, BBE);
	EXPECT_OK(test, f, SUBMIT(f, BBS, LO(BB(0)), HI(BB(0)), UI));
	KUNIT_EXPECT_EQ(test, f->p.ring_bytes, 16);
	KUNIT_EXPECT_EQ(test, f->p.nr_batches, 1);
	KUNIT_EXPECT_EQ(test, f->p.nr_cmds, 5);
	KUNIT_EXPECT_EQ(test, f->p.user_interrupts, 2);
	KUNIT_EXPECT_EQ(test, f->p.used, 16 + 24);
	/* The ring's BB_START runs the copy at shadow offset 16. */
	KUNIT_EXPECT_EQ(test, sh(f, 0), BBS);
	KUNIT_EXPECT_EQ(test, sh_qw(f, 4), SHADOW_GM + 16);
	KUNIT_EXPECT_EQ(test, sh(f, 12), NOOP);
	KUNIT_EXPECT_EQ(test, sh(f, 16), SDI);
	KUNIT_EXPECT_EQ(test, sh_qw(f, 20), DATA);
	KUNIT_EXPECT_EQ(test, sh(f, 28), 7);
	KUNIT_EXPECT_EQ(test, sh(f, 32), NOOP);
	KUNIT_EXPECT_EQ(test, sh(f, 36), BBE);
	/* The guest's buffers keep their content. */
	KUNIT_EXPECT_EQ(test, gm_dw(f, RING + 4), LO(BB(0)));
	KUNIT_EXPECT_EQ(test, gm_dw(f, BB(0) + 16), UI);
}

static void bb_start_fields(struct kunit *test)
{
	struct fake *f = fake_new(test, RCS);

	PUT(f, BB(0), BBE);
	CHECK(test, f, RCS, ERR_FIELD, BBS | MVGPU_BB_PPGTT, LO(BB(0)),
	      HI(BB(0)));
	CHECK(test, f, RCS, ERR_FIELD, BBS, LO(BB(0) + 2), HI(BB(0)));
	CHECK(test, f, RCS, ERR_FIELD, BBS2, LO(BB(0)), HI(BB(0)));
	CHECK(test, f, RCS, ERR_FIELD, BBS + 1, LO(BB(0)), HI(BB(0)), 0);
	CHECK(test, f, RCS, ERR_ADDR, BBS, LO(GM_END), HI(GM_END));
	CHECK(test, f, RCS, ERR_ADDR, BBS, LO(BB(0)), 1);
	/* The same checks inside a batch report the batch. */
	PUT(f, BB(1), NOOP, BBS | MVGPU_BB_PPGTT, LO(BB(0)), HI(BB(0)));
	EXPECT_ERR(test, f, SUBMIT(f, BBS, LO(BB(1)), HI(BB(1))), ERR_FIELD,
		   4, BB(1));
	PUT(f, BB(1), NOOP, BBS2, LO(GM_END), HI(GM_END));
	EXPECT_ERR(test, f, SUBMIT(f, BBS, LO(BB(1)), HI(BB(1))), ERR_ADDR, 4,
		   BB(1));
}

static void chained_batches(struct kunit *test)
{
	struct fake *f = fake_new(test, RCS);

	/* Whatever follows a chaining BB_START never runs: not scanned. */
	PUT(f, BB(0), SDI, LO(DATA), HI(DATA), 1, BBS, LO(BB(1)), HI(BB(1)),
	    7u << 29);
	PUT(f, BB(1), NOOP, BBS, LO(BB(2)), HI(BB(2)), 7u << 29);
	PUT(f, BB(2), UI, BBE);
	EXPECT_OK(test, f, SUBMIT(f, BBS, LO(BB(0)), HI(BB(0)), UI));
	KUNIT_EXPECT_EQ(test, f->p.nr_batches, 3);
	KUNIT_EXPECT_EQ(test, f->p.user_interrupts, 2);
	/* Copies: B0 at 16 (28 bytes), B1 at 48 (16 bytes), B2 at 64. */
	KUNIT_EXPECT_EQ(test, sh_qw(f, 4), SHADOW_GM + 16);
	KUNIT_EXPECT_EQ(test, sh(f, 16 + 16), BBS);
	KUNIT_EXPECT_EQ(test, sh_qw(f, 16 + 20), SHADOW_GM + 48);
	KUNIT_EXPECT_EQ(test, sh(f, 48), NOOP);
	KUNIT_EXPECT_EQ(test, sh_qw(f, 48 + 8), SHADOW_GM + 64);
	KUNIT_EXPECT_EQ(test, sh(f, 64), NOOP);
	KUNIT_EXPECT_EQ(test, sh(f, 68), BBE);
	KUNIT_EXPECT_EQ(test, f->p.used, 72);
	/* An error in the last batch of the chain names that batch. */
	PUT(f, BB(2), NOOP, NOOP, MVGPU_PIPE_CONTROL, 0, 0, 0, 0, 0, BBE);
	f->p.engine = BCS;
	EXPECT_ERR(test, f, scan(f, 0, 16), ERR_ENGINE, 8, BB(2));
}

static void second_level_call(struct kunit *test)
{
	struct fake *f = fake_new(test, RCS);

	PUT(f, BB(0), BBS2, LO(BB(1)), HI(BB(1)), SDI, LO(DATA), HI(DATA), 2,
	    BBS2, LO(BB(1)), HI(BB(1)), BBE);
	PUT(f, BB(1), UI, BBE);
	EXPECT_OK(test, f, SUBMIT(f, BBS, LO(BB(0)), HI(BB(0))));
	/* B0 at 16 (44 bytes), B1 twice: at 64 and at 72. */
	KUNIT_EXPECT_EQ(test, f->p.nr_batches, 3);
	KUNIT_EXPECT_EQ(test, f->p.user_interrupts, 2);
	KUNIT_EXPECT_EQ(test, sh_qw(f, 4), SHADOW_GM + 16);
	KUNIT_EXPECT_EQ(test, sh(f, 16), BBS2);
	KUNIT_EXPECT_EQ(test, sh_qw(f, 20), SHADOW_GM + 64);
	KUNIT_EXPECT_EQ(test, sh(f, 16 + 28), BBS2);
	KUNIT_EXPECT_EQ(test, sh_qw(f, 16 + 32), SHADOW_GM + 72);
	KUNIT_EXPECT_EQ(test, sh(f, 64), NOOP);
	KUNIT_EXPECT_EQ(test, sh(f, 68), BBE);
	KUNIT_EXPECT_EQ(test, f->p.used, 80);

	/* The first-level batch goes on after the call: it is scanned. */
	PUT(f, BB(0) + 12, LRI(1), MVGPU_REG_GDRST, 0);
	EXPECT_ERR(test, f, scan(f, 0, 16), ERR_REG, 12, BB(0));
}

static void call_then_chain(struct kunit *test)
{
	struct fake *f = fake_new(test, RCS);

	PUT(f, BB(0), BBS2, LO(BB(1)), HI(BB(1)), BBS, LO(BB(2)), HI(BB(2)));
	PUT(f, BB(1), BBE);
	PUT(f, BB(2), BBS2, LO(BB(3)), HI(BB(3)), BBE);
	PUT(f, BB(3), NOOP, BBE);
	EXPECT_OK(test, f, SUBMIT(f, BBS, LO(BB(0)), HI(BB(0))));
	/* Copies in scan order: B0 at 16, B1 at 40, B2 at 48, B3 at 64. */
	KUNIT_EXPECT_EQ(test, f->p.nr_batches, 4);
	KUNIT_EXPECT_EQ(test, sh_qw(f, 4), SHADOW_GM + 16);
	KUNIT_EXPECT_EQ(test, sh_qw(f, 16 + 4), SHADOW_GM + 40);
	KUNIT_EXPECT_EQ(test, sh_qw(f, 16 + 16), SHADOW_GM + 48);
	KUNIT_EXPECT_EQ(test, sh_qw(f, 48 + 4), SHADOW_GM + 64);
	KUNIT_EXPECT_EQ(test, sh(f, 40), BBE);
	KUNIT_EXPECT_EQ(test, sh(f, 68), BBE);
	KUNIT_EXPECT_EQ(test, f->p.used, 72);
}

/*
 * What a migration destination checks a resumed position against: the
 * command starts (MI_NOOPs too) and the batch copies, in shadow order.
 */
static void command_starts_and_copies(struct kunit *test)
{
	static const unsigned int starts[] = { 0, 3, 4, 7, 10, 12, 15, 16, 17 };
	static const struct mvgpu_cmd_copy copies[] = {
		{ .off = 16, .len = 24 }, { .off = 40, .len = 4 },
		{ .off = 48, .len = 16 }, { .off = 64, .len = 8 },
	};
	struct fake *f = fake_new(test, RCS);
	struct mvgpu_cmd_copy got[MVGPU_CMD_MAX_BATCHES];
	unsigned long *bits;
	unsigned int i, pass;

	bits = kunit_kzalloc(test, BITS_TO_LONGS(MVGPU_CMD_STARTS_BITS) *
			     sizeof(long), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, bits);
	PUT(f, BB(0), BBS2, LO(BB(1)), HI(BB(1)), BBS, LO(BB(2)), HI(BB(2)));
	PUT(f, BB(1), BBE);
	PUT(f, BB(2), BBS2, LO(BB(3)), HI(BB(3)), BBE);
	PUT(f, BB(3), NOOP, BBE);
	f->p.starts = bits;
	f->p.copies = got;
	/* A second scan finds the same, from a clean slate. */
	for (pass = 0; pass < 2; pass++) {
		bitmap_fill(bits, 64);
		EXPECT_OK(test, f, SUBMIT(f, BBS, LO(BB(0)), HI(BB(0))));
		KUNIT_EXPECT_EQ(test, bitmap_weight(bits, MVGPU_CMD_STARTS_BITS),
				ARRAY_SIZE(starts));
		for (i = 0; i < ARRAY_SIZE(starts); i++)
			KUNIT_EXPECT_TRUE_MSG(test, test_bit(starts[i], bits),
					      "dword %u", starts[i]);
		KUNIT_ASSERT_EQ(test, f->p.nr_copies, ARRAY_SIZE(copies));
		for (i = 0; i < ARRAY_SIZE(copies); i++) {
			KUNIT_EXPECT_EQ(test, got[i].off, copies[i].off);
			KUNIT_EXPECT_EQ(test, got[i].len, copies[i].len);
			KUNIT_EXPECT_FALSE(test, got[i].ppgtt);
		}
	}
	/* Without them a scan records nothing. */
	f->p.starts = NULL;
	f->p.copies = NULL;
	bitmap_zero(bits, MVGPU_CMD_STARTS_BITS);
	EXPECT_OK(test, f, SUBMIT(f, BBS, LO(BB(0)), HI(BB(0))));
	KUNIT_EXPECT_TRUE(test, bitmap_empty(bits, MVGPU_CMD_STARTS_BITS));
	KUNIT_EXPECT_EQ(test, f->p.nr_copies, 0);
}

static void nesting(struct kunit *test)
{
	struct fake *f = fake_new(test, RCS);

	PUT(f, BB(0), BBS2, LO(BB(1)), HI(BB(1)), BBE);
	PUT(f, BB(2), BBE);
	/* A second-level batch may neither call, nor chain. */
	PUT(f, BB(1), NOOP, BBS2, LO(BB(2)), HI(BB(2)), BBE);
	EXPECT_ERR(test, f, SUBMIT(f, BBS, LO(BB(0)), HI(BB(0))),
		   MVGPU_ERR_NESTING, 4, BB(1));
	PUT(f, BB(1), NOOP, NOOP, BBS, LO(BB(2)), HI(BB(2)), BBE);
	EXPECT_ERR(test, f, scan(f, 0, 16), MVGPU_ERR_NESTING, 8, BB(1));
	/* Even a malformed one: the nesting is what is wrong. */
	PUT(f, BB(1), BBS | MVGPU_BB_PPGTT, 1, 1, BBE);
	EXPECT_ERR(test, f, scan(f, 0, 16), MVGPU_ERR_NESTING, 0, BB(1));
}

static void too_many_batches(struct kunit *test)
{
	struct fake *f = fake_new(test, RCS);
	u32 ring[3 * (MVGPU_CMD_MAX_BATCHES + 1)];
	unsigned int i;

	PUT(f, BB(0), BBE);
	for (i = 0; i <= MVGPU_CMD_MAX_BATCHES; i++) {
		ring[3 * i] = BBS;
		ring[3 * i + 1] = LO(BB(0));
		ring[3 * i + 2] = HI(BB(0));
	}
	/* The same batch, as often as allowed, then once more. */
	EXPECT_OK(test, f, submit(f, ring, 3 * MVGPU_CMD_MAX_BATCHES));
	KUNIT_EXPECT_EQ(test, f->p.nr_batches, MVGPU_CMD_MAX_BATCHES);
	EXPECT_ERR(test, f, submit(f, ring, ARRAY_SIZE(ring)),
		   MVGPU_ERR_NESTING, 12 * MVGPU_CMD_MAX_BATCHES, RING);
	/*
	 * A batch that chains to itself: the 16th copy's BB_START would
	 * reach a 17th batch.
	 */
	PUT(f, BB(1), NOOP, BBS, LO(BB(1)), HI(BB(1)));
	EXPECT_ERR(test, f, SUBMIT(f, BBS, LO(BB(1)), HI(BB(1))),
		   MVGPU_ERR_NESTING, 4, BB(1));
	KUNIT_EXPECT_EQ(test, f->p.nr_batches, MVGPU_CMD_MAX_BATCHES - 1);
}

static void unterminated(struct kunit *test)
{
	struct fake *f = fake_new(test, RCS);

	/* Fake memory is zero: MI_NOOPs for ever. */
	EXPECT_ERR(test, f, SUBMIT(f, BBS, LO(BIG), HI(BIG)),
		   MVGPU_ERR_UNTERMINATED, MVGPU_CMD_MAX_BATCH, BIG);
	/* A command crossing the limit. */
	PUT(f, BIG + MVGPU_CMD_MAX_BATCH - 8, SDI, LO(DATA), HI(DATA), 0);
	EXPECT_ERR(test, f, scan(f, 0, 16), MVGPU_ERR_UNTERMINATED,
		   MVGPU_CMD_MAX_BATCH - 8, BIG);
	/* The longest batch. */
	PUT(f, BIG + MVGPU_CMD_MAX_BATCH - 8, NOOP, BBE);
	EXPECT_OK(test, f, scan(f, 0, 16));
	KUNIT_EXPECT_EQ(test, f->p.used, 16 + MVGPU_CMD_MAX_BATCH);
}

static void batch_leaves_slice(struct kunit *test)
{
	struct fake *f = fake_new(test, RCS);
	const u32 len = SZ_8K + SZ_4K + 100;
	const u64 last = GM_END - SZ_4K, near = GM_END - len;

	EXPECT_ERR(test, f, SUBMIT(f, BBS, LO(last), HI(last)), ERR_ADDR,
		   SZ_4K, last);
	/*
	 * Ends in the last dword of the slice, where the next chunk would
	 * reach past it: the batch must still be accepted.
	 */
	PUT(f, GM_END - 4, BBE);
	EXPECT_OK(test, f, SUBMIT(f, BBS, LO(near), HI(near)));
	KUNIT_EXPECT_EQ(test, f->p.used, 16 + len);
	/* A command whose tail is outside. */
	PUT(f, GM_END - 8, SDI, LO(DATA));
	EXPECT_ERR(test, f, scan(f, 0, 16), ERR_ADDR, len - 8, near);
	/* Inside the vGPU's memory, but unreadable. */
	EXPECT_ERR(test, f, SUBMIT(f, BBS, LO(HID_BASE), HI(HID_BASE)),
		   ERR_ADDR, 0, HID_BASE);
}

static void too_large(struct kunit *test)
{
	struct fake *f = fake_new(test, RCS);

	/* The batch: 8 KiB of NOOPs and BB_END; the shadow: 8 KiB. */
	PUT(f, BIG + SZ_8K, BBE);
	f->p.shadow_size = SZ_8K;
	EXPECT_ERR(test, f, SUBMIT(f, BBS, LO(BIG), HI(BIG)),
		   MVGPU_ERR_TOO_LARGE, SZ_8K - 16, BIG);
	f->p.shadow_size = SZ_8K + 16 + 4;
	EXPECT_OK(test, f, scan(f, 0, 16));
	/* The ring segment alone. */
	f->p.shadow_size = SZ_4K;
	EXPECT_ERR(test, f, scan(f, 8, SZ_4K + 16), MVGPU_ERR_TOO_LARGE, 8,
		   RING);
}

static void large_batch(struct kunit *test)
{
	struct fake *f = fake_new(test, BCS);
	const u32 n = 7000;	/* 28 bytes each: about 191 KiB */
	u64 gm = BIG;
	u32 i, len;

	/* 12-byte commands straddle every page and chunk boundary. */
	for (i = 0; i < n; i++, gm += 28) {
		PUT(f, gm, SDI, LO(DATA + 4 * (i % 16)), HI(DATA), i);
		PUT(f, gm + 16, LRI(1), GPR(BCS, i % 32 / 2) + 4 * (i & 1), i);
	}
	PUT(f, gm, BBE);
	len = 28 * n + 4;
	EXPECT_OK(test, f, SUBMIT(f, BBS, LO(BIG), HI(BIG)));
	KUNIT_EXPECT_EQ(test, f->p.nr_cmds, 2 + 2 * n + 1);
	KUNIT_EXPECT_EQ(test, f->p.used, 16 + len);
	KUNIT_EXPECT_EQ(test, memcmp(f->shadow + 4, f->mem + (BIG - GM_BASE),
				     len), 0);
	/* Chunks double to 64 KiB: a few reads, not one per page. */
	KUNIT_EXPECT_LE(test, f->reads, 10);
}

static void batch_modified_after_scan(struct kunit *test)
{
	struct fake *f = fake_new(test, RCS);

	PUT(f, BB(0), SDI, LO(DATA), HI(DATA), 1, BBE);
	EXPECT_OK(test, f, SUBMIT(f, BBS, LO(BB(0)), HI(BB(0))));
	KUNIT_EXPECT_EQ(test, sh(f, 16 + 12), 1);
	/* The guest rewrites its batch: the shadow does not change... */
	PUT(f, BB(0) + 12, 2);
	PUT(f, BB(0), SDI, LO(GM_END), HI(GM_END));
	KUNIT_EXPECT_EQ(test, sh(f, 16 + 12), 1);
	KUNIT_EXPECT_EQ(test, sh_qw(f, 16 + 4), DATA);
	/* ...and the next scan sees the new content. */
	EXPECT_ERR(test, f, scan(f, 0, 16), ERR_ADDR, 0, BB(0));
	PUT(f, BB(0), SDI, LO(DATA + 8), HI(DATA));
	EXPECT_OK(test, f, scan(f, 0, 16));
	KUNIT_EXPECT_EQ(test, sh_qw(f, 16 + 4), DATA + 8);
	KUNIT_EXPECT_EQ(test, sh(f, 16 + 12), 2);
}

/* ---- per-process address spaces --------------------------------------- */

#define PML4_LO(e)	MVGPU_RING_PML4_LDW(MVGPU_RING_BASE(e))
#define PML4_HI(e)	MVGPU_RING_PML4_UDW(MVGPU_RING_BASE(e))
#define ROOT		0x123000ull
#define ROOT_AGAIN	0x456000ull
#define ROOT_BIG	0x789000ull
#define SHADOW_ROOT	0xfeed0001000ull
/* The space maps VA .. VA + 64 KiB onto guest memory from BB(0). */
#define VA		0x7f0000000000ull
#define VA_SIZE		SZ_64K
#define FAR		0x5000000000ull
#define SDI_PP		(MVGPU_MI_STORE_DATA_IMM | 2)
#define BBS_PP		(MVGPU_MI_BATCH_BUFFER_START | MVGPU_BB_PPGTT)

static int fake_as_bind(void *priv, u64 root, u64 *shadow_root, void **as)
{
	switch (root) {
	case ROOT:
		*shadow_root = SHADOW_ROOT;
		*as = priv;
		return 0;
	case ROOT_AGAIN:
		return -EAGAIN;
	case ROOT_BIG:
		return -E2BIG;
	default:
		return -EINVAL;
	}
}

static int fake_as_read(void *priv, void *as, u64 va, void *buf, u32 len)
{
	struct fake *f = priv;

	if (as != priv || !fake_in(va, len, VA, VA_SIZE))
		return -EFAULT;
	memcpy(buf, f->mem + (BB(0) - GM_BASE) + (va - VA), len);
	return 0;
}

static const struct mvgpu_cmd_mem_ops fake_as_ops = {
	.read = fake_read,
	.range_ok = fake_range_ok,
	.as_bind = fake_as_bind,
	.as_read = fake_as_read,
};

static struct fake *fake_as_new(struct kunit *test, u32 engine)
{
	struct fake *f = fake_new(test, engine);

	f->p.mem = &fake_as_ops;
	return f;
}

/*
 * A PML4 load in the ring binds the space and is rewritten to its shadow
 * root; the PPGTT batch is fetched through the space, its operands
 * without a GGTT bit are not audited, the ones with it are.
 */
static void ppgtt_batch(struct kunit *test)
{
	struct fake *f = fake_as_new(test, BCS);
	u32 bb_off;
	int ret;

	PUT(f, BB(0), COLOR_BLT, BR13(PAT, 64), XY(0, 0), XY(16, 4),
	    LO(FAR), HI(FAR), 0x00ff00ff,
	    SDI_PP, LO(FAR + 8), HI(FAR + 8), 5,
	    SDI, LO(DATA), HI(DATA), 6, BBE);
	ret = SUBMIT(f, LRI(2), PML4_LO(BCS), LO(ROOT), PML4_HI(BCS), HI(ROOT),
		     BBS_PP, LO(VA), HI(VA));
	EXPECT_OK(test, f, ret);
	KUNIT_EXPECT_EQ(test, sh(f, 8), LO(SHADOW_ROOT));
	KUNIT_EXPECT_EQ(test, sh(f, 16), HI(SHADOW_ROOT));
	KUNIT_EXPECT_EQ(test, f->p.pml4, ROOT);
	KUNIT_EXPECT_EQ(test, f->p.nr_roots, 1u);
	KUNIT_EXPECT_FALSE(test, f->p.tlb_invalidate);
	/* The BB_START keeps its PPGTT bit and names the copy in the GGTT. */
	KUNIT_EXPECT_EQ(test, sh(f, 20), BBS_PP);
	bb_off = sh_qw(f, 24) - SHADOW_GM;
	KUNIT_EXPECT_EQ(test, sh(f, bb_off), COLOR_BLT);
	KUNIT_EXPECT_EQ(test, f->p.nr_batches, 1u);

	/* A GGTT store in it is still audited; the batch is named by VA. */
	PUT(f, BB(0), SDI, LO(GM_END), HI(GM_END), 6, BBE);
	ret = SUBMIT(f, LRI(2), PML4_HI(BCS), HI(ROOT), PML4_LO(BCS), LO(ROOT),
		     BBS_PP, LO(VA), HI(VA));
	EXPECT_ERR(test, f, ret, ERR_ADDR, 0, VA);
	/* A batch whose pages map no memory. */
	ret = SUBMIT(f, LRI(2), PML4_LO(BCS), LO(ROOT), PML4_HI(BCS), HI(ROOT),
		     BBS_PP, LO(VA + VA_SIZE), HI(VA + VA_SIZE));
	EXPECT_ERR(test, f, ret, ERR_ADDR, 0, VA + VA_SIZE);
}

static void ppgtt_rules(struct kunit *test)
{
	struct fake *f = fake_as_new(test, RCS);
	int ret;

	PUT(f, BB(0), BBE);
	/* No space loaded in this submission. */
	CHECK(test, f, RCS, ERR_FIELD, BBS_PP, LO(VA), HI(VA));
	/* Both halves in one command. */
	CHECK(test, f, RCS, ERR_FIELD, LRI(1), PML4_LO(RCS), LO(ROOT));
	CHECK(test, f, RCS, ERR_FIELD, LRI(2), PML4_HI(RCS), HI(ROOT),
	      GPR(RCS, 0), 1);
	/* Roots that cannot be used. */
	CHECK(test, f, RCS, ERR_FIELD, LRI(2), PML4_LO(RCS), LO(ROOT) | 1,
	      PML4_HI(RCS), HI(ROOT));
	CHECK(test, f, RCS, MVGPU_ERR_TOO_LARGE, LRI(2), PML4_LO(RCS),
	      LO(ROOT_BIG), PML4_HI(RCS), HI(ROOT_BIG));
	/* The other engine's register is not ours. */
	CHECK(test, f, RCS, ERR_REG, LRI(2), PML4_LO(BCS), LO(ROOT),
	      PML4_HI(BCS), HI(ROOT));
	/* Not from a batch, even a GGTT one. */
	PUT(f, BB(1), LRI(2), PML4_LO(RCS), LO(ROOT), PML4_HI(RCS), HI(ROOT),
	    BBE);
	EXPECT_ERR(test, f, SUBMIT(f, BBS, LO(BB(1)), HI(BB(1))), ERR_REG, 0,
		   BB(1));
	/* Stores without the GGTT bit only in PPGTT batches. */
	CHECK(test, f, RCS, ERR_FIELD, SDI_PP, LO(DATA), HI(DATA), 1);
	/* A space to shadow first: no verdict, the root is named. */
	ret = SUBMIT(f, NOOP, LRI(2), PML4_LO(RCS), LO(ROOT_AGAIN),
		     PML4_HI(RCS), HI(ROOT_AGAIN), BBS_PP, LO(VA), HI(VA));
	KUNIT_EXPECT_EQ(test, ret, -EAGAIN);
	KUNIT_EXPECT_EQ(test, f->p.error, MVGPU_ERR_NONE);
	KUNIT_EXPECT_EQ(test, f->p.want_root, ROOT_AGAIN);
}

/* Both TLB-invalidate bits are seen, in the ring or in a batch. */
static void ppgtt_tlb_invalidate(struct kunit *test)
{
	struct fake *f = fake_as_new(test, BCS);

	EXPECT_OK(test, f, SUBMIT(f, FLUSH(4), 0, 0, 0));
	KUNIT_EXPECT_FALSE(test, f->p.tlb_invalidate);
	EXPECT_OK(test, f, SUBMIT(f, FLUSH(4) |
				  MVGPU_FLUSH_DW_INVALIDATE_TLB, 0, 0, 0));
	KUNIT_EXPECT_TRUE(test, f->p.tlb_invalidate);
	f->p.engine = RCS;
	PUT(f, BB(0), MVGPU_PIPE_CONTROL, MVGPU_PC_TLB_INVALIDATE |
	    MVGPU_PC_CS_STALL, 0, 0, 0, 0, BBE);
	EXPECT_OK(test, f, SUBMIT(f, LRI(2), PML4_LO(RCS), LO(ROOT),
				  PML4_HI(RCS), HI(ROOT), BBS_PP, LO(VA),
				  HI(VA)));
	KUNIT_EXPECT_TRUE(test, f->p.tlb_invalidate);
	/* A PPGTT post-sync write needs no GGTT bit there. */
	PUT(f, BB(0), MVGPU_PIPE_CONTROL, MVGPU_PC_WRITE_IMM, LO(FAR),
	    HI(FAR), 1, 0, BBE);
	EXPECT_OK(test, f, SUBMIT(f, LRI(2), PML4_LO(RCS), LO(ROOT),
				  PML4_HI(RCS), HI(ROOT), BBS_PP, LO(VA),
				  HI(VA)));
	KUNIT_EXPECT_FALSE(test, f->p.tlb_invalidate);
}

static struct kunit_case cmd_parser_cases[] = {
	KUNIT_CASE(table_lookup),
	KUNIT_CASE(error_names),
	KUNIT_CASE(empty_segment),
	KUNIT_CASE(mi_simple),
	KUNIT_CASE(ring_registers),
	KUNIT_CASE(ring_read_fault),
	KUNIT_CASE(ring_wrap),
	KUNIT_CASE(ring_error_offsets),
	KUNIT_CASE(truncated),
	KUNIT_CASE(unknown_opcode),
	KUNIT_CASE(wrong_engine),
	KUNIT_CASE(store_data_imm),
	KUNIT_CASE(load_register_imm),
	KUNIT_CASE(flush_dw),
	KUNIT_CASE(pipe_control),
	KUNIT_CASE(color_blt),
	KUNIT_CASE(src_copy_blt),
	KUNIT_CASE(compute),
	KUNIT_CASE(batch_first_level),
	KUNIT_CASE(bb_start_fields),
	KUNIT_CASE(chained_batches),
	KUNIT_CASE(second_level_call),
	KUNIT_CASE(command_starts_and_copies),
	KUNIT_CASE(call_then_chain),
	KUNIT_CASE(nesting),
	KUNIT_CASE(too_many_batches),
	KUNIT_CASE(unterminated),
	KUNIT_CASE(batch_leaves_slice),
	KUNIT_CASE(too_large),
	KUNIT_CASE(large_batch),
	KUNIT_CASE(batch_modified_after_scan),
	KUNIT_CASE(ppgtt_batch),
	KUNIT_CASE(ppgtt_rules),
	KUNIT_CASE(ppgtt_tlb_invalidate),
	{}
};

static struct kunit_suite cmd_parser_suite = {
	.name = "mvgpu_cmd_parser",
	.test_cases = cmd_parser_cases,
};

kunit_test_suite(cmd_parser_suite);
