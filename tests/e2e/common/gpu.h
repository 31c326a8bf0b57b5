/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gpu.h - a small "guest driver" for the mvgpu engine tests and the demo.
 *
 * It drives a vGPU's engines the way a guest kernel driver would, from
 * userspace through VFIO (include/uapi/linux/mvgpu.h is the spec):
 *
 *  - gpu_open() / gpu_attach(): read the PV info page first (magic,
 *    version, vGPU id, the aperture and hidden slices);
 *  - gpu_mem_init(): guest memory, DMA-mapped at an IOVA, and GTT entries
 *    of the vGPU's slice pointing at it page by page, so that graphics
 *    address gm_base + x reaches byte x of the buffer (gpu_va(), gpu_gm());
 *    gpu_alloc() hands out pieces of it;
 *  - gpu_irq_init(): an MSI eventfd, GT0 IMR/IER for both engines' user
 *    interrupt, context switch and error bits, the master control;
 *    gpu_irq_poll() is the interrupt handler (master off, read IIR, clear
 *    it, master on) and accumulates what it saw in gpu.irq_seen;
 *  - gpu_ring_init(): a ring (4 KiB by default) and a status page per
 *    engine: START, HWS_PGA, HEAD = TAIL = 0, CTL = VALID | (pages - 1);
 *  - struct gpu_cs and the cs_*() builders: commands in any CPU buffer
 *    (ring staging, batch buffers in guest memory);
 *  - gpu_ring_emit() copies commands into the ring (wrapping), padded with
 *    MI_NOOP to a qword; gpu_ring_kick() writes TAIL; gpu_submit() does
 *    both; gpu_wait() waits for the engine's context switch (or error)
 *    with HEAD at the wanted TAIL;
 *  - gpu_engine_reset(): GDRST of one engine, waiting for the bit to clear;
 *  - struct gpu_ppgtt and gpu_ppgtt_*(): per-process address spaces
 *    (PPGTT) built in guest memory, four levels of tables from gpu_alloc()
 *    whose entries name guest physical addresses (the IOVA of the guest
 *    memory, gpu_iova()); gpu_tlb_invalidate() and the cs_*() builders
 *    that load a root (cs_lri_pml4()), start a PPGTT batch and invalidate
 *    the translations from a command stream;
 *  - gpu_release(): VFIO reset (quiesces the engines and drops every GTT
 *    entry and pin) before the DMA unmap, then frees everything.
 *
 * Nothing above prints or exits: functions return 0 or -errno and leave a
 * message in gpu.err.  The library is single-threaded per struct gpu.
 *
 * At the end, rep_*(): TAP reporting for tests that drive vGPUs from
 * forked processes (a child records its points in a file, the parent
 * replays them).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef MVGPU_E2E_GPU_H
#define MVGPU_E2E_GPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/mvgpu.h>

#include "mvgpu_vfio.h"

#define GPU_PAGE		4096u
#define GPU_RING_SIZE		4096u	/* default ring size */

/* Command parser limits (drivers/gpu/mvgpu/core/cmd_parser.h). */
#define GPU_CMD_MAX_BATCH	(256u << 10)
#define GPU_CMD_MAX_BATCHES	16u

/* All GT0 bits of engine @e. */
#define GPU_GT0_BITS(e)		(MVGPU_GT0_USER_INTERRUPT(e) | \
				 MVGPU_GT0_ERROR(e) | MVGPU_GT0_CTX_SWITCH(e))

/* A command stream being built in a CPU buffer. */
struct gpu_cs {
	uint32_t *buf;
	uint64_t gm;		/* graphics address of buf[0] (0: none) */
	uint32_t n;		/* dwords written */
	uint32_t max;		/* capacity in dwords */
	bool overflow;		/* a builder ran out of room */
};

struct gpu_ring {
	unsigned int engine;
	uint32_t base;		/* MVGPU_RING_BASE(engine) */
	uint64_t gm;		/* ring start */
	uint32_t *va;		/* CPU view of the ring */
	uint32_t size;		/* bytes */
	uint32_t tail;		/* where the next command goes */
	uint32_t kicked;	/* last TAIL written */
	uint64_t hws_gm;	/* status page */
	volatile uint32_t *hws;
};

struct gpu {
	struct mvgpu_dev dev;
	struct mvgpu_dev *d;	/* &dev, or the attached caller's device */
	bool own_dev;
	char uuid[MVGPU_UUID_LEN + 1];

	/* from the PV info page */
	uint32_t vgpu_id;
	uint32_t pv_version;
	uint64_t ap_base, ap_size, hid_base, hid_size;

