/* SPDX-License-Identifier: GPL-2.0 */
/*
 * e2e.h - shared fixture for the mvgpu end-to-end tests.
 *
 * The tests run as root inside the test VM with mvgpu and mvgpu_sgpu
 * loaded.  They act on the pGPU named by $MVGPU_PGPU (default "sgpu0")
 * and must leave it as they found it: every vGPU created through
 * e2e_vgpu_create() is removed at exit if the test did not remove it.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef MVGPU_E2E_H
#define MVGPU_E2E_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/mvgpu.h>

#include "mvgpu_sysfs.h"
#include "mvgpu_vfio.h"
#include "tap.h"

#define MIB			(1ull << 20)

/*
 * Watchdog of every test program: below the VM harness's default per-test
 * timeout (300 s) so that a hang is reported by the test itself.
 */
#define E2E_WATCHDOG_S		280

/* Time budgets (ms) for interrupt delivery checks. */
#define E2E_SIGNAL_MS		2000	/* an expected signal must come by then */
#define E2E_QUIET_MS		300	/* no signal expected within this */

/* One vGPU type as the driver defines it (see the type table). */
struct e2e_type {
	const char *name;		/* short name, e.g. "V1_4" */
	unsigned int aperture_mib;
	unsigned int hidden_mib;
	unsigned int weight;
	unsigned int max;
};

extern const struct e2e_type e2e_types[];
extern const unsigned int e2e_nr_types;

/*
 * Capacity of one pGPU shared by all types (after the host's reserve):
 * the driver allocates contiguous aperture and hidden ranges first-fit,
 * and a pGPU holds at most E2E_MAX_VGPUS vGPUs of all types together.
 */
#define E2E_APERTURE_USABLE_MIB	448
#define E2E_HIDDEN_USABLE_MIB	3328
#define E2E_MAX_VGPUS		64

/*
 * Expected available_instances of @t when @ap_free_mib of aperture and
 * @hid_free_mib of hidden space are free in one contiguous range each,
 * @used_same vGPUs of @t and @used_total vGPUs in all exist on the pGPU.
 */
unsigned int e2e_expected_available(const struct e2e_type *t,
				    unsigned int ap_free_mib,
				    unsigned int hid_free_mib,
				    unsigned int used_same,
				    unsigned int used_total);

/*
 * Start a test program: line-buffered TAP, a watchdog that bails out
 * after @timeout_s seconds, and vGPU cleanup at exit.
 */
void e2e_init(const char *name, unsigned int timeout_s);

/* The pGPU under test: $MVGPU_PGPU or "sgpu0". */
const char *e2e_pgpu(void);

/*
 * Report (as a test point) that the pGPU exists, with a hint when the
 * modules look unloaded.  Returns whether it exists.
 */
bool e2e_require_pgpu(void);

/*
 * Report (as a test point) that no vGPU exists on the pGPU, i.e. every
 * type shows its maximum.  Tests that count instances need this.
 */
bool e2e_require_empty_pgpu(void);

/* Create a vGPU of @type on the pGPU with a fresh UUID into @uuid. */
int e2e_vgpu_create(const char *type, char uuid[37]);

/* Create a vGPU with a caller-chosen UUID (remembered for cleanup). */
int e2e_vgpu_create_uuid(const char *pgpu, const char *type,
			 const char *uuid);

/* Remove a vGPU created above and forget it. */
int e2e_vgpu_remove(const char *uuid);

/*
 * Create / delete software pGPU sgpu<id> through new_device/del_device;
 * a created pGPU is deleted at exit if the test did not delete it.
 */
int e2e_pgpu_new(unsigned int id);
int e2e_pgpu_del(unsigned int id);

/* The highest id from @below down to 1 with no software pGPU, or -1. */
int e2e_free_pgpu_id(int below);

/* Remember / forget @uuid for the exit-time cleanup. */
void e2e_track(const char *uuid);
void e2e_untrack(const char *uuid);

/*
 * Remove every tracked vGPU that still exists, then delete every tracked
 * pGPU (also run at exit).
 */
void e2e_cleanup(void);

/*
 * Find "key: value" in the multi-line type description @desc and copy the
 * value into @val.  Returns false if the key is absent.
 */
bool e2e_desc_field(const char *desc, const char *key, char *val, size_t len);

/*
 * Access @size (1, 2, 4 or 8) bytes of region @index at @off; the value is
 * zero-extended to 64 bits.  Other sizes are passed to the kernel as a
 * raw buffer access.
 */
int e2e_read(struct mvgpu_dev *dev, uint32_t index, uint64_t off,
	     unsigned int size, uint64_t *val);
