// SPDX-License-Identifier: GPL-2.0
/*
 * vfio_fuzz - a structured random driver of the vGPUs' VFIO devices and
 * sysfs, from several processes at once, with health checks in between.
 *
 * Usage: vfio_fuzz [--seed N|random] [--time S] [--ops N] [--procs N]
 *                  [--phases N] [--only-child I] [--known-bugs LIST|all]
 *                  [--log DIR] [--verbose]
 * Without options it is the short run of "make check" (fixed seed, 60 s).
 *
 * Setup: a second software pGPU is created next to $MVGPU_PGPU, a canary
 * vGPU (V1_8) on each, and a pool of vGPUs to fuzz.  Then each phase:
 *  - one canary process per canary vGPU opens it and runs a known workload
 *    (SAXPY, a store, a fill blit, a flush store) in a loop, checking every
 *    result byte for byte;
 *  - --procs fuzz processes (fork) each draw operations from their own
 *    random stream: child I of phase P uses seed + P * 1000 + I, and every
 *    operation consumes exactly OP_WORDS words of it, so a child's stream
 *    replays from its seed (exactly so with --procs 1 or --only-child);
 *  - the operations: open and close (group and cdev path) of any vGPU,
 *    the canaries included (refused: they are open); VFIO_DEVICE_SET_IRQS
 *    with every index/flag/start/count combination, bogus eventfds, short
 *    and huge argsz; GET_REGION_INFO of every index with short, exact and
 *    huge argsz and its capability chain; GET_IRQ_INFO; GET_INFO; other
 *    device ioctls; pread/pwrite of any size at any offset of every region
 *    index (past the end, past 4 GiB, across index boundaries, bad
 *    buffers; the display's EDID fields and blob, its read-only plane
 *    regions); mmap/munmap of every region at random offsets, sizes and
 *    protections (the plane regions map read-only only), and guarded
 *    accesses to the mappings; DMA map/unmap of
 *    whole, partial and spanning ranges, user memory taken away under a
 *    mapping, and unmaps racing a thread's GTT writes into those pages;
 *    VFIO_DEVICE_RESET; GTT writes (valid, malformed, unmapped, outside the
 *    slices, 4- and 8-byte, bad sizes); the guest driver's setup and legal
 *    submissions on both engines, illegal ones (random dwords, unknown
 *    opcodes, wrong engine, forbidden LRI, addresses outside the slices,
 *    PPGTT, unterminated, self-chaining and truncated batches); register
 *    writes (GDRST, ring registers, interrupts, PV page, unknown offsets);
 *    vGPU create/remove and sched attributes through sysfs.  A removed vGPU's
 *    holders get the request eventfd and close it, as QEMU would.
 *  - every return value is checked against what the programming model and
 *    VFIO document for that call (e.g. pread past a region's end is EINVAL,
 *    not a short read); a mismatch is reported with the child's seed, the
 *    operation number and its description.
 * After each phase: every process ended (no crash, no hang), every errno
 *  was the documented one, no vGPU was ever open twice at once, the canaries'
 *  workloads were all correct, no closed vGPU holds pinned frames, and the
 *  kernel log has no splat.  At the end every vGPU is removed and the pGPU's
 *  available_instances are back to where they started.
 *
 * Operations behind defects not fixed yet stay off unless --known-bugs
 * names them (see known_bugs[] below).
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "e2e.h"
#include "gpu.h"

/* ---- parameters ------------------------------------------------------- */

#define DEFAULT_SEED	0x6d76677075ull	/* "mvgpu": make check's stream */
#define DEFAULT_TIME	60		/* seconds of fuzzing in all */
#define DEFAULT_PROCS	3
#define DEFAULT_PHASES	3
#define MAX_PROCS	16
#define GRACE_MS	30000		/* a phase's stragglers get this long */
#define CANARY_WAIT_MS	20000

#define PG		4096u
#define BAR0		VFIO_PCI_BAR0_REGION_INDEX
#define BAR2		VFIO_PCI_BAR2_REGION_INDEX
#define CFG		VFIO_PCI_CONFIG_REGION_INDEX
#define INTX		VFIO_PCI_INTX_IRQ_INDEX
#define MSI		VFIO_PCI_MSI_IRQ_INDEX
#define REQ		VFIO_PCI_REQ_IRQ_INDEX
#define RCS		MVGPU_ENGINE_RCS
#define BCS		MVGPU_ENGINE_BCS
#define PV(off)		(MVGPU_PVINFO_OFFSET + (off))
#define PTE_P		MVGPU_GTT_PTE_PRESENT
#define IDX_SHIFT	40		/* region offset = index << 40 */
#define END_OF(t, m)	(offsetof(t, m) + sizeof(((t *)0)->m))

/* Per open device: guest memory for the rings (gmem) and DMA chunks. */
#define GMEM_SIZE	(16u * PG)
#define IOVA_G		0x40000000ull
#define NCHUNK		8u
#define CHUNK		(8u * PG)
#define IOVA_C		0x80000000ull
#define IOVA_NONE	0x7f00000000ull	/* never mapped */
#define MAX_MAPS	6
#define NFDEV		2
#define IOBUF		(1u << 20)

#define MAX_SLOTS	32
#define NR_CANARY	2
#define LAST_OPS	16
#define DESC_LEN	200
#define MAX_FAILS	48
#define OP_WORDS	8

/* Known defects: operations that reach them run only when named. */
enum {
	KB_IRQ_COUNT0 = 1 << 0,		/* SET_IRQS count 0 with data */
	KB_OFFSET_4G = 1 << 1,		/* config offsets past 4 GiB */
	KB_TYPE1_RACE = 1 << 2,		/* type1 unmap racing GTT writes */
	KB_TYPE1_PINNED = 1 << 3,	/* type1 unmap of pinned pages */
};

static const struct {
	const char *name;
	unsigned int bit;
	const char *what;
} known_bugs[] = {
	{ "irq-count0", KB_IRQ_COUNT0,
	  "SET_IRQS count 0 with DATA_BOOL/DATA_EVENTFD or a non-TRIGGER action" },
	{ "offset-4g", KB_OFFSET_4G,
	  "config space pread/pwrite at offsets past 4 GiB" },
	{ "type1-unmap-race", KB_TYPE1_RACE,
	  "group path: DMA unmap racing GTT writes into the range" },
	{ "type1-unmap-pinned", KB_TYPE1_PINNED,
	  "group path: DMA unmap of pinned pages (type1 lock inversion, "
	  "admin guide \"Known issues\")" },
};

/* ---- errno sets ------------------------------------------------------- */

/* A set of results: bit 0 is success, bit e is -e (a few remapped). */
#define EB(e)	(1ull << ((e) == EOPNOTSUPP ? 62 : (e) == ETIMEDOUT ? 61 : \
			  (e) == EOVERFLOW ? 60 : (e)))
#define OK	EB(0)

static int eb_bit(int rc)
{
	int e = rc < 0 ? -rc : rc;

	if (e == EOPNOTSUPP)
		return 62;
	if (e == ETIMEDOUT)
		return 61;
	if (e == EOVERFLOW)
		return 60;
	return e < 60 ? e : 63;
}

/* ---- operations ------------------------------------------------------- */

enum op_id {
	OP_OPEN, OP_CLOSE, OP_SET_IRQS, OP_REGION_INFO, OP_IRQ_INFO,
	OP_DEV_INFO, OP_IOCTL, OP_RW, OP_MMAP, OP_MUNMAP, OP_TOUCH,
	OP_DMA_MAP, OP_DMA_UNMAP, OP_DMA_HOLE, OP_RACE, OP_RESET, OP_GTT,
	OP_SETUP, OP_SUBMIT, OP_BAD_SUBMIT, OP_REG, OP_CREATE, OP_REMOVE,
	OP_SYSFS, NR_OPS
};

static const struct {
	const char *name;
	unsigned int weight;
} ops[NR_OPS] = {
	[OP_OPEN]	= { "open", 3 },
	[OP_CLOSE]	= { "close", 1 },
	[OP_SET_IRQS]	= { "set_irqs", 8 },
	[OP_REGION_INFO] = { "region_info", 4 },
	[OP_IRQ_INFO]	= { "irq_info", 2 },
	[OP_DEV_INFO]	= { "dev_info", 1 },
	[OP_IOCTL]	= { "ioctl", 2 },
	[OP_RW]		= { "rw", 14 },
	[OP_MMAP]	= { "mmap", 4 },
	[OP_MUNMAP]	= { "munmap", 2 },
	[OP_TOUCH]	= { "touch", 5 },
	[OP_DMA_MAP]	= { "dma_map", 4 },
	[OP_DMA_UNMAP]	= { "dma_unmap", 4 },
	[OP_DMA_HOLE]	= { "dma_hole", 1 },
	[OP_RACE]	= { "race", 3 },
	[OP_RESET]	= { "reset", 2 },
	[OP_GTT]	= { "gtt", 12 },
	[OP_SETUP]	= { "setup", 3 },
	[OP_SUBMIT]	= { "submit", 6 },
	[OP_BAD_SUBMIT]	= { "bad_submit", 6 },
	[OP_REG]	= { "reg", 8 },
	[OP_CREATE]	= { "create", 1 },
	[OP_REMOVE]	= { "remove", 1 },
	[OP_SYSFS]	= { "sysfs", 2 },
};

/* ---- state shared by all processes (MAP_SHARED) ------------------------ */

enum { SLOT_FREE, SLOT_BUSY, SLOT_PRESENT };

struct slot {
	int state;
	int pgpu;		/* index in shm->pgpus */
	int canary;		/* never removed; open by its canary process */
	int holders;		/* processes that have it open */
	char uuid[MVGPU_UUID_LEN + 1];
};

struct child_info {
	uint64_t seed;
	uint64_t ops;
	uint32_t next;		/* next entry of last[] */
	char last[LAST_OPS][DESC_LEN];
};

struct canary_info {
	uint64_t ok, bad;
	int after_ok;		/* a round after the fuzzers ended was right */
	char why[256];
};

struct shared {
	struct slot slots[MAX_SLOTS];
	struct child_info child[MAX_PROCS];
	struct canary_info canary[NR_CANARY];
	int stop;
	uint32_t nfails;
	char fails[MAX_FAILS][DESC_LEN + 120];
	uint32_t violations;	/* a vGPU open twice at once */
	uint32_t stats[NR_OPS][64];
	uint32_t runs[NR_OPS];
	char pgpus[2][32];
	int npgpus;
};

static struct shared *shm;

/* ---- options ------------------------------------------------------------ */

static uint64_t opt_seed = DEFAULT_SEED;
static unsigned int opt_time = DEFAULT_TIME, opt_procs = DEFAULT_PROCS;
static unsigned int opt_phases = DEFAULT_PHASES;
static uint64_t opt_ops;		/* per child and phase; 0: by time */
static int opt_only = -1;
/* Fixed since: on unless --known-bugs says otherwise. */
static unsigned int opt_bugs = KB_IRQ_COUNT0 | KB_OFFSET_4G;
static const char *opt_log;
static bool opt_verbose;
static bool have_cdev;

/* ---- one fuzz process ---------------------------------------------------- */

struct fdev {
	bool open;
	int slot;
	struct mvgpu_dev dev;
	struct gpu g;
	uint64_t ap_base, ap_size, hid_base, hid_size;
	bool pv;		/* PV handshake done since open/reset */
	bool rings;		/* rings programmed since open/reset */
	bool gmem_mapped, gmem_gtt;
	uint32_t chunk_mapped;	/* bit c: chunk c is DMA-mapped */
	uint32_t chunk_hole;	/* bit c: its user memory is gone */
	uint32_t chunk_taint;	/* bit c: GTT entries may name it */
	bool taint_all;		/* entries of unknown value may be pinned */
	int req_efd, irq_efd;
	struct {
		uint8_t *p;
		size_t len;
		int prot;
	} maps[MAX_MAPS];
	uint8_t *gmem, *chunks;
};

struct child {
	unsigned int idx;
	uint64_t rng;
	uint64_t w[OP_WORDS];	/* this operation's words */
	unsigned int wi;
	uint64_t opno, t0;
	char desc[DESC_LEN];
	struct fdev f[NFDEV];
	uint8_t *iobuf, *guard;	/* IOBUF bytes, then a PROT_NONE page */
	int nullfd;
	int logfd;
	uint32_t stage[1024];
};

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* The next parameter of this operation (a pure function of the stream). */
static uint64_t rnd(struct child *c)
{
	uint64_t x = c->w[c->wi % OP_WORDS];

	if (c->wi >= OP_WORDS)
		x = splitmix(&x) ^ c->wi;
	c->wi++;
	return x;
}

static uint32_t pick(struct child *c, uint32_t n)
{
	return n ? (uint32_t)(rnd(c) % n) : 0;
}

static bool chance(struct child *c, unsigned int percent)
{
	return pick(c, 100) < percent;
}

