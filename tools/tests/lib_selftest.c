// SPDX-License-Identifier: GPL-2.0
/*
 * lib_selftest - host-only checks of libmvgpu that need no vGPU: path
 * names, sysfs helpers on temporary files, UUIDs, eventfds, capability
 * chain walking and opening devices that do not exist.
 *
 * Run by "make -C tools check"; not part of the VM test suite.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mvgpu_sysfs.h"
#include "mvgpu_vfio.h"
#include "tap.h"

static void test_paths(void)
{
	enum mvgpu_vfio_path p;

	tap_ok(!mvgpu_path_parse("group", &p) && p == MVGPU_VFIO_GROUP &&
	       !mvgpu_path_parse("cdev", &p) && p == MVGPU_VFIO_CDEV &&
	       !mvgpu_path_parse("auto", &p) && p == MVGPU_VFIO_AUTO,
	       "path names parse");
	tap_rc(mvgpu_path_parse("iommufd", &p), -EINVAL,
	       "unknown path name is EINVAL");
}

static void test_sysfs_files(void)
{
	char dir[] = "/tmp/mvgpu-selftest.XXXXXX", path[256], buf[64];
	uint64_t v = 0;

	if (!tap_ok(mkdtemp(dir) != NULL, "mkdtemp"))
		return;
	snprintf(path, sizeof(path), "%s/attr", dir);
	tap_rc(mvgpu_sysfs_write_str(path, "x"), -ENOENT,
	       "write to a missing file is ENOENT");
	fclose(fopen(path, "w"));
	tap_rc(mvgpu_sysfs_write_str(path, "0x1f\n"), 0, "write a file");
	tap_ok(!mvgpu_sysfs_read(path, buf, sizeof(buf)) && !strcmp(buf, "0x1f"),
	       "read strips the newline");
	tap_ok(!mvgpu_sysfs_read_u64(path, &v) && v == 0x1f, "hex number");
	/* Regular files need truncating; sysfs attributes do not. */
	tap_ok(!truncate(path, 0) && !mvgpu_sysfs_write_str(path, "42\n"),
	       "rewrite the file");
	tap_ok(!mvgpu_sysfs_read_u64(path, &v) && v == 42, "decimal number");
	tap_ok(!truncate(path, 0) && !mvgpu_sysfs_write_str(path, "42 MiB\n"),
	       "rewrite the file again");
	tap_rc(mvgpu_sysfs_read_u64(path, &v), -EINVAL, "trailing junk is EINVAL");
	unlink(path);
	rmdir(dir);
}

static void test_names(void)
{
	char uuid[37], path[512];

	tap_ok(!mvgpu_uuid_generate(uuid) && strlen(uuid) == 36 &&
	       uuid[8] == '-' && uuid[13] == '-' && uuid[18] == '-' &&
	       uuid[23] == '-', "uuid generation: %s", uuid);
	mvgpu_type_path(path, sizeof(path), "sgpu0", "V1_4", "create");
	tap_ok(!strcmp(path, "/sys/class/mdev_bus/sgpu0/mdev_supported_types/"
		       "mvgpu_sgpu-V1_4/create"), "short type name path: %s", path);
	mvgpu_type_path(path, sizeof(path), "sgpu1", "mvgpu_sgpu-V1_8", NULL);
	tap_ok(!strcmp(path, "/sys/class/mdev_bus/sgpu1/mdev_supported_types/"
		       "mvgpu_sgpu-V1_8"), "full type name path: %s", path);
	tap_rc(mvgpu_type_path(path, 16, "sgpu0", "V1_4", "create"),
	       -ENAMETOOLONG, "too small a buffer is ENAMETOOLONG");
	tap_ok(!strcmp(tap_errname(-ENOSPC), "ENOSPC"), "errno names");
}

