// SPDX-License-Identifier: GPL-2.0
/*
 * vfio_irq - interrupt delivery from a vGPU to VFIO eventfds.
 *
 * The PV ping (write MVGPU_G2V_PING to the PV info page) makes the device
 * raise MVGPU_DE_MISC_PV_EVENT in the DE misc bank.  The tests check MSI
 * delivery (edge per rising line), INTx delivery (level, automasked until
 * VFIO unmask), the effect of IMR, IER and the master control, detaching
 * and disabling triggers, and malformed VFIO_DEVICE_SET_IRQS requests.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <fcntl.h>
#include <unistd.h>

#include "e2e.h"

#define TYPE		"V1_8"
#define BAR0		VFIO_PCI_BAR0_REGION_INDEX
#define PV(off)		(MVGPU_PVINFO_OFFSET + (off))
#define DE_IMR		MVGPU_IRQ_IMR(MVGPU_IRQ_BANK_DE_MISC)
#define DE_IIR		MVGPU_IRQ_IIR(MVGPU_IRQ_BANK_DE_MISC)
#define DE_IER		MVGPU_IRQ_IER(MVGPU_IRQ_BANK_DE_MISC)
#define MASTER		MVGPU_REG_MASTER_IRQ
#define PV_EVENT	MVGPU_DE_MISC_PV_EVENT
#define MSI		VFIO_PCI_MSI_IRQ_INDEX
#define INTX		VFIO_PCI_INTX_IRQ_INDEX

static struct mvgpu_dev dev;

static uint32_t rd(uint64_t off)
{
	uint32_t v = 0;
	int ret = mvgpu_mmio_read32(&dev, off, &v);

	if (ret)
		tap_diag("read of BAR0+%#llx failed: %s",
			 (unsigned long long)off, tap_errname(ret));
	return v;
}

static void wr(uint64_t off, uint32_t v)
{
	int ret = mvgpu_mmio_write32(&dev, off, v);

	if (ret)
		tap_diag("write of %#x to BAR0+%#llx failed: %s", v,
			 (unsigned long long)off, tap_errname(ret));
}

/* Unmask and enable the PV event and turn the master control on. */
static void arm(void)
{
	wr(DE_IMR, 0);
	wr(DE_IER, PV_EVENT);
	wr(MASTER, MVGPU_MASTER_IRQ_CONTROL);
}

static void ping(void)
{
	wr(PV(MVGPU_PV_G2V_NOTIFY), MVGPU_G2V_PING);
}

static void clear_iir(void)
{
	wr(DE_IIR, PV_EVENT);
}

/* Whether @efd fires within E2E_SIGNAL_MS; consumes the count. */
static bool signalled(int efd)
{
	uint64_t count = 0;
	int ret = mvgpu_eventfd_wait(efd, E2E_SIGNAL_MS);

	if (ret < 0)
		tap_diag("poll: %s", tap_errname(ret));
	mvgpu_eventfd_consume(efd, &count);
	return ret == 1 && count > 0;
}

/* Whether @efd stays quiet for E2E_QUIET_MS; consumes any count. */
static bool quiet(int efd)
{
	uint64_t count = 0;
	int ret = mvgpu_eventfd_wait(efd, E2E_QUIET_MS);

	mvgpu_eventfd_consume(efd, &count);
	if (count)
		tap_diag("eventfd count %llu", (unsigned long long)count);
	return ret == 0;
}

