// SPDX-License-Identifier: GPL-2.0-only
/*
 * failsafe: a guest that uses the GTT or the engines before it read the PV
 * info page's magic (programming model, "Failsafe mode"), through VFIO:
 *
 * - the first GTT write inside the slices enters failsafe mode (debugfs
 *   status names the reason), is counted, translates nothing (nothing
 *   shadowed or pinned), and is stored for reads like any write, halves
 *   included;
 * - a ring whose TAIL moves submits nothing, and that is counted;
 * - reading the magic afterwards does not leave failsafe mode: GTT writes
 *   stay untranslated;
 * - VFIO_DEVICE_RESET leaves it and forgets the handshake; after a new
 *   handshake GTT writes translate again.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <errno.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "e2e.h"

#define TYPE		"V1_4"
#define BAR0		VFIO_PCI_BAR0_REGION_INDEX
#define PG		4096u
#define NPAGES		4u
#define IOVA		0x100600000ull
#define PTE(p)		((IOVA + (uint64_t)(p) * PG) | MVGPU_GTT_PTE_PRESENT)
#define PV(off)		(MVGPU_PVINFO_OFFSET + (off))
#define RCS_CTL		MVGPU_RING_CTL(MVGPU_RENDER_RING_BASE)
#define RCS_TAIL	MVGPU_RING_TAIL(MVGPU_RENDER_RING_BASE)

static struct mvgpu_dev dev;
static uint32_t vgpu_id;
static uint64_t entry;		/* GTT offset of the first aperture entry */

static long long stat_of(const char *file, const char *key)
{
	return e2e_vgpu_stat(e2e_pgpu(), vgpu_id, file, key);
}

/* Whether the debugfs status line "@key: ..." contains @want. */
static bool status_has(const char *key, const char *want)
{
	char path[160], line[256];
	bool found = false;
	size_t n = strlen(key);
	FILE *f;

	snprintf(path, sizeof(path), "/sys/kernel/debug/mvgpu/%s/vgpu%u/status",
		 e2e_pgpu(), vgpu_id);
	f = fopen(path, "r");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = !strncmp(line, key, n) && line[n] == ':' &&
			strstr(line + n, want);
	fclose(f);
	if (!found)
		tap_diag("status has no \"%s: ...%s...\"", key, want);
	return found;
}

static uint64_t rd64(uint64_t off)
{
	uint64_t v = ~0ull;

	mvgpu_read64(&dev, BAR0, off, &v);
	return v;
}

/* The error IRQ's eventfd count since the last read, or -1. */
static int64_t err_count(int efd)
{
	uint64_t n = 0;

	if (read(efd, &n, sizeof(n)) != sizeof(n))
		return errno == EAGAIN ? 0 : -1;
	return (int64_t)n;
}

