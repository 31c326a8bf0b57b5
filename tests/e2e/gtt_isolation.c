// SPDX-License-Identifier: GPL-2.0
/*
 * gtt_isolation - many vGPUs at once keep their graphics memory apart.
 *
 * For two layouts (8 x V1_8, which fills the pGPU's aperture, and
 * 16 x V1_64) every vGPU is opened (group and cdev path alternately),
 * DMA-maps its own buffer, filled with its own pattern, at the SAME IOVA
 * as all the others, and points GTT entries of both its slices at it.
 * Then:
 *  - each vGPU's aperture (mmap and BAR2 pread) shows only its own pages;
 *  - a write through one vGPU's aperture changes only its own memory;
 *  - GTT writes by one vGPU at another's slice indices (aperture and
 *    hidden, 8- and 4-byte) are dropped: they read back 0 on the writer's
 *    view, the victim's entries and data are unchanged; BAR2 access and
 *    mmap of another's slice are refused;
 *  - a DMA unmap by one vGPU takes the pages away from it alone;
 *  - all vGPUs rewrite their entries concurrently (one thread each) and
 *    keep seeing only their own memory.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "e2e.h"

#define BAR2		VFIO_PCI_BAR2_REGION_INDEX
#define PG		4096u
#define PTE_P		MVGPU_GTT_PTE_PRESENT
#define NPG		8u		/* guest pages per vGPU */
#define IOVA		0x100000000ull	/* the same in every vGPU's space */
#define MAXV		16u
#define ROUNDS		40u		/* per thread, concurrent phase */
#define HOST_AP_END	(64ull << 20)	/* software pGPU's host aperture */

struct vg {
	char uuid[MVGPU_UUID_LEN + 1];
	uint64_t id, ap_base, ap_size, hid_base, hid_size;
	enum mvgpu_vfio_path path;
	struct mvgpu_dev dev;
	bool open;
	uint8_t *buf;		/* NPG pages of guest memory */
	uint8_t *ap;		/* mmap of the whole aperture slice */
	unsigned int seed[NPG];	/* expected contents of buf's pages */
	unsigned int rot;	/* aperture page i names buf page (i+rot)%NPG */
	/* concurrent phase */
	pthread_t thread;
	unsigned int failures;
	char why[160];
};

static struct vg vg[MAXV];
static unsigned int nv;
static char cfg[32];		/* "8xV1_8": prefixes every point */
static bool have_cdev;

/* ---- helpers ------------------------------------------------------ */

static uint64_t pat(unsigned int seed, unsigned int id, unsigned int word)
{
	uint64_t x = (uint64_t)seed << 48 ^ (uint64_t)id << 32 ^ word;

	x ^= x >> 31;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 29;
	return x | 1;
}

/* Pattern id of page @p of vGPU @k's buffer. */
static unsigned int pid(unsigned int k, unsigned int p)
{
	return k * 64 + p;
}

static void fill(void *page, unsigned int seed, unsigned int id)
{
	uint64_t *w = page;
	unsigned int i;

	for (i = 0; i < PG / 8; i++)
		w[i] = pat(seed, id, i);
}

static bool same(const void *page, unsigned int seed, unsigned int id)
{
	const uint64_t *w = page;
	unsigned int i;

	for (i = 0; i < PG / 8; i++)
		if (w[i] != pat(seed, id, i))
			return false;
	return true;
}

static uint64_t ap_gidx(const struct vg *v, unsigned int i)
{
	return (v->ap_base >> MVGPU_GTT_PAGE_SHIFT) + i;
}

static uint64_t hid_gidx(const struct vg *v, unsigned int i)
{
	return (v->hid_base >> MVGPU_GTT_PAGE_SHIFT) + i;
}

static uint64_t gtt_off(uint64_t gidx)
{
	return MVGPU_GTT_OFFSET + gidx * MVGPU_GTT_ENTRY_SIZE;
}

