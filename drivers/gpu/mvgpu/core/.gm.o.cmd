savedcmd_/work/main/drivers/gpu/mvgpu/core/gm.o := gcc -Wp,-MMD,/work/main/drivers/gpu/mvgpu/core/.gm.o.d -nostdinc -I/var/cache/mvgpu/linux-source-6.12/arch/x86/include -I./arch/x86/include/generated -I/var/cache/mvgpu/linux-source-6.12/include -I./include -I/var/cache/mvgpu/linux-source-6.12/arch/x86/include/uapi -I./arch/x86/include/generated/uapi -I/var/cache/mvgpu/linux-source-6.12/include/uapi -I./include/generated/uapi -include /var/cache/mvgpu/linux-source-6.12/include/linux/compiler-version.h -include /var/cache/mvgpu/linux-source-6.12/include/linux/kconfig.h -include /var/cache/mvgpu/linux-source-6.12/include/linux/compiler_types.h -D__KERNEL__ -fmacro-prefix-map=/var/cache/mvgpu/linux-source-6.12/= -std=gnu11 -fshort-wchar -funsigned-char -fno-common -fno-PIE -fno-strict-aliasing -mno-sse -mno-mmx -mno-sse2 -mno-3dnow -mno-avx -fcf-protection=branch -fno-jump-tables -m64 -falign-jumps=1 -falign-loops=1 -mno-80387 -mno-fp-ret-in-387 -mpreferred-stack-boundary=3 -mskip-rax-setup -mtune=generic -mno-red-zone -mcmodel=kernel -Wno-sign-compare -fno-asynchronous-unwind-tables -fno-delete-null-pointer-checks -O2 -fno-allow-store-data-races -fno-stack-protector -fno-omit-frame-pointer -fno-optimize-sibling-calls -ftrivial-auto-var-init=zero -fno-stack-clash-protection -falign-functions=16 -fno-strict-overflow -fno-stack-check -fconserve-stack -fno-builtin-wcslen -fno-builtin-wcslen -Wall -Wextra -Wundef -Werror=implicit-function-declaration -Werror=implicit-int -Werror=return-type -Werror=strict-prototypes -Wno-format-security -Wno-trigraphs -Wno-frame-address -Wno-address-of-packed-member -Wmissing-declarations -Wmissing-prototypes -Wframe-larger-than=1024 -Wno-main -Wno-dangling-pointer -Wvla -Wno-pointer-sign -Wcast-function-type -Wno-array-bounds -Wno-stringop-overflow -Wno-alloc-size-larger-than -Wimplicit-fallthrough=5 -Werror=date-time -Werror=incompatible-pointer-types -Werror=designated-init -Wenum-conversion -Wunused -Wno-unused-but-set-variable -Wno-unused-const-variable -Wno-packed-not-aligned -Wno-format-overflow -Wno-format-truncation -Wno-stringop-truncation -Wno-override-init -Wno-missing-field-initializers -Wno-type-limits -Wno-shift-negative-value -Wno-maybe-uninitialized -Wno-sign-compare -Wno-unused-parameter -I/work/main/drivers/gpu/mvgpu/../../../include -I/work/main/drivers/gpu/mvgpu/../../../include/uapi -I/work/main/drivers/gpu/mvgpu  -DMODULE  -DKBUILD_BASENAME='"gm"' -DKBUILD_MODNAME='"mvgpu"' -D__KBUILD_MODNAME=kmod_mvgpu -c -o /work/main/drivers/gpu/mvgpu/core/gm.o /work/main/drivers/gpu/mvgpu/core/gm.c  

source_/work/main/drivers/gpu/mvgpu/core/gm.o := /work/main/drivers/gpu/mvgpu/core/gm.c

