savedcmd_/work/main/drivers/gpu/mvgpu/tests/cfg_space_test.o := gcc -Wp,-MMD,/work/main/drivers/gpu/mvgpu/tests/.cfg_space_test.o.d -nostdinc -I/var/cache/mvgpu/linux-source-6.12/arch/x86/include -I./arch/x86/include/generated -I/var/cache/mvgpu/linux-source-6.12/include -I./include -I/var/cache/mvgpu/linux-source-6.12/arch/x86/include/uapi -I./arch/x86/include/generated/uapi -I/var/cache/mvgpu/linux-source-6.12/include/uapi -I./include/generated/uapi -include /var/cache/mvgpu/linux-source-6.12/include/linux/compiler-version.h -include /var/cache/mvgpu/linux-source-6.12/include/linux/kconfig.h -include /var/cache/mvgpu/linux-source-6.12/include/linux/compiler_types.h -D__KERNEL__ -fmacro-prefix-map=/var/cache/mvgpu/linux-source-6.12/= -std=gnu11 -fshort-wchar -funsigned-char -fno-common -fno-PIE -fno-strict-aliasing -mno-sse -mno-mmx -mno-sse2 -mno-3dnow -mno-avx -fcf-protection=branch -fno-jump-tables -m64 -falign-jumps=1 -falign-loops=1 -mno-80387 -mno-fp-ret-in-387 -mpreferred-stack-boundary=3 -mskip-rax-setup -mtune=generic -mno-red-zone -mcmodel=kernel -Wno-sign-compare -fno-asynchronous-unwind-tables -fno-delete-null-pointer-checks -O2 -fno-allow-store-data-races -fno-stack-protector -fno-omit-frame-pointer -fno-optimize-sibling-calls -ftrivial-auto-var-init=zero -fno-stack-clash-protection -falign-functions=16 -fno-strict-overflow -fno-stack-check -fconserve-stack -fno-builtin-wcslen -fno-builtin-wcslen -Wall -Wextra -Wundef -Werror=implicit-function-declaration -Werror=implicit-int -Werror=return-type -Werror=strict-prototypes -Wno-format-security -Wno-trigraphs -Wno-frame-address -Wno-address-of-packed-member -Wmissing-declarations -Wmissing-prototypes -Wframe-larger-than=1024 -Wno-main -Wno-dangling-pointer -Wvla -Wno-pointer-sign -Wcast-function-type -Wno-array-bounds -Wno-stringop-overflow -Wno-alloc-size-larger-than -Wimplicit-fallthrough=5 -Werror=date-time -Werror=incompatible-pointer-types -Werror=designated-init -Wenum-conversion -Wunused -Wno-unused-but-set-variable -Wno-unused-const-variable -Wno-packed-not-aligned -Wno-format-overflow -Wno-format-truncation -Wno-stringop-truncation -Wno-override-init -Wno-missing-field-initializers -Wno-type-limits -Wno-shift-negative-value -Wno-maybe-uninitialized -Wno-sign-compare -Wno-unused-parameter -I/work/main/drivers/gpu/mvgpu/../../../include -I/work/main/drivers/gpu/mvgpu/../../../include/uapi -I/work/main/drivers/gpu/mvgpu  -DMODULE  -DKBUILD_BASENAME='"cfg_space_test"' -DKBUILD_MODNAME='"mvgpu_test"' -D__KBUILD_MODNAME=kmod_mvgpu_test -c -o /work/main/drivers/gpu/mvgpu/tests/cfg_space_test.o /work/main/drivers/gpu/mvgpu/tests/cfg_space_test.c  

source_/work/main/drivers/gpu/mvgpu/tests/cfg_space_test.o := /work/main/drivers/gpu/mvgpu/tests/cfg_space_test.c

