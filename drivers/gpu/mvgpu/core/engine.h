/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest-visible engine state (ring control registers).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_ENGINE_H_
#define _MVGPU_ENGINE_H_

#include <linux/types.h>

struct mvgpu_vgpu;
struct mvgpu_reg_desc;

u32 mvgpu_engine_mi_mode_read(struct mvgpu_vgpu *vgpu,
			      const struct mvgpu_reg_desc *reg,
			      unsigned int idx, u32 val);

#endif /* _MVGPU_ENGINE_H_ */
