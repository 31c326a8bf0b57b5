// SPDX-License-Identifier: GPL-2.0-only
/*
 * Userspace shim: the out-of-line parts of the kernel API the mvgpu core
 * uses (the headers in tests/fuzz/shim/include/shim/).  Not instrumented for
 * coverage: the fuzzer should steer by the driver's code, not by these.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#include <stdio.h>

#include <shim/base.h>
#include <shim/dev.h>
#include <shim/harness.h>
#include <shim/list.h>
#include <shim/mem.h>
#include <shim/sync.h>
#include <shim/xarray.h>

bool shim_verbose;
unsigned long shim_log_lines;
unsigned long shim_eventfd_signals;
unsigned long jiffies;
u64 shim_ns;
void (*shim_resched_hook)(void);

#define SHIM_JIFFIES0	100000UL
#define SHIM_NS0	1000000000ULL

static long fail_alloc_after = -1;
static LIST_HEAD(work_list);
static struct work_struct *running_work;
static LIST_HEAD(timer_list);
static unsigned int nr_timers;
static const struct hrtimer *running_timer;
static unsigned long page_refs;

/* The system workqueues: named, and otherwise like any other queue. */
struct workqueue_struct {
	const char *name;
};

static struct workqueue_struct shim_system_wq = { "events" };
static struct workqueue_struct shim_system_highpri_wq = { "events_highpri" };
struct workqueue_struct *system_wq = &shim_system_wq;
struct workqueue_struct *system_highpri_wq = &shim_system_highpri_wq;

/* ---- reports ---------------------------------------------------------- */

void shim_warn(const char *file, int line, const char *what)
{
	fprintf(stderr, "mvgpu-fuzz: %s:%d: %s\n", file, line, what);
	abort();
}

void shim_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mvgpu-fuzz: %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

static void vlog(const char *level, const char *prefix, const char *fmt,
		 va_list ap)
{
	shim_log_lines++;
	if (!shim_verbose)
		return;
	if (level[0] == '<' && level[1] && level[2] == '>')
		level += 3;
	fprintf(stderr, "%s%s", level, prefix);
	vfprintf(stderr, fmt, ap);
}

int printk(const char *fmt, ...)
{
	char level[4] = "";
	va_list ap;

	if (fmt[0] == '<' && fmt[1] && fmt[2] == '>') {
		memcpy(level, fmt, 3);
		fmt += 3;
	}
	va_start(ap, fmt);
	vlog(level, "", fmt, ap);
	va_end(ap);
	return 0;
}

void shim_dev_printk(const char *level, const struct device *dev,
		     const char *fmt, ...)
{
	char prefix[64];
	va_list ap;

	snprintf(prefix, sizeof(prefix), "%s: ", dev_name(dev));
	va_start(ap, fmt);
	vlog(level, prefix, fmt, ap);
	va_end(ap);
}

int ___ratelimit(struct ratelimit_state *rs, const char *func)
{
	if (!rs->interval)
		return 1;
	if (!rs->begin)
		rs->begin = jiffies;
	if (time_is_before_jiffies(rs->begin + rs->interval)) {
		rs->begin = jiffies;
		rs->printed = 0;
		rs->missed = 0;
	}
	if (rs->burst && rs->burst > rs->printed) {
		rs->printed++;
		return 1;
	}
	rs->missed++;
	return 0;
}

/* ---- parameters ------------------------------------------------------- */

int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long v;
	char *end;

	if (!*s || *s == '-')
		return -EINVAL;
	errno = 0;
	v = strtoul(s, &end, base);
	if (*end == '\n')
		end++;
	if (*end || errno)
		return -EINVAL;
	if (v > UINT_MAX)
		return -ERANGE;
	*res = v;
	return 0;
}

int param_get_uint(char *buffer, const struct kernel_param *kp)
{
	return sprintf(buffer, "%u\n", *(unsigned int *)kp->arg);
}

/* ---- memory ----------------------------------------------------------- */

void shim_fail_alloc_after(long n)
{
	fail_alloc_after = n;
}

static bool alloc_fails(void)
{
	if (fail_alloc_after < 0)
		return false;
	if (fail_alloc_after--)
		return false;
	return true;
}

