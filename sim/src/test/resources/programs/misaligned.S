# Self-checking: misaligned loads and stores are performed, little-endian, across word boundaries.
        .text
        .globl _start
_start:
        la      s0, buffer
        li      gp, 2                   # misaligned lw
        lw      t0, 1(s0)
        li      t1, 0x44332211
        bne     t0, t1, fail
        lw      t0, 3(s0)
        li      t1, 0x66554433
        bne     t0, t1, fail

        li      gp, 3                   # misaligned lh / lhu sign- and zero-extend
        lh      t0, 7(s0)
        li      t1, 0xffff9977
        bne     t0, t1, fail
        lhu     t0, 7(s0)
        li      t1, 0x9977
        bne     t0, t1, fail

        li      gp, 4                   # misaligned sw and sh
        li      t0, 0xdeadbeef
        sw      t0, 9(s0)
        lw      t1, 8(s0)
        li      t2, 0xadbeef99
        bne     t1, t2, fail
        lbu     t1, 12(s0)
        li      t2, 0xde
        bne     t1, t2, fail
        li      t0, 0xcafe
        sh      t0, 13(s0)
        lw      t1, 12(s0)
        li      t2, 0x00cafede
        bne     t1, t2, fail

pass:
        li      t0, 1
        la      t1, tohost
        sw      t0, 0(t1)
1:      j       1b
fail:
        slli    t0, gp, 1
        ori     t0, t0, 1
        la      t1, tohost
        sw      t0, 0(t1)
1:      j       1b

        .data
        .balign 8
tohost: .word   0, 0
buffer: .byte   0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x99, 0, 0, 0, 0, 0, 0, 0
