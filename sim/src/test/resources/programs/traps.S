# Self-checking: exceptions set mcause/mepc/mtval/mstatus and mret returns. gp = test number;
# tohost = 1 on pass, gp << 1 | 1 on the first failing check.
        .text
        .globl _start
_start:
        la      t0, handler
        csrw    mtvec, t0

        li      gp, 2                   # ecall: mcause 11, mepc = the ecall, mtval 0
ecall_at:
        ecall
        li      t1, 11
        bne     s2, t1, fail
        la      t1, ecall_at
        bne     s3, t1, fail
        bnez    s4, fail

        li      gp, 3                   # an illegal word: mcause 2, mtval = the word
illegal_at:
        .word   0xffffffff
        li      t1, 2
        bne     s2, t1, fail
        la      t1, illegal_at
        bne     s3, t1, fail
        li      t1, -1
        bne     s4, t1, fail

        li      gp, 4                   # ebreak: mcause 3, mtval = pc
ebreak_at:
        ebreak
        li      t1, 3
        bne     s2, t1, fail
        la      t1, ebreak_at
        bne     s4, t1, fail

        li      gp, 5                   # an unknown CSR is illegal
        csrr    t0, 0x7c0
        li      t1, 2
        bne     s2, t1, fail

        li      gp, 6                   # writing a read-only CSR is illegal
        csrw    cycle, t0
        li      t1, 2
        bne     s2, t1, fail

        li      gp, 7                   # load outside memory: mcause 5, mtval = address
        li      s2, 0
        li      t0, 0x40000000
        lw      t2, 4(t0)
        li      t1, 5
        bne     s2, t1, fail
        li      t1, 0x40000004
        bne     s4, t1, fail

        li      gp, 8                   # store outside memory: mcause 7
        sw      t2, 8(t0)
        li      t1, 7
        bne     s2, t1, fail

        li      gp, 9                   # jump to a misaligned target: mcause 0, mepc = the jump
        la      t0, 1f
        addi    t0, t0, 2
jump_at:
        jr      t0
1:      li      t1, 0
        bne     s2, t1, fail
        la      t1, jump_at
        bne     s3, t1, fail
        la      t1, 1b
        addi    t1, t1, 2
        bne     s4, t1, fail

        li      gp, 10                  # a trap saves MIE in MPIE and clears it; mret restores it
        csrsi   mstatus, 8
        ecall
        andi    t1, s5, 0x88
        li      t2, 0x80
        bne     t1, t2, fail
        csrr    t1, mstatus
        andi    t1, t1, 8
        beqz    t1, fail

        li      gp, 11                  # mscratch survives a trap; the handler can use it
        li      t0, 0x1234
        csrw    mscratch, t0
        ecall
        csrr    t1, mscratch
        bne     t0, t1, fail

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

# Records mcause, mepc, mtval, mstatus in s2..s5 and returns past the trapping instruction.
handler:
        csrr    s2, mcause
        csrr    s3, mepc
        csrr    s4, mtval
        csrr    s5, mstatus
        addi    t6, s3, 4               # resume after the trapping instruction (or jump)
        csrw    mepc, t6
        mret

        .data
        .balign 8
tohost: .word   0, 0