/* The child's description of the operation it is running. */
static void say(struct child *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void say(struct child *c, const char *fmt, ...)
{
	size_t n = strlen(c->desc);
	va_list ap;

	if (n >= sizeof(c->desc) - 1)
		return;
	va_start(ap, fmt);
	vsnprintf(c->desc + n, sizeof(c->desc) - n, fmt, ap);
	va_end(ap);
}

static void record_op(struct child *c)
{
	struct child_info *ci = &shm->child[c->idx];

	memcpy(ci->last[ci->next % LAST_OPS], c->desc, DESC_LEN);
	ci->last[ci->next % LAST_OPS][DESC_LEN - 1] = '\0';
}

/* Report a result that is not in @want. */
static const char *bit_name(unsigned int b)
{
	return b == 0 ? "0" : b == 63 ? "other" : tap_errname(b == 62 ? EOPNOTSUPP :
	       b == 61 ? ETIMEDOUT : b == 60 ? EOVERFLOW : (int)b);
}

static void fail(struct child *c, int rc, uint64_t want, const char *why)
{
	uint32_t n = __atomic_fetch_add(&shm->nfails, 1, __ATOMIC_SEQ_CST);
	char wants[160] = "";
	unsigned int b;

	for (b = 0; b < 64 && why == NULL; b++) {
		size_t l = strlen(wants);

		if (want & (1ull << b) && l < sizeof(wants))
			snprintf(wants + l, sizeof(wants) - l, "%s%s", l ? "|" : "",
				 bit_name(b));
	}
	if (n < MAX_FAILS)
		snprintf(shm->fails[n], sizeof(shm->fails[n]),
			 "child seed %#llx op %llu: %s: got %s%s, want %s",
			 (unsigned long long)shm->child[c->idx].seed,
			 (unsigned long long)c->opno, c->desc,
			 rc < 0 ? "-" : "", rc ? tap_errname(rc) : "0",
			 why ? why : wants);
}

/* Check @rc (0 or -errno) against the set @want; count it. */
static bool expect(struct child *c, enum op_id op, int rc, uint64_t want)
{
	int bit = eb_bit(rc);

	__atomic_fetch_add(&shm->stats[op][bit], 1, __ATOMIC_RELAXED);
	say(c, " = %s", rc ? tap_errname(rc) : "0");
	if (want & (1ull << bit) && bit != 63)
		return true;
	fail(c, rc, want, NULL);
	return false;
}

static bool bug_on(unsigned int bit)
{
	return opt_bugs & bit;
}

/* ---- device helpers ------------------------------------------------------ */

/* Frames vGPU @s holds pinned (debugfs gtt pinned_frames), or 0. */
static unsigned int slot_pins(int s)
{
	uint64_t id;
	long long v;

	if (mvgpu_vgpu_attr_u64(shm->slots[s].uuid, "vgpu_id", &id))
		return 0;
	v = e2e_vgpu_stat(shm->pgpus[shm->slots[s].pgpu], id, "gtt",
			  "pinned_frames");
	return v > 0 ? (unsigned int)v : 0;
}

static int present_slots(int *out, bool with_canary)
{
	int i, n = 0;

	for (i = 0; i < MAX_SLOTS; i++)
		if (__atomic_load_n(&shm->slots[i].state, __ATOMIC_ACQUIRE) ==
		    SLOT_PRESENT && (with_canary || !shm->slots[i].canary))
			out[n++] = i;
	return n;
}

static struct fdev *any_open(struct child *c)
{
	unsigned int k = pick(c, NFDEV), i;

	for (i = 0; i < NFDEV; i++)
		if (c->f[(k + i) % NFDEV].open)
			return &c->f[(k + i) % NFDEV];
	return NULL;
}

static void rebacked(struct fdev *f, unsigned int ch)
{
	void *p = mmap(f->chunks + ch * CHUNK, CHUNK, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	if (p != MAP_FAILED)
		f->chunk_hole &= ~(1u << ch);
}

static void fd_forget_state(struct fdev *f)
{
	f->pv = false;
	f->rings = false;
	f->gmem_gtt = false;
	f->chunk_taint = 0;
	f->taint_all = false;
}

static void fd_close(struct child *c, struct fdev *f)
{
	unsigned int i;

	if (!f->open)
		return;
	for (i = 0; i < MAX_MAPS; i++) {
		if (f->maps[i].p)
			munmap(f->maps[i].p, f->maps[i].len);
		f->maps[i].p = NULL;
	}
	__atomic_fetch_sub(&shm->slots[f->slot].holders, 1, __ATOMIC_SEQ_CST);
	mvgpu_close(&f->dev);
	f->open = false;
	f->gmem_mapped = false;
	f->chunk_mapped = 0;
	fd_forget_state(f);
	for (i = 0; i < NCHUNK; i++)
		if (f->chunk_hole & (1u << i))
			rebacked(f, i);
	(void)c;
}

static void close_all(struct child *c)
{
	unsigned int i;

	for (i = 0; i < NFDEV; i++)
		fd_close(c, &c->f[i]);
}

/* The guest driver's first step: the PV handshake (reads the slices). */
static int fd_attach(struct fdev *f)
{
	int ret = gpu_attach(&f->g, &f->dev);

	f->g.mem = f->gmem;
	f->g.mem_size = GMEM_SIZE;
	f->g.iova = IOVA_G;
	f->g.gm_base = f->hid_base;
	f->g.dma_mapped = f->gmem_mapped;
	f->g.efd = f->irq_efd;
	f->rings = false;	/* gpu_attach() forgot them */
	if (!ret)
		f->pv = true;
	return ret;
}

/* A REQ eventfd fired: the vGPU is being removed; let go of it. */
static void check_req(struct child *c)
{
	unsigned int i;

	for (i = 0; i < NFDEV; i++) {
		uint64_t n = 0;

		if (!c->f[i].open || c->f[i].req_efd < 0)
			continue;
		mvgpu_eventfd_consume(c->f[i].req_efd, &n);
		if (n)
			fd_close(c, &c->f[i]);
	}
}

static uint64_t region_size(const struct fdev *f, uint32_t index)
{
	switch (index) {
	case CFG:
		return MVGPU_CFG_SIZE;
	case BAR0:
		return MVGPU_BAR0_SIZE;
	case BAR2:
		return f->dev.regions[BAR2].size;
	case MVGPU_VFIO_EDID_REGION:
	case MVGPU_VFIO_PRIMARY_REGION:
	case MVGPU_VFIO_CURSOR_REGION:
		/* the display's regions, as the vGPU's display mode has them */
		return f->dev.regions[index].size;
	default:
		return 0;
	}
}

static bool plane_region(uint32_t index)
{
	return index == MVGPU_VFIO_PRIMARY_REGION ||
	       index == MVGPU_VFIO_CURSOR_REGION;
}

/* A region index: mostly a real one, sometimes beyond the last. */
static uint32_t pick_index(struct child *c)
{
	static const uint32_t odd[] = { MVGPU_VFIO_NUM_REGIONS, 15, 0x7fffff,
					0x800000 };
	uint32_t r = pick(c, 20);

	if (r < 5)
		return BAR0;
	if (r < 10)
		return CFG;
	if (r < 14)
		return BAR2;
	if (r < 17)
		return pick(c, MVGPU_VFIO_NUM_REGIONS);
	return odd[pick(c, 4)];
}

/* ---- OP_OPEN / OP_CLOSE -------------------------------------------------- */

/* Open a vGPU (mostly one nobody holds) into one of our two slots. */
static struct fdev *do_open(struct child *c)
{
	struct fdev *f = &c->f[pick(c, NFDEV)];
	int slots[MAX_SLOTS], n = present_slots(slots, true), s, ret, prev;
	enum mvgpu_vfio_path path = pick(c, 3) == 0 || !have_cdev ?
				    MVGPU_VFIO_GROUP : MVGPU_VFIO_CDEV;
	uint32_t r = pick(c, 100), k = pick(c, 32), chunks = pick(c, 256);
	bool mine = false, canary;
	unsigned int i;

	if (!n) {
		say(c, "open: no vGPU");
		return NULL;
	}
	s = slots[pick(c, n)];
	for (i = 0; k && i < (unsigned int)n &&
	     __atomic_load_n(&shm->slots[s].holders, __ATOMIC_RELAXED); i++)
		s = slots[(k + i) % n];
	canary = shm->slots[s].canary;
	fd_close(c, f);
	for (i = 0; i < NFDEV; i++)
		mine |= c->f[i].open && c->f[i].slot == s;
	say(c, "open slot %d %s%s via %s", s, shm->slots[s].uuid,
	    canary ? " (canary)" : mine ? " (open here too)" : "",
	    mvgpu_path_name(path));
	ret = mvgpu_open(&f->dev, shm->slots[s].uuid, path);
	/*
	 * A vGPU is open at most once: the canaries are held by their
	 * processes, and this process may hold it in its other slot.  Others
	 * may hold it, or remove it meanwhile.
	 */
	if (!expect(c, OP_OPEN, ret, canary || mine ? EB(EBUSY) | EB(EINVAL) :
		    OK | EB(EBUSY) | EB(EINVAL) | EB(ENODEV) | EB(ENOENT)) ||
	    ret) {
		if (!ret)
			mvgpu_close(&f->dev);
		return NULL;
	}
	/*
	 * A removal that started after the open takes the vGPU's attributes
	 * away first and then waits for us: the slices are unknown, so let
	 * go, as the request IRQ would ask.
	 */
	if (mvgpu_vgpu_attr_u64(f->dev.uuid, "aperture_base", &f->ap_base) ||
	    mvgpu_vgpu_attr_u64(f->dev.uuid, "aperture_size", &f->ap_size) ||
	    mvgpu_vgpu_attr_u64(f->dev.uuid, "hidden_base", &f->hid_base) ||
	    mvgpu_vgpu_attr_u64(f->dev.uuid, "hidden_size", &f->hid_size)) {
		say(c, " (being removed: attributes gone)");
		mvgpu_close(&f->dev);
		return NULL;
	}
	prev = __atomic_fetch_add(&shm->slots[s].holders, 1, __ATOMIC_SEQ_CST);
	if (prev) {
		__atomic_fetch_add(&shm->violations, 1, __ATOMIC_SEQ_CST);
		fail(c, 0, 0, "the vGPU was already open elsewhere");
	}
	f->open = true;
	f->slot = s;
	/* As QEMU does: a request eventfd, to let go when it is removed. */
	if (mvgpu_irq_set_trigger(&f->dev, REQ, f->req_efd))
		fail(c, -1, 0, "cannot arm the REQ eventfd");
	/* Mostly the guest driver's handshake right away. */
	if (r < 75 && fd_attach(f))
		fail(c, -1, 0, f->g.err);
	/* Some guest memory mapped for DMA from the start. */
	for (i = 0; i < NCHUNK; i++)
		if (chunks & (1u << i) &&
		    !mvgpu_dma_map(&f->dev, f->chunks + i * CHUNK,
				   IOVA_C + i * CHUNK, CHUNK))
			f->chunk_mapped |= 1u << i;
	say(c, "; ");
	return f;
}

static void op_open(struct child *c)
{
	do_open(c);
}

/* An open vGPU to work on; one is opened if there is none. */
static struct fdev *dev_of(struct child *c)
{
	struct fdev *f = any_open(c);

	if (!f && !(f = do_open(c)))
		say(c, "; ");
	return f;
}

static void op_close(struct child *c)
{
	struct fdev *f = any_open(c);

	if (!f)
		return;
	say(c, "close slot %d", f->slot);
	fd_close(c, f);
}

/* ---- OP_SET_IRQS --------------------------------------------------------- */

/* What VFIO and mvgpu answer to a SET_IRQS; 1 = an unfixed defect. */
static int set_irqs_expect(const struct vfio_irq_set *h, int fd,
			   int closed_fd, int other_fd)
{
	const uint32_t minsz = offsetof(struct vfio_irq_set, data);
	uint32_t dtype = h->flags & VFIO_IRQ_SET_DATA_TYPE_MASK;
	uint32_t action = h->flags & VFIO_IRQ_SET_ACTION_TYPE_MASK;
	uint32_t nirq = h->index == INTX || h->index == MSI ||
			h->index == VFIO_PCI_ERR_IRQ_INDEX ||
			h->index == REQ ? 1 : 0, size;

	if (h->argsz < minsz || h->index >= VFIO_PCI_NUM_IRQS ||
	    h->count >= UINT32_MAX - h->start ||
	    (h->flags & ~(VFIO_IRQ_SET_DATA_TYPE_MASK |
			  VFIO_IRQ_SET_ACTION_TYPE_MASK)))
		return -EINVAL;
	if (h->start >= nirq || h->start + h->count > nirq)
		return -EINVAL;
	if (dtype == VFIO_IRQ_SET_DATA_NONE)
		size = 0;
	else if (dtype == VFIO_IRQ_SET_DATA_BOOL)
		size = 1;
	else if (dtype == VFIO_IRQ_SET_DATA_EVENTFD)
		size = 4;
	else
		return -EINVAL;
	if (size && h->argsz - minsz < h->count * size)
		return -EINVAL;
	if (__builtin_popcount(action) != 1)
		return -EINVAL;
	if (!h->count) {
		if (action == VFIO_IRQ_SET_ACTION_TRIGGER &&
		    dtype == VFIO_IRQ_SET_DATA_NONE)
			return 0;
		return bug_on(KB_IRQ_COUNT0) ? -EINVAL : 1;
	}
	if (action != VFIO_IRQ_SET_ACTION_TRIGGER) {
		if (h->index != INTX)
			return -EINVAL;
		return dtype == VFIO_IRQ_SET_DATA_EVENTFD ? -ENOTTY : 0;
	}
	if (dtype != VFIO_IRQ_SET_DATA_EVENTFD || fd == -1)
		return 0;
	if (fd < -1)
		return -EINVAL;
	if (fd == closed_fd)
		return -EBADF;
	return fd == other_fd ? -EINVAL : 0;
}

static void op_set_irqs(struct child *c)
{
	static const uint32_t dtypes[] = {
		VFIO_IRQ_SET_DATA_NONE, VFIO_IRQ_SET_DATA_BOOL,
		VFIO_IRQ_SET_DATA_EVENTFD,
	};
	static const uint32_t actions[] = {
		VFIO_IRQ_SET_ACTION_TRIGGER, VFIO_IRQ_SET_ACTION_MASK,
		VFIO_IRQ_SET_ACTION_UNMASK,
	};
	struct fdev *f = dev_of(c);
	union {
		struct vfio_irq_set h;
		uint8_t raw[64];
	} u;
	const int closed_fd = 1000;
	int32_t fd = -1;
	uint32_t r;
	int want, ret;

	if (!f)
		return;
	memset(&u, 0, sizeof(u));
	r = pick(c, 20);
	u.h.index = r < 6 ? INTX : r < 12 ? MSI : r < 15 ? REQ : r < 17 ? r - 13 :
		    r == 17 ? VFIO_PCI_NUM_IRQS : (uint32_t)rnd(c);
	r = pick(c, 20);
	u.h.flags = r < 16 ? dtypes[r % 3] | actions[pick(c, 5) / 3 * (1 + pick(c, 2))] :
		    r == 16 ? dtypes[pick(c, 3)] :		/* no action */
		    r == 17 ? actions[pick(c, 3)] :		/* no data type */
		    r == 18 ? dtypes[pick(c, 3)] | dtypes[pick(c, 3)] |
			      actions[pick(c, 3)] | actions[pick(c, 3)] :
			      (uint32_t)rnd(c);
	r = pick(c, 20);
	u.h.start = r < 17 ? 0 : r < 18 ? 1 : r == 18 ? UINT32_MAX : (uint32_t)rnd(c);
	r = pick(c, 20);
	u.h.count = r < 12 ? 1 : r < 16 ? 0 : r == 16 ? 2 :
		    r == 17 ? UINT32_MAX : r == 18 ? UINT32_MAX - u.h.start - 1 :
		    (uint32_t)rnd(c);
	r = pick(c, 12);
	fd = r < 3 ? f->irq_efd : r == 3 ? f->req_efd : r == 4 ? -1 :
	     r == 5 ? -2 : r == 6 ? closed_fd : r == 7 ? c->nullfd :
	     r == 8 ? INT32_MAX : r == 9 ? f->dev.device_fd : f->irq_efd;
	memcpy(u.h.data, &fd, sizeof(fd));
	if ((u.h.flags & VFIO_IRQ_SET_DATA_TYPE_MASK) == VFIO_IRQ_SET_DATA_BOOL)
		u.h.data[0] = pick(c, 3) ? 1 : 0;
	r = pick(c, 14);
	u.h.argsz = r < 6 || r > 9 ? offsetof(struct vfio_irq_set, data) + 4 :
		    r == 6 ? pick(c, offsetof(struct vfio_irq_set, data)) :
		    r == 7 ? offsetof(struct vfio_irq_set, data) :
		    r == 8 ? sizeof(u) : UINT32_MAX;
	if (u.h.argsz == UINT32_MAX && u.h.count > 4 && u.h.count < 100)
		u.h.count = 1;	/* would read past the buffer: not our test */
	want = set_irqs_expect(&u.h, fd, fd == INT32_MAX ? fd : closed_fd,
			       fd == c->nullfd ||
			       fd == f->dev.device_fd ? fd : -3);
	say(c, "set_irqs slot %d argsz %#x flags %#x index %u start %u count %u fd %d",
	    f->slot, u.h.argsz, u.h.flags, u.h.index, u.h.start, u.h.count, fd);
	if (want == 1) {
		say(c, ": skipped (known bug irq-count0)");
		return;
	}
	record_op(c);
	ret = ioctl(f->dev.device_fd, VFIO_DEVICE_SET_IRQS, &u) ? -errno : 0;
	expect(c, OP_SET_IRQS, ret, EB(-want));
	if (!ret && u.h.index == REQ) {
		uint64_t n;

		/* A loopback fired it; re-arm our own request eventfd. */
		mvgpu_eventfd_consume(f->req_efd, &n);
		mvgpu_irq_set_trigger(&f->dev, REQ, f->req_efd);
	}
}

/* ---- info ioctls ----------------------------------------------------------- */

/* A buffer for an info ioctl: @argsz claimed, @room really there. */
static uint8_t *info_buf(struct child *c, size_t room)
{
	uint8_t *p = c->guard - room;

	memset(p, 0xa5, room);
	return p;
}

static bool untouched(const uint8_t *p, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++)
		if (p[i] != 0xa5)
			return false;
	return true;
}

static uint32_t pick_argsz(struct child *c, uint32_t minsz, uint32_t full)
{
	uint32_t r = pick(c, 10);

	return r < 5 ? full : r == 5 ? pick(c, minsz) : r == 6 ? minsz :
	       r == 7 ? full - 1 : r == 8 ? 4096 : UINT32_MAX;
}

static void op_region_info(struct child *c)
{
	const uint32_t minsz = END_OF(struct vfio_region_info, offset);
	const uint32_t full = minsz + sizeof(struct vfio_region_info_cap_sparse_mmap) +
			      sizeof(struct vfio_region_sparse_mmap_area);
	struct fdev *f = dev_of(c);
	struct vfio_region_info *ri;
	uint32_t index = pick_index(c), argsz = pick_argsz(c, minsz, full);
	size_t room = pick(c, 8) ? 256 : minsz + 8;	/* caps may not fit */
	int ret, want;
	uint8_t *p;

	if (!f)
		return;
	p = info_buf(c, room);
	ri = (struct vfio_region_info *)p;
	ri->argsz = argsz;
	ri->index = index;
	say(c, "region_info slot %d index %#x argsz %#x room %zu", f->slot,
	    index, argsz, room);
	record_op(c);
	ret = ioctl(f->dev.device_fd, VFIO_DEVICE_GET_REGION_INFO, p) ? -errno : 0;
	const uint32_t full_edid = minsz + sizeof(struct vfio_region_info_cap_type);
	bool edid = index == MVGPU_VFIO_EDID_REGION &&
		    region_size(f, index);

	want = argsz < minsz || index >= MVGPU_VFIO_NUM_REGIONS ? -EINVAL :
	       index == BAR2 && argsz >= full && room < full ? -EFAULT :
	       edid && argsz >= full_edid && room < full_edid ? -EFAULT : 0;
	if (!expect(c, OP_REGION_INFO, ret, EB(-want)) || ret)
		return;
	if (ri->size != region_size(f, index) ||
	    ri->offset != (uint64_t)index << IDX_SHIFT ||
	    !(ri->flags & VFIO_REGION_INFO_FLAG_READ) != !ri->size)
		fail(c, 0, 0, "wrong size, offset or flags");
	if (edid) {
		const struct vfio_region_info_cap_type *t;

		if (argsz < full_edid) {
			if (ri->argsz != full_edid || ri->cap_offset ||
			    !untouched(p, minsz, room))
				fail(c, 0, 0, "EDID, short argsz: wrong argsz or cap_offset");
			return;
		}
		t = (const void *)mvgpu_region_cap_find(ri,
						VFIO_REGION_INFO_CAP_TYPE);
		if (!t || t->type != VFIO_REGION_TYPE_GFX ||
		    t->subtype != VFIO_REGION_SUBTYPE_GFX_EDID ||
		    !untouched(p, full_edid, room))
			fail(c, 0, 0, "bad EDID region type capability");
		return;
	}
	if (index != BAR2) {
		if (!untouched(p, minsz, room))
			fail(c, 0, 0, "wrote past the info");
		return;
	}
	if (argsz < full) {
		if (ri->argsz != full || ri->cap_offset ||
		    !untouched(p, minsz, room))
			fail(c, 0, 0, "short argsz: wrong argsz or cap_offset");
	} else {
		const struct vfio_region_info_cap_sparse_mmap *sp =
			(const void *)mvgpu_region_cap_find(ri,
				VFIO_REGION_INFO_CAP_SPARSE_MMAP);

		if (!sp || sp->nr_areas != 1 || sp->areas[0].offset != f->ap_base ||
		    sp->areas[0].size != f->ap_size || !untouched(p, full, room))
			fail(c, 0, 0, "bad sparse mmap capability");
	}
}

static void op_irq_info(struct child *c)
{
	const uint32_t minsz = END_OF(struct vfio_irq_info, count);
	struct fdev *f = dev_of(c);
	uint32_t index = pick(c, 4) ? pick(c, VFIO_PCI_NUM_IRQS + 2) :
				      (uint32_t)rnd(c);
	uint32_t argsz = pick_argsz(c, minsz, minsz);
	struct vfio_irq_info *ii;
	int ret;

	if (!f)
		return;
	ii = (struct vfio_irq_info *)info_buf(c, 64);
	ii->argsz = argsz;
	ii->index = index;
	say(c, "irq_info slot %d index %#x argsz %#x", f->slot, index, argsz);
	record_op(c);
	ret = ioctl(f->dev.device_fd, VFIO_DEVICE_GET_IRQ_INFO, ii) ? -errno : 0;
	if (!expect(c, OP_IRQ_INFO, ret, argsz < minsz ||
		    index >= VFIO_PCI_NUM_IRQS ? EB(EINVAL) : OK) || ret)
		return;
	if (ii->count != (index == INTX || index == MSI ||
			  index == VFIO_PCI_ERR_IRQ_INDEX || index == REQ))
		fail(c, 0, 0, "wrong count");
}

static void op_dev_info(struct child *c)
{
	const uint32_t minsz = END_OF(struct vfio_device_info, num_irqs);
	struct fdev *f = dev_of(c);
	uint32_t argsz = pick_argsz(c, minsz, sizeof(struct vfio_device_info));
	struct vfio_device_info *di;
	int ret;

	if (!f)
		return;
	di = (struct vfio_device_info *)info_buf(c, 64);
	di->argsz = argsz;
	say(c, "dev_info slot %d argsz %#x", f->slot, argsz);
	record_op(c);
	ret = ioctl(f->dev.device_fd, VFIO_DEVICE_GET_INFO, pick(c, 10) ? di : NULL) ?
	      -errno : 0;
	if (!expect(c, OP_DEV_INFO, ret, argsz < minsz ? EB(EINVAL) | EB(EFAULT) :
		    OK | EB(EFAULT)) || ret)
		return;
	if (di->num_regions != MVGPU_VFIO_NUM_REGIONS ||
	    di->num_irqs != VFIO_PCI_NUM_IRQS ||
	    !(di->flags & VFIO_DEVICE_FLAGS_RESET))
		fail(c, 0, 0, "wrong device info");
}

/* Any other device ioctl: core VFIO ones (feature, cdev bind/attach/detach). */
static void op_ioctl(struct child *c)
{
	static const unsigned int nr[] = { 0, 1, 2, 3, 4, 5, 6, 12, 13, 14, 15,
					   16, 17, 17, 17, 18, 19, 20, 21, 22,
					   23, 40 };
	struct fdev *f = dev_of(c);
	unsigned int n = nr[pick(c, sizeof(nr) / sizeof(nr[0]))], i;
	uint32_t *buf = (uint32_t *)info_buf(c, 64);
	int ret;

	if (!f)
		return;
	for (i = 0; i < 16; i++)
		buf[i] = pick(c, 4) ? pick(c, 64) : (uint32_t)rnd(c);
	if (n == 20 && pick(c, 4))
		n = 21;		/* detach stays rare */
	say(c, "ioctl slot %d VFIO_BASE+%u argsz %#x flags %#x", f->slot, n,
	    buf[0], buf[1]);
	record_op(c);
	ret = ioctl(f->dev.device_fd, _IO(VFIO_TYPE, VFIO_BASE + n),
		    pick(c, 10) ? (void *)buf : NULL) ? -errno : 0;
	expect(c, OP_IOCTL, ret, OK | EB(ENOTTY) | EB(EINVAL) | EB(EFAULT) |
	       EB(ENOENT) | EB(EBUSY) | EB(EOPNOTSUPP) | EB(ENXIO) |
	       EB(EPERM) | EB(ENODEV));
}

static uint64_t pick_gidx(struct child *c, struct fdev *f);

/* ---- OP_RW ------------------------------------------------------------------ */

/*
 * What a pread/pwrite of @len bytes at @off of region @index must give
 * (programming model, "Access rules"): *@maybe_eio for an aperture page
 * that may have no guest page; *@copied when the call gets as far as
 * copying the buffer (the bounds and the access size were right), so that
 * a bad buffer gives EFAULT.
 */
static int rw_expect(const struct fdev *f, uint32_t index, uint64_t off,
		     size_t len, bool write, bool *maybe_eio, bool *copied,
		     uint64_t *also)
{
	uint64_t size = region_size(f, index);

	*maybe_eio = false;
	*copied = false;
	*also = 0;
	if (index > 0x7fffff)
		return -EINVAL;	/* negative file offset */
	if (plane_region(index)) {
		/* read-only pixels; the buffer is allocated on first use */
		if (write || !size || off >= size || len > size - off)
			return -EINVAL;
		*copied = len;
		*also = EB(ENOMEM);
		return 0;
	}
	if (index == MVGPU_VFIO_EDID_REGION && size) {
		if (off >= MVGPU_VFIO_EDID_BLOB) {
			uint64_t b = off - MVGPU_VFIO_EDID_BLOB;

			if (b >= MVGPU_EDID_MAX_SIZE || !len ||
			    len > MVGPU_EDID_MAX_SIZE - b)
				return -EINVAL;
			*copied = true;
			/* the blob changes only while the link is down */
			*also = write ? EB(EBUSY) | EB(ENOMEM) : EB(ENOMEM);
			return 0;
		}
		if (len != 4 || off % 4 ||
		    off >= sizeof(struct vfio_region_gfx_edid))
			return -EINVAL;
		*copied = true;
		if (!write)
			return 0;
		if (off != offsetof(struct vfio_region_gfx_edid, edid_size) &&
		    off != offsetof(struct vfio_region_gfx_edid, link_state))
			return -EINVAL;
		/* a bad size or link state, an invalid EDID; link up */
		*also = EB(EINVAL) | EB(EBUSY);
		return 0;
	}
	if (!size || off >= size || len > size - off)
		return -EINVAL;
	if (index == CFG) {
		*copied = len;
		return 0;
	}
	if ((len != 1 && len != 2 && len != 4 && len != 8) || off % len)
		return -EINVAL;
	*copied = true;
	if (index == BAR0)
		return write && len < 4 ? -EINVAL : 0;
	if (off < f->ap_base || off - f->ap_base >= f->ap_size)
		return -EINVAL;
	*maybe_eio = true;
	return 0;
}

static uint64_t pick_off(struct child *c, const struct fdev *f, uint32_t index)
{
	uint64_t size = region_size(f, index), r = pick(c, 24);

	switch (r) {
	case 0: return size;
	case 1: return size ? size - 1 - pick(c, 8) : 0;
	case 2: return (1ull << 32) + pick(c, 0x200);
	case 3: return (1ull << 32) + pick(c, (uint32_t)size + 1);
	case 4: return (1ull << IDX_SHIFT) - 1 - pick(c, 8);
	case 5: return rnd(c) & ((1ull << IDX_SHIFT) - 1);
	case 6: return pick(c, 0x1000);
	case 7: return f->ap_base + f->ap_size - pick(c, 16);
	}
	if (index == BAR2)
		return r < 16 ? f->ap_base + pick(c, (uint32_t)f->ap_size) :
				pick(c, (uint32_t)size);
	if (index == BAR0 && r < 14)
		return MVGPU_GTT_OFFSET + pick(c, MVGPU_GTT_SIZE);
	return size ? rnd(c) % size : pick(c, 0x1000);
}

static void op_rw(struct child *c)
{
	static const size_t lens[] = { 1, 2, 4, 4, 4, 8, 8, 8, 0, 3, 16, 4096,
				       256, 257, IOBUF };
	struct fdev *f = dev_of(c);
	uint32_t index = f ? pick_index(c) : 0, b;
	uint64_t off, pos;
	size_t len = lens[pick(c, sizeof(lens) / sizeof(lens[0]))], i;
	bool write = chance(c, 50), maybe_eio, copied, bad = false;
	uint64_t want, also;
	uint8_t *buf = c->iobuf;
	ssize_t n;
	int ret, exp;

	if (!f)
		return;
	if (chance(c, 70)) {		/* well formed */
		len = 1u << pick(c, 4);
		off = index == BAR2 ? f->ap_base + pick(c, (uint32_t)f->ap_size) :
		      index == BAR0 && chance(c, 50) ?
		      MVGPU_GTT_OFFSET + pick_gidx(c, f) * MVGPU_GTT_ENTRY_SIZE :
		      index == BAR0 ? PV(pick(c, 0x100)) : pick(c, 0x100);
		if (index != CFG)
			off &= ~(uint64_t)(len - 1);
	} else {
		off = pick_off(c, f, index);
	}
	if (index == CFG && off >= (1ull << 32) && !bug_on(KB_OFFSET_4G))
		off &= 0xffffffffull;	/* known bug offset-4g */
	b = pick(c, 20);
	if (b == 0) {
		buf = NULL;
		bad = true;
	} else if (b == 1) {
		buf = c->guard;
		bad = true;
	} else if (b == 2 && len > 1 && len < IOBUF) {
		buf = c->guard - len / 2;	/* straddles the guard page */
		bad = true;
	}
	if (write && !bad)
		for (i = 0; i < len && i < 64; i++)
			buf[i] = (uint8_t)rnd(c);
	pos = ((uint64_t)index << IDX_SHIFT) + off;
	exp = rw_expect(f, index, off, len, write, &maybe_eio, &copied, &also);
	say(c, "%s slot %d %s+%#llx len %zu%s", write ? "pwrite" : "pread",
	    f->slot, mvgpu_region_name(index), (unsigned long long)off, len,
	    bad ? " bad buffer" : "");
	record_op(c);
	n = write ? pwrite(f->dev.device_fd, buf, len, (off_t)pos) :
		    pread(f->dev.device_fd, buf, len, (off_t)pos);
	ret = n < 0 ? -errno : 0;
	if (n >= 0 && (size_t)n != len) {
		say(c, " short (%zd)", n);
		ret = -EIO;
		maybe_eio = false;	/* never a short transfer */
	}
	want = EB(-exp) | (maybe_eio ? EB(EIO) : 0) | also;
	if (bad && copied)
		want = (exp ? EB(-exp) : 0) | EB(EFAULT) |
		       (maybe_eio ? EB(EIO) : 0) | also;
	expect(c, OP_RW, ret, want);
}

/* ---- mmap ------------------------------------------------------------------- */

static void op_mmap(struct child *c)
{
	static const int prots[] = {
		PROT_READ | PROT_WRITE, PROT_READ, PROT_WRITE, PROT_NONE,
		PROT_READ | PROT_WRITE | PROT_EXEC,
	};
	struct fdev *f = dev_of(c);
	uint32_t index = f ? pick_index(c) : 0, r, slot;
	uint64_t off, pgs, len;
	int prot = prots[pick(c, 5)], flags, ret, want;
	void *p;

	if (!f)
		return;
	if (chance(c, 60))
		index = BAR2;
	r = pick(c, 10);
	pgs = f->ap_size / PG;
	off = r < 6 ? f->ap_base + (uint64_t)pick(c, pgs) * PG :
	      r == 6 ? f->ap_base + pick(c, (uint32_t)f->ap_size) :	/* unaligned */
	      r == 7 ? (uint64_t)pick(c, 0x20000) * PG :
	      r == 8 ? f->ap_base + f->ap_size - PG :
	      rnd(c) & ((1ull << IDX_SHIFT) - 1) & ~0xfffull;
	r = pick(c, 10);
	len = r < 5 ? (uint64_t)(1 + pick(c, 4)) * PG :
	      r < 7 ? (uint64_t)(1 + pick(c, 64)) * PG : r == 7 ? f->ap_size :
	      r == 8 ? 0 : (1ull << 46);
	flags = chance(c, 90) ? MAP_SHARED : MAP_PRIVATE;
	if (plane_region(index))	/* read-only, shared or private */
		want = (prot & PROT_WRITE) || off % PG || !len ||
		       off >= region_size(f, index) ||
		       len > region_size(f, index) - off ? -EINVAL : 0;
	else
		want = index != BAR2 || flags != MAP_SHARED || off % PG ||
		       !len || off < f->ap_base ||
		       off - f->ap_base >= f->ap_size ||
		       len > f->ap_size - (off - f->ap_base) ? -EINVAL : 0;
	say(c, "mmap slot %d %s+%#llx len %#llx prot %#x %s", f->slot,
	    mvgpu_region_name(index), (unsigned long long)off,
	    (unsigned long long)len, prot,
	    flags == MAP_SHARED ? "shared" : "private");
	record_op(c);
	p = mmap(NULL, len, prot, flags, f->dev.device_fd,
		 (off_t)(((uint64_t)index << IDX_SHIFT) + off));
	ret = p == MAP_FAILED ? -errno : 0;
	if (!expect(c, OP_MMAP, ret, EB(-want) |
		    (len >> 40 || plane_region(index) ? EB(ENOMEM) : 0) |
		    (prot & PROT_EXEC ? EB(EPERM) : 0)) || ret) {
		if (!ret)
			munmap(p, len);
		return;
	}
	slot = pick(c, MAX_MAPS);
	if (f->maps[slot].p)
		munmap(f->maps[slot].p, f->maps[slot].len);
	f->maps[slot].p = p;
	f->maps[slot].len = len;
	f->maps[slot].prot = prot;
}

static void op_munmap(struct child *c)
{
	struct fdev *f = any_open(c);
	unsigned int s = pick(c, MAX_MAPS);
	size_t keep;

	if (!f || !f->maps[s].p) {
		say(c, "munmap: no mapping");
		return;
	}
	keep = (size_t)pick(c, (uint32_t)(f->maps[s].len / PG)) * PG;
	say(c, "munmap slot %d map %u keep %#zx of %#zx", f->slot, s, keep,
	    f->maps[s].len);
	munmap(f->maps[s].p + keep, f->maps[s].len - keep);
	f->maps[s].len = keep;
	if (!keep)
		f->maps[s].p = NULL;
}

/*
 * CPU access to a mapping, of any kind whatever its protection: SIGBUS
 * (no guest page) and SIGSEGV (the protection) are expected answers.
 */
static void op_touch(struct child *c)
{
	struct fdev *f = any_open(c);
	unsigned int s = pick(c, MAX_MAPS);
	uint64_t v = rnd(c);
	uint8_t *p;
	int ret = 0;

	if (!f || !f->maps[s].p) {
		say(c, "touch: no mapping");
		return;
	}
	p = f->maps[s].p + (pick(c, (uint32_t)(f->maps[s].len / 8)) * 8);
	say(c, "touch slot %d map %u +%#llx prot %#x", f->slot, s,
	    (unsigned long long)(p - f->maps[s].p), f->maps[s].prot);
	record_op(c);
	if (chance(c, 50))
		ret = e2e_guarded_copy(p, &v, sizeof(v));
	else
		ret = e2e_guarded_copy(&v, p, sizeof(v));
	say(c, "%s", ret ? " fault" : "");
}

/* ---- DMA ------------------------------------------------------------------ */

/* Taint what a GTT entry @pte may pin (group path: see KB_TYPE1_PINNED). */
static void taint(struct fdev *f, uint64_t pte, bool whole)
{
	uint64_t a = pte & MVGPU_GTT_PTE_ADDR_MASK;

	if (!whole) {
		f->taint_all = true;
		return;
	}
	if (!(pte & PTE_P) || (pte & ~(MVGPU_GTT_PTE_ADDR_MASK | PTE_P)))
		return;
	/* The pin cache pins whole 64 KiB runs: a chunk and its buddy. */
	if (a >= IOVA_C && a < IOVA_C + NCHUNK * CHUNK)
		f->chunk_taint |= 3u << ((a - IOVA_C) / CHUNK & ~1u);
	if (a >= IOVA_G && a < IOVA_G + GMEM_SIZE)
		f->gmem_gtt = true;
}

/*
 * On the group path an unmap of pinned pages makes type1 report a lock
 * inversion (admin guide, "Known issues"): unless enabled, a VFIO reset
 * first drops every GTT entry and pin, as gpu_release() does.
 */
static void group_unpin(struct child *c, struct fdev *f, uint32_t chunks,
			bool gmem)
{
	if (f->dev.path != MVGPU_VFIO_GROUP || bug_on(KB_TYPE1_PINNED))
		return;
	if (!f->taint_all && !(f->chunk_taint & chunks) && !(gmem && f->gmem_gtt))
		return;
	say(c, " [reset first]");
	mvgpu_reset(&f->dev);
	fd_forget_state(f);
}

static void op_dma_map(struct child *c)
{
	struct fdev *f = dev_of(c);
	unsigned int ch = pick(c, NCHUNK);
	bool gmem = chance(c, 15), bad = chance(c, 10);
	uint64_t iova = gmem ? IOVA_G : IOVA_C + ch * CHUNK;
	uint64_t size = gmem ? GMEM_SIZE : CHUNK;
	uint64_t want;
	void *va;
	int ret;

	if (!f)
		return;
	va = gmem ? f->gmem : f->chunks + ch * CHUNK;
	if (bad)
		iova += 1 + pick(c, PG - 1);	/* unaligned */
	say(c, "dma_map slot %d %s %s iova %#llx size %#llx", f->slot,
	    mvgpu_path_name(f->dev.path), gmem ? "gmem" : "chunk",
	    (unsigned long long)iova,
	    (unsigned long long)size);
	record_op(c);
	ret = mvgpu_dma_map(&f->dev, va, iova, size);
	if (bad)
		want = EB(EINVAL);
	else if (gmem ? f->gmem_mapped : f->chunk_mapped & (1u << ch))
		want = EB(EEXIST);
	else
		want = OK | (!gmem && (f->chunk_hole & (1u << ch)) ? EB(EFAULT) : 0);
	if (!expect(c, OP_DMA_MAP, ret, want) || ret || bad)
		return;
	if (gmem) {
		f->gmem_mapped = true;
		f->g.dma_mapped = true;
	} else {
		f->chunk_mapped |= 1u << ch;
	}
}

static void op_dma_unmap(struct child *c)
{
	struct fdev *f = dev_of(c);
	uint32_t r = pick(c, 20), a = pick(c, NCHUNK), b = pick(c, NCHUNK), m;
	uint64_t iova, size, want;
	bool gmem = false;
	int ret;

	if (!f)
		return;
	if (a > b) {
		uint32_t t = a;

		a = b;
		b = t;
	}
	m = ((2u << b) - 1) & ~((1u << a) - 1);	/* chunks a..b */
	if (r < 8) {				/* one whole chunk */
		m = 1u << a;
		iova = IOVA_C + a * CHUNK;
		size = CHUNK;
		want = f->chunk_mapped & m ? OK : EB(ENOENT);
	} else if (r < 12) {			/* chunks a..b */
		iova = IOVA_C + a * CHUNK;
		size = (uint64_t)(b - a + 1) * CHUNK;
		want = (f->chunk_mapped & m) == m ? OK : EB(ENOENT);
	} else if (r < 15) {			/* part of chunk a */
		m = 1u << a;
		iova = IOVA_C + a * CHUNK + (pick(c, 2) ? PG : 0);
		size = CHUNK - 2 * PG;
		want = f->chunk_mapped & m ? EB(EINVAL) | EB(ENOENT) : EB(ENOENT);
		m = 0;				/* nothing goes */
	} else if (r < 17) {			/* the ring memory */
		gmem = true;
		m = 0;
		iova = IOVA_G;
		size = GMEM_SIZE;
		want = f->gmem_mapped ? OK : EB(ENOENT);
	} else if (r < 19) {			/* unaligned */
		m = 0;
		iova = IOVA_C + a * CHUNK + 1 + pick(c, 100);
		size = CHUNK;
		want = EB(EINVAL);
	} else {				/* everything (iommufd) */
		gmem = true;
		m = (1u << NCHUNK) - 1;
		iova = 0;
		size = UINT64_MAX;
		want = f->dev.path == MVGPU_VFIO_GROUP ? EB(EINVAL) :
		       OK | EB(ENOENT);
		if (f->dev.path == MVGPU_VFIO_GROUP) {
			m = 0;
			gmem = false;
		}
	}
	/* iommufd has no alignment rule for unmaps: nothing is there. */
	if (r >= 17 && r < 19 && f->dev.path == MVGPU_VFIO_CDEV)
		want = EB(ENOENT);
	say(c, "dma_unmap slot %d %s iova %#llx size %#llx", f->slot,
	    mvgpu_path_name(f->dev.path), (unsigned long long)iova,
	    (unsigned long long)size);
	group_unpin(c, f, m | (r >= 12 && r < 15 ? 1u << a : 0), gmem);
	record_op(c);
	ret = mvgpu_dma_unmap(&f->dev, iova, size);
	expect(c, OP_DMA_UNMAP, ret, want);
	if (ret && ret != -ENOENT)
		return;
	f->chunk_mapped &= ~m;
	if (gmem) {
		f->gmem_mapped = false;
		f->g.dma_mapped = false;
	}
}

/* Take the user memory behind a chunk away (or give it back). */
static void op_dma_hole(struct child *c)
{
	struct fdev *f = dev_of(c);
	unsigned int ch = pick(c, NCHUNK);

	if (!f)
		return;
	say(c, "dma_hole slot %d chunk %u %s", f->slot, ch,
	    f->chunk_hole & (1u << ch) ? "back" : "away");
	if (f->chunk_hole & (1u << ch)) {
		rebacked(f, ch);
	} else if (mmap(f->chunks + ch * CHUNK, CHUNK, PROT_NONE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) !=
		   MAP_FAILED) {
		f->chunk_hole |= 1u << ch;
	}
}

struct racer {
	struct fdev *f;
	uint64_t gidx, iova;
	unsigned int n;
};

static void *race_writes(void *arg)
{
	struct racer *r = arg;
	unsigned int i;

	for (i = 0; i < r->n; i++)
		mvgpu_mmio_write64(&r->f->dev, MVGPU_GTT_OFFSET +
				   (r->gidx + i % 8) * MVGPU_GTT_ENTRY_SIZE,
				   (r->iova + (i % 8) * PG) | PTE_P);
	return NULL;
}

/* CPU accesses to the 8 aperture pages at @p, each faulting or not. */
static void touch_pages(uint8_t *p, unsigned int n)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		e2e_guarded_copy(&v, p + (i % 8) * PG + (i * 64) % PG, sizeof(v));
}