	/* guest memory: gm_base + x is byte x of mem */
	uint8_t *mem;
	size_t mem_size;
	uint64_t iova;
	uint64_t gm_base;
	bool dma_mapped;
	bool own_mem;		/* gpu_mem_init() allocated mem */
	size_t brk;		/* gpu_alloc() cursor */

	/* interrupts */
	int efd;
	uint32_t irq_seen;	/* GT0 IIR bits seen by gpu_irq_poll() */
	uint64_t msi_count;	/* MSI eventfd signals consumed */
	uint64_t irq_handled;	/* handler runs that found IIR bits */

	struct gpu_ring ring[MVGPU_NUM_ENGINES];
	char err[256];
};

/* ---- device ------------------------------------------------------- */

/* Open @uuid through @path and read the PV info page (gpu_attach()). */
int gpu_open(struct gpu *g, const char *uuid, enum mvgpu_vfio_path path);

/*
 * Use an already open device: read and check the PV info page (magic,
 * major version) and the slices.  @g is zeroed first.
 */
int gpu_attach(struct gpu *g, struct mvgpu_dev *dev);

/*
 * Undo everything: interrupts off, VFIO reset (the engines quiesce, the
 * GTT entries and pins go), DMA unmap, free the memory, close the device
 * if gpu_open() opened it.  Safe on a partly set up @g.
 */
void gpu_release(struct gpu *g);

/* Register access; a failure is recorded in g->err (reads give 0). */
uint32_t gpu_rd(struct gpu *g, uint32_t off);
uint64_t gpu_rd64(struct gpu *g, uint32_t off);
int gpu_wr(struct gpu *g, uint32_t off, uint32_t val);

/* Whether [@gm, @gm + @len) lies in the aperture or the hidden slice. */
bool gpu_in_slices(const struct gpu *g, uint64_t gm, uint64_t len);

/*
 * The usual guest setup in one call: gpu_open() of @uuid (auto path),
 * @mem_size bytes of guest memory at the start of the hidden slice,
 * DMA-mapped at @iova, interrupts, then a 4 KiB ring and a status page
 * (from gpu_alloc()) for each engine whose bit is set in @engines.
 */
int gpu_setup(struct gpu *g, const char *uuid, size_t mem_size,
	      uint64_t iova, unsigned int engines);

/* ---- memory ------------------------------------------------------- */

/*
 * Allocate @size bytes (page multiple) of guest memory, DMA-map them at
 * @iova and point the GTT entries of [@gm_base, @gm_base + @size) at them,
 * page by page.  @gm_base must lie in one of the slices.
 */
int gpu_mem_init(struct gpu *g, uint64_t gm_base, size_t size, uint64_t iova);

/*
 * The same with caller-provided memory @buf (page aligned, e.g. a shared
 * mapping another process inspects); gpu_release() does not free it.
 */
int gpu_mem_init_buf(struct gpu *g, uint64_t gm_base, void *buf, size_t size,
		     uint64_t iova);

/* Write the GTT entry of graphics page @gm (any address in the page). */
int gpu_gtt_set(struct gpu *g, uint64_t gm, uint64_t pte);

/* The PTE naming byte @off of the guest memory's page. */
uint64_t gpu_mem_pte(const struct gpu *g, size_t off);

/* CPU address of graphics address @gm inside the guest memory, or NULL. */
void *gpu_va(const struct gpu *g, uint64_t gm);

/* Graphics address of @p inside the guest memory. */
uint64_t gpu_gm(const struct gpu *g, const void *p);

/*
 * @size bytes of guest memory, aligned to @align (a power of two, 0:
 * page), zeroed.  Returns the graphics address, or 0 when memory ran out
 * (0 is never in a vGPU's slices).
 */
uint64_t gpu_alloc(struct gpu *g, size_t size, size_t align);

/* ---- interrupts --------------------------------------------------- */

/* MSI eventfd, GT0 IMR/IER for both engines, master control on. */
int gpu_irq_init(struct gpu *g);

/*
 * Wait up to @timeout_ms for the MSI eventfd, then run the handler:
 * master off, read GT0 IIR, clear what was read, master on.  The bits
 * are added to g->irq_seen.  Returns the IIR bits read (0 if none).
 */
uint32_t gpu_irq_poll(struct gpu *g, int timeout_ms);

/*
 * Handle interrupts until one of @bits has been seen or @timeout_ms
 * passed.  Returns the bits of @bits seen (still in g->irq_seen).
 */
