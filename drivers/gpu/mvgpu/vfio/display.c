// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vGPU's display as VFIO presents it to the VMM: the graphics-plane
 * query (VFIO_DEVICE_QUERY_GFX_PLANE), the region display mode (one
 * mmap-able region per plane, refreshed at each query) and the EDID
 * region (VFIO_REGION_SUBTYPE_GFX_EDID).
 *
 * The display mode is chosen per vGPU before it is opened (the
 * display_mode attribute): QEMU picks dma-buf first when a device offers
 * it and then needs OpenGL, so a device offers one mode only.  The
 * dma-buf mode's framebuffers are in vfio/dmabuf.c.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "mvgpu_drv.h"
#include "vfio/vfio.h"

/*
 * DRM_PLANE_TYPE_* (include/drm/drm_plane.h): fixed by the uAPI.  Type 0
 * (overlay) is taken as the primary plane: the vGPU has no overlay, and
 * QEMU's region display queries without setting the type.
 */
#define PLANE_TYPE_PRIMARY	1
#define PLANE_TYPE_CURSOR	2

#define QUERY_FLAGS	(VFIO_GFX_PLANE_TYPE_PROBE |			\
			 VFIO_GFX_PLANE_TYPE_DMABUF |			\
			 VFIO_GFX_PLANE_TYPE_REGION)

static const char *const mode_names[] = {
	[MVGPU_DISPLAY_NONE] = "none",
	[MVGPU_DISPLAY_REGION] = "region",
	[MVGPU_DISPLAY_DMABUF] = "dmabuf",
};

/* The region holding plane @id's pixels: what the largest plane needs. */
static u64 buf_size(struct mvgpu_vgpu *vgpu, enum mvgpu_plane_id id)
{
	if (id == MVGPU_PLANE_CURSOR)
		return MVGPU_CURSOR_MAX_BYTES;
	return PAGE_ALIGN((u64)vgpu->type->max_hres * vgpu->type->max_vres * 4);
}

/**
 * mvgpu_vfio_display_init() - the display state of a new vGPU
 * @vgpu: the vGPU, initialized by the core
 *
 * Region mode, and the EDID region showing the core's default display.
 */
void mvgpu_vfio_display_init(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_vfio_display *d = display_of(vgpu);
	bool up;

	mutex_init(&d->lock);
	INIT_LIST_HEAD(&d->fbs);
	d->mode = MVGPU_DISPLAY_REGION;
	d->edid_size = mvgpu_display_get_edid(vgpu, d->edid, &up);
	d->link_state = up ? VFIO_DEVICE_GFX_LINK_STATE_UP :
			     VFIO_DEVICE_GFX_LINK_STATE_DOWN;
}

static void free_bufs(struct mvgpu_vfio_display *d)
{
	unsigned int i;

	for (i = 0; i < MVGPU_NUM_PLANES; i++) {
		vfree(d->buf[i]);
		d->buf[i] = NULL;
	}
}

/**
 * mvgpu_vfio_display_open() - the device's first open
 * @vgpu: the vGPU
 */
void mvgpu_vfio_display_open(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_vfio_display *d = display_of(vgpu);

	mutex_lock(&d->lock);
	d->open = true;
	mutex_unlock(&d->lock);
}

/**
 * mvgpu_vfio_display_close() - the device's last close
 * @vgpu: the vGPU
 *
 * No mapping of the display regions is left (each holds the file), so
 * their memory goes.
 */
void mvgpu_vfio_display_close(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_vfio_display *d = display_of(vgpu);

	mvgpu_vfio_dmabuf_forget(vgpu);
	mutex_lock(&d->lock);
	free_bufs(d);
	d->open = false;
	mutex_unlock(&d->lock);
}

/**
 * mvgpu_vfio_display_fini() - undo mvgpu_vfio_display_init()
 * @vgpu: the vGPU
 */
void mvgpu_vfio_display_fini(struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_vfio_display *d = display_of(vgpu);

	mvgpu_vfio_dmabuf_forget(vgpu);
	free_bufs(d);
	mutex_destroy(&d->lock);
}

