# Entry of the C baseline (bare metal on `blitz sim`, or qemu-riscv32 user mode): both give the
# program a stack pointer and zeroed memory, so _start only clears .bss (for a real board), calls
# main and exits with its status through the exit ecall (a7 = 93).
    .section .text.start, "ax"
    .globl _start
_start:
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sw      zero, 0(t0)
    addi    t0, t0, 4
    j       1b
2:  andi    sp, sp, -16
    call    main
    li      a7, 93
    ecall
3:  j       3b

# GCC may call these for struct copies and array initialisers even with -ffreestanding.
    .text
    .globl memset
memset:                         # a0 = dst, a1 = byte, a2 = count
    mv      t0, a0
1:  beqz    a2, 2f
    sb      a1, 0(t0)
    addi    t0, t0, 1
    addi    a2, a2, -1
    j       1b
2:  ret

    .globl memcpy
memcpy:                         # a0 = dst, a1 = src, a2 = count
    mv      t0, a0
1:  beqz    a2, 2f
    lbu     t1, 0(a1)
    sb      t1, 0(t0)
    addi    t0, t0, 1
    addi    a1, a1, 1
    addi    a2, a2, -1
    j       1b
2:  ret
