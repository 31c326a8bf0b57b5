/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Userspace shim: locks, wait queues, work items, lockdep assertions.
 *
 * Every lock records whether it is held and by which harness thread
 * (tests/fuzz/shim/threads.c runs cooperative threads; outside them there
 * is one).  Taking a lock its thread already holds, releasing one not
 * held, destroying a held mutex, or a lockdep_assert_held() on a lock not
 * held is a finding (it aborts).  A thread that must block (a lock held by
 * another thread, a wait_event() whose condition is false) switches to
 * another thread; when none can run, that is a deadlock, also a finding.
 *
 * Work items run when the harness runs them (shim_run_work()) or in the
 * worker thread, never behind the caller's back.  High-resolution timers
 * fire when the harness moves the clock (shim_advance_time()) to or past
 * their expiry, in expiry order, each with the clock at its expiry; a
 * timer started already expired fires at the next move, even by 0 ns.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _SHIM_SYNC_H
#define _SHIM_SYNC_H

#include <shim/base.h>
#include <shim/list.h>

/**
 * struct shim_lockdep - what every shim lock records
 * @held: times held (readers of an rw_semaphore count each)
 * @owner: the holding harness thread + 1 (exclusive holders only)
 * @name: lock class name, for reports
 */
struct shim_lockdep {
	int held;
	int owner;
	const char *name;
};

void shim_lock(struct shim_lockdep *l, bool shared, const char *file,
	       int line);
bool shim_trylock(struct shim_lockdep *l, bool shared);
void shim_unlock(struct shim_lockdep *l, bool shared, const char *file,
		 int line);
void shim_assert_held(const struct shim_lockdep *l, const char *file,
		      int line);
void shim_assert_not_held(const struct shim_lockdep *l, const char *file,
			  int line);
void shim_block(const char *why, const char *file, int line);
/* tests/fuzz/shim/threads.c */
void shim_yield_point(void);
int shim_thread_self(void);
bool shim_thread_block(const char *why);
/* cond_resched(): a yield point, and the harness's hook if it set one. */
extern void (*shim_resched_hook)(void);

static inline void shim_cond_resched(void)
{
	if (shim_resched_hook)
		shim_resched_hook();
	shim_yield_point();
}

#define lockdep_assert_held(l)	shim_assert_held(&(l)->dep, __FILE__, __LINE__)
#define lockdep_assert_held_write(l)	lockdep_assert_held(l)
#define lockdep_assert_held_read(l)	lockdep_assert_held(l)
#define lockdep_assert_not_held(l) \
	shim_assert_not_held(&(l)->dep, __FILE__, __LINE__)
#define lockdep_assert_none_held_once()	do { } while (0)
#define lockdep_assert_irqs_enabled()	do { } while (0)
#define might_sleep()			do { } while (0)
#define might_lock(l)			do { } while (0)
#define cond_resched()			shim_cond_resched()
#define cpu_relax()			shim_yield_point()

/* ---- mutex ------------------------------------------------------------ */

struct mutex {
	struct shim_lockdep dep;
};

#define DEFINE_MUTEX(m)	struct mutex m = { .dep = { .name = #m } }
#define mutex_init(m)	((m)->dep = (struct shim_lockdep){ .name = #m })
#define mutex_lock(m)	shim_lock(&(m)->dep, false, __FILE__, __LINE__)
#define mutex_lock_interruptible(m) (mutex_lock(m), 0)
#define mutex_lock_killable(m)	(mutex_lock(m), 0)
#define mutex_lock_nested(m, c)	mutex_lock(m)
#define mutex_trylock(m)	shim_trylock(&(m)->dep, false)
#define mutex_unlock(m)	shim_unlock(&(m)->dep, false, __FILE__, __LINE__)
#define mutex_is_locked(m)	((m)->dep.held != 0)
#define mutex_destroy(m)	shim_assert_not_held(&(m)->dep, __FILE__, __LINE__)

/* ---- spinlock --------------------------------------------------------- */

typedef struct spinlock {
	struct shim_lockdep dep;
} spinlock_t;

#define DEFINE_SPINLOCK(l)	spinlock_t l = { .dep = { .name = #l } }
#define spin_lock_init(l)	((l)->dep = (struct shim_lockdep){ .name = #l })
#define spin_lock(l)		shim_lock(&(l)->dep, false, __FILE__, __LINE__)
#define spin_unlock(l)		shim_unlock(&(l)->dep, false, __FILE__, __LINE__)
#define spin_trylock(l)		shim_trylock(&(l)->dep, false)
#define spin_lock_irq(l)	spin_lock(l)
#define spin_unlock_irq(l)	spin_unlock(l)
#define spin_lock_bh(l)		spin_lock(l)
#define spin_unlock_bh(l)	spin_unlock(l)
#define spin_lock_irqsave(l, flags)	do { (flags) = 0; spin_lock(l); } while (0)
#define spin_unlock_irqrestore(l, flags) do { (void)(flags); spin_unlock(l); } while (0)
#define assert_spin_locked(l)	lockdep_assert_held(l)

