# tiny_u8_infer: the network 'tiny_u8' lowered by brain-blitz for rv32im_zbb.
# int tiny_u8_infer(const uint8_t *input, int32_t *scores): ilp32, returns the class.
# Input: 3 bytes (u8), 4-byte aligned. Stack: 80 bytes.

    .text
    .globl  tiny_u8_infer
    .p2align 2
tiny_u8_infer:
    addi    sp, sp, -80
    sw      s0, 20(sp)
    sw      s1, 24(sp)
    sw      a0, 8(sp)
    sw      a1, 12(sp)

    # tiny_u8_layer1: 3 u8 inputs in registers, add/sub -> 2 neurons
    # per neuron: c = 2 A - S (A: sum of the bytes weighted +1, S: sum of all bytes); bit = K < c
    # K: the neuron's constant in .rodata, folding the threshold and the count-to-accumulator terms; le rows are stored complemented
tiny_u8_layer1:
    sw      zero, 0(sp)
    la      t0, tiny_u8_layer1_data
    lw      t1, 8(sp)
    li      t6, 0
    lbu     t2, 0(t1)
    lbu     t3, 1(t1)
    lbu     t4, 2(t1)
    mv      t5, t2
    add     t5, t5, t3
    add     t5, t5, t4
    li      a0, 2
.Ltiny_u8_layer1_neuron:
    lw      a3, 0(t0)
    lw      a6, 4(t0)
    slli    a2, a3, 31
    srai    a2, a2, 31
    and     a2, a2, t2
    slli    a4, a3, 30
    srai    a4, a4, 31
    and     a4, a4, t3
    add     a2, a2, a4
    slli    a5, a3, 29
    srai    a5, a5, 31
    and     a5, a5, t4
    add     a2, a2, a5
    slli    a2, a2, 1
    sub     a2, a2, t5
    slt     s0, a6, a2
    srli    a7, t6, 5
    slli    a7, a7, 2
    add     a7, a7, sp
    lw      s1, 0(a7)
    sll     s0, s0, t6
    or      s1, s1, s0
    sw      s1, 0(a7)
    addi    t6, t6, 1
    addi    t0, t0, 8
    bne     t6, a0, .Ltiny_u8_layer1_neuron

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
    lw      a2, 4(t0)
    xnor    a1, t1, a0
    cpop    t2, a1
    add     a2, t2, a2
    sw      a2, 0(t4)
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
    lw      s0, 20(sp)
    lw      s1, 24(sp)
    addi    sp, sp, 80
    ret
tiny_u8_infer_end:

    .section .rodata
    .p2align 2
tiny_u8_layer1_data:
    .word   0x00000003, 0xffffffff, 0x00000003, 0x00000063  # tiny_u8_layer1: per neuron its weight word (le rows complemented), then its constant
tiny_u8_scores_data:
    .word   0x00000001, 0xffffffe2, 0x00000003, 0xffffffe2  # tiny_u8_scores: per class 1 weight word, then its constant