int e2e_write(struct mvgpu_dev *dev, uint32_t index, uint64_t off,
	      unsigned int size, uint64_t val);

/*
 * One test point: reading @size bytes at @off of region @index succeeds
 * and gives @want.  @name is printed after "@tag: ".
 */
bool e2e_expect_read(struct mvgpu_dev *dev, const char *tag, uint32_t index,
		     uint64_t off, unsigned int size, uint64_t want,
		     const char *name);

/* Monotonic clock in milliseconds. */
uint64_t e2e_now_ms(void);

/*
 * CPU access to a mapping that may fault with SIGBUS (the aperture mmap):
 * e2e_catch_sigbus() installs the handler once, from main(); then
 * e2e_guarded_copy() is memcpy() that returns -EFAULT instead of dying of
 * SIGBUS (0 otherwise).  Safe in several threads at once.
 */
void e2e_catch_sigbus(void);
int e2e_guarded_copy(void *dst, const void *src, size_t len);

/*
 * The value of the "@key: value" line of debugfs file @path (below
 * /sys/kernel/debug), or -1 if there is none.
 */
long long e2e_debugfs_stat(const char *path, const char *key);

/*
 * The value of the "@key: value" line of vGPU @id's debugfs file @file on
 * pGPU @pgpu (mvgpu/<pgpu>/vgpu<id>/<file>), or -1 if there is none.
 */
long long e2e_vgpu_stat(const char *pgpu, unsigned int id, const char *file,
			const char *key);

/*
 * Wait up to @timeout_ms for vGPU @uuid to disappear from sysfs.
 * Returns true if it is gone.
 */
bool e2e_wait_vgpu_gone(const char *uuid, unsigned int timeout_ms);

/* ---- the scheduler's interfaces -------------------------------------- */

#define E2E_DEBUGFS_MVGPU	"/sys/kernel/debug/mvgpu"
#define E2E_MODULE_PARAMS	"/sys/module/mvgpu/parameters"

/* One engine's line of debugfs mvgpu/<pgpu>/vgpu<id>/sched. */
struct e2e_sched_stats {
	uint64_t busy_ns;	/* engine time charged to the vGPU */
	uint64_t slices;	/* times it was switched in */
	uint64_t preemptions;	/* slice-end preemptions */
	uint64_t queued;	/* workloads waiting or running */
	uint64_t hangs;		/* hangs declared */
	uint64_t max_held_ns;	/* longest slice held, overrun included */
	uint64_t ts_ns;		/* CLOCK_MONOTONIC in the middle of the read */
};

/* Monotonic clock in nanoseconds. */
uint64_t e2e_now_ns(void);

/*
 * Read / write attribute @attr of the pGPU's scheduler directory
 * /sys/class/mdev_bus/<pgpu>/mvgpu/ (sched_policy, sched_slice_ms).
 * Returns 0 or -errno (the kernel's answer to a write).
 */
int e2e_pgpu_attr_read(const char *attr, char *buf, size_t len);
int e2e_pgpu_attr_write(const char *attr, const char *val);

/* Whether the pGPU has the scheduler's sysfs interface (sched_policy). */
bool e2e_sched_present(void);

/*
 * For a test that needs the scheduler and found no pGPU or no scheduler:
 * without the pGPU, report that ("not ok") and return the exit status
 * (1); without the scheduler, skip the whole test ("1..0 # SKIP") and
 * return 0.
 */
int e2e_require_sched(void);

/* Write /sys/bus/mdev/devices/<uuid>/mvgpu/<attr>; 0 or -errno. */
int e2e_vgpu_attr_write(const char *uuid, const char *attr, const char *val);

/*
 * Read the @engine line ("rcs: ..." or "bcs: ...") of debugfs
 * mvgpu/<pgpu>/vgpu<@vgpu_id>/sched into @st.  Returns 0, -errno, or
 * -EPROTO when the line or one of its fields is missing.
 */
int e2e_sched_stats(unsigned int vgpu_id, unsigned int engine,
		    struct e2e_sched_stats *st);

/*
 * The number after "@key=" on the line of debugfs file @path that starts
 * with "@prefix" (e.g. "rcs:"); -1 when absent.
 */
int64_t e2e_debugfs_field(const char *path, const char *prefix,
			  const char *key);

/* Read / write mvgpu module parameter @name (e.g. "hang_timeout_ms"). */
int e2e_param_read_u64(const char *name, uint64_t *val);
int e2e_param_write_u64(const char *name, uint64_t val);

#endif /* MVGPU_E2E_H */