void *shim_malloc(size_t size, gfp_t gfp)
{
	if (alloc_fails())
		return NULL;
	/* kmalloc(0) is a valid, unusable pointer; a byte gives ASan that. */
	if (!size)
		size = 1;
	return gfp & __GFP_ZERO ? calloc(1, size) : malloc(size);
}

void shim_free(const void *p)
{
	free((void *)p);
}

/*
 * Physical addresses of page blocks: each order has its own region of
 * slots, a slot one page larger than its block so that blocks are never
 * adjacent; freed slots are reused.  All below 2^39.
 */
#define PHYS_BASE	(1ull << 32)
#define PHYS_REGION	(1ull << 34)
#define MAX_ORDER	12

struct phys_block {
	uintptr_t va;
	u64 phys;
	unsigned int order;
	unsigned int *refs;	/* get_page() references per page, or NULL */
};

static struct phys_block *blocks;	/* sorted by va */
static size_t nr_blocks, cap_blocks;
static u64 next_slot[MAX_ORDER];
static u64 *free_slots[MAX_ORDER];
static size_t nr_free[MAX_ORDER], cap_free[MAX_ORDER];

static void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size);
	if (!p)
		shim_fail(__FILE__, __LINE__, "out of memory");
	return p;
}

/* The block holding @va, or NULL. */
static struct phys_block *block_of(uintptr_t va)
{
	size_t lo = 0, hi = nr_blocks;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (blocks[mid].va <= va)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo || va - blocks[lo - 1].va >= PAGE_SIZE << blocks[lo - 1].order)
		return NULL;
	return &blocks[lo - 1];
}

phys_addr_t page_to_phys(const struct page *page)
{
	struct phys_block *b = block_of((uintptr_t)page);

	if (!b)
		shim_fail(__FILE__, __LINE__, "page %p was not allocated by alloc_pages()",
			  page);
	return b->phys + ((uintptr_t)page - b->va);
}

struct page *pfn_to_page(unsigned long pfn)
{
	u64 phys = (u64)pfn << PAGE_SHIFT;
	size_t i;

	for (i = 0; i < nr_blocks; i++)
		if (phys - blocks[i].phys < PAGE_SIZE << blocks[i].order)
			return (struct page *)(blocks[i].va + (phys - blocks[i].phys));
	return NULL;
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	size_t size = PAGE_SIZE << order, i;
	struct page *page;
	u64 phys;

	if (order >= MAX_ORDER)
		shim_fail(__FILE__, __LINE__, "alloc_pages() of order %u", order);
	if (alloc_fails())
		return NULL;
	page = aligned_alloc(PAGE_SIZE, size);
	if (!page)
		return NULL;
	if (gfp & __GFP_ZERO)
		memset(page, 0, size);
	if (nr_free[order]) {
		phys = free_slots[order][--nr_free[order]];
	} else {
		phys = PHYS_BASE + order * PHYS_REGION + next_slot[order];
		next_slot[order] += size + PAGE_SIZE;
		if (next_slot[order] > PHYS_REGION)
			shim_fail(__FILE__, __LINE__, "out of physical addresses");
	}
	if (nr_blocks == cap_blocks) {
		cap_blocks = cap_blocks ? 2 * cap_blocks : 256;
		blocks = xrealloc(blocks, cap_blocks * sizeof(*blocks));
	}
	for (i = nr_blocks; i && blocks[i - 1].va > (uintptr_t)page; i--)
		blocks[i] = blocks[i - 1];
	blocks[i] = (struct phys_block){ (uintptr_t)page, phys, order, NULL };
	nr_blocks++;
	return page;
}

void __free_pages(struct page *page, unsigned int order)
{
	struct phys_block *b = block_of((uintptr_t)page);
	unsigned int i;

	if (!b || b->va != (uintptr_t)page || b->order != order)
		shim_fail(__FILE__, __LINE__, "__free_pages() of %p, order %u, which alloc_pages() did not return",
			  page, order);
	for (i = 0; b->refs && i < 1u << order; i++)
		if (b->refs[i])
			shim_fail(__FILE__, __LINE__, "%s() of %p, order %u: page %u still has %u references (get_page())",
				  __func__, page, order, i, b->refs[i]);
	free(b->refs);
	if (nr_free[order] == cap_free[order]) {
		cap_free[order] = cap_free[order] ? 2 * cap_free[order] : 64;
		free_slots[order] = xrealloc(free_slots[order],
					     cap_free[order] * sizeof(u64));
	}
	free_slots[order][nr_free[order]++] = b->phys;
	memmove(b, b + 1, (blocks + --nr_blocks - b) * sizeof(*b));
	free(page);
}

