// SPDX-License-Identifier: GPL-2.0-only
/*
 * vGPU state save and restore for live migration.
 *
 * Stopping.  mvgpu_vgpu_stop() takes the engines off the physical
 * engines: a workload in flight is preempted where it stands (inside a
 * batch too) and stays in flight, its position in the backend's context
 * image.  A stopped vGPU does no DMA; interrupts raised while stopped
 * stay latched in IIR and vertical blanks wait: mvgpu_vgpu_run()
 * delivers both.
 *
 * A workload in flight travels as its ring segment (guest HEAD and TAIL
 * at submission), the bytes of it completed and the context image, whose
 * addresses the backend rewrites as offsets into the workload's shadow
 * and guest roots (struct mvgpu_ctx_reloc).  The shadow itself does not
 * travel: the destination scans the guest's segment again at its first
 * kick, from the guest memory that migrated with the VM, and resumes only
 * at a command start that scan found, in a copy of the same kind and
 * address space (core/engine.c), so an edited stream cannot make the
 * engine run anything the parser did not audit.
 *
 * The stream (include/uapi/linux/mvgpu_mig.h) is a header, then sections
 * in a fixed order.  Loading parses and checks the whole stream first,
 * touching nothing; then it resets the vGPU and applies it.  Registers are
 * stored without running their handlers, read-only bits stay the
 * destination's (but for the few registers the device itself sets), GTT
 * entries are replayed through the guest's own write path, which
 * validates, translates and pins them again, and per-process address
 * spaces are shadowed again at their next use.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <linux/bitmap.h>
#include <linux/jiffies.h>
#include <linux/minmax.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/wait.h>
#include <kunit/visibility.h>
#include <linux/mvgpu_mig.h>

#include "mvgpu_drv.h"
#include "core/engine.h"
#include "core/migrate.h"
#include "core/pvinfo.h"
#include "core/sched.h"
#include "core/sched_policy.h"

#define SEC_ALIGN		8

/**
 * mvgpu_mig_buf_free() - free a piece of the stream
 * @buf: the piece; emptied
 */
void mvgpu_mig_buf_free(struct mvgpu_mig_buf *buf)
{
	kvfree(buf->data);
	buf->data = NULL;
	buf->len = 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_mig_buf_free);

/* ---- stop and run -------------------------------------------------------- */

/**
 * mvgpu_vgpu_stop() - stop a vGPU for migration
 * @vgpu: the vGPU; no lock held
 *
 * Returns with no workload of the vGPU on a physical engine and none
 * submitted until mvgpu_vgpu_run(); a workload in flight is preempted and
 * stays in flight.  Calls nest.
 */
void mvgpu_vgpu_stop(struct mvgpu_vgpu *vgpu)
{
	mutex_lock(&vgpu->lock);
	vgpu->stopped++;
	hrtimer_try_to_cancel(&vgpu->display.timer);
	mutex_unlock(&vgpu->lock);
	mvgpu_engines_quiesce(vgpu);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_vgpu_stop);

/**
 * mvgpu_vgpu_run() - undo mvgpu_vgpu_stop()
 * @vgpu: the vGPU; no lock held
 *
 * The last run submits the work the guest queued meanwhile, signals the
 * interrupts latched meanwhile and handles the vertical blanks that
 * passed.
 */
void mvgpu_vgpu_run(struct mvgpu_vgpu *vgpu)
{
	mutex_lock(&vgpu->lock);
	if (WARN_ON(!vgpu->stopped)) {
		mutex_unlock(&vgpu->lock);
		return;
	}
	if (!--vgpu->stopped) {
		mvgpu_irq_run(vgpu);
		mvgpu_display_run(vgpu);
	}
	mvgpu_engines_resume(vgpu);
	mvgpu_vgpu_unlock(vgpu);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_vgpu_run);

/**
 * mvgpu_vgpu_gpu_activity() - a sample of the GPU's work for a vGPU
 * @vgpu: the vGPU; any lock or none
 *
 * Return: a value that changes with every submission, and at every call
 * while a workload is in flight (the GPU may write guest memory then).
 */
u64 mvgpu_vgpu_gpu_activity(struct mvgpu_vgpu *vgpu)
{
	u64 sum = 0;
	bool busy = false;
	unsigned int i;

	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		sum += READ_ONCE(vgpu->engines[i].generation);
		busy |= READ_ONCE(vgpu->engines[i].busy);
	}
	return busy ? ktime_get_ns() | BIT_ULL(63) : sum & ~BIT_ULL(63);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_vgpu_gpu_activity);

/* ---- encoding ------------------------------------------------------------ */

/* Writes into @p when set, else only counts. */
struct enc {
	u8 *p;
	size_t len;
	size_t sec;	/* offset of the open section's header */
};

static void put(struct enc *e, const void *data, size_t len)
{
	if (e->p && data)
		memcpy(e->p + e->len, data, len);
	else if (e->p)
		memset(e->p + e->len, 0, len);
	e->len += len;
}

static void sec_begin(struct enc *e, u32 id)
{
	struct mvgpu_mig_section s = { .id = cpu_to_le32(id) };

	e->sec = e->len;
	put(e, &s, sizeof(s));
}

static void sec_end(struct enc *e)
{
	size_t pad = ALIGN(e->len, SEC_ALIGN) - e->len;
	struct mvgpu_mig_section *s;

	put(e, NULL, pad);
	if (!e->p)
		return;
	s = (void *)(e->p + e->sec);
	s->size = cpu_to_le64(e->len - e->sec - sizeof(*s));
}

static u32 engine_mask(struct mvgpu_vgpu *vgpu)
{
	return vgpu->type->engine_mask;
}

static u32 stream_features(struct mvgpu_vgpu *vgpu)
{
	u32 f = MVGPU_MIG_F_DISPLAY | MVGPU_MIG_F_PPGTT;

	if (vgpu->pgpu->caps.context_size)
		f |= MVGPU_MIG_F_CONTEXT;
	return f;
}

