// SPDX-License-Identifier: GPL-2.0-only
/*
 * Software GPU command executor: walks a workload's stream command by
 * command, follows batch buffers, and executes the MI commands and
 * PIPE_CONTROL itself (blits: blt.c, compute: compute.c).
 *
 * Execution model (include/uapi/linux/mvgpu.h, "Commands"):
 *  - The stream [start, start + size) is the ring level.  A command must
 *    not cross its end.  MI_BATCH_BUFFER_END there is a no-op.
 *  - MI_BATCH_BUFFER_START in the ring calls a first-level batch, which
 *    returns to the ring at its MI_BATCH_BUFFER_END (MVGPU_BB_SECOND_LEVEL
 *    is invalid there).  In a batch it jumps (chains: the new batch
 *    replaces the current one at the same level), unless
 *    MVGPU_BB_SECOND_LEVEL is set in a first-level batch: then it calls a
 *    second-level batch, which returns to the first level.  A deeper call
 *    is an engine error.  (The core's parser is stricter: it allows no
 *    BB_START at all in a second-level batch.)
 *  - Commands are fetched through the GPU's GGTT, batches included.  The
 *    memory operands of commands in the ring and in batches started
 *    without MVGPU_BB_PPGTT are GGTT addresses too.  In a batch started
 *    with MVGPU_BB_PPGTT they are addresses of the per-process space
 *    rooted at the PML4 register's value when that MI_BATCH_BUFFER_START
 *    executed (MI_LOAD_REGISTER_IMM loads the register), except for
 *    operands whose command sets its own GGTT bit (MI_USE_GGTT,
 *    MVGPU_FLUSH_DW_USE_GGTT, MVGPU_PC_GLOBAL_GTT).  A chained or called
 *    batch gets its space from its own BB_START.  Each frame of the stack
 *    keeps its space (struct sgpu_exec_frame), and mem.c translates
 *    (sgpu_mem_read() and sgpu_mem_write()).
 *  - Unknown commands, bad fields and untranslatable addresses stop the
 *    workload with an engine error; nothing is written for the failing
 *    command (a long command keeps what its earlier chunks wrote).
 *
 * Every command boundary is a stop point: sgpu_exec_run() looks at the
 * stop request before fetching each command, and long commands look
 * between chunks.  struct sgpu_exec_state holds the whole position (ring
 * offset, batch stack, progress inside a long command); a preemption saves
 * it into the workload's context image (sgpu_exec_save()) and the next
 * submission loads it back (sgpu_exec_start()), so execution resumes
 * exactly where it stopped, inside batch buffers and long commands too.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/bits.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <asm/byteorder.h>
#include <kunit/visibility.h>

#include "sgpu/sgpu.h"

/**
 * sgpu_exec_error() - record an engine error at the current command
 * @st: execution state
 * @error: MVGPU_ERR_*
 *
 * Return: -EIO, for command handlers to return.
 */
int sgpu_exec_error(struct sgpu_exec_state *st, u32 error)
{
	const struct sgpu_exec_frame *fr = &st->stack[st->depth];

	st->error = error;
	st->error_buf = fr->buf;
	st->error_offset = fr->pos - fr->buf;
	return -EIO;
}

/**
 * sgpu_exec_start() - position the executor at a workload's start
 * @st: execution state
 * @wl: the workload; execution starts at @wl->head bytes into its stream,
 *	or, for a resumption (MVGPU_WL_RESUME), where its context image says
 *	a preemption stopped it
 */
void sgpu_exec_start(struct sgpu_exec_state *st,
		     const struct mvgpu_hw_workload *wl)
{
	const struct sgpu_context *ctx = wl->ctx;
	unsigned int i;

	memset(st, 0, sizeof(*st));
	st->ring_end = wl->start + wl->size;
	st->saveable = !!ctx;
	if (ctx && (wl->flags & MVGPU_WL_RESUME) && ctx->saved &&
	    ctx->depth <= SGPU_EXEC_MAX_DEPTH) {
		st->depth = ctx->depth;
		for (i = 0; i <= st->depth; i++)
			st->stack[i] = ctx->stack[i];
		st->cursor = ctx->cursor;
		return;
	}
	st->stack[0].buf = wl->start;
	st->stack[0].pos = wl->start + wl->head;
}
EXPORT_SYMBOL_IF_KUNIT(sgpu_exec_start);

