// SPDX-License-Identifier: GPL-2.0-only
/*
 * BAR0 access dispatch: splits accesses into register dwords, enforces the
 * access rules and reports unknown offsets once per vGPU.
 *
 * Rules (Documentation/gpu/mvgpu/programming-model.rst): reads of 1, 2, 4
 * or 8 naturally aligned bytes; register writes of 4 or 8 naturally aligned
 * bytes (an 8-byte access is two dwords, low first).  Anything else is
 * -EINVAL and counted.  The upper half of BAR0 is the GTT (core/gtt.c).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/errno.h>
#include <linux/lockdep.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <kunit/visibility.h>

#include "mvgpu_drv.h"
#include "core/trace.h"

static bool mmio_access_valid(u64 offset, unsigned int bytes, bool write)
{
	if (bytes != 1 && bytes != 2 && bytes != 4 && bytes != 8)
		return false;
	if (write && bytes < 4)
		return false;
	if (!IS_ALIGNED(offset, bytes))
		return false;
	return offset < MVGPU_BAR0_SIZE && bytes <= MVGPU_BAR0_SIZE - offset;
}

static void report_unknown(struct mvgpu_vgpu *vgpu, u32 offset, bool write)
{
	unsigned long key = offset / 4;

	lockdep_assert_held(&vgpu->lock);
	vgpu->stats.unknown_mmio++;
	trace_mvgpu_mmio_unknown(vgpu->id, write, offset);
	if (xa_load(&vgpu->unknown_mmio, key))
		return;
	if (vgpu->nr_unknown_tracked >= MVGPU_UNKNOWN_MMIO_TRACKED)
		return;
	if (xa_err(xa_store(&vgpu->unknown_mmio, key, xa_mk_value(write),
			    GFP_KERNEL)))
		return;
	if (++vgpu->nr_unknown_tracked == MVGPU_UNKNOWN_MMIO_TRACKED)
		mvgpu_vgpu_warn(vgpu, "unknown MMIO offsets: further ones not reported\n");
	mvgpu_vgpu_warn(vgpu, "unknown MMIO %s at %#x: reads as 0, writes dropped\n",
			write ? "write" : "read", offset);
}

static int count_bad(struct mvgpu_vgpu *vgpu, int ret)
{
	if (ret) {
		mutex_lock(&vgpu->lock);
		vgpu->stats.bad_access++;
		mutex_unlock(&vgpu->lock);
	}
	return ret;
}

static u32 read_dword(struct mvgpu_vgpu *vgpu, u32 offset)
{
	bool known;
	u32 val = mvgpu_reg_read(vgpu, offset, &known);

	if (!known)
		report_unknown(vgpu, offset, false);
	return val;
}

static void write_dword(struct mvgpu_vgpu *vgpu, u32 offset, u32 val)
{
	if (!mvgpu_reg_write(vgpu, offset, val))
		report_unknown(vgpu, offset, true);
}

/**
 * mvgpu_mmio_read() - a guest read of BAR0
 * @vgpu: the vGPU
 * @offset: BAR0 offset
 * @buf: destination, @bytes long
 * @bytes: 1, 2, 4 or 8
 *
 * Return: 0, or -EINVAL for a bad size, alignment or range.
 */
int mvgpu_mmio_read(struct mvgpu_vgpu *vgpu, u64 offset, void *buf,
		    unsigned int bytes)
{
	u32 dw[2];
	u32 base = ALIGN_DOWN(offset, 4);

	if (offset >= MVGPU_GTT_OFFSET && offset < MVGPU_BAR0_SIZE)
		return count_bad(vgpu, mvgpu_gtt_mmio_read(vgpu,
				 offset - MVGPU_GTT_OFFSET, buf, bytes));
	mutex_lock(&vgpu->lock);
	if (!mmio_access_valid(offset, bytes, false)) {
		vgpu->stats.bad_access++;
		mutex_unlock(&vgpu->lock);
		mvgpu_vgpu_dbg(vgpu, "bad BAR0 read of %u bytes at %#llx\n",
			       bytes, offset);
		return -EINVAL;
	}
	vgpu->stats.mmio_reads++;
	dw[0] = read_dword(vgpu, base);
	if (bytes == 8)
		dw[1] = read_dword(vgpu, base + 4);
	/* Reads change no state that needs deferred work. */
	mutex_unlock(&vgpu->lock);

	if (bytes == 8) {
		put_unaligned_le32(dw[0], buf);
		put_unaligned_le32(dw[1], buf + 4);
	} else {
		u32 v = dw[0] >> (8 * (offset - base));

		switch (bytes) {
		case 4:
			put_unaligned_le32(v, buf);
			break;
		case 2:
			put_unaligned_le16(v, buf);
			break;
		default:
			*(u8 *)buf = v;
			break;
		}
	}
	trace_mvgpu_mmio(vgpu->id, false, offset,
			 bytes == 8 ? get_unaligned_le64(buf) : dw[0], bytes);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_mmio_read);

/**
 * mvgpu_mmio_write() - a guest write of BAR0
 * @vgpu: the vGPU
 * @offset: BAR0 offset
 * @buf: source, @bytes long
 * @bytes: 4 or 8
 *
 * Return: 0, or -EINVAL for a bad size, alignment or range.
 */
int mvgpu_mmio_write(struct mvgpu_vgpu *vgpu, u64 offset, const void *buf,
		     unsigned int bytes)
{
	if (offset >= MVGPU_GTT_OFFSET && offset < MVGPU_BAR0_SIZE)
		return count_bad(vgpu, mvgpu_gtt_mmio_write(vgpu,
				 offset - MVGPU_GTT_OFFSET, buf, bytes));
	mutex_lock(&vgpu->lock);
	if (!mmio_access_valid(offset, bytes, true)) {
		vgpu->stats.bad_access++;
		mutex_unlock(&vgpu->lock);
		mvgpu_vgpu_dbg(vgpu, "bad BAR0 write of %u bytes at %#llx\n",
			       bytes, offset);
		return -EINVAL;
	}
	vgpu->stats.mmio_writes++;
	trace_mvgpu_mmio(vgpu->id, true, offset,
			 bytes == 8 ? get_unaligned_le64(buf) :
			 get_unaligned_le32(buf), bytes);
	write_dword(vgpu, offset, get_unaligned_le32(buf));
	if (bytes == 8)
		write_dword(vgpu, offset + 4, get_unaligned_le32(buf + 4));
	mvgpu_vgpu_unlock(vgpu);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_mmio_write);
