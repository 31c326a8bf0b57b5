// SPDX-License-Identifier: GPL-2.0-only
/*
 * The mediation core's global state: its tables, its debugfs root, and the
 * front end that offers its physical GPUs to users.  The module's entry
 * point is the front end's (vfio/main.c), which starts the core first.
 * Physical GPUs arrive through mvgpu_pgpu_register() from a backend.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include "mvgpu_drv.h"

static const struct mvgpu_frontend *core_frontend;

/**
 * mvgpu_core_init() - start the mediation core
 * @frontend: who offers the core's physical GPUs to users; must outlive
 *	the core (until mvgpu_core_exit())
 *
 * Return: 0, or the error of building the register table.
 */
int mvgpu_core_init(const struct mvgpu_frontend *frontend)
{
	int ret;

	ret = mvgpu_regs_table_init();
	if (ret)
		return ret;
	mvgpu_debugfs_init();
	core_frontend = frontend;
	return 0;
}

/**
 * mvgpu_core_exit() - undo mvgpu_core_init(); no physical GPU is left
 */
void mvgpu_core_exit(void)
{
	core_frontend = NULL;
	mvgpu_debugfs_fini();
	mvgpu_regs_table_fini();
}

/**
 * mvgpu_core_frontend() - the front end the core was started with
 *
 * Return: it (never NULL while a physical GPU can register).
 */
const struct mvgpu_frontend *mvgpu_core_frontend(void)
{
	return core_frontend;
}
