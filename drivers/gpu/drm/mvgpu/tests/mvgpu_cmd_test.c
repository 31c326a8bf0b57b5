// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the guest driver's batch validator (mvgpu_cmd.c).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <kunit/test.h>
#include <linux/module.h>

#include <drm/mvgpu_drm.h>

#include "../mvgpu_drv.h"

#define LIMIT		MVGPU_VA_USER_END
#define RCS		MVGPU_ENGINE_RCS
#define BCS		MVGPU_ENGINE_BCS

struct batch {
	u32 dw[64];
	u32 n;
};

static void emit(struct batch *b, const u32 *dw, u32 n)
{
	memcpy(b->dw + b->n, dw, n * 4);
	b->n += n;
}

static void end(struct batch *b)
{
	b->dw[b->n++] = MVGPU_MI_BATCH_BUFFER_END;
}

static void sdi(struct batch *b, u64 va, u32 flags)
{
	u32 c[] = { MVGPU_MI_STORE_DATA_IMM | 2 | flags, lower_32_bits(va),
		    upper_32_bits(va), 0x1234 };

	emit(b, c, ARRAY_SIZE(c));
}

static void color_blt(struct batch *b, u64 dst, u32 pitch, u32 w, u32 h)
{
	u32 c[] = { MVGPU_XY_COLOR_BLT | MVGPU_BLT_WRITE_RGB,
		    MVGPU_BLT_DEPTH_32BPP |
		    MVGPU_BLT_ROP_PATCOPY | pitch, 0, h << 16 | w,
		    lower_32_bits(dst), upper_32_bits(dst), 0xff00ff00 };

	emit(b, c, ARRAY_SIZE(c));
}

static void compute(struct batch *b, u32 kernel, u32 count, u64 dst)
{
	u32 c[] = { MVGPU_COMPUTE, kernel, count, 0x100000, 0, 0x200000, 0,
		    lower_32_bits(dst), upper_32_bits(dst), 3 };

	emit(b, c, ARRAY_SIZE(c));
}

static void pipe_control(struct batch *b, u32 flags, u64 va)
{
	u32 c[] = { MVGPU_PIPE_CONTROL, flags, lower_32_bits(va),
		    upper_32_bits(va), 1, 0 };

	emit(b, c, ARRAY_SIZE(c));
}

static void flush_dw(struct batch *b, u32 post, u64 va)
{
	u32 c[] = { MVGPU_MI_FLUSH_DW | 2 | post, lower_32_bits(va),
		    upper_32_bits(va), 7 };

	emit(b, c, ARRAY_SIZE(c));
}

static int check(struct batch *b, unsigned int engine,
		 struct mvgpu_cmd_error *err)
{
	return mvgpu_drm_cmd_validate(b->dw, 4 * b->n, engine, LIMIT, err);
}

/* What a process may run: every command of each engine, in its space. */
static void cmd_test_accepts(struct kunit *test)
{
	struct mvgpu_cmd_error err;
	struct batch b = { };

	sdi(&b, 0x100000, 0);
	compute(&b, MVGPU_KERNEL_SAXPY, 1024, 0x300000);
	compute(&b, MVGPU_KERNEL_CHECKSUM, 1024, 0x300000);
	pipe_control(&b, MVGPU_PC_WRITE_IMM, 0x400000);
	pipe_control(&b, MVGPU_PC_CS_STALL, 0);
	b.dw[b.n++] = MVGPU_MI_USER_INTERRUPT;
	b.dw[b.n++] = MVGPU_MI_ARB_CHECK;
	b.dw[b.n++] = MVGPU_MI_NOOP;
	end(&b);
	KUNIT_EXPECT_EQ(test, check(&b, RCS, &err), 0);

	b.n = 0;
	color_blt(&b, 0x100000, 1024, 256, 256);
	flush_dw(&b, MVGPU_FLUSH_DW_STORE_DATA, 0x200000);
	flush_dw(&b, 0, 0);
	sdi(&b, LIMIT - 4, 0);
	end(&b);
	KUNIT_EXPECT_EQ(test, check(&b, BCS, &err), 0);
}