static void test_msi(int efd)
{
	uint32_t seq;

	if (!tap_rc(mvgpu_irq_set_trigger(&dev, MSI, efd), 0,
		    "MSI: attach an eventfd"))
		return;
	arm();
	seq = rd(PV(MVGPU_PV_V2G_SEQNO));
	ping();
	tap_ok(signalled(efd), "MSI: a PV ping signals the MSI eventfd");
	tap_eq(rd(DE_IIR) & PV_EVENT, PV_EVENT, "MSI: IIR has the PV event");
	tap_eq(rd(MASTER), MVGPU_MASTER_IRQ_CONTROL | MVGPU_MASTER_DE_MISC_IRQ,
	       "MSI: master IRQ shows control and the DE misc bank");
	tap_eq(rd(PV(MVGPU_PV_V2G_EVENT)), MVGPU_V2G_PONG,
	       "MSI: PV v2g event is PONG");
	tap_eq(rd(PV(MVGPU_PV_V2G_SEQNO)), seq + 1, "MSI: PV v2g seqno + 1");
	clear_iir();
	tap_eq(rd(DE_IIR), 0, "MSI: IIR is write-1-to-clear");
	tap_eq(rd(MASTER), MVGPU_MASTER_IRQ_CONTROL,
	       "MSI: clearing IIR drops the DE misc bank from master IRQ");

	ping();
	tap_ok(signalled(efd), "MSI: a second ping after clearing IIR signals again");
	tap_eq(rd(PV(MVGPU_PV_V2G_SEQNO)), seq + 2, "MSI: PV v2g seqno + 2");
	clear_iir();

	wr(MASTER, 0);
	ping();
	tap_ok(quiet(efd), "MSI: master control off: no signal");
	tap_eq(rd(DE_IIR) & PV_EVENT, PV_EVENT,
	       "MSI: master control off: the event still latches in IIR");
	wr(MASTER, MVGPU_MASTER_IRQ_CONTROL);
	tap_ok(signalled(efd), "MSI: turning master control on delivers it");
	clear_iir();

	wr(DE_IMR, PV_EVENT);
	ping();
	tap_ok(quiet(efd), "MSI: IMR masked: no signal");
	tap_eq(rd(DE_IIR), 0, "MSI: IMR masked: nothing latches in IIR");
	wr(DE_IMR, 0);

	wr(DE_IER, 0);
	ping();
	tap_ok(quiet(efd), "MSI: IER disabled: no signal");
	tap_eq(rd(DE_IIR) & PV_EVENT, PV_EVENT,
	       "MSI: IER disabled: the event still latches in IIR");
	wr(DE_IER, PV_EVENT);
	tap_ok(signalled(efd), "MSI: enabling IER with a pending event delivers it");
	clear_iir();

	tap_rc(mvgpu_irq_set_trigger(&dev, MSI, -1), 0,
	       "MSI: detach the eventfd (fd -1)");
	ping();
	tap_ok(quiet(efd), "MSI: detached eventfd is not signalled");
	clear_iir();
	tap_rc(mvgpu_irq_set_trigger(&dev, MSI, efd), 0,
	       "MSI: re-attach the eventfd");
	ping();
	tap_ok(signalled(efd), "MSI: re-attached eventfd is signalled");
	clear_iir();

	tap_rc(mvgpu_irq_disable(&dev, MSI), 0,
	       "MSI: disable the index (DATA_NONE, count 0)");
	ping();
	tap_ok(quiet(efd), "MSI: disabled index is not signalled");
	clear_iir();
}

static void test_intx(int efd)
{
	if (!tap_rc(mvgpu_irq_set_trigger(&dev, INTX, efd), 0,
		    "INTx: attach an eventfd (MSI off)"))
		return;
	arm();
	ping();
	tap_ok(signalled(efd), "INTx: a PV ping signals the INTx eventfd");
	clear_iir();
	ping();
	tap_ok(quiet(efd), "INTx: automasked: the next event does not signal");
	tap_eq(rd(DE_IIR) & PV_EVENT, PV_EVENT, "INTx: the event latched in IIR");
	tap_rc(mvgpu_irq_unmask(&dev, INTX), 0, "INTx: unmask");
	tap_ok(signalled(efd), "INTx: unmask with the line asserted signals");
	clear_iir();
	mvgpu_irq_unmask(&dev, INTX);
	tap_ok(quiet(efd), "INTx: unmask with the line deasserted stays quiet");
	ping();
	tap_ok(signalled(efd), "INTx: the next event signals again");
	clear_iir();
	mvgpu_irq_unmask(&dev, INTX);

	tap_rc(mvgpu_irq_mask(&dev, INTX), 0, "INTx: mask");
	ping();
	tap_ok(quiet(efd), "INTx: masked: no signal");
	mvgpu_irq_unmask(&dev, INTX);
	tap_ok(signalled(efd), "INTx: unmask delivers the pending event");
	clear_iir();
	mvgpu_irq_unmask(&dev, INTX);

	tap_rc(mvgpu_irq_disable(&dev, INTX), 0, "INTx: disable the index");
	ping();
	tap_ok(quiet(efd), "INTx: disabled index is not signalled");
	clear_iir();
}

/*
 * count 0 carries no data: only TRIGGER with DATA_NONE (disable) is valid.
 * Each other combination once dereferenced the missing data buffer and
 * panicked the host.
 */
static void test_count0(int efd)
{
	static const struct {
		uint32_t index, flags;
		const char *what;
	} bad[] = {
		{ MSI, VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER,
		  "MSI trigger eventfd" },
		{ MSI, VFIO_IRQ_SET_DATA_BOOL | VFIO_IRQ_SET_ACTION_TRIGGER,
		  "MSI trigger bool" },
		{ VFIO_PCI_REQ_IRQ_INDEX,
		  VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER,
		  "REQ trigger eventfd" },
		{ VFIO_PCI_REQ_IRQ_INDEX,
		  VFIO_IRQ_SET_DATA_BOOL | VFIO_IRQ_SET_ACTION_TRIGGER,
		  "REQ trigger bool" },
		{ INTX, VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER,
		  "INTx trigger eventfd" },
		{ INTX, VFIO_IRQ_SET_DATA_BOOL | VFIO_IRQ_SET_ACTION_MASK,
		  "INTx mask bool" },
		{ INTX, VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_MASK,
		  "INTx mask eventfd" },
		{ INTX, VFIO_IRQ_SET_DATA_BOOL | VFIO_IRQ_SET_ACTION_UNMASK,
		  "INTx unmask bool" },
		{ INTX, VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_UNMASK,
		  "INTx unmask eventfd" },
		{ INTX, VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_MASK,
		  "INTx mask none" },
	};
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		tap_rc(mvgpu_set_irqs(&dev, bad[i].flags, bad[i].index, 0, 0,
				      NULL, 0),
		       -EINVAL, "SET_IRQS count 0: %s is EINVAL", bad[i].what);

	if (!tap_rc(mvgpu_irq_set_trigger(&dev, MSI, efd), 0,
		    "SET_IRQS count 0: attach an MSI eventfd"))
		return;
	arm();
	ping();
	tap_ok(signalled(efd), "SET_IRQS count 0: the MSI eventfd is signalled");
	clear_iir();
	tap_rc(mvgpu_set_irqs(&dev, VFIO_IRQ_SET_DATA_NONE |
			      VFIO_IRQ_SET_ACTION_TRIGGER, MSI, 0, 0, NULL, 0),
	       0, "SET_IRQS count 0: MSI trigger none disables");
	ping();
	tap_ok(quiet(efd), "SET_IRQS count 0: the disabled MSI is not signalled");
	clear_iir();
	wr(MASTER, 0);
}

