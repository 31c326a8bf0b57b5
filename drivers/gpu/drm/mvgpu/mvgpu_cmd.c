// SPDX-License-Identifier: GPL-2.0-only
/*
 * mvgpu_drm: the batch validator.
 *
 * The host audits every command against the vGPU's memory, but the vGPU
 * is one protection domain to the host: isolating the guest's processes
 * from one another is this driver's job.  A process's batch runs in its
 * own address space (MVGPU_BB_PPGTT), where its addresses can only reach
 * its own objects and the driver's batch window.  What would escape that
 * is refused here, before the batch is copied into the window:
 *
 *  - an operand in the global GTT (MI_USE_GGTT, FLUSH_DW_USE_GGTT,
 *    PC_GLOBAL_GTT), which holds the rings and other processes' scanout;
 *  - MI_LOAD_REGISTER_IMM (it could load another space's root) and
 *    MI_BATCH_BUFFER_START (the batch must be what was validated);
 *  - a write reaching @write_limit: the batch window above it;
 *  - an unknown command, a command of the other engine, a command that
 *    runs past the end, a batch without MI_BATCH_BUFFER_END.
 * Field values the host checks (pitches, alignment, kernels) are left to
 * it: a job it refuses fails with -EIO and its process is told why.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <kunit/visibility.h>

#include "mvgpu_drv.h"

static u64 qw(const u32 *c, unsigned int i)
{
	return c[i] | (u64)c[i + 1] << 32;
}

/* Is [@addr, @addr + @len) below @limit (and not wrapping)? */
static bool write_ok(u64 addr, u64 len, u64 limit)
{
	return addr + len >= addr && addr + len <= limit;
}

/* The bytes a 32 bpp blit rectangle (x1, y1)-(x2, y2) of @dst touches. */
static bool blt_dst_ok(const u32 *c, u64 dst, u64 limit)
{
	u32 pitch = c[1] & 0xffff;
	u32 x1 = c[2] & 0xffff, y1 = c[2] >> 16;
	u32 x2 = c[3] & 0xffff, y2 = c[3] >> 16;

	if (x2 <= x1 || y2 <= y1)
		return true;	/* writes nothing */
	return write_ok(dst + (u64)y1 * pitch,
			(u64)(y2 - y1) * pitch + 4ull * x2, limit);
}

static int refuse(struct mvgpu_cmd_error *err, const char *what)
{
	err->what = what;
	return -EINVAL;
}

