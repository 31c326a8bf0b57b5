// SPDX-License-Identifier: GPL-2.0
/*
 * remove_while_open - removing a vGPU that a process holds open.
 *
 * A forked holder opens the vGPU and tells the parent it is ready.  The
 * parent then writes 1 to its remove attribute, which blocks until the
 * holder closes the device:
 *  - with a REQ eventfd set, the holder waits for the kernel's request
 *    (VFIO_PCI_REQ_IRQ_INDEX) and closes as soon as it arrives;
 *  - without one, the holder just closes after HOLD_MS, and the removal
 *    must have waited for it.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <poll.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "e2e.h"

#define TYPE		"V1_8"
#define HOLD_MS		2000	/* holder without REQ closes after this */
#define REQ_WAIT_MS	15000	/* holder with REQ gives up after this */
#define READY_MS	10000	/* the holder must have opened by then */

/* Holder exit codes. */
enum {
	HOLDER_OK = 0,
	HOLDER_OPEN_FAILED = 10,
	HOLDER_REQ_SETUP_FAILED = 11,
	HOLDER_NO_REQ = 12,
};

struct holder {
	pid_t pid;
	int ready;	/* read end: one byte once the device is open */
};

/* Child side: never returns. */
static void holder_main(const char *uuid, enum mvgpu_vfio_path path,
			bool use_req, int ready)
{
	struct mvgpu_dev dev;
	int efd = -1, code = HOLDER_OK;

	if (mvgpu_open(&dev, uuid, path))
		_exit(HOLDER_OPEN_FAILED);
	if (use_req) {
		efd = mvgpu_eventfd_new();
		if (efd < 0 || mvgpu_irq_set_trigger(&dev, VFIO_PCI_REQ_IRQ_INDEX,
						     efd))
			_exit(HOLDER_REQ_SETUP_FAILED);
	}
	if (write(ready, "R", 1) != 1)
		_exit(HOLDER_OPEN_FAILED);
	if (use_req)
		code = mvgpu_eventfd_wait(efd, REQ_WAIT_MS) == 1 ?
		       HOLDER_OK : HOLDER_NO_REQ;
	else
		usleep(HOLD_MS * 1000);
	mvgpu_close(&dev);
	_exit(code);
}

/* Fork a holder and wait until it has the device open. */
static bool start_holder(struct holder *h, const char *uuid,
			 enum mvgpu_vfio_path path, bool use_req)
{
	struct pollfd pfd;
	int p[2];
	char c;

	if (pipe(p))
		return false;
	h->pid = fork();
	if (h->pid == 0) {
		close(p[0]);
		holder_main(uuid, path, use_req, p[1]);
	}
	close(p[1]);
	h->ready = p[0];
	if (h->pid < 0)
		return false;
	pfd.fd = h->ready;
	pfd.events = POLLIN;
	return poll(&pfd, 1, READY_MS) == 1 && read(h->ready, &c, 1) == 1;
}

/* Reap the holder; returns its exit code or -1. */
static int finish_holder(struct holder *h)
{
	int status;

	close(h->ready);
	if (h->pid <= 0 || waitpid(h->pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Remove @uuid while a holder has it open; @use_req selects the mode. */
static void run_case(enum mvgpu_vfio_path path, bool use_req)
{
	const char *tag = use_req ? mvgpu_path_name(path) : "no REQ";
	char uuid[MVGPU_UUID_LEN + 1];
	uint64_t before = 0, after = 0, t0, ms;
	struct holder h = { .pid = -1, .ready = -1 };
	int ret, code;

	mvgpu_type_available(e2e_pgpu(), TYPE, &before);
	if (!tap_rc(e2e_vgpu_create(TYPE, uuid), 0, "%s: create a %s vGPU",
		    tag, TYPE))
		return;
	if (!tap_ok(start_holder(&h, uuid, path, use_req),
		    "%s: holder opened the vGPU%s", tag,
		    use_req ? " and set a REQ eventfd" : "")) {
		tap_diag("holder exit code %d", finish_holder(&h));
		e2e_vgpu_remove(uuid);
		return;
	}

	t0 = e2e_now_ms();
	ret = e2e_vgpu_remove(uuid);	/* blocks until the holder closes */
	ms = e2e_now_ms() - t0;
	tap_diag("%s: remove returned after %llu ms", tag,
		 (unsigned long long)ms);
	tap_rc(ret, 0, "%s: remove while open succeeds", tag);
	code = finish_holder(&h);
	if (use_req) {
		tap_eq(code, HOLDER_OK,
		       "%s: the holder received the REQ eventfd", tag);
		tap_ok(ms < REQ_WAIT_MS,
		       "%s: removal finished because the holder reacted to REQ",
		       tag);
	} else {
		tap_eq(code, HOLDER_OK, "%s: the holder closed normally", tag);
		tap_ok(ms >= 1000, "%s: remove blocked (>= 1 s) until the "
		       "holder closed", tag);
	}
	tap_ok(e2e_wait_vgpu_gone(uuid, 5000), "%s: the vGPU is gone", tag);
	mvgpu_type_available(e2e_pgpu(), TYPE, &after);
	tap_eq(after, before, "%s: %s available_instances restored", tag, TYPE);
}

int main(void)
{
	e2e_init("remove_while_open", E2E_WATCHDOG_S);
	if (!e2e_require_pgpu())
		return tap_done();

	run_case(MVGPU_VFIO_GROUP, true);
	if (access("/dev/iommu", F_OK))
		tap_skip("/dev/iommu absent (no CONFIG_IOMMUFD)",
			 "cdev: remove while open with REQ");
	else
		run_case(MVGPU_VFIO_CDEV, true);
	run_case(MVGPU_VFIO_AUTO, false);
	return tap_done();
}
