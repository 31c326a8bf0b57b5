// SPDX-License-Identifier: GPL-2.0-only
/*
 * sgpu_remove_busy: deleting a software GPU whose vGPU is open asks the
 * vGPU's user to let go (the request IRQ) and waits for it a bounded time
 * (mvgpu_sgpu's remove_timeout_ms), and only for it: other software GPUs
 * are created and deleted meanwhile.
 *
 * 1. The user does not react (no request eventfd).  A child deletes
 *    software GPU A, which waits.  Meanwhile software GPU B is created and
 *    deleted, a second delete of A fails at once with ENOENT, A's id is
 *    not reused, and no vGPU can be created on A.  After the timeout the
 *    delete fails with EBUSY, and A and its open vGPU carry on: the vGPU
 *    answers, and vGPUs can be created on A again.
 * 2. The user reacts: it sets a request eventfd, and closes the vGPU when
 *    it fires.  The delete then completes, with A and its vGPU gone.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "e2e.h"

#define TYPE		"V1_8"
#define TIMEOUT_PARAM	"/sys/module/mvgpu_sgpu/parameters/remove_timeout_ms"
#define TIMEOUT_MS	"3000"
#define REQ_WAIT_MS	20000	/* generous: the request comes at once */

/* Whether child @pid is still running after @ms milliseconds. */
static bool still_running(pid_t pid, unsigned int ms)
{
	usleep(ms * 1000);
	return waitpid(pid, NULL, WNOHANG) == 0;
}

/* Fork a child deleting software GPU @id; it exits with the errno. */
static pid_t start_delete(int id)
{
	pid_t child = fork();

	if (child == 0) {
		/* Its copies of the device's fds would hold the vGPU too. */
		closefrom(3);
		_exit(-mvgpu_pgpu_del(id));
	}
	return child;
}

/* The errno the deleting child exited with, or -1. */
static int finish_delete(pid_t child)
{
	int status;

	if (child <= 0 || waitpid(child, &status, 0) != child)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void unresponsive_user(int a, int b, const char *name,
			      struct mvgpu_dev *dev)
{
	char uuid2[MVGPU_UUID_LEN + 1];
	uint32_t magic = 0;
	pid_t child;
	int code;

	child = start_delete(a);
	if (!tap_ok(child > 0, "fork the deleting child"))
		return;
	tap_ok(still_running(child, 500),
	       "deleting %s waits for its open vGPU", name);

	tap_rc(mvgpu_pgpu_new(b), 0,
	       "meanwhile software GPU sgpu%d is created", b);
	tap_rc(mvgpu_pgpu_del(b), 0, "and deleted again");
	tap_rc(mvgpu_pgpu_del(a), -ENOENT,
	       "a second delete of %s fails at once: it is being removed", name);
	tap_rc(mvgpu_pgpu_new(a), -EEXIST,
	       "its id is not reused while it is being removed");
	if (!mvgpu_uuid_generate(uuid2))
		tap_rc(e2e_vgpu_create_uuid(name, TYPE, uuid2), -ENODEV,
		       "no vGPU is created on %s while it is being removed",
		       name);

	code = finish_delete(child);
	tap_eq(code, EBUSY,
	       "the user did not let go: after remove_timeout_ms the delete fails with EBUSY");
	tap_ok(mvgpu_pgpu_exists(name), "%s stays", name);
	tap_rc(mvgpu_mmio_read32(dev, MVGPU_PVINFO_OFFSET + MVGPU_PV_MAGIC_LO,
				 &magic),
	       0, "its open vGPU still answers");
	tap_eq(magic, (uint32_t)MVGPU_PV_MAGIC, "with its PV magic");
	if (!mvgpu_uuid_generate(uuid2) &&
	    tap_rc(e2e_vgpu_create_uuid(name, TYPE, uuid2), 0,
		   "vGPUs are created on %s again", name))
		tap_rc(e2e_vgpu_remove(uuid2), 0, "and removed");
}

static void responsive_user(int a, const char *name, const char *uuid,
			    struct mvgpu_dev *dev)
{
	int efd = mvgpu_eventfd_new();
	pid_t child;

	if (!tap_ok(efd >= 0 &&
		    !mvgpu_irq_set_trigger(dev, VFIO_PCI_REQ_IRQ_INDEX, efd),
		    "the user sets a request eventfd"))
		return;
	child = start_delete(a);
	if (!tap_ok(child > 0, "fork the deleting child"))
		return;
	tap_eq(mvgpu_eventfd_wait(efd, REQ_WAIT_MS), 1,
	       "deleting %s asks the user to release its vGPU (request IRQ)",
	       name);
	mvgpu_close(dev);
	tap_eq(finish_delete(child), 0,
	       "the user closed it: the delete of %s completes", name);
	tap_ok(!mvgpu_pgpu_exists(name), "%s is gone", name);
	tap_ok(!mvgpu_vgpu_exists(uuid), "and its vGPU with it");
	e2e_untrack(uuid);
}

int main(void)
{
	char name[16], uuid[MVGPU_UUID_LEN + 1];
	uint64_t saved = 10000;
	struct mvgpu_dev dev;
	char old[32];
	int a, b;

	e2e_init("sgpu_remove_busy", E2E_WATCHDOG_S);
	if (!e2e_require_pgpu())
		return tap_done();
	a = e2e_free_pgpu_id(240);
	b = a > 0 ? e2e_free_pgpu_id(a - 1) : -1;
	if (!tap_ok(a > 0 && b > 0, "two free software GPU ids"))
		return tap_done();
	mvgpu_sysfs_read_u64(TIMEOUT_PARAM, &saved);
	if (!tap_rc(mvgpu_sysfs_write_str(TIMEOUT_PARAM, TIMEOUT_MS), 0,
		    "remove_timeout_ms set to %s", TIMEOUT_MS))
		return tap_done();
	snprintf(name, sizeof(name), "sgpu%d", a);
	if (tap_rc(e2e_pgpu_new(a), 0, "create software GPU %s", name) &&
	    !mvgpu_uuid_generate(uuid) &&
	    tap_rc(e2e_vgpu_create_uuid(name, TYPE, uuid), 0,
		   "create a %s vGPU on it", TYPE) &&
	    tap_rc(mvgpu_open(&dev, uuid, MVGPU_VFIO_AUTO), 0,
		   "open the vGPU, with no request eventfd")) {
		unresponsive_user(a, b, name, &dev);
		responsive_user(a, name, uuid, &dev);
	}
	snprintf(old, sizeof(old), "%llu", (unsigned long long)saved);
	mvgpu_sysfs_write_str(TIMEOUT_PARAM, old);
	return tap_done();
}
