/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Userspace shim for the mvgpu fuzz harnesses: the kernel's basic types,
 * compiler annotations, bit and alignment helpers, errors, WARN/BUG,
 * printk and rate limits.  Only what the driver's core uses, with the
 * kernel's semantics; a WARN or BUG aborts, so libFuzzer reports it.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _SHIM_BASE_H
#define _SHIM_BASE_H

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* ---- types ------------------------------------------------------------ */

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef unsigned long long u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef long long s64;
typedef u16 __le16;
typedef u32 __le32;
typedef u64 __le64;
typedef u16 __be16;
typedef u32 __be32;
typedef u64 __be64;
typedef u8 __u8;
typedef u16 __u16;
typedef u32 __u32;
typedef u64 __u64;
typedef s32 __s32;
typedef s64 __s64;
typedef unsigned int gfp_t;
typedef u64 phys_addr_t;
typedef u64 dma_addr_t;
typedef s64 ktime_t;
typedef struct { int counter; } atomic_t;

/* ---- compiler --------------------------------------------------------- */

#define __user
#define __iomem
#define __force
#define __rcu
#define __init
#define __exit
#define __read_mostly
#define __must_check		__attribute__((warn_unused_result))
#undef __always_inline
#define __always_inline		inline __attribute__((always_inline))
#define noinline		__attribute__((noinline))
#define __aligned(x)		__attribute__((aligned(x)))
#define __packed		__attribute__((packed))
#define __maybe_unused		__attribute__((unused))
#define __always_unused		__attribute__((unused))
#define __printf(a, b)		__attribute__((format(printf, a, b)))
#define __cold			__attribute__((cold))
#define __noreturn		__attribute__((noreturn))
#define fallthrough		__attribute__((fallthrough))
#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#define barrier()		__asm__ __volatile__("" ::: "memory")
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)	do { *(volatile __typeof__(x) *)&(x) = (val); } while (0)
#define smp_mb()		__sync_synchronize()
#define smp_rmb()		__sync_synchronize()
#define smp_wmb()		__sync_synchronize()
#define typeof(x)		__typeof__(x)
#ifndef static_assert
#define static_assert(expr, ...) _Static_assert(expr, #expr)
#endif
#define BUILD_BUG_ON(cond)	_Static_assert(!(cond), "BUILD_BUG_ON(" #cond ")")
#define BUILD_BUG_ON_ZERO(e)	((int)(sizeof(struct { int : (-!!(e)); })))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#define sizeof_field(TYPE, MEMBER)	sizeof((((TYPE *)0)->MEMBER))
#define offsetofend(TYPE, MEMBER) \
	(offsetof(TYPE, MEMBER) + sizeof_field(TYPE, MEMBER))
#define ARRAY_SIZE(arr)		(sizeof(arr) / sizeof((arr)[0]))

/* ---- limits ----------------------------------------------------------- */

#define U8_MAX		((u8)~0U)
#define U16_MAX		((u16)~0U)
#define U32_MAX		((u32)~0U)
#define U64_MAX		((u64)~0ULL)
#define S8_MAX		((s8)(U8_MAX >> 1))
#define S16_MAX		((s16)(U16_MAX >> 1))
#define S32_MAX		((s32)(U32_MAX >> 1))
#define S64_MAX		((s64)(U64_MAX >> 1))
#define S32_MIN		((s32)(-S32_MAX - 1))
#define S64_MIN		((s64)(-S64_MAX - 1))

/* ---- bits ------------------------------------------------------------- */

#define BITS_PER_LONG		64
#define BITS_PER_BYTE		8
#define BIT(nr)			(1UL << (nr))
#define BIT_ULL(nr)		(1ULL << (nr))
#define BIT_MASK(nr)		(1UL << ((nr) % BITS_PER_LONG))
#define BIT_WORD(nr)		((nr) / BITS_PER_LONG)
#define BITS_TO_LONGS(nr)	(((nr) + BITS_PER_LONG - 1) / BITS_PER_LONG)
#define GENMASK(h, l) \
	(((~0UL) - (1UL << (l)) + 1) & (~0UL >> (BITS_PER_LONG - 1 - (h))))
