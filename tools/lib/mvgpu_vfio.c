// SPDX-License-Identifier: GPL-2.0
/*
 * mvgpu_vfio.c - opening and closing a vGPU through VFIO.
 *
 * Group path:  /sys/bus/mdev/devices/<uuid>/iommu_group -> /dev/vfio/<N>,
 *              a type1 container on /dev/vfio/vfio, then
 *              VFIO_GROUP_GET_DEVICE_FD(<uuid>).
 * cdev path:   /sys/bus/mdev/devices/<uuid>/vfio-dev/vfioN ->
 *              /dev/vfio/devices/vfioN bound to /dev/iommu, attached to a
 *              fresh IOAS.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <linux/iommufd.h>

#include "internal.h"
#include "mvgpu_vfio.h"

#define VFIO_CONTAINER_DEV	"/dev/vfio/vfio"
#define IOMMUFD_DEV		"/dev/iommu"

const char *mvgpu_path_name(enum mvgpu_vfio_path path)
{
	switch (path) {
	case MVGPU_VFIO_AUTO:
		return "auto";
	case MVGPU_VFIO_GROUP:
		return "group";
	case MVGPU_VFIO_CDEV:
		return "cdev";
	}
	return "?";
}

int mvgpu_path_parse(const char *name, enum mvgpu_vfio_path *path)
{
	static const enum mvgpu_vfio_path all[] = {
		MVGPU_VFIO_AUTO, MVGPU_VFIO_GROUP, MVGPU_VFIO_CDEV,
	};
	size_t i;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		if (!strcmp(name, mvgpu_path_name(all[i]))) {
			*path = all[i];
			return 0;
		}
	}
	return -EINVAL;
}

/* A UUID we are willing to paste into paths: 36 chars, hex and dashes. */
static bool uuid_plausible(const char *uuid)
{
	size_t i;

	if (strlen(uuid) != MVGPU_UUID_LEN)
		return false;
	for (i = 0; i < MVGPU_UUID_LEN; i++)
		if (!strchr("0123456789abcdefABCDEF-", uuid[i]))
			return false;
	return true;
}

