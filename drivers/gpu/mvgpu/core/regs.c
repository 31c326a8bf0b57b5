// SPDX-License-Identifier: GPL-2.0-only
/*
 * Register file and the semantics of register attributes.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/bsearch.h>
#include <linux/errno.h>
#include <linux/lockdep.h>
#include <linux/slab.h>
#include <kunit/visibility.h>

#include "mvgpu_drv.h"

/* First slot of each table entry; filled by mvgpu_reg_table_check(). */
static unsigned int *slot_base;
static unsigned int nr_slots;

/**
 * mvgpu_reg_table_check() - validate a register table and index its slots
 * @table: descriptors
 * @n: number of descriptors
 *
 * The table must be sorted by offset, dword aligned, non-overlapping, inside
 * the MMIO half of BAR0, and its masks must not contradict each other.
 * Called once at module load for mvgpu_reg_table (and by KUnit).
 *
 * Return: 0, or -EINVAL naming the offending entry in the log.
 */
int mvgpu_reg_table_check(const struct mvgpu_reg_desc *table, unsigned int n)
{
	u32 next = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		const struct mvgpu_reg_desc *r = &table[i];
		u64 end = (u64)r->offset + 4ull * r->count;

		if (!r->count || !IS_ALIGNED(r->offset, 4) ||
		    r->offset < next || end > MVGPU_MMIO_SIZE ||
		    (r->reset & r->rsvd_mask) || (r->w1c_mask & r->ro_mask) ||
		    ((r->flags & MVGPU_REG_F_MODE_MASK) &&
		     (r->reset & 0xffff0000u))) {
			pr_err("mvgpu: bad register table entry %s at %#x\n",
			       r->name, r->offset);
			return -EINVAL;
		}
		next = end;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_reg_table_check);

/**
 * mvgpu_regs_table_init() - index the built-in register table
 *
 * Return: 0 or a negative errno.
 */
int mvgpu_regs_table_init(void)
{
	unsigned int i;
	int ret;

	ret = mvgpu_reg_table_check(mvgpu_reg_table, mvgpu_reg_table_size);
	if (ret)
		return ret;
	slot_base = kcalloc(mvgpu_reg_table_size, sizeof(*slot_base),
			    GFP_KERNEL);
	if (!slot_base)
		return -ENOMEM;
	nr_slots = 0;
	for (i = 0; i < mvgpu_reg_table_size; i++) {
		slot_base[i] = nr_slots;
		nr_slots += mvgpu_reg_table[i].count;
	}
	return 0;
}

/**
 * mvgpu_regs_table_fini() - undo mvgpu_regs_table_init()
 */
void mvgpu_regs_table_fini(void)
{
	kfree(slot_base);
	slot_base = NULL;
}

/**
 * mvgpu_reg_nr_slots() - number of dwords a register file holds
 *
 * Return: the slot count of the built-in table.
 */
unsigned int mvgpu_reg_nr_slots(void)
{
	return nr_slots;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_reg_nr_slots);

static int reg_cmp(const void *key, const void *elt)
{
	u32 offset = *(const u32 *)key;
	const struct mvgpu_reg_desc *r = elt;

	if (offset < r->offset)
		return -1;
	if (offset >= r->offset + 4u * r->count)
		return 1;
	return 0;
}

/**
 * mvgpu_reg_find() - look up the register covering a BAR0 offset
 * @offset: dword-aligned BAR0 offset
 * @slot: if non-NULL, receives the slot of @offset in a register file
 *
 * Return: the descriptor, or NULL for an unknown offset.
 */
const struct mvgpu_reg_desc *mvgpu_reg_find(u32 offset, unsigned int *slot)
{
	const struct mvgpu_reg_desc *r;

	r = bsearch(&offset, mvgpu_reg_table, mvgpu_reg_table_size,
		    sizeof(*r), reg_cmp);
	if (r && slot)
		*slot = slot_base[r - mvgpu_reg_table] +
			(offset - r->offset) / 4;
	return r;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_reg_find);

/**
 * mvgpu_regs_init() - allocate a register file at reset values
 * @regs: register file
 *
 * Return: 0 or -ENOMEM.
 */
int mvgpu_regs_init(struct mvgpu_regs *regs)
{
	regs->vals = kcalloc(nr_slots, sizeof(u32), GFP_KERNEL);
	if (!regs->vals)
		return -ENOMEM;
	mvgpu_regs_reset(regs);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_regs_init);