/**
 * mvgpu_vfio_display_mode_show() - the display_mode attribute
 * @vgpu: the vGPU
 * @buf: sysfs buffer
 *
 * Return: bytes written.
 */
ssize_t mvgpu_vfio_display_mode_show(struct mvgpu_vgpu *vgpu, char *buf)
{
	return sysfs_emit(buf, "%s\n",
			  mode_names[READ_ONCE(display_of(vgpu)->mode)]);
}

/**
 * mvgpu_vfio_display_mode_store() - choose the display mode
 * @vgpu: the vGPU
 * @buf: "none", "region" or "dmabuf"
 *
 * Return: 0, -EINVAL for another value, -EBUSY while the vGPU is open.
 */
int mvgpu_vfio_display_mode_store(struct mvgpu_vgpu *vgpu, const char *buf)
{
	struct mvgpu_vfio_display *d = display_of(vgpu);
	int mode = sysfs_match_string(mode_names, buf);

	if (mode < 0)
		return -EINVAL;
	mutex_lock(&d->lock);
	if (d->open) {
		mutex_unlock(&d->lock);
		return -EBUSY;
	}
	WRITE_ONCE(d->mode, mode);
	mutex_unlock(&d->lock);
	return 0;
}

/* Plane @id's region buffer, allocated on first use. */
static void *get_buf(struct mvgpu_vgpu *vgpu, enum mvgpu_plane_id id)
{
	struct mvgpu_vfio_display *d = display_of(vgpu);
	void *buf;

	mutex_lock(&d->lock);
	if (!d->buf[id])
		d->buf[id] = vmalloc_user(buf_size(vgpu, id));
	buf = d->buf[id];
	mutex_unlock(&d->lock);
	return buf;
}

static int region_plane(unsigned int index)
{
	switch (index) {
	case MVGPU_VFIO_PRIMARY_REGION:
		return MVGPU_PLANE_PRIMARY;
	case MVGPU_VFIO_CURSOR_REGION:
		return MVGPU_PLANE_CURSOR;
	default:
		return -1;
	}
}

/**
 * mvgpu_vfio_display_region_info() - the display's regions
 * @vgpu: the vGPU
 * @info: index in; size, flags out
 * @caps: capability chain to add to
 *
 * The EDID region exists unless the display mode is none; the plane
 * regions in region mode.  A region that does not exist has size 0.
 *
 * Return: 0 or -ENOMEM.
 */
int mvgpu_vfio_display_region_info(struct mvgpu_vgpu *vgpu,
				   struct vfio_region_info *info,
				   struct vfio_info_cap *caps)
{
	unsigned int mode = READ_ONCE(display_of(vgpu)->mode);
	struct vfio_region_info_cap_type type = {
		.header.id = VFIO_REGION_INFO_CAP_TYPE,
		.header.version = 1,
		.type = VFIO_REGION_TYPE_GFX,
		.subtype = VFIO_REGION_SUBTYPE_GFX_EDID,
	};
	int plane = region_plane(info->index);

	info->size = 0;
	info->flags = 0;
	if (info->index == MVGPU_VFIO_EDID_REGION) {
		if (mode == MVGPU_DISPLAY_NONE)
			return 0;
		info->size = MVGPU_VFIO_EDID_REGION_SIZE;
		info->flags = VFIO_REGION_INFO_FLAG_READ |
			      VFIO_REGION_INFO_FLAG_WRITE |
			      VFIO_REGION_INFO_FLAG_CAPS;
		return vfio_info_add_capability(caps, &type.header,
						sizeof(type));
	}
	if (plane >= 0 && mode == MVGPU_DISPLAY_REGION) {
		info->size = buf_size(vgpu, plane);
		info->flags = VFIO_REGION_INFO_FLAG_READ |
			      VFIO_REGION_INFO_FLAG_MMAP;
	}
	return 0;
}

/* pread of a plane region: what the last query copied there. */
static ssize_t plane_read(struct mvgpu_vgpu *vgpu, enum mvgpu_plane_id id,
			  char __user *buf, size_t count, u64 pos)
{
	u64 size = buf_size(vgpu, id);
	void *pix;

	if (READ_ONCE(display_of(vgpu)->mode) != MVGPU_DISPLAY_REGION ||
	    pos >= size || count > size - pos)
		return -EINVAL;
	pix = get_buf(vgpu, id);
	if (!pix)
		return -ENOMEM;
	/* The buffer lives until the last close: no lock needed to read it. */
	return copy_to_user(buf, pix + pos, count) ? -EFAULT : count;
}