static uint64_t pte(unsigned int p)
{
	return (IOVA + (uint64_t)p * PG) | PTE_P;
}

/* The value vGPU @v keeps in its aperture entry @i. */
static uint64_t ap_val(const struct vg *v, unsigned int i)
{
	return pte((i + v->rot) % NPG);
}

static uint64_t gtt_get(struct vg *v, uint64_t gidx)
{
	uint64_t val;

	return mvgpu_mmio_read64(&v->dev, gtt_off(gidx), &val) ? ~0ull : val;
}

static int set_entries(struct vg *v)
{
	unsigned int i;
	int ret = 0;

	for (i = 0; i < NPG && !ret; i++)
		ret = mvgpu_mmio_write64(&v->dev, gtt_off(ap_gidx(v, i)),
					 ap_val(v, i));
	for (i = 0; i < NPG && !ret; i++)
		ret = mvgpu_mmio_write64(&v->dev, gtt_off(hid_gidx(v, i)), pte(i));
	return ret;
}

static bool entries_ok(struct vg *v)
{
	unsigned int i;

	for (i = 0; i < NPG; i++)
		if (gtt_get(v, ap_gidx(v, i)) != ap_val(v, i) ||
		    gtt_get(v, hid_gidx(v, i)) != pte(i))
			return false;
	return true;
}


/*
 * Whether vGPU @k's aperture pages 0..NPG-1 show its own buffer through
 * the mmap and through BAR2 pread (a few 8-byte reads a page).  On
 * failure, @why says what differed.
 */
static bool sees_own(unsigned int k, char *why, size_t len)
{
	struct vg *v = &vg[k];
	uint8_t tmp[PG];
	unsigned int i, j;

	for (i = 0; i < NPG; i++) {
		unsigned int p = (i + v->rot) % NPG;
		static const unsigned int offs[] = { 0, 0x408, PG - 8 };

		if (e2e_guarded_copy(tmp, v->ap + (size_t)i * PG, PG)) {
			snprintf(why, len, "vGPU %u aperture page %u: SIGBUS", k, i);
			return false;
		}
		if (!same(tmp, v->seed[p], pid(k, p))) {
			for (j = 0; j < nv; j++)
				if (j != k && same(tmp, vg[j].seed[p], pid(j, p)))
					break;
			if (j < nv)
				snprintf(why, len, "vGPU %u aperture page %u (mmap) "
					 "shows vGPU %u's page %u", k, i, j, p);
			else
				snprintf(why, len, "vGPU %u aperture page %u (mmap) "
					 "does not show its page %u", k, i, p);
			return false;
		}
		for (j = 0; j < 3; j++) {
			uint64_t val;
			int ret = mvgpu_read64(&v->dev, BAR2, v->ap_base +
					       (uint64_t)i * PG + offs[j], &val);

			if (ret || val != pat(v->seed[p], pid(k, p), offs[j] / 8)) {
				snprintf(why, len, "vGPU %u aperture page %u +%#x "
					 "(pread): %s %#llx", k, i, offs[j],
					 tap_errname(ret), (unsigned long long)val);
				return false;
			}
		}
	}
	return true;
}

/* Every vGPU's buffer holds what it should. */
static bool buffers_ok(char *why, size_t len)
{
	unsigned int k, p;

	for (k = 0; k < nv; k++)
		for (p = 0; p < NPG; p++)
			if (!same(vg[k].buf + (size_t)p * PG, vg[k].seed[p],
				  pid(k, p))) {
				snprintf(why, len, "vGPU %u buffer page %u changed",
					 k, p);
				return false;
			}
	return true;
}

static bool all_see_own(void)
{
	char why[160];
	unsigned int k;

	for (k = 0; k < nv; k++) {
		if (!sees_own(k, why, sizeof(why))) {
			tap_diag("%s: %s", cfg, why);
			return false;
		}
	}
	if (!buffers_ok(why, sizeof(why))) {
		tap_diag("%s: %s", cfg, why);
		return false;
	}
	return true;
}