#define GENMASK_ULL(h, l) \
	(((~0ULL) - (1ULL << (l)) + 1) & (~0ULL >> (63 - (h))))
#define lower_32_bits(n)	((u32)((n) & 0xffffffff))
#define upper_32_bits(n)	((u32)(((n) >> 16) >> 16))
#define lower_16_bits(n)	((u16)((n) & 0xffff))
#define upper_16_bits(n)	((u16)((n) >> 16))

/* ---- alignment and arithmetic ----------------------------------------- */

#define __ALIGN_KERNEL_MASK(x, mask)	(((x) + (mask)) & ~(mask))
#define __ALIGN_KERNEL(x, a) \
	__ALIGN_KERNEL_MASK(x, (__typeof__(x))(a) - 1)
#define ALIGN(x, a)		__ALIGN_KERNEL((x), (a))
#define ALIGN_DOWN(x, a)	__ALIGN_KERNEL((x) - ((a) - 1), (a))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define PTR_ALIGN(p, a)		((__typeof__(p))ALIGN((unsigned long)(p), (a)))
#define __round_mask(x, y)	((__typeof__(x))((y) - 1))
#define round_up(x, y)		((((x) - 1) | __round_mask(x, y)) + 1)
#define round_down(x, y)	((x) & ~__round_mask(x, y))
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define DIV_ROUND_UP_ULL(n, d)	DIV_ROUND_UP((unsigned long long)(n), (d))

#define min(x, y)	({ __typeof__(x) _x = (x); __typeof__(y) _y = (y); \
			   _x < _y ? _x : _y; })
#define max(x, y)	({ __typeof__(x) _x = (x); __typeof__(y) _y = (y); \
			   _x > _y ? _x : _y; })
#define min3(x, y, z)	min((__typeof__(x))min(x, y), z)
#define max3(x, y, z)	max((__typeof__(x))max(x, y), z)
#define min_t(type, x, y) ({ type _x = (x); type _y = (y); _x < _y ? _x : _y; })
#define max_t(type, x, y) ({ type _x = (x); type _y = (y); _x > _y ? _x : _y; })
#define umin(x, y)	min_t(unsigned long long, x, y)
#define umax(x, y)	max_t(unsigned long long, x, y)
#define clamp(val, lo, hi)	min((__typeof__(val))max(val, lo), hi)
#define clamp_t(type, val, lo, hi) min_t(type, max_t(type, val, lo), hi)
#define clamp_val(val, lo, hi)	clamp_t(__typeof__(val), val, lo, hi)
#define swap(a, b) \
	do { __typeof__(a) __tmp = (a); (a) = (b); (b) = __tmp; } while (0)

static inline u64 div_u64(u64 dividend, u32 divisor)
{
	return dividend / divisor;
}

static inline u64 div64_u64(u64 dividend, u64 divisor)
{
	return dividend / divisor;
}

static inline s64 div_s64(s64 dividend, s32 divisor)
{
	return dividend / divisor;
}

static inline u64 mul_u64_u32_div(u64 a, u32 mul, u32 divisor)
{
	return (u64)(((unsigned __int128)a * mul) / divisor);
}

static inline bool is_power_of_2(unsigned long n)
{
	return n != 0 && ((n & (n - 1)) == 0);
}

#define ilog2(n)	((int)(63 - __builtin_clzll((unsigned long long)(n))))

static inline unsigned long roundup_pow_of_two(unsigned long n)
{
	return n <= 1 ? 1 : 1UL << (64 - __builtin_clzl(n - 1));
}

/* ---- byte order and unaligned access (x86: little endian) -------------- */

