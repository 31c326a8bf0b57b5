/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Userspace shim: just enough of the device model and eventfds for the
 * structures of mvgpu_drv.h, the device log calls, and the seq_file
 * printing of debugfs show functions.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#ifndef _SHIM_DEV_H
#define _SHIM_DEV_H

#include <shim/base.h>
#include <shim/list.h>
#include <shim/sync.h>

struct device {
	const char *name;
};

struct dentry;

static inline const char *dev_name(const struct device *dev)
{
	return dev && dev->name ? dev->name : "(shim)";
}

__printf(3, 4) void shim_dev_printk(const char *level,
				    const struct device *dev,
				    const char *fmt, ...);

#define dev_err(dev, fmt, ...)	shim_dev_printk(KERN_ERR, dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...)	shim_dev_printk(KERN_WARNING, dev, fmt, ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...) shim_dev_printk(KERN_NOTICE, dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...)	shim_dev_printk(KERN_INFO, dev, fmt, ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...)	shim_dev_printk(KERN_DEBUG, dev, fmt, ##__VA_ARGS__)
#define dev_err_ratelimited	dev_err
#define dev_warn_ratelimited	dev_warn

/* ---- eventfd ---------------------------------------------------------- */

/**
 * struct eventfd_ctx - an eventfd the harness made (shim_eventfd_new())
 * @refs: references; the driver owns the one it is given
 * @signals: times signalled
 */
struct eventfd_ctx {
	int refs;
	unsigned long signals;
};

void eventfd_signal(struct eventfd_ctx *ctx);
void eventfd_ctx_put(struct eventfd_ctx *ctx);

/* ---- seq_file ---------------------------------------------------------- */

/**
 * struct seq_file - what a show function prints into
 * @buf: the text, NUL-terminated; NULL: formatted, then dropped
 * @size: bytes at @buf
 * @count: bytes of text; @size when it did not fit (the kernel's overflow)
 * @private: the show function's argument
 *
 * The kernel's printk extensions (%pX) format as plain %p then the text
 * after it: the format checks see what the kernel's see.
 */
struct seq_file {
	char *buf;
	size_t size;
	size_t count;
	void *private;
};

__printf(2, 3) void seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_putc(struct seq_file *m, char c);
void seq_puts(struct seq_file *m, const char *s);

#endif /* _SHIM_DEV_H */
