// SPDX-License-Identifier: GPL-2.0-only
/*
 * VFIO migration (v2) of a vGPU: the device state machine and its data
 * files, in the manner of samples/vfio-mdev/mtty.c.  The core stops and
 * runs the vGPU and encodes, checks and loads the device-state stream
 * (core/migrate.h); this file maps the VFIO states onto that and moves
 * the bytes.
 *
 * The vGPU runs in RUNNING and PRE_COPY and is stopped (no DMA, no
 * interrupt) in every other state: it has no peer-to-peer DMA, so the P2P
 * states quiesce all of it.  A failed load leaves the device in ERROR,
 * stopped, until VFIO_DEVICE_RESET brings it back to RUNNING.
 *
 * The saving file streams the header, which PRE_COPY offers as the
 * precopy initial_bytes, then the body, added on entering STOP_COPY.  The
 * resuming file collects what the user writes, checks the header as soon
 * as it is complete, and leaving RESUMING loads the whole stream.
 *
 * Locking: the state mutex serialises the arcs, reset and close.  Each
 * data file has its own lock, taken inside the state mutex; the file
 * operations take only that one.  A data fd can outlive the device (the
 * user may keep it after close_device() and the device may then be
 * freed), so the device disowns a file, under the file's lock, whenever it
 * leaves the file's data state and in close_device(): a disowned file
 * never touches the device again and answers -ENODEV.  While the device
 * owns a file it holds a reference to it, so the file is only freed after
 * it was disowned.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "mvgpu_drv.h"
#include "core/migrate.h"
#include "vfio/vfio.h"

/* First allocation of a resuming buffer; it doubles from there. */
#define MIG_RESUME_MIN_SIZE	SZ_64K

/**
 * struct mvgpu_vfio_mig_file - a migration data file
 * @filp: the file
 * @lock: protects the fields below
 * @vv: the vGPU that owns the file, or NULL once it disowned it
 * @precopy: saving: the owner is in PRE_COPY or PRE_COPY_P2P
 * @hdr: saving: the stream's header
 * @body: saving: the rest of the stream, from STOP_COPY on
 * @pos: saving: bytes read so far
 * @data: resuming: the bytes written (kvmalloc()ed)
 * @len: resuming: how many
 * @size: resuming: bytes allocated at @data
 */
struct mvgpu_vfio_mig_file {
	struct file *filp;
	struct mutex lock;	/* protects the fields below */
	struct mvgpu_vfio_vgpu *vv;
	bool precopy;
	struct mvgpu_mig_buf hdr;
	struct mvgpu_mig_buf body;
	size_t pos;
	void *data;
	size_t len;
	size_t size;
};

static const char * const mig_state_names[] = {
	[VFIO_DEVICE_STATE_ERROR] = "ERROR",
	[VFIO_DEVICE_STATE_STOP] = "STOP",
	[VFIO_DEVICE_STATE_RUNNING] = "RUNNING",
	[VFIO_DEVICE_STATE_STOP_COPY] = "STOP_COPY",
	[VFIO_DEVICE_STATE_RESUMING] = "RESUMING",
	[VFIO_DEVICE_STATE_RUNNING_P2P] = "RUNNING_P2P",
	[VFIO_DEVICE_STATE_PRE_COPY] = "PRE_COPY",
	[VFIO_DEVICE_STATE_PRE_COPY_P2P] = "PRE_COPY_P2P",
};

static const char *mig_state_name(unsigned int state)
{
	if (state < ARRAY_SIZE(mig_state_names) && mig_state_names[state])
		return mig_state_names[state];
	return "?";
}

static struct mvgpu_vfio_vgpu *to_vv(struct vfio_device *vdev)
{
	return container_of(vdev, struct mvgpu_vfio_vgpu, vdev);
}

static void mig_buf_put(struct mvgpu_mig_buf *buf)
{
	if (buf->data)
		mvgpu_mig_buf_free(buf);
	buf->data = NULL;
	buf->len = 0;
}

/* ---- data files --------------------------------------------------------- */

/* Free what the file holds; the caller holds its lock or its last ref. */
static void mig_file_free_data(struct mvgpu_vfio_mig_file *migf)
{
	mig_buf_put(&migf->hdr);
	mig_buf_put(&migf->body);
	kvfree(migf->data);
	migf->data = NULL;
	migf->len = 0;
	migf->size = 0;
}