/* The reference count of a page alloc_pages() returned, or a finding. */
static unsigned int *page_ref(struct page *page, const char *what)
{
	struct phys_block *b = block_of((uintptr_t)page);

	if (!b)
		shim_fail(__FILE__, __LINE__, "%s() of %p, which alloc_pages() did not return",
			  what, page);
	if (!b->refs) {
		b->refs = calloc(1u << b->order, sizeof(*b->refs));
		if (!b->refs)
			shim_fail(__FILE__, __LINE__, "out of memory");
	}
	return &b->refs[((uintptr_t)page - b->va) >> PAGE_SHIFT];
}

void get_page(struct page *page)
{
	(*page_ref(page, "get_page"))++;
	page_refs++;
}

void put_page(struct page *page)
{
	unsigned int *ref = page_ref(page, "put_page");

	if (!*ref)
		shim_fail(__FILE__, __LINE__, "%s() of %p with no reference from get_page(): it would free the page under its owner",
			  __func__, page);
	(*ref)--;
	page_refs--;
}

unsigned long shim_page_refs(void)
{
	return page_refs;
}

void *vmap(struct page **pages, unsigned int count, unsigned long flags,
	   int prot)
{
	unsigned int i;

	/* The shim cannot remap: only pages that are contiguous already. */
	for (i = 1; i < count; i++)
		if (pages[i] != pages[0] + i)
			shim_fail(__FILE__, __LINE__,
				  "vmap() of non-contiguous pages");
	return alloc_fails() ? NULL : pages[0];
}

void vunmap(const void *addr)
{
}

/* ---- bitmaps ---------------------------------------------------------- */

unsigned long *bitmap_zalloc(unsigned int nbits, gfp_t gfp)
{
	return kcalloc(BITS_TO_LONGS(nbits), sizeof(unsigned long), gfp);
}

void bitmap_free(const unsigned long *bitmap)
{
	kfree(bitmap);
}

static unsigned long find_bit(const unsigned long *addr, unsigned long size,
			      unsigned long offset, unsigned long invert)
{
	unsigned long word;

	if (offset >= size)
		return size;
	word = (addr[BIT_WORD(offset)] ^ invert) &
	       (~0UL << (offset % BITS_PER_LONG));
	offset = ALIGN_DOWN(offset, BITS_PER_LONG);
	while (!word) {
		offset += BITS_PER_LONG;
		if (offset >= size)
			return size;
		word = addr[BIT_WORD(offset)] ^ invert;
	}
	return min(offset + __builtin_ctzl(word), size);
}

unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
			    unsigned long offset)
{
	return find_bit(addr, size, offset, 0);
}

unsigned long find_next_zero_bit(const unsigned long *addr,
				 unsigned long size, unsigned long offset)
{
	return find_bit(addr, size, offset, ~0UL);
}

unsigned int bitmap_weight(const unsigned long *src, unsigned int nbits)
{
	unsigned int i, w = 0;

	for (i = 0; i < nbits; i++)
		w += test_bit(i, src);
	return w;
}

/* ---- xarray ----------------------------------------------------------- */

