# tiny_u8_infer: the network 'tiny_u8' lowered by brain-blitz for rv32im_zbb.
# int tiny_u8_infer(const uint8_t *input, int32_t *scores): ilp32, returns the class.
# Input: 3 bytes (u8), 4-byte aligned. Stack: 112 bytes.

    .text
    .globl  tiny_u8_infer
    .p2align 2
tiny_u8_infer:
    addi    sp, sp, -112
    sw      ra, 52(sp)
    sw      s0, 56(sp)
    sw      s1, 60(sp)
    sw      s2, 64(sp)
    sw      s3, 68(sp)
    sw      s4, 72(sp)
    sw      s5, 76(sp)
    sw      s6, 80(sp)
    sw      s7, 84(sp)
    sw      s8, 88(sp)
    sw      s9, 92(sp)
    sw      s10, 96(sp)
    sw      s11, 100(sp)
    sw      a0, 40(sp)
    sw      a1, 44(sp)

    # bit planes of the 3-byte input: an 8x8 bit transpose per 32 bytes
tiny_u8_planes:
    lw      a4, 40(sp)
    li      a1, 252645135
    li      a2, 858993459
    li      a3, 1431655765
    addi    a5, sp, 0
    lbu     t0, 0(a4)
    lbu     a7, 1(a4)
    lbu     s0, 2(a4)
    slli    a7, a7, 8
    or      t0, t0, a7
    slli    s0, s0, 16
    or      t0, t0, s0
    li      t1, 0
    li      t2, 0
    li      t3, 0
    li      t4, 0
    li      t5, 0
    li      t6, 0
    li      a0, 0
    srli    s1, t0, 4
    xor     s1, s1, t4
    and     s1, s1, a1
    xor     t4, t4, s1
    slli    s1, s1, 4
    xor     t0, t0, s1
    srli    s2, t1, 4
    xor     s2, s2, t5
    and     s2, s2, a1
    xor     t5, t5, s2
    slli    s2, s2, 4
    xor     t1, t1, s2
    srli    s3, t2, 4
    xor     s3, s3, t6
    and     s3, s3, a1
    xor     t6, t6, s3
    slli    s3, s3, 4
    xor     t2, t2, s3
    srli    s4, t3, 4
    xor     s4, s4, a0
    and     s4, s4, a1
    xor     a0, a0, s4
    slli    s4, s4, 4
    xor     t3, t3, s4
    srli    s5, t0, 2
    xor     s5, s5, t2
    and     s5, s5, a2
    xor     t2, t2, s5
    slli    s5, s5, 2
    xor     t0, t0, s5
    srli    s6, t1, 2
    xor     s6, s6, t3
    and     s6, s6, a2
    xor     t3, t3, s6
    slli    s6, s6, 2
    xor     t1, t1, s6
    srli    s7, t4, 2
    xor     s7, s7, t6
    and     s7, s7, a2
    xor     t6, t6, s7
    slli    s7, s7, 2
    xor     t4, t4, s7
    srli    s8, t5, 2
    xor     s8, s8, a0
    and     s8, s8, a2
    xor     a0, a0, s8
    slli    s8, s8, 2
    xor     t5, t5, s8
    srli    s9, t0, 1
    xor     s9, s9, t1
    and     s9, s9, a3
    xor     t1, t1, s9
    slli    s9, s9, 1
    xor     t0, t0, s9
    srli    s10, t2, 1
    xor     s10, s10, t3
    and     s10, s10, a3
    xor     t3, t3, s10
    slli    s10, s10, 1
    xor     t2, t2, s10
    srli    s11, t4, 1
    xor     s11, s11, t5
    and     s11, s11, a3
    xor     t5, t5, s11
    slli    s11, s11, 1
    xor     t4, t4, s11
    srli    ra, t6, 1
    xor     ra, ra, a0
    and     ra, ra, a3
    xor     a0, a0, ra
    slli    ra, ra, 1
    xor     t6, t6, ra
    sw      t0, 0(a5)
    sw      t1, 4(a5)
    sw      t2, 8(a5)
    sw      t3, 12(a5)
    sw      t4, 16(a5)
    sw      t5, 20(a5)
    sw      t6, 24(a5)
    sw      a0, 28(a5)

    # tiny_u8_layer1: 3 u8 inputs as 8 bit planes of 1 words -> 2 neurons, 2 per iteration
tiny_u8_layer1:
    sw      zero, 32(sp)
    sw      zero, 48(sp)
    la      t0, tiny_u8_layer1_data
