// SPDX-License-Identifier: GPL-2.0-only
/*
 * The command table: every command a guest may submit, the engines it may
 * run on, its length rule and the handler that checks its fields.  Read it
 * next to the "Commands" section of include/uapi/linux/mvgpu.h.
 *
 * MI commands are indexed by opcode; the 2D and GFX commands are few and
 * sit in short lists.  A handler returns MVGPU_ERR_NONE or the error that
 * rejects the command.  Addresses are 64-bit and checked without wrapping.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/align.h>
#include <linux/array_size.h>
#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/wordpart.h>
#include <kunit/visibility.h>

#include "core/cmd_table.h"

/* Blitter fields: pitch in bits 15:0, points as y << 16 | x. */
#define BLT_PITCH(dw)		((dw) & 0xffff)
#define BLT_X(dw)		((dw) & 0xffff)
#define BLT_Y(dw)		((dw) >> 16)

static u32 dw(const __le32 *cmd, unsigned int i)
{
	return le32_to_cpu(cmd[i]);
}

static u32 addr_ok(const struct mvgpu_cmd_parser *p, u64 gm, u64 len)
{
	return mvgpu_cmd_gm_ok(p, gm, len) ? MVGPU_ERR_NONE : MVGPU_ERR_ADDRESS;
}

/*
 * A memory operand without a GGTT bit: in a PPGTT batch an address of the
 * batch's address space, which the shadow isolates, so nothing to audit;
 * elsewhere a graphics address.
 */
static u32 operand_ok(const struct mvgpu_cmd_parser *p, u64 gm, u64 len)
{
	if (p->ppgtt)
		return gm + len >= gm ? MVGPU_ERR_NONE : MVGPU_ERR_ADDRESS;
	return addr_ok(p, gm, len);
}

/*
 * A write of @size bytes (4 or 8) at @gm, which must be @size aligned:
 * a GGTT address if @ggtt, else an address of the PPGTT batch it is in
 * (refused outside PPGTT batches).
 */
static u32 store_ok(const struct mvgpu_cmd_parser *p, u64 gm, u32 size,
		    bool ggtt)
{
	if (!IS_ALIGNED(gm, size) || (!ggtt && !p->ppgtt))
		return MVGPU_ERR_BAD_FIELD;
	return ggtt ? addr_ok(p, gm, size) : MVGPU_ERR_NONE;
}

/* ---- MI commands ------------------------------------------------------- */

/* The core raises the interrupt when the workload completes. */
static u32 handle_user_interrupt(struct mvgpu_cmd_parser *p, __le32 *cmd,
				 u32 len)
{
	cmd[0] = cpu_to_le32(MVGPU_MI_NOOP);
	p->user_interrupts++;
	return MVGPU_ERR_NONE;
}

/* A dword store (length 2) or qword store (length 3). */
static u32 handle_store_data_imm(struct mvgpu_cmd_parser *p, __le32 *cmd,
				 u32 len)
{
	return store_ok(p, mvgpu_cmd_qw(cmd, 1), len == 4 ? 4 : 8,
			dw(cmd, 0) & MVGPU_MI_USE_GGTT);
}

/**
 * struct lri_range - registers MI_LOAD_REGISTER_IMM may write
 * @first: offset of the first register
 * @count: consecutive dwords from @first (0: unused slot)
 */
struct lri_range {
	u32 first;
	u32 count;
};

#define LRI_GPRS(_engine)						\
	{ .first = MVGPU_CS_GPR(MVGPU_RING_BASE(_engine), 0),		\
	  .count = 2 * MVGPU_NUM_GPRS }

/* Per engine: its own general purpose registers, nothing else. */
static const struct lri_range lri_whitelist[MVGPU_NUM_ENGINES][1] = {
	[MVGPU_ENGINE_RCS] = { LRI_GPRS(MVGPU_ENGINE_RCS) },
	[MVGPU_ENGINE_BCS] = { LRI_GPRS(MVGPU_ENGINE_BCS) },
};

static bool lri_reg_ok(u32 engine, u32 reg)
{
	const struct lri_range *r = lri_whitelist[engine];
	unsigned int i;

	if (!IS_ALIGNED(reg, 4))
		return false;
	for (i = 0; i < ARRAY_SIZE(lri_whitelist[0]); i++)
		if (reg - r[i].first < 4 * r[i].count)
			return true;
	return false;
}

