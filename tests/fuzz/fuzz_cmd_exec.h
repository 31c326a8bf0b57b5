/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The executor half of the cmd_exec target (fuzz_cmd_exec.c), included
 * into fuzz_cmd_parser.c.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include "sgpu/sgpu.h"

/* Reschedule points (between commands, rows, chunks) before a stop. */
#define EXEC_BUDGET	2048

static struct sgpu_gpu gpu;
static struct page *exec_scratch;
static struct sgpu_engine *exec_engine;
static unsigned int exec_budget;

static void map(u64 gm, const void *va)
{
	gpu.ggtt[gm >> MVGPU_GTT_PAGE_SHIFT] = page_to_phys(va) |
					       MVGPU_GTT_PTE_PRESENT;
}

/* The GGTT as the core leaves it for the vGPU and its shadow buffer. */
static void exec_init(void)
{
	unsigned int i, j;
	u64 off;

	gpu.nr_ggtt = (FZ_HID_BASE + FZ_HID_SIZE) >> MVGPU_GTT_PAGE_SHIFT;
	gpu.ggtt = calloc(gpu.nr_ggtt, sizeof(*gpu.ggtt));
	exec_scratch = alloc_page(GFP_KERNEL | __GFP_ZERO);
	snprintf(gpu.name, sizeof(gpu.name), "sgpu-fuzz");
	for (off = 0; off < FZ_HID_SIZE; off += PAGE_SIZE)
		map(FZ_HID_BASE + off, exec_scratch);
	for (off = 0; off < FZ_GM_SIZE; off += PAGE_SIZE)
		map(FZ_GM_BASE + off, gm_mem + off);
	for (off = 0; off < MVGPU_CMD_MAX_SHADOW; off += PAGE_SIZE)
		map(FZ_SHADOW_GM + off, shadow_buf + off);
	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		struct sgpu_engine *e = &gpu.engines[i];

		e->gpu = &gpu;
		e->id = i;
		e->name = i ? "bcs" : "rcs";
		for (j = 0; j < SGPU_NR_BOUNCE; j++)
			e->bounce[j] = malloc(SGPU_CHUNK);
	}
}

/* A long run is stopped, as a preemption would; it is not a fault. */
static void exec_tick(void)
{
	if (exec_budget && !--exec_budget)
		WRITE_ONCE(exec_engine->stop, true);
}

static void exec_shadow(const struct mvgpu_cmd_parser *p)
{
	struct mvgpu_hw_workload wl = {
		.engine = p->engine, .start = p->shadow_gm,
		.size = p->ring_bytes,
	};
	struct sgpu_engine *e = &gpu.engines[p->engine];
	enum sgpu_exec_result r;
	unsigned int i;

	/* Guest pages without memory behind them: the scratch page. */
	for (i = 0; i < 32; i++) {
		u64 off = 8ull * (i + 1) << MVGPU_GTT_PAGE_SHIFT;

		map(FZ_GM_BASE + off, gm_holes & BIT(i) ? (void *)exec_scratch :
							 gm_mem + off);
	}
	e->stop = false;
	e->preempt = false;
	memset(e->gpr, 0, sizeof(e->gpr));
	sgpu_exec_start(&e->st, &wl);
	exec_engine = e;
	exec_budget = EXEC_BUDGET;
	shim_resched_hook = exec_tick;
	r = sgpu_exec_run(e, &e->st, &wl);
	shim_resched_hook = NULL;
	/* The engine may have written anywhere in the slice. */
	gm_dirty = FZ_GM_SIZE;
	if (shim_verbose)
		fprintf(stderr, "exec: %d, %llu commands, head %#x of %#x\n", r,
			(unsigned long long)e->st.nr_cmds, wl.head, wl.size);
	FUZZ_CHECK(r != SGPU_EXEC_ERROR,
		   "the engine faults on a stream the parser accepted: %s at offset %#x of buffer %#llx (command %#x)",
		   mvgpu_cmd_error_name(e->st.error), e->st.error_offset,
		   (unsigned long long)e->st.error_buf, e->cmd[0]);
	FUZZ_CHECK(r != SGPU_EXEC_DONE || wl.head == wl.size,
		   "the engine completed at %#x of %#x", wl.head, wl.size);
}
