// SPDX-License-Identifier: GPL-2.0-only
/*
 * mvgpu module: the mediation core and its VFIO/mdev front end.  Physical
 * GPUs arrive through mvgpu_pgpu_register() from a backend module.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/module.h>

#include "mvgpu_drv.h"

static int __init mvgpu_init(void)
{
	int ret;

	ret = mvgpu_regs_table_init();
	if (ret)
		return ret;
	mvgpu_debugfs_init();
	ret = mdev_register_driver(&mvgpu_mdev_driver);
	if (ret)
		goto err_debugfs;
	return 0;

err_debugfs:
	mvgpu_debugfs_fini();
	mvgpu_regs_table_fini();
	return ret;
}

static void __exit mvgpu_exit(void)
{
	mdev_unregister_driver(&mvgpu_mdev_driver);
	mvgpu_debugfs_fini();
	mvgpu_regs_table_fini();
}

module_init(mvgpu_init);
module_exit(mvgpu_exit);

MODULE_DESCRIPTION("mvgpu mediated pass-through vGPU core");
MODULE_AUTHOR("The mvgpu developers");
MODULE_LICENSE("GPL");