uint32_t gpu_irq_wait(struct gpu *g, uint32_t bits, int timeout_ms);

/* Take @bits out of g->irq_seen; returns those that were set. */
uint32_t gpu_irq_take(struct gpu *g, uint32_t bits);

/* ---- rings ------------------------------------------------------- */

/*
 * Set up engine @e's ring at @ring_gm (@size bytes, a 4 KiB multiple) and
 * its status page at @hws_gm (both in guest memory, which is cleared):
 * START, HWS_PGA, HEAD = 0, TAIL = 0, CTL = VALID | (pages - 1) << 12.
 */
int gpu_ring_init(struct gpu *g, unsigned int e, uint64_t ring_gm,
		  uint32_t size, uint64_t hws_gm);

/*
 * Program the ring registers again after an engine reset (GDRST): the
 * software tail restarts at 0.
 */
int gpu_ring_restart(struct gpu *g, unsigned int e);

/* HEAD as the engine reports it. */
uint32_t gpu_ring_head(struct gpu *g, unsigned int e);

/*
 * Copy @cs (padded with MI_NOOP to a qword) into the ring at the software
 * tail, wrapping at the end of the ring.  Returns -ENOSPC if it does not
 * fit between the tail and HEAD.  Does not write TAIL.
 */
int gpu_ring_emit(struct gpu *g, unsigned int e, struct gpu_cs *cs);

/* Copy raw dwords into the ring (no padding, no TAIL write). */
int gpu_ring_emit_raw(struct gpu *g, unsigned int e, const uint32_t *dw,
		      uint32_t n);

/* Write TAIL = the software tail.  Returns the TAIL written. */
uint32_t gpu_ring_kick(struct gpu *g, unsigned int e);

/* gpu_ring_emit() + gpu_ring_kick(); *@tail gets the TAIL written. */
int gpu_submit(struct gpu *g, unsigned int e, struct gpu_cs *cs,
	       uint32_t *tail);

/*
 * Wait until engine @e completed up to @tail: the handler saw its
 * CTX_SWITCH and HEAD reads @tail.  *@bits (may be NULL) gets engine @e's
 * GT0 bits seen meanwhile, which are taken out of g->irq_seen.  Returns
 * 0, -EIO when the engine raised ERROR, -ETIMEDOUT.
 */
int gpu_wait(struct gpu *g, unsigned int e, uint32_t tail, int timeout_ms,
	     uint32_t *bits);

/* PV error report of engine @e. */
void gpu_engine_error(struct gpu *g, unsigned int e, uint32_t *code,
		      uint32_t *offset, uint64_t *buf);

/*
 * GDRST engine @e and wait (up to @timeout_ms) for its bit to read 0.
 * The ring must be restarted afterwards (gpu_ring_restart()).
 */
int gpu_engine_reset(struct gpu *g, unsigned int e, int timeout_ms);

/* 64-bit engine timestamp (hi, lo, hi until stable). */
uint64_t gpu_timestamp(struct gpu *g, unsigned int e);

/* Short name of an MVGPU_ERR_* code. */
const char *gpu_err_name(uint32_t code);

/* ---- command builders ------------------------------------------- */

void cs_init(struct gpu_cs *cs, void *buf, uint64_t gm, size_t bytes);
/* A stream in guest memory at graphics address @gm (@bytes long). */
void cs_init_gm(struct gpu_cs *cs, struct gpu *g, uint64_t gm, size_t bytes);
/* Bytes written so far. */
static inline uint32_t cs_bytes(const struct gpu_cs *cs)
{
	return cs->n * 4;
}
/* Graphics address of the next dword. */
static inline uint64_t cs_next_gm(const struct gpu_cs *cs)
{
	return cs->gm + cs_bytes(cs);
}

