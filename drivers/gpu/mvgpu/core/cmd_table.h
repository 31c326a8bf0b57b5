/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The command descriptor table, private to the command parser.
 *
 * Every command a guest may submit has one struct mvgpu_cmd_desc in
 * core/cmd_table.c.  The parser (core/cmd_parser.c) walks the stream and
 * applies the generic rules of a descriptor (engine, length); the
 * descriptor's handler checks the command's fields and addresses.
 * A header that matches no descriptor is rejected.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_CMD_TABLE_H_
#define _MVGPU_CMD_TABLE_H_

#include <linux/bits.h>
#include <linux/types.h>
#include <asm/byteorder.h>
#include <linux/mvgpu.h>

#include "core/cmd_parser.h"

/* The length is in header bits 7:0 (total dwords - 2); else min_len. */
#define MVGPU_CMD_F_LEN_FIELD	BIT(0)
/* MI_BATCH_BUFFER_START: the parser shadows the batch and follows it. */
#define MVGPU_CMD_F_BB_START	BIT(1)
/* MI_BATCH_BUFFER_END: ends a batch; a no-op in the ring. */
#define MVGPU_CMD_F_BB_END	BIT(2)

/* Engine masks of a descriptor. */
#define MVGPU_CMD_RCS		BIT(MVGPU_ENGINE_RCS)
#define MVGPU_CMD_BCS		BIT(MVGPU_ENGINE_BCS)
#define MVGPU_CMD_ALL		(MVGPU_CMD_RCS | MVGPU_CMD_BCS)

/**
 * typedef mvgpu_cmd_handler_fn - check one command's fields and addresses
 * @p: the scan; @p->engine is the engine, @p->mem reaches guest memory
 * @cmd: the command in the shadow; the handler may patch it in place
 * @len: its length in dwords, already checked against the descriptor
 *
 * Return: MVGPU_ERR_NONE, or the MVGPU_ERR_* that rejects the command.
 */
typedef u32 (*mvgpu_cmd_handler_fn)(struct mvgpu_cmd_parser *p, __le32 *cmd,
				    u32 len);

/**
 * struct mvgpu_cmd_desc - one command
 * @name: name used in logs and tests (never for dispatch)
 * @handler: optional field and address checks (and shadow patches)
 * @opcode: 2D and GFX commands: the opcode bits of the header, as
 *	MVGPU_2D_OPCODE() or MVGPU_GFX_OPCODE() extracts them; MI commands
 *	are found by their index in the MI table instead
 * @engines: MVGPU_CMD_RCS and/or MVGPU_CMD_BCS: where it may run
 * @flags: MVGPU_CMD_F_*
 * @min_len: fewest dwords, header included
 * @max_len: most dwords (equal to @min_len without MVGPU_CMD_F_LEN_FIELD)
 */
struct mvgpu_cmd_desc {
	const char *name;
	mvgpu_cmd_handler_fn handler;
	u16 opcode;
	u8 engines;
	u8 flags;
	u16 min_len;
	u16 max_len;
};

/* Indexed by MI opcode; entries without a name are unknown commands. */
#define MVGPU_CMD_MI_OPCODES	(MVGPU_MI_OPCODE(~0u) + 1)
extern const struct mvgpu_cmd_desc mvgpu_cmd_mi_table[MVGPU_CMD_MI_OPCODES];

const struct mvgpu_cmd_desc *mvgpu_cmd_lookup_other(u32 header);

/**
 * mvgpu_cmd_lookup() - the descriptor of a command
 * @header: the command's first dword
 *
 * MI commands, the common ones, are looked up inline by opcode; the few
 * 2D and GFX commands out of line.
 *
 * Return: the descriptor whose type and opcode match @header, or NULL for
 * an unknown command.  The length and the engine are not checked here.
 */
static inline const struct mvgpu_cmd_desc *mvgpu_cmd_lookup(u32 header)
{
	const struct mvgpu_cmd_desc *d;

	if (MVGPU_CMD_TYPE(header) != MVGPU_CMD_TYPE_MI)
		return mvgpu_cmd_lookup_other(header);
	d = &mvgpu_cmd_mi_table[MVGPU_MI_OPCODE(header)];
	return d->name ? d : NULL;
}

/* A little-endian qword at dwords @i, @i + 1 of @cmd (addresses). */
static inline u64 mvgpu_cmd_qw(const __le32 *cmd, unsigned int i)
{
	return le32_to_cpu(cmd[i]) | (u64)le32_to_cpu(cmd[i + 1]) << 32;
}

/* Whether [@gm, @gm + @len) lies in the vGPU's memory, without wrapping. */
static inline bool mvgpu_cmd_gm_ok(const struct mvgpu_cmd_parser *p, u64 gm,
				   u64 len)
{
	return gm + len >= gm && p->mem->range_ok(p->priv, gm, len);
}

/*
 * Returned by a handler when the scan must stop without a verdict: an
 * address space must be shadowed first (not a guest-visible code).
 */
#define MVGPU_CMD_AGAIN		0xffffu

#endif /* _MVGPU_CMD_TABLE_H_ */