.Ltiny_u8_layer1_block:
    lw      t1, 0(sp)
    lw      t2, 4(sp)
    lw      t3, 8(sp)
    lw      t4, 12(sp)
    lw      t5, 16(sp)
    lw      t6, 20(sp)
    lw      a0, 24(sp)
    lw      a1, 28(sp)
    lw      s10, 0(t0)
    lw      s11, 4(t0)
    xnor    a2, t1, s10
    cpop    a2, a2
    xnor    s2, t1, s11
    cpop    s2, s2
    xnor    a3, t2, s10
    cpop    a3, a3
    xnor    s3, t2, s11
    cpop    s3, s3
    xnor    a4, t3, s10
    cpop    a4, a4
    xnor    s4, t3, s11
    cpop    s4, s4
    xnor    a5, t4, s10
    cpop    a5, a5
    xnor    s5, t4, s11
    cpop    s5, s5
    xnor    a6, t5, s10
    cpop    a6, a6
    xnor    s6, t5, s11
    cpop    s6, s6
    xnor    a7, t6, s10
    cpop    a7, a7
    xnor    s7, t6, s11
    cpop    s7, s7
    xnor    s0, a0, s10
    cpop    s0, s0
    xnor    s8, a0, s11
    cpop    s8, s8
    xnor    s1, a1, s10
    cpop    s1, s1
    xnor    s9, a1, s11
    cpop    s9, s9
    slli    s1, s1, 1
    add     s1, s1, s0
    slli    s1, s1, 1
    add     s1, s1, a7
    slli    s1, s1, 1
    add     s1, s1, a6
    slli    s1, s1, 1
    add     s1, s1, a5
    slli    s1, s1, 1
    add     s1, s1, a4
    slli    s1, s1, 1
    add     s1, s1, a3
    slli    s1, s1, 1
    add     s1, s1, a2
    slli    s9, s9, 1
    add     s9, s9, s8
    slli    s9, s9, 1
    add     s9, s9, s7
    slli    s9, s9, 1
    add     s9, s9, s6
    slli    s9, s9, 1
    add     s9, s9, s5
    slli    s9, s9, 1
    add     s9, s9, s4
    slli    s9, s9, 1
    add     s9, s9, s3
    slli    s9, s9, 1
    add     s9, s9, s2
    lw      t1, 48(sp)
    lw      t2, 8(t0)
    srli    t4, t1, 5
    slt     t3, t2, s1
    slli    t4, t4, 2
    add     t4, t4, sp
    lw      t5, 32(t4)
    sll     t3, t3, t1
    or      t5, t5, t3
    sw      t5, 32(t4)
    addi    t1, t1, 1
    lw      t2, 12(t0)
    srli    t4, t1, 5
    slt     t3, t2, s9
    slli    t4, t4, 2
    add     t4, t4, sp
    lw      t5, 32(t4)
    sll     t3, t3, t1
    or      t5, t5, t3
    sw      t5, 32(t4)
    addi    t1, t1, 1
    sw      t1, 48(sp)
    addi    t0, t0, 16
    li      t3, 2
    bne     t1, t3, .Ltiny_u8_layer1_block

    # tiny_u8_scores: 2 bipolar inputs (1 words) -> 2 scores
tiny_u8_scores:
    la      t0, tiny_u8_scores_data
    lw      t1, 32(sp)
    lw      t4, 44(sp)
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
    lw      t0, 44(sp)
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
    lw      ra, 52(sp)
    lw      s0, 56(sp)
    lw      s1, 60(sp)
    lw      s2, 64(sp)
    lw      s3, 68(sp)
    lw      s4, 72(sp)
    lw      s5, 76(sp)
    lw      s6, 80(sp)
    lw      s7, 84(sp)
    lw      s8, 88(sp)
    lw      s9, 92(sp)
    lw      s10, 96(sp)
    lw      s11, 100(sp)
    addi    sp, sp, 112
    ret
tiny_u8_infer_end:

    .section .rodata
    .p2align 2
tiny_u8_layer1_data:
    .word   0x00000101, 0x00000101, 0x00001de1, 0x00001e45  # tiny_u8_layer1: per 2 neuron(s): word k of each in plane bit order (le rows complemented), then their constants
tiny_u8_scores_data:
    .word   0x00000001, 0xffffffe2, 0x00000003, 0xffffffe2  # tiny_u8_scores: per class 1 weight words, then its constant