static void fill_header(struct mvgpu_vgpu *vgpu, struct mvgpu_mig_header *h)
{
	memset(h, 0, sizeof(*h));
	h->magic = cpu_to_le64(MVGPU_MIG_MAGIC);
	h->major = cpu_to_le16(MVGPU_MIG_VERSION_MAJOR);
	h->minor = cpu_to_le16(MVGPU_MIG_VERSION_MINOR);
	h->header_size = cpu_to_le32(sizeof(*h));
	h->features = cpu_to_le32(stream_features(vgpu));
	h->engine_mask = cpu_to_le32(engine_mask(vgpu));
	h->context_size = cpu_to_le32(vgpu->pgpu->caps.context_size);
	h->aperture_base = cpu_to_le64(vgpu->aperture.start);
	h->aperture_size = cpu_to_le64(vgpu->aperture.size);
	h->hidden_base = cpu_to_le64(vgpu->hidden.start);
	h->hidden_size = cpu_to_le64(vgpu->hidden.size);
	h->bar2_size = cpu_to_le64(vgpu->pgpu->caps.aperture_size);
	strscpy_pad(h->type, vgpu->type->sysfs_name, sizeof(h->type));
}

/* Runs of non-zero entries, never across the end of the aperture slice. */
static void enc_gtt(struct enc *e, struct mvgpu_vgpu *vgpu)
{
	u32 n = vgpu->gtt.nr_aperture + vgpu->gtt.nr_hidden, i = 0;
	const u64 *ent = vgpu->gtt.entries;

	while (i < n) {
		struct mvgpu_mig_gtt_run run;
		u32 end, j;

		if (!ent[i]) {
			i++;
			continue;
		}
		end = i < vgpu->gtt.nr_aperture ? vgpu->gtt.nr_aperture : n;
		for (j = i; j < end && ent[j]; j++)
			;
		run.index = cpu_to_le32(mvgpu_gtt_to_global(vgpu, i));
		run.count = cpu_to_le32(j - i);
		put(e, &run, sizeof(run));
		for (; i < j; i++) {
			__le64 v = cpu_to_le64(ent[i]);

			put(e, &v, sizeof(v));
		}
	}
}

static void enc_regs(struct enc *e, struct mvgpu_vgpu *vgpu)
{
	unsigned int i, k;

	for (i = 0; i < mvgpu_reg_table_size; i++) {
		const struct mvgpu_reg_desc *r = &mvgpu_reg_table[i];

		for (k = 0; k < r->count; k++) {
			u32 off = r->offset + 4 * k;
			struct mvgpu_mig_reg reg = {
				.offset = cpu_to_le32(off),
				.value = cpu_to_le32(*mvgpu_vreg(vgpu, off)),
			};

			put(e, &reg, sizeof(reg));
		}
	}
}

/* Filled in place: the section is too large for the stack. */
static void enc_display(struct enc *e, struct mvgpu_vgpu *vgpu)
{
	struct mvgpu_display *d = &vgpu->display;
	struct mvgpu_mig_display *md;
	unsigned int i;
	u32 armed = 0;

	if (!e->p) {
		put(e, NULL, sizeof(*md));
		return;
	}
	md = (void *)(e->p + e->len);
	put(e, NULL, sizeof(*md));
	for (i = 0; i < MVGPU_NUM_PLANES; i++)
		armed |= d->armed[i] ? BIT(i) : 0;
	md->flags = cpu_to_le32(d->link_up ? MVGPU_MIG_DISPLAY_LINK_UP : 0);
	md->edid_size = cpu_to_le32(d->edid_size);
	md->frame = cpu_to_le64(mvgpu_display_frame_now(vgpu));
	md->frame_handled = cpu_to_le64(d->frame);
	md->flipcount = cpu_to_le32(d->flipcount);
	md->armed = cpu_to_le32(armed);
	BUILD_BUG_ON(sizeof(md->edid) != sizeof(d->edid));
	memcpy(md->edid, d->edid, sizeof(md->edid));
}

/* Source side: shadow addresses become offsets, shadow roots guest roots. */
static int mig_frame_export(void *priv, unsigned int depth, u64 *buf,
			    u64 *pos, bool ppgtt, u64 *root)
{
	struct mvgpu_engine *e = priv;
	u64 base = e->shadow.gm;

	if (*buf < base || *buf - base >= MVGPU_SHADOW_SIZE ||
	    *pos < base || *pos - base > MVGPU_SHADOW_SIZE)
		return -EINVAL;
	*buf -= base;
	*pos -= base;
	if (ppgtt && mvgpu_ppgtt_guest_root(e->vgpu, *root, root))
		return -EINVAL;
	return 0;
}

static void mig_root_export(void *priv, u64 *root)
{
	struct mvgpu_engine *e = priv;

	if (*root && mvgpu_ppgtt_guest_root(e->vgpu, *root, root))
		*root = 0;
}

static void enc_engine(struct enc *e, struct mvgpu_engine *eng, u32 ctx_size)
{
	struct mvgpu_mig_engine me = {
		.id = cpu_to_le32(eng->id),
		.context_size = cpu_to_le32(ctx_size),
	};
	u32 flags = eng->broken ? MVGPU_MIG_ENGINE_BROKEN : 0;

	if (eng->busy) {
		flags |= MVGPU_MIG_ENGINE_BUSY;
		if (eng->wl.flags & MVGPU_WL_RESUME)
			flags |= MVGPU_MIG_ENGINE_RESUME;
		me.wl_head = cpu_to_le32(eng->wl_head);
		me.wl_tail = cpu_to_le32(eng->wl_tail);
		me.wl_ring_size = cpu_to_le32(eng->wl_ring_size);
		me.wl_user_interrupts = cpu_to_le32(eng->wl_user_interrupts);
		me.wl_pos = cpu_to_le32(READ_ONCE(eng->wl.head));
		me.wl_size = cpu_to_le32(eng->wl.size);
		me.wl_busy_ns = cpu_to_le64(eng->wl.busy_ns);
	}
	me.flags = cpu_to_le32(flags);
	put(e, &me, sizeof(me));
}

