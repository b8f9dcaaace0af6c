# Self-checking, run with misaligned accesses trapping: mcause 4 and 6 with mtval = the address;
# the access is not performed.
        .text
        .globl _start
_start:
        la      t0, handler
        csrw    mtvec, t0
        la      s0, buffer
        li      gp, 2                   # misaligned lw: mcause 4, rd unchanged
        li      t0, 77
        lw      t0, 1(s0)
        li      t1, 4
        bne     s2, t1, fail
        addi    t1, s0, 1
        bne     s4, t1, fail
        li      t1, 77
        bne     t0, t1, fail

        li      gp, 3                   # misaligned sh: mcause 6, memory unchanged
        li      t0, -1
        sh      t0, 3(s0)
        li      t1, 6
        bne     s2, t1, fail
        lw      t1, 0(s0)
        bnez    t1, fail

        li      gp, 4                   # aligned accesses and bytes still work
        li      s2, 0
        sw      t0, 4(s0)
        lb      t1, 5(s0)
        bne     t1, t0, fail
        bnez    s2, fail

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

handler:
        csrr    s2, mcause
        csrr    s3, mepc
        csrr    s4, mtval
        addi    s3, s3, 4
        csrw    mepc, s3
        mret

        .data
        .balign 8
tohost: .word   0, 0
buffer: .word   0, 0