/* First slot whose index is >= @index. */
static unsigned long xa_pos(const struct xarray *xa, unsigned long index)
{
	unsigned long lo = 0, hi = xa->nr;

	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (xa->slots[mid].index < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void *xa_load(struct xarray *xa, unsigned long index)
{
	unsigned long i = xa_pos(xa, index);

	return i < xa->nr && xa->slots[i].index == index ? xa->slots[i].entry :
							   NULL;
}

void *xa_erase(struct xarray *xa, unsigned long index)
{
	unsigned long i = xa_pos(xa, index);
	void *old;

	if (i == xa->nr || xa->slots[i].index != index)
		return NULL;
	old = xa->slots[i].entry;
	memmove(&xa->slots[i], &xa->slots[i + 1],
		(xa->nr - i - 1) * sizeof(*xa->slots));
	if (!--xa->nr) {
		/* As in the kernel, an empty xarray holds no memory. */
		free(xa->slots);
		xa->slots = NULL;
		xa->cap = 0;
	}
	return old;
}

void *xa_store(struct xarray *xa, unsigned long index, void *entry,
	       gfp_t gfp)
{
	unsigned long i;
	void *old;

	if (WARN_ON(xa_is_internal(entry)))
		return XA_ERROR(-EINVAL);
	if (!entry)
		return xa_erase(xa, index);
	i = xa_pos(xa, index);
	if (i < xa->nr && xa->slots[i].index == index) {
		old = xa->slots[i].entry;
		xa->slots[i].entry = entry;
		return old;
	}
	if (xa->nr == xa->cap) {
		unsigned long cap = xa->cap ? 2 * xa->cap : 8;
		struct xa_slot *slots;

		if (alloc_fails())
			return XA_ERROR(-ENOMEM);
		slots = realloc(xa->slots, cap * sizeof(*slots));
		if (!slots)
			return XA_ERROR(-ENOMEM);
		xa->slots = slots;
		xa->cap = cap;
	}
	memmove(&xa->slots[i + 1], &xa->slots[i],
		(xa->nr - i) * sizeof(*xa->slots));
	xa->slots[i].index = index;
	xa->slots[i].entry = entry;
	xa->nr++;
	return NULL;
}

int xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	if (xa_load(xa, index))
		return -EBUSY;
	return xa_err(xa_store(xa, index, entry, gfp));
}

void *xa_find(struct xarray *xa, unsigned long *index, unsigned long max,
	      xa_mark_t filter)
{
	unsigned long i;

	if (*index > max)
		return NULL;
	i = xa_pos(xa, *index);
	if (i == xa->nr || xa->slots[i].index > max)
		return NULL;
	*index = xa->slots[i].index;
	return xa->slots[i].entry;
}

void *xa_find_after(struct xarray *xa, unsigned long *index,
		    unsigned long max, xa_mark_t filter)
{
	unsigned long next = *index + 1;
	void *entry;

	if (!next)
		return NULL;
	entry = xa_find(xa, &next, max, filter);
	if (entry)
		*index = next;
	return entry;
}

void xa_destroy(struct xarray *xa)
{
	free(xa->slots);
	xa->slots = NULL;
	xa->nr = 0;
	xa->cap = 0;
}

int ida_alloc_range(struct ida *ida, unsigned int min, unsigned int max,
		    gfp_t gfp)
{
	unsigned long id;

	if (alloc_fails())
		return -ENOMEM;
	id = find_next_zero_bit(ida->bits, SHIM_IDA_MAX, min);
	if (id >= SHIM_IDA_MAX || id > max)
		return -ENOSPC;
	__set_bit(id, ida->bits);
	return id;
}

void ida_free(struct ida *ida, unsigned int id)
{
	if (WARN_ON(id >= SHIM_IDA_MAX || !test_bit(id, ida->bits)))
		return;
	__clear_bit(id, ida->bits);
}

/* ---- locks ------------------------------------------------------------ */

void shim_block(const char *why, const char *file, int line)
{
	if (!shim_thread_block(why))
		shim_fail(file, line, "deadlock: blocks for ever: %s", why);
}

void shim_lock(struct shim_lockdep *l, bool shared, const char *file,
	       int line)
{
	int me = shim_thread_self() + 1;

	if (l->owner == me)
		shim_fail(file, line, "recursive locking of %s", l->name);
	shim_yield_point();
	while (l->owner || (!shared && l->held))
		shim_block(l->name, file, line);
	l->held++;
	if (!shared)
		l->owner = me;
}

bool shim_trylock(struct shim_lockdep *l, bool shared)
{
	if (l->owner || (!shared && l->held))
		return false;
	l->held++;
	if (!shared)
		l->owner = shim_thread_self() + 1;
	return true;
}

void shim_unlock(struct shim_lockdep *l, bool shared, const char *file,
		 int line)
{
	if (!l->held || (!shared && l->owner != shim_thread_self() + 1) ||
	    (shared && l->owner))
		shim_fail(file, line, "release of %s, which is not held",
			  l->name);
	l->held--;
	l->owner = 0;
	shim_yield_point();
}

void shim_assert_held(const struct shim_lockdep *l, const char *file,
		      int line)
{
	if (!l->held || (l->owner && l->owner != shim_thread_self() + 1))
		shim_fail(file, line, "lockdep_assert_held(%s): not held",
			  l->name);
}

void shim_assert_not_held(const struct shim_lockdep *l, const char *file,
			  int line)
{
	if (l->held)
		shim_fail(file, line, "%s is held", l->name);
}

/* ---- work items ------------------------------------------------------- */

bool queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	if (work->pending)
		return false;
	work->pending = true;
	list_add_tail(&work->entry, &work_list);
	return true;
}