static void test_eventfd(void)
{
	uint64_t count = 1;
	int efd = mvgpu_eventfd_new();

	if (!tap_ok(efd >= 0, "eventfd created"))
		return;
	tap_eq(mvgpu_eventfd_wait(efd, 0), 0, "fresh eventfd is quiet");
	tap_ok(!mvgpu_eventfd_consume(efd, &count) && count == 0,
	       "consume of a quiet eventfd gives 0");
	count = 3;
	tap_ok(write(efd, &count, sizeof(count)) == sizeof(count), "signal it");
	tap_eq(mvgpu_eventfd_wait(efd, 100), 1, "wait sees the signal");
	tap_ok(!mvgpu_eventfd_consume(efd, &count) && count == 3,
	       "consume returns the count");
	tap_eq(mvgpu_eventfd_wait(efd, 0), 0, "consumed eventfd is quiet");
	close(efd);
}

/* A region info buffer with a TYPE cap, then a SPARSE_MMAP cap. */
static void test_cap_chain(void)
{
	union {
		struct vfio_region_info info;
		uint8_t raw[256];
	} u;
	struct vfio_region_info_cap_type *t;
	struct vfio_region_info_cap_sparse_mmap *sp;
	const struct vfio_region_info_cap_sparse_mmap *found;
	uint32_t t_off = sizeof(u.info), sp_off = t_off + sizeof(*t);

	memset(&u, 0, sizeof(u));
	u.info.argsz = sizeof(u);
	u.info.flags = VFIO_REGION_INFO_FLAG_CAPS;
	u.info.cap_offset = t_off;
	t = (void *)(u.raw + t_off);
	t->header.id = VFIO_REGION_INFO_CAP_TYPE;
	t->header.next = sp_off;
	sp = (void *)(u.raw + sp_off);
	sp->header.id = VFIO_REGION_INFO_CAP_SPARSE_MMAP;
	sp->nr_areas = 1;
	sp->areas[0].offset = 0x1000;
	sp->areas[0].size = 0x2000;

	found = (const void *)mvgpu_region_cap_find(&u.info,
					VFIO_REGION_INFO_CAP_SPARSE_MMAP);
	tap_ok(found && found->nr_areas == 1 && found->areas[0].size == 0x2000,
	       "capability chain: second cap found");
	tap_ok(!mvgpu_region_cap_find(&u.info, VFIO_REGION_INFO_CAP_MSIX_MAPPABLE),
	       "capability chain: absent cap is NULL");
	sp->header.next = t_off;	/* a loop */
	tap_ok(!mvgpu_region_cap_find(&u.info, VFIO_REGION_INFO_CAP_MSIX_MAPPABLE),
	       "capability chain: a loop terminates");
	t->header.next = 4096;		/* outside the buffer */
	tap_ok(!mvgpu_region_cap_find(&u.info, VFIO_REGION_INFO_CAP_SPARSE_MMAP),
	       "capability chain: out-of-bounds offset is rejected");
}

static void test_open_errors(void)
{
	struct mvgpu_dev dev;

	tap_rc(mvgpu_open(&dev, "not-a-uuid", MVGPU_VFIO_AUTO), -EINVAL,
	       "open with a malformed uuid is EINVAL");
	tap_ok(dev.device_fd == -1 && dev.group_fd == -1 &&
	       dev.container_fd == -1 && dev.iommufd == -1,
	       "failed open leaves no fd");
	tap_rc(mvgpu_open(&dev, "00000000-0000-0000-0000-000000000000",
			  MVGPU_VFIO_GROUP), -ENODEV,
	       "open of a missing vGPU is ENODEV");
	mvgpu_close(&dev);	/* harmless on a closed device */
	tap_ok(!mvgpu_vgpu_exists("00000000-0000-0000-0000-000000000000"),
	       "missing vGPU does not exist");
}

int main(void)
{
	tap_init();
	test_paths();
	test_sysfs_files();
	test_names();
	test_eventfd();
	test_cap_chain();
	test_open_errors();
	return tap_done();
}