static u32 as_error(int err)
{
	switch (err) {
	case -EAGAIN:
		return MVGPU_CMD_AGAIN;
	case -EINVAL:
		return MVGPU_ERR_BAD_FIELD;
	case -EFAULT:
		return MVGPU_ERR_ADDRESS;
	default:
		return MVGPU_ERR_TOO_LARGE;
	}
}

/*
 * PML4 loads, ring only: both halves in the command, which names the
 * address space of the PPGTT batches that follow.  The engine loads the
 * root of its shadow instead: each PML4 value is rewritten.
 */
static u32 load_pml4(struct mvgpu_cmd_parser *p, __le32 *cmd, u32 len,
		     u64 root)
{
	const u32 base = MVGPU_RING_BASE(p->engine);
	u64 shadow;
	void *as;
	int err;
	u32 i;

	if (p->in_batch)
		return MVGPU_ERR_REGISTER;
	if (!p->mem->as_bind)
		return MVGPU_ERR_BAD_FIELD;
	err = p->mem->as_bind(p->priv, root, &shadow, &as);
	if (err) {
		if (err == -EAGAIN)
			p->want_root = root;
		return as_error(err);
	}
	for (i = 1; i < len; i += 2) {
		if (dw(cmd, i) == MVGPU_RING_PML4_LDW(base))
			cmd[i + 1] = cpu_to_le32(lower_32_bits(shadow));
		else if (dw(cmd, i) == MVGPU_RING_PML4_UDW(base))
			cmd[i + 1] = cpu_to_le32(upper_32_bits(shadow));
	}
	p->as = as;
	p->pml4 = root;
	p->nr_roots++;
	return MVGPU_ERR_NONE;
}

/* (register, value) pairs: the length field is odd, 2 * pairs - 1. */
static u32 handle_load_register_imm(struct mvgpu_cmd_parser *p, __le32 *cmd,
				    u32 len)
{
	const u32 base = MVGPU_RING_BASE(p->engine);
	u32 i, lo = 0, hi = 0, halves = 0;

	if (!(len & 1))
		return MVGPU_ERR_BAD_FIELD;
	for (i = 1; i < len; i += 2) {
		u32 reg = dw(cmd, i);

		if (reg == MVGPU_RING_PML4_LDW(base)) {
			lo = dw(cmd, i + 1);
			halves |= BIT(0);
		} else if (reg == MVGPU_RING_PML4_UDW(base)) {
			hi = dw(cmd, i + 1);
			halves |= BIT(1);
		} else if (!lri_reg_ok(p->engine, reg)) {
			return MVGPU_ERR_REGISTER;
		}
	}
	if (!halves)
		return MVGPU_ERR_NONE;
	if (halves != (BIT(0) | BIT(1)))
		return p->in_batch ? MVGPU_ERR_REGISTER : MVGPU_ERR_BAD_FIELD;
	return load_pml4(p, cmd, len, (u64)hi << 32 | lo);
}

/* Post-sync op 1 stores a dword (length 2) or qword (length 3). */
static u32 handle_flush_dw(struct mvgpu_cmd_parser *p, __le32 *cmd, u32 len)
{
	u32 lo = dw(cmd, 1);

	if (dw(cmd, 0) & MVGPU_FLUSH_DW_INVALIDATE_TLB)
		p->tlb_invalidate = true;
	switch (dw(cmd, 0) & MVGPU_FLUSH_DW_POST_SYNC) {
	case 0:
		return MVGPU_ERR_NONE;
	case MVGPU_FLUSH_DW_STORE_DATA:
		return store_ok(p, ALIGN_DOWN(lo, 8) | (u64)dw(cmd, 2) << 32,
				len == 4 ? 4 : 8,
				lo & MVGPU_FLUSH_DW_USE_GGTT);
	default:
		return MVGPU_ERR_BAD_FIELD;
	}
}

/*
 * The target's fields only; the parser applies the level rules, shadows
 * the batch and rewrites the address.
 */