bool schedule_work(struct work_struct *work)
{
	return queue_work(NULL, work);
}

static void run_work(struct work_struct *work)
{
	struct work_struct *outer = running_work;

	list_del_init(&work->entry);
	work->pending = false;
	running_work = work;
	/* The item may free itself: it is not touched after it ran. */
	work->func(work);
	running_work = outer;
}

bool shim_run_one_work(void)
{
	if (list_empty(&work_list))
		return false;
	run_work(list_first_entry(&work_list, struct work_struct, entry));
	return true;
}

unsigned int shim_run_work(void)
{
	unsigned int n = 0;

	while (shim_run_one_work())
		n++;
	return n;
}

unsigned int shim_pending_work(void)
{
	struct list_head *pos;
	unsigned int n = 0;

	list_for_each(pos, &work_list)
		n++;
	return n;
}

/* Waits for the item: runs it now if it is pending. */
bool flush_work(struct work_struct *work)
{
	if (work->pending) {
		run_work(work);
		return true;
	}
	while (running_work == work)
		shim_block("flush_work() of a running work item", __FILE__,
			   __LINE__);
	return false;
}

bool cancel_work(struct work_struct *work)
{
	if (!work->pending)
		return false;
	list_del_init(&work->entry);
	work->pending = false;
	return true;
}

bool cancel_work_sync(struct work_struct *work)
{
	bool was = cancel_work(work);

	while (running_work == work)
		shim_block("cancel_work_sync() of a running work item",
			   __FILE__, __LINE__);
	return was;
}

/* ---- high-resolution timers ------------------------------------------- */

void hrtimer_init(struct hrtimer *timer, clockid_t clock_id,
		  enum hrtimer_mode mode)
{
	struct hrtimer *t;

	if (clock_id != CLOCK_MONOTONIC)
		shim_fail(__FILE__, __LINE__, "%s() on clock %d: the shim has CLOCK_MONOTONIC only",
			  __func__, (int)clock_id);
	/* The timer's fields may be garbage: looked up, not read. */
	list_for_each_entry(t, &timer_list, entry)
		if (t == timer)
			shim_fail(__FILE__, __LINE__, "%s() of a queued timer",
				  __func__);
	memset(timer, 0, sizeof(*timer));
	INIT_LIST_HEAD(&timer->entry);
	timer->initialized = true;
}

static void timer_dequeue(struct hrtimer *timer)
{
	list_del_init(&timer->entry);
	timer->queued = false;
	nr_timers--;
}

void hrtimer_start(struct hrtimer *timer, ktime_t tim, enum hrtimer_mode mode)
{
	if (!timer->initialized)
		shim_fail(__FILE__, __LINE__, "%s() of a timer hrtimer_init() did not set up",
			  __func__);
	if (mode != HRTIMER_MODE_ABS && mode != HRTIMER_MODE_REL)
		shim_fail(__FILE__, __LINE__, "%s() in mode %d", __func__,
			  (int)mode);
	if (timer->queued)
		timer_dequeue(timer);
	timer->expires = mode == HRTIMER_MODE_REL ? ktime_add_ns(ktime_get(), tim) :
						     tim;
	timer->queued = true;
	list_add_tail(&timer->entry, &timer_list);
	nr_timers++;
}

bool hrtimer_callback_running(const struct hrtimer *timer)
{
	return running_timer == timer;
}

int hrtimer_try_to_cancel(struct hrtimer *timer)
{
	if (hrtimer_callback_running(timer))
		return -1;
	if (!timer->queued)
		return 0;
	timer_dequeue(timer);
	return 1;
}

int hrtimer_cancel(struct hrtimer *timer)
{
	int ret;

	while ((ret = hrtimer_try_to_cancel(timer)) < 0)
		shim_block("cancel of a firing timer (it waits for the callback)",
			   __FILE__, __LINE__);
	return ret;
}

