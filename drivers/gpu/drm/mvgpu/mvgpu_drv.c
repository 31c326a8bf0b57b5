// SPDX-License-Identifier: GPL-2.0-only
/*
 * mvgpu_drm: PCI probe and remove, the drm_driver, per-file state and
 * GET_PARAM.
 *
 * Probe order (remove undoes it in reverse): PCI enable and BAR0, the PV
 * handshake (nothing touches the GTT before it), graphics memory, the
 * interrupt handler, engines and their schedulers, modesetting, then the
 * DRM device is registered and the fbdev console set up.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/module.h>
#include <linux/pci.h>

#include <drm/drm_atomic_helper.h>
#include <drm/drm_drv.h>
#include <drm/drm_fbdev_shmem.h>
#include <drm/drm_file.h>
#include <drm/drm_gem_shmem_helper.h>
#include <drm/drm_ioctl.h>
#include <drm/drm_managed.h>
#include <drm/drm_module.h>
#include <drm/drm_print.h>
#include <drm/drm_probe_helper.h>

#include <drm/mvgpu_drm.h>

#include "mvgpu_drv.h"

static int mvgpu_open(struct drm_device *drm, struct drm_file *file)
{
	struct mvgpu_device *mdev = to_mvgpu(drm);
	struct mvgpu_file *mfile;
	unsigned int e;
	int ret;

	mfile = kzalloc(sizeof(*mfile), GFP_KERNEL);
	if (!mfile)
		return -ENOMEM;
	mfile->vm = mvgpu_drm_vm_create(mdev);
	if (IS_ERR(mfile->vm)) {
		ret = PTR_ERR(mfile->vm);
		goto err_free;
	}
	for (e = 0; e < MVGPU_NUM_ENGINES; e++) {
		struct drm_gpu_scheduler *sched = &mdev->engine[e].sched;

		if (!mdev->engine[e].present)
			continue;
		ret = drm_sched_entity_init(&mfile->entity[e],
					    DRM_SCHED_PRIORITY_NORMAL,
					    &sched, 1, NULL);
		if (ret)
			goto err_entities;
	}
	file->driver_priv = mfile;
	return 0;

err_entities:
	while (e--)
		if (mdev->engine[e].present)
			drm_sched_entity_destroy(&mfile->entity[e]);
	mvgpu_drm_vm_put(mfile->vm);
err_free:
	kfree(mfile);
	return ret;
}

/*
 * The entities are destroyed (their queued jobs run or are dropped)
 * before the address space goes; objects still mapped in it hold their
 * own references to it and unmap when their handles go.
 */
static void mvgpu_postclose(struct drm_device *drm, struct drm_file *file)
{
	struct mvgpu_device *mdev = to_mvgpu(drm);
	struct mvgpu_file *mfile = file->driver_priv;
	unsigned int e;

	for (e = 0; e < MVGPU_NUM_ENGINES; e++)
		if (mdev->engine[e].present)
			drm_sched_entity_destroy(&mfile->entity[e]);
	mvgpu_drm_vm_put(mfile->vm);
	kfree(mfile);
}

static int mvgpu_ioctl_get_param(struct drm_device *drm, void *data,
				 struct drm_file *file)
{
	struct mvgpu_device *mdev = to_mvgpu(drm);
	struct mvgpu_file *mfile = file->driver_priv;
	struct drm_mvgpu_get_param *args = data;

	if (args->pad)
		return -EINVAL;
	switch (args->param) {
	case MVGPU_PARAM_ENGINES:
		args->value = mdev->engine_mask;
		break;
	case MVGPU_PARAM_VGPU_ID:
		args->value = mdev->vgpu_id;
		break;
	case MVGPU_PARAM_PV_VERSION:
		args->value = mdev->pv_version;
		break;
	case MVGPU_PARAM_GM_MAPPABLE_SIZE:
		args->value = mdev->ap_size;
		break;
	case MVGPU_PARAM_GM_HIDDEN_SIZE:
		args->value = mdev->hid_size;
		break;
	case MVGPU_PARAM_MAX_BATCH_SIZE:
		args->value = MVGPU_DRM_MAX_BATCH;
		break;
	case MVGPU_PARAM_FILE_FAULTS:
		args->value = atomic_read(&mfile->vm->faults);
		break;
	case MVGPU_PARAM_FILE_LAST_ERROR:
		args->value = atomic_read(&mfile->vm->last_error);
		break;
	case MVGPU_PARAM_ENGINE_RESETS:
		args->value = atomic_read(&mdev->resets);
		break;
	default:
		return -EINVAL;
	}
	return 0;
}