/* ---- phases ------------------------------------------------------- */

static bool create_all(const char *type)
{
	unsigned int k, j;
	bool ok = true;
	int ret = 0;

	for (k = 0; k < nv && !ret; k++) {
		ret = e2e_vgpu_create(type, vg[k].uuid);
		if (!ret) {
			ret |= mvgpu_vgpu_attr_u64(vg[k].uuid, "vgpu_id", &vg[k].id);
			ret |= mvgpu_vgpu_attr_u64(vg[k].uuid, "aperture_base",
						   &vg[k].ap_base);
			ret |= mvgpu_vgpu_attr_u64(vg[k].uuid, "aperture_size",
						   &vg[k].ap_size);
			ret |= mvgpu_vgpu_attr_u64(vg[k].uuid, "hidden_base",
						   &vg[k].hid_base);
			ret |= mvgpu_vgpu_attr_u64(vg[k].uuid, "hidden_size",
						   &vg[k].hid_size);
		} else {
			vg[k].uuid[0] = '\0';
		}
	}
	if (!tap_rc(ret, 0, "%s: create %u vGPUs and read their slices", cfg, nv))
		return false;

	for (k = 0; k < nv; k++) {
		struct vg *a = &vg[k];

		ok &= a->ap_base >= HOST_AP_END && a->ap_size >= NPG * PG &&
		      a->hid_size >= NPG * PG;
		for (j = k + 1; j < nv; j++) {
			struct vg *b = &vg[j];

			ok &= a->ap_base + a->ap_size <= b->ap_base ||
			      b->ap_base + b->ap_size <= a->ap_base;
			ok &= a->hid_base + a->hid_size <= b->hid_base ||
			      b->hid_base + b->hid_size <= a->hid_base;
		}
		if (!ok) {
			tap_diag("vgpu%llu: aperture %#llx+%#llx hidden %#llx+%#llx",
				 (unsigned long long)a->id,
				 (unsigned long long)a->ap_base,
				 (unsigned long long)a->ap_size,
				 (unsigned long long)a->hid_base,
				 (unsigned long long)a->hid_size);
			break;
		}
	}
	return tap_ok(ok, "%s: the slices are disjoint and outside the host "
		      "reservation", cfg);
}

static bool open_all(void)
{
	unsigned int k, ngroup = 0, ncdev = 0;
	int ret = 0;

	for (k = 0; k < nv && !ret; k++) {
		struct vg *v = &vg[k];

		v->path = k % 2 && have_cdev ? MVGPU_VFIO_CDEV : MVGPU_VFIO_GROUP;
		ret = mvgpu_open(&v->dev, v->uuid, v->path);
		if (!ret)
			ret = mvgpu_pv_handshake(&v->dev, NULL);
		if (ret) {
			tap_diag("%s: opening vGPU %u (%s) failed", cfg, k,
				 mvgpu_path_name(v->path));
			break;
		}
		v->open = true;
		*(v->path == MVGPU_VFIO_CDEV ? &ncdev : &ngroup) += 1;
	}
	tap_diag("%s: %u opened through the group path, %u through cdev", cfg,
		 ngroup, ncdev);
	return tap_rc(ret, 0, "%s: open every vGPU (group and cdev alternately)",
		      cfg);
}