#define cpu_to_le16(x)		((__le16)(u16)(x))
#define cpu_to_le32(x)		((__le32)(u32)(x))
#define cpu_to_le64(x)		((__le64)(u64)(x))
#define le16_to_cpu(x)		((u16)(__le16)(x))
#define le32_to_cpu(x)		((u32)(__le32)(x))
#define le64_to_cpu(x)		((u64)(__le64)(x))
#define cpu_to_be32(x)		__builtin_bswap32(x)
#define be32_to_cpu(x)		__builtin_bswap32(x)

#define __get_unaligned_t(type, ptr) ({					\
	const struct { type x; } __packed *__pptr = (const void *)(ptr);	\
	__pptr->x;							\
})
#define __put_unaligned_t(type, val, ptr) do {				\
	struct { type x; } __packed *__pptr = (void *)(ptr);		\
	__pptr->x = (val);						\
} while (0)
#define get_unaligned(ptr)	__get_unaligned_t(__typeof__(*(ptr)), (ptr))
#define put_unaligned(val, ptr)	__put_unaligned_t(__typeof__(*(ptr)), (val), (ptr))

static inline u16 get_unaligned_le16(const void *p)
{
	return __get_unaligned_t(u16, p);
}

static inline u32 get_unaligned_le32(const void *p)
{
	return __get_unaligned_t(u32, p);
}

static inline u64 get_unaligned_le64(const void *p)
{
	return __get_unaligned_t(u64, p);
}

static inline void put_unaligned_le16(u16 val, void *p)
{
	__put_unaligned_t(u16, val, p);
}

static inline void put_unaligned_le32(u32 val, void *p)
{
	__put_unaligned_t(u32, val, p);
}

static inline void put_unaligned_le64(u64 val, void *p)
{
	__put_unaligned_t(u64, val, p);
}

/* ---- strings ---------------------------------------------------------- */

static inline void *memchr_inv(const void *start, int c, size_t bytes)
{
	const u8 *p = start;
	size_t i;

	for (i = 0; i < bytes; i++)
		if (p[i] != (u8)c)
			return (void *)(p + i);
	return NULL;
}

/* ---- errors ----------------------------------------------------------- */

#define ENOTSUPP	524
#define MAX_ERRNO	4095
#define IS_ERR_VALUE(x)	unlikely((unsigned long)(void *)(x) >= (unsigned long)-MAX_ERRNO)

static inline void *ERR_PTR(long error)
{
	return (void *)error;
}

static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}

static inline bool IS_ERR(const void *ptr)
{
	return IS_ERR_VALUE((unsigned long)ptr);
}

static inline bool IS_ERR_OR_NULL(const void *ptr)
{
	return !ptr || IS_ERR(ptr);
}

#define ERR_CAST(ptr)	((void *)(ptr))
#define PTR_ERR_OR_ZERO(ptr)	(IS_ERR(ptr) ? PTR_ERR(ptr) : 0)

/* ---- WARN, BUG: a finding, so they abort ------------------------------- */

__noreturn void shim_warn(const char *file, int line, const char *what);

#define WARN_ON(condition) ({						\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		shim_warn(__FILE__, __LINE__, "WARN_ON(" #condition ")");	\
	unlikely(__ret_warn_on);					\
})
#define WARN_ON_ONCE(condition)	WARN_ON(condition)
#define WARN(condition, fmt...) ({					\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		shim_warn(__FILE__, __LINE__, "WARN(" #condition ")");	\
	unlikely(__ret_warn_on);					\
})
#define WARN_ONCE(condition, fmt...)	WARN(condition, fmt)
#define BUG()		shim_warn(__FILE__, __LINE__, "BUG()")
#define BUG_ON(condition) do {						\
	if (unlikely(condition))					\
		shim_warn(__FILE__, __LINE__, "BUG_ON(" #condition ")");	\
} while (0)

/* ---- printk ----------------------------------------------------------- */

#define KERN_ERR	"<3>"
#define KERN_WARNING	"<4>"
#define KERN_NOTICE	"<5>"
#define KERN_INFO	"<6>"
#define KERN_DEBUG	"<7>"

__printf(1, 2) int printk(const char *fmt, ...);