/* Copy the string @src into @dst of @len bytes, or -ENAMETOOLONG. */
static int copy_name(char *dst, size_t len, const char *src)
{
	int n = snprintf(dst, len, "%s", src);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

/*
 * Find the vfioN name under <mdev>/vfio-dev/ and store it in @name.
 * Returns 0, -ENOENT if there is none, or another -errno.
 */
static int cdev_name(const char *uuid, char *name, size_t len)
{
	char path[PATH_MAX];
	struct dirent *de;
	int ret = -ENOENT;
	DIR *dir;

	snprintf(path, sizeof(path), MDEV_DEVICES_DIR "/%s/vfio-dev", uuid);
	dir = opendir(path);
	if (!dir)
		return -errno;
	while ((de = readdir(dir))) {
		if (!strncmp(de->d_name, "vfio", 4)) {
			ret = copy_name(name, len, de->d_name);
			break;
		}
	}
	closedir(dir);
	return ret;
}

/* Read the group number of @uuid from its iommu_group link into @group. */
static int group_name(const char *uuid, char *group, size_t len)
{
	char path[PATH_MAX], link[PATH_MAX];
	const char *base;
	ssize_t n;

	snprintf(path, sizeof(path), MDEV_DEVICES_DIR "/%s/iommu_group", uuid);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return -errno;
	link[n] = '\0';
	base = strrchr(link, '/');
	return copy_name(group, len, base ? base + 1 : link);
}

int mvgpu_path_available(const char *uuid, enum mvgpu_vfio_path path)
{
	char name[64];
	int ret;

	if (!uuid_plausible(uuid))
		return -EINVAL;
	switch (path) {
	case MVGPU_VFIO_GROUP:
		if (access(VFIO_CONTAINER_DEV, F_OK))
			return -ENODEV;
		return group_name(uuid, name, sizeof(name));
	case MVGPU_VFIO_CDEV:
		if (access(IOMMUFD_DEV, F_OK))
			return -ENODEV;
		return cdev_name(uuid, name, sizeof(name));
	case MVGPU_VFIO_AUTO:
		ret = mvgpu_path_available(uuid, MVGPU_VFIO_CDEV);
		if (ret)
			ret = mvgpu_path_available(uuid, MVGPU_VFIO_GROUP);
		return ret;
	}
	return -EINVAL;
}

static void dev_reset_fds(struct mvgpu_dev *dev)
{
	dev->device_fd = -1;
	dev->group_fd = -1;
	dev->container_fd = -1;
	dev->iommufd = -1;
}

/* Open group + container and get the device fd. */
static int open_group(struct mvgpu_dev *dev)
{
	struct vfio_group_status status = { .argsz = sizeof(status) };
	char group[64], path[PATH_MAX];
	int ret;

	ret = group_name(dev->uuid, group, sizeof(group));
	if (ret)
		return ret;
	snprintf(path, sizeof(path), "/dev/vfio/%s", group);
	dev->group_fd = open(path, O_RDWR | O_CLOEXEC);
	if (dev->group_fd < 0)
		return -errno;
	ret = xioctl(dev->group_fd, VFIO_GROUP_GET_STATUS, &status);
	if (ret < 0)
		return ret;
	if (!(status.flags & VFIO_GROUP_FLAGS_VIABLE))
		return -EBUSY;

	dev->container_fd = open(VFIO_CONTAINER_DEV, O_RDWR | O_CLOEXEC);
	if (dev->container_fd < 0)
		return -errno;
	ret = xioctl(dev->container_fd, VFIO_GET_API_VERSION, NULL);
	if (ret < 0)
		return ret;
	if (ret != VFIO_API_VERSION)
		return -EPROTO;
	ret = xioctl(dev->group_fd, VFIO_GROUP_SET_CONTAINER, &dev->container_fd);
	if (ret < 0)
		return ret;
	ret = xioctl_val(dev->container_fd, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU);
	if (ret < 0)
		ret = xioctl_val(dev->container_fd, VFIO_SET_IOMMU,
				 VFIO_TYPE1_IOMMU);
	if (ret < 0)
		return ret;

	ret = ioctl(dev->group_fd, VFIO_GROUP_GET_DEVICE_FD, dev->uuid);
	if (ret < 0)
		return -errno;
	dev->device_fd = ret;
	return 0;
}

/* Open the device cdev, bind it to a new iommufd and attach an IOAS. */
static int open_cdev(struct mvgpu_dev *dev)
{
	struct vfio_device_bind_iommufd bind = { .argsz = sizeof(bind) };
	struct vfio_device_attach_iommufd_pt attach = { .argsz = sizeof(attach) };
	struct iommu_ioas_alloc alloc = { .size = sizeof(alloc) };
	char name[64], path[PATH_MAX];
	int ret;

	ret = cdev_name(dev->uuid, name, sizeof(name));
	if (ret)
		return ret;
	snprintf(path, sizeof(path), "/dev/vfio/devices/%s", name);
	dev->device_fd = open(path, O_RDWR | O_CLOEXEC);
	if (dev->device_fd < 0)
		return -errno;
	dev->iommufd = open(IOMMUFD_DEV, O_RDWR | O_CLOEXEC);
	if (dev->iommufd < 0)
		return -errno;

	bind.iommufd = dev->iommufd;
	ret = xioctl(dev->device_fd, VFIO_DEVICE_BIND_IOMMUFD, &bind);
	if (ret < 0)
		return ret;
	dev->devid = bind.out_devid;

	ret = xioctl(dev->iommufd, IOMMU_IOAS_ALLOC, &alloc);
	if (ret < 0)
		return ret;
	dev->ioas_id = alloc.out_ioas_id;

	attach.pt_id = dev->ioas_id;
	ret = xioctl(dev->device_fd, VFIO_DEVICE_ATTACH_IOMMUFD_PT, &attach);
	return ret < 0 ? ret : 0;
}

/* Fill dev->info and dev->regions[] from the kernel. */
static int query_device(struct mvgpu_dev *dev)
{
	unsigned int i;
	int ret;

	ret = mvgpu_device_info(dev, &dev->info);
	if (ret)
		return ret;
	dev->nr_regions = dev->info.num_regions;
	if (dev->nr_regions > MVGPU_MAX_REGIONS)
		dev->nr_regions = MVGPU_MAX_REGIONS;
	for (i = 0; i < dev->nr_regions; i++) {
		struct vfio_region_info ri = {
			.argsz = sizeof(ri),
			.index = i,
		};

		/* A failing index stays zeroed; tests check it explicitly. */
		if (xioctl(dev->device_fd, VFIO_DEVICE_GET_REGION_INFO, &ri) < 0)
			continue;
		dev->regions[i].flags = ri.flags;
		dev->regions[i].size = ri.size;
		dev->regions[i].offset = ri.offset;
	}
	return 0;
}

/* Open through one concrete path; on failure everything is closed. */
static int open_path(struct mvgpu_dev *dev, enum mvgpu_vfio_path path)
{
	int ret;

	dev->path = path;
	ret = path == MVGPU_VFIO_CDEV ? open_cdev(dev) : open_group(dev);
	if (!ret)
		ret = query_device(dev);
	if (ret)
		mvgpu_close(dev);
	return ret;
}

int mvgpu_open(struct mvgpu_dev *dev, const char *uuid,
	       enum mvgpu_vfio_path path)
{
	char devdir[PATH_MAX];
	int ret;

	memset(dev, 0, sizeof(*dev));
	dev_reset_fds(dev);
	if (!uuid_plausible(uuid))
		return -EINVAL;
	memcpy(dev->uuid, uuid, MVGPU_UUID_LEN + 1);
	snprintf(devdir, sizeof(devdir), MDEV_DEVICES_DIR "/%s", uuid);
	if (access(devdir, F_OK))
		return -ENODEV;

	if (path != MVGPU_VFIO_AUTO)
		return open_path(dev, path);

	/* AUTO: prefer the cdev, fall back to the group interface. */
	if (!mvgpu_path_available(uuid, MVGPU_VFIO_CDEV)) {
		ret = open_path(dev, MVGPU_VFIO_CDEV);
		if (!ret)
			return 0;
	}
	return open_path(dev, MVGPU_VFIO_GROUP);
}

void mvgpu_close(struct mvgpu_dev *dev)
{
	/* The device fd goes first: it pins the group and the iommufd. */
	if (dev->device_fd >= 0)
		close(dev->device_fd);
	if (dev->group_fd >= 0)
		close(dev->group_fd);
	if (dev->container_fd >= 0)
		close(dev->container_fd);
	if (dev->iommufd >= 0)
		close(dev->iommufd);
	dev_reset_fds(dev);
}

int mvgpu_reset(struct mvgpu_dev *dev)
{
	int ret = xioctl(dev->device_fd, VFIO_DEVICE_RESET, NULL);

	return ret < 0 ? ret : 0;
}