/**
 * sgpu_exec_save() - save where a stopped workload stands
 * @st: its execution state, after sgpu_exec_run() returned
 *	SGPU_EXEC_STOPPED
 * @ctx: the workload's context image
 */
void sgpu_exec_save(const struct sgpu_exec_state *st,
		    struct sgpu_context *ctx)
{
	unsigned int i;

	ctx->saved = 1;
	ctx->depth = st->depth;
	memset(ctx->stack, 0, sizeof(ctx->stack));
	for (i = 0; i <= st->depth; i++)
		ctx->stack[i] = st->stack[i];
	ctx->cursor = st->cursor;
}

static u64 addr64(u32 lo, u32 hi)
{
	return (u64)hi << 32 | lo;
}

/*
 * The address space of a store's operand: the GGTT when the command sets
 * its GGTT bit, else the current buffer's.
 */
static const struct sgpu_as *store_as(const struct sgpu_exec_state *st,
				      bool ggtt)
{
	return ggtt ? &sgpu_as_ggtt : sgpu_exec_as(st);
}

/* Store @ndw dwords (little-endian in memory) at address @gm of @as. */
static int store(struct sgpu_engine *e, struct sgpu_exec_state *st,
		 const struct sgpu_as *as, u64 gm, const u32 *data, u32 ndw)
{
	__le32 buf[2];
	u32 i;

	for (i = 0; i < ndw; i++)
		buf[i] = cpu_to_le32(data[i]);
	if (sgpu_mem_write(e->gpu, as, gm, buf, ndw * 4))
		return sgpu_exec_error(st, MVGPU_ERR_ADDRESS);
	return 0;
}

static int exec_store_data_imm(struct sgpu_engine *e,
			       struct sgpu_exec_state *st, const u32 *cmd,
			       u32 len)
{
	u64 gm = addr64(cmd[1], cmd[2]);

	if ((len != 4 && len != 5) || !IS_ALIGNED(gm, 4))
		return sgpu_exec_error(st, MVGPU_ERR_BAD_FIELD);
	return store(e, st, store_as(st, cmd[0] & MVGPU_MI_USE_GGTT), gm,
		     &cmd[3], len - 3);
}

/*
 * The 64-bit register of this engine that MI_LOAD_REGISTER_IMM may load at
 * MMIO offset @reg (the general purpose registers and PML4), or NULL;
 * @upper says which half @reg is.
 */
static u64 *lri_reg(struct sgpu_engine *e, u32 reg, bool *upper)
{
	u32 base = MVGPU_RING_BASE(e->id);
	u32 gpr0 = MVGPU_CS_GPR(base, 0);

	if (!IS_ALIGNED(reg, 4))
		return NULL;
	*upper = reg & 4;
	if (reg >= gpr0 && reg < MVGPU_CS_GPR(base, MVGPU_NUM_GPRS))
		return &e->gpr[(reg - gpr0) / 8];
	if (reg == MVGPU_RING_PML4_LDW(base) ||
	    reg == MVGPU_RING_PML4_UDW(base))
		return &e->pml4;
	return NULL;
}

/*
 * Register pairs of MI_LOAD_REGISTER_IMM: only this engine's GPRs and
 * PML4, each dword loading one half of its register.
 */
static int exec_load_register_imm(struct sgpu_engine *e,
				  struct sgpu_exec_state *st, const u32 *cmd,
				  u32 len)
{
	bool upper;
	u32 i;

	if (len % 2 == 0)
		return sgpu_exec_error(st, MVGPU_ERR_BAD_FIELD);
	/* All or nothing: check every pair before loading any. */
	for (i = 1; i < len; i += 2)
		if (!lri_reg(e, cmd[i], &upper))
			return sgpu_exec_error(st, MVGPU_ERR_REGISTER);
	for (i = 1; i < len; i += 2) {
		u64 *reg = lri_reg(e, cmd[i], &upper);

		if (upper)
			WRITE_ONCE(*reg, (*reg & GENMASK_ULL(31, 0)) |
					 (u64)cmd[i + 1] << 32);
		else
			WRITE_ONCE(*reg, (*reg & GENMASK_ULL(63, 32)) |
					 cmd[i + 1]);
	}
	return 0;
}

