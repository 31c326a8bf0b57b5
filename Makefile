# SPDX-License-Identifier: GPL-2.0-only
#
# mvgpu top-level Makefile: build the out-of-tree modules and drive the tests.
#
#   make [modules] [KDIR=<kernel build dir>] [W=1]   build drivers/gpu/mvgpu/*.ko
#   make headers-check                               build against Debian's stock headers
#   make tools                                       userspace tools (tools/Makefile)
#   make kernel                                      build/cache the test kernel
#   make kernel-debug                                build/cache the debug test kernel
#   make modules-copy KDIR=<dir> COPY=<dir>          build the modules in a copy (COPY/drivers/gpu/mvgpu)
#   make check [KERNEL=debug]                        everything; last line "N passed, N failed..."
#   make check-debug                                 the same on the debug kernel (KASAN, UBSAN, ...)
#   make stress [STRESS_TIME=s] [KERNEL=debug]       64 vGPUs, every operation at once (600 s)
#   make fuzz [FUZZ_TIME=s]                          libFuzzer targets (tests/fuzz), FUZZ_TIME s each (180)
#   make kunit                                       only the kunit.py run
#   make demo                                        boot the test VM, run tools/demo/demo.sh
#   make bench                                       modules with CONFIG_MVGPU_BENCH in build/bench/, then the benchmarks in the test VM (ratios)
#   make vm-shell                                    boot the test VM, interactive shell
#   make checkpatch                                  checkpatch --strict and kernel-doc -Wall (make check's build.style)
#   make deps                                        install the Debian packages needed
#
# Test-kernel build output is cached in $(MVGPU_CACHE) (default /var/cache/mvgpu);
# run outputs go to build/ in the checkout.  See tests/README.md.

KDIR ?= /lib/modules/$(shell uname -r)/build
MVGPU_CACHE ?= /var/cache/mvgpu
export MVGPU_CACHE

MOD_DIR := $(CURDIR)/drivers/gpu/mvgpu
# The guest driver (mvgpu_drm.ko), built the same way.
DRM_MOD_DIR := $(CURDIR)/drivers/gpu/drm/mvgpu

# KERNEL=debug: check and stress use the debug test kernel.
KERNEL ?= normal
STRESS_TIME ?= 600
FUZZ_TIME ?= 180

# The KUnit module is only built where the kernel has KUnit.
kdir_has_kunit = $(shell grep -qsx 'CONFIG_KUNIT=y' $(1)/include/config/auto.conf $(1)/.config && echo y)
mod_config = CONFIG_MVGPU=m CONFIG_MVGPU_SGPU=m \
	$(if $(call kdir_has_kunit,$(1)),CONFIG_MVGPU_KUNIT_TEST=m)

# Debian's stock headers: the newest linux-headers-6.12.N+deb12-amd64 (not -rt/-cloud).
DISTRO_KDIR ?= $(shell ls -d /usr/src/linux-headers-6.12.*+deb12-amd64 2>/dev/null | \
	grep -E '/linux-headers-6\.12\.[0-9]+\+deb12-amd64$$' | sort -V | tail -n 1)
DISTRO_COPY := $(CURDIR)/build/distro
# Build products that must not be copied into other trees.
BUILD_EXCLUDES := --exclude='*.o' --exclude='*.ko' --exclude='*.mod' --exclude='*.mod.c' \
	--exclude='.*.cmd' --exclude='*.a' --exclude=modules.order --exclude=Module.symvers \
	--exclude=.tmp_versions

.PHONY: all modules headers-check distro-modules tools kernel check kunit demo bench \
	vm-shell checkpatch deps clean help kernel-debug check-debug stress modules-copy fuzz

all: modules

