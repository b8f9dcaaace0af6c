# tiny_u8_infer: the network 'tiny_u8' lowered by brain-blitz for rv32im_xbnn2.
# int tiny_u8_infer(const uint8_t *input, int32_t *scores): ilp32, returns the class.
# Input: 3 bytes (u8), 4-byte aligned. Stack: 80 bytes.

    .text
    .globl  tiny_u8_infer
    .p2align 2
tiny_u8_infer:
    addi    sp, sp, -80
    sw      a0, 8(sp)
    sw      a1, 12(sp)

    # tiny_u8_layer1: 3 u8 inputs in 1 chunk of 32 bytes through the XBNN2 unit -> 2 neurons, 2 per block
    # per neuron: c = sum_b 2^b popcount(xnor(plane_b, w)), by bpacc; bit = K < c
    # K: the neuron's constant in .rodata, folding the threshold and the count-to-accumulator terms; le rows are stored complemented
tiny_u8_layer1:
    sw      zero, 0(sp)
    sw      zero, 16(sp)
    la      t0, tiny_u8_layer1_data
.Ltiny_u8_layer1_block:
    lw      t1, 8(sp)
    li      a0, 0
    li      a1, 0
    lbu     t3, 0(t1)
    lbu     t2, 1(t1)
    lw      t4, 0(t0)
    slli    t2, t2, 8
    or      t3, t3, t2
    lbu     t2, 2(t1)
    lw      t5, 4(t0)
    slli    t2, t2, 16
    or      t3, t3, t2
    .insn r 0x0B, 2, 0, zero, t3, zero  # bppush
    .insn r 0x0B, 2, 0, zero, zero, zero # bppush
    .insn r 0x0B, 2, 0, zero, zero, zero # bppush
    .insn r 0x0B, 2, 0, zero, zero, zero # bppush
    .insn r 0x0B, 3, 0, a0, t4, a0      # bpacc
    .insn r 0x0B, 3, 0, a1, t5, a1      # bpacc
    addi    t0, t0, 8
    lw      t1, 16(sp)
    lw      t2, 0(t0)
    srli    t4, t1, 5
    slt     t6, t2, a0
    lw      t2, 4(t0)
    slli    t4, t4, 2
    slt     t3, t2, a1
    slli    t3, t3, 1
    or      t6, t6, t3
    add     t4, t4, sp
    andi    t2, t1, 31
    lw      t5, 0(t4)
    sll     t3, t6, t2
    or      t5, t5, t3
    sw      t5, 0(t4)
    srli    t3, t6, 1
    xori    t2, t2, 31
    srl     t3, t3, t2
    beq     t3, zero, .Ltiny_u8_layer1_aligned
    lw      t5, 4(t4)
    or      t5, t5, t3
    sw      t5, 4(t4)
.Ltiny_u8_layer1_aligned:
    addi    t1, t1, 2
    sw      t1, 16(sp)
    addi    t0, t0, 8
    li      t3, 2
    bne     t1, t3, .Ltiny_u8_layer1_block

    # tiny_u8_scores: 2 bipolar inputs (1 word) -> 2 scores
    # per class: c = popcount(xnor(x, w)) over the words; score = c + K
    # K: the class's constant in .rodata, folding the bias and the count-to-accumulator terms
tiny_u8_scores:
    la      t0, tiny_u8_scores_data
    lw      t1, 0(sp)
    lw      t4, 12(sp)
    addi    t5, t4, 8
.Ltiny_u8_scores_class:
    lw      a0, 0(t0)
    lw      a1, 4(t0)
    .insn r 0x0B, 0, 0, t2, t1, a0      # xnorpop
    add     a1, t2, a1
    sw      a1, 0(t4)
    addi    t4, t4, 4
    addi    t0, t0, 8
    bne     t4, t5, .Ltiny_u8_scores_class

    # argmax over the scores: the lowest index wins ties
tiny_u8_argmax:
    lw      t0, 12(sp)
    li      a0, 0
    lw      t1, 0(t0)
    li      t2, 0
    li      t3, 1
.Ltiny_u8_argmax:
    addi    t2, t2, 1
    addi    t0, t0, 4
    lw      t4, 0(t0)
    ble     t4, t1, .Ltiny_u8_argmax_next
    mv      t1, t4
    mv      a0, t2
.Ltiny_u8_argmax_next:
    bne     t2, t3, .Ltiny_u8_argmax
    addi    sp, sp, 80
    ret
tiny_u8_infer_end:

    .section .rodata
    .p2align 2
tiny_u8_layer1_data:
    .word   0x00000003, 0x00000003, 0x00001de1, 0x00001e45  # tiny_u8_layer1: per block of 2 neurons: weight word k of each (le rows complemented), then their constants
tiny_u8_scores_data:
    .word   0x00000001, 0xffffffe2, 0x00000003, 0xffffffe2  # tiny_u8_scores: per class 1 weight word, then its constant
