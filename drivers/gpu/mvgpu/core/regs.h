/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Declarative register table and the emulated register file.
 *
 * Every BAR0 register a guest may touch has one struct mvgpu_reg_desc in
 * core/reg_table.c, sorted by offset.  The attributes say how a write
 * changes the stored value; the optional handlers add behaviour.  Offsets
 * with no descriptor are unknown: they read as zero, drop writes and are
 * reported once per vGPU.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_REGS_H_
#define _MVGPU_REGS_H_

#include <linux/types.h>

struct mvgpu_vgpu;
struct mvgpu_reg_desc;

/* The upper 16 bits of a write select which lower 16 bits it changes. */
#define MVGPU_REG_F_MODE_MASK	BIT(0)

/**
 * typedef mvgpu_reg_read_fn - compute the value a guest reads
 * @vgpu: the vGPU, its lock held
 * @reg: the register's descriptor
 * @idx: index of the dword within @reg (0 for single registers)
 * @val: the stored value
 *
 * Return: the value the guest sees.
 */
typedef u32 (*mvgpu_reg_read_fn)(struct mvgpu_vgpu *vgpu,
				 const struct mvgpu_reg_desc *reg,
				 unsigned int idx, u32 val);

/**
 * typedef mvgpu_reg_write_fn - act on a write after it was stored
 * @vgpu: the vGPU, its lock held
 * @reg: the register's descriptor
 * @idx: index of the dword within @reg
 * @old: value before the write
 * @new: value stored after applying the attributes
 */
typedef void (*mvgpu_reg_write_fn)(struct mvgpu_vgpu *vgpu,
				   const struct mvgpu_reg_desc *reg,
				   unsigned int idx, u32 old, u32 new);

/**
 * struct mvgpu_reg_desc - one register, or an array of equal registers
 * @name: name used in logs and debugfs
 * @offset: BAR0 offset of the first dword
 * @count: number of consecutive dwords described (at least 1)
 * @flags: MVGPU_REG_F_*
 * @reset: value after reset
 * @rsvd_mask: reserved bits: writes ignored, read as zero
 * @ro_mask: read-only bits: writes ignored
 * @w1c_mask: write-1-to-clear bits (writing 0 leaves them alone)
 * @read: optional read handler
 * @write: optional write handler
 */
struct mvgpu_reg_desc {
	const char *name;
	u32 offset;
	u16 count;
	u16 flags;
	u32 reset;
	u32 rsvd_mask;
	u32 ro_mask;
	u32 w1c_mask;
	mvgpu_reg_read_fn read;
	mvgpu_reg_write_fn write;
};

/**
 * struct mvgpu_regs - a vGPU's register file
 * @vals: one stored value per dword described by the table
 * @sink: what mvgpu_vreg() hands out for an offset the table does not
 *	describe (a driver bug, reported once): reads as whatever was last
 *	stored there, and nothing reads it as a register
 */
struct mvgpu_regs {
	u32 *vals;
	u32 sink;
};

extern const struct mvgpu_reg_desc mvgpu_reg_table[];
extern const unsigned int mvgpu_reg_table_size;

int mvgpu_regs_table_init(void);
void mvgpu_regs_table_fini(void);
int mvgpu_reg_table_check(const struct mvgpu_reg_desc *table,
			  unsigned int n);
const struct mvgpu_reg_desc *mvgpu_reg_find(u32 offset, unsigned int *slot);
unsigned int mvgpu_reg_nr_slots(void);

int mvgpu_regs_init(struct mvgpu_regs *regs);
void mvgpu_regs_fini(struct mvgpu_regs *regs);
void mvgpu_regs_reset(struct mvgpu_regs *regs);

u32 mvgpu_reg_apply_write(const struct mvgpu_reg_desc *reg, u32 old, u32 val);
u32 mvgpu_reg_read(struct mvgpu_vgpu *vgpu, u32 offset, bool *known);
bool mvgpu_reg_write(struct mvgpu_vgpu *vgpu, u32 offset, u32 val);
u32 *mvgpu_vreg(struct mvgpu_vgpu *vgpu, u32 offset);

#endif /* _MVGPU_REGS_H_ */