static void test_bad_set_irqs(int efd)
{
	const uint32_t trig = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER;
	int32_t fds[2] = { efd, efd }, nullfd;
	int ret;

	tap_rc(mvgpu_set_irqs(&dev, trig, VFIO_PCI_NUM_IRQS, 0, 1, fds, 4),
	       -EINVAL, "SET_IRQS: index beyond num_irqs is EINVAL");
	tap_rc(mvgpu_set_irqs(&dev, trig, 0xffff, 0, 1, fds, 4),
	       -EINVAL, "SET_IRQS: index 0xffff is EINVAL");
	tap_rc(mvgpu_set_irqs(&dev, trig, MSI, 0, 2, fds, 8),
	       -EINVAL, "SET_IRQS: MSI count 2 is EINVAL");
	tap_rc(mvgpu_set_irqs(&dev, trig, MSI, 1, 1, fds, 4),
	       -EINVAL, "SET_IRQS: MSI start 1 is EINVAL");
	tap_rc(mvgpu_set_irqs(&dev, trig, VFIO_PCI_MSIX_IRQ_INDEX, 0, 1, fds, 4),
	       -EINVAL, "SET_IRQS: MSI-X (count 0) is EINVAL");
	tap_rc(mvgpu_set_irqs(&dev, trig, MSI, 0, 1, NULL, 0),
	       -EINVAL, "SET_IRQS: eventfd data missing is EINVAL");
	tap_rc(mvgpu_set_irqs(&dev, VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_DATA_BOOL |
			      VFIO_IRQ_SET_ACTION_TRIGGER, MSI, 0, 1, fds, 4),
	       -EINVAL, "SET_IRQS: two data types is EINVAL");
	/* vfio-pci answers ENOTTY here: accept either refusal. */
	ret = mvgpu_set_irqs(&dev, VFIO_IRQ_SET_DATA_NONE |
			     VFIO_IRQ_SET_ACTION_TRIGGER |
			     VFIO_IRQ_SET_ACTION_UNMASK, INTX, 0, 1, NULL, 0);
	if (!tap_ok(ret == -EINVAL || ret == -ENOTTY,
		    "SET_IRQS: two actions is EINVAL or ENOTTY"))
		tap_diag("got %s", tap_errname(ret));

	test_count0(efd);

	nullfd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (nullfd >= 0) {
		tap_rc(mvgpu_irq_set_trigger(&dev, MSI, nullfd), -EINVAL,
		       "SET_IRQS: an fd that is not an eventfd is EINVAL");
		close(nullfd);
	}
}

static void test_req(int efd)
{
	tap_rc(mvgpu_irq_set_trigger(&dev, VFIO_PCI_REQ_IRQ_INDEX, efd), 0,
	       "REQ: attach an eventfd");
	tap_ok(quiet(efd), "REQ: not signalled while the vGPU stays");
	tap_rc(mvgpu_irq_disable(&dev, VFIO_PCI_REQ_IRQ_INDEX), 0,
	       "REQ: disable the index");
}

int main(void)
{
	char uuid[MVGPU_UUID_LEN + 1];
	int efd;

	e2e_init("vfio_irq", E2E_WATCHDOG_S);
	if (!e2e_require_pgpu())
		return tap_done();
	if (!tap_rc(e2e_vgpu_create(TYPE, uuid), 0, "create a %s vGPU", TYPE))
		return tap_done();
	if (!tap_rc(mvgpu_open(&dev, uuid, MVGPU_VFIO_AUTO), 0,
		    "open the vGPU"))
		goto out;
	tap_diag("opened through the %s path", mvgpu_path_name(dev.path));
	efd = mvgpu_eventfd_new();
	if (tap_ok(efd >= 0, "create an eventfd")) {
		test_msi(efd);
		test_intx(efd);
		test_bad_set_irqs(efd);
		test_req(efd);
		close(efd);
	}
	wr(MASTER, 0);
	mvgpu_close(&dev);
out:
	tap_rc(e2e_vgpu_remove(uuid), 0, "remove the vGPU");
	return tap_done();
}