/*
 * A thread rewrites 8 GTT entries to name a chunk's pages while this one
 * unmaps the chunk (kind 0), resets the device (kind 1, which must leave
 * no pin once nobody writes), or unmaps it while touching the aperture
 * pages those entries back (kind 2).
 */
static void op_race(struct child *c)
{
	static const char *const kinds[] = { "unmap", "reset", "unmap+aperture" };
	struct fdev *f = dev_of(c);
	unsigned int ch = pick(c, NCHUNK), delay = pick(c, 2000);
	unsigned int kind = pick(c, 3), ap_page = pick(c, 1u << 20);
	uint8_t *ap = NULL;
	struct racer r;
	pthread_t t;
	int ret;

	if (!f)
		return;
	r.f = f;
	r.iova = IOVA_C + ch * CHUNK;
	r.gidx = kind == 2 ? f->ap_base / PG + ap_page % (f->ap_size / PG - 8) :
		 (f->hid_base + GMEM_SIZE) / PG + pick(c, 64);
	r.n = 32 + pick(c, 200);
	say(c, "race %s slot %d %s chunk %u gidx %#llx %u writes delay %u us",
	    kinds[kind], f->slot, mvgpu_path_name(f->dev.path), ch,
	    (unsigned long long)r.gidx, r.n, delay);
	if (kind != 1 && f->dev.path == MVGPU_VFIO_GROUP && !bug_on(KB_TYPE1_RACE)) {
		say(c, ": skipped (known bug type1-unmap-race)");
		return;
	}
	if (f->chunk_hole & (1u << ch))
		rebacked(f, ch);
	if (!(f->chunk_mapped & (1u << ch)) &&
	    !mvgpu_dma_map(&f->dev, f->chunks + ch * CHUNK, r.iova, CHUNK))
		f->chunk_mapped |= 1u << ch;
	if (!f->pv && fd_attach(f))
		fail(c, -1, 0, f->g.err);
	record_op(c);
	if (pthread_create(&t, NULL, race_writes, &r)) {
		say(c, ": no thread");
		return;
	}
	if (kind == 2) {
		ap = mmap(NULL, 8 * PG, PROT_READ | PROT_WRITE, MAP_SHARED,
			  f->dev.device_fd, (off_t)(((uint64_t)BAR2 << IDX_SHIFT) +
			  r.gidx * PG));
		if (ap == MAP_FAILED)
			ap = NULL;
		else
			touch_pages(ap, r.n / 4);
	}
	usleep(delay);
	if (kind == 1) {
		ret = mvgpu_reset(&f->dev);
		pthread_join(t, NULL);
		fd_forget_state(f);
		expect(c, OP_RACE, ret, OK);
		/* Once nobody writes, a reset leaves nothing pinned. */
		if (!mvgpu_reset(&f->dev) && slot_pins(f->slot))
			fail(c, 0, 0, "frames pinned after a reset with no writer");
		return;
	}
	ret = mvgpu_dma_unmap(&f->dev, r.iova, CHUNK);
	if (ap)
		touch_pages(ap, 16);
	pthread_join(t, NULL);
	if (ap) {
		touch_pages(ap, 16);
		munmap(ap, 8 * PG);
	}
	if (expect(c, OP_RACE, ret, f->chunk_mapped & (1u << ch) ? OK :
		   EB(ENOENT)) && !ret)
		f->chunk_mapped &= ~(1u << ch);
	f->chunk_taint |= 3u << (ch & ~1u);
}

