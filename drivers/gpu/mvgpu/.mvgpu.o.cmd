savedcmd_/work/main/drivers/gpu/mvgpu/mvgpu.o := ld -m elf_x86_64 -z noexecstack --no-warn-rwx-segments   -r -o /work/main/drivers/gpu/mvgpu/mvgpu.o @/work/main/drivers/gpu/mvgpu/mvgpu.mod  ; ./tools/objtool/objtool --hacks=jump_label --hacks=noinstr --ibt --static-call --uaccess  --link  --module /work/main/drivers/gpu/mvgpu/mvgpu.o

/work/main/drivers/gpu/mvgpu/mvgpu.o: $(wildcard ./tools/objtool/objtool)