/* One command at @c of @n dwords (@n >= its length); its length, or -errno. */
static int mvgpu_cmd_one(const u32 *c, u32 n, unsigned int engine,
			 u64 limit, struct mvgpu_cmd_error *err, bool *end)
{
	u32 op, len = 1;

	switch (MVGPU_CMD_TYPE(c[0])) {
	case MVGPU_CMD_TYPE_MI:
		op = MVGPU_MI_OPCODE(c[0]);
		if (op < 0x10) {
			if (c[0] == MVGPU_MI_BATCH_BUFFER_END)
				*end = true;
			else if (c[0] != MVGPU_MI_NOOP &&
				 c[0] != MVGPU_MI_USER_INTERRUPT &&
				 c[0] != MVGPU_MI_ARB_CHECK)
				return refuse(err, "unknown MI command");
			return 1;
		}
		len = MVGPU_CMD_LEN(c[0]);
		if (len > n)
			return refuse(err, "command runs past the end");
		switch (op) {
		case MVGPU_MI_OPCODE(MVGPU_MI_STORE_DATA_IMM):
			if (len != 4 && len != 5)
				return refuse(err, "MI_STORE_DATA_IMM length");
			if (c[0] & MVGPU_MI_USE_GGTT)
				return refuse(err, "global GTT operand");
			if (!write_ok(qw(c, 1), len == 4 ? 4 : 8, limit))
				return refuse(err, "write outside the process's space");
			return len;
		case MVGPU_MI_OPCODE(MVGPU_MI_FLUSH_DW):
			if (engine != MVGPU_ENGINE_BCS)
				return refuse(err, "MI_FLUSH_DW on the render engine");
			if (len != 4 && len != 5)
				return refuse(err, "MI_FLUSH_DW length");
			if (!(c[0] & MVGPU_FLUSH_DW_POST_SYNC))
				return len;
			if (c[1] & MVGPU_FLUSH_DW_USE_GGTT)
				return refuse(err, "global GTT operand");
			if (!write_ok(qw(c, 1) & ~7ull, len == 4 ? 4 : 8, limit))
				return refuse(err, "write outside the process's space");
			return len;
		case MVGPU_MI_OPCODE(MVGPU_MI_LOAD_REGISTER_IMM):
			return refuse(err, "MI_LOAD_REGISTER_IMM");
		case MVGPU_MI_OPCODE(MVGPU_MI_BATCH_BUFFER_START):
			return refuse(err, "MI_BATCH_BUFFER_START");
		default:
			return refuse(err, "unknown MI command");
		}
	case MVGPU_CMD_TYPE_2D:
		len = MVGPU_CMD_LEN(c[0]);
		if (len > n)
			return refuse(err, "command runs past the end");
		if (engine != MVGPU_ENGINE_BCS)
			return refuse(err, "blit on the render engine");
		op = MVGPU_2D_OPCODE(c[0]);
		if ((op == MVGPU_2D_OPCODE(MVGPU_XY_COLOR_BLT) &&
		     len == MVGPU_CMD_LEN(MVGPU_XY_COLOR_BLT)) ||
		    (op == MVGPU_2D_OPCODE(MVGPU_XY_SRC_COPY_BLT) &&
		     len == MVGPU_CMD_LEN(MVGPU_XY_SRC_COPY_BLT))) {
			if (!blt_dst_ok(c, qw(c, 4), limit))
				return refuse(err, "write outside the process's space");
			return len;
		}
		return refuse(err, "unknown blit");
	case MVGPU_CMD_TYPE_GFX:
		len = MVGPU_CMD_LEN(c[0]);
		if (len > n)
			return refuse(err, "command runs past the end");
		if (engine != MVGPU_ENGINE_RCS)
			return refuse(err, "render command on the copy engine");
		op = MVGPU_GFX_OPCODE(c[0]);
		if (op == MVGPU_GFX_OPCODE(MVGPU_PIPE_CONTROL) &&
		    len == MVGPU_CMD_LEN(MVGPU_PIPE_CONTROL)) {
			if (!(c[1] & MVGPU_PC_POST_SYNC))
				return len;
			if (c[1] & MVGPU_PC_GLOBAL_GTT)
				return refuse(err, "global GTT operand");
			if (!write_ok(qw(c, 2), 8, limit))
				return refuse(err, "write outside the process's space");
			return len;
		}
		if (op == MVGPU_GFX_OPCODE(MVGPU_COMPUTE) &&
		    len == MVGPU_CMD_LEN(MVGPU_COMPUTE)) {
			u64 bytes = c[1] == MVGPU_KERNEL_SAXPY ? 4ull * c[2] : 4;

			if (!write_ok(qw(c, 7), bytes, limit))
				return refuse(err, "write outside the process's space");
			return len;
		}
		return refuse(err, "unknown render command");
	default:
		return refuse(err, "unknown command type");
	}
}

/**
 * mvgpu_drm_cmd_validate - check a process's batch before it runs
 * @cmds: the batch (a kernel copy)
 * @len: its size in bytes, a multiple of 4
 * @engine: the engine it is for
 * @write_limit: the first address no command may write
 * @err: out, where and why it was refused
 *
 * Return: 0 when the batch may run in the process's address space, or
 * -EINVAL with @err filled in.
 */
int mvgpu_drm_cmd_validate(const u32 *cmds, u32 len, unsigned int engine,
			   u64 write_limit, struct mvgpu_cmd_error *err)
{
	u32 n = len / 4, i = 0;
	bool end = false;

	err->offset = 0;
	err->what = NULL;
	if (!len || len % 4)
		return refuse(err, "batch size");
	while (i < n && !end) {
		int ret = mvgpu_cmd_one(cmds + i, n - i, engine, write_limit,
					err, &end);

		if (ret < 0) {
			err->offset = 4 * i;
			return ret;
		}
		i += ret;
	}
	if (!end) {
		err->offset = len;
		return refuse(err, "no MI_BATCH_BUFFER_END");
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_drm_cmd_validate);