/* ---- reset, GTT, registers --------------------------------------------------- */

static void op_reset(struct child *c)
{
	struct fdev *f = dev_of(c);

	if (!f)
		return;
	say(c, "reset slot %d", f->slot);
	record_op(c);
	expect(c, OP_RESET, mvgpu_reset(&f->dev), OK);
	fd_forget_state(f);
}

static uint64_t pick_pte(struct child *c, struct fdev *f)
{
	uint32_t r = pick(c, 12);
	uint64_t page = (uint64_t)pick(c, NCHUNK * CHUNK / PG) * PG;

	switch (r) {
	case 0: case 1: case 2: case 3:
		return (IOVA_C + page) | PTE_P;			/* a chunk page */
	case 4:
		return (IOVA_G + pick(c, GMEM_SIZE / PG) * PG) | PTE_P;
	case 5:
		return IOVA_NONE | PTE_P;			/* unmapped */
	case 6:
		return (IOVA_C + page) | PTE_P | (1ull << (1 + pick(c, 11)));
	case 7:
		return (IOVA_C + page) | PTE_P | (1ull << (39 + pick(c, 25)));
	case 8:
		return IOVA_C + page;				/* not present */
	case 9:
		return UINT64_MAX;
	case 10:
		return (rnd(c) & MVGPU_GTT_PTE_ADDR_MASK) | PTE_P;
	}
	(void)f;
	return rnd(c);
}