static u32 handle_bb_start(struct mvgpu_cmd_parser *p, __le32 *cmd, u32 len)
{
	u64 gm = mvgpu_cmd_qw(cmd, 1);

	if (!IS_ALIGNED(gm, 4))
		return MVGPU_ERR_BAD_FIELD;
	/* A PPGTT batch is fetched through the space the ring loaded. */
	if (dw(cmd, 0) & MVGPU_BB_PPGTT)
		return p->as ? MVGPU_ERR_NONE : MVGPU_ERR_BAD_FIELD;
	return addr_ok(p, gm, 4);
}

/* ---- 2D (blitter) commands --------------------------------------------- */

/* The pitch of a 32 bpp blit with raster operation @rop, or 0. */
static u32 blt_pitch(u32 br13, u32 rop)
{
	u32 pitch = BLT_PITCH(br13);

	if ((br13 & (MVGPU_BLT_DEPTH_MASK | MVGPU_BLT_ROP_MASK)) !=
	    (MVGPU_BLT_DEPTH_32BPP | rop) || !IS_ALIGNED(pitch, 4))
		return 0;
	return pitch;
}

/* The bytes of a @w x @h rectangle of 32 bpp pixels at (@x, @y). */
static u32 blt_rect_ok(const struct mvgpu_cmd_parser *p, u64 base, u32 pitch,
		       u32 x, u32 y, u32 w, u32 h)
{
	u64 first = (u64)y * pitch + 4ull * x;
	u64 end = (u64)(y + h - 1) * pitch + 4ull * (x + w);

	if (base + first < base)
		return MVGPU_ERR_ADDRESS;
	return operand_ok(p, base + first, end - first);
}

/*
 * +2 (x1, y1), +3 (x2, y2) exclusive.  An empty rectangle writes nothing:
 * only BR13 is checked.  Pixels are 32-bit: the address is 4-aligned.
 */
static u32 handle_color_blt(struct mvgpu_cmd_parser *p, __le32 *cmd, u32 len)
{
	u32 pitch = blt_pitch(dw(cmd, 1), MVGPU_BLT_ROP_PATCOPY);
	u32 x1 = BLT_X(dw(cmd, 2)), y1 = BLT_Y(dw(cmd, 2));
	u32 x2 = BLT_X(dw(cmd, 3)), y2 = BLT_Y(dw(cmd, 3));

	if (!pitch)
		return MVGPU_ERR_BAD_FIELD;
	if (x2 <= x1 || y2 <= y1)
		return MVGPU_ERR_NONE;
	if (4 * x2 > pitch || !IS_ALIGNED(mvgpu_cmd_qw(cmd, 4), 4))
		return MVGPU_ERR_BAD_FIELD;
	return blt_rect_ok(p, mvgpu_cmd_qw(cmd, 4), pitch, x1, y1, x2 - x1,
			   y2 - y1);
}

/*
 * The destination as for XY_COLOR_BLT; the source rectangle, at +6 with
 * pitch +7 and address +8/+9, has the destination's size and must fit its
 * pitch in the same way.
 */
static u32 handle_src_copy_blt(struct mvgpu_cmd_parser *p, __le32 *cmd,
			       u32 len)
{
	u32 pitch = blt_pitch(dw(cmd, 1), MVGPU_BLT_ROP_SRCCOPY);
	u32 x1 = BLT_X(dw(cmd, 2)), y1 = BLT_Y(dw(cmd, 2));
	u32 x2 = BLT_X(dw(cmd, 3)), y2 = BLT_Y(dw(cmd, 3));
	u32 sx = BLT_X(dw(cmd, 6)), sy = BLT_Y(dw(cmd, 6));
	u32 spitch = BLT_PITCH(dw(cmd, 7));
	u32 err;

	if (!pitch || !spitch || !IS_ALIGNED(spitch, 4))
		return MVGPU_ERR_BAD_FIELD;
	if (x2 <= x1 || y2 <= y1)
		return MVGPU_ERR_NONE;
	if (4 * x2 > pitch || 4 * (sx + x2 - x1) > spitch ||
	    !IS_ALIGNED(mvgpu_cmd_qw(cmd, 4) | mvgpu_cmd_qw(cmd, 8), 4))
		return MVGPU_ERR_BAD_FIELD;
	err = blt_rect_ok(p, mvgpu_cmd_qw(cmd, 4), pitch, x1, y1, x2 - x1,
			  y2 - y1);
	if (err)
		return err;
	return blt_rect_ok(p, mvgpu_cmd_qw(cmd, 8), spitch, sx, sy, x2 - x1,
			   y2 - y1);
}

