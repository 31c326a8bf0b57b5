/* SPDX-License-Identifier: GPL-2.0-only */
/* Userspace shim: no tracepoint instances. */