static uint64_t pick_gidx(struct child *c, struct fdev *f)
{
	uint32_t r = pick(c, 10);

	switch (r) {
	case 0: case 1: case 2:
		return f->ap_base / PG + pick(c, (uint32_t)(f->ap_size / PG));
	case 3: case 4: case 5:
		return f->hid_base / PG + pick(c, (uint32_t)(f->hid_size / PG));
	case 6:
		return 0;
	case 7:
		return MVGPU_GTT_NUM_ENTRIES - 1;
	case 8:
		return f->ap_base / PG + f->ap_size / PG;	/* just past */
	}
	return pick(c, MVGPU_GTT_NUM_ENTRIES);
}

static void op_gtt(struct child *c)
{
	static const unsigned int sizes[] = { 8, 8, 8, 8, 8, 8, 4, 4, 4, 2, 1, 16 };
	struct fdev *f = dev_of(c);
	unsigned int size = sizes[pick(c, sizeof(sizes) / sizeof(sizes[0]))];
	uint64_t gidx, pte, off;
	uint8_t buf[16];
	int ret;

	if (!f)
		return;
	gidx = pick_gidx(c, f);
	pte = pick_pte(c, f);
	off = MVGPU_GTT_OFFSET + gidx * MVGPU_GTT_ENTRY_SIZE;
	if (size == 4 && chance(c, 50))
		off += 4;
	else if (chance(c, 3))
		off += 1 + pick(c, 7);	/* misaligned */
	if (!f->pv && chance(c, 80) && fd_attach(f))
		fail(c, -1, 0, f->g.err);
	memcpy(buf, &pte, sizeof(pte));
	memcpy(buf + 8, &pte, sizeof(pte));
	say(c, "gtt slot %d%s index %#llx +%llu size %u pte %#llx", f->slot,
	    f->pv ? "" : " (no PV)", (unsigned long long)gidx,
	    (unsigned long long)(off % 8), size, (unsigned long long)pte);
	record_op(c);
	ret = mvgpu_region_write(&f->dev, BAR0, off, buf, size);
	expect(c, OP_GTT, ret, (size == 4 || size == 8) && !(off % size) &&
	       off + size <= MVGPU_BAR0_SIZE ? OK : EB(EINVAL));
	taint(f, pte, size == 8);
}

static void op_reg(struct child *c)
{
	static const uint32_t ring_regs[] = { 0x30, 0x34, 0x38, 0x3c, 0x74,
					      0x80, 0x9c, 0x358, 0x600 };
	struct fdev *f = dev_of(c);
	uint32_t r = pick(c, 16), off, val = (uint32_t)rnd(c);
	unsigned int size = chance(c, 85) ? 4 : 8;
	uint64_t v64 = (uint64_t)rnd(c) << 32 | val;
	int ret;

	if (!f)
		return;
	switch (r) {
	case 0: case 1:
		off = MVGPU_REG_GDRST;
		val = pick(c, 16);
		break;
	case 2: case 3: case 4: case 5: case 6:
		off = MVGPU_RING_BASE(pick(c, 2)) +
		      ring_regs[pick(c, sizeof(ring_regs) / sizeof(ring_regs[0]))];
		if (chance(c, 50))
			val &= 0x1ffff8;
		break;
	case 7:
		off = MVGPU_REG_MASTER_IRQ;
		break;
	case 8: case 9:
		off = (pick(c, 2) ? MVGPU_IRQ_BANK_GT0 : MVGPU_IRQ_BANK_DE_MISC) +
		      4 * pick(c, 4);
		break;
	case 10: case 11:
		off = PV(4 * pick(c, 0x40));
		if (off == PV(MVGPU_PV_G2V_NOTIFY))
			val = pick(c, 4);
		break;
	case 12:
		off = MVGPU_REG_SWF(pick(c, MVGPU_NUM_SWF));
		break;
	default:
		off = 4 * pick(c, MVGPU_MMIO_SIZE / 4);
		break;
	}
	if (size == 8)
		off &= ~7u;
	else
		v64 = val;
	say(c, "reg slot %d write %#x size %u val %#llx", f->slot, off, size,
	    (unsigned long long)v64);
	record_op(c);
	ret = size == 8 ? mvgpu_mmio_write64(&f->dev, off, v64) :
			  mvgpu_mmio_write32(&f->dev, off, val);
	expect(c, OP_REG, ret, OK);
}

/* ---- the guest driver: setup and submissions ------------------------------- */

static int irq_setup(struct fdev *f)
{
	const uint32_t bits = GPU_GT0_BITS(RCS) | GPU_GT0_BITS(BCS);
	struct gpu *g = &f->g;

	if (mvgpu_irq_set_trigger(&f->dev, MSI, f->irq_efd) ||
	    gpu_wr(g, MVGPU_IRQ_IMR(MVGPU_IRQ_BANK_GT0), ~bits & MVGPU_GT0_VALID_MASK) ||
	    gpu_wr(g, MVGPU_IRQ_IIR(MVGPU_IRQ_BANK_GT0), MVGPU_GT0_VALID_MASK) ||
	    gpu_wr(g, MVGPU_IRQ_IER(MVGPU_IRQ_BANK_GT0), bits) ||
	    gpu_wr(g, MVGPU_REG_MASTER_IRQ, MVGPU_MASTER_IRQ_CONTROL))
		return -EIO;
	return 0;
}

/* Guest memory layout (gm_base = hidden slice base). */
#define G_RING(e)	((e) * 2 * PG)
#define G_HWS(e)	((e) * 2 * PG + PG)
#define G_BATCH		(4 * PG)
#define G_DATA		(8 * PG)