static int mig_file_release(struct inode *inode, struct file *filp)
{
	struct mvgpu_vfio_mig_file *migf = filp->private_data;

	/* The owner dropped its reference: the file was disowned. */
	mig_file_free_data(migf);
	mutex_destroy(&migf->lock);
	kfree(migf);
	return 0;
}

static ssize_t mig_save_read(struct file *filp, char __user *buf,
			     size_t count, loff_t *ppos)
{
	struct mvgpu_vfio_mig_file *migf = filp->private_data;
	ssize_t done = 0;

	if (ppos)
		return -ESPIPE;

	mutex_lock(&migf->lock);
	if (!migf->vv) {
		done = -ENODEV;
		goto out;
	}
	/* The stream is hdr || body; past its end (for now) reads give 0. */
	while (count) {
		const struct mvgpu_mig_buf *b;
		size_t off, n;

		if (migf->pos < migf->hdr.len) {
			b = &migf->hdr;
			off = migf->pos;
		} else if (migf->pos - migf->hdr.len < migf->body.len) {
			b = &migf->body;
			off = migf->pos - migf->hdr.len;
		} else {
			break;
		}
		n = min(count, b->len - off);
		if (copy_to_user(buf + done, b->data + off, n)) {
			if (!done)
				done = -EFAULT;
			break;
		}
		migf->pos += n;
		done += n;
		count -= n;
	}
out:
	mutex_unlock(&migf->lock);
	return done;
}

static long mig_save_ioctl(struct file *filp, unsigned int cmd,
			   unsigned long arg)
{
	struct mvgpu_vfio_mig_file *migf = filp->private_data;
	unsigned long minsz = offsetofend(struct vfio_precopy_info, dirty_bytes);
	struct vfio_precopy_info info;
	long ret = 0;

	if (cmd != VFIO_MIG_GET_PRECOPY_INFO)
		return -ENOTTY;
	if (copy_from_user(&info, (void __user *)arg, minsz))
		return -EFAULT;
	if (info.argsz < minsz)
		return -EINVAL;

	mutex_lock(&migf->lock);
	/* Only in PRE_COPY and PRE_COPY_P2P (a disowned file is in neither). */
	if (!migf->precopy) {
		ret = -EINVAL;
	} else {
		/* No iterative device data: only the header is precopied. */
		info.initial_bytes = migf->hdr.len - min(migf->pos, migf->hdr.len);
		info.dirty_bytes = 0;
	}
	mutex_unlock(&migf->lock);
	if (ret)
		return ret;
	return copy_to_user((void __user *)arg, &info, minsz) ? -EFAULT : 0;
}

static const struct file_operations mig_save_fops = {
	.owner = THIS_MODULE,
	.read = mig_save_read,
	.unlocked_ioctl = mig_save_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.release = mig_file_release,
};

/* Make room for @need bytes at migf->data, allocating at most @limit. */
static int mig_resume_grow(struct mvgpu_vfio_mig_file *migf, size_t need,
			   size_t limit)
{
	size_t size;
	void *data;

	lockdep_assert_held(&migf->lock);

	if (need <= migf->size)
		return 0;
	size = migf->size > limit / 2 ? limit : migf->size * 2;
	size = min(max3(size, need, (size_t)MIG_RESUME_MIN_SIZE), limit);
	data = kvrealloc(migf->data, size, GFP_KERNEL_ACCOUNT);
	if (!data)
		return -ENOMEM;
	migf->data = data;
	migf->size = size;
	return 0;
}

