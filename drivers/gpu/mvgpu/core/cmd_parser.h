/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Command parser: copies a guest's ring segment and every batch buffer it
 * reaches into a host-owned shadow buffer, decodes each command through the
 * declarative descriptor table (core/cmd_table.c) and audits it.  The
 * shadow copy is what the engine executes, so a guest cannot change a
 * command after it was checked.
 *
 * The parser is independent of VFIO and of the backend: guest memory is
 * read through struct mvgpu_cmd_mem_ops, so KUnit drives it with fakes.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_CMD_PARSER_H_
#define _MVGPU_CMD_PARSER_H_

#include <linux/sizes.h>
#include <linux/types.h>
#include <linux/mvgpu_backend.h>	/* mvgpu_cmd_error_name() */

/* Bytes of ring segment plus batch buffers shadowed per submission. */
#define MVGPU_CMD_MAX_SHADOW	SZ_1M
/* Bytes of one batch buffer. */
#define MVGPU_CMD_MAX_BATCH	SZ_256K
/* Batch buffers (chained or called) reached from one ring segment. */
#define MVGPU_CMD_MAX_BATCHES	16

/**
 * struct mvgpu_cmd_mem_ops - the parser's view of a vGPU's memory
 * @read: copy @len bytes of guest graphics memory at @gm into @buf;
 *	0, or -EFAULT when some page has no guest memory behind it
 * @range_ok: whether [@gm, @gm + @len) lies inside one of the vGPU's
 *	graphics memory slices (@len may be 0: then @gm must be inside)
 */
struct mvgpu_cmd_mem_ops {
	int (*read)(void *priv, u64 gm, void *buf, u32 len);
	bool (*range_ok)(void *priv, u64 gm, u64 len);
};

/**
 * struct mvgpu_cmd_parser - one scan
 * @engine: MVGPU_ENGINE_* the commands are for
 * @mem: guest memory access
 * @priv: cookie for @mem
 * @shadow: CPU address of the output buffer
 * @shadow_gm: graphics address at which the engine sees @shadow
 * @shadow_size: bytes available at @shadow (at most MVGPU_CMD_MAX_SHADOW)
 * @used: out: bytes of @shadow used; the ring segment is at offset 0,
 *	the batch buffer copies follow
 * @ring_bytes: out: bytes of the ring segment (the stream to execute)
 * @user_interrupts: out: MI_USER_INTERRUPTs replaced by MI_NOOP in the
 *	shadow; the core raises them when the workload completes
 * @nr_batches: out: batch buffers shadowed
 * @nr_cmds: out: commands decoded
 * @error: out: MVGPU_ERR_* when the scan rejected the submission
 * @error_offset: out: byte offset of the offending command in its buffer
 * @error_buf: out: guest graphics address of that buffer (the ring start
 *	for ring commands)
 */
struct mvgpu_cmd_parser {
	u32 engine;
	const struct mvgpu_cmd_mem_ops *mem;
	void *priv;
	void *shadow;
	u64 shadow_gm;
	u32 shadow_size;

	u32 used;
	u32 ring_bytes;
	u32 user_interrupts;
	u32 nr_batches;
	u32 nr_cmds;
	u32 error;
	u32 error_offset;
	u64 error_buf;
};

int mvgpu_cmd_scan_ring(struct mvgpu_cmd_parser *p, u64 ring_start,
			u32 ring_size, u32 head, u32 tail);

#endif /* _MVGPU_CMD_PARSER_H_ */