/* The guest driver's setup: handshake, GTT entries of gmem, IRQs, rings. */
static void setup(struct child *c, struct fdev *f)
{
	size_t off;
	unsigned int e;
	int ret = 0;

	say(c, "setup slot %d", f->slot);
	record_op(c);
	if (fd_attach(f)) {
		fail(c, -1, 0, f->g.err);
		return;
	}
	if (!f->gmem_mapped) {
		ret = mvgpu_dma_map(&f->dev, f->gmem, IOVA_G, GMEM_SIZE);
		if (!expect(c, OP_SETUP, ret, OK))
			return;
		f->gmem_mapped = f->g.dma_mapped = true;
	}
	for (off = 0; off < GMEM_SIZE && !ret; off += PG)
		ret = gpu_gtt_set(&f->g, f->hid_base + off, gpu_mem_pte(&f->g, off));
	f->gmem_gtt = true;
	if (!ret)
		ret = irq_setup(f);
	for (e = 0; e < MVGPU_NUM_ENGINES && !ret; e++)
		ret = gpu_ring_init(&f->g, e, f->hid_base + G_RING(e), PG,
				    f->hid_base + G_HWS(e));
	if (expect(c, OP_SETUP, ret, OK))
		f->rings = true;
}

static void op_setup(struct child *c)
{
	struct fdev *f = dev_of(c);

	if (f)
		setup(c, f);
}

/* Engine @e refuses work or its ring is full: GDRST it and start again. */
static void recover(struct fdev *f, unsigned int e)
{
	gpu_engine_reset(&f->g, e, 200);
	gpu_ring_restart(&f->g, e);
}

static void submit(struct child *c, struct fdev *f, unsigned int e,
		   struct gpu_cs *cs, bool wait)
{
	uint32_t tail;
	int ret = gpu_submit(&f->g, e, cs, &tail);

	if (ret == -ENOSPC) {
		say(c, " [ring full: GDRST]");
		recover(f, e);
		ret = gpu_submit(&f->g, e, cs, &tail);
	}
	if (ret) {
		say(c, " not submitted: %s", tap_errname(ret));
		return;
	}
	if (wait) {
		ret = gpu_wait(&f->g, e, tail, 200, NULL);
		say(c, " wait %s", ret ? tap_errname(ret) : "0");
	}
}

static void op_submit(struct child *c)
{
	struct fdev *f = dev_of(c);
	unsigned int e = pick(c, 2), n = 1 + pick(c, 4), i;
	uint64_t data, batch;
	struct gpu_cs cs;

	if (!f)
		return;
	if (!f->rings) {
		setup(c, f);
		say(c, "; ");
	}
	data = f->hid_base + G_DATA;
	batch = f->hid_base + G_BATCH;
	cs_init(&cs, c->stage, 0, sizeof(c->stage));
	say(c, "submit slot %d engine %u:", f->slot, e);
	for (i = 0; i < n; i++) {
		uint32_t k = pick(c, 6), v = (uint32_t)rnd(c);
		uint64_t at = data + 4 * pick(c, 2048);

		say(c, " %u", k);
		switch (k) {
		case 0:
			cs_sdi32(&cs, at, v);
			break;
		case 1:
			if (e == RCS)
				cs_pipe_control_store(&cs, at & ~7ull, v);
			else
				cs_flush_dw_store32(&cs, at, v);
			break;
		case 2:
			if (e == RCS)
				cs_compute(&cs, 1 + pick(c, 2), 1 + pick(c, 1024),
					   data, data + 4096, data + 8192, v);
			else
				cs_color_blt(&cs, data, 256, 0, 0, 1 + pick(c, 64),
					     1 + pick(c, 16), v);
			break;
		case 3: {
			struct gpu_cs bb;

			cs_init_gm(&bb, &f->g, batch + 256 * pick(c, 8), 256);
			cs_sdi32(&bb, at, v);
			cs_bb_end(&bb);
			cs_bb_start(&cs, bb.gm, 0);
			break;
		}
		case 4:
			cs_user_interrupt(&cs);
			break;
		default:
			cs_sdi64(&cs, at & ~7ull, (uint64_t)v << 32 | v);
			break;
		}
	}
	record_op(c);
	submit(c, f, e, &cs, chance(c, 30));
}

static void op_bad_submit(struct child *c)
{
	struct fdev *f = dev_of(c);
	unsigned int e = pick(c, 2), k = pick(c, 12), i;
	uint64_t batch, out;
	struct gpu_cs cs, bb;

	if (!f)
		return;
	if (!f->rings) {
		setup(c, f);
		say(c, "; ");
	}
	batch = f->hid_base + G_BATCH + 256 * pick(c, 8);
	out = f->ap_base >= 64 * MIB ? 0x1000 : f->hid_base + f->hid_size;
	cs_init(&cs, c->stage, 0, sizeof(c->stage));
	cs_init_gm(&bb, &f->g, batch, 256);
	say(c, "bad_submit slot %d engine %u kind %u", f->slot, e, k);
	switch (k) {
	case 0:		/* random dwords */
		for (i = 1 + pick(c, 24); i; i--)
			cs_dw(&cs, (uint32_t)rnd(c));
		break;
	case 1:
		cs_dw(&cs, MVGPU_MI_INSTR(0x3e, 0));
		break;
	case 2:		/* wrong engine */
		if (e == RCS)
			cs_color_blt(&cs, f->hid_base + G_DATA, 256, 0, 0, 4, 4, 1);
		else
			cs_pipe_control_store(&cs, f->hid_base + G_DATA, 1);
		break;
	case 3:
		cs_lri(&cs, pick(c, 2) ? MVGPU_REG_MASTER_IRQ : MVGPU_REG_GDRST,
		       (uint32_t)rnd(c));
		break;
	case 4:
		cs_sdi32(&cs, pick(c, 2) ? out : rnd(c) & 0xfffffffcull, 1);
		break;
	case 5:
		cs_bb_start(&cs, batch, MVGPU_BB_PPGTT);
		break;
	case 6:
		cs_bb_start(&cs, pick(c, 2) ? out : batch, MVGPU_BB_SECOND_LEVEL);
		break;
	case 7:		/* a batch that never ends: NOOPs up to the limit */
		memset(gpu_va(&f->g, batch), 0, 256);
		cs_bb_start(&cs, batch, 0);
		break;
	case 8:		/* chains to itself */
		cs_bb_start(&bb, batch, 0);
		cs_bb_start(&cs, batch, 0);
		break;
	case 9: {	/* truncated by TAIL */
		uint32_t dw[6] = { MVGPU_MI_STORE_DATA_IMM | MVGPU_MI_USE_GGTT | 4,
				   (uint32_t)(f->hid_base + G_DATA), 0, 1, 2, 0 };

		record_op(c);
		if (!gpu_ring_emit_raw(&f->g, e, dw, 4))
			gpu_ring_kick(&f->g, e);
		return;
	}
	case 10:	/* TAIL anywhere */
		record_op(c);
		gpu_wr(&f->g, MVGPU_RING_TAIL(MVGPU_RING_BASE(e)),
		       (uint32_t)rnd(c) & MVGPU_TAIL_ADDR);
		return;
	default:	/* compute reading outside the slices */
		cs_compute(&cs, MVGPU_KERNEL_CHECKSUM, 1 + pick(c, 4096), out, out,
			   f->hid_base + G_DATA, 0);
		break;
	}
	record_op(c);
	submit(c, f, e, &cs, chance(c, 20));
	if (chance(c, 50)) {
		say(c, " GDRST");
		recover(f, e);
	}
}

/* ---- sysfs ------------------------------------------------------------------- */

static void op_create(struct child *c)
{
	static const char *const types[] = { "V1_64", "V1_64", "V1_64", "V1_8",
					     "V1_8", "V1_4", "V1_2", "V1_1" };
	int s, slots[MAX_SLOTS], n, p = pick(c, (uint32_t)shm->npgpus), ret;
	const char *type = types[pick(c, 8)];
	uint32_t r = pick(c, 10);
	char uuid[MVGPU_UUID_LEN + 1];

	if (r == 0 && (n = present_slots(slots, true))) {
		s = slots[pick(c, n)];
		say(c, "create %s %s with the UUID of slot %d", shm->pgpus[p],
		    type, s);
		record_op(c);
		expect(c, OP_CREATE, mvgpu_vgpu_create(shm->pgpus[p], type,
						       shm->slots[s].uuid),
		       EB(EEXIST));
		return;
	}
	if (r == 1) {
		say(c, "create %s %s with a malformed UUID", shm->pgpus[p], type);
		record_op(c);
		expect(c, OP_CREATE, mvgpu_vgpu_create(shm->pgpus[p], type,
						       "0123-not-a-uuid"),
		       EB(EINVAL));
		return;
	}
	for (s = 0; s < MAX_SLOTS; s++) {
		int free = SLOT_FREE;

		if (__atomic_compare_exchange_n(&shm->slots[s].state, &free,
						SLOT_BUSY, false, __ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST))
			break;
	}
	if (s == MAX_SLOTS) {
		say(c, "create: no free slot");
		return;
	}
	if (mvgpu_uuid_generate(uuid)) {
		__atomic_store_n(&shm->slots[s].state, SLOT_FREE, __ATOMIC_RELEASE);
		return;
	}
	say(c, "create slot %d %s %s %s", s, shm->pgpus[p], type, uuid);
	record_op(c);
	ret = mvgpu_vgpu_create(shm->pgpus[p], type, uuid);
	expect(c, OP_CREATE, ret, OK | EB(ENOSPC));
	if (!ret) {
		memcpy(shm->slots[s].uuid, uuid, sizeof(uuid));
		shm->slots[s].pgpu = p;
		shm->slots[s].canary = 0;
	}
	__atomic_store_n(&shm->slots[s].state, ret ? SLOT_FREE : SLOT_PRESENT,
			 __ATOMIC_RELEASE);
}

static void op_remove(struct child *c)
{
	int slots[MAX_SLOTS], n, s, present = SLOT_PRESENT, ret;
	char path[256];

	n = present_slots(slots, false);
	if (!n) {
		say(c, "remove: no vGPU");
		return;
	}
	s = slots[pick(c, n)];
	if (chance(c, 10)) {
		static const char *const junk[] = { "0", "junk", "" };
		unsigned int j = pick(c, 3);

		snprintf(path, sizeof(path), MVGPU_MDEV_DEV_DIR "/%s/remove",
			 shm->slots[s].uuid);
		say(c, "remove slot %d: write \"%s\"", s, junk[j]);
		record_op(c);
		ret = mvgpu_sysfs_write_str(path, junk[j]);
		expect(c, OP_REMOVE, ret, j == 1 ? EB(EINVAL) | EB(ENOENT) :
		       OK | EB(EINVAL) | EB(ENOENT));
		return;
	}
	if (n <= 5) {
		say(c, "remove: only %d vGPUs left to fuzz, keeping them", n);
		return;
	}
	/* Holding nothing, so that removals cannot wait on each other. */
	close_all(c);
	if (!__atomic_compare_exchange_n(&shm->slots[s].state, &present,
					 SLOT_BUSY, false, __ATOMIC_SEQ_CST,
					 __ATOMIC_SEQ_CST)) {
		say(c, "remove slot %d: gone meanwhile", s);
		return;
	}
	say(c, "remove slot %d %s", s, shm->slots[s].uuid);
	record_op(c);
	ret = mvgpu_vgpu_remove(shm->slots[s].uuid);
	expect(c, OP_REMOVE, ret, OK);
	__atomic_store_n(&shm->slots[s].state, ret ? SLOT_PRESENT : SLOT_FREE,
			 __ATOMIC_RELEASE);
}

static void op_sysfs(struct child *c)
{
	static const char *const vals[] = { "0", "1", "4", "20", "30", "31", "100",
					    "101", "-1", "abc", "", "99999999999" };
	static const char *const policies[] = { "best_effort", "equal_share",
						"fixed_share", "weighted", "bogus",
						"" };
	/* Not the canaries': a cap of 1% would starve their workload. */
	int slots[MAX_SLOTS], n = present_slots(slots, false), s;
	int p = pick(c, (uint32_t)shm->npgpus);
	uint32_t r = pick(c, 4);
	const char *v = vals[pick(c, sizeof(vals) / sizeof(vals[0]))];
	char path[256];
	int ret;

	if (r < 2 && n) {
		s = slots[pick(c, n)];
		snprintf(path, sizeof(path), MVGPU_MDEV_DEV_DIR "/%s/mvgpu/%s",
			 shm->slots[s].uuid, r ? "sched_cap" : "sched_weight");
	} else if (r == 2) {
		snprintf(path, sizeof(path), MVGPU_MDEV_BUS_DIR "/%s/mvgpu/sched_slice_ms",
			 shm->pgpus[p]);
	} else {
		snprintf(path, sizeof(path), MVGPU_MDEV_BUS_DIR "/%s/mvgpu/sched_policy",
			 shm->pgpus[p]);
		v = policies[pick(c, 6)];
	}
	say(c, "sysfs write \"%s\" to %s", v, path);
	record_op(c);
	ret = mvgpu_sysfs_write_str(path, v);
	expect(c, OP_SYSFS, ret, OK | EB(EINVAL) | EB(ERANGE) | EB(ENOENT));
}

/* ---- the fuzz process ---------------------------------------------------------- */

typedef void (*op_fn)(struct child *c);

