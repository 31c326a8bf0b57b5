/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mvgpu_sysfs.h - libmvgpu: vGPU and pGPU management through sysfs.
 *
 *   /sys/class/mdev_bus/<pgpu>/mdev_supported_types/<type>/{create,name,
 *        description,device_api,available_instances,devices/}
 *   /sys/bus/mdev/devices/<uuid>/{remove,mdev_type,mvgpu/<attr>}
 *   /sys/bus/mvgpu_sgpu/{new_device,del_device}
 *
 * A @type argument is either a full type directory name
 * ("mvgpu_sgpu-V1_4") or a short one without a dash ("V1_4"), to which
 * MVGPU_TYPE_PREFIX is prepended.
 *
 * Every int-returning function returns 0 on success and -errno on
 * failure; the errno of a failed sysfs write is the kernel's answer.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef MVGPU_SYSFS_H
#define MVGPU_SYSFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MVGPU_TYPE_PREFIX	"mvgpu_sgpu-"
#define MVGPU_MDEV_BUS_DIR	"/sys/class/mdev_bus"
#define MVGPU_MDEV_DEV_DIR	"/sys/bus/mdev/devices"
#define MVGPU_SGPU_BUS_DIR	"/sys/bus/mvgpu_sgpu"

/* Write a fresh random UUID (36 chars + NUL) from the kernel into @uuid. */
int mvgpu_uuid_generate(char uuid[37]);

/* Read a sysfs file into @buf (NUL-terminated, trailing newline removed). */
int mvgpu_sysfs_read(const char *path, char *buf, size_t len);

/* Read a sysfs number, decimal or 0x-prefixed hex (strtoull base 0). */
int mvgpu_sysfs_read_u64(const char *path, uint64_t *val);

/* Write @len bytes of @data to @path in a single write(). */
int mvgpu_sysfs_write(const char *path, const void *data, size_t len);

/* Write the string @s (without its NUL) to @path in a single write(). */
int mvgpu_sysfs_write_str(const char *path, const char *s);

/*
 * Format the path of attribute @attr of @type under @pgpu into @buf
 * (@attr may be NULL for the type directory itself).  Returns -ENAMETOOLONG
 * if it does not fit.
 */
int mvgpu_type_path(char *buf, size_t len, const char *pgpu,
		    const char *type, const char *attr);

/* Read available_instances of @type under @pgpu. */
int mvgpu_type_available(const char *pgpu, const char *type, uint64_t *n);

/* Create a vGPU of @type on @pgpu named @uuid (write to create). */
int mvgpu_vgpu_create(const char *pgpu, const char *type, const char *uuid);

/* Remove vGPU @uuid (write "1" to remove); blocks while it is open. */
int mvgpu_vgpu_remove(const char *uuid);

/* Whether /sys/bus/mdev/devices/<uuid> exists. */
bool mvgpu_vgpu_exists(const char *uuid);

/* Read /sys/bus/mdev/devices/<uuid>/mvgpu/<attr> as a number. */
int mvgpu_vgpu_attr_u64(const char *uuid, const char *attr, uint64_t *val);

/*
 * The name of vGPU @uuid's physical GPU (its parent device) into @buf.
 * Returns 0, -errno, or -ENAMETOOLONG if it does not fit in @len.
 */
int mvgpu_vgpu_pgpu(const char *uuid, char *buf, size_t len);

/* Whether /sys/class/mdev_bus/<pgpu> exists. */
bool mvgpu_pgpu_exists(const char *pgpu);

/* Create / delete software pGPU sgpu<id> (new_device / del_device). */
int mvgpu_pgpu_new(unsigned int id);
int mvgpu_pgpu_del(unsigned int id);

#endif /* MVGPU_SYSFS_H */
