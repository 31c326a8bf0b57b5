// SPDX-License-Identifier: GPL-2.0-only
/*
 * The dma-buf display mode: VFIO_DEVICE_QUERY_GFX_PLANE names the plane's
 * framebuffer by an id, and VFIO_DEVICE_GET_GFX_DMABUF turns the id into a
 * dma-buf of the guest pages behind it.
 *
 * A framebuffer (struct mvgpu_fb) is a plane's description and references
 * to its guest pages, taken through the vGPU's GTT.  A query finds the
 * one already made for the same description and pages (so an unchanged
 * screen keeps its id, and a VMM its imported buffer) or makes one.  It
 * first compares the plane's stamp (struct mvgpu_plane_info.gen), which
 * moves with every GTT write: an unchanged screen is recognised without
 * looking at its pages.  The vGPU keeps at most MAX_FBS framebuffers,
 * and drops them at reset, close and removal, and those whose guest
 * frames a DMA unmap takes away.  Each exported dma-buf holds its own
 * reference to its framebuffer, so it stays valid after the vGPU dropped
 * the framebuffer: the pages cannot be reused while a dma-buf has them,
 * whatever the guest or the VMM does with its memory.  The sg table has
 * struct pages, so that a CPU importer can mmap and vmap the buffer too.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/file.h>
#include <linux/iosys-map.h>
#include <linux/kref.h>
#include <linux/mm.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "mvgpu_drv.h"
#include "vfio/vfio.h"

/* Framebuffers a vGPU keeps; QEMU caches five dma-bufs. */
#define MAX_FBS		8

/**
 * struct mvgpu_fb - a framebuffer a query named
 * @ref: the vGPU's list holds one, each exported dma-buf one
 * @node: entry in the vGPU's list while it is there
 * @id: the dmabuf_id of the query
 * @gen: the plane's stamp when its pages were last looked at
 * @plane: the plane it shows
 * @pp: referenced guest pages, from the page of the first byte
 */
struct mvgpu_fb {
	struct kref ref;
	struct list_head node;
	u32 id;
	u64 gen;
	struct mvgpu_plane plane;
	struct mvgpu_plane_pages pp;
};

static void fb_free(struct kref *ref)
{
	struct mvgpu_fb *fb = container_of(ref, struct mvgpu_fb, ref);

	mvgpu_display_put_pages(&fb->pp);
	kfree(fb);
}

static void fb_put(struct mvgpu_fb *fb)
{
	kref_put(&fb->ref, fb_free);
}

/* ---- dma_buf_ops -------------------------------------------------------- */

static struct sg_table *fb_map(struct dma_buf_attachment *at,
			       enum dma_data_direction dir)
{
	struct mvgpu_fb *fb = at->dmabuf->priv;
	struct sg_table *sgt = kzalloc(sizeof(*sgt), GFP_KERNEL);
	int ret;

	if (!sgt)
		return ERR_PTR(-ENOMEM);
	ret = sg_alloc_table_from_pages(sgt, fb->pp.pages, fb->pp.nr, 0,
					(size_t)fb->pp.nr << PAGE_SHIFT,
					GFP_KERNEL);
	if (ret)
		goto err_free;
	ret = dma_map_sgtable(at->dev, sgt, dir, 0);
	if (ret)
		goto err_table;
	return sgt;

err_table:
	sg_free_table(sgt);
err_free:
	kfree(sgt);
	return ERR_PTR(ret);
}

static void fb_unmap(struct dma_buf_attachment *at, struct sg_table *sgt,
		     enum dma_data_direction dir)
{
	dma_unmap_sgtable(at->dev, sgt, dir, 0);
	sg_free_table(sgt);
	kfree(sgt);
}

static void fb_release(struct dma_buf *buf)
{
	fb_put(buf->priv);
}

/*
 * Guest pages are anonymous memory of the VMM, which vm_insert_page()
 * refuses: map them by pfn.  The dma-buf holds the pages while the
 * mapping (which holds the dma-buf's file) exists.
 */
static vm_fault_t fb_fault(struct vm_fault *vmf)
{
	struct mvgpu_fb *fb = vmf->vma->vm_private_data;

	if (vmf->pgoff >= fb->pp.nr)
		return VM_FAULT_SIGBUS;
	return vmf_insert_pfn(vmf->vma, vmf->address,
			      page_to_pfn(fb->pp.pages[vmf->pgoff]));
}

static const struct vm_operations_struct fb_vm_ops = {
	.fault = fb_fault,
};