unsigned int shim_queued_timers(void)
{
	return nr_timers;
}

/* The queued timer that expires first, if by @end (ties: queue order). */
static struct hrtimer *first_expired(ktime_t end)
{
	struct hrtimer *t, *first = NULL;

	list_for_each_entry(t, &timer_list, entry)
		if (t->expires <= end && (!first || t->expires < first->expires))
			first = t;
	return first;
}

static void set_clock(u64 ns)
{
	shim_ns = ns;
	jiffies = SHIM_JIFFIES0 + (shim_ns - SHIM_NS0) / (NSEC_PER_SEC / HZ);
}

/* Timers firing in one move of the clock before it is a finding. */
#define MAX_FIRES	100000

/* ---- eventfd ---------------------------------------------------------- */

void eventfd_signal(struct eventfd_ctx *ctx)
{
	if (ctx->refs <= 0)
		shim_fail(__FILE__, __LINE__, "signal of a released eventfd");
	ctx->signals++;
	shim_eventfd_signals++;
}

void eventfd_ctx_put(struct eventfd_ctx *ctx)
{
	if (--ctx->refs < 0)
		shim_fail(__FILE__, __LINE__, "eventfd released once too often");
}

/* ---- seq_file --------------------------------------------------------- */

static void seq_vprintf(struct seq_file *m, const char *fmt, va_list ap)
{
	int n;

	if (!m->buf || m->count >= m->size) {
		/* Formatted all the same: the sanitizers see the arguments. */
		vsnprintf(NULL, 0, fmt, ap);
		return;
	}
	n = vsnprintf(m->buf + m->count, m->size - m->count, fmt, ap);
	if (n < 0 || (size_t)n >= m->size - m->count)
		m->count = m->size;
	else
		m->count += n;
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	seq_vprintf(m, fmt, ap);
	va_end(ap);
}

void seq_putc(struct seq_file *m, char c)
{
	seq_printf(m, "%c", c);
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_printf(m, "%s", s);
}

/* ---- per input -------------------------------------------------------- */

/*
 * Each expired timer fires with the clock at its expiry (or now, for one
 * started already expired), no lock held, as from the timer interrupt.
 * A callback may free its timer unless it asks for a restart.
 */
void shim_advance_time(u64 ns)
{
	u64 end = shim_ns + ns;
	unsigned long fired = 0;
	struct hrtimer *t;

	if (running_timer)
		shim_fail(__FILE__, __LINE__, "the clock moved inside a timer callback");
	while ((t = first_expired((ktime_t)end))) {
		enum hrtimer_restart ret;

		if (++fired > MAX_FIRES)
			shim_fail(__FILE__, __LINE__, "timer storm: %lu timers fired in %llu ns",
				  fired - 1, ns);
		if (t->expires > (ktime_t)shim_ns)
			set_clock(t->expires);
		timer_dequeue(t);
		if (!t->function)
			shim_fail(__FILE__, __LINE__, "timer %p fired with no function",
				  t);
		running_timer = t;
		ret = t->function(t);
		running_timer = NULL;
		if (ret == HRTIMER_RESTART && !t->queued) {
			t->queued = true;
			list_add_tail(&t->entry, &timer_list);
			nr_timers++;
		}
	}
	set_clock(end);
}

void shim_begin(void)
{
	static bool once;

	if (!once) {
		const char *v = getenv("MVGPU_FUZZ_VERBOSE");

		shim_verbose = v && *v && *v != '0';
		once = true;
	}
	shim_ns = SHIM_NS0;
	jiffies = SHIM_JIFFIES0;
	fail_alloc_after = -1;
	shim_log_lines = 0;
	shim_eventfd_signals = 0;
	INIT_LIST_HEAD(&work_list);
	running_work = NULL;
	INIT_LIST_HEAD(&timer_list);
	nr_timers = 0;
	running_timer = NULL;
}

void shim_end(void)
{
	if (!list_empty(&work_list))
		shim_fail(__FILE__, __LINE__, "%u work items still pending",
			  shim_pending_work());
	if (nr_timers)
		shim_fail(__FILE__, __LINE__, "%u timers still queued", nr_timers);
	if (page_refs)
		shim_fail(__FILE__, __LINE__, "%lu page references (get_page()) not dropped",
			  page_refs);
	fail_alloc_after = -1;
}