/* ---- GFX commands ------------------------------------------------------ */

/* Post-sync op 1 writes a qword to an 8-aligned GGTT address. */
static u32 handle_pipe_control(struct mvgpu_cmd_parser *p, __le32 *cmd,
			       u32 len)
{
	u32 flags = dw(cmd, 1);

	if (flags & MVGPU_PC_TLB_INVALIDATE)
		p->tlb_invalidate = true;
	switch (flags & MVGPU_PC_POST_SYNC) {
	case 0:
		return MVGPU_ERR_NONE;
	case MVGPU_PC_WRITE_IMM:
		return store_ok(p, mvgpu_cmd_qw(cmd, 2), 8,
				flags & MVGPU_PC_GLOBAL_GTT);
	default:
		return MVGPU_ERR_BAD_FIELD;
	}
}

/*
 * SAXPY reads count u32s at a and b and writes count u32s at dst; with
 * count 0 it touches nothing.  CHECKSUM reads count u32s at a (any
 * alignment) and writes one u32 at dst, even for count 0 (the FNV-1a
 * basis), so dst is always checked.
 */
static u32 handle_compute(struct mvgpu_cmd_parser *p, __le32 *cmd, u32 len)
{
	u32 count = dw(cmd, 2);
	u64 bytes = 4ull * count;
	u64 a = mvgpu_cmd_qw(cmd, 3), b = mvgpu_cmd_qw(cmd, 5);
	u64 dst = mvgpu_cmd_qw(cmd, 7);

	if (count > MVGPU_COMPUTE_MAX_COUNT)
		return MVGPU_ERR_BAD_FIELD;
	switch (dw(cmd, 1)) {
	case MVGPU_KERNEL_SAXPY:
		if (!count)
			return MVGPU_ERR_NONE;
		if (!IS_ALIGNED(a | b | dst, 4))
			return MVGPU_ERR_BAD_FIELD;
		if (operand_ok(p, a, bytes) || operand_ok(p, b, bytes))
			return MVGPU_ERR_ADDRESS;
		return operand_ok(p, dst, bytes);
	case MVGPU_KERNEL_CHECKSUM:
		if (!IS_ALIGNED(dst, 4))
			return MVGPU_ERR_BAD_FIELD;
		if (count && operand_ok(p, a, bytes))
			return MVGPU_ERR_ADDRESS;
		return operand_ok(p, dst, 4);
	default:
		return MVGPU_ERR_BAD_FIELD;
	}
}

/* ---- the tables -------------------------------------------------------- */

#define RCS	MVGPU_CMD_RCS
#define BCS	MVGPU_CMD_BCS
#define ALL	MVGPU_CMD_ALL
#define BB_START	MVGPU_CMD_F_BB_START
#define BB_END		MVGPU_CMD_F_BB_END

/* The most dwords a length field can describe. */
#define LEN_MAX			MVGPU_CMD_LEN(0xff)
/* The length a command's uapi definition encodes (exact-length rows). */
#define LEN(_cmd)		MVGPU_CMD_LEN(_cmd)

/* MI opcodes below 0x10: one dword, no length field. */
#define MI_ONE(_cmd, _name, _engines, _flags, _handler)			\
	[MVGPU_MI_OPCODE(_cmd)] = {					\
		.name = _name, .engines = _engines, .flags = _flags,	\
		.min_len = 1, .max_len = 1, .handler = _handler }

/* Other MI opcodes: _min to _max dwords, from the length field. */
#define MI_VAR(_cmd, _name, _min, _max, _engines, _flags, _handler)	\
	[MVGPU_MI_OPCODE(_cmd)] = {					\
		.name = _name, .engines = _engines,			\
		.flags = MVGPU_CMD_F_LEN_FIELD | (_flags),		\
		.min_len = _min, .max_len = _max, .handler = _handler }

/* 2D and GFX commands, found by their opcode bits. */
#define CMD(_opcode, _name, _min, _max, _engines, _handler)		\
	{ .name = _name, .opcode = _opcode, .engines = _engines,	\
	  .flags = MVGPU_CMD_F_LEN_FIELD,				\
	  .min_len = _min, .max_len = _max, .handler = _handler }

