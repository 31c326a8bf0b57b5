// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per physical GPU administration: /sys/class/mdev_bus/<pgpu>/mvgpu/
 *
 *   sched_policy    best_effort | equal_share | fixed_share | weighted
 *   sched_slice_ms  the time slice, 1..30
 *
 * The directory is a kobject of its own under the parent device, which
 * belongs to the backend: we add no attributes to the backend's device.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "mvgpu_drv.h"
#include "vfio/vfio.h"

struct pgpu_kobj {
	struct kobject kobj;
	struct mvgpu_pgpu *pgpu;
};

static struct mvgpu_pgpu *kobj_to_pgpu(struct kobject *kobj)
{
	return container_of(kobj, struct pgpu_kobj, kobj)->pgpu;
}

static ssize_t sched_policy_show(struct kobject *kobj,
				 struct kobj_attribute *attr, char *buf)
{
	struct mvgpu_pgpu *pgpu = kobj_to_pgpu(kobj);

	return sysfs_emit(buf, "%s\n",
			  mvgpu_sched_policy_name(mvgpu_sched_pgpu_policy(pgpu)));
}

static ssize_t sched_policy_store(struct kobject *kobj,
				  struct kobj_attribute *attr,
				  const char *buf, size_t count)
{
	int policy = mvgpu_sched_policy_parse(buf);

	if (policy < 0)
		return policy;
	policy = mvgpu_sched_pgpu_set_policy(kobj_to_pgpu(kobj), policy);
	return policy < 0 ? policy : count;
}

static struct kobj_attribute sched_policy_attr = __ATTR_RW(sched_policy);

static ssize_t sched_slice_ms_show(struct kobject *kobj,
				   struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%llu\n",
			  mvgpu_sched_pgpu_slice(kobj_to_pgpu(kobj)) /
			  NSEC_PER_MSEC);
}

static ssize_t sched_slice_ms_store(struct kobject *kobj,
				    struct kobj_attribute *attr,
				    const char *buf, size_t count)
{
	unsigned int ms;
	int ret;

	ret = kstrtouint(buf, 0, &ms);
	if (ret)
		return ret;
	ret = mvgpu_sched_pgpu_set_slice(kobj_to_pgpu(kobj),
					 (u64)ms * NSEC_PER_MSEC);
	return ret ? ret : count;
}

static struct kobj_attribute sched_slice_ms_attr = __ATTR_RW(sched_slice_ms);

static struct attribute *pgpu_attrs[] = {
	&sched_policy_attr.attr,
	&sched_slice_ms_attr.attr,
	NULL,
};
ATTRIBUTE_GROUPS(pgpu);

static void pgpu_kobj_release(struct kobject *kobj)
{
	kfree(container_of(kobj, struct pgpu_kobj, kobj));
}

static const struct kobj_type pgpu_ktype = {
	.release = pgpu_kobj_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = pgpu_groups,
};

/**
 * mvgpu_vfio_sysfs_init() - create a physical GPU's mvgpu/ directory
 * @vp: the physical GPU as an mdev parent
 *
 * Return: 0 or -ENOMEM.
 */
int mvgpu_vfio_sysfs_init(struct mvgpu_vfio_parent *vp)
{
	struct pgpu_kobj *k = kzalloc(sizeof(*k), GFP_KERNEL);
	int ret;

	if (!k)
		return -ENOMEM;
	k->pgpu = vp->pgpu;
	ret = kobject_init_and_add(&k->kobj, &pgpu_ktype, &vp->pgpu->dev->kobj,
				   "mvgpu");
	if (ret) {
		kobject_put(&k->kobj);
		return ret;
	}
	vp->sysfs = &k->kobj;
	return 0;
}

/**
 * mvgpu_vfio_sysfs_fini() - remove it; no handler runs afterwards
 * @vp: the physical GPU as an mdev parent
 */
void mvgpu_vfio_sysfs_fini(struct mvgpu_vfio_parent *vp)
{
	kobject_del(vp->sysfs);
	kobject_put(vp->sysfs);
	vp->sysfs = NULL;
}
