/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The reference software GPU: private structures.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_SGPU_H_
#define _MVGPU_SGPU_H_

#include <linux/device.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/mvgpu_backend.h>

#define SGPU_MAX_DEVICES	256
#define SGPU_GGTT_SIZE		(4ull << 30)
#define SGPU_APERTURE_SIZE	(512ull << 20)
#define SGPU_HOST_APERTURE	(64ull << 20)
#define SGPU_HOST_HIDDEN	(256ull << 20)

/**
 * struct sgpu_device - one software physical GPU
 * @dev: device on the mvgpu_sgpu bus; the mdev parent
 * @id: instance number (device name sgpu<id>)
 * @node: entry in the list of devices
 * @ggtt_lock: protects @ggtt against concurrent updates
 * @ggtt: the global GTT, one entry per 4 KiB page
 * @nr_ggtt: entries in @ggtt
 * @pgpu: the core's handle once registered
 */
struct sgpu_device {
	struct device dev;
	unsigned int id;
	struct list_head node;
	spinlock_t ggtt_lock;	/* serializes GGTT entry updates */
	u64 *ggtt;
	u32 nr_ggtt;
	struct mvgpu_pgpu *pgpu;
};

extern const struct bus_type sgpu_bus_type;

int sgpu_device_create(unsigned int id);
int sgpu_device_destroy(unsigned int id);
void sgpu_device_destroy_all(void);

#endif /* _MVGPU_SGPU_H_ */
