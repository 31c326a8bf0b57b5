// SPDX-License-Identifier: GPL-2.0
/*
 * mvgpu_mig.c - VFIO live migration (v2) and device DMA logging.
 *
 * Thin wrappers of VFIO_DEVICE_FEATURE (MIGRATION, MIG_DEVICE_STATE,
 * MIG_DATA_SIZE, DMA_LOGGING_START/STOP/REPORT) and of the migration data
 * fd (read, write, VFIO_MIG_GET_PRECOPY_INFO), as a VMM uses them.  The
 * stream itself is opaque here (include/uapi/linux/mvgpu_mig.h describes
 * it).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "mvgpu_vfio.h"

/* Largest single read() or write() on a data fd. */
#define MIG_CHUNK	(1u << 20)

/* A feature request: the header followed by @len bytes of payload. */
struct feature_buf {
	struct vfio_device_feature hdr;
	uint64_t data[8];	/* large enough for every payload used here */
};

static int feature(struct mvgpu_dev *dev, uint32_t flags, void *payload,
		   size_t len)
{
	struct feature_buf f;
	int ret;

	if (len > sizeof(f.data))
		return -EINVAL;
	memset(&f, 0, sizeof(f));
	f.hdr.argsz = sizeof(f.hdr) + len;
	f.hdr.flags = flags;
	if (len)
		memcpy(f.data, payload, len);
	ret = xioctl(dev->device_fd, VFIO_DEVICE_FEATURE, &f);
	if (ret < 0)
		return ret;
	if (len && (flags & VFIO_DEVICE_FEATURE_GET))
		memcpy(payload, f.data, len);
	return ret;
}

int mvgpu_mig_flags(struct mvgpu_dev *dev, uint64_t *flags)
{
	struct vfio_device_feature_migration mig = { 0 };
	int ret;

	ret = feature(dev, VFIO_DEVICE_FEATURE_GET |
		      VFIO_DEVICE_FEATURE_MIGRATION, &mig, sizeof(mig));
	if (ret < 0)
		return ret;
	*flags = mig.flags;
	return 0;
}

int mvgpu_mig_get_state(struct mvgpu_dev *dev, uint32_t *state)
{
	struct vfio_device_feature_mig_state st = { 0 };
	int ret;

	ret = feature(dev, VFIO_DEVICE_FEATURE_GET |
		      VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE, &st, sizeof(st));
	if (ret < 0)
		return ret;
	*state = st.device_state;
	return 0;
}

int mvgpu_mig_set_state(struct mvgpu_dev *dev, uint32_t state, int *data_fd)
{
	struct feature_buf f;
	struct vfio_device_feature_mig_state *st = (void *)f.data;
	int ret;

	memset(&f, 0, sizeof(f));
	f.hdr.argsz = sizeof(f.hdr) + sizeof(*st);
	f.hdr.flags = VFIO_DEVICE_FEATURE_SET |
		      VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE;
	st->device_state = state;
	st->data_fd = -1;
	ret = xioctl(dev->device_fd, VFIO_DEVICE_FEATURE, &f);
	if (ret < 0) {
		if (data_fd)
			*data_fd = -1;
		return ret;
	}
	if (data_fd)
		*data_fd = st->data_fd;
	else if (st->data_fd >= 0)
		close(st->data_fd);
	return 0;
}

int mvgpu_mig_read_stream(int fd, void **buf, size_t *len)
{
	uint8_t *p = *buf;
	size_t n = *len, size = n;

	for (;;) {
		ssize_t got;

		if (size - n < MIG_CHUNK) {
			uint8_t *q = realloc(p, size + MIG_CHUNK);

			if (!q) {
				*buf = p;
				*len = n;
				return -ENOMEM;
			}
			p = q;
			size += MIG_CHUNK;
		}
		got = read(fd, p + n, MIG_CHUNK);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			*buf = p;
			*len = n;
			return -errno;
		}
		if (!got)
			break;
		n += got;
	}
	*buf = p;
	*len = n;
	return 0;
}

int mvgpu_mig_write_stream(int fd, const void *buf, size_t len, size_t *done)
{
	const uint8_t *p = buf;
	size_t n = 0;
	int ret = 0;

	while (n < len) {
		size_t chunk = len - n < MIG_CHUNK ? len - n : MIG_CHUNK;
		ssize_t put = write(fd, p + n, chunk);

		if (put < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			break;
		}
		if (!put) {
			ret = -EIO;
			break;
		}
		n += put;
	}
	if (done)
		*done = n;
	return ret;
}

int mvgpu_mig_precopy_info(int fd, uint64_t *initial_bytes,
			   uint64_t *dirty_bytes)
{
	struct vfio_precopy_info info = { .argsz = sizeof(info) };
	int ret;

	ret = xioctl(fd, VFIO_MIG_GET_PRECOPY_INFO, &info);
	if (ret < 0)
		return ret;
	if (initial_bytes)
		*initial_bytes = info.initial_bytes;
	if (dirty_bytes)
		*dirty_bytes = info.dirty_bytes;
	return 0;
}

int mvgpu_mig_data_size(struct mvgpu_dev *dev, uint64_t *size)
{
	struct vfio_device_feature_mig_data_size ds = { 0 };
	int ret;

	ret = feature(dev, VFIO_DEVICE_FEATURE_GET |
		      VFIO_DEVICE_FEATURE_MIG_DATA_SIZE, &ds, sizeof(ds));
	if (ret < 0)
		return ret;
	*size = ds.stop_copy_length;
	return 0;
}

int mvgpu_dma_log_start(struct mvgpu_dev *dev, uint64_t iova, uint64_t len,
			uint64_t page_size)
{
	struct vfio_device_feature_dma_logging_range range = {
		.iova = iova,
		.length = len,
	};
	struct vfio_device_feature_dma_logging_control ctl = {
		.page_size = page_size,
		.num_ranges = 1,
		.ranges = (uintptr_t)&range,
	};
	int ret;

	ret = feature(dev, VFIO_DEVICE_FEATURE_SET |
		      VFIO_DEVICE_FEATURE_DMA_LOGGING_START, &ctl, sizeof(ctl));
	return ret < 0 ? ret : 0;
}

int mvgpu_dma_log_report(struct mvgpu_dev *dev, uint64_t iova, uint64_t len,
			 uint64_t page_size, uint64_t *bitmap)
{
	struct vfio_device_feature_dma_logging_report rep = {
		.iova = iova,
		.length = len,
		.page_size = page_size,
		.bitmap = (uintptr_t)bitmap,
	};
	int ret;

	ret = feature(dev, VFIO_DEVICE_FEATURE_GET |
		      VFIO_DEVICE_FEATURE_DMA_LOGGING_REPORT, &rep, sizeof(rep));
	return ret < 0 ? ret : 0;
}

int mvgpu_dma_log_stop(struct mvgpu_dev *dev)
{
	int ret = feature(dev, VFIO_DEVICE_FEATURE_SET |
			  VFIO_DEVICE_FEATURE_DMA_LOGGING_STOP, NULL, 0);

	return ret < 0 ? ret : 0;
}