static ssize_t mig_resume_write(struct file *filp, const char __user *buf,
				size_t count, loff_t *ppos)
{
	struct mvgpu_vfio_mig_file *migf = filp->private_data;
	size_t hlen = mvgpu_mig_header_len();
	struct mvgpu_vgpu *vgpu;
	size_t limit, end;
	ssize_t ret;

	if (ppos)
		return -ESPIPE;
	if (!count)
		return 0;

	mutex_lock(&migf->lock);
	if (!migf->vv) {
		ret = -ENODEV;
		goto out;
	}
	vgpu = &migf->vv->vgpu;

	limit = mvgpu_mig_max_size(vgpu);
	if (check_add_overflow(migf->len, count, &end) || end > limit) {
		mvgpu_vgpu_err(vgpu, "migration: stream beyond %zu bytes refused\n",
			       limit);
		ret = -EFBIG;
		goto out;
	}
	ret = mig_resume_grow(migf, end, limit);
	if (ret) {
		mvgpu_vgpu_err(vgpu, "migration: no memory for a %zu byte stream\n",
			       end);
		goto out;
	}
	if (copy_from_user(migf->data + migf->len, buf, count)) {
		ret = -EFAULT;
		goto out;
	}
	/* Refuse an incompatible stream as soon as its header is here. */
	if (migf->len < hlen && end >= hlen) {
		ret = mvgpu_mig_check_header(vgpu, migf->data, hlen);
		if (ret) {
			mvgpu_vgpu_err(vgpu, "migration: incompatible stream refused (%zd)\n",
				       ret);
			goto out;
		}
		mvgpu_vgpu_dbg(vgpu, "migration: stream header accepted\n");
	}
	migf->len = end;
	ret = count;
out:
	mutex_unlock(&migf->lock);
	return ret;
}

static const struct file_operations mig_resume_fops = {
	.owner = THIS_MODULE,
	.write = mig_resume_write,
	.release = mig_file_release,
};

static struct mvgpu_vfio_mig_file *
mig_file_new(struct mvgpu_vfio_vgpu *vv, const struct file_operations *fops,
	     int flags)
{
	struct mvgpu_vfio_mig_file *migf;
	struct file *filp;

	migf = kzalloc(sizeof(*migf), GFP_KERNEL_ACCOUNT);
	if (!migf)
		return ERR_PTR(-ENOMEM);
	mutex_init(&migf->lock);
	migf->vv = vv;

	filp = anon_inode_getfile("mvgpu_mig", fops, migf, flags);
	if (IS_ERR(filp)) {
		mutex_destroy(&migf->lock);
		kfree(migf);
		return ERR_CAST(filp);
	}
	stream_open(filp->f_inode, filp);
	migf->filp = filp;
	return migf;
}

/* The device lets go of @migf: its stream ends, its user sees -ENODEV. */
static void mig_file_disown(struct mvgpu_vfio_mig_file *migf)
{
	mutex_lock(&migf->lock);
	migf->vv = NULL;
	migf->precopy = false;
	mig_file_free_data(migf);
	mutex_unlock(&migf->lock);
	fput(migf->filp);
}

static void mig_disown_files(struct mvgpu_vfio_vgpu *vv)
{
	struct mvgpu_vfio_mig *mig = &vv->mig;

	lockdep_assert_held(&mig->state_mutex);

	if (mig->saving) {
		mig_file_disown(mig->saving);
		mig->saving = NULL;
	}
	if (mig->resuming) {
		mig_file_disown(mig->resuming);
		mig->resuming = NULL;
	}
}

/* ---- arcs ---------------------------------------------------------------- */

static void mig_set_stopped(struct mvgpu_vfio_vgpu *vv, bool stop)
{
	lockdep_assert_held(&vv->mig.state_mutex);

	if (vv->mig.stopped == stop)
		return;
	if (stop)
		mvgpu_vgpu_stop(&vv->vgpu);
	else
		mvgpu_vgpu_run(&vv->vgpu);
	vv->mig.stopped = stop;
}

/*
 * RUNNING -> PRE_COPY, RUNNING_P2P -> PRE_COPY_P2P: a file with the header.
 * STOP -> STOP_COPY: a file with the header and the body.
 */
static struct file *mig_save_start(struct mvgpu_vfio_vgpu *vv, bool stop_copy)
{
	struct mvgpu_vgpu *vgpu = &vv->vgpu;
	struct mvgpu_mig_buf hdr = {}, body = {};
	struct mvgpu_vfio_mig_file *migf;
	int ret;

	lockdep_assert_held(&vv->mig.state_mutex);

	ret = mvgpu_mig_save_header(vgpu, &hdr);
	if (ret) {
		mvgpu_vgpu_err(vgpu, "migration: saving the header failed: %d\n",
			       ret);
		return ERR_PTR(ret);
	}
	if (stop_copy) {
		ret = mvgpu_mig_save_body(vgpu, &body);
		if (ret) {
			mvgpu_vgpu_err(vgpu, "migration: saving the state failed: %d\n",
				       ret);
			mig_buf_put(&hdr);
			return ERR_PTR(ret);
		}
	}

