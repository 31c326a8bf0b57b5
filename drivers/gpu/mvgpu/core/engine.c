// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest-visible engine state.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include "mvgpu_drv.h"
#include "core/engine.h"

/**
 * mvgpu_engine_mi_mode_read() - read handler of an engine's MI_MODE
 * @vgpu: the vGPU; its lock is held
 * @reg: descriptor
 * @idx: dword index
 * @val: stored value
 *
 * MODE_IDLE reports that a ring stopped with STOP_RING has drained.  No
 * work is ever in flight on a stopped ring of a vGPU, so it follows
 * STOP_RING.
 *
 * Return: the value the guest reads.
 */
u32 mvgpu_engine_mi_mode_read(struct mvgpu_vgpu *vgpu,
			      const struct mvgpu_reg_desc *reg,
			      unsigned int idx, u32 val)
{
	if (val & MVGPU_MI_MODE_STOP_RING)
		val |= MVGPU_MI_MODE_IDLE;
	else
		val &= ~MVGPU_MI_MODE_IDLE;
	return val;
}
