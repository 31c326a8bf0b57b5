savedcmd_/work/main/drivers/gpu/mvgpu/mvgpu_sgpu.o := ld -m elf_x86_64 -z noexecstack --no-warn-rwx-segments   -r -o /work/main/drivers/gpu/mvgpu/mvgpu_sgpu.o @/work/main/drivers/gpu/mvgpu/mvgpu_sgpu.mod  ; ./tools/objtool/objtool --hacks=jump_label --hacks=noinstr --ibt --static-call --uaccess  --link  --module /work/main/drivers/gpu/mvgpu/mvgpu_sgpu.o

/work/main/drivers/gpu/mvgpu/mvgpu_sgpu.o: $(wildcard ./tools/objtool/objtool)