	migf = mig_file_new(vv, &mig_save_fops, O_RDONLY);
	if (IS_ERR(migf)) {
		mvgpu_vgpu_err(vgpu, "migration: no data file: %ld\n",
			       PTR_ERR(migf));
		mig_buf_put(&body);
		mig_buf_put(&hdr);
		return ERR_CAST(migf);
	}
	/* Nobody else has the file yet. */
	migf->hdr = hdr;
	migf->body = body;
	migf->precopy = !stop_copy;
	vv->mig.saving = migf;
	mvgpu_vgpu_dbg(vgpu, "migration: saving %zu + %zu bytes\n", hdr.len,
		       body.len);

	get_file(migf->filp);
	return migf->filp;
}

/* PRE_COPY_P2P -> STOP_COPY: the body follows the header in the same file. */
static int mig_save_body(struct mvgpu_vfio_vgpu *vv)
{
	struct mvgpu_vfio_mig_file *migf = vv->mig.saving;
	struct mvgpu_vgpu *vgpu = &vv->vgpu;
	struct mvgpu_mig_buf body = {};
	int ret;

	lockdep_assert_held(&vv->mig.state_mutex);

	if (!migf) {
		mvgpu_vgpu_err(vgpu, "migration: no saving file in PRE_COPY_P2P\n");
		return -EINVAL;
	}
	ret = mvgpu_mig_save_body(vgpu, &body);
	if (ret) {
		mvgpu_vgpu_err(vgpu, "migration: saving the state failed: %d\n",
			       ret);
		return ret;
	}
	mutex_lock(&migf->lock);
	mig_buf_put(&migf->body);
	migf->body = body;
	migf->precopy = false;
	mutex_unlock(&migf->lock);
	mvgpu_vgpu_dbg(vgpu, "migration: saving %zu more bytes\n", body.len);
	return 0;
}

/* STOP -> RESUMING: a file to write the stream to. */
static struct file *mig_resume_start(struct mvgpu_vfio_vgpu *vv)
{
	struct mvgpu_vfio_mig_file *migf;

	lockdep_assert_held(&vv->mig.state_mutex);

	migf = mig_file_new(vv, &mig_resume_fops, O_WRONLY);
	if (IS_ERR(migf)) {
		mvgpu_vgpu_err(&vv->vgpu, "migration: no data file: %ld\n",
			       PTR_ERR(migf));
		return ERR_CAST(migf);
	}
	vv->mig.resuming = migf;
	get_file(migf->filp);
	return migf->filp;
}

/*
 * RESUMING -> STOP: load what was written.  The file is disowned first,
 * whatever the outcome.  A failed load has reset the vGPU (the stream is
 * gone, and the state it had before RESUMING too): the device goes to
 * ERROR, from which only VFIO_DEVICE_RESET returns.
 */
static int mig_resume_end(struct vfio_device *vdev)
{
	struct mvgpu_vfio_vgpu *vv = to_vv(vdev);
	struct mvgpu_vfio_mig_file *migf = vv->mig.resuming;
	struct mvgpu_vgpu *vgpu = &vv->vgpu;
	void *data = NULL;
	size_t len = 0;
	int ret;

	lockdep_assert_held(&vv->mig.state_mutex);

	if (migf) {
		mutex_lock(&migf->lock);
		data = migf->data;
		len = migf->len;
		migf->data = NULL;
		migf->len = 0;
		migf->size = 0;
		mutex_unlock(&migf->lock);
		mig_file_disown(migf);
		vv->mig.resuming = NULL;
	}

	ret = mvgpu_mig_load(vgpu, data, len);
	kvfree(data);
	if (ret) {
		mvgpu_vgpu_err(vgpu, "migration: loading a %zu byte stream failed: %d\n",
			       len, ret);
		vv->mig.state = VFIO_DEVICE_STATE_ERROR;
		return ret;
	}
	mvgpu_vgpu_dbg(vgpu, "migration: loaded %zu bytes\n", len);
	return 0;
}

