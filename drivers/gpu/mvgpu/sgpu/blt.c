// SPDX-License-Identifier: GPL-2.0-only
/*
 * Software GPU blitter: XY_COLOR_BLT and XY_SRC_COPY_BLT at 32 bits per
 * pixel.
 *
 * Rectangles are [x1, x2) x [y1, y2) in pixels; a pixel (x, y) of a
 * surface at address A with pitch P (bytes, unsigned) is at A + y * P +
 * x * 4.  An empty rectangle does nothing.  Write-enable bits 21 (alpha)
 * and 20 (colour) of the command dword select which bytes of each pixel
 * change.  Rows move in chunks of SGPU_CHUNK bytes through the engine's
 * bounce buffers; the stop request is looked at between rows, and the
 * rows done are kept in the cursor so a stopped blit can continue.
 * Surface addresses are in the address space of the buffer executing
 * (sgpu_exec_as()): the GGTT, or a PPGTT batch's per-process space.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/minmax.h>
#include <linux/sched.h>

#include "sgpu/sgpu.h"

#define BLT_WRITE_ALPHA		BIT(21)
#define BLT_WRITE_COLOR		BIT(20)
static_assert((BLT_WRITE_ALPHA | BLT_WRITE_COLOR) == MVGPU_BLT_WRITE_RGB);

#define BLT_PITCH(dw)		((dw) & 0xffff)
#define BLT_X(dw)		((dw) & 0xffff)
#define BLT_Y(dw)		((dw) >> 16)

/**
 * struct blt - one blit, decoded
 * @as: the address space of @dst and @src
 * @dst: graphics address of the destination surface
 * @dst_pitch: its pitch in bytes
 * @src: graphics address of the source surface (copies)
 * @src_pitch: its pitch in bytes
 * @dx: destination x1
 * @dy: destination y1
 * @sx: source x1
 * @sy: source y1
 * @width: bytes per row
 * @height: rows
 * @mask: bits of each pixel written (little-endian pixel value)
 * @color: fill colour (fills)
 */
struct blt {
	const struct sgpu_as *as;
	u64 dst;
	u32 dst_pitch;
	u64 src;
	u32 src_pitch;
	u32 dx, dy, sx, sy;
	u32 width;
	u32 height;
	u32 mask;
	u32 color;
};

static u32 write_mask(u32 dw0)
{
	u32 mask = 0;

	if (dw0 & BLT_WRITE_ALPHA)
		mask |= GENMASK(31, 24);
	if (dw0 & BLT_WRITE_COLOR)
		mask |= GENMASK(23, 0);
	return mask;
}

/*
 * An empty rectangle writes and reads nothing, so, as the parser does
 * (and the programming model says), only BR13 matters then: its
 * addresses are not checked, whatever their alignment.
 */
static bool blt_empty(const struct blt *b)
{
	return !b->width || !b->height;
}

/* Decode BR13 and the destination rectangle shared by both blits. */
static int decode_dst(struct sgpu_exec_state *st, const u32 *cmd, u32 rop,
		      struct blt *b)
{
	u32 br13 = cmd[1];

	if ((br13 & MVGPU_BLT_DEPTH_MASK) != MVGPU_BLT_DEPTH_32BPP ||
	    (br13 & MVGPU_BLT_ROP_MASK) != rop)
		return sgpu_exec_error(st, MVGPU_ERR_BAD_FIELD);
	b->dst_pitch = BLT_PITCH(br13);
	b->dx = BLT_X(cmd[2]);
	b->dy = BLT_Y(cmd[2]);
	b->width = BLT_X(cmd[3]) > b->dx ? (BLT_X(cmd[3]) - b->dx) * 4 : 0;
	b->height = BLT_Y(cmd[3]) > b->dy ? BLT_Y(cmd[3]) - b->dy : 0;
	b->dst = (u64)cmd[5] << 32 | cmd[4];
	b->as = sgpu_exec_as(st);
	b->mask = write_mask(cmd[0]);
	if (!blt_empty(b) && !IS_ALIGNED(b->dst, 4))
		return sgpu_exec_error(st, MVGPU_ERR_BAD_FIELD);
	return 0;
}

/* Merge @n bytes of new pixels in @px into the old ones in @old. */
static void merge(u32 mask, __le32 *px, const __le32 *old, u32 n)
{
	__le32 m = cpu_to_le32(mask);
	u32 i;

	for (i = 0; i < n / 4; i++)
		px[i] = (px[i] & m) | (old[i] & ~m);
}

/*
 * Write @n bytes from @px to @gm honouring the write mask; @old is a
 * bounce buffer for the read-modify-write of a partial mask.
 */