static void before_handshake(void)
{
	int efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	uint32_t lo;

	tap_ok(efd >= 0 && !mvgpu_irq_set_trigger(&dev, VFIO_PCI_ERR_IRQ_INDEX,
						  efd),
	       "an eventfd on the error IRQ (VFIO_PCI_ERR_IRQ_INDEX)");
	tap_ok(status_has("pv_info_read", "no"),
	       "reading PV fields other than the magic is no handshake");
	tap_rc(mvgpu_write64(&dev, BAR0, entry, PTE(0)), 0,
	       "a GTT write before the handshake succeeds");
	tap_ok(status_has("failsafe", "GTT used before the PV info page"),
	       "it enters failsafe mode, and debugfs names the reason");
	tap_eq(err_count(efd), 1, "the error IRQ fires once as it does");
	tap_eq(stat_of("stats", "failsafe_drops"), 1, "the drop is counted");
	tap_eq(stat_of("gtt", "shadowed"), 0, "nothing is shadowed");
	tap_eq(stat_of("gtt", "pinned_frames"), 0, "nothing is pinned");
	tap_eq(rd64(entry), PTE(0), "the entry reads what was written");
	tap_rc(mvgpu_write32(&dev, BAR0, entry + 8, (uint32_t)PTE(1)), 0,
	       "a half write in failsafe mode succeeds");
	tap_eq(rd64(entry + 8), (uint32_t)PTE(1),
	       "the half reads what was written, the other half 0");
	mvgpu_read32(&dev, BAR0, entry + 8, &lo);
	tap_eq(lo, (uint32_t)PTE(1), "a 4-byte read of that half matches");

	tap_rc(mvgpu_write32(&dev, BAR0, RCS_CTL, MVGPU_RING_VALID), 0,
	       "enabling the render ring in failsafe mode succeeds");
	tap_rc(mvgpu_write32(&dev, BAR0, RCS_TAIL, 0x10), 0,
	       "moving its TAIL, which would submit, succeeds");
	tap_eq(stat_of("stats", "failsafe_drops"), 3,
	       "the half write and the submission are counted drops");
	tap_eq(err_count(efd), 0, "... and not again while it stays there");
	if (efd >= 0) {
		mvgpu_irq_disable(&dev, VFIO_PCI_ERR_IRQ_INDEX);
		close(efd);
	}
	mvgpu_write32(&dev, BAR0, RCS_CTL, 0);
	mvgpu_write32(&dev, BAR0, RCS_TAIL, 0);

	tap_rc(mvgpu_pv_handshake(&dev, NULL), 0, "read the PV magic now");
	tap_ok(status_has("failsafe", "GTT used before the PV info page"),
	       "the handshake does not leave failsafe mode");
	mvgpu_write64(&dev, BAR0, entry, PTE(2));
	tap_eq(stat_of("gtt", "shadowed"), 0,
	       "GTT writes stay untranslated after a late handshake");
	tap_eq(rd64(entry), PTE(2), "and are still stored for reads");
}

static void after_reset(void)
{
	tap_rc(mvgpu_reset(&dev), 0, "VFIO_DEVICE_RESET");
	tap_ok(status_has("failsafe", "none"), "the reset leaves failsafe mode");
	tap_ok(status_has("pv_info_read", "no"), "and forgets the handshake");
	tap_eq(rd64(entry), 0, "the entry reads 0 after the reset");
	tap_rc(mvgpu_pv_handshake(&dev, NULL), 0, "handshake after the reset");
	tap_rc(mvgpu_write64(&dev, BAR0, entry, PTE(3)), 0, "write the entry");
	tap_eq(stat_of("gtt", "shadowed"), 1, "the entry is translated now");
	tap_eq(stat_of("gtt", "pinned_frames") > 0, 1, "and its frame pinned");
	tap_ok(status_has("failsafe", "none"), "no failsafe mode");
}

int main(void)
{
	char uuid[MVGPU_UUID_LEN + 1];
	uint32_t id = 0;
	uint64_t base = 0;
	void *buf;

	e2e_init("failsafe", E2E_WATCHDOG_S);
	if (!e2e_require_pgpu())
		return tap_done();
	if (!tap_rc(e2e_vgpu_create(TYPE, uuid), 0, "create a %s vGPU", TYPE))
		return tap_done();
	if (!tap_rc(mvgpu_open(&dev, uuid, MVGPU_VFIO_AUTO), 0,
		    "open the vGPU"))
		goto out;
	mvgpu_read32(&dev, BAR0, PV(MVGPU_PV_VGPU_ID), &id);
	mvgpu_read64(&dev, BAR0, PV(MVGPU_PV_MAPPABLE_BASE), &base);
	vgpu_id = id;
	entry = MVGPU_GTT_OFFSET +
		(base >> MVGPU_GTT_PAGE_SHIFT) * MVGPU_GTT_ENTRY_SIZE;
	buf = mmap(NULL, NPAGES * PG, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (tap_ok(buf != MAP_FAILED && base, "guest memory and the slice") &&
	    tap_rc(mvgpu_dma_map(&dev, buf, IOVA, NPAGES * PG), 0,
		   "DMA-map %u pages", NPAGES)) {
		before_handshake();
		after_reset();
	}
	mvgpu_close(&dev);
out:
	tap_rc(e2e_vgpu_remove(uuid), 0, "remove the vGPU");
	return tap_done();
}
