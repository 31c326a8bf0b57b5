savedcmd_/work/main/drivers/gpu/mvgpu/mvgpu_test.o := ld -m elf_x86_64 -z noexecstack --no-warn-rwx-segments   -r -o /work/main/drivers/gpu/mvgpu/mvgpu_test.o @/work/main/drivers/gpu/mvgpu/mvgpu_test.mod  ; ./tools/objtool/objtool --hacks=jump_label --hacks=noinstr --ibt --static-call --uaccess  --link  --module /work/main/drivers/gpu/mvgpu/mvgpu_test.o

/work/main/drivers/gpu/mvgpu/mvgpu_test.o: $(wildcard ./tools/objtool/objtool)
