// SPDX-License-Identifier: GPL-2.0-only
/*
 * mvgpu module: the mediation core and its VFIO/mdev front end.  The front
 * end is the module's entry point: it starts the core, registering itself
 * as the core's front end, then the mdev driver.  Physical GPUs arrive
 * through mvgpu_pgpu_register() from a backend module.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/module.h>

#include "mvgpu_drv.h"
#include "vfio/vfio.h"

static int __init mvgpu_init(void)
{
	int ret;

	ret = mvgpu_core_init(&mvgpu_vfio_frontend);
	if (ret)
		return ret;
	ret = mdev_register_driver(&mvgpu_mdev_driver);
	if (ret)
		goto err_core;
	return 0;

err_core:
	mvgpu_core_exit();
	return ret;
}

static void __exit mvgpu_exit(void)
{
	mdev_unregister_driver(&mvgpu_mdev_driver);
	mvgpu_core_exit();
}

module_init(mvgpu_init);
module_exit(mvgpu_exit);

MODULE_DESCRIPTION("mvgpu mediated pass-through vGPU core");
MODULE_AUTHOR("The mvgpu developers");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(DMA_BUF);
