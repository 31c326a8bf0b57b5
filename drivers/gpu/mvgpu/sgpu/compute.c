// SPDX-License-Identifier: GPL-2.0-only
/*
 * Software GPU compute: the MVGPU_COMPUTE kernels.
 *
 *   SAXPY:    dst[i] = scalar * a[i] + b[i] for i < count (u32, wrapping),
 *             in increasing i, chunk by chunk (a chunk of a and b is read
 *             before its dst is written); a, b and dst 4-byte aligned
 *   CHECKSUM: dst[0] = FNV-1a 32 over the count * 4 bytes at a (any
 *             alignment); dst 4-byte aligned
 *
 * Elements move in chunks of SGPU_CHUNK bytes through the engine's bounce
 * buffers.  The stop request is looked at between chunks; the elements
 * done (and the running checksum) are kept in the cursor so a stopped
 * kernel can continue.  Operand addresses are in the address space of the
 * buffer executing (sgpu_exec_as()): the GGTT, or a PPGTT batch's
 * per-process space.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/minmax.h>
#include <linux/sched.h>
#include <asm/byteorder.h>

#include "sgpu/sgpu.h"

#define FNV1A_32_OFFSET		0x811c9dc5u
#define FNV1A_32_PRIME		0x01000193u
#define CHUNK_ELEMS		(SGPU_CHUNK / 4)

/**
 * struct kernel_args - MVGPU_COMPUTE operands
 * @as: the address space of @a, @b and @dst
 * @count: elements
 * @a: graphics address of source A
 * @b: graphics address of source B
 * @dst: graphics address of the destination
 * @scalar: the scalar operand
 */
struct kernel_args {
	const struct sgpu_as *as;
	u32 count;
	u64 a, b, dst;
	u32 scalar;
};

static int saxpy(struct sgpu_engine *e, struct sgpu_exec_state *st,
		 const struct kernel_args *k)
{
	__le32 *a = e->bounce[0], *b = e->bounce[1], *d = e->bounce[2];
	u32 i, n;

	if (!k->count)
		return 0;
	if (!IS_ALIGNED(k->a | k->b | k->dst, 4))
		return sgpu_exec_error(st, MVGPU_ERR_BAD_FIELD);
	while (st->cursor.done < k->count) {
		u64 off = st->cursor.done * 4;

		if (sgpu_engine_should_stop(e))
			return SGPU_CMD_STOPPED;
		n = min_t(u64, k->count - st->cursor.done, CHUNK_ELEMS);
		if (sgpu_mem_read(e->gpu, k->as, k->a + off, a, n * 4) ||
		    sgpu_mem_read(e->gpu, k->as, k->b + off, b, n * 4))
			return sgpu_exec_error(st, MVGPU_ERR_ADDRESS);
		for (i = 0; i < n; i++)
			d[i] = cpu_to_le32(k->scalar * le32_to_cpu(a[i]) +
					   le32_to_cpu(b[i]));
		if (sgpu_mem_write(e->gpu, k->as, k->dst + off, d, n * 4))
			return sgpu_exec_error(st, MVGPU_ERR_ADDRESS);
		st->cursor.done += n;
		cond_resched();
	}
	return 0;
}

static int checksum(struct sgpu_engine *e, struct sgpu_exec_state *st,
		    const struct kernel_args *k)
{
	const u8 *p = e->bounce[0];
	__le32 out;
	u32 hash, i, n;

	if (!IS_ALIGNED(k->dst, 4))
		return sgpu_exec_error(st, MVGPU_ERR_BAD_FIELD);
	hash = st->cursor.done ? st->cursor.acc : FNV1A_32_OFFSET;
	while (st->cursor.done < k->count) {
		if (sgpu_engine_should_stop(e)) {
			st->cursor.acc = hash;
			return SGPU_CMD_STOPPED;
		}
		n = min_t(u64, k->count - st->cursor.done, CHUNK_ELEMS);
		if (sgpu_mem_read(e->gpu, k->as, k->a + st->cursor.done * 4,
				  e->bounce[0], n * 4))
			return sgpu_exec_error(st, MVGPU_ERR_ADDRESS);
		for (i = 0; i < n * 4; i++)
			hash = (hash ^ p[i]) * FNV1A_32_PRIME;
		st->cursor.done += n;
		cond_resched();
	}
	out = cpu_to_le32(hash);
	if (sgpu_mem_write(e->gpu, k->as, k->dst, &out, sizeof(out)))
		return sgpu_exec_error(st, MVGPU_ERR_ADDRESS);
	return 0;
}

/**
 * sgpu_exec_compute() - MVGPU_COMPUTE: run a compute kernel
 * @e: engine
 * @st: execution state (cursor: elements done, running checksum)
 * @cmd: the command, MVGPU_CMD_LEN(MVGPU_COMPUTE) dwords
 *
 * Return: 0, SGPU_CMD_STOPPED, or -EIO (engine error recorded).
 */
int sgpu_exec_compute(struct sgpu_engine *e, struct sgpu_exec_state *st,
		      const u32 *cmd)
{
	struct kernel_args k = {
		.as = sgpu_exec_as(st),
		.count = cmd[2],
		.a = (u64)cmd[4] << 32 | cmd[3],
		.b = (u64)cmd[6] << 32 | cmd[5],
		.dst = (u64)cmd[8] << 32 | cmd[7],
		.scalar = cmd[9],
	};

	if (k.count > MVGPU_COMPUTE_MAX_COUNT)
		return sgpu_exec_error(st, MVGPU_ERR_BAD_FIELD);
	switch (cmd[1]) {
	case MVGPU_KERNEL_SAXPY:
		return saxpy(e, st, &k);
	case MVGPU_KERNEL_CHECKSUM:
		return checksum(e, st, &k);
	}
	return sgpu_exec_error(st, MVGPU_ERR_BAD_FIELD);
}
