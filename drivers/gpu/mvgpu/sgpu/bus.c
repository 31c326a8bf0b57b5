// SPDX-License-Identifier: GPL-2.0-only
/*
 * The mvgpu_sgpu bus: creation and removal of software GPUs at run time,
 * in the netdevsim manner:
 *
 *   echo ID > /sys/bus/mvgpu_sgpu/new_device   creates sgpuID
 *   echo ID > /sys/bus/mvgpu_sgpu/del_device   removes it and its vGPUs
 *
 * The bus's driver (sgpu_driver, device.c) binds to every device: its
 * probe and remove register and unregister the GPU with the core.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/sysfs.h>

#include "sgpu/sgpu.h"

static int parse_id(const char *buf, unsigned int *id)
{
	int ret = kstrtouint(buf, 10, id);

	if (ret)
		return ret;
	return *id < SGPU_MAX_DEVICES ? 0 : -EINVAL;
}

static ssize_t new_device_store(const struct bus_type *bus, const char *buf,
				size_t count)
{
	unsigned int id;
	int ret;

	ret = parse_id(buf, &id);
	if (ret)
		return ret;
	ret = sgpu_device_create(id);
	return ret ? ret : count;
}
static BUS_ATTR_WO(new_device);

static ssize_t del_device_store(const struct bus_type *bus, const char *buf,
				size_t count)
{
	unsigned int id;
	int ret;

	ret = parse_id(buf, &id);
	if (ret)
		return ret;
	ret = sgpu_device_destroy(id);
	return ret ? ret : count;
}
static BUS_ATTR_WO(del_device);

static struct attribute *sgpu_bus_attrs[] = {
	&bus_attr_new_device.attr,
	&bus_attr_del_device.attr,
	NULL,
};
ATTRIBUTE_GROUPS(sgpu_bus);

const struct bus_type sgpu_bus_type = {
	.name = "mvgpu_sgpu",
	.bus_groups = sgpu_bus_groups,
};