const struct mvgpu_cmd_desc mvgpu_cmd_mi_table[MVGPU_CMD_MI_OPCODES] = {
	MI_ONE(MVGPU_MI_NOOP, "MI_NOOP", ALL, 0, NULL),
	MI_ONE(MVGPU_MI_USER_INTERRUPT, "MI_USER_INTERRUPT", ALL, 0,
	       handle_user_interrupt),
	MI_ONE(MVGPU_MI_ARB_CHECK, "MI_ARB_CHECK", ALL, 0, NULL),
	MI_ONE(MVGPU_MI_BATCH_BUFFER_END, "MI_BATCH_BUFFER_END", ALL, BB_END,
	       NULL),
	MI_VAR(MVGPU_MI_STORE_DATA_IMM, "MI_STORE_DATA_IMM", 4, 5, ALL, 0,
	       handle_store_data_imm),
	MI_VAR(MVGPU_MI_LOAD_REGISTER_IMM, "MI_LOAD_REGISTER_IMM", 3, LEN_MAX,
	       ALL, 0, handle_load_register_imm),
	MI_VAR(MVGPU_MI_FLUSH_DW, "MI_FLUSH_DW", 4, 5, BCS, 0,
	       handle_flush_dw),
	MI_VAR(MVGPU_MI_BATCH_BUFFER_START, "MI_BATCH_BUFFER_START",
	       LEN(MVGPU_MI_BATCH_BUFFER_START),
	       LEN(MVGPU_MI_BATCH_BUFFER_START), ALL, BB_START,
	       handle_bb_start),
};
EXPORT_SYMBOL_IF_KUNIT(mvgpu_cmd_mi_table);

static const struct mvgpu_cmd_desc blt_cmds[] = {
	CMD(MVGPU_2D_OPCODE(MVGPU_XY_COLOR_BLT), "XY_COLOR_BLT",
	    LEN(MVGPU_XY_COLOR_BLT), LEN(MVGPU_XY_COLOR_BLT), BCS,
	    handle_color_blt),
	CMD(MVGPU_2D_OPCODE(MVGPU_XY_SRC_COPY_BLT), "XY_SRC_COPY_BLT",
	    LEN(MVGPU_XY_SRC_COPY_BLT), LEN(MVGPU_XY_SRC_COPY_BLT), BCS,
	    handle_src_copy_blt),
};

static const struct mvgpu_cmd_desc gfx_cmds[] = {
	CMD(MVGPU_GFX_OPCODE(MVGPU_PIPE_CONTROL), "PIPE_CONTROL",
	    LEN(MVGPU_PIPE_CONTROL), LEN(MVGPU_PIPE_CONTROL), RCS,
	    handle_pipe_control),
	CMD(MVGPU_GFX_OPCODE(MVGPU_COMPUTE), "MVGPU_COMPUTE",
	    LEN(MVGPU_COMPUTE), LEN(MVGPU_COMPUTE), RCS, handle_compute),
};

static const struct mvgpu_cmd_desc *
find(const struct mvgpu_cmd_desc *t, unsigned int n, u32 opcode)
{
	for (; n; t++, n--)
		if (t->opcode == opcode)
			return t;
	return NULL;
}

/**
 * mvgpu_cmd_lookup_other() - the descriptor of a 2D or GFX command
 * @header: the command's first dword, not an MI command
 *
 * The out-of-line part of mvgpu_cmd_lookup().
 *
 * Return: the descriptor, or NULL for an unknown command.
 */
const struct mvgpu_cmd_desc *mvgpu_cmd_lookup_other(u32 header)
{
	switch (MVGPU_CMD_TYPE(header)) {
	case MVGPU_CMD_TYPE_2D:
		return find(blt_cmds, ARRAY_SIZE(blt_cmds),
			    MVGPU_2D_OPCODE(header));
	case MVGPU_CMD_TYPE_GFX:
		return find(gfx_cmds, ARRAY_SIZE(gfx_cmds),
			    MVGPU_GFX_OPCODE(header));
	default:
		return NULL;
	}
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_cmd_lookup_other);
