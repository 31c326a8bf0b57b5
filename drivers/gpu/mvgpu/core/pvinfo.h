/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The PV info page: what a guest driver reads to learn its vGPU, and the
 * guest-to-host notification register.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_PVINFO_H_
#define _MVGPU_PVINFO_H_

#include <linux/types.h>

struct mvgpu_vgpu;
struct mvgpu_reg_desc;

/* Why a vGPU is in failsafe mode (0: it is not). */
enum mvgpu_failsafe {
	MVGPU_FAILSAFE_NONE,
	MVGPU_FAILSAFE_GTT_BEFORE_PV,
	MVGPU_FAILSAFE_ENGINE_BEFORE_PV,
};

void mvgpu_pvinfo_reset(struct mvgpu_vgpu *vgpu);
u32 mvgpu_pvinfo_magic_read(struct mvgpu_vgpu *vgpu,
			    const struct mvgpu_reg_desc *reg,
			    unsigned int idx, u32 val);
bool mvgpu_pvinfo_check_guest(struct mvgpu_vgpu *vgpu,
			      enum mvgpu_failsafe reason);
const char *mvgpu_failsafe_name(enum mvgpu_failsafe reason);
void mvgpu_pvinfo_g2v_written(struct mvgpu_vgpu *vgpu,
			      const struct mvgpu_reg_desc *reg,
			      unsigned int idx, u32 old, u32 new);

#endif /* _MVGPU_PVINFO_H_ */
