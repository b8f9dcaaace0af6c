# Self-checking: the Zicsr read-modify-writes and the machine CSRs' values.
        .text
        .globl _start
_start:
        li      gp, 2                   # csrrw returns the old value and writes the new
        li      t0, 0x5a5a
        csrw    mscratch, t0
        li      t1, 0x1111
        csrrw   t2, mscratch, t1
        bne     t2, t0, fail
        csrr    t2, mscratch
        bne     t2, t1, fail

        li      gp, 3                   # csrrs / csrrc set and clear bits
        li      t0, 0x0f00
        csrrs   t2, mscratch, t0
        li      t1, 0x1111
        bne     t2, t1, fail
        csrr    t2, mscratch
        li      t1, 0x1f11
        bne     t2, t1, fail
        li      t0, 0x0011
        csrrc   zero, mscratch, t0
        csrr    t2, mscratch
        li      t1, 0x1f00
        bne     t2, t1, fail

        li      gp, 4                   # the immediate forms
        csrrwi  t2, mscratch, 31
        li      t1, 0x1f00
        bne     t2, t1, fail
        csrrsi  zero, mscratch, 0
        csrrci  t2, mscratch, 1
        li      t1, 31
        bne     t2, t1, fail
        csrr    t2, mscratch
        li      t1, 30
        bne     t2, t1, fail

        li      gp, 5                   # misa: RV32 I M X; mhartid 0; vendor ids 0
        csrr    t0, misa
        li      t1, 0x40801100
        bne     t0, t1, fail
        csrr    t0, mhartid
        bnez    t0, fail
        csrr    t0, mvendorid
        bnez    t0, fail

        li      gp, 6                   # instret counts retired instructions, cycle does not go back
        rdinstret t0
        rdinstret t1
        sub     t2, t1, t0
        li      t3, 1
        bne     t2, t3, fail
        rdcycle t0
        rdcycle t1
        bltu    t1, t0, fail
        rdtime  t0
        beqz    t0, fail

        li      gp, 7                   # minstret and mcycle are writable
        li      t0, 100
        csrw    minstret, t0
        csrr    t1, minstret
        bne     t1, t0, fail
        csrw    minstreth, zero
        rdinstreth t1
        bnez    t1, fail
        li      t0, 1000
        csrw    mcycle, t0
        rdcycle t1
        bne     t1, t0, fail

        li      gp, 8                   # mie/mip writes are accepted; mtvec keeps mode 1, drops bit 1; mepc is 4-aligned
        li      t0, 0x888
        csrw    mie, t0
        csrr    t1, mie
        bne     t0, t1, fail
        csrw    mip, t0
        li      t0, 0x80000103
        csrw    mtvec, t0
        csrr    t1, mtvec
        li      t0, 0x80000101
        bne     t0, t1, fail
        csrw    mtvec, zero
        li      t0, 0x80000007
        csrw    mepc, t0
        csrr    t1, mepc
        li      t0, 0x80000004
        bne     t0, t1, fail

        li      gp, 9                   # mstatus: MPP reads 3 (M only)
        csrr    t0, mstatus
        li      t1, 0x1800
        and     t0, t0, t1
        bne     t0, t1, fail

        li      gp, 10                  # fence, fence.i, wfi do nothing; a stored instruction runs after fence.i
        fence
        fence   r, w
        fence.tso
        fence.i
        wfi
        la      t0, patched
        li      t1, 0x02a00513          # addi a0, zero, 42
        sw      t1, 0(t0)
        fence.i
patched:
        addi    a0, zero, 1
        li      t1, 42
        bne     a0, t1, fail

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