/**
 * mvgpu_regs_fini() - free a register file
 * @regs: register file
 */
void mvgpu_regs_fini(struct mvgpu_regs *regs)
{
	kfree(regs->vals);
	regs->vals = NULL;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_regs_fini);

/**
 * mvgpu_regs_reset() - put every register back to its reset value
 * @regs: register file
 */
void mvgpu_regs_reset(struct mvgpu_regs *regs)
{
	unsigned int i, j;

	for (i = 0; i < mvgpu_reg_table_size; i++)
		for (j = 0; j < mvgpu_reg_table[i].count; j++)
			regs->vals[slot_base[i] + j] = mvgpu_reg_table[i].reset;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_regs_reset);

/**
 * mvgpu_reg_apply_write() - the value a register holds after a write
 * @reg: the register
 * @old: its value before the write
 * @val: the value written by the guest
 *
 * Applies, in order: the mode mask (upper half selects lower bits), the
 * write-1-to-clear bits, the read-only bits and the reserved bits.
 *
 * Return: the new stored value.
 */
u32 mvgpu_reg_apply_write(const struct mvgpu_reg_desc *reg, u32 old, u32 val)
{
	u32 writable = ~(reg->ro_mask | reg->rsvd_mask | reg->w1c_mask);
	u32 new;

	if (reg->flags & MVGPU_REG_F_MODE_MASK) {
		writable &= val >> 16;
		val &= 0xffff;
	}
	new = (old & ~writable) | (val & writable);
	new &= ~(val & reg->w1c_mask);
	return new & ~reg->rsvd_mask;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_reg_apply_write);

/**
 * mvgpu_vreg() - direct access to a register's stored value
 * @vgpu: the vGPU; its lock must be held
 * @offset: offset of a register in the table
 *
 * For handlers and core code that emulate side effects.  The offset must be
 * one the table describes: asking for another is a driver bug, which is
 * reported once and gets a scratch dword, so that the caller does not
 * crash the host.
 *
 * Return: pointer to the stored value (never NULL).
 */
u32 *mvgpu_vreg(struct mvgpu_vgpu *vgpu, u32 offset)
{
	unsigned int slot;

	lockdep_assert_held(&vgpu->lock);
	if (WARN_ONCE(!mvgpu_reg_find(offset, &slot),
		      "mvgpu: no register at %#x\n", offset)) {
		vgpu->regs.sink = 0;
		return &vgpu->regs.sink;
	}
	return &vgpu->regs.vals[slot];
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_vreg);

/**
 * mvgpu_reg_read() - a guest read of one register dword
 * @vgpu: the vGPU; its lock must be held
 * @offset: dword-aligned BAR0 offset in the MMIO range
 * @known: set to false when no register lives at @offset
 *
 * Return: the value the guest sees (0 for unknown offsets).
 */
u32 mvgpu_reg_read(struct mvgpu_vgpu *vgpu, u32 offset, bool *known)
{
	const struct mvgpu_reg_desc *r;
	unsigned int slot;
	u32 val;

	lockdep_assert_held(&vgpu->lock);
	r = mvgpu_reg_find(offset, &slot);
	*known = r;
	if (!r)
		return 0;
	val = vgpu->regs.vals[slot];
	if (r->read)
		val = r->read(vgpu, r, (offset - r->offset) / 4, val);
	return val & ~r->rsvd_mask;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_reg_read);

/**
 * mvgpu_reg_write() - a guest write of one register dword
 * @vgpu: the vGPU; its lock must be held
 * @offset: dword-aligned BAR0 offset in the MMIO range
 * @val: value written
 *
 * Return: false when no register lives at @offset (the write is dropped).
 */
bool mvgpu_reg_write(struct mvgpu_vgpu *vgpu, u32 offset, u32 val)
{
	const struct mvgpu_reg_desc *r;
	unsigned int slot;
	u32 old, new;

	lockdep_assert_held(&vgpu->lock);
	r = mvgpu_reg_find(offset, &slot);
	if (!r)
		return false;
	old = vgpu->regs.vals[slot];
	new = mvgpu_reg_apply_write(r, old, val);
	if ((val ^ old) & r->ro_mask & ~r->rsvd_mask &&
	    !(r->flags & MVGPU_REG_F_MODE_MASK))
		vgpu->stats.ro_writes++;
	vgpu->regs.vals[slot] = new;
	if (r->write)
		r->write(vgpu, r, (offset - r->offset) / 4, old, new);
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_reg_write);
