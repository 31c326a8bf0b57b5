/* SPDX-License-Identifier: GPL-2.0 */
/*
 * internal.h - helpers shared by the libmvgpu source files only.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef MVGPU_LIB_INTERNAL_H
#define MVGPU_LIB_INTERNAL_H

#include <errno.h>
#include <sys/ioctl.h>

/* sysfs directory of an mdev device. */
#define MDEV_DEVICES_DIR	"/sys/bus/mdev/devices"

/* ioctl() returning its non-negative result or -errno. */
static inline int xioctl(int fd, unsigned long request, void *arg)
{
	int ret = ioctl(fd, request, arg);

	return ret < 0 ? -errno : ret;
}

/* ioctl() with an integer argument, same convention as xioctl(). */
static inline int xioctl_val(int fd, unsigned long request, unsigned long arg)
{
	int ret = ioctl(fd, request, arg);

	return ret < 0 ? -errno : ret;
}

#endif /* MVGPU_LIB_INTERNAL_H */
