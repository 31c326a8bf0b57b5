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
 * @as_bind: the per-process address space whose PML4 table is at guest
 *	physical address @root: 0 with the root the engine must load in
 *	*@shadow_root and a handle for @as_read in *@as; -EAGAIN when it must
 *	be shadowed first (the scan stops, to be done again later);
 *	-EINVAL (not a table address), -EFAULT (not guest memory) or -E2BIG
 *	(over the vGPU's limits) when it cannot be used.  Optional: without
 *	it, PPGTT batches are refused.
 * @as_read: copy @len bytes at address @va of address space @as into
 *	@buf; 0, or -EFAULT when some page maps no guest memory
 */
struct mvgpu_cmd_mem_ops {
	int (*read)(void *priv, u64 gm, void *buf, u32 len);
	bool (*range_ok)(void *priv, u64 gm, u64 len);
	int (*as_bind)(void *priv, u64 root, u64 *shadow_root, void **as);
	int (*as_read)(void *priv, void *as, u64 va, void *buf, u32 len);
};

/**
 * struct mvgpu_cmd_copy - a batch buffer copy a scan made in the shadow
 * @off: byte offset of the copy in the shadow
 * @len: its bytes
 * @ppgtt: a PPGTT batch: its operands are addresses of @root's space
 * @root: for a PPGTT batch, the guest root bound when it started
 */
struct mvgpu_cmd_copy {
	u32 off;
	u32 len;
	bool ppgtt;
	u64 root;
};

/* Bits of struct mvgpu_cmd_parser.starts: one per shadow dword. */
#define MVGPU_CMD_STARTS_BITS	(MVGPU_CMD_MAX_SHADOW / 4)

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
 * @pml4: out: the last root the ring loaded into PML4, 0 if none
 * @want_root: out: with -EAGAIN, the root that must be shadowed first
 * @nr_roots: out: PML4 loads in the ring
 * @tlb_invalidate: out: a command invalidates the TLB
 * @starts: optional, set by the caller: a bitmap of MVGPU_CMD_STARTS_BITS
 *	bits in which the scan sets the bit of every shadow dword that
 *	starts a command it accepted (each MI_NOOP of a run too)
 * @copies: optional, set by the caller: MVGPU_CMD_MAX_BATCHES entries the
 *	scan fills with the batch copies it made, in shadow order
 * @nr_copies: out: entries filled in @copies
 * @as: the address space the ring loaded last (from @mem->as_bind)
 * @ppgtt: the buffer being decoded is a PPGTT batch: its operands without
 *	a GGTT bit are addresses of @as, which the shadow isolates
 * @in_batch: the buffer being decoded is a batch, not the ring
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
	u64 pml4;
	u64 want_root;
	u32 nr_roots;
	bool tlb_invalidate;
	unsigned long *starts;
	struct mvgpu_cmd_copy *copies;
	u32 nr_copies;

	void *as;
	bool ppgtt;
	bool in_batch;
};

int mvgpu_cmd_scan_ring(struct mvgpu_cmd_parser *p, u64 ring_start,
			u32 ring_size, u32 head, u32 tail);

#endif /* _MVGPU_CMD_PARSER_H_ */
