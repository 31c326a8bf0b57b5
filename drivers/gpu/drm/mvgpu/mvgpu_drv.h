/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mvgpu_drm: the guest driver of an mvgpu vGPU.
 *
 * One struct mvgpu_device per vGPU (PCI 1234:4d56), with one file per
 * responsibility:
 *   mvgpu_drv.c     PCI probe/remove, the drm_driver, GET_PARAM
 *   mvgpu_pv.c      the PV info page handshake, slices, error reports
 *   mvgpu_gm.c      graphics memory: drm_mm over the slices, GTT entries,
 *                   binding objects on demand, eviction
 *   mvgpu_gem.c     GEM objects (drm_gem_shmem), CREATE, INFO, WAIT
 *   mvgpu_vm.c      per-file address spaces (PPGTT tables in guest RAM)
 *   mvgpu_cmd.c     the batch validator
 *   mvgpu_engine.c  rings, seqno fences, engine reset
 *   mvgpu_job.c     drm_sched per engine, SUBMIT
 *   mvgpu_irq.c     the interrupt handler
 *   mvgpu_kms.c     modesetting: CRTC, planes, connector, vblank, fbdev
 * Documentation/gpu/mvgpu/guest-driver.rst describes the design.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _MVGPU_DRV_H_
#define _MVGPU_DRV_H_

#include <linux/dma-fence.h>
#include <linux/io.h>
#include <linux/kref.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include <drm/drm_connector.h>
#include <drm/drm_crtc.h>
#include <drm/drm_device.h>
#include <drm/drm_encoder.h>
#include <drm/drm_gem_shmem_helper.h>
#include <drm/drm_mm.h>
#include <drm/drm_plane.h>
#include <drm/gpu_scheduler.h>

#include <linux/mvgpu.h>

#define MVGPU_DRM_NAME		"mvgpu"
#define MVGPU_DRM_DESC		"mvgpu vGPU"

/* The ring of each engine and its size in bytes. */
#define MVGPU_DRM_RING_SIZE	SZ_16K
/* Largest batch SUBMIT takes; one such slot per engine per address space. */
#define MVGPU_DRM_MAX_BATCH	SZ_64K

struct mvgpu_device;

/* ------------------------------------------------------------------ */
/* Graphics memory (mvgpu_gm.c)                                        */
/* ------------------------------------------------------------------ */

/**
 * struct mvgpu_gm_binding - an object's place in graphics memory
 * @node: its range in the slices (allocated when @node.allocated)
 * @pin: users that need it to stay (scanout, rings); 0: evictable
 * @lru: in mvgpu_device.gm_lru while bound, most recently used last
 */
struct mvgpu_gm_binding {
	struct drm_mm_node node;
	unsigned int pin;
	struct list_head lru;
};

int mvgpu_drm_gm_init(struct mvgpu_device *mdev);
void mvgpu_drm_gm_fini(struct mvgpu_device *mdev);
int mvgpu_drm_gm_pin(struct mvgpu_device *mdev, struct drm_gem_shmem_object *shmem,
		     u64 *gm);
void mvgpu_drm_gm_unpin(struct mvgpu_device *mdev,
			struct drm_gem_shmem_object *shmem);
void mvgpu_drm_gm_release(struct mvgpu_device *mdev,
			  struct drm_gem_shmem_object *shmem);

/* ------------------------------------------------------------------ */
/* Address spaces (mvgpu_vm.c)                                         */
/* ------------------------------------------------------------------ */

/**
 * struct mvgpu_pt - one page-table page of an address space
 * @page: the page (guest RAM)
 * @dma: its bus address, what the parent entry (or PML4) names
 * @entries: CPU view of its 512 entries
 * @child: the next level's tables (NULL in a PT)
 */
struct mvgpu_pt {
	struct page *page;
	dma_addr_t dma;
	__le64 *entries;
	struct mvgpu_pt **child;
};

/**
 * struct mvgpu_vm - a file's address space
 * @mdev: the device
 * @ref: the file and each job hold one
 * @lock: protects @mm, @root and @gen
 * @mm: addresses of buffers, in [MVGPU_VA_USER_START, MVGPU_VA_USER_END)
 * @root: the PML4
 * @gen: bumped at each change of the tables
 * @scratch: per level, the entry naming nothing: [0] the scratch page,
 *	[1] the scratch PT, [2] the scratch PD, [3] the scratch PDP
 * @scratch_page: the space's scratch page
 * @scratch_dma: its bus address
 * @scratch_pt: the scratch tables, [0] PT to [2] PDP
 * @batch_va: the window of the batch slots (one per engine), above
 *	MVGPU_VA_USER_END
 * @batch: the batch slots' pages, MVGPU_DRM_MAX_BATCH each, mapped at
 *	@batch_va + engine * MVGPU_DRM_MAX_BATCH
 * @batch_vaddr: their kernel mapping
 * @busy: the finished fence of the last job pushed on each engine
 * @submitted_gen: @gen when the last submission that invalidated the
 *	translations was written to a ring (~0: none yet)
 * @faults: jobs of this file that failed
 * @last_error: MVGPU_ERR_* of the last of them
 */