static int put_pixels(struct sgpu_engine *e, const struct blt *b, u64 gm,
		      __le32 *px, __le32 *old, u32 n)
{
	if (!b->mask)
		return 0;
	if (b->mask != U32_MAX) {
		if (sgpu_mem_read(e->gpu, b->as, gm, old, n))
			return -EFAULT;
		merge(b->mask, px, old, n);
	}
	return sgpu_mem_write(e->gpu, b->as, gm, px, n);
}

static int fill_row(struct sgpu_engine *e, const struct blt *b, u64 row)
{
	__le32 *px = e->bounce[0];
	u32 off, n, i;

	for (off = 0; off < b->width; off += n) {
		n = min(b->width - off, SGPU_CHUNK);
		for (i = 0; i < n / 4; i++)
			px[i] = cpu_to_le32(b->color);
		if (put_pixels(e, b, row + off, px, e->bounce[1], n))
			return -EFAULT;
	}
	return 0;
}

/**
 * sgpu_exec_color_blt() - XY_COLOR_BLT: fill a rectangle with a colour
 * @e: engine
 * @st: execution state (cursor: rows done)
 * @cmd: the command, MVGPU_CMD_LEN(MVGPU_XY_COLOR_BLT) dwords
 *
 * Return: 0, SGPU_CMD_STOPPED, or -EIO (engine error recorded).
 */
int sgpu_exec_color_blt(struct sgpu_engine *e, struct sgpu_exec_state *st,
			const u32 *cmd)
{
	struct blt b = { .color = cmd[6] };
	int ret;

	ret = decode_dst(st, cmd, MVGPU_BLT_ROP_PATCOPY, &b);
	if (ret)
		return ret;
	for (; st->cursor.done < b.height; st->cursor.done++) {
		u64 y = b.dy + st->cursor.done;

		if (sgpu_engine_should_stop(e))
			return SGPU_CMD_STOPPED;
		if (fill_row(e, &b, b.dst + y * b.dst_pitch + b.dx * 4))
			return sgpu_exec_error(st, MVGPU_ERR_ADDRESS);
		cond_resched();
	}
	return 0;
}

/*
 * Copy one row of @b->width bytes; chunks go right to left when @back, so
 * that an overlapping destination to the right of the source is correct.
 */
static int copy_row(struct sgpu_engine *e, const struct blt *b, u64 drow,
		    u64 srow, bool back)
{
	u32 done, n, off;

	for (done = 0; done < b->width; done += n) {
		n = min(b->width - done, SGPU_CHUNK);
		off = back ? b->width - done - n : done;
		if (sgpu_mem_read(e->gpu, b->as, srow + off, e->bounce[0], n) ||
		    put_pixels(e, b, drow + off, e->bounce[0], e->bounce[1], n))
			return -EFAULT;
	}
	return 0;
}

/**
 * sgpu_exec_src_copy_blt() - XY_SRC_COPY_BLT: copy a rectangle
 * @e: engine
 * @st: execution state (cursor: rows done)
 * @cmd: the command, MVGPU_CMD_LEN(MVGPU_XY_SRC_COPY_BLT) dwords
 *
 * Overlapping source and destination copy like memmove(): when the
 * destination's first pixel lies above the source's in graphics memory,
 * rows go bottom up and each row right to left.  (Overlap is judged by
 * graphics address; two addresses mapping the same page are not seen.)
 *
 * Return: 0, SGPU_CMD_STOPPED, or -EIO (engine error recorded).
 */
int sgpu_exec_src_copy_blt(struct sgpu_engine *e, struct sgpu_exec_state *st,
			   const u32 *cmd)
{
	struct blt b = {};
	bool back;
	int ret;

	ret = decode_dst(st, cmd, MVGPU_BLT_ROP_SRCCOPY, &b);
	if (ret)
		return ret;
	b.sx = BLT_X(cmd[6]);
	b.sy = BLT_Y(cmd[6]);
	b.src_pitch = BLT_PITCH(cmd[7]);
	b.src = (u64)cmd[9] << 32 | cmd[8];
	if (!blt_empty(&b) && !IS_ALIGNED(b.src, 4))
		return sgpu_exec_error(st, MVGPU_ERR_BAD_FIELD);

	back = b.dst + (u64)b.dy * b.dst_pitch + b.dx * 4 >
	       b.src + (u64)b.sy * b.src_pitch + b.sx * 4;
	for (; st->cursor.done < b.height; st->cursor.done++) {
		u64 r = back ? b.height - 1 - st->cursor.done : st->cursor.done;
		u64 drow = b.dst + (b.dy + r) * b.dst_pitch + b.dx * 4;
		u64 srow = b.src + (b.sy + r) * b.src_pitch + b.sx * 4;

		if (sgpu_engine_should_stop(e))
			return SGPU_CMD_STOPPED;
		if (copy_row(e, &b, drow, srow, back))
			return sgpu_exec_error(st, MVGPU_ERR_ADDRESS);
		cond_resched();
	}
	return 0;
}