/* An arc, for a switch on (cur << 8 | new). */
#define ARC(from, to) \
	(VFIO_DEVICE_STATE_##from << 8 | VFIO_DEVICE_STATE_##to)

/*
 * One arc of the FSM, as vfio_mig_get_next_state() gives them to a device
 * with STOP_COPY, P2P and PRE_COPY.  Returns a new data file, NULL, or an
 * ERR_PTR.
 */
static struct file *mig_step(struct vfio_device *vdev,
			     enum vfio_device_mig_state new)
{
	struct mvgpu_vfio_vgpu *vv = to_vv(vdev);
	enum vfio_device_mig_state cur = vv->mig.state;
	struct mvgpu_vgpu *vgpu = &vv->vgpu;
	int ret;

	lockdep_assert_held(&vv->mig.state_mutex);

	mvgpu_vgpu_dbg(vgpu, "migration: %s -> %s\n", mig_state_name(cur),
		       mig_state_name(new));

	switch (cur << 8 | new) {
	/* Quiesce or resume; any data session goes on. */
	case ARC(RUNNING, RUNNING_P2P):
	case ARC(PRE_COPY, PRE_COPY_P2P):
		mig_set_stopped(vv, true);
		return NULL;
	case ARC(RUNNING_P2P, RUNNING):
	case ARC(PRE_COPY_P2P, PRE_COPY):
		mig_set_stopped(vv, false);
		return NULL;
	/* Stopped either way. */
	case ARC(RUNNING_P2P, STOP):
	case ARC(STOP, RUNNING_P2P):
		return NULL;

	/* Leaving the saving group ends its stream. */
	case ARC(PRE_COPY, RUNNING):
	case ARC(PRE_COPY_P2P, RUNNING_P2P):
	case ARC(STOP_COPY, STOP):
		mig_disown_files(vv);
		return NULL;

	/* Entering it starts one. */
	case ARC(RUNNING, PRE_COPY):
	case ARC(RUNNING_P2P, PRE_COPY_P2P):
		return mig_save_start(vv, false);
	case ARC(STOP, STOP_COPY):
		return mig_save_start(vv, true);
	case ARC(PRE_COPY_P2P, STOP_COPY):
		ret = mig_save_body(vv);
		return ret ? ERR_PTR(ret) : NULL;

	case ARC(STOP, RESUMING):
		return mig_resume_start(vv);
	case ARC(RESUMING, STOP):
		ret = mig_resume_end(vdev);
		return ret ? ERR_PTR(ret) : NULL;
	}

	/* vfio_mig_get_next_state() gives no other arc with our flags. */
	mvgpu_vgpu_err(vgpu, "migration: unexpected arc %s -> %s\n",
		       mig_state_name(cur), mig_state_name(new));
	return ERR_PTR(-EINVAL);
}

#undef ARC

static struct file *mig_set_state(struct vfio_device *vdev,
				  enum vfio_device_mig_state new_state)
{
	struct mvgpu_vfio_vgpu *vv = to_vv(vdev);
	struct mvgpu_vfio_mig *mig = &vv->mig;
	struct file *filp = NULL;

	mutex_lock(&mig->state_mutex);
	/*
	 * Only a reset leaves ERROR; vfio_mig_get_next_state() would warn
	 * about a current state of ERROR rather than refuse it quietly.
	 */
	if (mig->state == VFIO_DEVICE_STATE_ERROR) {
		mvgpu_vgpu_dbg(&vv->vgpu, "migration: ERROR -> %s refused: reset the device\n",
			       mig_state_name(new_state));
		filp = ERR_PTR(-EINVAL);
		goto out;
	}
	while (mig->state != new_state) {
		enum vfio_device_mig_state next;
		int ret;

		ret = vfio_mig_get_next_state(vdev, mig->state, new_state,
					      &next);
		if (ret) {
			mvgpu_vgpu_dbg(&vv->vgpu, "migration: no arc from %s to %s (%u)\n",
				       mig_state_name(mig->state),
				       mig_state_name(new_state), new_state);
			filp = ERR_PTR(ret);
			break;
		}
		filp = mig_step(vdev, next);
		if (IS_ERR(filp))
			break;
		mig->state = next;
		/* Data files are only made by the last arc of a path. */
		if (filp && next != new_state) {
			mvgpu_vgpu_err(&vv->vgpu, "migration: data file at %s on the way to %s\n",
				       mig_state_name(next),
				       mig_state_name(new_state));
			fput(filp);
			filp = ERR_PTR(-EINVAL);
			break;
		}
	}
out:
	mutex_unlock(&mig->state_mutex);
	return filp;
}

static int mig_get_state(struct vfio_device *vdev,
			 enum vfio_device_mig_state *state)
{
	struct mvgpu_vfio_mig *mig = &to_vv(vdev)->mig;

	mutex_lock(&mig->state_mutex);
	*state = mig->state;
	mutex_unlock(&mig->state_mutex);
	return 0;
}

static int mig_get_data_size(struct vfio_device *vdev,
			     unsigned long *stop_copy_length)
{
	*stop_copy_length = mvgpu_mig_size(vdev_to_vgpu(vdev));
	return 0;
}

static const struct vfio_migration_ops mvgpu_vfio_mig_ops = {
	.migration_set_state = mig_set_state,
	.migration_get_state = mig_get_state,
	.migration_get_data_size = mig_get_data_size,
};

/* Back to RUNNING: end any data session and let the vGPU run. */
static void mig_reset_locked(struct mvgpu_vfio_vgpu *vv, const char *why)
{
	struct mvgpu_vfio_mig *mig = &vv->mig;

	lockdep_assert_held(&mig->state_mutex);

	if (mig->state != VFIO_DEVICE_STATE_RUNNING)
		mvgpu_vgpu_dbg(&vv->vgpu, "migration: %s -> RUNNING (%s)\n",
			       mig_state_name(mig->state), why);
	mig_disown_files(vv);
	mig_set_stopped(vv, false);
	mig->state = VFIO_DEVICE_STATE_RUNNING;
}

/**
 * mvgpu_vfio_mig_init() - offer VFIO migration on a vGPU
 * @vdev: the vGPU's VFIO device, from its init op (before registration)
 *
 * Claims STOP_COPY, P2P and PRE_COPY; the device starts in RUNNING.
 */
void mvgpu_vfio_mig_init(struct vfio_device *vdev)
{
	struct mvgpu_vfio_mig *mig = &to_vv(vdev)->mig;

	mutex_init(&mig->state_mutex);
	mig->state = VFIO_DEVICE_STATE_RUNNING;
	mig->stopped = false;
	vdev->migration_flags = VFIO_MIGRATION_STOP_COPY | VFIO_MIGRATION_P2P |
				VFIO_MIGRATION_PRE_COPY;
	vdev->mig_ops = &mvgpu_vfio_mig_ops;
}

/**
 * mvgpu_vfio_mig_close() - end migration when the device is closed
 * @vdev: the vGPU's VFIO device
 *
 * Disowns the data files (their fds, if the user keeps them, give
 * -ENODEV), runs the vGPU if migration had stopped it, and puts the
 * device back in RUNNING for its next user.  Called from close_device(),
 * before the core closes the vGPU.
 */
void mvgpu_vfio_mig_close(struct vfio_device *vdev)
{
	struct mvgpu_vfio_vgpu *vv = to_vv(vdev);

	mutex_lock(&vv->mig.state_mutex);
	mig_reset_locked(vv, "close");
	mutex_unlock(&vv->mig.state_mutex);
}

/**
 * mvgpu_vfio_mig_reset() - VFIO_DEVICE_RESET's part of migration
 * @vdev: the vGPU's VFIO device
 *
 * Ends any data session and puts the device in RUNNING, also from ERROR.
 * Called before the core resets the vGPU, so that the reset finds it
 * running as usual.
 */
void mvgpu_vfio_mig_reset(struct vfio_device *vdev)
{
	struct mvgpu_vfio_vgpu *vv = to_vv(vdev);

	mutex_lock(&vv->mig.state_mutex);
	mig_reset_locked(vv, "reset");
	mutex_unlock(&vv->mig.state_mutex);
}

/**
 * mvgpu_vfio_mig_fini() - undo mvgpu_vfio_mig_init()
 * @vdev: the vGPU's VFIO device, in its release op
 */
void mvgpu_vfio_mig_fini(struct vfio_device *vdev)
{
	mutex_destroy(&to_vv(vdev)->mig.state_mutex);
}
