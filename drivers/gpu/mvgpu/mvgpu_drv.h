/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mvgpu: the mediation core's objects.  The core knows nothing of VFIO or
 * mdev: a front end (vfio/) registers with mvgpu_core_init() and gives each
 * vGPU the services it needs (struct mvgpu_vgpu_ops).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_DRV_H_
#define _MVGPU_DRV_H_

#include <linux/completion.h>
#include <linux/device.h>
#include <linux/idr.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/ratelimit.h>
#include <linux/refcount.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/xarray.h>
#include <linux/mvgpu_backend.h>
#include <linux/mvgpu.h>

#include "core/gm.h"
#include "core/regs.h"
#include "core/cfg_space.h"
#include "core/irq.h"
#include "core/gtt.h"
#include "core/ppgtt.h"
#include "core/engine.h"
#include "core/display.h"

struct mvgpu_native;
struct mvgpu_pgpu;

#define MVGPU_MAX_VGPUS_PER_PGPU	64
/* Distinct unknown MMIO offsets remembered (and logged) per vGPU. */
#define MVGPU_UNKNOWN_MMIO_TRACKED	64

/*
 * Log lines always name the vGPU.  Errors and warnings are rate-limited
 * per vGPU (MVGPU_LOG_BURST lines per MVGPU_LOG_INTERVAL), so a guest that
 * misbehaves in a loop cannot flood the log nor hide another vGPU's lines.
 */
#define MVGPU_LOG_INTERVAL	(5 * HZ)
#define MVGPU_LOG_BURST		20