static int fb_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP);
	vma->vm_ops = &fb_vm_ops;
	vma->vm_private_data = buf->priv;
	return 0;
}

static int fb_vmap(struct dma_buf *buf, struct iosys_map *map)
{
	struct mvgpu_fb *fb = buf->priv;
	void *va = vmap(fb->pp.pages, fb->pp.nr, VM_MAP, PAGE_KERNEL);

	if (!va)
		return -ENOMEM;
	iosys_map_set_vaddr(map, va);
	return 0;
}

static void fb_vunmap(struct dma_buf *buf, struct iosys_map *map)
{
	vunmap(map->vaddr);
}

static const struct dma_buf_ops fb_dmabuf_ops = {
	.map_dma_buf = fb_map,
	.unmap_dma_buf = fb_unmap,
	.release = fb_release,
	.mmap = fb_mmap,
	.vmap = fb_vmap,
	.vunmap = fb_vunmap,
};

/* ---- the vGPU's framebuffers ---------------------------------------------- */

static bool fb_same(const struct mvgpu_fb *fb, const struct mvgpu_plane *p,
		    const struct mvgpu_plane_pages *pp)
{
	return !memcmp(&fb->plane, p, sizeof(*p)) && fb->pp.nr == pp->nr &&
	       !memcmp(fb->pp.pages, pp->pages, pp->nr * sizeof(*pp->pages));
}

/*
 * The framebuffer showing @p whose stamp is @gen (@pp NULL), or whose
 * pages are @pp (then it takes the stamp @gen); the most recently used
 * goes last.
 */
static struct mvgpu_fb *fb_find(struct mvgpu_vfio_display *d,
				const struct mvgpu_plane *p, u64 gen,
				const struct mvgpu_plane_pages *pp)
{
	struct mvgpu_fb *fb;

	lockdep_assert_held(&d->lock);
	list_for_each_entry(fb, &d->fbs, node) {
		if (pp ? !fb_same(fb, p, pp) :
		    fb->gen != gen || memcmp(&fb->plane, p, sizeof(*p)))
			continue;
		fb->gen = gen;
		/* eviction takes the first */
		list_move_tail(&fb->node, &d->fbs);
		return fb;
	}
	return NULL;
}

/**
 * mvgpu_vfio_dmabuf_query() - the dma-buf id of what a plane shows
 * @vgpu: the vGPU
 * @id: which plane
 * @info: filled in as by mvgpu_display_query()
 * @dmabuf_id: set to the framebuffer's id (0 when the plane is off)
 *
 * A plane whose stamp has not moved since its framebuffer was made is
 * answered without touching its pages; otherwise its pages are looked up
 * through the GTT and compared.
 *
 * Return: 0, -EFAULT when part of the plane has no guest page behind it,
 * -ENOMEM.
 */
int mvgpu_vfio_dmabuf_query(struct mvgpu_vgpu *vgpu, enum mvgpu_plane_id id,
			    struct mvgpu_plane_info *info, u32 *dmabuf_id)
{
	struct mvgpu_vfio_display *d = display_of(vgpu);
	struct mvgpu_plane_pages pp;
	struct mvgpu_fb *fb;
	int ret;

	*dmabuf_id = 0;
	ret = mvgpu_display_query(vgpu, id, info);
	if (ret || !info->plane.on)
		return ret;
	mutex_lock(&d->lock);
	fb = fb_find(d, &info->plane, info->gen, NULL);
	if (fb)
		*dmabuf_id = fb->id;
	mutex_unlock(&d->lock);
	if (fb)
		return 0;

	ret = mvgpu_display_plane_pages(vgpu, id, info, &pp);
	if (ret || !info->plane.on)
		return ret;
	mutex_lock(&d->lock);
	fb = fb_find(d, &info->plane, info->gen, &pp);
	if (fb) {
		*dmabuf_id = fb->id;
		mutex_unlock(&d->lock);
		mvgpu_display_put_pages(&pp);
		return 0;
	}
	fb = kzalloc(sizeof(*fb), GFP_KERNEL);
	if (!fb) {
		mutex_unlock(&d->lock);
		mvgpu_display_put_pages(&pp);
		return -ENOMEM;
	}
	kref_init(&fb->ref);
	fb->plane = info->plane;
	fb->gen = info->gen;
	fb->pp = pp;
	fb->id = ++d->next_fb_id ?: ++d->next_fb_id;
	if (list_count_nodes(&d->fbs) >= MAX_FBS) {
		struct mvgpu_fb *oldest = list_first_entry(&d->fbs,
							   struct mvgpu_fb,
							   node);

		list_del(&oldest->node);
		fb_put(oldest);
	}
	list_add_tail(&fb->node, &d->fbs);
	*dmabuf_id = fb->id;
	mutex_unlock(&d->lock);
	return 0;
}

