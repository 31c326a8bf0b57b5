// SPDX-License-Identifier: GPL-2.0-only
/*
 * PV info page emulation.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/lockdep.h>
#include <kunit/visibility.h>

#include "mvgpu_drv.h"
#include "core/pvinfo.h"

#define PV(_off)	(MVGPU_PVINFO_OFFSET + (_off))

static void set_u64(struct mvgpu_vgpu *vgpu, u32 off, u64 v)
{
	*mvgpu_vreg(vgpu, PV(off)) = lower_32_bits(v);
	*mvgpu_vreg(vgpu, PV(off) + 4) = upper_32_bits(v);
}

/**
 * mvgpu_pvinfo_reset() - fill the per-vGPU fields of the PV info page
 * @vgpu: the vGPU; its lock must be held
 *
 * Runs after the register file was reset to the table's reset values.
 */
void mvgpu_pvinfo_reset(struct mvgpu_vgpu *vgpu)
{
	lockdep_assert_held(&vgpu->lock);
	*mvgpu_vreg(vgpu, PV(MVGPU_PV_VGPU_ID)) = vgpu->id;
	*mvgpu_vreg(vgpu, PV(MVGPU_PV_ENGINES)) = vgpu->type->engine_mask;
	set_u64(vgpu, MVGPU_PV_MAPPABLE_BASE, vgpu->aperture.start);
	set_u64(vgpu, MVGPU_PV_MAPPABLE_SIZE, vgpu->aperture.size);
	set_u64(vgpu, MVGPU_PV_HIDDEN_BASE, vgpu->hidden.start);
	set_u64(vgpu, MVGPU_PV_HIDDEN_SIZE, vgpu->hidden.size);
	vgpu->pv_seen = false;
	vgpu->failsafe = MVGPU_FAILSAFE_NONE;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_pvinfo_reset);

static void raise_pv_event(struct mvgpu_vgpu *vgpu, u32 event)
{
	*mvgpu_vreg(vgpu, PV(MVGPU_PV_V2G_EVENT)) = event;
	(*mvgpu_vreg(vgpu, PV(MVGPU_PV_V2G_SEQNO)))++;
	mvgpu_irq_raise(vgpu, MVGPU_IRQ_BANK_DE_MISC, MVGPU_DE_MISC_PV_EVENT);
}

/**
 * mvgpu_pvinfo_g2v_written() - a guest-to-host notification arrived
 * @vgpu: the vGPU; its lock is held
 * @reg: descriptor
 * @idx: dword index
 * @old: previous value
 * @new: the request code
 *
 * Unknown codes are logged (rate-limited) and otherwise ignored, as a
 * device ignores a command it does not implement.
 */
void mvgpu_pvinfo_g2v_written(struct mvgpu_vgpu *vgpu,
			      const struct mvgpu_reg_desc *reg,
			      unsigned int idx, u32 old, u32 new)
{
	switch (new) {
	case MVGPU_G2V_NONE:
		break;
	case MVGPU_G2V_PING:
		raise_pv_event(vgpu, MVGPU_V2G_PONG);
		break;
	default:
		mvgpu_vgpu_warn(vgpu, "unknown PV notification %#x ignored\n",
				new);
		break;
	}
}

/**
 * mvgpu_pvinfo_magic_read() - read handler of the PV magic
 * @vgpu: the vGPU; its lock is held
 * @reg: descriptor
 * @idx: dword index
 * @val: stored value
 *
 * A guest driver that reads the magic knows it runs on an mvgpu vGPU and
 * will keep to its slices (ballooning).
 *
 * Return: @val.
 */
u32 mvgpu_pvinfo_magic_read(struct mvgpu_vgpu *vgpu,
			    const struct mvgpu_reg_desc *reg,
			    unsigned int idx, u32 val)
{
	vgpu->pv_seen = true;
	return val;
}

/**
 * mvgpu_failsafe_name() - short name of a failsafe reason
 * @reason: MVGPU_FAILSAFE_*
 *
 * Return: a static string.
 */
const char *mvgpu_failsafe_name(enum mvgpu_failsafe reason)
{
	switch (reason) {
	case MVGPU_FAILSAFE_NONE:
		return "none";
	case MVGPU_FAILSAFE_GTT_BEFORE_PV:
		return "GTT used before the PV info page was read";
	case MVGPU_FAILSAFE_ENGINE_BEFORE_PV:
		return "engine enabled before the PV info page was read";
	}
	return "unknown";
}

/**
 * mvgpu_pvinfo_check_guest() - may the guest use the GTT or the engines?
 * @vgpu: the vGPU; its lock must be held
 * @reason: what the guest is doing, as a failsafe reason
 *
 * A guest that never read the PV info page does not know its slices: it
 * would program addresses it does not own.  Such a vGPU enters failsafe
 * mode: it says so once in the log and in debugfs, and its GTT writes and
 * submissions are dropped (counted) until the device is reset.
 *
 * Return: true when the operation may proceed.
 */
bool mvgpu_pvinfo_check_guest(struct mvgpu_vgpu *vgpu,
			      enum mvgpu_failsafe reason)
{
	lockdep_assert_held(&vgpu->lock);
	if (vgpu->pv_seen && !vgpu->failsafe)
		return true;
	vgpu->stats.failsafe_drops++;
	if (!vgpu->failsafe) {
		vgpu->failsafe = reason;
		mvgpu_vgpu_err(vgpu, "failsafe mode: %s; GTT writes and submissions are dropped until the device is reset\n",
			       mvgpu_failsafe_name(reason));
		mvgpu_irq_error(vgpu);
	}
	return false;
}