/* Commands after MI_BATCH_BUFFER_END are not looked at. */
static void cmd_test_stops_at_end(struct kunit *test)
{
	struct mvgpu_cmd_error err;
	struct batch b = { };

	end(&b);
	b.dw[b.n++] = 0xffffffff;
	KUNIT_EXPECT_EQ(test, check(&b, RCS, &err), 0);
}

struct refusal {
	const char *name;
	unsigned int engine;
	void (*build)(struct batch *b);
	u32 offset;
};

static void build_lri(struct batch *b)
{
	u32 c[] = { MVGPU_MI_LOAD_REGISTER_IMM | 3,
		    MVGPU_RING_PML4_LDW(MVGPU_RENDER_RING_BASE), 0x1000,
		    MVGPU_RING_PML4_UDW(MVGPU_RENDER_RING_BASE), 0 };

	b->dw[b->n++] = MVGPU_MI_NOOP;
	emit(b, c, ARRAY_SIZE(c));
	end(b);
}

static void build_bb_start(struct batch *b)
{
	u32 c[] = { MVGPU_MI_BATCH_BUFFER_START | MVGPU_BB_PPGTT, 0x100000, 0 };

	emit(b, c, ARRAY_SIZE(c));
	end(b);
}

static void build_sdi_ggtt(struct batch *b)
{
	sdi(b, 0x100000, MVGPU_MI_USE_GGTT);
	end(b);
}

static void build_sdi_limit(struct batch *b)
{
	sdi(b, LIMIT - 3, 0);
	end(b);
}

static void build_sdi_wrap(struct batch *b)
{
	sdi(b, ~0ull - 1, 0);
	end(b);
}

static void build_flush_ggtt(struct batch *b)
{
	flush_dw(b, MVGPU_FLUSH_DW_STORE_DATA,
		 0x200000 | MVGPU_FLUSH_DW_USE_GGTT);
	end(b);
}

static void build_pc_ggtt(struct batch *b)
{
	pipe_control(b, MVGPU_PC_WRITE_IMM | MVGPU_PC_GLOBAL_GTT, 0x400000);
	end(b);
}

static void build_pc_limit(struct batch *b)
{
	pipe_control(b, MVGPU_PC_WRITE_IMM, LIMIT - 4);
	end(b);
}

static void build_blt_limit(struct batch *b)
{
	color_blt(b, LIMIT - 256 * 1024 + 4, 1024, 256, 256);
	end(b);
}

static void build_saxpy_limit(struct batch *b)
{
	compute(b, MVGPU_KERNEL_SAXPY, 1024, LIMIT - 4092);
	end(b);
}

static void build_blt_on_rcs(struct batch *b)
{
	color_blt(b, 0x100000, 1024, 16, 16);
	end(b);
}

static void build_compute_on_bcs(struct batch *b)
{
	compute(b, MVGPU_KERNEL_SAXPY, 16, 0x100000);
	end(b);
}

static void build_flush_on_rcs(struct batch *b)
{
	flush_dw(b, 0, 0);
	end(b);
}

static void build_unknown_mi(struct batch *b)
{
	b->dw[b->n++] = MVGPU_MI_INSTR(0x07, 0);
	end(b);
}

static void build_unknown_long_mi(struct batch *b)
{
	b->dw[b->n++] = MVGPU_MI_INSTR(0x2f, 0);
	b->dw[b->n++] = 0;
	end(b);
}

static void build_blt_bad_length(struct batch *b)
{
	b->dw[b->n++] = MVGPU_2D_INSTR(0x50, 6);
	b->n += 7;
	end(b);
}

static void build_unknown_type(struct batch *b)
{
	b->dw[b->n++] = 0x20000000;	/* type 1 */
	end(b);
}

static void build_truncated(struct batch *b)
{
	b->dw[b->n++] = MVGPU_MI_NOOP;
	b->dw[b->n++] = MVGPU_MI_STORE_DATA_IMM | 2;
	b->dw[b->n++] = 0x100000;
}