/*
 * Flush (a no-op: the model has no caches, and no TLB to invalidate), then
 * the post-sync store.
 */
static int exec_flush_dw(struct sgpu_engine *e, struct sgpu_exec_state *st,
			 const u32 *cmd, u32 len)
{
	u32 op = cmd[0] & MVGPU_FLUSH_DW_POST_SYNC;

	if (len != 4 && len != 5)
		return sgpu_exec_error(st, MVGPU_ERR_BAD_FIELD);
	if (!op)
		return 0;
	if (op != MVGPU_FLUSH_DW_STORE_DATA)
		return sgpu_exec_error(st, MVGPU_ERR_BAD_FIELD);
	/* Bit 2 of the address dword selects the GGTT; bits 2:0 are flags. */
	return store(e, st, store_as(st, cmd[1] & MVGPU_FLUSH_DW_USE_GGTT),
		     addr64(cmd[1] & ~7u, cmd[2]), &cmd[3], len - 3);
}

static int exec_pipe_control(struct sgpu_engine *e,
			     struct sgpu_exec_state *st, const u32 *cmd,
			     u32 len)
{
	u32 op = cmd[1] & MVGPU_PC_POST_SYNC;

	if (len != 6)
		return sgpu_exec_error(st, MVGPU_ERR_BAD_FIELD);
	if (!op)
		return 0;
	if (op != MVGPU_PC_WRITE_IMM || !IS_ALIGNED(cmd[2], 8))
		return sgpu_exec_error(st, MVGPU_ERR_BAD_FIELD);
	return store(e, st, store_as(st, cmd[1] & MVGPU_PC_GLOBAL_GTT),
		     addr64(cmd[2], cmd[3]), &cmd[4], 2);
}

/*
 * The batch at GGTT address @gm is fetched through the GGTT; with
 * MVGPU_BB_PPGTT its operands are in the per-process space that PML4
 * names now, whatever PML4 becomes while the batch executes.
 */
static int exec_batch_buffer_start(struct sgpu_engine *e,
				   struct sgpu_exec_state *st, const u32 *cmd,
				   u32 len)
{
	u64 gm = addr64(cmd[1], cmd[2]);
	struct sgpu_exec_frame *fr = &st->stack[st->depth];
	struct sgpu_as as = {};

	if (len != 3 || !IS_ALIGNED(gm, 4) ||
	    (!st->depth && (cmd[0] & MVGPU_BB_SECOND_LEVEL)))
		return sgpu_exec_error(st, MVGPU_ERR_BAD_FIELD);
	if (cmd[0] & MVGPU_BB_PPGTT) {
		as.ppgtt = true;
		as.pml4 = e->pml4;
	}
	if (st->depth && !(cmd[0] & MVGPU_BB_SECOND_LEVEL)) {
		/* Chain: the new batch takes the current one's place. */
		fr->buf = gm;
		fr->pos = gm;
		fr->as = as;
		return SGPU_CMD_BRANCHED;
	}
	if (st->depth == SGPU_EXEC_MAX_DEPTH)
		return sgpu_exec_error(st, MVGPU_ERR_NESTING);
	/* Call: return after this command. */
	fr->pos += len * 4;
	st->depth++;
	st->stack[st->depth] = (struct sgpu_exec_frame){
		.buf = gm, .pos = gm, .as = as,
	};
	return SGPU_CMD_BRANCHED;
}

static int exec_batch_buffer_end(struct sgpu_exec_state *st)
{
	if (!st->depth)
		return 0;
	st->depth--;
	return SGPU_CMD_BRANCHED;
}