/* A read of field @pos of struct vfio_region_gfx_edid; d->lock held. */
static int edid_field_read(struct mvgpu_vgpu *vgpu,
			   struct mvgpu_vfio_display *d, u64 pos, u32 *val)
{
	lockdep_assert_held(&d->lock);
	switch (pos) {
	case offsetof(struct vfio_region_gfx_edid, edid_offset):
		*val = MVGPU_VFIO_EDID_BLOB;
		return 0;
	case offsetof(struct vfio_region_gfx_edid, edid_max_size):
		*val = MVGPU_EDID_MAX_SIZE;
		return 0;
	case offsetof(struct vfio_region_gfx_edid, edid_size):
		*val = d->edid_size;
		return 0;
	case offsetof(struct vfio_region_gfx_edid, max_xres):
		*val = vgpu->type->max_hres;
		return 0;
	case offsetof(struct vfio_region_gfx_edid, max_yres):
		*val = vgpu->type->max_vres;
		return 0;
	case offsetof(struct vfio_region_gfx_edid, link_state):
		*val = d->link_state;
		return 0;
	default:
		return -EINVAL;
	}
}

/* A write of @val to field @pos; d->lock held. */
static int edid_field_write(struct mvgpu_vgpu *vgpu,
			    struct mvgpu_vfio_display *d, u64 pos, u32 val)
{
	bool up = d->link_state == VFIO_DEVICE_GFX_LINK_STATE_UP;
	int ret;

	lockdep_assert_held(&d->lock);
	switch (pos) {
	case offsetof(struct vfio_region_gfx_edid, edid_size):
		if (up)
			return -EBUSY;
		if (val > MVGPU_EDID_MAX_SIZE)
			return -EINVAL;
		d->edid_size = val;
		return 0;
	case offsetof(struct vfio_region_gfx_edid, link_state):
		if (val == VFIO_DEVICE_GFX_LINK_STATE_DOWN) {
			d->link_state = val;
			mvgpu_display_set_link(vgpu, false);
			return 0;
		}
		if (val != VFIO_DEVICE_GFX_LINK_STATE_UP)
			return -EINVAL;
		if (up)
			return 0;
		ret = mvgpu_display_set_edid(vgpu, d->edid, d->edid_size);
		if (ret) {
			mvgpu_vgpu_warn(vgpu, "EDID of %u bytes refused: not a valid EDID; the display stays disconnected\n",
					d->edid_size);
			return ret;
		}
		d->link_state = val;
		return 0;
	default:
		return -EINVAL;
	}
}

/**
 * mvgpu_vfio_edid_rw() - read(2)/write(2) of the EDID region
 * @vgpu: the vGPU
 * @buf: user buffer
 * @count: bytes
 * @pos: offset in the region
 * @write: direction
 *
 * The fields of struct vfio_region_gfx_edid are accessed as whole u32s;
 * the blob, at MVGPU_VFIO_EDID_BLOB, in any size.  The blob and its size
 * change only while the link is down; bringing it up checks the blob and
 * shows it to the guest, with a hotplug interrupt, as does taking it down.
 *
 * Return: bytes transferred; -EINVAL for an access outside the fields
 * and the blob, a write to a read-only field, a size above the maximum,
 * an unknown link state or an invalid EDID at link up; -EBUSY for a
 * change of the blob or its size while the link is up; -EFAULT.
 */
