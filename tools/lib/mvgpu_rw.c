// SPDX-License-Identifier: GPL-2.0
/*
 * mvgpu_rw.c - region reads, writes and mmap through the device fd.
 *
 * Each access is one pread()/pwrite() at (region offset + @off), so the
 * kernel sees exactly the size and alignment the caller asked for.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <endian.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"
#include "mvgpu_vfio.h"

/* File offset of @off in region @index, or -EINVAL if unknown. */
static int region_pos(struct mvgpu_dev *dev, uint32_t index, uint64_t off,
		      off_t *pos)
{
	if (index >= dev->nr_regions)
		return -EINVAL;
	*pos = (off_t)(dev->regions[index].offset + off);
	return 0;
}

/* One pread or pwrite of the whole of @len bytes at @off in a region. */
static int region_io(struct mvgpu_dev *dev, uint32_t index, uint64_t off,
		     void *buf, size_t len, bool write)
{
	ssize_t n;
	off_t pos;
	int ret;

	ret = region_pos(dev, index, off, &pos);
	if (ret)
		return ret;
	n = write ? pwrite(dev->device_fd, buf, len, pos) :
		    pread(dev->device_fd, buf, len, pos);
	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

int mvgpu_region_read(struct mvgpu_dev *dev, uint32_t index, uint64_t off,
		      void *buf, size_t len)
{
	return region_io(dev, index, off, buf, len, false);
}

int mvgpu_region_write(struct mvgpu_dev *dev, uint32_t index, uint64_t off,
		       const void *buf, size_t len)
{
	/* pwrite() only reads the buffer. */
	return region_io(dev, index, off, (void *)buf, len, true);
}

int mvgpu_read8(struct mvgpu_dev *dev, uint32_t index, uint64_t off, uint8_t *val)
{
	return mvgpu_region_read(dev, index, off, val, sizeof(*val));
}

int mvgpu_read16(struct mvgpu_dev *dev, uint32_t index, uint64_t off, uint16_t *val)
{
	uint16_t le;
	int ret = mvgpu_region_read(dev, index, off, &le, sizeof(le));

	if (!ret)
		*val = le16toh(le);
	return ret;
}

int mvgpu_read32(struct mvgpu_dev *dev, uint32_t index, uint64_t off, uint32_t *val)
{
	uint32_t le;
	int ret = mvgpu_region_read(dev, index, off, &le, sizeof(le));

	if (!ret)
		*val = le32toh(le);
	return ret;
}

int mvgpu_read64(struct mvgpu_dev *dev, uint32_t index, uint64_t off, uint64_t *val)
{
	uint64_t le;
	int ret = mvgpu_region_read(dev, index, off, &le, sizeof(le));

	if (!ret)
		*val = le64toh(le);
	return ret;
}

int mvgpu_write8(struct mvgpu_dev *dev, uint32_t index, uint64_t off, uint8_t val)
{
	return mvgpu_region_write(dev, index, off, &val, sizeof(val));
}

int mvgpu_write16(struct mvgpu_dev *dev, uint32_t index, uint64_t off, uint16_t val)
{
	uint16_t le = htole16(val);

	return mvgpu_region_write(dev, index, off, &le, sizeof(le));
}

int mvgpu_write32(struct mvgpu_dev *dev, uint32_t index, uint64_t off, uint32_t val)
{
	uint32_t le = htole32(val);

	return mvgpu_region_write(dev, index, off, &le, sizeof(le));
}

int mvgpu_write64(struct mvgpu_dev *dev, uint32_t index, uint64_t off, uint64_t val)
{
	uint64_t le = htole64(val);

	return mvgpu_region_write(dev, index, off, &le, sizeof(le));
}

int mvgpu_region_mmap(struct mvgpu_dev *dev, uint32_t index, uint64_t off,
		      size_t len, int prot, void **addr)
{
	void *p;
	off_t pos;
	int ret;

	ret = region_pos(dev, index, off, &pos);
	if (ret)
		return ret;
	p = mmap(NULL, len, prot, MAP_SHARED, dev->device_fd, pos);
	if (p == MAP_FAILED)
		return -errno;
	*addr = p;
	return 0;
}