static int exec_mi(struct sgpu_engine *e, struct sgpu_exec_state *st,
		   const u32 *cmd, u32 len)
{
	switch (MVGPU_MI_OPCODE(cmd[0])) {
	case MVGPU_MI_OPCODE(MVGPU_MI_NOOP):
	/*
	 * The core raises the user interrupt when the workload completes,
	 * so it has nothing to do here.
	 */
	case MVGPU_MI_OPCODE(MVGPU_MI_USER_INTERRUPT):
	/*
	 * An arbitration point: sgpu_exec_run() looks at the stop request
	 * before every command anyway, this one included.
	 */
	case MVGPU_MI_OPCODE(MVGPU_MI_ARB_CHECK):
		return 0;
	case MVGPU_MI_OPCODE(MVGPU_MI_BATCH_BUFFER_END):
		return exec_batch_buffer_end(st);
	case MVGPU_MI_OPCODE(MVGPU_MI_STORE_DATA_IMM):
		return exec_store_data_imm(e, st, cmd, len);
	case MVGPU_MI_OPCODE(MVGPU_MI_LOAD_REGISTER_IMM):
		return exec_load_register_imm(e, st, cmd, len);
	case MVGPU_MI_OPCODE(MVGPU_MI_FLUSH_DW):
		/* The render engine flushes with PIPE_CONTROL. */
		if (e->id != MVGPU_ENGINE_BCS)
			return sgpu_exec_error(st, MVGPU_ERR_WRONG_ENGINE);
		return exec_flush_dw(e, st, cmd, len);
	case MVGPU_MI_OPCODE(MVGPU_MI_BATCH_BUFFER_START):
		return exec_batch_buffer_start(e, st, cmd, len);
	}
	return sgpu_exec_error(st, MVGPU_ERR_UNKNOWN_OPCODE);
}

static int exec_2d(struct sgpu_engine *e, struct sgpu_exec_state *st,
		   const u32 *cmd, u32 len)
{
	switch (MVGPU_2D_OPCODE(cmd[0])) {
	case MVGPU_2D_OPCODE(MVGPU_XY_COLOR_BLT):
		if (e->id != MVGPU_ENGINE_BCS)
			return sgpu_exec_error(st, MVGPU_ERR_WRONG_ENGINE);
		if (len != MVGPU_CMD_LEN(MVGPU_XY_COLOR_BLT))
			return sgpu_exec_error(st, MVGPU_ERR_BAD_FIELD);
		return sgpu_exec_color_blt(e, st, cmd);
	case MVGPU_2D_OPCODE(MVGPU_XY_SRC_COPY_BLT):
		if (e->id != MVGPU_ENGINE_BCS)
			return sgpu_exec_error(st, MVGPU_ERR_WRONG_ENGINE);
		if (len != MVGPU_CMD_LEN(MVGPU_XY_SRC_COPY_BLT))
			return sgpu_exec_error(st, MVGPU_ERR_BAD_FIELD);
		return sgpu_exec_src_copy_blt(e, st, cmd);
	}
	return sgpu_exec_error(st, MVGPU_ERR_UNKNOWN_OPCODE);
}

static int exec_gfx(struct sgpu_engine *e, struct sgpu_exec_state *st,
		    const u32 *cmd, u32 len)
{
	switch (MVGPU_GFX_OPCODE(cmd[0])) {
	case MVGPU_GFX_OPCODE(MVGPU_PIPE_CONTROL):
		if (e->id != MVGPU_ENGINE_RCS)
			return sgpu_exec_error(st, MVGPU_ERR_WRONG_ENGINE);
		return exec_pipe_control(e, st, cmd, len);
	case MVGPU_GFX_OPCODE(MVGPU_COMPUTE):
		if (e->id != MVGPU_ENGINE_RCS)
			return sgpu_exec_error(st, MVGPU_ERR_WRONG_ENGINE);
		if (len != MVGPU_CMD_LEN(MVGPU_COMPUTE))
			return sgpu_exec_error(st, MVGPU_ERR_BAD_FIELD);
		return sgpu_exec_compute(e, st, cmd);
	}
	return sgpu_exec_error(st, MVGPU_ERR_UNKNOWN_OPCODE);
}

