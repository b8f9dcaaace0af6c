# Every instruction form and pseudo-instruction, assembled by both GNU as 2.40 and blitz;
# the linked .text bytes must be identical (AssemblerVsGnuAsTest).
    .equ    CONSTANT, 0x55
    .set    CUSTOM0, 0x0b
    .text
    .globl _start
_start:
    # RV32I: upper immediates and jumps
    lui     a0, 0x12345
    lui     t6, 0xfffff
    lui     x0, 0
    auipc   s11, 0x80000
    auipc   ra, 1
    jal     ra, _start
    jal     x0, far
    jal     forward
    jalr    ra, 0(a0)
    jalr    t0, -2048(sp)
    jalr    zero, 2047(x31)
    jalr    a1
    jalr    a2, a3, 16
    jr      t0
    ret
    # branches, both directions and numeric local labels
1:  beq     a0, a1, 1b
    bne     s0, s1, 1f
    blt     t0, t1, _start
    bge     zero, ra, forward
    bltu    a6, a7, 1b
1:  bgeu    s10, s11, 1b
    beqz    a0, 1b
    bnez    a1, 1f
    blez    a2, 1f
    bgez    a3, 1f
    bltz    a4, 1f
    bgtz    a5, 1f
    bgt     a0, a1, 1f
    ble     a0, a1, 1f
    bgtu    a0, a1, 1f
    bleu    a0, a1, 1f
1:  # loads and stores
    lb      a0, 0(a1)
    lh      a0, -1(a1)
    lw      a0, 2047(sp)
    lbu     a0, -2048(sp)
    lhu     t3, (t4)
    sb      a0, 0(a1)
    sh      t5, -2048(t6)
    sw      ra, 2047(sp)
    sw      s0, %lo(0x12345fff)(gp)
    # ALU with immediates
    addi    a0, a1, -2048
    addi    a0, a1, 2047
    slti    a0, a1, -1
    sltiu   a0, a1, 1
    xori    a0, a1, 0x7ff
    ori     a0, a1, -0x800
    andi    a0, a1, 0b1010
    slli    a0, a1, 0
    slli    a0, a1, 31
    srli    a0, a1, 17
    srai    a0, a1, 31
    addi    a0, a0, %lo(0x12345fff)
    lui     a0, %hi(0x12345fff)
    addi    a0, a0, 'A'
    addi    a0, a0, CONSTANT * 2 - (1 << 3)
    # ALU register-register
    add     a0, a1, a2
    sub     s2, s3, s4
    sll     s5, s6, s7
    slt     s8, s9, s10
    sltu    t3, t4, t5
    xor     x1, x2, x3
    srl     x4, x5, x6
    sra     x7, x8, x9
    or      x10, x11, x12
    and     x13, x14, x15
    # system
    fence
    fence   iorw, iorw
    fence   r, w
    fence   io, rw
    fence.i
    fence.tso
    ecall
    ebreak
    mret
    wfi
    # M
    mul     a0, a1, a2
    mulh    a0, a1, a2
    mulhsu  a0, a1, a2
    mulhu   a0, a1, a2
    div     a0, a1, a2
    divu    a0, a1, a2
    rem     a0, a1, a2
    remu    a0, a1, a2
    # Zicsr
    csrrw   a0, mstatus, a1
    csrrs   a0, mtvec, zero
    csrrc   a0, 0x7c0, a1
    csrrwi  a0, mscratch, 31
    csrrsi  a0, mie, 0
    csrrci  a0, mip, 7
    csrr    a0, mcause
    csrw    mepc, a1
    csrs    mstatus, a2
    csrc    mstatus, a3
    csrwi   mtval, 5
    csrsi   mstatus, 8
    csrci   mstatus, 8
    csrr    t0, cycle
    csrr    t0, instreth
    csrr    t0, mhartid
    rdcycle s0
    rdcycleh s1
    rdtime  s2
    rdtimeh s3
    rdinstret s4
    rdinstreth s5
    # Zbb
    andn    a0, a1, a2
    orn     a0, a1, a2
    xnor    a0, a1, a2
    clz     a0, a1
    ctz     a0, a1
    cpop    a0, a1
    min     a0, a1, a2
    minu    a0, a1, a2
    max     a0, a1, a2
    maxu    a0, a1, a2
    sext.b  a0, a1
    sext.h  a0, a1
    zext.h  a0, a1
    rol     a0, a1, a2
    ror     a0, a1, a2
    rori    a0, a1, 0
    rori    a0, a1, 31
    rev8    a0, a1
    orc.b   a0, a1
    zext.b  a0, a1
    # XBNN through .insn (GNU) and its mnemonics (blitz: see every-form-xbnn)
    .insn r 0x0B, 0, 0, a0, a1, a2
    .insn r 0x0B, 1, 0, s0, t6, zero
    .insn r CUSTOM0, 0, 0, x31, x30, x29
    .insn 4, 0x00c5850b
    .insn i 0x13, 0, a0, a1, -2048
    .insn i 0x03, 2, a0, 12(sp)
    .insn s 0x23, 2, a0, -4(sp)
    .insn b 0x63, 0, a0, a1, _start
    .insn sb 0x63, 1, a0, a1, forward
    .insn u 0x37, a0, 0xfffff
    .insn j 0x6f, ra, far
    .insn uj 0x6f, zero, _start
    # pseudo-instructions
    nop
    mv      a0, a1
    not     a0, a1
    neg     a0, a1
    seqz    a0, a1
    snez    a0, a1
    sltz    a0, a1
    sgtz    a0, a1
    li      a0, 0
    li      a0, -1
    li      a0, 2047
    li      a0, -2048
    li      a0, 2048
    li      a0, 0x800
    li      a0, 0x12345678
    li      a0, 0x12345000
    li      a0, 0x7fffffff
    li      a0, -0x80000000
    li      a0, 0xffffffff
    li      a0, 0xfffff800
    li      a0, 0x80000800
    li      a0, CONSTANT
    la      a0, _start
    la      a1, forward
    lla     a2, far
    .set    anchor, . + 8       # '.' is where the .set stands (GCC's section anchors)
    lla     a3, anchor
    lla     a4, anchor
    call    forward
    tail    _start
    j       1b
    j       forward
    .align  4
forward:
    nop
    .balign 8
    addi    a0, a0, 1
    .p2align 3
    .word   0x12345678, -1, forward
    .align  2
    .skip   4
far:
    ret
    la      a3, message
    lw      a4, %lo(counter)(a5)
    lui     a5, %hi(counter)
    # what gcc -mcmodel=medany writes
.Lpcrel0:
    auipc   a6, %pcrel_hi(counter)
    lw      a7, %pcrel_lo(.Lpcrel0)(a6)
1:  auipc   t0, %pcrel_hi(message + 4)
    addi    t0, t0, %pcrel_lo(1b)

    .section .rodata
message:
    .half   0x1234, -2
    .byte   1, 2, 0xff, -128
    .zero   3
    .space  5, 0xab
    .align  2
    .ascii  "ab\n"
    .asciz  "c\"d"
    .string "e#f//g"
    .balign 4
    .word   message, far

    .data
counter:
    .word   7
    .byte   1
    .align  3
    .half   2

    .bss
buffer:
    .zero   64
