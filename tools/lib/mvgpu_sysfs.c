// SPDX-License-Identifier: GPL-2.0
/*
 * mvgpu_sysfs.c - vGPU and pGPU management through sysfs, see mvgpu_sysfs.h.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mvgpu_sysfs.h"

int mvgpu_sysfs_read(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd;

	if (!len)
		return -EINVAL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	if (n < 0) {
		n = -errno;
		close(fd);
		return n;
	}
	close(fd);
	buf[n] = '\0';
	while (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	return 0;
}

int mvgpu_sysfs_read_u64(const char *path, uint64_t *val)
{
	char buf[64], *end;
	int ret;

	ret = mvgpu_sysfs_read(path, buf, sizeof(buf));
	if (ret)
		return ret;
	errno = 0;
	*val = strtoull(buf, &end, 0);
	if (errno || end == buf || *end != '\0')
		return -EINVAL;
	return 0;
}

int mvgpu_sysfs_write(const char *path, const void *data, size_t len)
{
	ssize_t n;
	int fd, ret = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, data, len);
	if (n < 0)
		ret = -errno;
	else if ((size_t)n != len)
		ret = -EIO;
	close(fd);
	return ret;
}

int mvgpu_sysfs_write_str(const char *path, const char *s)
{
	return mvgpu_sysfs_write(path, s, strlen(s));
}

int mvgpu_uuid_generate(char uuid[37])
{
	char buf[64];
	int ret;

	ret = mvgpu_sysfs_read("/proc/sys/kernel/random/uuid", buf, sizeof(buf));
	if (ret)
		return ret;
	if (strlen(buf) != 36)
		return -EIO;
	memcpy(uuid, buf, 37);
	return 0;
}

int mvgpu_type_path(char *buf, size_t len, const char *pgpu,
		    const char *type, const char *attr)
{
	const char *prefix = strchr(type, '-') ? "" : MVGPU_TYPE_PREFIX;
	int n;

	n = snprintf(buf, len, MVGPU_MDEV_BUS_DIR "/%s/mdev_supported_types/%s%s%s%s",
		     pgpu, prefix, type, attr ? "/" : "", attr ? attr : "");
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

int mvgpu_type_available(const char *pgpu, const char *type, uint64_t *n)
{
	char path[PATH_MAX];
	int ret;

	ret = mvgpu_type_path(path, sizeof(path), pgpu, type,
			      "available_instances");
	return ret ? ret : mvgpu_sysfs_read_u64(path, n);
}

int mvgpu_vgpu_create(const char *pgpu, const char *type, const char *uuid)
{
	char path[PATH_MAX];
	int ret;

	ret = mvgpu_type_path(path, sizeof(path), pgpu, type, "create");
	return ret ? ret : mvgpu_sysfs_write_str(path, uuid);
}

int mvgpu_vgpu_remove(const char *uuid)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), MVGPU_MDEV_DEV_DIR "/%s/remove", uuid);
	return mvgpu_sysfs_write_str(path, "1");
}

bool mvgpu_vgpu_exists(const char *uuid)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), MVGPU_MDEV_DEV_DIR "/%s", uuid);
	return access(path, F_OK) == 0;
}

int mvgpu_vgpu_attr_u64(const char *uuid, const char *attr, uint64_t *val)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), MVGPU_MDEV_DEV_DIR "/%s/mvgpu/%s",
		 uuid, attr);
	return mvgpu_sysfs_read_u64(path, val);
}

int mvgpu_vgpu_pgpu(const char *uuid, char *buf, size_t len)
{
	char path[PATH_MAX], real[PATH_MAX];
	const char *name;

	snprintf(path, sizeof(path), MVGPU_MDEV_DEV_DIR "/%s/..", uuid);
	if (!realpath(path, real))
		return -errno;
	name = strrchr(real, '/') ? strrchr(real, '/') + 1 : real;
	if (strlen(name) >= len)
		return -ENAMETOOLONG;
	memcpy(buf, name, strlen(name) + 1);
	return 0;
}

bool mvgpu_pgpu_exists(const char *pgpu)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), MVGPU_MDEV_BUS_DIR "/%s", pgpu);
	return access(path, F_OK) == 0;
}

/* Write "<id>" to new_device or del_device. */
static int sgpu_bus_write(const char *attr, unsigned int id)
{
	char path[PATH_MAX], buf[16];

	snprintf(path, sizeof(path), MVGPU_SGPU_BUS_DIR "/%s", attr);
	snprintf(buf, sizeof(buf), "%u", id);
	return mvgpu_sysfs_write_str(path, buf);
}

int mvgpu_pgpu_new(unsigned int id)
{
	return sgpu_bus_write("new_device", id);
}

int mvgpu_pgpu_del(unsigned int id)
{
	return sgpu_bus_write("del_device", id);
}