void cs_dw(struct gpu_cs *cs, uint32_t dw);
void cs_noop(struct gpu_cs *cs);
void cs_pad_qword(struct gpu_cs *cs);
void cs_user_interrupt(struct gpu_cs *cs);
void cs_bb_end(struct gpu_cs *cs);
/* MI_BATCH_BUFFER_START; @flags: MVGPU_BB_SECOND_LEVEL, MVGPU_BB_PPGTT. */
void cs_bb_start(struct gpu_cs *cs, uint64_t gm, uint32_t flags);
/* MI_STORE_DATA_IMM (GGTT): a dword or a qword. */
void cs_sdi32(struct gpu_cs *cs, uint64_t gm, uint32_t val);
void cs_sdi64(struct gpu_cs *cs, uint64_t gm, uint64_t val);
/* MI_LOAD_REGISTER_IMM of one register. */
void cs_lri(struct gpu_cs *cs, uint32_t reg, uint32_t val);
/* PIPE_CONTROL with a post-sync qword write (RCS). */
void cs_pipe_control_store(struct gpu_cs *cs, uint64_t gm, uint64_t val);
/* MI_FLUSH_DW with a post-sync dword or qword store (BCS). */
void cs_flush_dw_store32(struct gpu_cs *cs, uint64_t gm, uint32_t val);
void cs_flush_dw_store64(struct gpu_cs *cs, uint64_t gm, uint64_t val);
/* XY_COLOR_BLT of [x1, x2) x [y1, y2) at 32 bpp (BCS). */
void cs_color_blt(struct gpu_cs *cs, uint64_t dst, uint32_t pitch,
		  uint32_t x1, uint32_t y1, uint32_t x2, uint32_t y2,
		  uint32_t color);
/* XY_SRC_COPY_BLT: [x1, x2) x [y1, y2) of dst from (sx, sy) of src. */
void cs_copy_blt(struct gpu_cs *cs, uint64_t dst, uint32_t dpitch,
		 uint32_t x1, uint32_t y1, uint32_t x2, uint32_t y2,
		 uint64_t src, uint32_t spitch, uint32_t sx, uint32_t sy);
/* MVGPU_COMPUTE (RCS). */
void cs_compute(struct gpu_cs *cs, uint32_t kernel, uint32_t count,
		uint64_t a, uint64_t b, uint64_t dst, uint32_t scalar);

/*
 * MI_STORE_DATA_IMM, PIPE_CONTROL and MI_FLUSH_DW stores without their
 * GGTT bit: @va is an address of the per-process space of the PPGTT batch
 * they are in (the parser refuses them anywhere else).
 */
void cs_sdi32_ppgtt(struct gpu_cs *cs, uint64_t va, uint32_t val);
void cs_sdi64_ppgtt(struct gpu_cs *cs, uint64_t va, uint64_t val);
void cs_pipe_control_store_ppgtt(struct gpu_cs *cs, uint64_t va, uint64_t val);
void cs_flush_dw_store32_ppgtt(struct gpu_cs *cs, uint64_t va, uint32_t val);

/* ---- per-process GTT (PPGTT) ------------------------------------- */

/*
 * A per-process address space (include/uapi/linux/mvgpu.h, "Per-process
 * graphics translation tables"): the PML4 and every table below it are
 * pages of the guest memory (gpu_alloc()), their entries name guest
 * physical addresses, i.e. the IOVA at which the guest memory is
 * DMA-mapped.  The engines see a change of the tables only after a TLB
 * invalidation: gpu_tlb_invalidate(), or cs_flush_dw_invalidate() (BCS)
 * / cs_pipe_control_invalidate() (RCS) in the submission.
 */
struct gpu_ppgtt {
	struct gpu *g;
	uint64_t root;		/* guest physical address of the PML4 */
	uint64_t *pml4;		/* its CPU view */
	unsigned int tables;	/* table pages allocated, the PML4 included */
};

/* What the builder writes in an entry besides the address: present, RW. */
#define GPU_PPGTT_FLAGS		(MVGPU_PPGTT_PTE_PRESENT | 0x2ull)
/* gpu_ppgtt_lookup() of an address that maps no guest memory. */
#define GPU_PPGTT_NONE		(~0ull)

/* Guest physical address of graphics address @gm (0: not guest memory). */
uint64_t gpu_iova(const struct gpu *g, uint64_t gm);

/* CPU address of guest physical address @pa in the guest memory, or NULL. */
void *gpu_pa_va(const struct gpu *g, uint64_t pa);

/* A new, empty address space: a zeroed PML4 page from gpu_alloc(). */
int gpu_ppgtt_init(struct gpu *g, struct gpu_ppgtt *as);

/*
 * CPU address of the entry of @level (1: PT ... 4: PML4) that translates
 * @va, walking the guest's tables.  With @alloc, missing tables above
 * @level are allocated (zeroed) and linked in; without, a missing one is
 * an error.  NULL (and a message in g->err) on error, also when an entry
 * on the way names something that is not a table in the guest memory.
 */
uint64_t *gpu_ppgtt_entry(struct gpu_ppgtt *as, uint64_t va,
			  unsigned int level, bool alloc);

/*
 * Write @entry (raw: any bits) into the entry of @level for @va, tables
 * above allocated on demand; *@old (may be NULL) gets the previous value.
 */
