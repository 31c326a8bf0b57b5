/work/main/drivers/gpu/mvgpu/sgpu/main.o
/work/main/drivers/gpu/mvgpu/sgpu/bus.o
/work/main/drivers/gpu/mvgpu/sgpu/device.o