ssize_t mvgpu_vfio_edid_rw(struct mvgpu_vgpu *vgpu, char __user *buf,
			   size_t count, u64 pos, bool write)
{
	struct mvgpu_vfio_display *d = display_of(vgpu);
	u32 val;
	u8 *bounce;
	int ret = 0;

	if (READ_ONCE(d->mode) == MVGPU_DISPLAY_NONE)
		return -EINVAL;
	if (pos >= MVGPU_VFIO_EDID_BLOB) {
		pos -= MVGPU_VFIO_EDID_BLOB;
		if (pos >= MVGPU_EDID_MAX_SIZE || !count ||
		    count > MVGPU_EDID_MAX_SIZE - pos)
			return -EINVAL;
		/* No user copy under d->lock: mmap_lock nests outside it. */
		bounce = kmalloc(count, GFP_KERNEL);
		if (!bounce)
			return -ENOMEM;
		if (write && copy_from_user(bounce, buf, count)) {
			kfree(bounce);
			return -EFAULT;
		}
		mutex_lock(&d->lock);
		if (!write)
			memcpy(bounce, d->edid + pos, count);
		else if (d->link_state == VFIO_DEVICE_GFX_LINK_STATE_UP)
			ret = -EBUSY;
		else
			memcpy(d->edid + pos, bounce, count);
		mutex_unlock(&d->lock);
		if (!ret && !write && copy_to_user(buf, bounce, count))
			ret = -EFAULT;
		kfree(bounce);
		return ret ?: count;
	}

	if (count != sizeof(u32) || pos % sizeof(u32) ||
	    pos >= sizeof(struct vfio_region_gfx_edid))
		return -EINVAL;
	if (write && copy_from_user(&val, buf, sizeof(val)))
		return -EFAULT;
	mutex_lock(&d->lock);
	if (write)
		ret = edid_field_write(vgpu, d, pos, val);
	else
		ret = edid_field_read(vgpu, d, pos, &val);
	mutex_unlock(&d->lock);
	if (ret)
		return ret;
	if (!write && copy_to_user(buf, &val, sizeof(val)))
		return -EFAULT;
	return count;
}

/**
 * mvgpu_vfio_display_rw() - read(2)/write(2) of a display region
 * @vgpu: the vGPU
 * @index: the region
 * @buf: user buffer
 * @count: bytes
 * @pos: offset in the region
 * @write: direction
 *
 * Return: bytes transferred, or a negative errno (-EINVAL for a region
 * that does not exist in this mode, a write to a plane region, or an
 * access outside the region).
 */
ssize_t mvgpu_vfio_display_rw(struct mvgpu_vgpu *vgpu, unsigned int index,
			      char __user *buf, size_t count, u64 pos,
			      bool write)
{
	int plane = region_plane(index);

	if (index == MVGPU_VFIO_EDID_REGION)
		return mvgpu_vfio_edid_rw(vgpu, buf, count, pos, write);
	if (plane < 0 || write)
		return -EINVAL;
	return plane_read(vgpu, plane, buf, count, pos);
}

/**
 * mvgpu_vfio_display_mmap() - mmap of a plane region
 * @vgpu: the vGPU
 * @vma: the mapping: read-only, inside the region
 * @index: the region
 * @start: offset in the region
 *
 * Return: 0, -EINVAL (not region mode, writable, outside the region),
 * -ENOMEM.
 */
int mvgpu_vfio_display_mmap(struct mvgpu_vgpu *vgpu,
			    struct vm_area_struct *vma, unsigned int index,
			    u64 start)
{
	int plane = region_plane(index);
	u64 len = vma->vm_end - vma->vm_start, size;
	void *pix;

	if (plane < 0 ||
	    READ_ONCE(display_of(vgpu)->mode) != MVGPU_DISPLAY_REGION ||
	    (vma->vm_flags & VM_WRITE))
		return -EINVAL;
	size = buf_size(vgpu, plane);
	if (start >= size || len > size - start)
		return -EINVAL;
	pix = get_buf(vgpu, plane);
	if (!pix)
		return -ENOMEM;
	vm_flags_clear(vma, VM_MAYWRITE);
	return remap_vmalloc_range(vma, pix, start >> PAGE_SHIFT);
}

