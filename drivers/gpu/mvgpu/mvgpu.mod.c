#include <linux/module.h>
#include <linux/export-internal.h>
#include <linux/compiler.h>

MODULE_INFO(name, KBUILD_MODNAME);

__visible struct module __this_module
__section(".gnu.linkonce.this_module") = {
	.name = KBUILD_MODNAME,
	.init = init_module,
#ifdef CONFIG_MODULE_UNLOAD
	.exit = cleanup_module,
#endif
	.arch = MODULE_ARCH_INIT,
};

KSYMTAB_FUNC(mvgpu_pgpu_register, "_gpl", "MVGPU");
KSYMTAB_FUNC(mvgpu_pgpu_unregister, "_gpl", "MVGPU");
KSYMTAB_DATA(mvgpu_type_descs, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_DATA(mvgpu_num_types, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_FUNC(mvgpu_gm_space_init, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_FUNC(mvgpu_gm_space_alloc, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_FUNC(mvgpu_gm_space_free, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_FUNC(mvgpu_gm_space_fit, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_FUNC(mvgpu_gm_space_free_bytes, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_FUNC(mvgpu_reg_table_check, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_FUNC(mvgpu_reg_nr_slots, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_FUNC(mvgpu_reg_find, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_FUNC(mvgpu_regs_init, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_FUNC(mvgpu_regs_fini, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_FUNC(mvgpu_regs_reset, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_FUNC(mvgpu_reg_apply_write, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_FUNC(mvgpu_vreg, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_FUNC(mvgpu_reg_read, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_FUNC(mvgpu_reg_write, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_FUNC(mvgpu_mmio_read, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_FUNC(mvgpu_mmio_write, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_FUNC(mvgpu_irq_update, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_FUNC(mvgpu_irq_raise, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_FUNC(mvgpu_cfg_init, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_FUNC(mvgpu_cfg_read, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_FUNC(mvgpu_cfg_write, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_FUNC(mvgpu_pvinfo_reset, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_DATA(mvgpu_reg_table, "", "EXPORTED_FOR_KUNIT_TESTING");
KSYMTAB_DATA(mvgpu_reg_table_size, "", "EXPORTED_FOR_KUNIT_TESTING");

MODULE_INFO(depends, "mdev");