/* The body, vGPU lock held; the engines are off the physical ones. */
static int enc_body(struct enc *e, struct mvgpu_vgpu *vgpu, void *ctx_buf)
{
	const struct mvgpu_backend_ops *ops = vgpu->pgpu->ops;
	u32 ctx_size = vgpu->pgpu->caps.context_size;
	struct mvgpu_mig_vgpu mv = {
		.flags = cpu_to_le32(vgpu->pv_seen ? MVGPU_MIG_VGPU_PV_SEEN : 0),
		.failsafe = cpu_to_le32(vgpu->failsafe),
		.sched_weight =
			cpu_to_le32(READ_ONCE(vgpu->engines[0].sched.se.weight)),
		.sched_cap = cpu_to_le32(READ_ONCE(vgpu->engines[0].sched.se.cap)),
		.src_vgpu_id = cpu_to_le32(vgpu->id),
	};
	struct mvgpu_mig_irq mi = {
		.flags = cpu_to_le32((vgpu->irq.intx_masked ?
				      MVGPU_MIG_IRQ_INTX_MASKED : 0) |
				     (vgpu->irq.asserted ?
				      MVGPU_MIG_IRQ_ASSERTED : 0)),
	};
	unsigned int i;
	int ret;

	lockdep_assert_held(&vgpu->lock);
	sec_begin(e, MVGPU_MIG_SEC_VGPU);
	put(e, &mv, sizeof(mv));
	sec_end(e);

	sec_begin(e, MVGPU_MIG_SEC_CFG);
	put(e, vgpu->cfg.data, MVGPU_CFG_SIZE);
	sec_end(e);

	sec_begin(e, MVGPU_MIG_SEC_REGS);
	enc_regs(e, vgpu);
	sec_end(e);

	sec_begin(e, MVGPU_MIG_SEC_GTT);
	enc_gtt(e, vgpu);
	sec_end(e);

	sec_begin(e, MVGPU_MIG_SEC_IRQ);
	put(e, &mi, sizeof(mi));
	sec_end(e);

	sec_begin(e, MVGPU_MIG_SEC_DISPLAY);
	enc_display(e, vgpu);
	sec_end(e);

	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		struct mvgpu_engine *eng = &vgpu->engines[i];
		struct mvgpu_ctx_reloc reloc = {
			.frame = mig_frame_export,
			.root = mig_root_export,
			.priv = eng,
		};

		if (!(engine_mask(vgpu) & BIT(i)))
			continue;
		sec_begin(e, MVGPU_MIG_SEC_ENGINE);
		enc_engine(e, eng, ctx_size);
		if (ctx_size && e->p) {
			if (eng->ctx)
				memcpy(ctx_buf, eng->ctx, ctx_size);
			else
				memset(ctx_buf, 0, ctx_size);
			ret = ops->context_export(vgpu->pgpu->priv, i, ctx_buf,
						  &reloc);
			if (ret)
				return ret;
		}
		put(e, ctx_size ? ctx_buf : NULL, ctx_size);
		sec_end(e);
	}

	sec_begin(e, MVGPU_MIG_SEC_END);
	sec_end(e);
	return 0;
}

static bool can_save(struct mvgpu_vgpu *vgpu)
{
	const struct mvgpu_backend_ops *ops = vgpu->pgpu->ops;

	return !vgpu->pgpu->caps.context_size ||
	       (ops->context_export && ops->context_import);
}

/**
 * mvgpu_mig_header_len() - bytes of the stream's header
 *
 * Return: sizeof(struct mvgpu_mig_header).
 */
size_t mvgpu_mig_header_len(void)
{
	return sizeof(struct mvgpu_mig_header);
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_mig_header_len);

/**
 * mvgpu_mig_save_header() - the stream's header (the vGPU may run)
 * @vgpu: the vGPU; no lock held
 * @out: receives the bytes
 *
 * Return: 0, -EOPNOTSUPP when the backend cannot migrate context images,
 * -ENOMEM.
 */
int mvgpu_mig_save_header(struct mvgpu_vgpu *vgpu, struct mvgpu_mig_buf *out)
{
	struct mvgpu_mig_header *h;

	if (!can_save(vgpu))
		return -EOPNOTSUPP;
	h = kvzalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return -ENOMEM;
	fill_header(vgpu, h);
	out->data = h;
	out->len = sizeof(*h);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_mig_save_header);

/**
 * mvgpu_mig_save_body() - the stream after its header
 * @vgpu: the vGPU, stopped; no lock held
 * @out: receives the bytes
 *
 * Return: 0, -EBUSY when the vGPU is not stopped, -EOPNOTSUPP, -ENOMEM,
 * or the error of exporting a context image (-EINVAL: a position the core
 * cannot name).
 */
int mvgpu_mig_save_body(struct mvgpu_vgpu *vgpu, struct mvgpu_mig_buf *out)
{
	u32 ctx_size = vgpu->pgpu->caps.context_size;
	struct enc e = {};
	void *ctx_buf = NULL;
	int ret;

	if (!can_save(vgpu))
		return -EOPNOTSUPP;
	if (ctx_size) {
		ctx_buf = kvzalloc(ctx_size, GFP_KERNEL);
		if (!ctx_buf)
			return -ENOMEM;
	}
	mutex_lock(&vgpu->lock);
	ret = vgpu->stopped ? enc_body(&e, vgpu, ctx_buf) : -EBUSY;
	if (ret)
		goto unlock;
	e.p = kvzalloc(e.len, GFP_KERNEL);
	if (!e.p) {
		ret = -ENOMEM;
		goto unlock;
	}
	e.len = 0;
	ret = enc_body(&e, vgpu, ctx_buf);
	if (ret) {
		kvfree(e.p);
		goto unlock;
	}
	out->data = e.p;
	out->len = e.len;
unlock:
	mutex_unlock(&vgpu->lock);
	kvfree(ctx_buf);
	if (ret)
		mvgpu_vgpu_err(vgpu, "migration: state not saved: %d\n", ret);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_mig_save_body);

/**
 * mvgpu_mig_size() - bytes of the whole stream, were it saved now
 * @vgpu: the vGPU; no lock held
 *
 * Return: the size (an estimate while the vGPU runs).
 */
