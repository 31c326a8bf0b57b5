// SPDX-License-Identifier: GPL-2.0-only
/*
 * mvgpu_sgpu: the reference software GPU backend module.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/debugfs.h>
#include <linux/module.h>

#include "sgpu/sgpu.h"

static unsigned int num_pgpus = 1;
module_param(num_pgpus, uint, 0444);
MODULE_PARM_DESC(num_pgpus, "Software GPUs created at load (default 1, max 256)");

/* /sys/kernel/debug/mvgpu_sgpu: a directory per software GPU. */
struct dentry *sgpu_debugfs_root;

static int __init sgpu_init(void)
{
	unsigned int i;
	int ret;

	if (num_pgpus > SGPU_MAX_DEVICES)
		return -EINVAL;
	sgpu_debugfs_root = debugfs_create_dir(KBUILD_MODNAME, NULL);
	ret = bus_register(&sgpu_bus_type);
	if (ret)
		goto err_debugfs;
	ret = driver_register(&sgpu_driver);
	if (ret)
		goto err_bus;
	for (i = 0; i < num_pgpus; i++) {
		ret = sgpu_device_create(i);
		if (ret)
			goto err_devices;
	}
	return 0;

err_devices:
	sgpu_device_destroy_all();
	driver_unregister(&sgpu_driver);
err_bus:
	bus_unregister(&sgpu_bus_type);
err_debugfs:
	debugfs_remove_recursive(sgpu_debugfs_root);
	return ret;
}

static void __exit sgpu_exit(void)
{
	sgpu_device_destroy_all();
	driver_unregister(&sgpu_driver);
	bus_unregister(&sgpu_bus_type);
	debugfs_remove_recursive(sgpu_debugfs_root);
}

module_init(sgpu_init);
module_exit(sgpu_exit);

MODULE_DESCRIPTION("mvgpu reference software GPU backend");
MODULE_AUTHOR("The mvgpu developers");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(MVGPU);
