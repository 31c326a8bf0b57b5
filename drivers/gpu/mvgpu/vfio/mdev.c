// SPDX-License-Identifier: GPL-2.0-only
/*
 * The mdev side of the front end: each physical GPU is an mdev parent
 * offering the vGPU types, and the mdev driver makes one vGPU per mdev
 * device (create/remove through sysfs arrive here as probe/remove).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/device.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "mvgpu_drv.h"
#include "vfio/vfio.h"

static int mvgpu_mdev_probe(struct mdev_device *mdev)
{
	struct mvgpu_vfio_vgpu *v;
	int ret;

	/* ->init reserves the vGPU's resources or fails with -ENOSPC. */
	v = vfio_alloc_device(mvgpu_vfio_vgpu, vdev, &mdev->dev,
			      &mvgpu_vfio_ops);
	if (IS_ERR(v))
		return PTR_ERR(v);
	dev_set_drvdata(&mdev->dev, &v->vgpu);
	ret = vfio_register_emulated_iommu_dev(&v->vdev);
	if (ret) {
		vfio_put_device(&v->vdev);
		return ret;
	}
	dev_dbg(&mdev->dev, "vgpu%d created\n", v->vgpu.id);
	return 0;
}

static void mvgpu_mdev_remove(struct mdev_device *mdev)
{
	struct mvgpu_vgpu *vgpu = dev_get_drvdata(&mdev->dev);

	/* Waits for the user to close the device; ->request asks it to. */
	vfio_unregister_group_dev(vgpu_to_vdev(vgpu));
	vfio_put_device(vgpu_to_vdev(vgpu));
}

static unsigned int mvgpu_mdev_get_available(struct mdev_type *mtype)
{
	return mvgpu_pgpu_available(mtype_to_pgpu(mtype),
				    mtype_to_type(mtype)->desc);
}

static ssize_t mvgpu_mdev_show_description(struct mdev_type *mtype, char *buf)
{
	const struct mvgpu_type_desc *t = mtype_to_type(mtype)->desc;

	int n;

	n = sysfs_emit(buf, "aperture: %llu MiB\n", t->aperture_size >> 20);
	n += sysfs_emit_at(buf, n, "hidden: %llu MiB\n", t->hidden_size >> 20);
	n += sysfs_emit_at(buf, n, "weight: %u\n", t->weight);
	n += sysfs_emit_at(buf, n, "engines:%s%s\n",
			   t->engine_mask & BIT(MVGPU_ENGINE_RCS) ? " rcs" : "",
			   t->engine_mask & BIT(MVGPU_ENGINE_BCS) ? " bcs" : "");
	n += sysfs_emit_at(buf, n, "resolution: %ux%u\n", t->max_hres,
			   t->max_vres);
	return n;
}

static struct mvgpu_vgpu *dev_to_vgpu(struct device *dev)
{
	return dev_get_drvdata(dev);
}

static ssize_t vgpu_id_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%d\n", dev_to_vgpu(dev)->id);
}
static DEVICE_ATTR_RO(vgpu_id);

static ssize_t aperture_base_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%#llx\n", dev_to_vgpu(dev)->aperture.start);
}

/*
 * Serializes the writes of aperture_base and hidden_base, each of which
 * keeps the other slice where it is: two writers must not each move one
 * slice back to where the other's write took it from.
 */
static DEFINE_MUTEX(place_lock);

/* Move one slice of the vGPU (before it is opened): mvgpu_vgpu_place(). */
static ssize_t store_base(struct device *dev, const char *buf, size_t count,
			  bool aperture)
{
	struct mvgpu_vgpu *vgpu = dev_to_vgpu(dev);
	u64 base;
	int ret;

	ret = kstrtou64(buf, 0, &base);
	if (ret)
		return ret;
	mutex_lock(&place_lock);
	ret = mvgpu_vgpu_place(vgpu, aperture ? base : vgpu->aperture.start,
			       aperture ? vgpu->hidden.start : base);
	mutex_unlock(&place_lock);
	return ret ? ret : count;
}

static ssize_t aperture_base_store(struct device *dev,
				   struct device_attribute *attr,
				   const char *buf, size_t count)
{
	return store_base(dev, buf, count, true);
}
static DEVICE_ATTR_RW(aperture_base);

static ssize_t aperture_size_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%#llx\n", dev_to_vgpu(dev)->aperture.size);
}
static DEVICE_ATTR_RO(aperture_size);

static ssize_t hidden_base_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%#llx\n", dev_to_vgpu(dev)->hidden.start);
}

static ssize_t hidden_base_store(struct device *dev,
				 struct device_attribute *attr,
				 const char *buf, size_t count)
{
	return store_base(dev, buf, count, false);
}
static DEVICE_ATTR_RW(hidden_base);

static ssize_t hidden_size_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%#llx\n", dev_to_vgpu(dev)->hidden.size);
}
static DEVICE_ATTR_RO(hidden_size);

static ssize_t weight_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	return sysfs_emit(buf, "%u\n", dev_to_vgpu(dev)->type->weight);
}
static DEVICE_ATTR_RO(weight);

/* The scheduling weight and cap: the same on every engine of the vGPU. */
static ssize_t store_sched(struct device *dev, const char *buf, size_t count,
			   int (*set)(struct mvgpu_vgpu *vgpu,
				      unsigned int val))
{
	unsigned int val;
	int ret;

	ret = kstrtouint(buf, 0, &val);
	if (!ret)
		ret = set(dev_to_vgpu(dev), val);
	return ret ? ret : count;
}