static bool map_all(void)
{
	unsigned int k, p;
	int ret = 0;

	for (k = 0; k < nv && !ret; k++) {
		struct vg *v = &vg[k];
		void *m = mmap(NULL, (size_t)NPG * PG, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (m == MAP_FAILED) {
			ret = -errno;
			break;
		}
		v->buf = m;
		for (p = 0; p < NPG; p++) {
			v->seed[p] = 1;
			fill(v->buf + (size_t)p * PG, 1, pid(k, p));
		}
		ret = mvgpu_dma_map(&v->dev, v->buf, IOVA, (uint64_t)NPG * PG);
	}
	if (!tap_rc(ret, 0, "%s: every vGPU DMA-maps its own buffer at the same "
		    "IOVA", cfg))
		return false;

	ret = 0;
	for (k = 0; k < nv && !ret; k++) {
		vg[k].rot = k % NPG;
		ret = set_entries(&vg[k]);
	}
	if (!tap_rc(ret, 0, "%s: every vGPU writes its aperture and hidden "
		    "entries", cfg))
		return false;
	ret = 0;
	for (k = 0; k < nv; k++)
		if (!entries_ok(&vg[k]))
			ret = -EIO;
	tap_rc(ret, 0, "%s: every vGPU reads its entries back", cfg);

	ret = 0;
	for (k = 0; k < nv && !ret; k++) {
		void *m;

		ret = mvgpu_region_mmap(&vg[k].dev, BAR2, vg[k].ap_base,
					vg[k].ap_size, PROT_READ | PROT_WRITE, &m);
		if (!ret)
			vg[k].ap = m;
	}
	return tap_rc(ret, 0, "%s: every vGPU mmaps its aperture slice", cfg);
}

static void test_views(void)
{
	uint8_t tmp[PG];
	char why[160];
	unsigned int k, j;
	bool ok = true;

	tap_ok(all_see_own(), "%s: every vGPU's aperture shows only its own "
	       "memory (mmap and pread)", cfg);

	/* One vGPU at a time writes through its aperture. */
	for (k = 0; k < nv && ok; k++) {
		struct vg *v = &vg[k];
		unsigned int p = v->rot;	/* aperture page 0 */

		fill(tmp, 2, pid(k, p));
		ok &= !e2e_guarded_copy(v->ap, tmp, PG);
		v->seed[p] = 2;
		if (!buffers_ok(why, sizeof(why))) {
			tap_diag("%s: after a write through vGPU %u: %s", cfg, k,
				 why);
			ok = false;
		}
		for (j = 0; j < nv && ok; j++) {
			if (!sees_own(j, why, sizeof(why))) {
				tap_diag("%s: after a write through vGPU %u: %s",
					 cfg, k, why);
				ok = false;
			}
		}
	}
	tap_ok(ok, "%s: a write through one vGPU's aperture changes only its "
	       "own memory", cfg);

	/* The same through BAR2 pwrite, one 8-byte word per vGPU. */
	ok = true;
	for (k = 0; k < nv; k++) {
		struct vg *v = &vg[k];
		unsigned int p = (1 + v->rot) % NPG;	/* aperture page 1 */
		uint64_t val = pat(3, pid(k, p), 5);

		ok &= !mvgpu_write64(&v->dev, BAR2, v->ap_base + PG + 40, val);
		ok &= ((uint64_t *)(v->buf + (size_t)p * PG))[5] == val;
		((uint64_t *)(v->buf + (size_t)p * PG))[5] = pat(v->seed[p],
								pid(k, p), 5);
	}
	tap_ok(ok && all_see_own(), "%s: BAR2 writes reach only the writer's "
	       "memory", cfg);
}

static void test_cross_writes(void)
{
	bool dropped = true, victim_ok = true, own_ok = true, refused = true;
	unsigned int k, i;
	void *m;

	for (k = 0; k < nv; k++) {
		struct vg *a = &vg[k], *v = &vg[(k + 1) % nv];

		for (i = 0; i < NPG; i++) {
			/* A value the victim never holds in that entry. */
			uint64_t bad = pte((i + v->rot + 1) % NPG);

			mvgpu_mmio_write64(&a->dev, gtt_off(ap_gidx(v, i)), bad);
			mvgpu_mmio_write64(&a->dev, gtt_off(hid_gidx(v, i)), bad);
		}
		mvgpu_mmio_write32(&a->dev, gtt_off(ap_gidx(v, NPG)), pte(0));
		mvgpu_mmio_write32(&a->dev, gtt_off(ap_gidx(v, NPG)) + 4, 0);
		mvgpu_mmio_write64(&a->dev, gtt_off(ap_gidx(v, v->ap_size / PG - 1)),
				   pte(1));
		mvgpu_mmio_write64(&a->dev,
				   gtt_off(hid_gidx(v, v->hid_size / PG - 1)),
				   pte(1));

		for (i = 0; i <= NPG; i++)
			if (gtt_get(a, ap_gidx(v, i)) != 0 ||
			    (i < NPG && gtt_get(a, hid_gidx(v, i)) != 0)) {
				tap_diag("%s: vGPU %u reads %#llx at vGPU %u's "
					 "entry %u", cfg, k,
					 (unsigned long long)gtt_get(a, ap_gidx(v, i)),
					 (k + 1) % nv, i);
				dropped = false;
			}
		dropped &= gtt_get(a, ap_gidx(v, v->ap_size / PG - 1)) == 0 &&
			   gtt_get(a, hid_gidx(v, v->hid_size / PG - 1)) == 0;
		if (!entries_ok(v)) {
			tap_diag("%s: vGPU %u's entries changed after vGPU %u "
				 "wrote to its slices", cfg, (k + 1) % nv, k);
			victim_ok = false;
		}
		victim_ok &= gtt_get(v, ap_gidx(v, NPG)) == 0 &&
			     gtt_get(v, ap_gidx(v, v->ap_size / PG - 1)) == 0 &&
			     gtt_get(v, hid_gidx(v, v->hid_size / PG - 1)) == 0;
		own_ok &= entries_ok(a);

		refused &= mvgpu_read64(&a->dev, BAR2, v->ap_base, &(uint64_t){0}) ==
			   -EINVAL;
		refused &= mvgpu_write64(&a->dev, BAR2, v->ap_base, 0) == -EINVAL;
		if (!mvgpu_region_mmap(&a->dev, BAR2, v->ap_base, PG, PROT_READ,
				       &m)) {
			munmap(m, PG);
			refused = false;
		}
	}
	tap_ok(dropped, "%s: GTT writes at another vGPU's slices read back 0 on "
	       "the writer", cfg);
	tap_ok(victim_ok, "%s: the victim's entries are unchanged", cfg);
	tap_ok(own_ok, "%s: the writer's own entries are unchanged", cfg);
	tap_ok(all_see_own(), "%s: after cross-slice writes every vGPU still "
	       "sees only its own memory", cfg);
	tap_ok(refused, "%s: BAR2 access and mmap of another vGPU's slice are "
	       "refused", cfg);
}

/*
 * One vGPU unmaps its memory: only its aperture loses the pages.  The
 * unmapping vGPU is one opened through iommufd: on the type1 container
 * path, unpinning from .dma_unmap trips a lock inversion inside VFIO
 * (see gtt_aperture.c).
 */
static void test_unmap_isolation(void)
{
	struct vg *v = NULL;
	uint64_t val;
	char why[160];
	unsigned int k;
	bool ok = true;

	for (k = 0; k < nv && !v; k++)
		if (vg[k].path == MVGPU_VFIO_CDEV)
			v = &vg[k];
	if (!v) {
		tap_skip("no vGPU opened through iommufd",
			 "%s: a vGPU unmaps its memory with live entries", cfg);
		return;
	}

	if (!tap_rc(mvgpu_dma_unmap(&v->dev, IOVA, (uint64_t)NPG * PG), 0,
		    "%s: one vGPU unmaps its memory with live entries", cfg))
		return;
	tap_rc(mvgpu_read64(&v->dev, BAR2, v->ap_base, &val), -EIO,
	       "%s: the unmapping vGPU's aperture has no page after its unmap", cfg);
	tap_ok(entries_ok(v), "%s: the unmapping vGPU's entries keep their values", cfg);
	for (k = 0; k < nv; k++) {
		if (&vg[k] != v && !sees_own(k, why, sizeof(why))) {
			tap_diag("%s: %s", cfg, why);
			ok = false;
		}
	}
	tap_ok(ok, "%s: the other vGPUs (same IOVA) keep their pages", cfg);
	ok = !mvgpu_dma_map(&v->dev, v->buf, IOVA, (uint64_t)NPG * PG) &&
	     !set_entries(v);
	tap_ok(ok && all_see_own(), "%s: the unmapping vGPU re-maps and rewrites: all "
	       "views correct", cfg);
}

static void *churn(void *arg)
{
	struct vg *v = arg;
	unsigned int k = v - vg, r;

	for (r = 0; r < ROUNDS && !v->failures; r++) {
		v->rot = (k + r) % NPG;
		if (set_entries(v)) {
			snprintf(v->why, sizeof(v->why),
				 "vGPU %u: GTT write failed in round %u", k, r);
			v->failures++;
		} else if (!sees_own(k, v->why, sizeof(v->why))) {
			v->failures++;
		}
	}
	return NULL;
}

static void test_concurrent(void)
{
	unsigned int k, started = 0, failed = 0;
	uint64_t t = e2e_now_ms();

	for (k = 0; k < nv; k++) {
		vg[k].failures = 0;
		vg[k].why[0] = '\0';
		if (pthread_create(&vg[k].thread, NULL, churn, &vg[k]))
			break;
		started++;
	}
	for (k = 0; k < started; k++) {
		pthread_join(vg[k].thread, NULL);
		if (vg[k].failures) {
			tap_diag("%s: %s", cfg, vg[k].why);
			failed++;
		}
	}
	tap_diag("%s: %u threads x %u rounds in %llu ms", cfg, started, ROUNDS,
		 (unsigned long long)(e2e_now_ms() - t));
	tap_ok(started == nv && !failed, "%s: concurrent rewrites on every vGPU "
	       "stay isolated", cfg);
	tap_ok(all_see_own(), "%s: after the concurrent phase every vGPU sees "
	       "only its own memory", cfg);
}

static void teardown(void)
{
	unsigned int k;
	int ret = 0;

	for (k = 0; k < nv; k++) {
		struct vg *v = &vg[k];

		if (v->ap)
			munmap(v->ap, v->ap_size);
		if (v->open)
			mvgpu_close(&v->dev);
		if (v->buf)
			munmap(v->buf, (size_t)NPG * PG);
		v->ap = NULL;
		v->buf = NULL;
		v->open = false;
	}
	for (k = 0; k < nv; k++) {
		if (vg[k].uuid[0]) {
			int r = e2e_vgpu_remove(vg[k].uuid);

			if (r)
				ret = r;
		}
		vg[k].uuid[0] = '\0';
	}
	tap_rc(ret, 0, "%s: close and remove every vGPU", cfg);
}

static void run(const char *type, unsigned int n)
{
	memset(vg, 0, sizeof(vg));
	nv = n;
	snprintf(cfg, sizeof(cfg), "%ux%s", n, type);
	if (create_all(type) && open_all() && map_all()) {
		test_views();
		test_cross_writes();
		test_unmap_isolation();
		test_concurrent();
	}
	teardown();
}

int main(void)
{
	e2e_init("gtt_isolation", E2E_WATCHDOG_S);
	e2e_catch_sigbus();

	if (!e2e_require_pgpu() || !e2e_require_empty_pgpu())
		return tap_done();
	have_cdev = !access("/dev/iommu", F_OK);
	if (!have_cdev)
		tap_diag("/dev/iommu absent: every vGPU uses the group path");
	run("V1_8", 8);
	run("V1_64", 16);
	e2e_require_empty_pgpu();
	return tap_done();
}