struct mvgpu_vm {
	struct mvgpu_device *mdev;
	struct kref ref;
	struct mutex lock; /* mm, root, gen, busy, submitted_gen */
	struct drm_mm mm;
	struct mvgpu_pt *root;
	u64 gen;
	u64 scratch[MVGPU_PPGTT_LEVELS];
	struct page *scratch_page;
	dma_addr_t scratch_dma;
	struct mvgpu_pt *scratch_pt[MVGPU_PPGTT_LEVELS - 1];
	u64 batch_va;
	struct page **batch;
	void *batch_vaddr;
	struct dma_fence *busy[MVGPU_NUM_ENGINES];
	u64 submitted_gen;
	atomic_t faults;
	atomic_t last_error;
};

/**
 * struct mvgpu_vma - an object's range in one address space
 * @node: the range
 * @vm: the space (holds a reference)
 * @link: in mvgpu_bo.vmas
 */
struct mvgpu_vma {
	struct drm_mm_node node;
	struct mvgpu_vm *vm;
	struct list_head link;
};

struct mvgpu_vm *mvgpu_drm_vm_create(struct mvgpu_device *mdev);
struct mvgpu_vm *mvgpu_drm_vm_get(struct mvgpu_vm *vm);
void mvgpu_drm_vm_put(struct mvgpu_vm *vm);
int mvgpu_drm_vm_map(struct mvgpu_vm *vm, struct sg_table *sgt, u64 size,
		     struct mvgpu_vma *vma);
void mvgpu_drm_vm_unmap(struct mvgpu_vma *vma);
u64 mvgpu_drm_vm_root(struct mvgpu_vm *vm);
bool mvgpu_drm_vm_needs_invalidate(struct mvgpu_vm *vm);
void mvgpu_drm_vm_set_busy(struct mvgpu_vm *vm, unsigned int engine,
			   struct dma_fence *fence);
int mvgpu_drm_vm_walk(struct mvgpu_vm *vm, u64 va, u64 *pte);

/* ------------------------------------------------------------------ */
/* GEM objects (mvgpu_gem.c)                                           */
/* ------------------------------------------------------------------ */

/**
 * struct mvgpu_bo - a buffer object
 * @base: the shmem object
 * @gm: its graphics-memory binding (scanout, rings)
 * @vmas_lock: protects @vmas
 * @vmas: its ranges in address spaces, one per file that has a handle
 */
struct mvgpu_bo {
	struct drm_gem_shmem_object base;
	struct mvgpu_gm_binding gm;
	struct mutex vmas_lock; /* vmas */
	struct list_head vmas;
};

static inline struct mvgpu_bo *to_mvgpu_bo(struct drm_gem_object *obj)
{
	return container_of(to_drm_gem_shmem_obj(obj), struct mvgpu_bo, base);
}

struct drm_gem_object *mvgpu_drm_gem_create_object(struct drm_device *drm,
						   size_t size);
struct mvgpu_bo *mvgpu_drm_bo_create_kernel(struct mvgpu_device *mdev,
					    size_t size);
u64 mvgpu_drm_bo_va(struct mvgpu_bo *bo, struct mvgpu_vm *vm);
int mvgpu_drm_ioctl_gem_create(struct drm_device *drm, void *data,
			       struct drm_file *file);
int mvgpu_drm_ioctl_gem_info(struct drm_device *drm, void *data,
			     struct drm_file *file);
int mvgpu_drm_ioctl_gem_wait(struct drm_device *drm, void *data,
			     struct drm_file *file);

/* ------------------------------------------------------------------ */
/* Batch validation (mvgpu_cmd.c)                                      */
/* ------------------------------------------------------------------ */

/**
 * struct mvgpu_cmd_error - why a batch was refused
 * @offset: byte offset of the offending command
 * @what: a short reason, for the log
 */
struct mvgpu_cmd_error {
	u32 offset;
	const char *what;
};

int mvgpu_drm_cmd_validate(const u32 *cmds, u32 len, unsigned int engine,
			   u64 write_limit, struct mvgpu_cmd_error *err);

/* ------------------------------------------------------------------ */
/* Engines and jobs (mvgpu_engine.c, mvgpu_job.c)                      */
/* ------------------------------------------------------------------ */

/**
 * struct mvgpu_fence - a job's hardware fence
 * @base: the fence, signalled when the engine's seqno passes @seqno
 * @seqno: the value the job's breadcrumb writes
 * @vm: the job's address space, told when the job fails (the job holds
 *	it until after the fence signals)
 */