deps_/work/main/drivers/gpu/mvgpu/tests/cfg_space_test.o := \
  /var/cache/mvgpu/linux-source-6.12/include/linux/compiler-version.h \
    $(wildcard include/config/CC_VERSION_TEXT) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/kconfig.h \
    $(wildcard include/config/CPU_BIG_ENDIAN) \
    $(wildcard include/config/BOOGER) \
    $(wildcard include/config/FOO) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/compiler_types.h \
    $(wildcard include/config/DEBUG_INFO_BTF) \
    $(wildcard include/config/PAHOLE_HAS_BTF_TAG) \
    $(wildcard include/config/FUNCTION_ALIGNMENT) \
    $(wildcard include/config/CC_HAS_SANE_FUNCTION_ALIGNMENT) \
    $(wildcard include/config/X86_64) \
    $(wildcard include/config/ARM64) \
    $(wildcard include/config/LD_DEAD_CODE_DATA_ELIMINATION) \
    $(wildcard include/config/LTO_CLANG) \
    $(wildcard include/config/HAVE_ARCH_COMPILER_H) \
    $(wildcard include/config/KCSAN) \
    $(wildcard include/config/CC_HAS_COUNTED_BY) \
    $(wildcard include/config/UBSAN_SIGNED_WRAP) \
    $(wildcard include/config/CC_HAS_ASM_INLINE) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/compiler-context-analysis.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/compiler_attributes.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/compiler-gcc.h \
    $(wildcard include/config/MITIGATION_RETPOLINE) \
    $(wildcard include/config/ARCH_USE_BUILTIN_BSWAP) \
    $(wildcard include/config/SHADOW_CALL_STACK) \
    $(wildcard include/config/KCOV) \
  /var/cache/mvgpu/linux-source-6.12/include/kunit/test.h \
    $(wildcard include/config/KUNIT) \
    $(wildcard include/config/KUNIT_DEBUGFS) \
  /var/cache/mvgpu/linux-source-6.12/include/kunit/assert.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/err.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/compiler.h \
    $(wildcard include/config/TRACE_BRANCH_PROFILING) \
    $(wildcard include/config/PROFILE_ALL_BRANCHES) \
    $(wildcard include/config/OBJTOOL) \
    $(wildcard include/config/64BIT) \
  arch/x86/include/generated/asm/rwonce.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/rwonce.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/kasan-checks.h \
    $(wildcard include/config/KASAN_GENERIC) \
    $(wildcard include/config/KASAN_SW_TAGS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/types.h \
    $(wildcard include/config/HAVE_UID16) \
    $(wildcard include/config/UID16) \
    $(wildcard include/config/ARCH_DMA_ADDR_T_64BIT) \
    $(wildcard include/config/PHYS_ADDR_T_64BIT) \
    $(wildcard include/config/ARCH_32BIT_USTAT_F_TINODE) \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/types.h \
  arch/x86/include/generated/uapi/asm/types.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/asm-generic/types.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/int-ll64.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/asm-generic/int-ll64.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/uapi/asm/bitsperlong.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/bitsperlong.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/asm-generic/bitsperlong.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/posix_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/stddef.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/stddef.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/posix_types.h \
    $(wildcard include/config/X86_32) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/uapi/asm/posix_types_64.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/asm-generic/posix_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/kcsan-checks.h \
    $(wildcard include/config/KCSAN_WEAK_MEMORY) \
    $(wildcard include/config/KCSAN_IGNORE_ATOMICS) \
  arch/x86/include/generated/uapi/asm/errno.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/asm-generic/errno.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/asm-generic/errno-base.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/printk.h \
    $(wildcard include/config/MESSAGE_LOGLEVEL_DEFAULT) \
    $(wildcard include/config/CONSOLE_LOGLEVEL_DEFAULT) \
    $(wildcard include/config/CONSOLE_LOGLEVEL_QUIET) \
    $(wildcard include/config/EARLY_PRINTK) \
    $(wildcard include/config/PRINTK) \
    $(wildcard include/config/SMP) \
    $(wildcard include/config/PRINTK_INDEX) \
    $(wildcard include/config/DYNAMIC_DEBUG) \
    $(wildcard include/config/DYNAMIC_DEBUG_CORE) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/stdarg.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/init.h \
    $(wildcard include/config/MEMORY_HOTPLUG) \
    $(wildcard include/config/HAVE_ARCH_PREL32_RELOCATIONS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/build_bug.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/stringify.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/kern_levels.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/linkage.h \
    $(wildcard include/config/ARCH_USE_SYM_ANNOTATIONS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/export.h \
    $(wildcard include/config/MODVERSIONS) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/linkage.h \
    $(wildcard include/config/CALL_PADDING) \
    $(wildcard include/config/MITIGATION_RETHUNK) \
    $(wildcard include/config/MITIGATION_SLS) \
    $(wildcard include/config/FUNCTION_PADDING_BYTES) \
    $(wildcard include/config/UML) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/ibt.h \
    $(wildcard include/config/X86_KERNEL_IBT) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/ratelimit_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/bits.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/const.h \
  /var/cache/mvgpu/linux-source-6.12/include/vdso/const.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/const.h \
  /var/cache/mvgpu/linux-source-6.12/include/vdso/bits.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/bits.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/overflow.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/limits.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/limits.h \
  /var/cache/mvgpu/linux-source-6.12/include/vdso/limits.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/param.h \
  arch/x86/include/generated/uapi/asm/param.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/param.h \
    $(wildcard include/config/HZ) \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/asm-generic/param.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/spinlock_types_raw.h \
    $(wildcard include/config/DEBUG_SPINLOCK) \
    $(wildcard include/config/DEBUG_LOCK_ALLOC) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/spinlock_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/qspinlock_types.h \
    $(wildcard include/config/NR_CPUS) \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/qrwlock_types.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/uapi/asm/byteorder.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/byteorder/little_endian.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/byteorder/little_endian.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/swab.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/swab.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/uapi/asm/swab.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/byteorder/generic.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/lockdep_types.h \
    $(wildcard include/config/PROVE_RAW_LOCK_NESTING) \
    $(wildcard include/config/LOCKDEP) \
    $(wildcard include/config/LOCK_STAT) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/once_lite.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/dynamic_debug.h \
    $(wildcard include/config/JUMP_LABEL) \
  /var/cache/mvgpu/linux-source-6.12/include/kunit/try-catch.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/args.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/container_of.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/jump_label.h \
    $(wildcard include/config/HAVE_ARCH_JUMP_LABEL_RELATIVE) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/atomic.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/atomic.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/alternative.h \
    $(wildcard include/config/CALL_THUNKS) \
    $(wildcard include/config/MITIGATION_ITS) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/asm.h \
    $(wildcard include/config/KPROBES) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/extable_fixup_types.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/bug.h \
    $(wildcard include/config/GENERIC_BUG) \
    $(wildcard include/config/DEBUG_BUGVERBOSE) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/instrumentation.h \
    $(wildcard include/config/NOINSTR_VALIDATION) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/objtool.h \
    $(wildcard include/config/FRAME_POINTER) \
    $(wildcard include/config/MITIGATION_UNRET_ENTRY) \
    $(wildcard include/config/MITIGATION_SRSO) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/objtool_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/bug.h \
    $(wildcard include/config/BUG) \
    $(wildcard include/config/GENERIC_BUG_RELATIVE_POINTERS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/panic.h \
    $(wildcard include/config/PANIC_TIMEOUT) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/cmpxchg.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/cpufeatures.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/required-features.h \
    $(wildcard include/config/X86_MINIMUM_CPU_FAMILY) \
    $(wildcard include/config/MATH_EMULATION) \
    $(wildcard include/config/X86_PAE) \
    $(wildcard include/config/X86_CMPXCHG64) \
    $(wildcard include/config/X86_CMOV) \
    $(wildcard include/config/X86_P6_NOP) \
    $(wildcard include/config/MATOM) \
    $(wildcard include/config/PARAVIRT_XXL) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/disabled-features.h \
    $(wildcard include/config/X86_UMIP) \
    $(wildcard include/config/X86_INTEL_MEMORY_PROTECTION_KEYS) \
    $(wildcard include/config/X86_5LEVEL) \
    $(wildcard include/config/MITIGATION_PAGE_TABLE_ISOLATION) \
    $(wildcard include/config/MITIGATION_CALL_DEPTH_TRACKING) \
    $(wildcard include/config/ADDRESS_MASKING) \
    $(wildcard include/config/INTEL_IOMMU_SVM) \
    $(wildcard include/config/X86_SGX) \
    $(wildcard include/config/XEN_PV) \
    $(wildcard include/config/INTEL_TDX_GUEST) \
    $(wildcard include/config/X86_USER_SHADOW_STACK) \
    $(wildcard include/config/X86_FRED) \
    $(wildcard include/config/KVM_AMD_SEV) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/cmpxchg_64.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/rmwcc.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/barrier.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/nops.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/barrier.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/atomic64_64.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/atomic/atomic-arch-fallback.h \
    $(wildcard include/config/GENERIC_ATOMIC64) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/atomic/atomic-long.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/atomic/atomic-instrumented.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/instrumented.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/kmsan-checks.h \
    $(wildcard include/config/KMSAN) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/bug.h \
    $(wildcard include/config/BUG_ON_DATA_CORRUPTION) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/kref.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/spinlock.h \
    $(wildcard include/config/PREEMPTION) \
    $(wildcard include/config/PREEMPT_RT) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/typecheck.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/preempt.h \
    $(wildcard include/config/PREEMPT_COUNT) \
    $(wildcard include/config/DEBUG_PREEMPT) \
    $(wildcard include/config/TRACE_PREEMPT_TOGGLE) \
    $(wildcard include/config/PREEMPT_NOTIFIERS) \
    $(wildcard include/config/PREEMPT_DYNAMIC) \
    $(wildcard include/config/PREEMPT_NONE) \
    $(wildcard include/config/PREEMPT_VOLUNTARY) \
    $(wildcard include/config/PREEMPT) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/cleanup.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/preempt.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/percpu.h \
    $(wildcard include/config/X86_64_SMP) \
    $(wildcard include/config/CC_HAS_NAMED_AS) \
    $(wildcard include/config/USE_X86_SEG_SUPPORT) \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/percpu.h \
    $(wildcard include/config/HAVE_SETUP_PER_CPU_AREA) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/threads.h \
    $(wildcard include/config/BASE_SMALL) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/percpu-defs.h \
    $(wildcard include/config/DEBUG_FORCE_WEAK_PER_CPU) \
    $(wildcard include/config/AMD_MEM_ENCRYPT) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/current.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/cache.h \
    $(wildcard include/config/ARCH_HAS_CACHE_LINE_SIZE) \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/kernel.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/sysinfo.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/cache.h \
    $(wildcard include/config/X86_L1_CACHE_SHIFT) \
    $(wildcard include/config/X86_INTERNODE_CACHE_SHIFT) \
    $(wildcard include/config/X86_VSMP) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/static_call_types.h \
    $(wildcard include/config/HAVE_STATIC_CALL) \
    $(wildcard include/config/HAVE_STATIC_CALL_INLINE) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/irqflags.h \
    $(wildcard include/config/PROVE_LOCKING) \
    $(wildcard include/config/TRACE_IRQFLAGS) \
    $(wildcard include/config/IRQSOFF_TRACER) \
    $(wildcard include/config/PREEMPT_TRACER) \
    $(wildcard include/config/DEBUG_IRQFLAGS) \
    $(wildcard include/config/TRACE_IRQFLAGS_SUPPORT) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/irqflags_types.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/irqflags.h \
    $(wildcard include/config/PARAVIRT) \
    $(wildcard include/config/DEBUG_ENTRY) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/processor-flags.h \
    $(wildcard include/config/VM86) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/uapi/asm/processor-flags.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/mem_encrypt.h \
    $(wildcard include/config/ARCH_HAS_MEM_ENCRYPT) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/mem_encrypt.h \
    $(wildcard include/config/X86_MEM_ENCRYPT) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/cc_platform.h \
    $(wildcard include/config/ARCH_HAS_CC_PLATFORM) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/nospec-branch.h \
    $(wildcard include/config/CALL_THUNKS_DEBUG) \
    $(wildcard include/config/MITIGATION_IBPB_ENTRY) \
    $(wildcard include/config/BPF_JIT) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/static_key.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/msr-index.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/unwind_hints.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/orc_types.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/segment.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/thread_info.h \
    $(wildcard include/config/THREAD_INFO_IN_TASK) \
    $(wildcard include/config/GENERIC_ENTRY) \
    $(wildcard include/config/HAVE_ARCH_WITHIN_STACK_FRAMES) \
    $(wildcard include/config/HARDENED_USERCOPY) \
    $(wildcard include/config/SH) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/restart_block.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/errno.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/errno.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/bitops.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/bitops/generic-non-atomic.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/bitops.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/bitops/sched.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/arch_hweight.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/bitops/const_hweight.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/bitops/instrumented-atomic.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/bitops/instrumented-non-atomic.h \
    $(wildcard include/config/KCSAN_ASSUME_PLAIN_WRITES_ATOMIC) \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/bitops/instrumented-lock.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/bitops/le.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/bitops/ext2-atomic-setbit.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/thread_info.h \
    $(wildcard include/config/X86_IOPL_IOPERM) \
    $(wildcard include/config/COMPAT) \
    $(wildcard include/config/IA32_EMULATION) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/page.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/page_types.h \
    $(wildcard include/config/PAGE_SHIFT) \
    $(wildcard include/config/PHYSICAL_START) \
    $(wildcard include/config/PHYSICAL_ALIGN) \
    $(wildcard include/config/DYNAMIC_PHYSICAL_MASK) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/page_64_types.h \
    $(wildcard include/config/KASAN) \
    $(wildcard include/config/DYNAMIC_MEMORY_LAYOUT) \
    $(wildcard include/config/RANDOMIZE_BASE) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/kaslr.h \
    $(wildcard include/config/RANDOMIZE_MEMORY) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/page_64.h \
    $(wildcard include/config/DEBUG_VIRTUAL) \
    $(wildcard include/config/X86_VSYSCALL_EMULATION) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/range.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/memory_model.h \
    $(wildcard include/config/FLATMEM) \
    $(wildcard include/config/SPARSEMEM_VMEMMAP) \
    $(wildcard include/config/SPARSEMEM) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/pfn.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/getorder.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/log2.h \
    $(wildcard include/config/ARCH_HAS_ILOG2_U32) \
    $(wildcard include/config/ARCH_HAS_ILOG2_U64) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/cpufeature.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/processor.h \
    $(wildcard include/config/X86_VMX_FEATURE_NAMES) \
    $(wildcard include/config/STACKPROTECTOR) \
    $(wildcard include/config/CPU_SUP_AMD) \
    $(wildcard include/config/XEN) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/math_emu.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/ptrace.h \
    $(wildcard include/config/X86_DEBUGCTLMSR) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/uapi/asm/ptrace.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/uapi/asm/ptrace-abi.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/paravirt_types.h \
    $(wildcard include/config/PGTABLE_LEVELS) \
    $(wildcard include/config/ZERO_CALL_USED_REGS) \
    $(wildcard include/config/PARAVIRT_DEBUG) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/desc_defs.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/pgtable_types.h \
    $(wildcard include/config/MEM_SOFT_DIRTY) \
    $(wildcard include/config/HAVE_ARCH_USERFAULTFD_WP) \
    $(wildcard include/config/PROC_FS) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/pgtable_64_types.h \
    $(wildcard include/config/DEBUG_KMAP_LOCAL_FORCE_MAP) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/sparsemem.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/proto.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/uapi/asm/ldt.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/uapi/asm/sigcontext.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/cpuid.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/string.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/string_64.h \
    $(wildcard include/config/ARCH_HAS_UACCESS_FLUSHCACHE) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/special_insns.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/fpu/types.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/vmxfeatures.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/vdso/processor.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/shstk.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/personality.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/personality.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/math64.h \
    $(wildcard include/config/ARCH_SUPPORTS_INT128) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/math.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/div64.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/div64.h \
  /var/cache/mvgpu/linux-source-6.12/include/vdso/math64.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/bottom_half.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/instruction_pointer.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/lockdep.h \
    $(wildcard include/config/DEBUG_LOCKING_API_SELFTESTS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/smp.h \
    $(wildcard include/config/UP_LATE_INIT) \
    $(wildcard include/config/CSD_LOCK_WAIT_DEBUG) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/list.h \
    $(wildcard include/config/LIST_HARDENED) \
    $(wildcard include/config/DEBUG_LIST) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/poison.h \
    $(wildcard include/config/ILLEGAL_POINTER_VALUE) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/cpumask.h \
    $(wildcard include/config/FORCE_NR_CPUS) \
    $(wildcard include/config/HOTPLUG_CPU) \
    $(wildcard include/config/DEBUG_PER_CPU_MAPS) \
    $(wildcard include/config/CPUMASK_OFFSTACK) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/kernel.h \
    $(wildcard include/config/PREEMPT_VOLUNTARY_BUILD) \
    $(wildcard include/config/HAVE_PREEMPT_DYNAMIC_CALL) \
    $(wildcard include/config/HAVE_PREEMPT_DYNAMIC_KEY) \
    $(wildcard include/config/PREEMPT_) \
    $(wildcard include/config/DEBUG_ATOMIC_SLEEP) \
    $(wildcard include/config/MMU) \
    $(wildcard include/config/TRACING) \
    $(wildcard include/config/FTRACE_MCOUNT_RECORD) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/align.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/array_size.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/hex.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/kstrtox.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/minmax.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/sprintf.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/wordpart.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/bitmap.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/find.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/string.h \
    $(wildcard include/config/BINARY_PRINTF) \
    $(wildcard include/config/FORTIFY_SOURCE) \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/string.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/bitmap-str.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/cpumask_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/gfp_types.h \
    $(wildcard include/config/KASAN_HW_TAGS) \
    $(wildcard include/config/SLAB_OBJ_EXT) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/numa.h \
    $(wildcard include/config/NODES_SHIFT) \
    $(wildcard include/config/NUMA_KEEP_MEMINFO) \
    $(wildcard include/config/NUMA) \
    $(wildcard include/config/HAVE_ARCH_NODE_DEV_GROUP) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/smp_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/llist.h \
    $(wildcard include/config/ARCH_HAVE_NMI_SAFE_CMPXCHG) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/smp.h \
    $(wildcard include/config/DEBUG_NMI_SELFTEST) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/cpumask.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/debug_locks.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/stacktrace.h \
    $(wildcard include/config/ARCH_STACKWALK) \
    $(wildcard include/config/STACKTRACE) \
    $(wildcard include/config/HAVE_RELIABLE_STACKTRACE) \
  arch/x86/include/generated/asm/mmiowb.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/mmiowb.h \
    $(wildcard include/config/MMIOWB) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/spinlock_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/rwlock_types.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/spinlock.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/paravirt.h \
    $(wildcard include/config/PARAVIRT_SPINLOCKS) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/frame.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/qspinlock.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/qspinlock.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/qrwlock.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/qrwlock.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/rwlock.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/spinlock_api_smp.h \
    $(wildcard include/config/INLINE_SPIN_LOCK) \
    $(wildcard include/config/INLINE_SPIN_LOCK_BH) \
    $(wildcard include/config/INLINE_SPIN_LOCK_IRQ) \
    $(wildcard include/config/INLINE_SPIN_LOCK_IRQSAVE) \
    $(wildcard include/config/INLINE_SPIN_TRYLOCK) \
    $(wildcard include/config/INLINE_SPIN_TRYLOCK_BH) \
    $(wildcard include/config/UNINLINE_SPIN_UNLOCK) \
    $(wildcard include/config/INLINE_SPIN_UNLOCK_BH) \
    $(wildcard include/config/INLINE_SPIN_UNLOCK_IRQ) \
    $(wildcard include/config/INLINE_SPIN_UNLOCK_IRQRESTORE) \
    $(wildcard include/config/GENERIC_LOCKBREAK) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/rwlock_api_smp.h \
    $(wildcard include/config/INLINE_READ_LOCK) \
    $(wildcard include/config/INLINE_WRITE_LOCK) \
    $(wildcard include/config/INLINE_READ_LOCK_BH) \
    $(wildcard include/config/INLINE_WRITE_LOCK_BH) \
    $(wildcard include/config/INLINE_READ_LOCK_IRQ) \
    $(wildcard include/config/INLINE_WRITE_LOCK_IRQ) \
    $(wildcard include/config/INLINE_READ_LOCK_IRQSAVE) \
    $(wildcard include/config/INLINE_WRITE_LOCK_IRQSAVE) \
    $(wildcard include/config/INLINE_READ_TRYLOCK) \
    $(wildcard include/config/INLINE_WRITE_TRYLOCK) \
    $(wildcard include/config/INLINE_READ_UNLOCK) \
    $(wildcard include/config/INLINE_WRITE_UNLOCK) \
    $(wildcard include/config/INLINE_READ_UNLOCK_BH) \
    $(wildcard include/config/INLINE_WRITE_UNLOCK_BH) \
    $(wildcard include/config/INLINE_READ_UNLOCK_IRQ) \
    $(wildcard include/config/INLINE_WRITE_UNLOCK_IRQ) \
    $(wildcard include/config/INLINE_READ_UNLOCK_IRQRESTORE) \
    $(wildcard include/config/INLINE_WRITE_UNLOCK_IRQRESTORE) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/refcount.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/refcount_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/module.h \
    $(wildcard include/config/MODULES) \
    $(wildcard include/config/SYSFS) \
    $(wildcard include/config/MODULES_TREE_LOOKUP) \
    $(wildcard include/config/LIVEPATCH) \
    $(wildcard include/config/STACKTRACE_BUILD_ID) \
    $(wildcard include/config/ARCH_USES_CFI_TRAPS) \
    $(wildcard include/config/MODULE_SIG) \
    $(wildcard include/config/KALLSYMS) \
    $(wildcard include/config/TRACEPOINTS) \
    $(wildcard include/config/TREE_SRCU) \
    $(wildcard include/config/BPF_EVENTS) \
    $(wildcard include/config/DEBUG_INFO_BTF_MODULES) \
    $(wildcard include/config/EVENT_TRACING) \
    $(wildcard include/config/MODULE_UNLOAD) \
    $(wildcard include/config/CONSTRUCTORS) \
    $(wildcard include/config/FUNCTION_ERROR_INJECTION) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/stat.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/uapi/asm/stat.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/stat.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/time.h \
    $(wildcard include/config/POSIX_TIMERS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/time64.h \
  /var/cache/mvgpu/linux-source-6.12/include/vdso/time64.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/time.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/time_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/time32.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/timex.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/timex.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/timex.h \
    $(wildcard include/config/X86_TSC) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/tsc.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/msr.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/uapi/asm/msr.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/ioctl.h \
  arch/x86/include/generated/uapi/asm/ioctl.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/ioctl.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/asm-generic/ioctl.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/shared/msr.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/percpu.h \
    $(wildcard include/config/MEM_ALLOC_PROFILING) \
    $(wildcard include/config/RANDOM_KMALLOC_CACHES) \
    $(wildcard include/config/PAGE_SIZE_4KB) \
    $(wildcard include/config/NEED_PER_CPU_PAGE_FIRST_CHUNK) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/alloc_tag.h \
    $(wildcard include/config/MEM_ALLOC_PROFILING_DEBUG) \
    $(wildcard include/config/MEM_ALLOC_PROFILING_ENABLED_BY_DEFAULT) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/codetag.h \
    $(wildcard include/config/CODE_TAGGING) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/mmdebug.h \
    $(wildcard include/config/DEBUG_VM) \
    $(wildcard include/config/DEBUG_VM_IRQSOFF) \
    $(wildcard include/config/DEBUG_VM_PGFLAGS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/sched.h \
    $(wildcard include/config/VIRT_CPU_ACCOUNTING_NATIVE) \
    $(wildcard include/config/SCHED_INFO) \
    $(wildcard include/config/SCHEDSTATS) \
    $(wildcard include/config/SCHED_CORE) \
    $(wildcard include/config/FAIR_GROUP_SCHED) \
    $(wildcard include/config/RT_GROUP_SCHED) \
    $(wildcard include/config/RT_MUTEXES) \
    $(wildcard include/config/UCLAMP_TASK) \
    $(wildcard include/config/UCLAMP_BUCKETS_COUNT) \
    $(wildcard include/config/KMAP_LOCAL) \
    $(wildcard include/config/SCHED_CLASS_EXT) \
    $(wildcard include/config/CGROUP_SCHED) \
    $(wildcard include/config/BLK_DEV_IO_TRACE) \
    $(wildcard include/config/PREEMPT_RCU) \
    $(wildcard include/config/TASKS_RCU) \
    $(wildcard include/config/TASKS_TRACE_RCU) \
    $(wildcard include/config/MEMCG_V1) \
    $(wildcard include/config/LRU_GEN) \
    $(wildcard include/config/COMPAT_BRK) \
    $(wildcard include/config/CGROUPS) \
    $(wildcard include/config/BLK_CGROUP) \
    $(wildcard include/config/PSI) \
    $(wildcard include/config/PAGE_OWNER) \
    $(wildcard include/config/EVENTFD) \
    $(wildcard include/config/ARCH_HAS_CPU_PASID) \
    $(wildcard include/config/CPU_SUP_INTEL) \
    $(wildcard include/config/TASK_DELAY_ACCT) \
    $(wildcard include/config/ARCH_HAS_SCALED_CPUTIME) \
    $(wildcard include/config/VIRT_CPU_ACCOUNTING_GEN) \
    $(wildcard include/config/NO_HZ_FULL) \
    $(wildcard include/config/POSIX_CPUTIMERS) \
    $(wildcard include/config/POSIX_CPU_TIMERS_TASK_WORK) \
    $(wildcard include/config/KEYS) \
    $(wildcard include/config/SYSVIPC) \
    $(wildcard include/config/DETECT_HUNG_TASK) \
    $(wildcard include/config/IO_URING) \
    $(wildcard include/config/AUDIT) \
    $(wildcard include/config/AUDITSYSCALL) \
    $(wildcard include/config/DEBUG_MUTEXES) \
    $(wildcard include/config/UBSAN) \
    $(wildcard include/config/UBSAN_TRAP) \
    $(wildcard include/config/COMPACTION) \
    $(wildcard include/config/TASK_XACCT) \
    $(wildcard include/config/CPUSETS) \
    $(wildcard include/config/X86_CPU_RESCTRL) \
    $(wildcard include/config/FUTEX) \
    $(wildcard include/config/PERF_EVENTS) \
    $(wildcard include/config/NUMA_BALANCING) \
    $(wildcard include/config/RSEQ) \
    $(wildcard include/config/SCHED_MM_CID) \
    $(wildcard include/config/FAULT_INJECTION) \
    $(wildcard include/config/LATENCYTOP) \
    $(wildcard include/config/FUNCTION_GRAPH_TRACER) \
    $(wildcard include/config/MEMCG) \
    $(wildcard include/config/UPROBES) \
    $(wildcard include/config/BCACHE) \
    $(wildcard include/config/VMAP_STACK) \
    $(wildcard include/config/SECURITY) \
    $(wildcard include/config/BPF_SYSCALL) \
    $(wildcard include/config/GCC_PLUGIN_STACKLEAK) \
    $(wildcard include/config/RANDOMIZE_KSTACK_OFFSET) \
    $(wildcard include/config/X86_MCE) \
    $(wildcard include/config/KRETPROBES) \
    $(wildcard include/config/RETHOOK) \
    $(wildcard include/config/ARCH_HAS_PARANOID_L1D_FLUSH) \
    $(wildcard include/config/RV) \
    $(wildcard include/config/USER_EVENTS) \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/sched.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/pid_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/sem_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/shm.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/shmparam.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/kmsan_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/mutex_types.h \
    $(wildcard include/config/MUTEX_SPIN_ON_OWNER) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/osq_lock.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/plist_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/hrtimer_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/timerqueue_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/rbtree_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/timer_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/seccomp_types.h \
    $(wildcard include/config/SECCOMP) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/nodemask_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/resource.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/resource.h \
  arch/x86/include/generated/uapi/asm/resource.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/resource.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/asm-generic/resource.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/latencytop.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/sched/prio.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/sched/types.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/signal_types.h \
    $(wildcard include/config/OLD_SIGACTION) \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/signal.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/signal.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/uapi/asm/signal.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/asm-generic/signal-defs.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/uapi/asm/siginfo.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/asm-generic/siginfo.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/syscall_user_dispatch_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/mm_types_task.h \
    $(wildcard include/config/ARCH_WANT_BATCHED_UNMAP_TLB_FLUSH) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/tlbbatch.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/netdevice_xmit.h \
    $(wildcard include/config/NET_ACT_MIRRED) \
    $(wildcard include/config/NET_EGRESS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/task_io_accounting.h \
    $(wildcard include/config/TASK_IO_ACCOUNTING) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/posix-timers_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/rseq.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/seqlock_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/kcsan.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/rv.h \
    $(wildcard include/config/RV_REACTORS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/livepatch_sched.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/uidgid_types.h \
  arch/x86/include/generated/asm/kmap_size.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/kmap_size.h \
    $(wildcard include/config/DEBUG_KMAP_LOCAL) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/sched/ext.h \
    $(wildcard include/config/EXT_GROUP_SCHED) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/tracepoint-defs.h \
  /var/cache/mvgpu/linux-source-6.12/include/vdso/time32.h \
  /var/cache/mvgpu/linux-source-6.12/include/vdso/time.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/uidgid.h \
    $(wildcard include/config/MULTIUSER) \
    $(wildcard include/config/USER_NS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/highuid.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/buildid.h \
    $(wildcard include/config/VMCORE_INFO) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/kmod.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/umh.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/gfp.h \
    $(wildcard include/config/HIGHMEM) \
    $(wildcard include/config/ZONE_DMA) \
    $(wildcard include/config/ZONE_DMA32) \
    $(wildcard include/config/ZONE_DEVICE) \
    $(wildcard include/config/CONTIG_ALLOC) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/mmzone.h \
    $(wildcard include/config/ARCH_FORCE_MAX_ORDER) \
    $(wildcard include/config/CMA) \
    $(wildcard include/config/MEMORY_ISOLATION) \
    $(wildcard include/config/ZSMALLOC) \
    $(wildcard include/config/UNACCEPTED_MEMORY) \
    $(wildcard include/config/IOMMU_SUPPORT) \
    $(wildcard include/config/SWAP) \
    $(wildcard include/config/TRANSPARENT_HUGEPAGE) \
    $(wildcard include/config/LRU_GEN_STATS) \
    $(wildcard include/config/LRU_GEN_WALKS_MMU) \
    $(wildcard include/config/MEMORY_FAILURE) \
    $(wildcard include/config/PAGE_EXTENSION) \
    $(wildcard include/config/DEFERRED_STRUCT_PAGE_INIT) \
    $(wildcard include/config/HAVE_MEMORYLESS_NODES) \
    $(wildcard include/config/SPARSEMEM_EXTREME) \
    $(wildcard include/config/HAVE_ARCH_PFN_VALID) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/list_nulls.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/wait.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/seqlock.h \
    $(wildcard include/config/CC_IS_GCC) \
    $(wildcard include/config/GCC_VERSION) \
    $(wildcard include/config/UBSAN_ALIGNMENT) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/mutex.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/nodemask.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/random.h \
    $(wildcard include/config/VMGENID) \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/random.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/irqnr.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/irqnr.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/prandom.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/once.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/pageblock-flags.h \
    $(wildcard include/config/HUGETLB_PAGE) \
    $(wildcard include/config/HUGETLB_PAGE_SIZE_VARIABLE) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/page-flags-layout.h \
  include/generated/bounds.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/mm_types.h \
    $(wildcard include/config/HAVE_ALIGNED_STRUCT_PAGE) \
    $(wildcard include/config/HUGETLB_PMD_PAGE_TABLE_SHARING) \
    $(wildcard include/config/USERFAULTFD) \
    $(wildcard include/config/ANON_VMA_NAME) \
    $(wildcard include/config/PER_VMA_LOCK) \
    $(wildcard include/config/HAVE_ARCH_COMPAT_MMAP_BASES) \
    $(wildcard include/config/MEMBARRIER) \
    $(wildcard include/config/AIO) \
    $(wildcard include/config/MMU_NOTIFIER) \
    $(wildcard include/config/SPLIT_PMD_PTLOCKS) \
    $(wildcard include/config/IOMMU_MM_DATA) \
    $(wildcard include/config/KSM) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/auxvec.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/auxvec.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/uapi/asm/auxvec.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/rbtree.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/rcupdate.h \
    $(wildcard include/config/TINY_RCU) \
    $(wildcard include/config/RCU_STRICT_GRACE_PERIOD) \
    $(wildcard include/config/RCU_LAZY) \
    $(wildcard include/config/TASKS_RCU_GENERIC) \
    $(wildcard include/config/RCU_STALL_COMMON) \
    $(wildcard include/config/KVM_XFER_TO_GUEST_WORK) \
    $(wildcard include/config/RCU_NOCB_CPU) \
    $(wildcard include/config/TASKS_RUDE_RCU) \
    $(wildcard include/config/TREE_RCU) \
    $(wildcard include/config/DEBUG_OBJECTS_RCU_HEAD) \
    $(wildcard include/config/PROVE_RCU) \
    $(wildcard include/config/ARCH_WEAK_RELEASE_ACQUIRE) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/context_tracking_irq.h \
    $(wildcard include/config/CONTEXT_TRACKING_IDLE) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/rcutree.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/maple_tree.h \
    $(wildcard include/config/MAPLE_RCU_DISABLED) \
    $(wildcard include/config/DEBUG_MAPLE_TREE) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/rwsem.h \
    $(wildcard include/config/RWSEM_SPIN_ON_OWNER) \
    $(wildcard include/config/DEBUG_RWSEMS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/completion.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/swait.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/uprobes.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/uprobes.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/notifier.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/srcu.h \
    $(wildcard include/config/TINY_SRCU) \
    $(wildcard include/config/NEED_SRCU_NMI_SAFE) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/workqueue.h \
    $(wildcard include/config/DEBUG_OBJECTS_WORK) \
    $(wildcard include/config/FREEZER) \
    $(wildcard include/config/WQ_WATCHDOG) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/timer.h \
    $(wildcard include/config/DEBUG_OBJECTS_TIMERS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/ktime.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/jiffies.h \
  /var/cache/mvgpu/linux-source-6.12/include/vdso/jiffies.h \
  include/generated/timeconst.h \
  /var/cache/mvgpu/linux-source-6.12/include/vdso/ktime.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/timekeeping.h \
    $(wildcard include/config/GENERIC_CMOS_UPDATE) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/clocksource_ids.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/debugobjects.h \
    $(wildcard include/config/DEBUG_OBJECTS) \
    $(wildcard include/config/DEBUG_OBJECTS_FREE) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/workqueue_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/rcu_segcblist.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/srcutree.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/rcu_node_tree.h \
    $(wildcard include/config/RCU_FANOUT) \
    $(wildcard include/config/RCU_FANOUT_LEAF) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/percpu_counter.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/mmu.h \
    $(wildcard include/config/MODIFY_LDT_SYSCALL) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/page-flags.h \
    $(wildcard include/config/PAGE_IDLE_FLAG) \
    $(wildcard include/config/ARCH_USES_PG_ARCH_2) \
    $(wildcard include/config/ARCH_USES_PG_ARCH_3) \
    $(wildcard include/config/HUGETLB_PAGE_OPTIMIZE_VMEMMAP) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/local_lock.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/local_lock_internal.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/zswap.h \
    $(wildcard include/config/ZSWAP) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/memory_hotplug.h \
    $(wildcard include/config/ARCH_HAS_ADD_PAGES) \
    $(wildcard include/config/MEMORY_HOTREMOVE) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/topology.h \
    $(wildcard include/config/USE_PERCPU_NUMA_NODE_ID) \
    $(wildcard include/config/SCHED_SMT) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/arch_topology.h \
    $(wildcard include/config/GENERIC_ARCH_TOPOLOGY) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/topology.h \
    $(wildcard include/config/X86_LOCAL_APIC) \
    $(wildcard include/config/SCHED_MC_PRIO) \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/topology.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/cpu_smt.h \
    $(wildcard include/config/HOTPLUG_SMT) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/sysctl.h \
    $(wildcard include/config/SYSCTL) \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/sysctl.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/elf.h \
    $(wildcard include/config/ARCH_HAVE_EXTRA_ELF_NOTES) \
    $(wildcard include/config/ARCH_USE_GNU_PROPERTY) \
    $(wildcard include/config/ARCH_HAVE_ELF_PROT) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/elf.h \
    $(wildcard include/config/X86_X32_ABI) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/ia32.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/user.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/user_64.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/fsgsbase.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/syscall.h \
    $(wildcard include/config/X86_X32_DISABLED) \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/audit.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/elf-em.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/unistd.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/uapi/asm/unistd.h \
  arch/x86/include/generated/uapi/asm/unistd_64.h \
  arch/x86/include/generated/asm/unistd_64_x32.h \
  arch/x86/include/generated/asm/unistd_32_ia32.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/vdso.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/elf.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/kobject.h \
    $(wildcard include/config/UEVENT_HELPER) \
    $(wildcard include/config/DEBUG_KOBJECT_RELEASE) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/sysfs.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/kernfs.h \
    $(wildcard include/config/KERNFS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/idr.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/radix-tree.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/xarray.h \
    $(wildcard include/config/XARRAY_MULTI) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/sched/mm.h \
    $(wildcard include/config/MMU_LAZY_TLB_REFCOUNT) \
    $(wildcard include/config/ARCH_HAS_MEMBARRIER_CALLBACKS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/sync_core.h \
    $(wildcard include/config/ARCH_HAS_SYNC_CORE_BEFORE_USERMODE) \
    $(wildcard include/config/ARCH_HAS_PREPARE_SYNC_CORE_CMD) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/sync_core.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/sched/coredump.h \
    $(wildcard include/config/CORE_DUMP_DEFAULT_ELF_HEADERS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/kobject_ns.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/moduleparam.h \
    $(wildcard include/config/ALPHA) \
    $(wildcard include/config/PPC64) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/rbtree_latch.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/error-injection.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/error-injection.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/module.h \
    $(wildcard include/config/UNWINDER_ORC) \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/module.h \
    $(wildcard include/config/HAVE_MOD_ARCH_SPECIFIC) \
    $(wildcard include/config/MODULES_USE_ELF_REL) \
    $(wildcard include/config/MODULES_USE_ELF_RELA) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/slab.h \
    $(wildcard include/config/FAILSLAB) \
    $(wildcard include/config/KFENCE) \
    $(wildcard include/config/SLUB_TINY) \
    $(wildcard include/config/SLUB_DEBUG) \
    $(wildcard include/config/SLAB_FREELIST_HARDENED) \
    $(wildcard include/config/SLAB_BUCKETS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/percpu-refcount.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/hash.h \
    $(wildcard include/config/HAVE_ARCH_HASH) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/kasan.h \
    $(wildcard include/config/KASAN_STACK) \
    $(wildcard include/config/KASAN_VMALLOC) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/kasan-enabled.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/kasan-tags.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/sections.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/sections.h \
    $(wildcard include/config/HAVE_FUNCTION_DESCRIPTORS) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/extable.h \
  /var/cache/mvgpu/linux-source-6.12/include/kunit/resource.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/pci_regs.h \
  /work/main/drivers/gpu/mvgpu/tests/test_util.h \
  /work/main/drivers/gpu/mvgpu/mvgpu_drv.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/mdev.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/device.h \
    $(wildcard include/config/GENERIC_MSI_IRQ) \
    $(wildcard include/config/ENERGY_MODEL) \
    $(wildcard include/config/PINCTRL) \
    $(wildcard include/config/ARCH_HAS_DMA_OPS) \
    $(wildcard include/config/DMA_DECLARE_COHERENT) \
    $(wildcard include/config/DMA_CMA) \
    $(wildcard include/config/SWIOTLB) \
    $(wildcard include/config/SWIOTLB_DYNAMIC) \
    $(wildcard include/config/ARCH_HAS_SYNC_DMA_FOR_DEVICE) \
    $(wildcard include/config/ARCH_HAS_SYNC_DMA_FOR_CPU) \
    $(wildcard include/config/ARCH_HAS_SYNC_DMA_FOR_CPU_ALL) \
    $(wildcard include/config/DMA_OPS_BYPASS) \
    $(wildcard include/config/DMA_NEED_SYNC) \
    $(wildcard include/config/IOMMU_DMA) \
    $(wildcard include/config/PM) \
    $(wildcard include/config/PM_SLEEP) \
    $(wildcard include/config/OF) \
    $(wildcard include/config/DEVTMPFS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/dev_printk.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/ratelimit.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/energy_model.h \
    $(wildcard include/config/SCHED_DEBUG) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/sched/cpufreq.h \
    $(wildcard include/config/CPU_FREQ) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/sched/topology.h \
    $(wildcard include/config/SCHED_CLUSTER) \
    $(wildcard include/config/SCHED_MC) \
    $(wildcard include/config/CPU_FREQ_GOV_SCHEDUTIL) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/sched/idle.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/sched/sd_flags.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/ioport.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/klist.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/pm.h \
    $(wildcard include/config/VT_CONSOLE_SLEEP) \
    $(wildcard include/config/CXL_SUSPEND) \
    $(wildcard include/config/PM_CLK) \
    $(wildcard include/config/PM_GENERIC_DOMAINS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/hrtimer.h \
    $(wildcard include/config/HIGH_RES_TIMERS) \
    $(wildcard include/config/TIME_LOW_RES) \
    $(wildcard include/config/TIMERFD) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/hrtimer_defs.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/timerqueue.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/device/bus.h \
    $(wildcard include/config/ACPI) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/device/class.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/device/devres.h \
    $(wildcard include/config/HAS_IOMEM) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/device/driver.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/device.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/pm_wakeup.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/uuid.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/vfio.h \
    $(wildcard include/config/VFIO_GROUP) \
    $(wildcard include/config/VFIO_DEVICE_CDEV) \
    $(wildcard include/config/IOMMUFD) \
    $(wildcard include/config/DEBUG_FS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/iommu.h \
    $(wildcard include/config/IOMMU_API) \
    $(wildcard include/config/IOMMU_DEBUGFS) \
    $(wildcard include/config/IOMMU_SVA) \
    $(wildcard include/config/IOMMU_IOPF) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/scatterlist.h \
    $(wildcard include/config/NEED_SG_DMA_LENGTH) \
    $(wildcard include/config/NEED_SG_DMA_FLAGS) \
    $(wildcard include/config/DEBUG_SG) \
    $(wildcard include/config/SGL_ALLOC) \
    $(wildcard include/config/ARCH_NO_SG_CHAIN) \
    $(wildcard include/config/SG_POOL) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/mm.h \
    $(wildcard include/config/HAVE_ARCH_MMAP_RND_BITS) \
    $(wildcard include/config/HAVE_ARCH_MMAP_RND_COMPAT_BITS) \
    $(wildcard include/config/ARCH_USES_HIGH_VMA_FLAGS) \
    $(wildcard include/config/ARCH_HAS_PKEYS) \
    $(wildcard include/config/ARCH_PKEY_BITS) \
    $(wildcard include/config/X86) \
    $(wildcard include/config/PARISC) \
    $(wildcard include/config/SPARC64) \
    $(wildcard include/config/ARM64_MTE) \
    $(wildcard include/config/HAVE_ARCH_USERFAULTFD_MINOR) \
    $(wildcard include/config/PPC32) \
    $(wildcard include/config/STACK_GROWSUP) \
    $(wildcard include/config/SHMEM) \
    $(wildcard include/config/FS_DAX) \
    $(wildcard include/config/MIGRATION) \
    $(wildcard include/config/ARCH_HAS_GIGANTIC_PAGE) \
    $(wildcard include/config/ARCH_HAS_PTE_SPECIAL) \
    $(wildcard include/config/ARCH_SUPPORTS_PMD_PFNMAP) \
    $(wildcard include/config/ARCH_SUPPORTS_PUD_PFNMAP) \
    $(wildcard include/config/ARCH_HAS_PTE_DEVMAP) \
    $(wildcard include/config/SPLIT_PTE_PTLOCKS) \
    $(wildcard include/config/HIGHPTE) \
    $(wildcard include/config/DEBUG_VM_RB) \
    $(wildcard include/config/PAGE_POISONING) \
    $(wildcard include/config/INIT_ON_ALLOC_DEFAULT_ON) \
    $(wildcard include/config/INIT_ON_FREE_DEFAULT_ON) \
    $(wildcard include/config/DEBUG_PAGEALLOC) \
    $(wildcard include/config/ARCH_WANT_OPTIMIZE_DAX_VMEMMAP) \
    $(wildcard include/config/HUGETLBFS) \
    $(wildcard include/config/MAPPING_DIRTY_HELPERS) \
    $(wildcard include/config/PAGE_POOL) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/pgalloc_tag.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/mmap_lock.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/bit_spinlock.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/shrinker.h \
    $(wildcard include/config/SHRINKER_DEBUG) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/page_ext.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/page_ref.h \
    $(wildcard include/config/DEBUG_PAGE_REF) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/sizes.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/pgtable.h \
    $(wildcard include/config/ARCH_HAS_NONLEAF_PMD_YOUNG) \
    $(wildcard include/config/ARCH_HAS_HW_PTE_YOUNG) \
    $(wildcard include/config/GUP_GET_PXX_LOW_HIGH) \
    $(wildcard include/config/ARCH_WANT_PMD_MKWRITE) \
    $(wildcard include/config/HAVE_ARCH_TRANSPARENT_HUGEPAGE_PUD) \
    $(wildcard include/config/HAVE_ARCH_SOFT_DIRTY) \
    $(wildcard include/config/ARCH_ENABLE_THP_MIGRATION) \
    $(wildcard include/config/HAVE_ARCH_HUGE_VMAP) \
    $(wildcard include/config/X86_ESPFIX64) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/pgtable.h \
    $(wildcard include/config/DEBUG_WX) \
    $(wildcard include/config/PAGE_TABLE_CHECK) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/x86_init.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/pkru.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/fpu/api.h \
    $(wildcard include/config/X86_DEBUG_FPU) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/coco.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/pgtable_uffd.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/page_table_check.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/pgtable_64.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/fixmap.h \
    $(wildcard include/config/PROVIDE_OHCI1394_DMA_INIT) \
    $(wildcard include/config/X86_IO_APIC) \
    $(wildcard include/config/PCI_MMCONFIG) \
    $(wildcard include/config/ACPI_APEI_GHES) \
    $(wildcard include/config/INTEL_TXT) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/apicdef.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/uapi/asm/vsyscall.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/fixmap.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/pgtable-invert.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/memremap.h \
    $(wildcard include/config/DEVICE_PRIVATE) \
    $(wildcard include/config/PCI_P2PDMA) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/huge_mm.h \
    $(wildcard include/config/PGTABLE_HAS_HUGE_LEAVES) \
    $(wildcard include/config/READ_ONLY_THP_FOR_FS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/fs.h \
    $(wildcard include/config/FANOTIFY_ACCESS_PERMISSIONS) \
    $(wildcard include/config/FS_POSIX_ACL) \
    $(wildcard include/config/CGROUP_WRITEBACK) \
    $(wildcard include/config/IMA) \
    $(wildcard include/config/FILE_LOCKING) \
    $(wildcard include/config/FSNOTIFY) \
    $(wildcard include/config/FS_ENCRYPTION) \
    $(wildcard include/config/FS_VERITY) \
    $(wildcard include/config/EPOLL) \
    $(wildcard include/config/UNICODE) \
    $(wildcard include/config/QUOTA) \
    $(wildcard include/config/BLOCK) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/wait_bit.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/kdev_t.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/kdev_t.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/dcache.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/rculist.h \
    $(wildcard include/config/PROVE_RCU_LIST) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/rculist_bl.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/list_bl.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/lockref.h \
    $(wildcard include/config/ARCH_USE_CMPXCHG_LOCKREF) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/stringhash.h \
    $(wildcard include/config/DCACHE_WORD_ACCESS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/path.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/list_lru.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/pid.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/capability.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/capability.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/semaphore.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/fcntl.h \
    $(wildcard include/config/ARCH_32BIT_OFF_T) \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/fcntl.h \
  arch/x86/include/generated/uapi/asm/fcntl.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/asm-generic/fcntl.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/openat2.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/migrate_mode.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/percpu-rwsem.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/rcuwait.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/sched/signal.h \
    $(wildcard include/config/SCHED_AUTOGROUP) \
    $(wildcard include/config/BSD_PROCESS_ACCT) \
    $(wildcard include/config/TASKSTATS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/signal.h \
    $(wildcard include/config/DYNAMIC_SIGFRAME) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/sched/jobctl.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/sched/task.h \
    $(wildcard include/config/HAVE_EXIT_THREAD) \
    $(wildcard include/config/ARCH_WANTS_DYNAMIC_TASK_STRUCT) \
    $(wildcard include/config/HAVE_ARCH_THREAD_STRUCT_WHITELIST) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/uaccess.h \
    $(wildcard include/config/ARCH_HAS_SUBPAGE_FAULTS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/fault-inject-usercopy.h \
    $(wildcard include/config/FAULT_INJECTION_USERCOPY) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/nospec.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/uaccess.h \
    $(wildcard include/config/CC_HAS_ASM_GOTO_OUTPUT) \
    $(wildcard include/config/CC_HAS_ASM_GOTO_TIED_OUTPUT) \
    $(wildcard include/config/ARCH_HAS_COPY_MC) \
    $(wildcard include/config/X86_INTEL_USERCOPY) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/smap.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/tlbflush.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/mmu_notifier.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/interval_tree.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/invpcid.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/pti.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/uaccess_64.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/access_ok.h \
    $(wildcard include/config/ALTERNATE_USER_ADDRESS_SPACE) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/cred.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/key.h \
    $(wildcard include/config/KEY_NOTIFICATIONS) \
    $(wildcard include/config/NET) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/assoc_array.h \
    $(wildcard include/config/ASSOCIATIVE_ARRAY) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/sched/user.h \
    $(wildcard include/config/VFIO_PCI_ZDEV_KVM) \
    $(wildcard include/config/SECRETMEM) \
    $(wildcard include/config/WATCH_QUEUE) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/posix-timers.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/alarmtimer.h \
    $(wildcard include/config/RTC_CLASS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/rcu_sync.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/delayed_call.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/errseq.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/ioprio.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/sched/rt.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/iocontext.h \
    $(wildcard include/config/BLK_ICQ) \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/ioprio.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/fs_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/mount.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/mnt_idmapping.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/rw_hint.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/fs.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/quota.h \
    $(wildcard include/config/QUOTA_NETLINK_INTERFACE) \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/dqblk_xfs.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/dqblk_v1.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/dqblk_v2.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/dqblk_qtree.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/projid.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/quota.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/secretmem.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/vmstat.h \
    $(wildcard include/config/VM_EVENT_COUNTERS) \
    $(wildcard include/config/DEBUG_TLBFLUSH) \
    $(wildcard include/config/PER_VMA_LOCK_STATS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/vm_event_item.h \
    $(wildcard include/config/MEMORY_BALLOON) \
    $(wildcard include/config/BALLOON_COMPACTION) \
    $(wildcard include/config/DEBUG_STACK_USAGE) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/io.h \
    $(wildcard include/config/MTRR) \
    $(wildcard include/config/X86_PAT) \
  arch/x86/include/generated/asm/early_ioremap.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/early_ioremap.h \
    $(wildcard include/config/GENERIC_EARLY_IOREMAP) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/shared/io.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/io.h \
    $(wildcard include/config/GENERIC_IOMAP) \
    $(wildcard include/config/TRACE_MMIO_ACCESS) \
    $(wildcard include/config/GENERIC_IOREMAP) \
    $(wildcard include/config/HAS_IOPORT_MAP) \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/iomap.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/pci_iomap.h \
    $(wildcard include/config/PCI) \
    $(wildcard include/config/NO_GENERIC_PCI_IOPORT_MAP) \
    $(wildcard include/config/GENERIC_PCI_IOMAP) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/logic_pio.h \
    $(wildcard include/config/INDIRECT_PIO) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/fwnode.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/of.h \
    $(wildcard include/config/OF_DYNAMIC) \
    $(wildcard include/config/SPARC) \
    $(wildcard include/config/OF_PROMTREE) \
    $(wildcard include/config/OF_KOBJ) \
    $(wildcard include/config/OF_NUMA) \
    $(wildcard include/config/OF_OVERLAY) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/mod_devicetable.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/mei.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/mei_uuid.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/property.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/iova_bitmap.h \
    $(wildcard include/config/IOMMUFD_DRIVER) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/msi.h \
    $(wildcard include/config/IRQ_MSI_IOMMU) \
    $(wildcard include/config/PCI_MSI_ARCH_FALLBACKS) \
    $(wildcard include/config/PCI_XEN) \
    $(wildcard include/config/PCI_MSI) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/irqdomain_defs.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/msi_api.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/irq.h \
    $(wildcard include/config/GENERIC_IRQ_EFFECTIVE_AFF_MASK) \
    $(wildcard include/config/GENERIC_IRQ_IPI) \
    $(wildcard include/config/IRQ_DOMAIN_HIERARCHY) \
    $(wildcard include/config/DEPRECATED_IRQ_CPU_ONOFFLINE) \
    $(wildcard include/config/GENERIC_IRQ_MIGRATION) \
    $(wildcard include/config/GENERIC_PENDING_IRQ) \
    $(wildcard include/config/HARDIRQS_SW_RESEND) \
    $(wildcard include/config/GENERIC_IRQ_LEGACY) \
    $(wildcard include/config/GENERIC_IRQ_CHIP) \
    $(wildcard include/config/GENERIC_IRQ_MULTI_HANDLER) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/irqhandler.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/irqreturn.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/io.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/irq.h \
    $(wildcard include/config/KVM) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/irq_vectors.h \
    $(wildcard include/config/HYPERV) \
  arch/x86/include/generated/asm/irq_regs.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/irq_regs.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/irqdesc.h \
    $(wildcard include/config/GENERIC_IRQ_STAT_SNAPSHOT) \
    $(wildcard include/config/GENERIC_IRQ_DEBUGFS) \
    $(wildcard include/config/SPARSE_IRQ) \
    $(wildcard include/config/IRQ_DOMAIN) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/hw_irq.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/profile.h \
    $(wildcard include/config/PROFILING) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/msi.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/irqdomain.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/irqdomain.h \
    $(wildcard include/config/IRQ_DOMAIN_NOMAP) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/poll.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/poll.h \
  arch/x86/include/generated/uapi/asm/poll.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/asm-generic/poll.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/eventpoll.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/cdev.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/vfio.h \
  /work/main/drivers/gpu/mvgpu/../../../include/linux/mvgpu_backend.h \
  /work/main/drivers/gpu/mvgpu/../../../include/uapi/linux/mvgpu.h \
  /work/main/drivers/gpu/mvgpu/core/gm.h \
  /work/main/drivers/gpu/mvgpu/core/regs.h \
  /work/main/drivers/gpu/mvgpu/core/cfg_space.h \
  /work/main/drivers/gpu/mvgpu/core/irq.h \

/work/main/drivers/gpu/mvgpu/tests/cfg_space_test.o: $(deps_/work/main/drivers/gpu/mvgpu/tests/cfg_space_test.o)

$(deps_/work/main/drivers/gpu/mvgpu/tests/cfg_space_test.o):
