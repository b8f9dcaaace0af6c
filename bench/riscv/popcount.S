# Simulator benchmark: a popcount-heavy loop, the inner loop of a binarized dense layer
# (xnor + cpop over a 1 KiB weight row), 160,000 x (256 x 7 + 5) = 287.5 million instructions.
# Linux-style (exit via ecall 93), so qemu-riscv32 runs it too:
#   ./blitz asm bench/riscv/popcount.S -o /tmp/popcount.elf -Ttext 0x10000
#   ./blitz sim /tmp/popcount.elf --timing ideal        # prints simulated MIPS
#   time qemu-riscv32 -cpu rv32,zbb=true /tmp/popcount.elf
# Exit status 0 when the popcount sum is 573,440,000 (160,000 x 3,584), 1 otherwise.
        .text
        .globl _start
_start:
        li      s0, 160000              # rows
        li      a0, 0x5a5a3c3c          # the activation word
        li      s1, 0                   # sum of popcounts
outer:
        la      t3, weights
        li      t4, 256
inner:
        lw      t0, 0(t3)
        xnor    t1, t0, a0
        cpop    t1, t1
        add     s1, s1, t1
        addi    t3, t3, 4
        addi    t4, t4, -1
        bnez    t4, inner
        addi    s0, s0, -1
        bnez    s0, outer
        li      t0, 573440000
        sub     a0, s1, t0
        snez    a0, a0
        li      a7, 93
        ecall

        .data
weights:
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
        .word   0x01234567, 0x89abcdef, 0xdeadbeef, 0x0f0f0f0f