/* Dwords of the command starting with @dw, or 0 for an unknown type. */
static u32 cmd_len(u32 dw)
{
	switch (MVGPU_CMD_TYPE(dw)) {
	case MVGPU_CMD_TYPE_MI:
		return MVGPU_MI_OPCODE(dw) < 0x10 ? 1 : MVGPU_CMD_LEN(dw);
	case MVGPU_CMD_TYPE_2D:
	case MVGPU_CMD_TYPE_GFX:
		return MVGPU_CMD_LEN(dw);
	}
	return 0;
}

/* Read the command at the top of the stack into e->cmd, via the GGTT. */
static int fetch(struct sgpu_engine *e, struct sgpu_exec_state *st, u32 *len)
{
	const struct sgpu_exec_frame *fr = &st->stack[st->depth];
	__le32 *raw = (__le32 *)e->cmd;
	u32 i, n;

	if (sgpu_mem_read(e->gpu, &sgpu_as_ggtt, fr->pos, raw, 4))
		return sgpu_exec_error(st, MVGPU_ERR_ADDRESS);
	e->cmd[0] = le32_to_cpu(raw[0]);
	n = cmd_len(e->cmd[0]);
	if (!n)
		return sgpu_exec_error(st, MVGPU_ERR_UNKNOWN_OPCODE);
	if (!st->depth && st->ring_end - fr->pos < n * 4)
		return sgpu_exec_error(st, MVGPU_ERR_TRUNCATED);
	if (n > 1 && sgpu_mem_read(e->gpu, &sgpu_as_ggtt, fr->pos + 4, raw + 1,
				   (n - 1) * 4))
		return sgpu_exec_error(st, MVGPU_ERR_ADDRESS);
	for (i = 1; i < n; i++)
		e->cmd[i] = le32_to_cpu(raw[i]);
	*len = n;
	return 0;
}

static int exec_cmd(struct sgpu_engine *e, struct sgpu_exec_state *st,
		    u32 len)
{
	const u32 *cmd = e->cmd;

	switch (MVGPU_CMD_TYPE(cmd[0])) {
	case MVGPU_CMD_TYPE_MI:
		return exec_mi(e, st, cmd, len);
	case MVGPU_CMD_TYPE_2D:
		return exec_2d(e, st, cmd, len);
	case MVGPU_CMD_TYPE_GFX:
		return exec_gfx(e, st, cmd, len);
	}
	return sgpu_exec_error(st, MVGPU_ERR_UNKNOWN_OPCODE);
}

/**
 * sgpu_exec_run() - execute a workload from its state until it ends
 * @e: the engine executing it (its thread calls this)
 * @st: the workload's execution state, from sgpu_exec_start() or from an
 *	earlier call that returned SGPU_EXEC_STOPPED
 * @wl: the workload; its head follows the ring position
 *
 * @wl->head advances as ring-level commands complete; a ring-level
 * MI_BATCH_BUFFER_START completes when its batch returns.
 *
 * Return: why execution ended.  On SGPU_EXEC_ERROR the state's error
 * fields and @e->cmd describe the failing command.
 */
enum sgpu_exec_result sgpu_exec_run(struct sgpu_engine *e,
				    struct sgpu_exec_state *st,
				    struct mvgpu_hw_workload *wl)
{
	for (;;) {
		struct sgpu_exec_frame *fr = &st->stack[st->depth];
		u32 len;
		int ret;

		if (sgpu_engine_should_stop_at_boundary(e, st->depth))
			return SGPU_EXEC_STOPPED;
		if (!st->depth && fr->pos >= st->ring_end)
			return SGPU_EXEC_DONE;

		ret = fetch(e, st, &len);
		if (!ret)
			ret = exec_cmd(e, st, len);
		if (ret < 0)
			return SGPU_EXEC_ERROR;
		if (ret == SGPU_CMD_STOPPED)
			return SGPU_EXEC_STOPPED;
		if (!ret)
			fr->pos += len * 4;

		st->cursor = (struct sgpu_exec_cursor){};
		st->nr_cmds++;
		WRITE_ONCE(e->stats.cmds, e->stats.cmds + 1);
		if (!st->depth)
			WRITE_ONCE(wl->head, st->stack[0].pos - wl->start);
		cond_resched();
	}
}
