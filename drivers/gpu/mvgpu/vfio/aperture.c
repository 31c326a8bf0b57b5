// SPDX-License-Identifier: GPL-2.0-only
/*
 * BAR2, the aperture: pass-through of the vGPU's slice.
 *
 * The region reports the whole aperture; a sparse-mmap capability exposes
 * only the vGPU's slice.  A mapping of the slice faults each page in once,
 * straight to the guest page its GTT entry names (no trap after that); a
 * GTT update or DMA unmap zaps the page so the next access faults again.
 * An entry with no guest page behind it gets SIGBUS.  pread/pwrite reach
 * the same pages through the core's aperture accessor.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "mvgpu_drv.h"
#include "vfio/vfio.h"

#define BAR2_OFFSET	MVGPU_VFIO_INDEX_TO_OFFSET(VFIO_PCI_BAR2_REGION_INDEX)

/**
 * mvgpu_vfio_zap_aperture() - drop CPU mappings of part of the slice
 * @ctx: the vGPU (struct mvgpu_vgpu_ops.zap_aperture)
 * @offset: offset inside the vGPU's aperture slice
 * @len: bytes
 */
void mvgpu_vfio_zap_aperture(void *ctx, u64 offset, u64 len)
{
	struct mvgpu_vgpu *vgpu = ctx;
	struct inode *inode = vgpu_to_vdev(vgpu)->inode;

	if (inode)
		unmap_mapping_range(inode->i_mapping,
				    BAR2_OFFSET + vgpu->aperture.start + offset,
				    len, true);
}

/**
 * mvgpu_vfio_aperture_caps() - the sparse-mmap capability of BAR2
 * @vgpu: the vGPU
 * @caps: capability chain to add to
 *
 * Return: 0 or -ENOMEM.
 */
int mvgpu_vfio_aperture_caps(struct mvgpu_vgpu *vgpu,
			     struct vfio_info_cap *caps)
{
	struct vfio_region_info_cap_sparse_mmap *sparse;
	size_t size = struct_size(sparse, areas, 1);
	int ret;

	sparse = kzalloc(size, GFP_KERNEL);
	if (!sparse)
		return -ENOMEM;
	sparse->header.id = VFIO_REGION_INFO_CAP_SPARSE_MMAP;
	sparse->header.version = 1;
	sparse->nr_areas = 1;
	sparse->areas[0].offset = vgpu->aperture.start;
	sparse->areas[0].size = vgpu->aperture.size;
	ret = vfio_info_add_capability(caps, &sparse->header, size);
	kfree(sparse);
	return ret;
}

static vm_fault_t aperture_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct mvgpu_vgpu *vgpu = vma->vm_private_data;
	u64 offset = ((u64)vmf->pgoff << PAGE_SHIFT) & MVGPU_VFIO_OFFSET_MASK;
	struct page *page;
	vm_fault_t ret;

	offset -= vgpu->aperture.start;	/* mmap checked the bounds */
	down_read(&vgpu->gtt.ap_sem);
	page = mvgpu_gtt_aperture_page(vgpu, offset);
	if (page)
		ret = vmf_insert_pfn(vma, vmf->address, page_to_pfn(page));
	else
		ret = VM_FAULT_SIGBUS;
	up_read(&vgpu->gtt.ap_sem);

	WRITE_ONCE(vgpu->gtt.stats.aperture_faults,
		   vgpu->gtt.stats.aperture_faults + 1);
	if (!page) {
		WRITE_ONCE(vgpu->gtt.stats.aperture_sigbus,
			   vgpu->gtt.stats.aperture_sigbus + 1);
		mvgpu_vgpu_warn(vgpu, "aperture access at %#llx: GTT entry has no guest page\n",
				vgpu->aperture.start + offset);
	}
	return ret;
}

static const struct vm_operations_struct aperture_vm_ops = {
	.fault = aperture_fault,
};

/**
 * mvgpu_vfio_mmap() - mmap of the device fd: only BAR2's slice
 * @vdev: VFIO device
 * @vma: the mapping
 *
 * Return: 0, or -EINVAL for another region, a private mapping or a range
 * outside the vGPU's slice.
 */
int mvgpu_vfio_mmap(struct vfio_device *vdev, struct vm_area_struct *vma)
{
	struct mvgpu_vgpu *vgpu = vdev_to_vgpu(vdev);
	u64 start = ((u64)vma->vm_pgoff << PAGE_SHIFT) & MVGPU_VFIO_OFFSET_MASK;
	u64 len = vma->vm_end - vma->vm_start;
	unsigned int index = vma->vm_pgoff >>
			     (MVGPU_VFIO_OFFSET_SHIFT - PAGE_SHIFT);

	if (index >= VFIO_PCI_NUM_REGIONS)
		return mvgpu_vfio_display_mmap(vgpu, vma, index, start);
	if (index != VFIO_PCI_BAR2_REGION_INDEX ||
	    !(vma->vm_flags & VM_SHARED) ||
	    start < vgpu->aperture.start ||
	    start - vgpu->aperture.start > vgpu->aperture.size ||
	    len > vgpu->aperture.size - (start - vgpu->aperture.start)) {
		mvgpu_vgpu_dbg(vgpu, "mmap of region %u at %#llx+%#llx refused\n",
			       index, start, len);
		return -EINVAL;
	}
	vm_flags_set(vma, VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP);
	vma->vm_ops = &aperture_vm_ops;
	vma->vm_private_data = vgpu;
	return 0;
}

/**
 * mvgpu_vfio_aperture_rw() - pread/pwrite of BAR2
 * @vgpu: the vGPU
 * @pos: offset in BAR2
 * @val: kernel buffer
 * @len: bytes (at most 8, naturally aligned, so within one page)
 * @write: direction
 *
 * Return: 0, -EINVAL outside the vGPU's slice, -EIO for an entry with no
 * guest page behind it.
 */
int mvgpu_vfio_aperture_rw(struct mvgpu_vgpu *vgpu, u64 pos, void *val,
			   unsigned int len, bool write)
{
	if (pos < vgpu->aperture.start)
		return -EINVAL;
	return mvgpu_gtt_aperture_rw(vgpu, pos - vgpu->aperture.start, val,
				     len, write);
}
