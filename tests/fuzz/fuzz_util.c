// SPDX-License-Identifier: GPL-2.0-only
/*
 * Helpers shared by the fuzz harnesses; see fuzz_util.h.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <stdio.h>

#include "mvgpu_drv.h"
#include "fake_mem.h"
#include "fuzz_util.h"

void fz_gtt_entry(const struct mvgpu_vgpu *vgpu, const struct fz_op *op,
		  struct fz_entry *e)
{
	const struct mvgpu_gm_range *r = op->arg & 1 ? &vgpu->hidden :
						       &vgpu->aperture;
	u32 n = r->size >> MVGPU_GTT_PAGE_SHIFT, idx = n ? op->off % n : 0;
	u64 val = op->val;

	e->local = (op->arg & 1 ? vgpu->aperture.size >> MVGPU_GTT_PAGE_SHIFT :
				  0) + idx;
	e->offset = MVGPU_GTT_OFFSET +
		    MVGPU_GTT_ENTRY_SIZE * ((r->start >> MVGPU_GTT_PAGE_SHIFT) + idx);
	if (op->arg16 & FZ_PTE_FRAME)
		val = (u64)((op->arg >> 1) % (FAKE_FRAMES + 8)) <<
		      MVGPU_GTT_PAGE_SHIFT | MVGPU_GTT_PTE_PRESENT;
	e->bytes = 8;
	e->val = val;
	if (op->arg16 & FZ_PTE_HALF) {
		e->bytes = 4;
		e->val = op->arg16 & FZ_PTE_HIGH ? val >> 32 : (u32)val;
		if (op->arg16 & FZ_PTE_HIGH)
			e->offset += 4;
	}
}

void fz_trace_op(const struct fz_op *op, unsigned int nr_ops)
{
	if (shim_verbose)
		fprintf(stderr, "op %u arg %#x arg16 %#x off %#x val %#llx\n",
			op->op % nr_ops, op->arg, op->arg16, op->off,
			(unsigned long long)op->val);
}
