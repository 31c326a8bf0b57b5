/work/main/drivers/gpu/mvgpu/tests/test_util.o
/work/main/drivers/gpu/mvgpu/tests/regs_test.o
/work/main/drivers/gpu/mvgpu/tests/cfg_space_test.o
/work/main/drivers/gpu/mvgpu/tests/gm_test.o
/work/main/drivers/gpu/mvgpu/tests/irq_test.o
