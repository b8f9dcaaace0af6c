# Linux-style: write(1, msg, len) then exit(0), the way qemu-riscv32 runs it too.
        .text
        .globl _start
_start:
        li      a0, 1
        la      a1, msg
        li      a2, 6
        li      a7, 64
        ecall
        li      a0, 0
        li      a7, 93
        ecall

        .rodata
msg:    .ascii  "hello\n"
