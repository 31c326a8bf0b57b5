// SPDX-License-Identifier: GPL-2.0-only
/*
 * sgpu_remove_busy: deleting a software GPU whose vGPU is open waits for
 * that vGPU's user, and only for it: other software GPUs are created and
 * deleted meanwhile.  (The deletion used to wait holding the software
 * GPUs' global lock, so every create and delete queued behind the user.)
 *
 * A vGPU on software GPU A is opened (no request eventfd: its user does
 * not react).  A child deletes A, which blocks.  The test then creates
 * and deletes software GPU B, and a second delete of A fails at once with
 * ENOENT (it is being removed), all while the child still waits.
 * Closing the vGPU lets the deletion finish.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "e2e.h"

#define TYPE	"V1_8"

/* Whether child @pid is still running after @ms milliseconds. */
static bool still_running(pid_t pid, unsigned int ms)
{
	usleep(ms * 1000);
	return waitpid(pid, NULL, WNOHANG) == 0;
}

int main(void)
{
	char name[16], uuid[MVGPU_UUID_LEN + 1];
	struct mvgpu_dev dev;
	int a, b, status = -1;
	pid_t child;

	e2e_init("sgpu_remove_busy", E2E_WATCHDOG_S);
	if (!e2e_require_pgpu())
		return tap_done();
	a = e2e_free_pgpu_id(240);
	b = a > 0 ? e2e_free_pgpu_id(a - 1) : -1;
	if (!tap_ok(a > 0 && b > 0, "two free software GPU ids"))
		return tap_done();
	snprintf(name, sizeof(name), "sgpu%d", a);
	if (!tap_rc(e2e_pgpu_new(a), 0, "create software GPU %s", name) ||
	    mvgpu_uuid_generate(uuid) ||
	    !tap_rc(e2e_vgpu_create_uuid(name, TYPE, uuid), 0,
		    "create a %s vGPU on it", TYPE) ||
	    !tap_rc(mvgpu_open(&dev, uuid, MVGPU_VFIO_AUTO), 0,
		    "open the vGPU, with no request eventfd"))
		return tap_done();

	child = fork();
	if (child == 0) {
		/* Its copies of the device's fds would hold the vGPU too. */
		closefrom(3);
		_exit(mvgpu_pgpu_del(a) ? 1 : 0);
	}
	if (!tap_ok(child > 0, "fork the deleting child")) {
		mvgpu_close(&dev);
		return tap_done();
	}
	tap_ok(still_running(child, 1000),
	       "deleting %s waits for its open vGPU", name);

	tap_rc(mvgpu_pgpu_new(b), 0,
	       "meanwhile software GPU sgpu%d is created", b);
	tap_rc(mvgpu_pgpu_del(b), 0, "and deleted again");
	tap_rc(mvgpu_pgpu_del(a), -ENOENT,
	       "a second delete of %s fails at once: it is being removed", name);
	tap_rc(mvgpu_pgpu_new(a), -EEXIST,
	       "its id is not reused while it is being removed");
	tap_ok(still_running(child, 200),
	       "the first delete still waits for the vGPU's user");

	mvgpu_close(&dev);
	if (waitpid(child, &status, 0) != child)
		status = -1;
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "closing the vGPU lets the delete of %s finish", name);
	tap_ok(!mvgpu_pgpu_exists(name), "%s is gone", name);
	tap_ok(!mvgpu_vgpu_exists(uuid), "and its vGPU with it");
	e2e_untrack(uuid);
	return tap_done();
}
