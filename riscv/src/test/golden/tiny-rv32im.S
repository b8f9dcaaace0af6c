# tiny_infer: the network 'tiny' lowered by brain-blitz for rv32im.
# int tiny_infer(const uint8_t *input, int32_t *scores): ilp32, returns the class.
# Input: 5 bipolar elements packed into 1 little-endian 32-bit words. Stack: 80 bytes.

    .text
    .globl  tiny_infer
    .p2align 2
tiny_infer:
    addi    sp, sp, -80
    sw      ra, 20(sp)
    sw      s0, 24(sp)
    sw      s1, 28(sp)
    sw      s2, 32(sp)
    sw      s3, 36(sp)
    sw      s4, 40(sp)
    sw      s5, 44(sp)
    sw      s6, 48(sp)
    sw      s7, 52(sp)
    sw      s8, 56(sp)
    sw      s9, 60(sp)
    sw      s10, 64(sp)
    sw      s11, 68(sp)
    sw      a0, 8(sp)
    sw      a1, 12(sp)

    # tiny_layer1: 5 bipolar inputs (1 word) -> 3 neurons, threshold bits packed into words
    # per neuron: c = popcount(x ^ w) over the words; bit = c < K
    # K: the neuron's constant in .rodata, folding the threshold and the count-to-accumulator terms; le rows are stored complemented
tiny_layer1:
    li      t1, 1431655765
    li      t2, 858993459
    li      t3, 252645135
    li      t4, 16843009
    la      t0, tiny_layer1_data
    lw      a5, 8(sp)
    addi    a1, sp, 0
    lw      t5, 0(a5)
    li      a4, 0
    lw      a6, 0(t0)
    lw      s1, 4(t0)
    xor     a7, t5, a6
    srli    s0, a7, 1
    and     s0, s0, t1
    sub     a7, a7, s0
    srli    s0, a7, 2
    and     s0, s0, t2
    and     a7, a7, t2
    add     a7, a7, s0
    srli    s0, a7, 4
    add     a7, a7, s0
    and     t6, a7, t3
    mul     t6, t6, t4
    srli    t6, t6, 24
    slt     s2, t6, s1
    add     a4, a4, a4
    add     a4, a4, s2
    lw      s3, 8(t0)
    lw      s6, 12(t0)
    xor     s4, t5, s3
    srli    s5, s4, 1
    and     s5, s5, t1
    sub     s4, s4, s5
    srli    s5, s4, 2
    and     s5, s5, t2
    and     s4, s4, t2
    add     s4, s4, s5
    srli    s5, s4, 4
    add     s4, s4, s5
    and     a0, s4, t3
    mul     a0, a0, t4
    srli    a0, a0, 24
    slt     s7, a0, s6
    add     a4, a4, a4
    add     a4, a4, s7
    lw      s8, 16(t0)
    lw      s11, 20(t0)
    xor     s9, t5, s8
    srli    s10, s9, 1
    and     s10, s10, t1
    sub     s9, s9, s10
    srli    s10, s9, 2
    and     s10, s10, t2
    and     s9, s9, t2
    add     s9, s9, s10
    srli    s10, s9, 4
    add     s9, s9, s10
    and     t6, s9, t3
    mul     t6, t6, t4
    srli    t6, t6, 24
    slt     ra, t6, s11
    add     a4, a4, a4
    add     a4, a4, ra
    sw      a4, 0(a1)

    # tiny_scores: 3 bipolar inputs (1 word) -> 2 scores
    # per class: c = popcount(x ^ w) over the words; score = K - c
    # K: the class's constant in .rodata, folding the bias and the count-to-accumulator terms
tiny_scores:
    li      t1, 1431655765
    li      t2, 858993459
    li      t3, 252645135
    li      t4, 16843009
    la      t0, tiny_scores_data
    lw      t5, 0(sp)
    lw      a1, 12(sp)
    addi    a2, a1, 8
.Ltiny_scores_class:
    lw      a4, 0(t0)
    lw      a7, 4(t0)
    xor     a5, t5, a4
    srli    a6, a5, 1
    and     a6, a6, t1
    sub     a5, a5, a6
    srli    a6, a5, 2
    and     a6, a6, t2
    and     a5, a5, t2
    add     a5, a5, a6
    srli    a6, a5, 4
    add     a5, a5, a6
    and     t6, a5, t3
    mul     t6, t6, t4
    srli    t6, t6, 24
    sub     a7, a7, t6
    sw      a7, 0(a1)
    addi    a1, a1, 4
    addi    t0, t0, 8
    bne     a1, a2, .Ltiny_scores_class

    # argmax over the scores: the lowest index wins ties
tiny_argmax:
    lw      t0, 12(sp)
    li      a0, 0
    lw      t1, 0(t0)
    li      t2, 0
    li      t3, 1
.Ltiny_argmax:
    addi    t2, t2, 1
    addi    t0, t0, 4
    lw      t4, 0(t0)
    ble     t4, t1, .Ltiny_argmax_next
    mv      t1, t4
    mv      a0, t2
.Ltiny_argmax_next:
    bne     t2, t3, .Ltiny_argmax
    lw      ra, 20(sp)
    lw      s0, 24(sp)
    lw      s1, 28(sp)
    lw      s2, 32(sp)
    lw      s3, 36(sp)
    lw      s4, 40(sp)
    lw      s5, 44(sp)
    lw      s6, 48(sp)
    lw      s7, 52(sp)
    lw      s8, 56(sp)
    lw      s9, 60(sp)
    lw      s10, 64(sp)
    lw      s11, 68(sp)
    addi    sp, sp, 80
    ret
tiny_infer_end:

    .section .rodata
    .p2align 2
tiny_layer1_data:
    .word   0x0000001f, 0x00000002, 0x00000015, 0x00000002  # tiny_layer1: per neuron 1 weight word (le rows complemented), then its constant
    .word   0x00000015, 0x00000003
tiny_scores_data:
    .word   0x00000005, 0x00000003, 0x00000002, 0x00000004  # tiny_scores: per class 1 weight word, then its constant