static const struct drm_ioctl_desc mvgpu_ioctls[] = {
	DRM_IOCTL_DEF_DRV(MVGPU_GET_PARAM, mvgpu_ioctl_get_param, DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(MVGPU_GEM_CREATE, mvgpu_drm_ioctl_gem_create, DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(MVGPU_GEM_INFO, mvgpu_drm_ioctl_gem_info, DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(MVGPU_SUBMIT, mvgpu_drm_ioctl_submit, DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(MVGPU_GEM_WAIT, mvgpu_drm_ioctl_gem_wait, DRM_RENDER_ALLOW),
};

DEFINE_DRM_GEM_FOPS(mvgpu_fops);

static const struct drm_driver mvgpu_driver = {
	.driver_features = DRIVER_GEM | DRIVER_MODESET | DRIVER_ATOMIC |
			   DRIVER_RENDER | DRIVER_SYNCOBJ,
	.open = mvgpu_open,
	.postclose = mvgpu_postclose,
	.ioctls = mvgpu_ioctls,
	.num_ioctls = ARRAY_SIZE(mvgpu_ioctls),
	.fops = &mvgpu_fops,
	.gem_create_object = mvgpu_drm_gem_create_object,
	/* DRM_GEM_SHMEM_DRIVER_OPS, but with pitches scanout can take. */
	.gem_prime_import_sg_table = drm_gem_shmem_prime_import_sg_table,
	.dumb_create = mvgpu_drm_dumb_create,
	.name = MVGPU_DRM_NAME,
	.desc = MVGPU_DRM_DESC,
	.date = "20261206",
	.major = 1,
	.minor = 0,
};

static int mvgpu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct mvgpu_device *mdev;
	struct drm_device *drm;
	int ret;

	mdev = devm_drm_dev_alloc(&pdev->dev, &mvgpu_driver,
				  struct mvgpu_device, drm);
	if (IS_ERR(mdev))
		return PTR_ERR(mdev);
	drm = &mdev->drm;
	mdev->pdev = pdev;
	pci_set_drvdata(pdev, mdev);

	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	pci_set_master(pdev);
	ret = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(39));
	if (ret)
		return ret;
	ret = pcim_iomap_regions(pdev, BIT(0), MVGPU_DRM_NAME);
	if (ret)
		return ret;
	mdev->mmio = pcim_iomap_table(pdev)[0];
	if (pci_resource_len(pdev, 0) < MVGPU_BAR0_SIZE)
		return dev_err_probe(&pdev->dev, -ENODEV, "BAR0 is too small\n");

	ret = mvgpu_drm_pv_init(mdev);
	if (ret)
		return ret;
	ret = mvgpu_drm_gm_init(mdev);
	if (ret)
		return ret;
	ret = mvgpu_drm_irq_init(mdev);
	if (ret)
		goto err_gm;
	ret = mvgpu_drm_engines_init(mdev);
	if (ret)
		goto err_irq;
	ret = mvgpu_drm_sched_init(mdev);
	if (ret)
		goto err_engines;
	ret = mvgpu_drm_kms_init(mdev);
	if (ret)
		goto err_sched;
	ret = drm_dev_register(drm, 0);
	if (ret)
		goto err_kms;
	drm_fbdev_shmem_setup(drm, 32);
	drm_info(drm, "vgpu%u: PV %u.%u, engines %#x, graphics memory %llu MiB mappable + %llu MiB hidden\n",
		 mdev->vgpu_id, mdev->pv_version >> 16,
		 mdev->pv_version & 0xffff, mdev->engine_mask,
		 mdev->ap_size >> 20, mdev->hid_size >> 20);
	return 0;

err_kms:
	mvgpu_drm_kms_fini(mdev);
err_sched:
	mvgpu_drm_sched_fini(mdev);
err_engines:
	mvgpu_drm_engines_fini(mdev);
err_irq:
	mvgpu_drm_irq_fini(mdev);
err_gm:
	mvgpu_drm_gm_fini(mdev);
	return ret;
}

static void mvgpu_remove(struct pci_dev *pdev)
{
	struct mvgpu_device *mdev = pci_get_drvdata(pdev);

	drm_dev_unplug(&mdev->drm);
	drm_atomic_helper_shutdown(&mdev->drm);
	mvgpu_drm_kms_fini(mdev);
	mvgpu_drm_sched_fini(mdev);
	mvgpu_drm_engines_fini(mdev);
	mvgpu_drm_irq_fini(mdev);
	mvgpu_drm_gm_fini(mdev);
}

static void mvgpu_shutdown(struct pci_dev *pdev)
{
	struct mvgpu_device *mdev = pci_get_drvdata(pdev);

	drm_atomic_helper_shutdown(&mdev->drm);
}

static const struct pci_device_id mvgpu_pci_ids[] = {
	{ PCI_DEVICE(MVGPU_PCI_VENDOR_ID, MVGPU_PCI_DEVICE_ID) },
	{ }
};
MODULE_DEVICE_TABLE(pci, mvgpu_pci_ids);

static struct pci_driver mvgpu_pci_driver = {
	.name = "mvgpu_drm",
	.id_table = mvgpu_pci_ids,
	.probe = mvgpu_probe,
	.remove = mvgpu_remove,
	.shutdown = mvgpu_shutdown,
};

drm_module_pci_driver(mvgpu_pci_driver);

MODULE_DESCRIPTION("DRM driver for mvgpu vGPUs (guest side)");
MODULE_AUTHOR("The mvgpu developers");
MODULE_LICENSE("GPL");
