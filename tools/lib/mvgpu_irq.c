// SPDX-License-Identifier: GPL-2.0
/*
 * mvgpu_irq.c - VFIO_DEVICE_SET_IRQS wrappers and eventfd helpers.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "internal.h"
#include "mvgpu_vfio.h"

int mvgpu_set_irqs(struct mvgpu_dev *dev, uint32_t flags, uint32_t index,
		   uint32_t start, uint32_t count,
		   const void *data, size_t data_len)
{
	struct vfio_irq_set *set;
	size_t argsz = sizeof(*set) + data_len;
	int ret;

	set = calloc(1, argsz);
	if (!set)
		return -ENOMEM;
	set->argsz = argsz;
	set->flags = flags;
	set->index = index;
	set->start = start;
	set->count = count;
	if (data_len)
		memcpy(set->data, data, data_len);
	ret = xioctl(dev->device_fd, VFIO_DEVICE_SET_IRQS, set);
	free(set);
	return ret < 0 ? ret : 0;
}

int mvgpu_irq_set_trigger(struct mvgpu_dev *dev, uint32_t index, int efd)
{
	int32_t fd = efd;

	return mvgpu_set_irqs(dev, VFIO_IRQ_SET_DATA_EVENTFD |
			      VFIO_IRQ_SET_ACTION_TRIGGER,
			      index, 0, 1, &fd, sizeof(fd));
}

int mvgpu_irq_disable(struct mvgpu_dev *dev, uint32_t index)
{
	return mvgpu_set_irqs(dev, VFIO_IRQ_SET_DATA_NONE |
			      VFIO_IRQ_SET_ACTION_TRIGGER,
			      index, 0, 0, NULL, 0);
}

int mvgpu_irq_unmask(struct mvgpu_dev *dev, uint32_t index)
{
	return mvgpu_set_irqs(dev, VFIO_IRQ_SET_DATA_NONE |
			      VFIO_IRQ_SET_ACTION_UNMASK,
			      index, 0, 1, NULL, 0);
}

int mvgpu_irq_mask(struct mvgpu_dev *dev, uint32_t index)
{
	return mvgpu_set_irqs(dev, VFIO_IRQ_SET_DATA_NONE |
			      VFIO_IRQ_SET_ACTION_MASK,
			      index, 0, 1, NULL, 0);
}

int mvgpu_eventfd_new(void)
{
	int fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);

	return fd < 0 ? -errno : fd;
}

int mvgpu_eventfd_wait(int efd, int timeout_ms)
{
	struct pollfd pfd = { .fd = efd, .events = POLLIN };
	int ret;

	do {
		ret = poll(&pfd, 1, timeout_ms);
	} while (ret < 0 && errno == EINTR);
	if (ret < 0)
		return -errno;
	if (ret && !(pfd.revents & POLLIN))
		return -EIO;	/* POLLERR/POLLNVAL */
	return ret ? 1 : 0;
}

int mvgpu_eventfd_consume(int efd, uint64_t *count)
{
	ssize_t n = read(efd, count, sizeof(*count));

	if (n == sizeof(*count))
		return 0;
	*count = 0;
	if (n < 0 && errno == EAGAIN)
		return 0;
	return n < 0 ? -errno : -EIO;
}