deps_/work/main/drivers/gpu/mvgpu/core/gm.o := \
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
  /var/cache/mvgpu/linux-source-6.12/include/linux/align.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/const.h \
  /var/cache/mvgpu/linux-source-6.12/include/vdso/const.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/const.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/errno.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/errno.h \
  arch/x86/include/generated/uapi/asm/errno.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/asm-generic/errno.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/asm-generic/errno-base.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/math64.h \
    $(wildcard include/config/ARCH_SUPPORTS_INT128) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/types.h \
    $(wildcard include/config/HAVE_UID16) \
    $(wildcard include/config/UID16) \
    $(wildcard include/config/ARCH_DMA_ADDR_T_64BIT) \
    $(wildcard include/config/PHYS_ADDR_T_64BIT) \
    $(wildcard include/config/64BIT) \
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
  /var/cache/mvgpu/linux-source-6.12/include/linux/math.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/div64.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/div64.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/compiler.h \
    $(wildcard include/config/TRACE_BRANCH_PROFILING) \
    $(wildcard include/config/PROFILE_ALL_BRANCHES) \
    $(wildcard include/config/OBJTOOL) \
  arch/x86/include/generated/asm/rwonce.h \
  /var/cache/mvgpu/linux-source-6.12/include/asm-generic/rwonce.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/kasan-checks.h \
    $(wildcard include/config/KASAN_GENERIC) \
    $(wildcard include/config/KASAN_SW_TAGS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/kcsan-checks.h \
    $(wildcard include/config/KCSAN_WEAK_MEMORY) \
    $(wildcard include/config/KCSAN_IGNORE_ATOMICS) \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/kernel.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/sysinfo.h \
  /var/cache/mvgpu/linux-source-6.12/include/vdso/math64.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/minmax.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/build_bug.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/string.h \
    $(wildcard include/config/BINARY_PRINTF) \
    $(wildcard include/config/FORTIFY_SOURCE) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/args.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/array_size.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/err.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/overflow.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/limits.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/limits.h \
  /var/cache/mvgpu/linux-source-6.12/include/vdso/limits.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/stdarg.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/string.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/string.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/string_64.h \
    $(wildcard include/config/KMSAN) \
    $(wildcard include/config/ARCH_HAS_UACCESS_FLUSHCACHE) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/jump_label.h \
    $(wildcard include/config/JUMP_LABEL) \
    $(wildcard include/config/HAVE_ARCH_JUMP_LABEL_RELATIVE) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/atomic.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/atomic.h \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/alternative.h \
    $(wildcard include/config/SMP) \
    $(wildcard include/config/CALL_THUNKS) \
    $(wildcard include/config/MITIGATION_ITS) \
    $(wildcard include/config/MITIGATION_RETHUNK) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/stringify.h \
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
  /var/cache/mvgpu/linux-source-6.12/include/linux/once_lite.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/panic.h \
    $(wildcard include/config/PANIC_TIMEOUT) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/printk.h \
    $(wildcard include/config/MESSAGE_LOGLEVEL_DEFAULT) \
    $(wildcard include/config/CONSOLE_LOGLEVEL_DEFAULT) \
    $(wildcard include/config/CONSOLE_LOGLEVEL_QUIET) \
    $(wildcard include/config/EARLY_PRINTK) \
    $(wildcard include/config/PRINTK) \
    $(wildcard include/config/PRINTK_INDEX) \
    $(wildcard include/config/DYNAMIC_DEBUG) \
    $(wildcard include/config/DYNAMIC_DEBUG_CORE) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/init.h \
    $(wildcard include/config/MEMORY_HOTPLUG) \
    $(wildcard include/config/HAVE_ARCH_PREL32_RELOCATIONS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/kern_levels.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/linkage.h \
    $(wildcard include/config/ARCH_USE_SYM_ANNOTATIONS) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/export.h \
    $(wildcard include/config/MODVERSIONS) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/linkage.h \
    $(wildcard include/config/CALL_PADDING) \
    $(wildcard include/config/MITIGATION_SLS) \
    $(wildcard include/config/FUNCTION_PADDING_BYTES) \
    $(wildcard include/config/UML) \
  /var/cache/mvgpu/linux-source-6.12/arch/x86/include/asm/ibt.h \
    $(wildcard include/config/X86_KERNEL_IBT) \
  /var/cache/mvgpu/linux-source-6.12/include/linux/ratelimit_types.h \
  /var/cache/mvgpu/linux-source-6.12/include/linux/bits.h \
  /var/cache/mvgpu/linux-source-6.12/include/vdso/bits.h \
  /var/cache/mvgpu/linux-source-6.12/include/uapi/linux/bits.h \
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
  /var/cache/mvgpu/linux-source-6.12/include/linux/dynamic_debug.h \
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
  /var/cache/mvgpu/linux-source-6.12/include/linux/bug.h \
    $(wildcard include/config/BUG_ON_DATA_CORRUPTION) \
  /var/cache/mvgpu/linux-source-6.12/include/kunit/visibility.h \
    $(wildcard include/config/KUNIT) \
  /work/main/drivers/gpu/mvgpu/core/gm.h \

/work/main/drivers/gpu/mvgpu/core/gm.o: $(deps_/work/main/drivers/gpu/mvgpu/core/gm.o)

$(deps_/work/main/drivers/gpu/mvgpu/core/gm.o):
