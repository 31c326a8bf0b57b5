// SPDX-License-Identifier: GPL-2.0-only
/*
 * dma_unmap_race: DMA unmaps and device resets racing GTT writes, through
 * the real VFIO paths.  Regression tests for two defects:
 *
 * - "kernel BUG at drivers/vfio/vfio_iommu_type1.c": type1 calls
 *   .dma_unmap with its lock dropped, then BUGs when pins in the range are
 *   left ten times in a row.  GTT writes racing the unmap kept pinning
 *   frames inside the range.  Now no pin of the range exists when the
 *   callback returns and none is taken until the unmapping ioctl returns.
 * - A GTT write that pinned while a VFIO_DEVICE_RESET ran installed its
 *   entry and its pin after the reset, with no PV handshake since.  Now
 *   the reset wins.
 *
 * Per VFIO path, WRITERS threads write GTT entries naming the frames of a
 * guest buffer R, as fast as they can (8-byte and half writes), while the
 * main thread:
 *
 * 1. unmaps R and maps it again, ROUNDS times: every ioctl succeeds, the
 *    kernel survives (a BUG ends the run), and once the writers stopped
 *    and R is unmapped, the vGPU pins nothing (debugfs pinned_frames 0,
 *    shadowed 0) while the entries still read what was written;
 * 2. resets the device without a PV handshake afterwards, ROUNDS times:
 *    once the writers stopped, nothing is shadowed or pinned (writes after
 *    the reset are failsafe drops, a write racing it is dropped).
 *
 * The group path (type1) part runs only with MVGPU_E2E_TYPE1_UNMAP=1:
 * unpinning from type1's .dma_unmap makes lockdep report an inversion
 * inside VFIO type1 itself (admin guide, "Known issues"), which would turn
 * lockdep off for the rest of a run.  tests/vm/guest-run.sh runs it so in
 * the late phase, after every other test and the module unload.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "e2e.h"

#define TYPE		"V1_4"
#define PG		4096u
#define NR		64u		/* frames of R */
#define IOVA_R		0x100400000ull
#define WRITERS		3
#define ROUNDS		12
#define ENTRIES_PER	32u		/* aperture entries per writer */

static struct mvgpu_dev dev;
static struct mvgpu_pv_info pv;
static const char *tag;
static uint8_t *buf;
static atomic_bool stop;
static atomic_uint bad_writes;

struct writer {
	pthread_t thread;
	unsigned int id;
	unsigned long writes;
};

static uint64_t gtt_off(uint64_t idx)
{
	return MVGPU_GTT_OFFSET + idx * MVGPU_GTT_ENTRY_SIZE;
}

static uint64_t r_pte(unsigned int frame)
{
	return (IOVA_R + (uint64_t)(frame % NR) * PG) | MVGPU_GTT_PTE_PRESENT;
}

/* Writer @w's aperture entry @i. */
static uint64_t entry_idx(const struct writer *w, unsigned int i)
{
	return (pv.ap_base >> MVGPU_GTT_PAGE_SHIFT) + w->id * ENTRIES_PER + i;
}

static void *write_loop(void *arg)
{
	struct writer *w = arg;
	unsigned int n = w->id * 7;

	while (!atomic_load(&stop)) {
		unsigned int i = n % ENTRIES_PER;
		uint64_t v = r_pte(n * 13 + w->id), off = gtt_off(entry_idx(w, i));
		int ret;

		if (n & 1) {
			ret = mvgpu_write32(&dev, VFIO_PCI_BAR0_REGION_INDEX,
					    off + 4, (uint32_t)(v >> 32));
			if (!ret)
				ret = mvgpu_write32(&dev,
						    VFIO_PCI_BAR0_REGION_INDEX,
						    off, (uint32_t)v);
		} else {
			ret = mvgpu_write64(&dev, VFIO_PCI_BAR0_REGION_INDEX,
					    off, v);
		}
		if (ret)
			atomic_fetch_add(&bad_writes, 1);
		w->writes++;
		n++;
	}
	return NULL;
}

static bool start_writers(struct writer *w)
{
	unsigned int i;

	atomic_store(&stop, false);
	for (i = 0; i < WRITERS; i++) {
		w[i].id = i;
		w[i].writes = 0;
		if (pthread_create(&w[i].thread, NULL, write_loop, &w[i])) {
			atomic_store(&stop, true);
			while (i--)
				pthread_join(w[i].thread, NULL);
			return false;
		}
	}
	return true;
}

static unsigned long stop_writers(struct writer *w)
{
	unsigned long total = 0;
	unsigned int i;

	atomic_store(&stop, true);
	for (i = 0; i < WRITERS; i++) {
		pthread_join(w[i].thread, NULL);
		total += w[i].writes;
	}
	return total;
}

static long long gtt_stat(const char *key)
{
	return e2e_vgpu_stat(e2e_pgpu(), pv.vgpu_id, "gtt", key);
}

/* Every writer entry reads a value that a writer wrote (or 0). */
static bool entries_read_back(const struct writer *w)
{
	unsigned int k, i;
	uint64_t v;

	for (k = 0; k < WRITERS; k++) {
		for (i = 0; i < ENTRIES_PER; i++) {
			if (mvgpu_read64(&dev, VFIO_PCI_BAR0_REGION_INDEX,
					 gtt_off(entry_idx(&w[k], i)), &v))
				return false;
			if (v && ((v & ~(uint64_t)(PG - 1)) < IOVA_R ||
				  (v & ~(uint64_t)(PG - 1)) >= IOVA_R + NR * PG ||
				  (v & (PG - 1)) != MVGPU_GTT_PTE_PRESENT)) {
				tap_diag("entry %llu reads %#llx",
					 (unsigned long long)entry_idx(&w[k], i),
					 (unsigned long long)v);
				return false;
			}
		}
	}
	return true;
}