static ssize_t sched_weight_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n",
			  READ_ONCE(dev_to_vgpu(dev)->engines[0].sched.se.weight));
}

static ssize_t sched_weight_store(struct device *dev,
				  struct device_attribute *attr,
				  const char *buf, size_t count)
{
	return store_sched(dev, buf, count, mvgpu_sched_set_weight_all);
}
static DEVICE_ATTR_RW(sched_weight);

static ssize_t sched_cap_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n",
			  READ_ONCE(dev_to_vgpu(dev)->engines[0].sched.se.cap));
}

static ssize_t sched_cap_store(struct device *dev,
			       struct device_attribute *attr,
			       const char *buf, size_t count)
{
	return store_sched(dev, buf, count, mvgpu_sched_set_cap_all);
}
static DEVICE_ATTR_RW(sched_cap);

/* How the VMM gets the display: "region" or "none"; set before open. */
static ssize_t display_mode_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	return mvgpu_vfio_display_mode_show(dev_to_vgpu(dev), buf);
}

static ssize_t display_mode_store(struct device *dev,
				  struct device_attribute *attr,
				  const char *buf, size_t count)
{
	int ret = mvgpu_vfio_display_mode_store(dev_to_vgpu(dev), buf);

	return ret ? ret : count;
}
static DEVICE_ATTR_RW(display_mode);

static struct attribute *mvgpu_vgpu_attrs[] = {
	&dev_attr_vgpu_id.attr,
	&dev_attr_aperture_base.attr,
	&dev_attr_aperture_size.attr,
	&dev_attr_hidden_base.attr,
	&dev_attr_hidden_size.attr,
	&dev_attr_weight.attr,
	&dev_attr_sched_weight.attr,
	&dev_attr_sched_cap.attr,
	&dev_attr_display_mode.attr,
	NULL,
};

static const struct attribute_group mvgpu_vgpu_group = {
	.name = "mvgpu",
	.attrs = mvgpu_vgpu_attrs,
};

static const struct attribute_group *mvgpu_vgpu_groups[] = {
	&mvgpu_vgpu_group,
	NULL,
};

struct mdev_driver mvgpu_mdev_driver = {
	.device_api = VFIO_DEVICE_API_PCI_STRING,
	.driver = {
		.name = "mvgpu",
		.owner = THIS_MODULE,
		.mod_name = KBUILD_MODNAME,
		.dev_groups = mvgpu_vgpu_groups,
	},
	.probe = mvgpu_mdev_probe,
	.remove = mvgpu_mdev_remove,
	.get_available = mvgpu_mdev_get_available,
	.show_description = mvgpu_mdev_show_description,
};

/* ---- physical GPUs as mdev parents ----------------------------------- */

static void parent_free(struct mvgpu_vfio_parent *vp)
{
	kfree(vp->mtypes);
	kfree(vp->types);
	kfree(vp);
}

static struct mvgpu_vfio_parent *parent_alloc(struct mvgpu_pgpu *pgpu)
{
	struct mvgpu_vfio_parent *vp = kzalloc(sizeof(*vp), GFP_KERNEL);
	unsigned int i;

	if (!vp)
		return NULL;
	vp->pgpu = pgpu;
	vp->types = kcalloc(pgpu->nr_types, sizeof(*vp->types), GFP_KERNEL);
	vp->mtypes = kcalloc(pgpu->nr_types, sizeof(*vp->mtypes), GFP_KERNEL);
	if (!vp->types || !vp->mtypes) {
		parent_free(vp);
		return NULL;
	}
	for (i = 0; i < pgpu->nr_types; i++) {
		vp->types[i].desc = &pgpu->types[i];
		vp->types[i].mtype.sysfs_name = pgpu->types[i].sysfs_name;
		vp->types[i].mtype.pretty_name = pgpu->types[i].pretty_name;
		vp->mtypes[i] = &vp->types[i].mtype;
	}
	return vp;
}

/* A physical GPU is ready: its sysfs directory, then its mdev types. */
static int mvgpu_vfio_pgpu_add(struct mvgpu_pgpu *pgpu)
{
	struct mvgpu_vfio_parent *vp = parent_alloc(pgpu);
	int ret;

	if (!vp)
		return -ENOMEM;
	ret = mvgpu_vfio_sysfs_init(vp);
	if (ret)
		goto err_free;
	ret = mdev_register_parent(&vp->parent, pgpu->dev, &mvgpu_mdev_driver,
				   vp->mtypes, pgpu->nr_types);
	if (ret)
		goto err_sysfs;
	pgpu->frontend = vp;
	return 0;

err_sysfs:
	mvgpu_vfio_sysfs_fini(vp);
err_free:
	parent_free(vp);
	return ret;
}

/* Removes every vGPU of the parent, waiting for their users to close. */
static void mvgpu_vfio_pgpu_remove(struct mvgpu_pgpu *pgpu)
{
	struct mvgpu_vfio_parent *vp = pgpu->frontend;

	mdev_unregister_parent(&vp->parent);
	mvgpu_vfio_sysfs_fini(vp);
	pgpu->frontend = NULL;
	parent_free(vp);
}

const struct mvgpu_frontend mvgpu_vfio_frontend = {
	.pgpu_add = mvgpu_vfio_pgpu_add,
	.pgpu_remove = mvgpu_vfio_pgpu_remove,
};