/**
 * mvgpu_vfio_query_plane() - VFIO_DEVICE_QUERY_GFX_PLANE
 * @vgpu: the vGPU
 * @arg: user pointer to struct vfio_device_gfx_plane_info
 *
 * PROBE answers 0 for the vGPU's display mode and -EINVAL for another.
 * In region mode a query copies the plane's pixels into its region and
 * describes them (DRM format, linear, size, packed stride, cursor
 * position and hotspot); in dma-buf mode it describes the guest's buffer
 * as it is (its stride) and names it by a dmabuf_id.  A plane that is off, or whose memory the
 * guest's GTT no longer maps, is reported with a zero format and size.
 *
 * Return: 0; -EINVAL for a short argsz, unknown flags, not exactly one of
 * DMABUF and REGION, a mode other than the vGPU's, an unknown plane
 * type (0 is the primary plane); -EFAULT, -ENOMEM.
 */
long mvgpu_vfio_query_plane(struct mvgpu_vgpu *vgpu, unsigned long arg)
{
	unsigned long minsz = offsetofend(struct vfio_device_gfx_plane_info,
					  region_index);
	struct vfio_device_gfx_plane_info p;
	struct mvgpu_plane_info info;
	enum mvgpu_plane_id id;
	u32 kind, mode, dmabuf_id = 0;
	void *pix;
	int ret;

	if (copy_from_user(&p, (void __user *)arg, minsz))
		return -EFAULT;
	if (p.argsz < minsz || (p.flags & ~QUERY_FLAGS))
		return -EINVAL;
	kind = p.flags & ~VFIO_GFX_PLANE_TYPE_PROBE;
	mode = READ_ONCE(display_of(vgpu)->mode);
	if (!(kind == VFIO_GFX_PLANE_TYPE_REGION && mode == MVGPU_DISPLAY_REGION) &&
	    !(kind == VFIO_GFX_PLANE_TYPE_DMABUF && mode == MVGPU_DISPLAY_DMABUF))
		return -EINVAL;
	if (p.flags & VFIO_GFX_PLANE_TYPE_PROBE)
		return 0;
	/* QEMU's region display leaves the type 0: it means the screen. */
	if (p.drm_plane_type == PLANE_TYPE_PRIMARY || !p.drm_plane_type)
		id = MVGPU_PLANE_PRIMARY;
	else if (p.drm_plane_type == PLANE_TYPE_CURSOR)
		id = MVGPU_PLANE_CURSOR;
	else
		return -EINVAL;

	if (mode == MVGPU_DISPLAY_DMABUF) {
		ret = mvgpu_vfio_dmabuf_query(vgpu, id, &info, &dmabuf_id);
	} else {
		pix = get_buf(vgpu, id);
		if (!pix)
			return -ENOMEM;
		ret = mvgpu_display_read_plane(vgpu, id, pix, buf_size(vgpu, id),
					       &info);
	}
	if (ret == -ENOMEM)
		return ret;
	if (ret) {
		mvgpu_vgpu_warn(vgpu, "%s plane not shown: its memory is not mapped by the guest's GTT\n",
				id ? "cursor" : "primary");
		info.plane.on = false;
	}

	p = (struct vfio_device_gfx_plane_info){
		.argsz = p.argsz,
		.flags = p.flags,
		.drm_plane_type = p.drm_plane_type,
	};
	if (mode == MVGPU_DISPLAY_REGION)
		p.region_index = id == MVGPU_PLANE_CURSOR ?
				 MVGPU_VFIO_CURSOR_REGION :
				 MVGPU_VFIO_PRIMARY_REGION;
	if (info.plane.on) {
		p.drm_format = info.plane.fourcc;
		p.drm_format_mod = 0;	/* DRM_FORMAT_MOD_LINEAR */
		p.width = info.plane.width;
		p.height = info.plane.height;
		if (mode == MVGPU_DISPLAY_DMABUF) {
			/* the guest's own buffer, its stride included */
			p.stride = info.plane.stride;
			p.size = PAGE_ALIGN(info.plane.size +
					    (info.plane.gm & ~PAGE_MASK));
			p.dmabuf_id = dmabuf_id;
		} else {
			p.stride = info.plane.width * info.plane.cpp;
			p.size = PAGE_ALIGN(p.stride * p.height);
		}
		p.x_pos = max(info.x, 0);
		p.y_pos = max(info.y, 0);
		p.x_hot = info.x_hot;
		p.y_hot = info.y_hot;
	}
	return copy_to_user((void __user *)arg, &p, minsz) ? -EFAULT : 0;
}