#define pr_fmt(fmt)	fmt
#define pr_err(fmt, ...)	printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...)	printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...)	printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err_ratelimited(fmt, ...)	pr_err(fmt, ##__VA_ARGS__)
#define pr_warn_ratelimited(fmt, ...)	pr_warn(fmt, ##__VA_ARGS__)

/* ---- time ------------------------------------------------------------- */

#define HZ		250
#define NSEC_PER_USEC	1000L
#define NSEC_PER_MSEC	1000000L
#define NSEC_PER_SEC	1000000000L
#define USEC_PER_SEC	1000000L
#define MSEC_PER_SEC	1000L

/* Advanced only by the harnesses (shim_advance_time()). */
extern unsigned long jiffies;
extern u64 shim_ns;

static inline u64 ktime_get_ns(void)
{
	return shim_ns;
}

static inline ktime_t ktime_get(void)
{
	return (ktime_t)shim_ns;
}

static inline u64 ktime_get_mono_fast_ns(void)
{
	return shim_ns;
}

/*
 * ktime_t is nanoseconds, as in the kernel; the arithmetic wraps as the
 * kernel's does (it is built with -fno-strict-overflow).
 */
static inline ktime_t ns_to_ktime(u64 ns)
{
	return (ktime_t)ns;
}

static inline s64 ktime_to_ns(ktime_t kt)
{
	return kt;
}

static inline ktime_t ktime_add_ns(ktime_t kt, u64 ns)
{
	return (ktime_t)((u64)kt + ns);
}

static inline ktime_t ktime_sub(ktime_t lhs, ktime_t rhs)
{
	return (ktime_t)((u64)lhs - (u64)rhs);
}

static inline unsigned long msecs_to_jiffies(unsigned int m)
{
	return DIV_ROUND_UP((unsigned long)m * HZ, MSEC_PER_SEC);
}

static inline unsigned int jiffies_to_msecs(unsigned long j)
{
	return j * (MSEC_PER_SEC / HZ);
}

#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)
#define time_after_eq(a, b)	((long)((a) - (b)) >= 0)
#define time_is_before_jiffies(a)	time_after(jiffies, a)

/* ---- rate limits ------------------------------------------------------ */

struct ratelimit_state {
	int interval;
	int burst;
	int printed;
	int missed;
	unsigned long begin;
};

static inline void ratelimit_state_init(struct ratelimit_state *rs,
					int interval, int burst)
{
	memset(rs, 0, sizeof(*rs));
	rs->interval = interval;
	rs->burst = burst;
}

int ___ratelimit(struct ratelimit_state *rs, const char *func);
#define __ratelimit(rs)	___ratelimit(rs, __func__)

/* ---- exports, modules, parameters ------------------------------------- */

#define EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_GPL(sym)
#define EXPORT_SYMBOL_NS(sym, ns)
#define EXPORT_SYMBOL_NS_GPL(sym, ns)
#define EXPORT_SYMBOL_IF_KUNIT(sym)
#define VISIBLE_IF_KUNIT
#define MODULE_LICENSE(x)
#define MODULE_AUTHOR(x)
#define MODULE_DESCRIPTION(x)
#define MODULE_IMPORT_NS(x)
#define MODULE_PARM_DESC(name, desc)
#define THIS_MODULE	((struct module *)0)

struct module;
struct kernel_param;

struct kernel_param_ops {
	int (*set)(const char *val, const struct kernel_param *kp);
	int (*get)(char *buffer, const struct kernel_param *kp);
};

struct kernel_param {
	const char *name;
	const struct kernel_param_ops *ops;
	void *arg;
};

int param_get_uint(char *buffer, const struct kernel_param *kp);
int kstrtouint(const char *s, unsigned int base, unsigned int *res);

/* The parameter's ops stay referenced, as in the kernel. */
#define module_param_cb(name, ops, arg, perm)				\
	const struct kernel_param __shim_param_##name = {		\
		#name, ops, arg }
#define module_param_named(name, value, type, perm)
#define module_param(name, type, perm)

#endif /* _SHIM_BASE_H */