size_t mvgpu_mig_size(struct mvgpu_vgpu *vgpu)
{
	struct enc e = {};

	mutex_lock(&vgpu->lock);
	enc_body(&e, vgpu, NULL);
	mutex_unlock(&vgpu->lock);
	return sizeof(struct mvgpu_mig_header) + e.len;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_mig_size);

/**
 * mvgpu_mig_max_size() - the largest stream a vGPU of this kind produces
 * @vgpu: the vGPU
 *
 * Return: a bound: every register, every GTT entry in runs of one, every
 * engine with its context image.
 */
size_t mvgpu_mig_max_size(struct mvgpu_vgpu *vgpu)
{
	size_t sec = sizeof(struct mvgpu_mig_section) + SEC_ALIGN;
	size_t entries = (size_t)vgpu->gtt.nr_aperture + vgpu->gtt.nr_hidden;

	return sizeof(struct mvgpu_mig_header) +
	       sec + sizeof(struct mvgpu_mig_vgpu) +
	       sec + MVGPU_CFG_SIZE +
	       sec + mvgpu_reg_nr_slots() * sizeof(struct mvgpu_mig_reg) +
	       sec + entries * (sizeof(struct mvgpu_mig_gtt_run) + 8) +
	       sec + sizeof(struct mvgpu_mig_irq) +
	       sec + sizeof(struct mvgpu_mig_display) +
	       MVGPU_NUM_ENGINES * (sec + sizeof(struct mvgpu_mig_engine) +
				    vgpu->pgpu->caps.context_size) +
	       sec;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_mig_max_size);

/* ---- checking ------------------------------------------------------------ */