/* Drop the framebuffers @match picks; exported dma-bufs keep theirs. */
static void fbs_drop(struct mvgpu_vfio_display *d,
		     bool (*match)(const struct mvgpu_fb *fb, u64 first,
				   u64 last),
		     u64 first, u64 last)
{
	struct mvgpu_fb *fb, *tmp;
	LIST_HEAD(gone);

	mutex_lock(&d->lock);
	list_for_each_entry_safe(fb, tmp, &d->fbs, node)
		if (match(fb, first, last))
			list_move_tail(&fb->node, &gone);
	mutex_unlock(&d->lock);
	list_for_each_entry_safe(fb, tmp, &gone, node) {
		list_del(&fb->node);
		fb_put(fb);
	}
}

static bool fb_any(const struct mvgpu_fb *fb, u64 first, u64 last)
{
	return true;
}

static bool fb_in_frames(const struct mvgpu_fb *fb, u64 first, u64 last)
{
	return fb->pp.span.first <= last && fb->pp.span.last >= first;
}

/**
 * mvgpu_vfio_dmabuf_unmapped() - guest memory went away
 * @vgpu: the vGPU
 * @iova: first byte unmapped
 * @length: bytes
 *
 * The framebuffers made of guest frames in the range are dropped: their
 * ids are stale from now on, and no new dma-buf of those pages is made.
 * The .dma_unmap callback calls it (VFIO holds its locks; this takes only
 * the display lock and drops page references).
 */
void mvgpu_vfio_dmabuf_unmapped(struct mvgpu_vgpu *vgpu, u64 iova,
				u64 length)
{
	if (!length || iova + length - 1 < iova)
		return;
	fbs_drop(display_of(vgpu), fb_in_frames, iova >> MVGPU_GTT_PAGE_SHIFT,
		 (iova + length - 1) >> MVGPU_GTT_PAGE_SHIFT);
}

/**
 * mvgpu_vfio_dmabuf_forget() - drop the vGPU's framebuffers
 * @vgpu: the vGPU
 *
 * At reset, close and release: their ids are stale from now on.  Exported
 * dma-bufs keep their own references.
 */
void mvgpu_vfio_dmabuf_forget(struct mvgpu_vgpu *vgpu)
{
	fbs_drop(display_of(vgpu), fb_any, 0, 0);
}

/**
 * mvgpu_vfio_get_dmabuf() - VFIO_DEVICE_GET_GFX_DMABUF
 * @vgpu: the vGPU
 * @arg: user pointer to the u32 dmabuf_id
 *
 * Each call exports a new dma-buf of the framebuffer (QEMU asks once per
 * id).
 *
 * Return: a dma-buf fd (O_CLOEXEC), -ENOENT for an id the vGPU does not
 * have (never given, or stale), -EINVAL outside dma-buf mode, -EFAULT,
 * -ENOMEM, or the fd allocation's error.
 */
long mvgpu_vfio_get_dmabuf(struct mvgpu_vgpu *vgpu, unsigned long arg)
{
	struct mvgpu_vfio_display *d = display_of(vgpu);
	DEFINE_DMA_BUF_EXPORT_INFO(exp);
	struct mvgpu_fb *fb, *found = NULL;
	struct dma_buf *buf;
	u32 id;
	int fd;

	if (get_user(id, (u32 __user *)arg))
		return -EFAULT;
	if (READ_ONCE(d->mode) != MVGPU_DISPLAY_DMABUF)
		return -EINVAL;
	mutex_lock(&d->lock);
	list_for_each_entry(fb, &d->fbs, node) {
		if (fb->id == id) {
			found = fb;
			kref_get(&fb->ref);
			break;
		}
	}
	mutex_unlock(&d->lock);
	if (!found)
		return -ENOENT;

	exp.ops = &fb_dmabuf_ops;
	exp.size = (size_t)found->pp.nr << PAGE_SHIFT;
	exp.flags = O_RDWR;
	exp.priv = found;
	buf = dma_buf_export(&exp);
	if (IS_ERR(buf)) {
		fb_put(found);
		return PTR_ERR(buf);
	}
	fd = dma_buf_fd(buf, O_CLOEXEC);
	if (fd < 0)
		dma_buf_put(buf);	/* releases the reference */
	return fd;
}