static const op_fn op_fns[NR_OPS] = {
	[OP_OPEN] = op_open, [OP_CLOSE] = op_close,
	[OP_SET_IRQS] = op_set_irqs, [OP_REGION_INFO] = op_region_info,
	[OP_IRQ_INFO] = op_irq_info, [OP_DEV_INFO] = op_dev_info,
	[OP_IOCTL] = op_ioctl, [OP_RW] = op_rw, [OP_MMAP] = op_mmap,
	[OP_MUNMAP] = op_munmap, [OP_TOUCH] = op_touch,
	[OP_DMA_MAP] = op_dma_map, [OP_DMA_UNMAP] = op_dma_unmap,
	[OP_DMA_HOLE] = op_dma_hole, [OP_RACE] = op_race,
	[OP_RESET] = op_reset, [OP_GTT] = op_gtt, [OP_SETUP] = op_setup,
	[OP_SUBMIT] = op_submit, [OP_BAD_SUBMIT] = op_bad_submit,
	[OP_REG] = op_reg, [OP_CREATE] = op_create, [OP_REMOVE] = op_remove,
	[OP_SYSFS] = op_sysfs,
};

static enum op_id pick_op(struct child *c)
{
	unsigned int total = 0, i, r;

	for (i = 0; i < NR_OPS; i++)
		total += ops[i].weight;
	r = pick(c, total);
	for (i = 0; i < NR_OPS; i++) {
		if (r < ops[i].weight)
			return i;
		r -= ops[i].weight;
	}
	return OP_RW;
}

static void *map_anon(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static int child_init(struct child *c, unsigned int idx, uint64_t seed,
		      unsigned int phase)
{
	unsigned int i;

	memset(c, 0, sizeof(*c));
	c->idx = idx;
	c->rng = seed;
	c->logfd = -1;
	c->t0 = e2e_now_ms();
	c->iobuf = mmap(NULL, IOBUF + PG, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (c->iobuf == MAP_FAILED)
		return -ENOMEM;
	c->guard = c->iobuf + IOBUF;
	mprotect(c->guard, PG, PROT_NONE);
	c->nullfd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	for (i = 0; i < NFDEV; i++) {
		struct fdev *f = &c->f[i];

		f->gmem = map_anon(GMEM_SIZE);
		f->chunks = map_anon(NCHUNK * CHUNK);
		f->req_efd = mvgpu_eventfd_new();
		f->irq_efd = mvgpu_eventfd_new();
		if (!f->gmem || !f->chunks || f->req_efd < 0 || f->irq_efd < 0)
			return -ENOMEM;
	}
	if (opt_log) {
		char path[PATH_MAX];

		snprintf(path, sizeof(path), "%s/fuzz-phase%u-child%u.log",
			 opt_log, phase, idx);
		c->logfd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
				0644);
	}
	return 0;
}

static void log_op(struct child *c)
{
	char line[DESC_LEN + 32];
	int n = snprintf(line, sizeof(line), "%llu %s\n",
			 (unsigned long long)(e2e_now_ms() - c->t0), c->desc);

	if (c->logfd >= 0 && write(c->logfd, line, n) < 0)
		c->logfd = -1;
	if (opt_verbose)
		fprintf(stderr, "[child %u] %s", c->idx, line);
}

static void child_main(unsigned int idx, uint64_t seed, unsigned int phase,
		       uint64_t deadline_ms)
{
	static struct child c;
	unsigned int i;

	if (child_init(&c, idx, seed, phase))
		_exit(3);
	for (c.opno = 0; !opt_ops || c.opno < opt_ops; c.opno++) {
		enum op_id op;

		if (e2e_now_ms() >= deadline_ms)
			break;
		check_req(&c);
		for (i = 0; i < OP_WORDS; i++)
			c.w[i] = splitmix(&c.rng);
		c.wi = 0;
		c.desc[0] = '\0';
		op = pick_op(&c);
		snprintf(c.desc, sizeof(c.desc), "#%llu ",
			 (unsigned long long)c.opno);
		op_fns[op](&c);
		__atomic_fetch_add(&shm->runs[op], 1, __ATOMIC_RELAXED);
		record_op(&c);
		shm->child[idx].next++;
		shm->child[idx].ops = c.opno + 1;
		log_op(&c);
	}
	close_all(&c);
	_exit(0);
}

/* ---- canaries ------------------------------------------------------------------ */

#define CAN_N		1024u		/* SAXPY elements */
#define CAN_PITCH	256u
#define CAN_ROWS	16u

struct canary {
	struct gpu g;
	uint64_t a, b, d, st, fill;
	uint32_t ref[CAN_N];
	uint32_t stage[256];
};

static int canary_run(struct canary *k, unsigned int e, struct gpu_cs *cs)
{
	uint32_t tail;
	int ret = gpu_submit(&k->g, e, cs, &tail);

	if (!ret)
		ret = gpu_wait(&k->g, e, tail, CANARY_WAIT_MS, NULL);
	if (ret) {
		gpu_engine_reset(&k->g, e, 1000);
		gpu_ring_restart(&k->g, e);
	}
	return ret;
}

/* One round of the known workload; false (and @why) if a result is wrong. */
static bool canary_round(struct canary *k, uint32_t n, char *why, size_t len)
{
	uint32_t *a = gpu_va(&k->g, k->a), *b = gpu_va(&k->g, k->b);
	uint32_t *d = gpu_va(&k->g, k->d), *st = gpu_va(&k->g, k->st);
	uint32_t *fill = gpu_va(&k->g, k->fill), i, color = 0xc0000000u | n;
	struct gpu_cs cs;
	int ret;

	for (i = 0; i < CAN_N; i++) {
		a[i] = n * 2654435761u + i;
		b[i] = ~i ^ n;
	}
	memset(d, 0, CAN_N * 4);
	st[0] = st[2] = 0;
	gpu_saxpy_ref(k->ref, a, b, CAN_N, n | 1);
	cs_init(&cs, k->stage, 0, sizeof(k->stage));
	cs_compute(&cs, MVGPU_KERNEL_SAXPY, CAN_N, k->a, k->b, k->d, n | 1);
	cs_sdi32(&cs, k->st, n);
	ret = canary_run(k, RCS, &cs);
	if (ret) {
		snprintf(why, len, "RCS round %u: %s (%.160s)", n,
			 tap_errname(ret), k->g.err);
		return false;
	}
	cs_init(&cs, k->stage, 0, sizeof(k->stage));
	cs_color_blt(&cs, k->fill, CAN_PITCH, 0, 0, CAN_PITCH / 4, CAN_ROWS, color);
	cs_flush_dw_store32(&cs, k->st + 8, n);
	ret = canary_run(k, BCS, &cs);
	if (ret) {
		snprintf(why, len, "BCS round %u: %s (%.160s)", n,
			 tap_errname(ret), k->g.err);
		return false;
	}
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (memcmp(d, k->ref, CAN_N * 4) || st[0] != n || st[2] != n) {
		snprintf(why, len, "round %u: SAXPY %s, stores %#x/%#x", n,
			 memcmp(d, k->ref, CAN_N * 4) ? "wrong" : "right",
			 st[0], st[2]);
		return false;
	}
	for (i = 0; i < CAN_PITCH / 4 * CAN_ROWS; i++) {
		if (fill[i] != color) {
			snprintf(why, len, "round %u: fill wrong at %u: %#x", n, i,
				 fill[i]);
			return false;
		}
	}
	return true;
}

static void canary_main(unsigned int i, const char *uuid, int ready)
{
	static struct canary k;
	struct canary_info *ci = &shm->canary[i];
	uint32_t n = 1;
	int ret;

	ret = gpu_setup(&k.g, uuid, 256 * 1024, 0x20000000ull,
			1u << RCS | 1u << BCS);
	k.a = gpu_alloc(&k.g, CAN_N * 4, 0);
	k.b = gpu_alloc(&k.g, CAN_N * 4, 0);
	k.d = gpu_alloc(&k.g, CAN_N * 4, 0);
	k.st = gpu_alloc(&k.g, PG, 0);
	k.fill = gpu_alloc(&k.g, CAN_PITCH * CAN_ROWS, 0);
	if (ret || !k.fill) {
		snprintf(ci->why, sizeof(ci->why), "setup: %.200s", k.g.err);
		ci->bad++;
		(void)!write(ready, "F", 1);
		gpu_release(&k.g);
		_exit(1);
	}
	(void)!write(ready, "R", 1);
	close(ready);
	/* During the phase, then once more with the fuzzers gone. */
	for (;;) {
		bool last = __atomic_load_n(&shm->stop, __ATOMIC_ACQUIRE);
		char why[256];

		if (!last)
			usleep(20 * 1000);	/* leave the CPUs to the fuzzers */
		if (canary_round(&k, n++, why, sizeof(why))) {
			ci->ok++;
			ci->after_ok = last;
		} else {
			if (!ci->bad)
				snprintf(ci->why, sizeof(ci->why), "%s", why);
			ci->bad++;
		}
		if (last)
			break;
	}
	gpu_release(&k.g);
	_exit(0);
}

/* ---- the parent ---------------------------------------------------------------- */

static uint64_t child_seed(unsigned int phase, unsigned int i)
{
	return opt_seed + (uint64_t)phase * 1000 + i;
}

static int slot_add(const char *uuid, int pgpu, bool canary)
{
	int s;

	for (s = 0; s < MAX_SLOTS; s++) {
		if (shm->slots[s].state == SLOT_FREE) {
			memcpy(shm->slots[s].uuid, uuid, MVGPU_UUID_LEN + 1);
			shm->slots[s].pgpu = pgpu;
			shm->slots[s].canary = canary;
			shm->slots[s].state = SLOT_PRESENT;
			return s;
		}
	}
	return -1;
}

static bool create_on(int p, const char *type, bool canary)
{
	char uuid[MVGPU_UUID_LEN + 1];
	int ret = mvgpu_uuid_generate(uuid);

	if (!ret)
		ret = e2e_vgpu_create_uuid(shm->pgpus[p], type, uuid);
	if (ret) {
		tap_diag("create %s on %s: %s", type, shm->pgpus[p],
			 tap_errname(ret));
		return false;
	}
	return slot_add(uuid, p, canary) >= 0;
}

/* A second software pGPU: the first free id above 0. */
static void second_pgpu(void)
{
	unsigned int id;

	for (id = 1; id < 16; id++) {
		char name[32];

		snprintf(name, sizeof(name), "sgpu%u", id);
		if (mvgpu_pgpu_exists(name))
			continue;
		if (e2e_pgpu_new(id) == 0 && mvgpu_pgpu_exists(name)) {
			snprintf(shm->pgpus[1], sizeof(shm->pgpus[1]), "%s", name);
			shm->npgpus = 2;
		}
		return;
	}
}

/* ---- kernel log ---- */

static int kmsg = -1;
static unsigned int splats;	/* seen since the last check */

static const char *const splat_pats[] = {
	"WARNING:", "BUG:", "Oops", "Kernel panic", "kernel BUG at",
	"general protection fault", "blocked for more than",
	"trying to register non-static key", "rcu: INFO:", "UBSAN:",
	"Unable to handle kernel", "possible circular locking",
	"possible recursive locking", "inconsistent lock state",
};

/*
 * Count the kernel log lines that look like a splat.  Called often: the
 * log buffer is small next to what the fuzzing makes the driver log, and
 * records a reader has not read by the time they are overwritten are lost.
 */
static void kmsg_poll(void)
{
	unsigned int i;
	char rec[8192];
	ssize_t n;

	if (kmsg < 0)
		return;
	while ((n = read(kmsg, rec, sizeof(rec) - 1)) != 0) {
		if (n < 0 && errno == EPIPE) {
			tap_diag("kernel log records were lost before they were read");
			continue;
		}
		if (n < 0)
			break;
		rec[n] = '\0';
		for (i = 0; i < sizeof(splat_pats) / sizeof(splat_pats[0]); i++) {
			if (strstr(rec, splat_pats[i])) {
				char *msg = strchr(rec, ';');

				if (splats++ < 10)
					tap_diag("kernel: %s", msg ? msg + 1 : rec);
				break;
			}
		}
	}
}

/* Splats since the last call. */
static unsigned int kmsg_splats(void)
{
	unsigned int n;

	kmsg_poll();
	n = splats;
	splats = 0;
	return n;
}

static void print_last_ops(unsigned int i)
{
	struct child_info *ci = &shm->child[i];
	uint32_t k, from = ci->next > LAST_OPS ? ci->next - LAST_OPS + 1 : 0;

	for (k = from; k <= ci->next; k++)
		if (ci->last[k % LAST_OPS][0])
			tap_diag("  child %u: %s", i, ci->last[k % LAST_OPS]);
}

/* What went wrong with process @i (a fuzz child, or a canary). */
static void tell(bool canary, unsigned int i, const char *what, int code)
{
	if (canary) {
		tap_diag("canary %u %s %d: %s", i, what, code, shm->canary[i].why);
		return;
	}
	tap_diag("child %u (seed %#llx) %s %d after %llu ops; its last operations:",
		 i, (unsigned long long)shm->child[i].seed, what, code,
		 (unsigned long long)shm->child[i].ops);
	print_last_ops(i);
}

/* Wait for the children until @deadline; the stuck ones are reported. */
static bool reap(pid_t *pids, unsigned int n, uint64_t deadline, bool canary)
{
	unsigned int left = 0, i;
	bool ok = true;

	for (i = 0; i < n; i++)
		left += pids[i] > 0;
	while (left) {
		for (i = 0; i < n; i++) {
			int st;
			pid_t p;

			if (pids[i] <= 0)
				continue;
			p = waitpid(pids[i], &st, WNOHANG);
			if (p == 0)
				continue;
			if (p > 0 && !(WIFEXITED(st) && WEXITSTATUS(st) == 0)) {
				ok = false;
				tell(canary, i, WIFSIGNALED(st) ? "died of signal" :
				     "exited with", WIFSIGNALED(st) ? WTERMSIG(st) :
				     WEXITSTATUS(st));
			}
			pids[i] = 0;
			left--;
		}
		if (!left)
			break;
		kmsg_poll();
		if (e2e_now_ms() > deadline) {
			for (i = 0; i < n; i++) {
				if (pids[i] <= 0)
					continue;
				tell(canary, i, "stuck, killed; pid", pids[i]);
				kill(pids[i], SIGKILL);
			}
			ok = false;
			deadline = e2e_now_ms() + 10000;
			while (left && e2e_now_ms() < deadline) {
				for (i = 0; i < n; i++)
					if (pids[i] > 0 && waitpid(pids[i], NULL, WNOHANG) > 0) {
						pids[i] = 0;
						left--;
					}
				usleep(50 * 1000);
			}
			break;
		}
		usleep(20 * 1000);
	}
	return ok;
}

static void run_phase(unsigned int phase, uint64_t ms)
{
	pid_t kids[MAX_PROCS] = { 0 }, cans[NR_CANARY] = { 0 };
	unsigned int i, ncan = 0, fails0 = shm->nfails, viol0 = shm->violations;
	uint64_t start = e2e_now_ms(), ops = 0;
	int slots[MAX_SLOTS], n, s;
	bool crashed, pins = true, can_ok = true;

	tap_diag("phase %u: %u fuzz process(es) for %llu ms", phase + 1,
		 opt_only >= 0 ? 1 : opt_procs, (unsigned long long)ms);
	__atomic_store_n(&shm->stop, 0, __ATOMIC_RELEASE);
	memset(shm->canary, 0, sizeof(shm->canary));
	for (s = 0; s < MAX_SLOTS; s++)
		shm->slots[s].holders = shm->slots[s].canary;
	for (s = 0; s < MAX_SLOTS; s++) {
		int p[2];
		char ch = 0;

		if (shm->slots[s].state != SLOT_PRESENT || !shm->slots[s].canary ||
		    ncan >= NR_CANARY || pipe(p))
			continue;
		cans[ncan] = fork();
		if (cans[ncan] == 0) {
			close(p[0]);
			canary_main(ncan, shm->slots[s].uuid, p[1]);
		}
		close(p[1]);
		if (read(p[0], &ch, 1) != 1 || ch != 'R')
			tap_diag("canary %u on %s did not start: %s", ncan,
				 shm->pgpus[shm->slots[s].pgpu], shm->canary[ncan].why);
		close(p[0]);
		ncan++;
	}
	for (i = 0; i < opt_procs; i++) {
		struct child_info *ci = &shm->child[i];

		if (opt_only >= 0 && (int)i != opt_only)
			continue;
		memset(ci, 0, sizeof(*ci));
		ci->seed = child_seed(phase, i);
		tap_diag("phase %u child %u: seed %#llx", phase + 1, i,
			 (unsigned long long)ci->seed);
		kids[i] = fork();
		if (kids[i] == 0)
			child_main(i, ci->seed, phase, start + ms);
	}
	crashed = !reap(kids, opt_procs, start + ms + GRACE_MS, false);
	__atomic_store_n(&shm->stop, 1, __ATOMIC_RELEASE);
	reap(cans, ncan, e2e_now_ms() + CANARY_WAIT_MS * 3, true);
	for (i = 0; i < opt_procs; i++)
		ops += shm->child[i].ops;
	tap_diag("phase %u: %llu operations in %llu ms", phase + 1,
		 (unsigned long long)ops,
		 (unsigned long long)(e2e_now_ms() - start));

	tap_ok(!crashed, "phase %u: every fuzz process finished (no crash, "
	       "no hang)", phase + 1);
	for (i = fails0; i < shm->nfails && i < MAX_FAILS; i++)
		tap_diag("%s", shm->fails[i]);
	tap_ok(shm->nfails == fails0, "phase %u: every call returned what is "
	       "documented for it", phase + 1);
	tap_ok(shm->violations == viol0, "phase %u: no vGPU was open twice at "
	       "once", phase + 1);
	for (i = 0; i < ncan; i++) {
		tap_diag("canary %u: %llu rounds correct, %llu wrong%s%s", i,
			 (unsigned long long)shm->canary[i].ok,
			 (unsigned long long)shm->canary[i].bad,
			 shm->canary[i].bad ? ": " : "", shm->canary[i].why);
		can_ok &= shm->canary[i].after_ok && !shm->canary[i].bad;
	}
	tap_ok(ncan && can_ok, "phase %u: the canary vGPUs ran their "
	       "workload correctly, during the phase and after it", phase + 1);
	n = present_slots(slots, true);
	for (i = 0; i < (unsigned int)n; i++) {
		unsigned int pinned = slot_pins(slots[i]);

		if (pinned) {
			tap_diag("slot %d (%s): %u frames pinned while closed",
				 slots[i], shm->slots[slots[i]].uuid, pinned);
			pins = false;
		}
	}
	tap_ok(pins, "phase %u: no closed vGPU keeps pinned frames", phase + 1);
	tap_ok(kmsg_splats() == 0, "phase %u: no kernel splat", phase + 1);
}

/* One diagnostic line: how often operation @i gave each result. */
static void print_stats(unsigned int i)
{
	char line[512];
	size_t l;
	unsigned int b;

	snprintf(line, sizeof(line), "%-12s %5u:", ops[i].name, shm->runs[i]);
	for (b = 0; b < 64; b++) {
		l = strlen(line);
		if (shm->stats[i][b] && l < sizeof(line))
			snprintf(line + l, sizeof(line) - l, " %s:%u",
				 b ? bit_name(b) : "ok", shm->stats[i][b]);
	}
	tap_diag("%s", line);
}

/* ---- main ---------------------------------------------------------------------- */

static void usage(void)
{
	unsigned int i;

	fprintf(stderr,
		"usage: vfio_fuzz [--seed N|random] [--time S] [--ops N] [--procs N]\n"
		"                 [--phases N] [--only-child I] [--known-bugs LIST|all|none]\n"
		"                 [--log DIR] [--verbose]\n"
		"known bugs (default: irq-count0,offset-4g, whose fixes are in):\n");
	for (i = 0; i < sizeof(known_bugs) / sizeof(known_bugs[0]); i++)
		fprintf(stderr, "  %-20s %s\n", known_bugs[i].name,
			known_bugs[i].what);
	exit(2);
}

static unsigned int parse_bugs(const char *s)
{
	unsigned int bits = 0, i;
	char buf[256], *tok, *save;

	snprintf(buf, sizeof(buf), "%s", s);
	if (!strcmp(buf, "none"))
		return 0;
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		bool found = false;

		for (i = 0; i < sizeof(known_bugs) / sizeof(known_bugs[0]); i++) {
			if (!strcmp(tok, "all") || !strcmp(tok, known_bugs[i].name)) {
				bits |= known_bugs[i].bit;
				found = true;
			}
		}
		if (!found)
			usage();
	}
	return bits;
}

