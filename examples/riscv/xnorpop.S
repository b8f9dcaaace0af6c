# A self-checking program for the XBNN custom instructions (docs/isa-xbnn.md), in the riscv-tests
# convention: it writes 1 to tohost on success, or (test number << 1) | 1 on the first failure.
#   ./blitz asm examples/riscv/xnorpop.S -o /tmp/xnorpop.elf && ./blitz disasm /tmp/xnorpop.elf

    .text
    .globl _start
_start:
    # Test 1: xnorpop of a word with itself counts all 32 bits.
    li      gp, 1
    li      a0, 0x12345678
    xnorpop a1, a0, a0
    li      t0, 32
    bne     a1, t0, fail

    # Test 2: a word against its complement agrees nowhere.
    li      gp, 2
    not     a2, a0
    xnorpop a1, a0, a2
    bnez    a1, fail

    # Test 3: 0x0000ffff vs 0x00ff00ff agree in bits 0-7 and 24-31: 16 agreements.
    li      gp, 3
    li      a0, 0x0000ffff
    li      a2, 0x00ff00ff
    xnorpop a1, a0, a2
    li      t0, 16
    bne     a1, t0, fail

    # Test 4: the accumulating form adds to rd; three rounds of test 3 from 5 give 53.
    li      gp, 4
    li      a3, 5
    li      t1, 3
1:  xnorpopacc a3, a0, a2
    addi    t1, t1, -1
    bnez    t1, 1b
    li      t0, 53
    bne     a3, t0, fail

pass:
    li      t0, 1
    la      t1, tohost
    sw      t0, 0(t1)
1:  j       1b

fail:
    slli    t0, gp, 1
    ori     t0, t0, 1
    la      t1, tohost
    sw      t0, 0(t1)
1:  j       1b

    .data
    .globl tohost
    .balign 8
tohost:
    .word 0
    .word 0