struct mvgpu_fence {
	struct dma_fence base;
	u32 seqno;
	struct mvgpu_vm *vm;
};

/**
 * struct mvgpu_engine - one engine of the vGPU
 * @mdev: the device
 * @id: MVGPU_ENGINE_*
 * @base: its register base (MVGPU_RING_BASE())
 * @name: "rcs" or "bcs"
 * @present: the vGPU has it (PV info MVGPU_PV_ENGINES)
 * @ring: the ring object, pinned in graphics memory at @ring_gm
 * @ring_vaddr: its kernel mapping
 * @ring_gm: its graphics address
 * @tail: where the next command goes (bytes)
 * @hws: the status page, pinned at @hws_gm
 * @hws_vaddr: its kernel mapping
 * @hws_gm: its graphics address
 * @fence_lock: the fences' lock
 * @fence_context: the fences' context
 * @next_seqno: the seqno the next job gets
 * @completed: the last seqno the breadcrumbs showed
 * @active: the fence of the job on the engine (NULL when idle)
 * @sched: the job scheduler
 * @error_work: handles an ERROR interrupt: reset, fail the job
 * @error_pending: set by the interrupt handler for @error_work
 * @ring_lock: serializes the ring (run_job, reset)
 */
struct mvgpu_engine {
	struct mvgpu_device *mdev;
	unsigned int id;
	u32 base;
	const char *name;
	bool present;
	struct mvgpu_bo *ring;
	u32 *ring_vaddr;
	u64 ring_gm;
	u32 tail;
	struct mvgpu_bo *hws;
	u32 *hws_vaddr;
	u64 hws_gm;
	spinlock_t fence_lock; /* the fences, active, completed */
	u64 fence_context;
	u32 next_seqno;
	u32 completed;
	struct mvgpu_fence *active;
	struct drm_gpu_scheduler sched;
	struct work_struct error_work;
	atomic_t error_pending;
	struct mutex ring_lock; /* the ring, tail, next_seqno */
};

/* Breadcrumb dword in the status page. */
#define MVGPU_DRM_HWS_SEQNO	MVGPU_HWS_SCRATCH

int mvgpu_drm_engines_init(struct mvgpu_device *mdev);
void mvgpu_drm_engines_fini(struct mvgpu_device *mdev);
struct dma_fence *mvgpu_drm_engine_run(struct mvgpu_engine *eng,
				       struct mvgpu_vm *vm, const u32 *batch,
				   u32 len);
void mvgpu_drm_engine_irq(struct mvgpu_engine *eng, u32 iir);
void mvgpu_drm_engine_recover(struct mvgpu_engine *eng, int error, u32 code);

int mvgpu_drm_sched_init(struct mvgpu_device *mdev);
void mvgpu_drm_sched_fini(struct mvgpu_device *mdev);
int mvgpu_drm_ioctl_submit(struct drm_device *drm, void *data,
			   struct drm_file *file);

/* ------------------------------------------------------------------ */
/* Display (mvgpu_kms.c)                                               */
/* ------------------------------------------------------------------ */

int mvgpu_drm_kms_init(struct mvgpu_device *mdev);
void mvgpu_drm_kms_fini(struct mvgpu_device *mdev);
void mvgpu_drm_kms_irq_pipe(struct mvgpu_device *mdev, u32 iir);
void mvgpu_drm_kms_irq_port(struct mvgpu_device *mdev, u32 iir);
int mvgpu_drm_plane_format(u32 fourcc);
int mvgpu_drm_primary_check_fb(u32 fourcc, u32 width, u32 height, u32 pitch,
			       u64 offset);
int mvgpu_drm_cursor_check_fb(u32 fourcc, u32 width, u32 height, u32 pitch);

struct drm_file;
struct drm_mode_create_dumb;
/* The drm_driver's .dumb_create: pitch aligned for the primary plane. */
int mvgpu_drm_dumb_create(struct drm_file *file, struct drm_device *drm,
			  struct drm_mode_create_dumb *args);

/* ------------------------------------------------------------------ */
/* The device                                                          */
/* ------------------------------------------------------------------ */

/**
 * struct mvgpu_file - what each open DRM file has
 * @vm: its address space
 * @entity: its scheduler entity on each engine
 */
struct mvgpu_file {
	struct mvgpu_vm *vm;
	struct drm_sched_entity entity[MVGPU_NUM_ENGINES];
};

