/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Emulated PCI configuration space.  Each byte has a value, a write mask
 * and a write-1-to-clear mask (the QEMU PCIDevice model), so BAR sizing,
 * read-only IDs and status bits fall out of the masks.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_CFG_SPACE_H_
#define _MVGPU_CFG_SPACE_H_

#include <linux/types.h>
#include <linux/mvgpu.h>

/**
 * struct mvgpu_cfg_params - what makes one vGPU's config space its own
 * @bar0_size: BAR0 bytes (power of two)
 * @bar2_size: BAR2 (aperture) bytes (power of two)
 * @weight: type weight for the vendor capability
 * @max_hres: maximum horizontal resolution
 * @max_vres: maximum vertical resolution
 */
struct mvgpu_cfg_params {
	u64 bar0_size;
	u64 bar2_size;
	u8 weight;
	u16 max_hres;
	u16 max_vres;
};

/**
 * struct mvgpu_cfg_space - config space of one function
 * @data: current values
 * @wmask: bits a write may change
 * @w1cmask: bits a write of 1 clears
 */
struct mvgpu_cfg_space {
	u8 data[MVGPU_CFG_SIZE];
	u8 wmask[MVGPU_CFG_SIZE];
	u8 w1cmask[MVGPU_CFG_SIZE];
};

int mvgpu_cfg_init(struct mvgpu_cfg_space *cfg,
		   const struct mvgpu_cfg_params *params);
int mvgpu_cfg_read(const struct mvgpu_cfg_space *cfg, u32 offset, void *buf,
		   unsigned int len);
int mvgpu_cfg_write(struct mvgpu_cfg_space *cfg, u32 offset, const void *buf,
		    unsigned int len);

#endif /* _MVGPU_CFG_SPACE_H_ */