/* ---- rw_semaphore ----------------------------------------------------- */

struct rw_semaphore {
	struct shim_lockdep dep;
};

#define init_rwsem(s)		((s)->dep = (struct shim_lockdep){ .name = #s })
#define down_read(s)		shim_lock(&(s)->dep, true, __FILE__, __LINE__)
#define up_read(s)		shim_unlock(&(s)->dep, true, __FILE__, __LINE__)
#define down_write(s)		shim_lock(&(s)->dep, false, __FILE__, __LINE__)
#define up_write(s)		shim_unlock(&(s)->dep, false, __FILE__, __LINE__)
#define down_read_trylock(s)	shim_trylock(&(s)->dep, true)
#define down_write_trylock(s)	shim_trylock(&(s)->dep, false)

/* ---- wait queues ------------------------------------------------------ */

struct wait_queue_head {
	int waiters;
};
typedef struct wait_queue_head wait_queue_head_t;

#define DECLARE_WAIT_QUEUE_HEAD(wq)	wait_queue_head_t wq = { 0 }
#define init_waitqueue_head(wq)		((wq)->waiters = 0)
#define wake_up(wq)			shim_yield_point()
#define wake_up_all(wq)			shim_yield_point()
#define wake_up_interruptible(wq)	shim_yield_point()

/* Blocks (switches threads) until @cond holds. */
#define wait_event(wq, cond) do {					\
	while (!(cond))							\
		shim_block("wait_event(" #wq ", " #cond ")",		\
			   __FILE__, __LINE__);				\
} while (0)
#define wait_event_interruptible(wq, cond) ({ wait_event(wq, cond); 0; })
#define wait_event_killable(wq, cond)	wait_event_interruptible(wq, cond)

/* ---- work items ------------------------------------------------------- */

struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);

/**
 * struct work_struct - a work item
 * @func: what it runs
 * @entry: in the shim's queue while pending
 * @pending: queued and not started
 */
struct work_struct {
	work_func_t func;
	struct list_head entry;
	bool pending;
};

struct delayed_work {
	struct work_struct work;
};

struct workqueue_struct;

#define INIT_WORK(w, f) do {						\
	(w)->func = (f);						\
	INIT_LIST_HEAD(&(w)->entry);					\
	(w)->pending = false;						\
} while (0)
#define INIT_DELAYED_WORK(w, f)	INIT_WORK(&(w)->work, f)

/* The system workqueues: queue_work() onto them is as onto any other. */
extern struct workqueue_struct *system_wq;
extern struct workqueue_struct *system_highpri_wq;

bool schedule_work(struct work_struct *work);
bool queue_work(struct workqueue_struct *wq, struct work_struct *work);
bool flush_work(struct work_struct *work);
bool cancel_work_sync(struct work_struct *work);
bool cancel_work(struct work_struct *work);
#define work_pending(w)		((w)->pending)

/* ---- high-resolution timers ------------------------------------------- */

#ifndef CLOCK_MONOTONIC
#define CLOCK_MONOTONIC		1	/* as <time.h> */
#endif

enum hrtimer_mode {
	HRTIMER_MODE_ABS = 0x0,
	HRTIMER_MODE_REL = 0x1,
};

enum hrtimer_restart {
	HRTIMER_NORESTART,
	HRTIMER_RESTART,
};

/**
 * struct hrtimer - a high-resolution timer
 * @function: called when it fires (from shim_advance_time(), no lock held)
 * @expires: when it fires, on the shim's clock (ktime_get())
 * @entry: in the shim's list of queued timers while queued
 * @queued: started and not yet fired or cancelled
 * @initialized: hrtimer_init() set it up
 */
struct hrtimer {
	enum hrtimer_restart (*function)(struct hrtimer *timer);
	ktime_t expires;
	struct list_head entry;
	bool queued;
	bool initialized;
};

void hrtimer_init(struct hrtimer *timer, clockid_t clock_id,
		  enum hrtimer_mode mode);
void hrtimer_start(struct hrtimer *timer, ktime_t tim,
		   enum hrtimer_mode mode);
/* 1: it was queued and is not; 0: it was not queued; -1: it is firing. */
int hrtimer_try_to_cancel(struct hrtimer *timer);
/* Waits for a callback in progress; 1 if it was queued. */
int hrtimer_cancel(struct hrtimer *timer);
bool hrtimer_callback_running(const struct hrtimer *timer);

static inline bool hrtimer_is_queued(const struct hrtimer *timer)
{
	return timer->queued;
}

static inline bool hrtimer_active(const struct hrtimer *timer)
{
	return timer->queued || hrtimer_callback_running(timer);
}

/* ---- tasks ------------------------------------------------------------ */

struct task_struct;
#define signal_pending(t)	0
#define fatal_signal_pending(t)	0
#define schedule()		shim_yield_point()

#endif /* _SHIM_SYNC_H */