static void unmap_race(void)
{
	struct writer w[WRITERS];
	unsigned int round, fails = 0;
	unsigned long writes;
	long long unmapping;

	if (!start_writers(w)) {
		tap_ok(false, "%s: start %d GTT writers", tag, WRITERS);
		return;
	}
	for (round = 0; round < ROUNDS; round++) {
		usleep(2000 + 1000 * (round % 5));
		if (mvgpu_dma_unmap(&dev, IOVA_R, (uint64_t)NR * PG))
			fails++;
		usleep(500 * (round % 3));
		if (mvgpu_dma_map(&dev, buf, IOVA_R, (uint64_t)NR * PG))
			fails++;
	}
	writes = stop_writers(w);
	tap_diag("%s: %lu GTT writes raced %u unmaps", tag, writes, ROUNDS);
	tap_eq(fails, 0, "%s: unmap race: every DMA unmap and map succeeds",
	       tag);
	tap_eq(atomic_load(&bad_writes), 0,
	       "%s: unmap race: every GTT write succeeds", tag);
	tap_ok(writes > 0, "%s: unmap race: the writers wrote", tag);
	unmapping = gtt_stat("unmapping");
	tap_ok(unmapping >= 0, "%s: debugfs counts writes into an unmap", tag);
	tap_diag("%s: %lld writes named frames being unmapped", tag, unmapping);

	tap_rc(mvgpu_dma_unmap(&dev, IOVA_R, (uint64_t)NR * PG), 0,
	       "%s: unmap R with the writers stopped", tag);
	tap_eq(gtt_stat("pinned_frames"), 0,
	       "%s: unmap race: no frame pinned once R is unmapped", tag);
	tap_eq(gtt_stat("shadowed"), 0,
	       "%s: unmap race: no entry shadowed once R is unmapped", tag);
	tap_ok(entries_read_back(w),
	       "%s: unmap race: entries read what the writers wrote", tag);
	tap_rc(mvgpu_dma_map(&dev, buf, IOVA_R, (uint64_t)NR * PG), 0,
	       "%s: map R again", tag);
	tap_rc(mvgpu_write64(&dev, VFIO_PCI_BAR0_REGION_INDEX,
			     gtt_off(entry_idx(&w[0], 0)), r_pte(5)), 0,
	       "%s: write an entry into R again", tag);
	tap_eq(gtt_stat("pinned_frames") > 0, 1,
	       "%s: mapped again, R's frames are pinned again", tag);
}

static void reset_race(void)
{
	struct writer w[WRITERS];
	unsigned int round, bad = 0, fails = 0;

	for (round = 0; round < ROUNDS; round++) {
		/* Leave the failsafe mode the last round's writes caused. */
		if (mvgpu_reset(&dev) || mvgpu_pv_handshake(&dev, NULL) ||
		    !start_writers(w)) {
			fails++;
			break;
		}
		usleep(1000 + 1000 * (round % 4));
		if (mvgpu_reset(&dev))
			fails++;
		usleep(1000);
		stop_writers(w);
		/* No handshake since the reset: nothing may be translated. */
		if (gtt_stat("shadowed") != 0 || gtt_stat("pinned_frames") != 0) {
			tap_diag("%s: round %u: shadowed %lld, pinned %lld", tag,
				 round, gtt_stat("shadowed"),
				 gtt_stat("pinned_frames"));
			bad++;
		}
	}
	tap_eq(fails, 0, "%s: reset race: handshakes and resets succeed", tag);
	tap_eq(bad, 0, "%s: reset race: no entry or pin survives a reset "
	       "without a handshake since", tag);
	tap_eq(atomic_load(&bad_writes), 0,
	       "%s: reset race: every GTT write succeeds", tag);
}

static void run_path(const char *uuid, enum mvgpu_vfio_path path)
{
	tag = mvgpu_path_name(path);
	atomic_store(&bad_writes, 0);
	if (mvgpu_path_available(uuid, path)) {
		tap_skip("path not available on this kernel", "%s: races", tag);
		return;
	}
	if (!tap_rc(mvgpu_open(&dev, uuid, path), 0, "%s: open the vGPU", tag))
		return;
	if (!tap_rc(mvgpu_pv_handshake(&dev, &pv), 0, "%s: PV handshake", tag) ||
	    !tap_rc(mvgpu_dma_map(&dev, buf, IOVA_R, (uint64_t)NR * PG), 0,
		    "%s: DMA-map R (%u pages)", tag, NR))
		goto out;
	unmap_race();
	atomic_store(&bad_writes, 0);
	reset_race();
out:
	mvgpu_close(&dev);
	tap_eq(gtt_stat("pinned_frames"), 0, "%s: closed: nothing pinned", tag);
}

int main(void)
{
	const char *type1 = getenv("MVGPU_E2E_TYPE1_UNMAP");
	char uuid[MVGPU_UUID_LEN + 1];

	e2e_init("dma_unmap_race", E2E_WATCHDOG_S);
	if (!e2e_require_pgpu())
		return tap_done();
	buf = mmap(NULL, (size_t)NR * PG, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (!tap_ok(buf != MAP_FAILED, "allocate guest memory"))
		return tap_done();
	if (!tap_rc(e2e_vgpu_create(TYPE, uuid), 0, "create a %s vGPU", TYPE))
		return tap_done();
	run_path(uuid, MVGPU_VFIO_CDEV);
	if (type1 && !strcmp(type1, "1"))
		run_path(uuid, MVGPU_VFIO_GROUP);
	else
		tap_skip("type1 lock inversion in VFIO; run in the late phase",
			 "group: races");
	tap_rc(e2e_vgpu_remove(uuid), 0, "remove the vGPU");
	return tap_done();
}