static void build_no_end(struct batch *b)
{
	sdi(b, 0x100000, 0);
}

static const struct refusal refusals[] = {
	{ "MI_LOAD_REGISTER_IMM", RCS, build_lri, 4 },
	{ "MI_BATCH_BUFFER_START", BCS, build_bb_start, 0 },
	{ "store to the global GTT", BCS, build_sdi_ggtt, 0 },
	{ "store reaching the batch window", RCS, build_sdi_limit, 0 },
	{ "store wrapping around", RCS, build_sdi_wrap, 0 },
	{ "MI_FLUSH_DW to the global GTT", BCS, build_flush_ggtt, 0 },
	{ "PIPE_CONTROL to the global GTT", RCS, build_pc_ggtt, 0 },
	{ "PIPE_CONTROL reaching the window", RCS, build_pc_limit, 0 },
	{ "blit reaching the window", BCS, build_blt_limit, 0 },
	{ "SAXPY reaching the window", RCS, build_saxpy_limit, 0 },
	{ "blit on the render engine", RCS, build_blt_on_rcs, 0 },
	{ "compute on the copy engine", BCS, build_compute_on_bcs, 0 },
	{ "MI_FLUSH_DW on the render engine", RCS, build_flush_on_rcs, 0 },
	{ "unknown one-dword MI command", RCS, build_unknown_mi, 0 },
	{ "unknown MI command", RCS, build_unknown_long_mi, 0 },
	{ "unknown command type", RCS, build_unknown_type, 0 },
	{ "blit of the wrong length", BCS, build_blt_bad_length, 0 },
	{ "command past the end", RCS, build_truncated, 4 },
	{ "no MI_BATCH_BUFFER_END", RCS, build_no_end, 16 },
};

static void refusal_desc(const struct refusal *r, char *desc)
{
	strscpy(desc, r->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(refusal, refusals, refusal_desc);

static void cmd_test_refuses(struct kunit *test)
{
	const struct refusal *r = test->param_value;
	struct mvgpu_cmd_error err;
	struct batch b = { };

	r->build(&b);
	KUNIT_EXPECT_EQ(test, check(&b, r->engine, &err), -EINVAL);
	KUNIT_EXPECT_EQ(test, err.offset, r->offset);
	KUNIT_EXPECT_NOT_NULL(test, err.what);
}

static void cmd_test_sizes(struct kunit *test)
{
	struct mvgpu_cmd_error err;
	u32 bb_end = MVGPU_MI_BATCH_BUFFER_END;

	KUNIT_EXPECT_EQ(test, mvgpu_drm_cmd_validate(&bb_end, 0, RCS, LIMIT, &err),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_cmd_validate(&bb_end, 3, RCS, LIMIT, &err),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, mvgpu_drm_cmd_validate(&bb_end, 4, RCS, LIMIT, &err),
			0);
}

/* An empty blit rectangle writes nothing, wherever it points. */
static void cmd_test_empty_blit(struct kunit *test)
{
	struct mvgpu_cmd_error err;
	struct batch b = { };

	color_blt(&b, LIMIT + 0x1000, 1024, 0, 0);
	end(&b);
	KUNIT_EXPECT_EQ(test, check(&b, BCS, &err), 0);
}

static struct kunit_case mvgpu_cmd_cases[] = {
	KUNIT_CASE(cmd_test_accepts),
	KUNIT_CASE(cmd_test_stops_at_end),
	KUNIT_CASE_PARAM(cmd_test_refuses, refusal_gen_params),
	KUNIT_CASE(cmd_test_sizes),
	KUNIT_CASE(cmd_test_empty_blit),
	{ }
};

static struct kunit_suite mvgpu_cmd_suite = {
	.name = "mvgpu_drm_cmd",
	.test_cases = mvgpu_cmd_cases,
};

kunit_test_suite(mvgpu_cmd_suite);

MODULE_DESCRIPTION("KUnit suites for the mvgpu guest driver");
MODULE_AUTHOR("The mvgpu developers");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