#define mvgpu_mig_err(vgpu, err, fmt, ...)					\
	({ mvgpu_vgpu_err(vgpu, "migration: stream refused: " fmt,	\
			  ##__VA_ARGS__);				\
	   (err); })

/**
 * mvgpu_mig_check_header() - may this stream be loaded into @vgpu?
 * @vgpu: the destination
 * @data: the stream's first bytes
 * @len: how many (at least mvgpu_mig_header_len() to pass)
 *
 * Return: 0; -EINVAL for a truncated header or a bad magic; -EOPNOTSUPP
 * for another major version, unknown features, or a destination whose
 * type, engines, context images or graphics memory slices differ.
 */
int mvgpu_mig_check_header(struct mvgpu_vgpu *vgpu, const void *data,
			   size_t len)
{
	struct mvgpu_mig_header want, h;
	u32 features;

	if (!data || len < sizeof(h))
		return mvgpu_mig_err(vgpu, -EINVAL, "truncated header (%zu bytes)\n",
				     len);
	memcpy(&h, data, sizeof(h));
	fill_header(vgpu, &want);
	if (h.magic != want.magic)
		return mvgpu_mig_err(vgpu, -EINVAL, "not an mvgpu stream\n");
	if (h.major != want.major)
		return mvgpu_mig_err(vgpu, -EOPNOTSUPP, "version %u.%u, this driver loads %u.x\n",
				     le16_to_cpu(h.major), le16_to_cpu(h.minor),
				     MVGPU_MIG_VERSION_MAJOR);
	if (h.reserved || le32_to_cpu(h.header_size) < sizeof(h) ||
	    le32_to_cpu(h.header_size) % SEC_ALIGN)
		return mvgpu_mig_err(vgpu, -EINVAL, "bad header size %u or reserved field\n",
				     le32_to_cpu(h.header_size));
	features = le32_to_cpu(h.features);
	if (features & ~MVGPU_MIG_F_ALL)
		return mvgpu_mig_err(vgpu, -EOPNOTSUPP, "unknown features %#x\n",
				     features & ~MVGPU_MIG_F_ALL);
	if (features != le32_to_cpu(want.features))
		return mvgpu_mig_err(vgpu, -EOPNOTSUPP, "features %#x, this vGPU has %#x\n",
				     features, le32_to_cpu(want.features));
	if (memcmp(h.type, want.type, sizeof(h.type)))
		return mvgpu_mig_err(vgpu, -EOPNOTSUPP, "type %.*s, this vGPU is %s\n",
				     (int)sizeof(h.type), h.type,
				     vgpu->type->sysfs_name);
	if (h.engine_mask != want.engine_mask ||
	    h.context_size != want.context_size)
		return mvgpu_mig_err(vgpu, -EOPNOTSUPP,
				     "engines %#x with %u-byte contexts, this vGPU has %#x with %u\n",
				     le32_to_cpu(h.engine_mask),
				     le32_to_cpu(h.context_size),
				     le32_to_cpu(want.engine_mask),
				     le32_to_cpu(want.context_size));
	if (h.aperture_base != want.aperture_base ||
	    h.aperture_size != want.aperture_size ||
	    h.hidden_base != want.hidden_base ||
	    h.hidden_size != want.hidden_size ||
	    h.bar2_size != want.bar2_size)
		return mvgpu_mig_err(vgpu, -EOPNOTSUPP,
				     "graphics memory at %#llx+%#llx and %#llx+%#llx (aperture BAR %#llx), this vGPU has %#llx+%#llx and %#llx+%#llx (%#llx): create it with the same placement\n",
				     le64_to_cpu(h.aperture_base),
				     le64_to_cpu(h.aperture_size),
				     le64_to_cpu(h.hidden_base),
				     le64_to_cpu(h.hidden_size),
				     le64_to_cpu(h.bar2_size),
				     vgpu->aperture.start, vgpu->aperture.size,
				     vgpu->hidden.start, vgpu->hidden.size,
				     vgpu->pgpu->caps.aperture_size);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_mig_check_header);

/**
 * struct mig_state - a parsed and checked stream, pointing into its bytes
 * @vgpu: the section of the same name
 * @cfg: config space bytes
 * @regs: register dwords
 * @nr_regs: entries in @regs
 * @gtt: the GTT section's payload
 * @gtt_len: its bytes
 * @irq: the section of the same name
 * @display: the section of the same name
 * @engine: per engine, its section, or NULL
 * @ctx: per engine, its context image, or NULL
 */
struct mig_state {
	const struct mvgpu_mig_vgpu *vgpu;
	const u8 *cfg;
	const struct mvgpu_mig_reg *regs;
	size_t nr_regs;
	const u8 *gtt;
	size_t gtt_len;
	const struct mvgpu_mig_irq *irq;
	const struct mvgpu_mig_display *display;
	const struct mvgpu_mig_engine *engine[MVGPU_NUM_ENGINES];
	const u8 *ctx[MVGPU_NUM_ENGINES];
};

/* Registers whose read-only bits are the device's state, not its make. */
static bool reg_state_ro(u32 offset)
{
	unsigned int i;

	for (i = 0; i < MVGPU_NUM_ENGINES; i++)
		if (offset == MVGPU_RING_PML4_LDW(MVGPU_RING_BASE(i)) ||
		    offset == MVGPU_RING_PML4_UDW(MVGPU_RING_BASE(i)))
			return true;
	if (offset >= MVGPU_PVINFO_OFFSET + MVGPU_PV_ENGINE_ERROR(0) &&
	    offset < MVGPU_PVINFO_OFFSET +
		     MVGPU_PV_ENGINE_ERROR(MVGPU_NUM_ENGINES))
		return true;
	return offset == MVGPU_PVINFO_OFFSET + MVGPU_PV_V2G_EVENT ||
	       offset == MVGPU_PVINFO_OFFSET + MVGPU_PV_V2G_SEQNO;
}

static int check_regs(struct mvgpu_vgpu *vgpu, const struct mig_state *st)
{
	unsigned long *seen;
	size_t i;
	int ret = 0;

	seen = bitmap_zalloc(mvgpu_reg_nr_slots(), GFP_KERNEL);
	if (!seen)
		return -ENOMEM;
	for (i = 0; i < st->nr_regs; i++) {
		u32 off = le32_to_cpu(st->regs[i].offset);
		u32 val = le32_to_cpu(st->regs[i].value);
		const struct mvgpu_reg_desc *r;
		unsigned int slot;

		r = off % 4 ? NULL : mvgpu_reg_find(off, &slot);
		if (!r) {
			ret = mvgpu_mig_err(vgpu, -EINVAL, "register %#x does not exist\n",
					    off);
			break;
		}
		if (test_and_set_bit(slot, seen)) {
			ret = mvgpu_mig_err(vgpu, -EINVAL, "register %s (%#x) twice\n",
					    r->name, off);
			break;
		}
		if (val & r->rsvd_mask) {
			ret = mvgpu_mig_err(vgpu, -EINVAL,
					    "register %s (%#x) = %#x sets reserved bits %#x\n",
					    r->name, off, val, val & r->rsvd_mask);
			break;
		}
	}
	bitmap_free(seen);
	return ret;
}

static int check_gtt(struct mvgpu_vgpu *vgpu, const struct mig_state *st)
{
	const u8 *p = st->gtt, *end = st->gtt + st->gtt_len;
	u64 next = 0;

	while (p < end) {
		struct mvgpu_mig_gtt_run run;
		u64 first, last, gm, len;

		if (end - p < sizeof(run))
			return mvgpu_mig_err(vgpu, -EINVAL, "truncated GTT run\n");
		memcpy(&run, p, sizeof(run));
		p += sizeof(run);
		first = le32_to_cpu(run.index);
		if (!run.count || first < next)
			return mvgpu_mig_err(vgpu, -EINVAL,
					     "GTT run at %#llx of %u entries empty or out of order\n",
					     first, le32_to_cpu(run.count));
		last = first + le32_to_cpu(run.count) - 1;
		gm = first << MVGPU_GTT_PAGE_SHIFT;
		len = (last - first + 1) << MVGPU_GTT_PAGE_SHIFT;
		if (!mvgpu_gtt_range_ok(vgpu, gm, len) ||
		    (gm < vgpu->aperture.start + vgpu->aperture.size &&
		     gm + len > vgpu->aperture.start + vgpu->aperture.size))
			return mvgpu_mig_err(vgpu, -EINVAL,
					     "GTT entries %#llx..%#llx outside the vGPU's slices\n",
					     first, last);
		if ((size_t)(end - p) / 8 < last - first + 1)
			return mvgpu_mig_err(vgpu, -EINVAL, "truncated GTT run at %#llx\n",
					     first);
		p += (last - first + 1) * 8;
		next = last + 1;
	}
	return 0;
}

static int check_display(struct mvgpu_vgpu *vgpu, const struct mig_state *st)
{
	const struct mvgpu_mig_display *d = st->display;
	u32 size = le32_to_cpu(d->edid_size);

	if (le32_to_cpu(d->flags) & ~MVGPU_MIG_DISPLAY_LINK_UP ||
	    le32_to_cpu(d->armed) & ~(BIT(MVGPU_NUM_PLANES) - 1) || d->reserved)
		return mvgpu_mig_err(vgpu, -EINVAL, "unknown display flags\n");
	if (size > sizeof(d->edid) || mvgpu_edid_check(d->edid, size))
		return mvgpu_mig_err(vgpu, -EINVAL, "bad EDID (%u bytes)\n", size);
	if (le64_to_cpu(d->frame_handled) > le64_to_cpu(d->frame))
		return mvgpu_mig_err(vgpu, -EINVAL, "display frame counters inconsistent\n");
	return 0;
}

/* A workload in flight: its segment of the ring, and how far it got. */
static int check_wl(const struct mvgpu_mig_engine *me)
{
	u32 size = le32_to_cpu(me->wl_ring_size);
	u32 head = le32_to_cpu(me->wl_head), tail = le32_to_cpu(me->wl_tail);
	u32 bytes, pos = le32_to_cpu(me->wl_pos);

	if (size < SZ_4K || size > SZ_2M || size % SZ_4K ||
	    head >= size || head % 4 || tail >= size || tail % 8 ||
	    head == tail)
		return -EINVAL;
	bytes = tail > head ? tail - head : size - head + tail;
	if (le32_to_cpu(me->wl_size) != bytes || bytes > MVGPU_SHADOW_SIZE ||
	    pos > bytes || pos % 4 ||
	    le32_to_cpu(me->wl_user_interrupts) > bytes / 4)
		return -EINVAL;
	return 0;
}

/*
 * Load-time check of a context image: its structure, and offsets inside
 * the workload's shadow.  Resuming checks them against the shadow again.
 */
struct dry_reloc {
	bool busy;
	u32 size;
};

static int dry_frame(void *priv, unsigned int depth, u64 *buf, u64 *pos,
		     bool ppgtt, u64 *root)
{
	const struct dry_reloc *d = priv;

	if (!d->busy || *buf % 4 || *pos % 4 || *pos < *buf)
		return -EINVAL;
	if (!depth)
		return *buf || ppgtt || *pos > d->size ? -EINVAL : 0;
	return *pos >= MVGPU_SHADOW_SIZE ? -EINVAL : 0;
}

static void dry_root(void *priv, u64 *root)
{
}

static int check_ctx(struct mvgpu_vgpu *vgpu, u32 id, const void *img,
		     const struct mvgpu_mig_engine *me)
{
	u32 size = vgpu->pgpu->caps.context_size;
	struct dry_reloc d = {
		.busy = le32_to_cpu(me->flags) & MVGPU_MIG_ENGINE_BUSY,
		.size = le32_to_cpu(me->wl_size),
	};
	struct mvgpu_ctx_reloc reloc = {
		.frame = dry_frame,
		.root = dry_root,
		.priv = &d,
	};
	void *ctx;
	int ret;

	if (!size)
		return 0;
	ctx = kvmemdup(img, size, GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ret = vgpu->pgpu->ops->context_import(vgpu->pgpu->priv, id, ctx,
					      &reloc);
	kvfree(ctx);
	if (ret == -ENOMEM)
		return ret;
	return ret ? mvgpu_mig_err(vgpu, -EINVAL,
				   "engine %u: context image refused by the GPU (%d)\n",
				   id, ret) : 0;
}

static int check_engine(struct mvgpu_vgpu *vgpu, struct mig_state *st,
			const u8 *p, size_t len)
{
	u32 ctx_size = vgpu->pgpu->caps.context_size;
	struct mvgpu_mig_engine me;
	u32 id, flags;

	if (len < sizeof(me))
		return mvgpu_mig_err(vgpu, -EINVAL, "truncated engine section\n");
	memcpy(&me, p, sizeof(me));
	id = le32_to_cpu(me.id);
	flags = le32_to_cpu(me.flags);
	if (id >= MVGPU_NUM_ENGINES || !(engine_mask(vgpu) & BIT(id)))
		return mvgpu_mig_err(vgpu, -EINVAL, "engine %u does not exist\n", id);
	if (st->engine[id])
		return mvgpu_mig_err(vgpu, -EINVAL, "engine %u twice\n", id);
	if (flags & ~(MVGPU_MIG_ENGINE_BUSY | MVGPU_MIG_ENGINE_BROKEN |
		      MVGPU_MIG_ENGINE_RESUME) || me.reserved ||
	    ((flags & MVGPU_MIG_ENGINE_RESUME) &&
	     !(flags & MVGPU_MIG_ENGINE_BUSY)) ||
	    ((flags & MVGPU_MIG_ENGINE_BUSY) &&
	     (flags & MVGPU_MIG_ENGINE_BROKEN)))
		return mvgpu_mig_err(vgpu, -EINVAL, "engine %u: bad flags %#x\n",
				     id, flags);
	if (flags & MVGPU_MIG_ENGINE_BUSY ? check_wl(&me) :
	    me.wl_head || me.wl_tail || me.wl_ring_size ||
	    me.wl_user_interrupts || me.wl_pos || me.wl_size ||
	    me.wl_busy_ns)
		return mvgpu_mig_err(vgpu, -EINVAL, "engine %u: bad workload fields\n",
				     id);
	if (le32_to_cpu(me.context_size) != ctx_size ||
	    len != ALIGN(sizeof(me) + ctx_size, SEC_ALIGN))
		return mvgpu_mig_err(vgpu, -EINVAL,
				     "engine %u: context image of %u bytes in a %zu-byte section\n",
				     id, le32_to_cpu(me.context_size), len);
	st->engine[id] = (const void *)p;
	st->ctx[id] = ctx_size ? p + sizeof(me) : NULL;
	return check_ctx(vgpu, id, st->ctx[id], &me);
}

/* Fixed-size sections: the payload length they must have. */
static size_t sec_fixed_size(u32 id)
{
	switch (id) {
	case MVGPU_MIG_SEC_VGPU:
		return sizeof(struct mvgpu_mig_vgpu);
	case MVGPU_MIG_SEC_CFG:
		return MVGPU_CFG_SIZE;
	case MVGPU_MIG_SEC_IRQ:
		return ALIGN(sizeof(struct mvgpu_mig_irq), SEC_ALIGN);
	case MVGPU_MIG_SEC_DISPLAY:
		return ALIGN(sizeof(struct mvgpu_mig_display), SEC_ALIGN);
	case MVGPU_MIG_SEC_END:
		return 0;
	}
	return SIZE_MAX;
}

static int parse_section(struct mvgpu_vgpu *vgpu, struct mig_state *st,
			 u32 id, const u8 *p, size_t len)
{
	const struct mvgpu_mig_vgpu *mv;

	if (sec_fixed_size(id) != SIZE_MAX && len != sec_fixed_size(id))
		return mvgpu_mig_err(vgpu, -EINVAL, "section %u has %zu bytes\n",
				     id, len);
	switch (id) {
	case MVGPU_MIG_SEC_VGPU:
		mv = (const void *)p;
		if (le32_to_cpu(mv->flags) & ~MVGPU_MIG_VGPU_PV_SEEN ||
		    mv->reserved ||
		    le32_to_cpu(mv->failsafe) > MVGPU_FAILSAFE_ENGINE_BEFORE_PV)
			return mvgpu_mig_err(vgpu, -EINVAL, "bad vGPU flags or failsafe reason\n");
		if (!le32_to_cpu(mv->sched_weight) ||
		    le32_to_cpu(mv->sched_weight) > MVGPU_SCHED_WEIGHT_MAX ||
		    le32_to_cpu(mv->sched_cap) > 100)
			return mvgpu_mig_err(vgpu, -EINVAL,
					     "scheduling weight %u or cap %u out of range\n",
					     le32_to_cpu(mv->sched_weight),
					     le32_to_cpu(mv->sched_cap));
		st->vgpu = mv;
		return 0;
	case MVGPU_MIG_SEC_CFG:
		st->cfg = p;
		return 0;
	case MVGPU_MIG_SEC_REGS:
		if (len % sizeof(struct mvgpu_mig_reg))
			return mvgpu_mig_err(vgpu, -EINVAL, "register section of %zu bytes\n",
					     len);
		st->regs = (const void *)p;
		st->nr_regs = len / sizeof(struct mvgpu_mig_reg);
		return check_regs(vgpu, st);
	case MVGPU_MIG_SEC_GTT:
		st->gtt = p;
		st->gtt_len = len;
		return check_gtt(vgpu, st);
	case MVGPU_MIG_SEC_IRQ:
		st->irq = (const void *)p;
		if (le32_to_cpu(st->irq->flags) & ~(MVGPU_MIG_IRQ_INTX_MASKED |
						     MVGPU_MIG_IRQ_ASSERTED) ||
		    st->irq->reserved)
			return mvgpu_mig_err(vgpu, -EINVAL, "unknown interrupt flags\n");
		return 0;
	case MVGPU_MIG_SEC_DISPLAY:
		st->display = (const void *)p;
		return check_display(vgpu, st);
	case MVGPU_MIG_SEC_ENGINE:
		return check_engine(vgpu, st, p, len);
	}
	return 0;
}

/*
 * Walk the sections: known ones once each and in order (engines once
 * per engine), unknown ones only from a newer minor version (skipped).
 */
static int parse(struct mvgpu_vgpu *vgpu, const u8 *data, size_t len,
		 struct mig_state *st)
{
	const struct mvgpu_mig_header *h = (const void *)data;
	bool newer = le16_to_cpu(h->minor) > MVGPU_MIG_VERSION_MINOR;
	size_t off = le32_to_cpu(h->header_size);
	u32 last = 0;
	unsigned int i;
	int ret;

	if (off > len)
		return mvgpu_mig_err(vgpu, -EINVAL, "truncated header\n");
	for (;;) {
		struct mvgpu_mig_section s;
		u64 size;
		u32 id;

		if (len - off < sizeof(s))
			return mvgpu_mig_err(vgpu, -EINVAL,
					     "truncated at byte %zu: no end section\n",
					     off);
		memcpy(&s, data + off, sizeof(s));
		off += sizeof(s);
		id = le32_to_cpu(s.id);
		size = le64_to_cpu(s.size);
		if (s.reserved || size % SEC_ALIGN || size > len - off)
			return mvgpu_mig_err(vgpu, -EINVAL,
					     "section %u at byte %zu: %llu bytes, %zu left\n",
					     id, off, size, len - off);
		if (id < last || (id == last && id != MVGPU_MIG_SEC_ENGINE))
			return mvgpu_mig_err(vgpu, -EINVAL, "section %u out of order\n",
					     id);
		if (id > MVGPU_MIG_SEC_ENGINE && id != MVGPU_MIG_SEC_END) {
			if (!newer)
				return mvgpu_mig_err(vgpu, -EINVAL, "unknown section %u\n",
						     id);
			off += size;
			continue;
		}
		last = id;
		ret = parse_section(vgpu, st, id, data + off, size);
		if (ret)
			return ret;
		off += size;
		if (id == MVGPU_MIG_SEC_END)
			break;
	}
	if (off != len)
		return mvgpu_mig_err(vgpu, -EINVAL, "%zu bytes after the end section\n",
				     len - off);
	if (!st->vgpu || !st->cfg || !st->regs || !st->irq || !st->display)
		return mvgpu_mig_err(vgpu, -EINVAL, "a section is missing\n");
	for (i = 0; i < MVGPU_NUM_ENGINES; i++)
		if ((engine_mask(vgpu) & BIT(i)) && !st->engine[i])
			return mvgpu_mig_err(vgpu, -EINVAL, "engine %u missing\n", i);
	return 0;
}

/* ---- loading ------------------------------------------------------------- */

static void load_cfg(struct mvgpu_vgpu *vgpu, const u8 *cfg)
{
	struct mvgpu_cfg_space *c = &vgpu->cfg;
	unsigned int i;

	for (i = 0; i < MVGPU_CFG_SIZE; i++) {
		u8 m = c->wmask[i] | c->w1cmask[i];

		c->data[i] = (c->data[i] & ~m) | (cfg[i] & m);
	}
}

static void load_regs(struct mvgpu_vgpu *vgpu, const struct mig_state *st)
{
	size_t i;

	for (i = 0; i < st->nr_regs; i++) {
		u32 off = le32_to_cpu(st->regs[i].offset);
		u32 val = le32_to_cpu(st->regs[i].value);
		const struct mvgpu_reg_desc *r = mvgpu_reg_find(off, NULL);
		u32 *reg = mvgpu_vreg(vgpu, off);

		if (reg_state_ro(off))
			*reg = val;
		else
			*reg = (*reg & r->ro_mask) | (val & ~r->ro_mask);
	}
}

/* An idle engine's image carries no position and no root. */
static int idle_frame(void *priv, unsigned int depth, u64 *buf, u64 *pos,
		      bool ppgtt, u64 *root)
{
	return -EINVAL;
}

static void idle_root(void *priv, u64 *root)
{
	*root = 0;
}

/*
 * An engine: idle, broken, or with a workload in flight, which resumes at
 * its first kick (core/engine.c) with the image as it came.
 */
static int load_engine(struct mvgpu_vgpu *vgpu, struct mvgpu_engine *e,
		       const struct mvgpu_mig_engine *me, const u8 *img)
{
	const struct mvgpu_backend_ops *ops = vgpu->pgpu->ops;
	u32 size = vgpu->pgpu->caps.context_size;
	u32 flags = le32_to_cpu(me ? me->flags : 0);
	struct mvgpu_ctx_reloc reloc = {
		.frame = idle_frame,
		.root = idle_root,
	};
	struct mvgpu_engine_mig *m;
	int ret;

	if (!me)
		return 0;
	e->broken = flags & MVGPU_MIG_ENGINE_BROKEN;
	if (size && WARN_ON_ONCE(!e->ctx))
		return -ENOMEM;
	if (size)
		memcpy(e->ctx, img, size);
	if (!(flags & MVGPU_MIG_ENGINE_BUSY)) {
		if (!size)
			return 0;
		ret = ops->context_import(vgpu->pgpu->priv, e->id, e->ctx,
					  &reloc);
		if (ret) {
			memset(e->ctx, 0, size);
			return mvgpu_mig_err(vgpu, ret,
					     "engine %u: context image refused by the GPU\n",
					     e->id);
		}
		return 0;
	}
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (m)
		m->starts = bitmap_zalloc(MVGPU_CMD_STARTS_BITS, GFP_KERNEL);
	if (!m || !m->starts) {
		kfree(m);
		return -ENOMEM;
	}
	m->pos = le32_to_cpu(me->wl_pos);
	m->size = le32_to_cpu(me->wl_size);
	m->resume = flags & MVGPU_MIG_ENGINE_RESUME;
	m->busy_ns = le64_to_cpu(me->wl_busy_ns);
	e->mig = m;
	e->wl_head = le32_to_cpu(me->wl_head);
	e->wl_tail = le32_to_cpu(me->wl_tail);
	e->wl_ring_size = le32_to_cpu(me->wl_ring_size);
	e->wl_user_interrupts = le32_to_cpu(me->wl_user_interrupts);
	return 0;
}

/* Under the vGPU lock; -EINVAL leaves the vGPU for the caller to reset. */
static int load_locked(struct mvgpu_vgpu *vgpu, const struct mig_state *st)
{
	const struct mvgpu_mig_display *md = st->display;
	u32 irq_flags = le32_to_cpu(st->irq->flags);
	bool armed[MVGPU_NUM_PLANES];
	unsigned int i;
	int ret;

	lockdep_assert_held(&vgpu->lock);
	vgpu->pv_seen = le32_to_cpu(st->vgpu->flags) & MVGPU_MIG_VGPU_PV_SEEN;
	vgpu->failsafe = le32_to_cpu(st->vgpu->failsafe);
	load_cfg(vgpu, st->cfg);
	load_regs(vgpu, st);

	vgpu->irq.asserted = irq_flags & MVGPU_MIG_IRQ_ASSERTED;
	vgpu->irq.intx_masked = irq_flags & MVGPU_MIG_IRQ_INTX_MASKED;
	/* Stopped: sets the status bit only; running signals. */
	mvgpu_irq_update(vgpu);

	memcpy(vgpu->display.edid, md->edid, sizeof(md->edid));
	vgpu->display.edid_size = le32_to_cpu(md->edid_size);
	vgpu->display.link_up = le32_to_cpu(md->flags) &
				MVGPU_MIG_DISPLAY_LINK_UP;
	for (i = 0; i < MVGPU_NUM_PLANES; i++)
		armed[i] = le32_to_cpu(md->armed) & BIT(i);
	ret = mvgpu_display_restore(vgpu, le64_to_cpu(md->frame),
				    le64_to_cpu(md->frame_handled),
				    le32_to_cpu(md->flipcount), armed);
	if (ret)
		return mvgpu_mig_err(vgpu, ret, "display counters for a pipe that is off\n");

	for (i = 0; i < MVGPU_NUM_ENGINES; i++) {
		ret = load_engine(vgpu, &vgpu->engines[i], st->engine[i],
				  st->ctx[i]);
		if (ret)
			return ret;
	}
	return 0;
}

/* Guest GTT writes again: validated, translated and pinned as the first time. */
static void load_gtt(struct mvgpu_vgpu *vgpu, const struct mig_state *st)
{
	const u8 *p = st->gtt, *end = st->gtt + st->gtt_len;

	while (p < end) {
		struct mvgpu_mig_gtt_run run;
		u32 i, index;

		memcpy(&run, p, sizeof(run));
		p += sizeof(run);
		index = le32_to_cpu(run.index);
		for (i = 0; i < le32_to_cpu(run.count); i++, p += 8)
			mvgpu_gtt_mmio_write(vgpu, (index + i) *
					     MVGPU_GTT_ENTRY_SIZE, p, 8);
	}
}

/**
 * mvgpu_mig_load() - load a whole stream into a stopped vGPU
 * @vgpu: the destination, opened and stopped; no lock held
 * @data: the stream
 * @len: its bytes
 *
 * The stream is checked whole before anything changes; then the vGPU is
 * reset and takes the stream's state.  Its PV info page keeps its own
 * vGPU id.
 *
 * Return: 0; -EINVAL for a corrupt or truncated stream, -EOPNOTSUPP for
 * an incompatible one, -ENOMEM.  On error the vGPU is reset.
 */
int mvgpu_mig_load(struct mvgpu_vgpu *vgpu, const void *data, size_t len)
{
	struct mig_state st = {};
	int ret;

	ret = mvgpu_mig_check_header(vgpu, data, len);
	if (!ret && !can_save(vgpu))
		ret = -EOPNOTSUPP;
	if (!ret)
		ret = parse(vgpu, data, len, &st);
	mvgpu_vgpu_reset(vgpu);
	if (ret)
		return ret;

	mutex_lock(&vgpu->lock);
	ret = load_locked(vgpu, &st);
	mvgpu_vgpu_unlock(vgpu);
	if (ret) {
		mvgpu_vgpu_reset(vgpu);
		return ret;
	}
	load_gtt(vgpu, &st);
	/* Checked against the same bounds: cannot fail. */
	mvgpu_sched_set_weight_all(vgpu, le32_to_cpu(st.vgpu->sched_weight));
	mvgpu_sched_set_cap_all(vgpu, le32_to_cpu(st.vgpu->sched_cap));
	mvgpu_vgpu_dbg(vgpu, "migration: state of vgpu%u loaded (%zu bytes)\n",
		       le32_to_cpu(st.vgpu->src_vgpu_id), len);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mvgpu_mig_load);