static void parse_args(int argc, char **argv)
{
	bool timed = false;
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--verbose")) {
			opt_verbose = true;
			continue;
		}
		if (!v)
			usage();
		i++;
		if (!strcmp(a, "--seed")) {
			if (!strcmp(v, "random")) {
				struct timespec ts;

				clock_gettime(CLOCK_REALTIME, &ts);
				opt_seed = splitmix(&(uint64_t){ (uint64_t)ts.tv_nsec ^
						    (uint64_t)ts.tv_sec << 32 ^ getpid() });
			} else {
				opt_seed = strtoull(v, NULL, 0);
			}
		} else if (!strcmp(a, "--time")) {
			opt_time = strtoul(v, NULL, 0);
			timed = true;
		} else if (!strcmp(a, "--ops")) {
			opt_ops = strtoull(v, NULL, 0);
		} else if (!strcmp(a, "--procs")) {
			opt_procs = strtoul(v, NULL, 0);
		} else if (!strcmp(a, "--phases")) {
			opt_phases = strtoul(v, NULL, 0);
		} else if (!strcmp(a, "--only-child")) {
			opt_only = atoi(v);
		} else if (!strcmp(a, "--known-bugs")) {
			opt_bugs = parse_bugs(v);
		} else if (!strcmp(a, "--log")) {
			opt_log = v;
		} else {
			usage();
		}
	}
	if (!opt_procs || opt_procs > MAX_PROCS || !opt_phases ||
	    opt_only >= (int)opt_procs || !opt_time)
		usage();
	if (opt_ops && !timed)
		opt_time = 3600;	/* --ops alone: bounded by the ops */
}

int main(int argc, char **argv)
{
	char sched_policy[64] = "", sched_slice[64] = "";
	uint64_t avail[8] = { 0 }, after, t0;
	unsigned int i, p;
	int s, factor;
	bool back = true;

	parse_args(argc, argv);
	/*
	 * The default run stays within the harness's 300 s; a slow (debug)
	 * kernel gets the harness's factor.
	 */
	factor = getenv("MVGPU_TIMEOUT_FACTOR") ? atoi(getenv("MVGPU_TIMEOUT_FACTOR")) : 1;
	e2e_init("vfio_fuzz", opt_time + (60 + opt_phases * 40) * (factor > 1 ? factor : 1));
	t0 = e2e_now_ms();
	if (!e2e_require_pgpu())
		return tap_done();
	if (!opt_log)
		opt_log = getenv("MVGPU_ARTIFACTS");
	tap_diag("seed %#llx (replay: vfio_fuzz --seed %#llx --time %u --procs %u "
		 "--phases %u%s%s)", (unsigned long long)opt_seed,
		 (unsigned long long)opt_seed, opt_time, opt_procs, opt_phases,
		 opt_bugs ? " --known-bugs ..." : "", opt_ops ? " --ops ..." : "");
	for (i = 0; i < sizeof(known_bugs) / sizeof(known_bugs[0]); i++)
		tap_diag("known bug %s: %s", known_bugs[i].name,
			 opt_bugs & known_bugs[i].bit ? "fuzzed" : "left out");
	have_cdev = !access("/dev/iommu", F_OK);
	e2e_catch_sigbus();
	{
		/* Its handler serves SIGSEGV as well: an access to a mapping
		 * against its protection. */
		struct sigaction sa;

		sigaction(SIGBUS, NULL, &sa);
		sigaction(SIGSEGV, &sa, NULL);
	}

	shm = mmap(NULL, sizeof(*shm), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (!tap_ok(shm != MAP_FAILED, "setup: shared state"))
		return tap_done();
	memset(shm, 0, sizeof(*shm));
	snprintf(shm->pgpus[0], sizeof(shm->pgpus[0]), "%s", e2e_pgpu());
	shm->npgpus = 1;
	for (i = 0; i < e2e_nr_types && i < 8; i++)
		mvgpu_type_available(e2e_pgpu(), e2e_types[i].name, &avail[i]);
	second_pgpu();
	tap_diag("pGPUs: %s%s%s", shm->pgpus[0], shm->npgpus > 1 ? " " : "",
		 shm->npgpus > 1 ? shm->pgpus[1] : "");
	/* The fuzz writes them; the runtime pGPU goes at the end anyway. */
	e2e_pgpu_attr_read("sched_policy", sched_policy, sizeof(sched_policy));
	e2e_pgpu_attr_read("sched_slice_ms", sched_slice, sizeof(sched_slice));
	{
		bool ok = true;

		for (p = 0; p < (unsigned int)shm->npgpus; p++) {
			ok &= create_on(p, "V1_8", true);
			ok &= create_on(p, "V1_64", false);
			ok &= create_on(p, "V1_64", false);
		}
		ok &= create_on(0, "V1_8", false);
		if (!tap_ok(ok, "setup: canary and fuzz vGPUs created"))
			return tap_done();
	}
	kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (!tap_ok(kmsg >= 0, "setup: the kernel log can be read"))
		tap_diag("/dev/kmsg: %s", tap_errname(-errno));
	else
		lseek(kmsg, 0, SEEK_END);

	for (i = 0; i < opt_phases; i++)
		run_phase(i, (uint64_t)opt_time * 1000 / opt_phases);

	for (i = 0; i < NR_OPS; i++)
		print_stats(i);

	/* Teardown: everything the run created goes; the pGPU is as before. */
	for (s = 0; s < MAX_SLOTS; s++) {
		if (shm->slots[s].state != SLOT_PRESENT)
			continue;
		if (mvgpu_vgpu_exists(shm->slots[s].uuid) &&
		    mvgpu_vgpu_remove(shm->slots[s].uuid))
			tap_diag("cannot remove %s", shm->slots[s].uuid);
		e2e_untrack(shm->slots[s].uuid);
		shm->slots[s].state = SLOT_FREE;
	}
	if (sched_policy[0])
		e2e_pgpu_attr_write("sched_policy", sched_policy);
	if (sched_slice[0])
		e2e_pgpu_attr_write("sched_slice_ms", sched_slice);
	e2e_cleanup();
	for (i = 0; i < e2e_nr_types && i < 8; i++) {
		after = 0;
		mvgpu_type_available(e2e_pgpu(), e2e_types[i].name, &after);
		if (after != avail[i]) {
			tap_diag("%s: available_instances %llu, %llu before",
				 e2e_types[i].name, (unsigned long long)after,
				 (unsigned long long)avail[i]);
			back = false;
		}
	}
	tap_ok(back, "teardown: available_instances back to where they were");
	tap_ok(kmsg_splats() == 0, "teardown: no kernel splat");
	tap_diag("vfio_fuzz took %llu s", (unsigned long long)(e2e_now_ms() - t0) / 1000);
	return tap_done();
}