int gpu_ppgtt_set(struct gpu_ppgtt *as, uint64_t va, unsigned int level,
		  uint64_t entry, uint64_t *old);

/*
 * Map [@va, @va + @size) to the guest memory at graphics address @gm,
 * page by page (both 4 KiB aligned, @size a page multiple).
 */
int gpu_ppgtt_map(struct gpu_ppgtt *as, uint64_t va, uint64_t gm,
		  uint64_t size);

/* Map the page at @va to guest physical address @pa (any, page aligned). */
int gpu_ppgtt_map_pa(struct gpu_ppgtt *as, uint64_t va, uint64_t pa);

/* Point the page at @va at the guest memory page @gm (one page). */
int gpu_ppgtt_remap(struct gpu_ppgtt *as, uint64_t va, uint64_t gm);

/* Clear the PT entries of [@va, @va + @size) (absent tables: nothing). */
int gpu_ppgtt_unmap(struct gpu_ppgtt *as, uint64_t va, uint64_t size);

/*
 * The guest physical address @va translates to through the guest's
 * tables as they are now (not what the engines may still cache), or
 * GPU_PPGTT_NONE when an entry on the way is not present or not valid
 * (a bit outside 0, 1, 3, 4 and the address), or a table is not in the
 * guest memory.
 */
uint64_t gpu_ppgtt_lookup(const struct gpu_ppgtt *as, uint64_t va);

/* CPU address of @va (gpu_ppgtt_lookup()) in the guest memory, or NULL. */
void *gpu_ppgtt_va(const struct gpu_ppgtt *as, uint64_t va);

/*
 * Copy @len bytes between @buf and [@va, @va + @len) through the guest's
 * tables, page by page; -EFAULT if a page is not mapped to guest memory.
 */
int gpu_ppgtt_read(const struct gpu_ppgtt *as, uint64_t va, void *buf,
		   size_t len);
int gpu_ppgtt_write(struct gpu_ppgtt *as, uint64_t va, const void *buf,
		    size_t len);

/*
 * Load @root into engine @e's PML4 register by MMIO (UDW, then LDW): the
 * address space of the PPGTT batches the engine starts from then on.
 */
int gpu_pml4_set(struct gpu *g, unsigned int e, uint64_t root);

/* PML4 register of engine @e as it reads. */
uint64_t gpu_pml4_get(struct gpu *g, unsigned int e);

/*
 * Invalidate the vGPU's translations (TLB_INV = MVGPU_TLB_INV_ALL) and
 * wait up to 2 s for the bit to read 0.
 */
int gpu_tlb_invalidate(struct gpu *g);

/* MI_LOAD_REGISTER_IMM of engine @e's PML4 (UDW, LDW) with @root. */
void cs_lri_pml4(struct gpu_cs *cs, unsigned int e, uint64_t root);
/* MI_BATCH_BUFFER_START | MVGPU_BB_PPGTT of the batch at @va. */
void cs_bb_start_ppgtt(struct gpu_cs *cs, uint64_t va);
/* MI_FLUSH_DW invalidating the TLBs, no post-sync operation (BCS). */
void cs_flush_dw_invalidate(struct gpu_cs *cs);
/* PIPE_CONTROL invalidating the TLBs, no post-sync operation (RCS). */
void cs_pipe_control_invalidate(struct gpu_cs *cs);

/* ---- CPU references --------------------------------------------- */

/* FNV-1a 32 of @len bytes, as MVGPU_KERNEL_CHECKSUM computes it. */
uint32_t gpu_fnv1a(const void *p, size_t len);

/* dst[i] = scalar * a[i] + b[i], u32 wrapping (little-endian host). */
void gpu_saxpy_ref(uint32_t *dst, const uint32_t *a, const uint32_t *b,
		   uint32_t count, uint32_t scalar);

/* ---- test reporting from forked processes ------------------------ */

/*
 * Only the process that called tap_init() may print TAP.  A forked test
 * process calls rep_init() with a file (e.g. tmpfile() made before the
 * fork): its points go there, and the parent replays them with
 * rep_replay() once the child is done.  Without a file (the default) the
 * points are reported directly.  Every name and diagnostic is prefixed
 * with "@tag: " when a tag is set.
 */
void rep_init(FILE *f, const char *tag);
FILE *rep_file(void);
bool rep_ok(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool rep_eq(uint64_t got, uint64_t want, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void rep_skip(const char *reason, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void rep_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void rep_replay(FILE *f);

#endif /* MVGPU_E2E_GPU_H */