#define mvgpu_vgpu_log(log, vgpu, fmt, ...)				\
	do {								\
		const struct mvgpu_vgpu *__v = (vgpu);			\
									\
		log(__v->dev, "vgpu%d: " fmt, __v->id, ##__VA_ARGS__);	\
	} while (0)
#define mvgpu_vgpu_log_limited(log, vgpu, fmt, ...)			\
	do {								\
		struct mvgpu_vgpu *__l = (vgpu);			\
									\
		if (__ratelimit(&__l->log_rs))				\
			mvgpu_vgpu_log(log, __l, fmt, ##__VA_ARGS__);	\
	} while (0)
#define mvgpu_vgpu_err(vgpu, fmt, ...) \
	mvgpu_vgpu_log_limited(dev_err, vgpu, fmt, ##__VA_ARGS__)
#define mvgpu_vgpu_warn(vgpu, fmt, ...) \
	mvgpu_vgpu_log_limited(dev_warn, vgpu, fmt, ##__VA_ARGS__)
#define mvgpu_vgpu_info(vgpu, fmt, ...) \
	mvgpu_vgpu_log(dev_info, vgpu, fmt, ##__VA_ARGS__)
#define mvgpu_vgpu_dbg(vgpu, fmt, ...) \
	mvgpu_vgpu_log(dev_dbg, vgpu, fmt, ##__VA_ARGS__)

/* Types a physical GPU can offer (core/types.c). */
#define MVGPU_MAX_TYPES			8

/**
 * struct mvgpu_type_desc - a vGPU type, derived from a pGPU's capabilities
 * @sysfs_name: type directory suffix ("V1_4" -> "<driver>-V1_4")
 * @pretty_name: value of the type's "name" attribute
 * @aperture_size: bytes of CPU-mappable graphics memory per vGPU
 * @hidden_size: bytes of hidden graphics memory per vGPU
 * @weight: scheduling weight, on GVT-g's scale: MVGPU_WEIGHT_FULL (16) is a
 *	whole GPU; the fixed-share policy gives a vGPU weight / 16 of each
 *	engine, and the weighted policy starts from it
 * @engine_mask: engines its vGPUs have (bit MVGPU_ENGINE_*)
 * @max_hres: maximum horizontal resolution
 * @max_vres: maximum vertical resolution
 */
struct mvgpu_type_desc {
	const char *sysfs_name;
	const char *pretty_name;
	u64 aperture_size;
	u64 hidden_size;
	u8 weight;
	u32 engine_mask;
	u16 max_hres;
	u16 max_vres;
};

unsigned int mvgpu_types_derive(const struct mvgpu_pgpu_caps *caps,
				struct mvgpu_type_desc *types);

/**
 * struct mvgpu_frontend - how the core tells its front end about pGPUs
 * @pgpu_add: a physical GPU is ready: offer its vGPU types to users
 * @pgpu_remove: withdraw them; returns once no vGPU of it is in use
 *
 * The VFIO/mdev front end (vfio/) is the one implementation; it registers
 * with mvgpu_core_init().  Called without core locks held.
 */
struct mvgpu_frontend {
	int (*pgpu_add)(struct mvgpu_pgpu *pgpu);
	void (*pgpu_remove)(struct mvgpu_pgpu *pgpu);
};

/**
 * struct mvgpu_vgpu_ops - what a front end does for the core, per vGPU
 * @pin: how guest frames are pinned and mapped for the GPU
 * @zap_aperture: drop the CPU mappings of [@offset, @offset + @len) of the
 *	vGPU's aperture slice, so that the next access faults
 * @dirty: optional: the core wrote the @npages guest frames from @gfn
 *	through a kernel mapping of their pinned pages (mvgpu_gtt_gm_rw(),
 *	mvgpu_gtt_aperture_rw()), for the dirty page log of live migration.
 *	Called with the vGPU lock held; may sleep.  What the GPU itself
 *	writes is not reported here: the core cannot see it (see
 *	mvgpu_vgpu_gpu_activity())
 *
 * Given to mvgpu_vgpu_init() with a cookie passed back to each op.
 */
struct mvgpu_vgpu_ops {
	const struct mvgpu_pin_ops *pin;
	void (*zap_aperture)(void *ctx, u64 offset, u64 len);
	void (*dirty)(void *ctx, u64 gfn, unsigned int npages);
};

/**
 * struct mvgpu_pgpu - a physical GPU as seen by the mediation core
 * @dev: the backend's device; parent of the vGPUs' devices
 * @caps: what the backend offers
 * @types: the vGPU types it offers, derived from @caps
 * @nr_types: entries in @types
 * @ops: backend operations
 * @priv: backend cookie passed to @ops
 * @frontend: the front end's state for this pGPU (opaque to the core)
 * @lock: protects @gm, @vgpu_ida, @vgpus, @removing, @nr_open and each
 *	vGPU's @open
 * @gm: graphics memory partitions (aperture and hidden)
 * @vgpu_ida: vGPU ids, unique per pGPU
 * @vgpus: vGPUs created on this pGPU (struct mvgpu_vgpu.node)
 * @removing: the backend is removing the pGPU: no vGPU is created or
 *	opened (mvgpu_pgpu_remove_begin())
 * @nr_open: vGPUs of it that a user holds open
 * @open_wq: woken when @nr_open drops to zero
 * @users: the registration's reference and one per vGPU holding resources
 *	of it; the last put completes @unused
 * @unused: completed when nothing uses the pGPU any more: it may be freed
 * @scratch_page: page that unused and invalid GGTT entries point at
 * @scratch_addr: @scratch_page as mapped by the backend
 * @debugfs: per-pGPU debugfs directory
 * @native: native (unmediated) submission for benchmarks, or NULL
 * @sched: the scheduler of its engines
 */
struct mvgpu_pgpu {
	struct device *dev;
	struct mvgpu_pgpu_caps caps;
	struct mvgpu_type_desc types[MVGPU_MAX_TYPES];
	unsigned int nr_types;
	const struct mvgpu_backend_ops *ops;
	void *priv;
	void *frontend;
	struct mutex lock;	/* protects gm, vgpu_ida, vgpus, removing, nr_open */
	struct mvgpu_gm gm;
	struct ida vgpu_ida;
	struct list_head vgpus;
	bool removing;
	unsigned int nr_open;
	wait_queue_head_t open_wq;
	refcount_t users;
	struct completion unused;
	struct page *scratch_page;
	u64 scratch_addr;
	struct dentry *debugfs;
	struct mvgpu_native *native;
	struct mvgpu_sched sched;
};

/**
 * struct mvgpu_vgpu_stats - per-vGPU counters shown in debugfs
 * @mmio_reads: trapped BAR0 register reads
 * @mmio_writes: trapped BAR0 register writes
 * @unknown_mmio: accesses to offsets with no register
 * @ro_writes: writes that tried to change read-only bits
 * @bad_access: accesses rejected with an errno (size, alignment, range)
 * @irqs_injected: interrupts signalled to userspace
 * @failsafe_drops: GTT writes and submissions dropped in failsafe mode
 */
struct mvgpu_vgpu_stats {
	u64 mmio_reads;
	u64 mmio_writes;
	u64 unknown_mmio;
	u64 ro_writes;
	u64 bad_access;
	u64 irqs_injected;
	u64 failsafe_drops;
};

/**
 * struct mvgpu_vgpu - one vGPU
 * @dev: the device its user sees (the mdev device); its log lines name it
 * @ops: the front end's services
 * @ops_ctx: cookie for @ops
 * @pgpu: physical GPU it lives on
 * @type: its type
 * @id: id unique on @pgpu, shown in the PV info page
 * @node: entry in pgpu->vgpus
 * @open: a user holds the vGPU open (between mvgpu_vgpu_open() and
 *	mvgpu_vgpu_close()); protected by the pGPU lock
 * @aperture: its slice of the aperture
 * @hidden: its slice of the hidden range
 * @scratch_page: page its invalid and unused GTT entries point at; its
 *	own, so that nothing written through them reaches another vGPU
 * @scratch_addr: @scratch_page as mapped by the backend
 * @lock: protects the fields below (guest-visible state and counters),
 *	except what their own locks protect: @gtt's aperture pages (ap_sem),
 *	blocks (a global spinlock) and pins in flight, @engines' scheduling
 *	state (the scheduler's lock) and, while the scheduler thread has an
 *	engine on the physical GPU, its workload and context image; the
 *	eventfds are read under @irq's trigger lock
 * @regs: emulated register file
 * @cfg: emulated PCI config space
 * @irq: virtual interrupt state and eventfds
 * @gtt: GGTT entries of its slices and the frames they pin
 * @ppgtt: shadows of its per-process address spaces
 * @engines: its engines
 * @display: its display engine (pipe, planes, connector)
 * @quiesce: nesting count of mvgpu_engines_quiesce(): no submissions
 * @stopped: nesting count of mvgpu_vgpu_stop() (core/migrate.c): no
 *	submission, no vertical blank, and interrupts stay latched in IIR
 * @pv_seen: the guest read the PV info page magic since the last reset
 * @failsafe: why the vGPU is in failsafe mode (enum mvgpu_failsafe), or 0
 * @unknown_mmio: offsets of unknown accesses already reported
 * @nr_unknown_tracked: entries in @unknown_mmio
 * @stats: counters
 * @log_rs: rate limit of this vGPU's error and warning lines
 * @debugfs: per-vGPU debugfs directory
 */
struct mvgpu_vgpu {
	struct device *dev;
	const struct mvgpu_vgpu_ops *ops;
	void *ops_ctx;
	struct mvgpu_pgpu *pgpu;
	const struct mvgpu_type_desc *type;
	int id;
	struct list_head node;
	bool open;
	struct mvgpu_gm_range aperture;
	struct mvgpu_gm_range hidden;
	struct page *scratch_page;
	u64 scratch_addr;

	struct mutex lock;	/* protects the fields below */
	struct mvgpu_regs regs;
	struct mvgpu_cfg_space cfg;
	struct mvgpu_irq irq;
	struct mvgpu_gtt gtt;
	struct mvgpu_ppgtt ppgtt;
	struct mvgpu_engine engines[MVGPU_NUM_ENGINES];
	struct mvgpu_display display;
	unsigned int quiesce;
	unsigned int stopped;
	bool pv_seen;
	u32 failsafe;
	struct xarray unknown_mmio;
	unsigned int nr_unknown_tracked;
	struct mvgpu_vgpu_stats stats;
	struct ratelimit_state log_rs;
	struct dentry *debugfs;
};

/* core/pgpu.c */
int mvgpu_pgpu_map_range(struct mvgpu_pgpu *pgpu, struct page *page,
			 unsigned int npages, u64 *addr);
void mvgpu_pgpu_unmap_range(struct mvgpu_pgpu *pgpu, u64 addr,
			    unsigned int npages);
void mvgpu_pgpu_fill_ggtt_with(struct mvgpu_pgpu *pgpu, u64 start, u64 size,
			       u64 addr);
void mvgpu_pgpu_fill_ggtt(struct mvgpu_pgpu *pgpu, u64 start, u64 size);
unsigned int mvgpu_pgpu_available(struct mvgpu_pgpu *pgpu,
				  const struct mvgpu_type_desc *type);

/**
 * mvgpu_pgpu_put() - drop a reference on a physical GPU
 * @pgpu: physical GPU
 *
 * vGPUs hold one while they hold resources of it; the last put lets
 * mvgpu_pgpu_unregister() free it, so the caller must not touch @pgpu
 * afterwards.  A completion, not a wait queue and a condition under the
 * pGPU lock: the waiter cannot return, and free @pgpu, before complete()
 * is done with it.
 */
static inline void mvgpu_pgpu_put(struct mvgpu_pgpu *pgpu)
{
	if (refcount_dec_and_test(&pgpu->users))
		complete(&pgpu->unused);
}

/* core/main.c */
int mvgpu_core_init(const struct mvgpu_frontend *frontend);
void mvgpu_core_exit(void);
const struct mvgpu_frontend *mvgpu_core_frontend(void);

/* core/vgpu.c */
int mvgpu_vgpu_init(struct mvgpu_vgpu *vgpu, struct mvgpu_pgpu *pgpu,
		    const struct mvgpu_type_desc *type, struct device *dev,
		    const struct mvgpu_vgpu_ops *ops, void *ops_ctx);
void mvgpu_vgpu_fini(struct mvgpu_vgpu *vgpu);
int mvgpu_vgpu_open(struct mvgpu_vgpu *vgpu);
void mvgpu_vgpu_close(struct mvgpu_vgpu *vgpu);
void mvgpu_vgpu_reset(struct mvgpu_vgpu *vgpu);
void mvgpu_vgpu_reset_locked(struct mvgpu_vgpu *vgpu);
int mvgpu_vgpu_place(struct mvgpu_vgpu *vgpu, u64 aperture_base,
		     u64 hidden_base);

/* core/mmio.c */
int mvgpu_mmio_read(struct mvgpu_vgpu *vgpu, u64 offset, void *buf,
		    unsigned int bytes);
int mvgpu_mmio_write(struct mvgpu_vgpu *vgpu, u64 offset, const void *buf,
		     unsigned int bytes);

/* core/pvinfo.c */
void mvgpu_pvinfo_reset(struct mvgpu_vgpu *vgpu);

/* core/debugfs.c */
void mvgpu_debugfs_init(void);
void mvgpu_debugfs_fini(void);
void mvgpu_debugfs_pgpu_init(struct mvgpu_pgpu *pgpu);
void mvgpu_debugfs_pgpu_fini(struct mvgpu_pgpu *pgpu);
void mvgpu_debugfs_vgpu_init(struct mvgpu_vgpu *vgpu);
void mvgpu_debugfs_vgpu_fini(struct mvgpu_vgpu *vgpu);

#endif /* _MVGPU_DRV_H_ */