modules:
	@test -d $(KDIR) || { echo "KDIR=$(KDIR) does not exist. Use the test kernel:" \
		"make modules KDIR=$(MVGPU_CACHE)/current (after make kernel), or make headers-check" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(MOD_DIR) $(call mod_config,$(KDIR)) $(if $(W),W=$(W)) modules
	$(MAKE) -C $(KDIR) M=$(DRM_MOD_DIR) CONFIG_DRM_MVGPU=m $(if $(W),W=$(W)) modules

# $(call copy_build,COPY,KDIR): the modules built in a copy of the sources
# at COPY, so that the objects of `make modules` survive.
define copy_build
	@mkdir -p $(1)/drivers/gpu/mvgpu $(1)/drivers/gpu/drm/mvgpu $(1)/include
	@rsync -a --delete $(BUILD_EXCLUDES) $(MOD_DIR)/ $(1)/drivers/gpu/mvgpu/
	@rsync -a --delete $(BUILD_EXCLUDES) $(DRM_MOD_DIR)/ $(1)/drivers/gpu/drm/mvgpu/
	@rsync -a --delete $(CURDIR)/include/ $(1)/include/
	$(MAKE) -C $(2) M=$(1)/drivers/gpu/mvgpu \
		$(call mod_config,$(2)) $(3) $(if $(W),W=$(W)) modules
	$(MAKE) -C $(2) M=$(1)/drivers/gpu/drm/mvgpu CONFIG_DRM_MVGPU=m \
		$(if $(W),W=$(W)) modules
endef

# Built in a copy (build/distro/).
headers-check distro-modules:
	@test -n "$(DISTRO_KDIR)" || { echo "no /usr/src/linux-headers-6.12.*+deb12-amd64 (make deps)" >&2; exit 1; }
	@echo "building against $(DISTRO_KDIR)"
	$(call copy_build,$(DISTRO_COPY),$(DISTRO_KDIR))

# The debug kernel's modules (scripts/vm.sh --kernel debug) go to build/debug/.
modules-copy:
	@test -d "$(KDIR)" -a -n "$(COPY)" || { echo "usage: make modules-copy KDIR=<kernel build dir> COPY=<dir>" >&2; exit 1; }
	$(call copy_build,$(abspath $(COPY)),$(KDIR))

tools:
	@if [ -f tools/Makefile ]; then $(MAKE) -C tools; \
	else echo "tools/Makefile does not exist yet; nothing to build"; fi

kernel:
	@scripts/build-kernel.sh

kernel-debug:
	@scripts/build-kernel.sh --flavor debug

check:
	@MVGPU_KERNEL_FLAVOR=$(KERNEL) scripts/check.sh

check-debug:
	@MVGPU_KERNEL_FLAVOR=debug scripts/check.sh

# tests/stress/stress.c in the test VM for STRESS_TIME seconds.
stress:
	@MVGPU_KERNEL_FLAVOR=$(KERNEL) STRESS_TIME=$(STRESS_TIME) scripts/stress.sh

# tests/fuzz: each libFuzzer target for FUZZ_TIME seconds, one at a time.
fuzz:
	@tests/fuzz/run.sh --time $(FUZZ_TIME)

kunit:
	@scripts/kunit.sh

demo:
	@scripts/vm.sh --demo

# Benchmarks print ratios measured side by side in one run; no test
# asserts speed.
# The benchmarks need the native-submission baseline, which only modules
# built with CONFIG_MVGPU_BENCH offer: they are built in build/bench/.
BENCH_COPY := $(CURDIR)/build/bench
bench:
	@scripts/build-kernel.sh >/dev/null
	$(call copy_build,$(BENCH_COPY),$(MVGPU_CACHE)/current,CONFIG_MVGPU_BENCH=y)
	@scripts/vm.sh --modules-dir $(BENCH_COPY)/drivers/gpu/mvgpu -c '"$$MVGPU_REPO"/tools/bench/run-bench.sh && MVGPU_BENCH_BIN="$$MVGPU_REPO"/tools/build/bench/mvgpu-bench-display MVGPU_BENCH_PATHS=group "$$MVGPU_REPO"/tools/bench/run-bench.sh && MVGPU_BENCH_BIN="$$MVGPU_REPO"/tools/build/bench/mvgpu-bench-ppgtt MVGPU_BENCH_PATHS=group "$$MVGPU_REPO"/tools/bench/run-bench.sh && "$$MVGPU_REPO"/tools/bench/run-bench-cmd.sh && "$$MVGPU_REPO"/tools/bench/run-bench-sched.sh && "$$MVGPU_REPO"/tools/bench/run-bench-guest.sh && "$$MVGPU_REPO"/tools/bench/run-bench-mig.sh'

vm-shell:
	@scripts/vm.sh --shell

deps:
	@scripts/deps.sh

checkpatch:
	@scripts/check-style.sh

clean:
	find drivers include \( -name '*.o' -o -name '*.ko' -o -name '*.mod' -o -name '*.mod.c' \
		-o -name '.*.cmd' -o -name 'modules.order' -o -name 'Module.symvers' \) -delete
	rm -rf build
	@if [ -f tools/Makefile ]; then $(MAKE) -C tools clean || true; fi

help:
	@sed -n '3,23p' Makefile | sed 's/^# \{0,1\}//'