/**
 * struct mvgpu_device - a vGPU
 * @drm: the DRM device
 * @pdev: the PCI function
 * @mmio: BAR0 (registers, PV info page, GTT)
 * @vgpu_id: from the PV info page
 * @pv_version: major << 16 | minor
 * @pv_caps: MVGPU_PV_CAP_*
 * @engine_mask: MVGPU_PV_ENGINES
 * @ap_base: the mappable slice of graphics memory
 * @ap_size: its size
 * @hid_base: the hidden slice
 * @hid_size: its size
 * @gm_lock: protects @gm_mm, @gm_lru and every mvgpu_gm_binding
 * @gm_mm: graphics memory, both slices (the gap between is reserved)
 * @gm_gap: the reserved gap
 * @gm_lru: bound objects, least recently used first
 * @gm_evictions: bindings evicted to make room
 * @engine: the engines
 * @resets: engine resets since probe
 * @irq_lock: protects the interrupt mask registers
 * @crtc: the one pipe
 * @primary: its primary plane
 * @cursor: its cursor plane
 * @encoder: the encoder
 * @connector: the connector (DP A)
 * @flip_event: the event the next flip-done completes (under event_lock)
 * @vblank_on: vblank interrupts wanted
 * @hotplug_work: probes the connector after a hotplug interrupt
 * @max_width: largest mode width (vendor capability), display block
 * @max_height: largest mode height (vendor capability)
 * @flip_vblank_ref: @flip_event holds a vblank reference (under event_lock)
 */
struct mvgpu_device {
	struct drm_device drm;
	struct pci_dev *pdev;
	void __iomem *mmio;

	u32 vgpu_id;
	u32 pv_version;
	u32 pv_caps;
	u32 engine_mask;
	u64 ap_base, ap_size, hid_base, hid_size;

	struct mutex gm_lock; /* gm_mm, gm_lru, the bindings */
	struct drm_mm gm_mm;
	struct drm_mm_node gm_gap;
	struct list_head gm_lru;
	unsigned long gm_evictions;

	struct mvgpu_engine engine[MVGPU_NUM_ENGINES];
	atomic_t resets;

	spinlock_t irq_lock; /* the IMR and IER registers */
	struct drm_crtc crtc;
	struct drm_plane primary;
	struct drm_plane cursor;
	struct drm_encoder encoder;
	struct drm_connector connector;
	struct drm_pending_vblank_event *flip_event;
	bool vblank_on;
	struct work_struct hotplug_work;

	/* Display (mvgpu_kms.c) */
	u32 max_width, max_height;
	bool flip_vblank_ref;
};

static inline struct mvgpu_device *to_mvgpu(struct drm_device *drm)
{
	return container_of(drm, struct mvgpu_device, drm);
}

static inline u32 mvgpu_rd(struct mvgpu_device *mdev, u32 reg)
{
	return readl(mdev->mmio + reg);
}

static inline void mvgpu_wr(struct mvgpu_device *mdev, u32 reg, u32 val)
{
	writel(val, mdev->mmio + reg);
}

static inline u32 mvgpu_pv_rd(struct mvgpu_device *mdev, u32 off)
{
	return readl(mdev->mmio + MVGPU_PVINFO_OFFSET + off);
}

static inline u64 mvgpu_pv_rd64(struct mvgpu_device *mdev, u32 off)
{
	return mvgpu_pv_rd(mdev, off) |
	       (u64)mvgpu_pv_rd(mdev, off + 4) << 32;
}

/* mvgpu_pv.c */
int mvgpu_drm_pv_init(struct mvgpu_device *mdev);
void mvgpu_drm_pv_engine_error(struct mvgpu_device *mdev, unsigned int engine,
			       u32 *code, u32 *offset);
const char *mvgpu_drm_err_name(u32 code);

/* mvgpu_irq.c */
int mvgpu_drm_irq_init(struct mvgpu_device *mdev);
void mvgpu_drm_irq_fini(struct mvgpu_device *mdev);
void mvgpu_drm_irq_mask(struct mvgpu_device *mdev, u32 bank, u32 bits, bool on);
void mvgpu_drm_irq_de_pipe_mask(struct mvgpu_device *mdev, u32 bits, bool on);

/* Log helpers naming the vGPU. */
#define mvgpu_err(mdev, fmt, ...) ({					\
	struct mvgpu_device *__m = (mdev);				\
	drm_err(&__m->drm, "vgpu%u: " fmt, __m->vgpu_id, ##__VA_ARGS__);	\
})
#define mvgpu_err_ratelimited(mdev, fmt, ...) ({			\
	struct mvgpu_device *__m = (mdev);				\
	drm_err_ratelimited(&__m->drm, "vgpu%u: " fmt, __m->vgpu_id,	\
			    ##__VA_ARGS__);				\
})
#define mvgpu_dbg(mdev, fmt, ...) ({					\
	struct mvgpu_device *__m = (mdev);				\
	drm_dbg_driver(&__m->drm, "vgpu%u: " fmt, __m->vgpu_id,	\
		       ##__VA_ARGS__);					\
})

#endif /* _MVGPU_DRV_H_ */
