# conv_8_infer: the network 'conv_8' lowered by brain-blitz for rv32im.
# int conv_8_infer(const uint8_t *input, int32_t *scores): ilp32, returns the class.
# Input: 32 bytes (u8), 4-byte aligned. Stack: 288 bytes.

    .text
    .globl  conv_8_infer
    .p2align 2
conv_8_infer:
    addi    sp, sp, -288
    sw      ra, 236(sp)
    sw      s0, 240(sp)
    sw      s1, 244(sp)
    sw      s2, 248(sp)
    sw      s3, 252(sp)
    sw      s4, 256(sp)
    sw      s5, 260(sp)
    sw      s6, 264(sp)
    sw      s7, 268(sp)
    sw      s8, 272(sp)
    sw      s9, 276(sp)
    sw      s10, 280(sp)
    sw      s11, 284(sp)
    sw      a0, 224(sp)
    sw      a1, 228(sp)

    # conv_8_layer1: conv2d on u8 8x2x2 -> 8x2x9, 1x1 stride 1 same 0, add/sub over 2 window bytes, threshold bits packed into words
    # per neuron: c = 2 A - S (A: sum of the window bytes weighted +1, S: sum of the window); bit = K < c
    # K: the neuron's constant in .rodata, folding the threshold and the count-to-accumulator terms; le rows are stored complemented
conv_8_layer1:
    lw      t0, 224(sp)
    addi    t1, sp, 0
    li      t2, 8
    sw      t2, 232(sp)
.Lconv_8_layer1_row:
    addi    t2, t1, 8
.Lconv_8_layer1_pixel:
    lbu     a2, 0(t0)
    lbu     a3, 1(t0)
    mv      t6, a2
    add     t6, t6, a3
    la      t3, conv_8_layer1_data
    li      t5, 0
    addi    t4, t3, 72
.Lconv_8_layer1_channel0:
    lw      a1, 0(t3)
    lw      a6, 4(t3)
    slli    a0, a1, 31
    srai    a0, a0, 31
    and     a0, a0, a2
    slli    a5, a1, 30
    srai    a5, a5, 31
    and     a5, a5, a3
    add     a0, a0, a5
    slli    a0, a0, 1
    sub     a0, a0, t6
    slt     a7, a6, a0
    add     t5, t5, t5
    add     t5, t5, a7
    addi    t3, t3, 8
    bne     t3, t4, .Lconv_8_layer1_channel0
    sw      t5, 0(t1)
    addi    t1, t1, 4
    addi    t0, t0, 2
    bne     t1, t2, .Lconv_8_layer1_pixel
    lw      s1, 232(sp)
    addi    s1, s1, -1
    sw      s1, 232(sp)
    bne     s1, zero, .Lconv_8_layer1_row

    # conv_8_layer2: maxpool 8x2x9 -> 4x1x9, OR of 2x2 windows, 1 word per pixel
conv_8_layer2:
    addi    t0, sp, 112
    sw      zero, 0(t0)
    sw      zero, 4(t0)
    sw      zero, 8(t0)
    sw      zero, 12(t0)
    sw      zero, 16(t0)
    addi    t0, t0, 20
    addi    t1, t0, 48
.Lconv_8_layer2_padrow:
    sw      zero, 4(t0)
    sw      zero, 8(t0)
    sw      zero, 12(t0)
    addi    t0, t0, 16
    bne     t0, t1, .Lconv_8_layer2_padrow
    addi    t0, t0, 4
    addi    t2, t0, 40
.Lconv_8_layer2_padbottom:
    sw      zero, 0(t0)
    addi    t0, t0, 4
    bne     t0, t2, .Lconv_8_layer2_padbottom
    addi    t0, sp, 0
    addi    t1, sp, 132
    li      t3, 4
.Lconv_8_layer2_row:
    addi    t2, t1, 4
.Lconv_8_layer2_pixel:
    lw      t4, 0(t0)
    lw      t5, 4(t0)
    lw      t6, 8(t0)
    or      t4, t4, t5
    or      t4, t4, t6
    lw      a0, 12(t0)
    addi    t0, t0, 8
    or      t4, t4, a0
    sw      t4, 0(t1)
    addi    t1, t1, 4
    bne     t1, t2, .Lconv_8_layer2_pixel
    addi    t0, t0, 8
    addi    t1, t1, 12
    addi    t3, t3, -1
    bne     t3, zero, .Lconv_8_layer2_row

    # conv_8_layer3: conv2d 4x1x9 -> 4x1x3, 4x4 stride 1, 16 window words per pixel, threshold bits packed into words
    # per neuron: c = popcount(x ^ w) over the window words; bit = c < K
    # K: the neuron's constant in .rodata, folding the threshold and the count-to-accumulator terms; le rows are stored complemented
conv_8_layer3:
    li      a1, 1431655765
    li      a2, 858993459
    li      a3, 252645135
    li      a4, 16711935
    addi    t0, sp, 112
    addi    t1, sp, 0
    li      t2, 4
    sw      t2, 232(sp)
.Lconv_8_layer3_row:
    addi    t2, t1, 4
.Lconv_8_layer3_pixel:
    lw      a5, 0(t0)
    lw      a6, 4(t0)
    lw      a7, 8(t0)
    lw      s0, 12(t0)
    lw      s1, 16(t0)
    lw      s2, 20(t0)
    lw      s3, 24(t0)
    lw      s4, 28(t0)
    lw      s5, 32(t0)
    lw      s6, 36(t0)
    la      t3, conv_8_layer3_data
    li      t5, 0
    lw      s7, 0(t3)
    lw      s10, 4(t3)
    xor     s8, a5, s7
    srli    s9, s8, 1
    and     s9, s9, a1
    sub     s8, s8, s9
    srli    s9, s8, 2
    and     s9, s9, a2
    and     s8, s8, a2
    add     s8, s8, s9
    srli    s9, s8, 4
    add     s8, s8, s9
    and     t6, s8, a3
    xor     s11, a6, s10
    srli    ra, s11, 1
    and     ra, ra, a1
    sub     s11, s11, ra
    srli    ra, s11, 2
    and     ra, ra, a2
    and     s11, s11, a2
    add     s11, s11, ra
    srli    ra, s11, 4
    add     s11, s11, ra
    and     s11, s11, a3
    add     t6, t6, s11
    lw      s7, 8(t3)
    lw      s10, 12(t3)
    xor     s8, a7, s7
    srli    s9, s8, 1
    and     s9, s9, a1
    sub     s8, s8, s9
    srli    s9, s8, 2
    and     s9, s9, a2
    and     s8, s8, a2
    add     s8, s8, s9
    srli    s9, s8, 4
    add     s8, s8, s9
    and     s8, s8, a3
    add     t6, t6, s8
    xor     s11, s0, s10
    srli    ra, s11, 1
    and     ra, ra, a1
    sub     s11, s11, ra
    srli    ra, s11, 2
    and     ra, ra, a2
    and     s11, s11, a2
    add     s11, s11, ra
    srli    ra, s11, 4
    add     s11, s11, ra
    and     s11, s11, a3
    add     t6, t6, s11
    lw      s7, 16(t3)
    lw      s10, 20(t3)
    xor     s8, s1, s7
    srli    s9, s8, 1
    and     s9, s9, a1
    sub     s8, s8, s9
    srli    s9, s8, 2
    and     s9, s9, a2
    and     s8, s8, a2
    add     s8, s8, s9
    srli    s9, s8, 4
    add     s8, s8, s9
    and     s8, s8, a3
    add     t6, t6, s8
    xor     s11, s2, s10
    srli    ra, s11, 1
    and     ra, ra, a1
    sub     s11, s11, ra
    srli    ra, s11, 2
    and     ra, ra, a2
    and     s11, s11, a2
    add     s11, s11, ra
    srli    ra, s11, 4
    add     s11, s11, ra
    and     s11, s11, a3
    add     t6, t6, s11
    lw      s7, 24(t3)
    lw      s10, 28(t3)
    xor     s8, s3, s7
    srli    s9, s8, 1
    and     s9, s9, a1
    sub     s8, s8, s9
    srli    s9, s8, 2
    and     s9, s9, a2
    and     s8, s8, a2
    add     s8, s8, s9
    srli    s9, s8, 4
    add     s8, s8, s9
    and     s8, s8, a3
    add     t6, t6, s8
    xor     s11, s4, s10
    srli    ra, s11, 1
    and     ra, ra, a1
    sub     s11, s11, ra
    srli    ra, s11, 2
    and     ra, ra, a2
    and     s11, s11, a2
    add     s11, s11, ra
    srli    ra, s11, 4
    add     s11, s11, ra
    and     s11, s11, a3
    add     t6, t6, s11
    lw      s7, 32(t3)
    lw      s10, 36(t3)
    xor     s8, s5, s7
    srli    s9, s8, 1
    and     s9, s9, a1
    sub     s8, s8, s9
    srli    s9, s8, 2
    and     s9, s9, a2
    and     s8, s8, a2
    add     s8, s8, s9
    srli    s9, s8, 4
    add     s8, s8, s9
    and     s8, s8, a3
    add     t6, t6, s8
    xor     s11, s6, s10
    srli    ra, s11, 1
    and     ra, ra, a1
    sub     s11, s11, ra
    srli    ra, s11, 2
    and     ra, ra, a2
    and     s11, s11, a2
    add     s11, s11, ra
    srli    ra, s11, 4
    add     s11, s11, ra
    and     s11, s11, a3
    add     t6, t6, s11
    lw      s7, 40(t3)
    lw      s8, 40(t0)
    lw      s11, 44(t3)
    xor     s9, s8, s7
    srli    s10, s9, 1
    and     s10, s10, a1
    sub     s9, s9, s10
    srli    s10, s9, 2
    and     s10, s10, a2
    and     s9, s9, a2
    add     s9, s9, s10
    srli    s10, s9, 4
    add     s9, s9, s10
    and     s9, s9, a3
    add     t6, t6, s9
    lw      ra, 44(t0)
    lw      s9, 48(t3)
    xor     s7, ra, s11
    srli    s8, s7, 1
    and     s8, s8, a1
    sub     s7, s7, s8
    srli    s8, s7, 2
    and     s8, s8, a2
    and     s7, s7, a2
    add     s7, s7, s8
    srli    s8, s7, 4
    add     s7, s7, s8
    and     s7, s7, a3
    add     t6, t6, s7
    lw      s10, 48(t0)
    lw      s7, 52(t3)
    xor     s11, s10, s9
    srli    ra, s11, 1
    and     ra, ra, a1
    sub     s11, s11, ra
    srli    ra, s11, 2
    and     ra, ra, a2
    and     s11, s11, a2
    add     s11, s11, ra
    srli    ra, s11, 4
    add     s11, s11, ra
    and     s11, s11, a3
    add     t6, t6, s11
    lw      s8, 52(t0)
    lw      s11, 56(t3)
    xor     s9, s8, s7
    srli    s10, s9, 1
    and     s10, s10, a1
    sub     s9, s9, s10
    srli    s10, s9, 2
    and     s10, s10, a2
    and     s9, s9, a2
    add     s9, s9, s10
    srli    s10, s9, 4
    add     s9, s9, s10
    and     s9, s9, a3
    add     t6, t6, s9
    lw      ra, 56(t0)
    lw      s9, 60(t3)
    xor     s7, ra, s11
    srli    s8, s7, 1
    and     s8, s8, a1
    sub     s7, s7, s8
    srli    s8, s7, 2
    and     s8, s8, a2
    and     s7, s7, a2
    add     s7, s7, s8
    srli    s8, s7, 4
    add     s7, s7, s8
    and     s7, s7, a3
    add     t6, t6, s7
    lw      s10, 60(t0)
    lw      s8, 64(t3)
    xor     s11, s10, s9
    srli    ra, s11, 1
    and     ra, ra, a1
    sub     s11, s11, ra
    srli    ra, s11, 2
    and     ra, ra, a2
    and     s11, s11, a2
    add     s11, s11, ra
    srli    ra, s11, 4
    add     s11, s11, ra
    and     s11, s11, a3
    add     t6, t6, s11
    srli    s7, t6, 8
    and     s7, s7, a4
    and     t6, t6, a4
    add     t6, t6, s7
    srli    s7, t6, 16
    add     t6, t6, s7
    andi    t6, t6, 2047
    slt     s9, t6, s8
    add     t5, t5, t5
    add     t5, t5, s9
    lw      s10, 68(t3)
    lw      s7, 72(t3)
    xor     s11, a5, s10
    srli    ra, s11, 1
    and     ra, ra, a1
    sub     s11, s11, ra
    srli    ra, s11, 2
    and     ra, ra, a2
    and     s11, s11, a2
    add     s11, s11, ra
    srli    ra, s11, 4
    add     s11, s11, ra
    and     a0, s11, a3
    xor     s8, a6, s7
    srli    s9, s8, 1
    and     s9, s9, a1
    sub     s8, s8, s9
    srli    s9, s8, 2
    and     s9, s9, a2
    and     s8, s8, a2
    add     s8, s8, s9
    srli    s9, s8, 4
    add     s8, s8, s9
    and     s8, s8, a3
    add     a0, a0, s8
    lw      s10, 76(t3)
    lw      s7, 80(t3)
    xor     s11, a7, s10
    srli    ra, s11, 1
    and     ra, ra, a1
    sub     s11, s11, ra
    srli    ra, s11, 2
    and     ra, ra, a2
    and     s11, s11, a2
    add     s11, s11, ra
    srli    ra, s11, 4
    add     s11, s11, ra
    and     s11, s11, a3
    add     a0, a0, s11
    xor     s8, s0, s7
    srli    s9, s8, 1
    and     s9, s9, a1
    sub     s8, s8, s9
    srli    s9, s8, 2
    and     s9, s9, a2
    and     s8, s8, a2
    add     s8, s8, s9
    srli    s9, s8, 4
    add     s8, s8, s9
    and     s8, s8, a3
    add     a0, a0, s8
    lw      s10, 84(t3)
    lw      s7, 88(t3)
    xor     s11, s1, s10
    srli    ra, s11, 1
    and     ra, ra, a1
    sub     s11, s11, ra
    srli    ra, s11, 2
    and     ra, ra, a2
    and     s11, s11, a2
    add     s11, s11, ra
    srli    ra, s11, 4
    add     s11, s11, ra
    and     s11, s11, a3
    add     a0, a0, s11
    xor     s8, s2, s7
    srli    s9, s8, 1
    and     s9, s9, a1
    sub     s8, s8, s9
    srli    s9, s8, 2
    and     s9, s9, a2
    and     s8, s8, a2
    add     s8, s8, s9
    srli    s9, s8, 4
    add     s8, s8, s9
    and     s8, s8, a3
    add     a0, a0, s8
    lw      s10, 92(t3)
    lw      s7, 96(t3)
    xor     s11, s3, s10
    srli    ra, s11, 1
    and     ra, ra, a1
    sub     s11, s11, ra
    srli    ra, s11, 2
    and     ra, ra, a2
    and     s11, s11, a2
    add     s11, s11, ra
    srli    ra, s11, 4
    add     s11, s11, ra
    and     s11, s11, a3
    add     a0, a0, s11
    xor     s8, s4, s7
    srli    s9, s8, 1
    and     s9, s9, a1
    sub     s8, s8, s9
    srli    s9, s8, 2
    and     s9, s9, a2
    and     s8, s8, a2
    add     s8, s8, s9
    srli    s9, s8, 4
    add     s8, s8, s9
    and     s8, s8, a3
    add     a0, a0, s8
    lw      s10, 100(t3)
    lw      s7, 104(t3)
    xor     s11, s5, s10
    srli    ra, s11, 1
    and     ra, ra, a1
    sub     s11, s11, ra
    srli    ra, s11, 2
    and     ra, ra, a2
    and     s11, s11, a2
    add     s11, s11, ra
    srli    ra, s11, 4
    add     s11, s11, ra
    and     s11, s11, a3
    add     a0, a0, s11
    xor     s8, s6, s7
    srli    s9, s8, 1
    and     s9, s9, a1
    sub     s8, s8, s9
    srli    s9, s8, 2
    and     s9, s9, a2
    and     s8, s8, a2
    add     s8, s8, s9
    srli    s9, s8, 4
    add     s8, s8, s9
    and     s8, s8, a3
    add     a0, a0, s8
    lw      s10, 108(t3)
    lw      s11, 40(t0)
    lw      s8, 112(t3)
    xor     ra, s11, s10
    srli    s7, ra, 1
    and     s7, s7, a1
    sub     ra, ra, s7
    srli    s7, ra, 2
    and     s7, s7, a2
    and     ra, ra, a2
    add     ra, ra, s7
    srli    s7, ra, 4
    add     ra, ra, s7
    and     ra, ra, a3
    add     a0, a0, ra
    lw      s9, 44(t0)
    lw      ra, 116(t3)
    xor     s10, s9, s8
    srli    s11, s10, 1
    and     s11, s11, a1
    sub     s10, s10, s11
    srli    s11, s10, 2
    and     s11, s11, a2
    and     s10, s10, a2
    add     s10, s10, s11
    srli    s11, s10, 4
    add     s10, s10, s11
    and     s10, s10, a3
    add     a0, a0, s10
    lw      s7, 48(t0)
    lw      s10, 120(t3)
    xor     s8, s7, ra
    srli    s9, s8, 1
    and     s9, s9, a1
    sub     s8, s8, s9
    srli    s9, s8, 2
    and     s9, s9, a2
    and     s8, s8, a2
    add     s8, s8, s9
    srli    s9, s8, 4
    add     s8, s8, s9
    and     s8, s8, a3
    add     a0, a0, s8
    lw      s11, 52(t0)
    lw      s8, 124(t3)
    xor     ra, s11, s10
    srli    s7, ra, 1
    and     s7, s7, a1
    sub     ra, ra, s7
    srli    s7, ra, 2
    and     s7, s7, a2
    and     ra, ra, a2
    add     ra, ra, s7
    srli    s7, ra, 4
    add     ra, ra, s7
    and     ra, ra, a3
    add     a0, a0, ra
    lw      s9, 56(t0)
    lw      ra, 128(t3)
    xor     s10, s9, s8
    srli    s11, s10, 1
    and     s11, s11, a1
    sub     s10, s10, s11
    srli    s11, s10, 2
    and     s11, s11, a2
    and     s10, s10, a2
    add     s10, s10, s11
    srli    s11, s10, 4
    add     s10, s10, s11
    and     s10, s10, a3
    add     a0, a0, s10
    lw      s7, 60(t0)
    lw      s11, 132(t3)
    xor     s8, s7, ra
    srli    s9, s8, 1
    and     s9, s9, a1
    sub     s8, s8, s9
    srli    s9, s8, 2
    and     s9, s9, a2
    and     s8, s8, a2
    add     s8, s8, s9
    srli    s9, s8, 4
    add     s8, s8, s9
    and     s8, s8, a3
    add     a0, a0, s8
    srli    s10, a0, 8
    and     s10, s10, a4
    and     a0, a0, a4
    add     a0, a0, s10
    srli    s10, a0, 16
    add     a0, a0, s10
    andi    a0, a0, 2047
    slt     ra, a0, s11
    add     t5, t5, t5
    add     t5, t5, ra
    lw      s7, 136(t3)
    lw      s10, 140(t3)
    xor     s8, a5, s7
    srli    s9, s8, 1
    and     s9, s9, a1
    sub     s8, s8, s9
    srli    s9, s8, 2
    and     s9, s9, a2
    and     s8, s8, a2
    add     s8, s8, s9
    srli    s9, s8, 4
    add     s8, s8, s9
    and     t6, s8, a3
    xor     s11, a6, s10
    srli    ra, s11, 1
    and     ra, ra, a1
    sub     s11, s11, ra
    srli    ra, s11, 2
    and     ra, ra, a2
    and     s11, s11, a2
    add     s11, s11, ra
    srli    ra, s11, 4
    add     s11, s11, ra
    and     s11, s11, a3
    add     t6, t6, s11
    lw      s7, 144(t3)
    lw      s10, 148(t3)
    xor     s8, a7, s7
    srli    s9, s8, 1
    and     s9, s9, a1
    sub     s8, s8, s9
    srli    s9, s8, 2
    and     s9, s9, a2
    and     s8, s8, a2
    add     s8, s8, s9
    srli    s9, s8, 4
    add     s8, s8, s9
    and     s8, s8, a3
    add     t6, t6, s8
    xor     s11, s0, s10
    srli    ra, s11, 1
    and     ra, ra, a1
    sub     s11, s11, ra
    srli    ra, s11, 2
    and     ra, ra, a2
    and     s11, s11, a2
    add     s11, s11, ra
    srli    ra, s11, 4
    add     s11, s11, ra
    and     s11, s11, a3
    add     t6, t6, s11
    lw      s7, 152(t3)
    lw      s10, 156(t3)
    xor     s8, s1, s7
    srli    s9, s8, 1
    and     s9, s9, a1
    sub     s8, s8, s9
    srli    s9, s8, 2
    and     s9, s9, a2
    and     s8, s8, a2
    add     s8, s8, s9
    srli    s9, s8, 4
    add     s8, s8, s9
    and     s8, s8, a3
    add     t6, t6, s8
    xor     s11, s2, s10
    srli    ra, s11, 1
    and     ra, ra, a1
    sub     s11, s11, ra
    srli    ra, s11, 2
    and     ra, ra, a2
    and     s11, s11, a2
    add     s11, s11, ra
    srli    ra, s11, 4
    add     s11, s11, ra
    and     s11, s11, a3
    add     t6, t6, s11
    lw      s7, 160(t3)
    lw      s10, 164(t3)
    xor     s8, s3, s7
    srli    s9, s8, 1
    and     s9, s9, a1
    sub     s8, s8, s9
    srli    s9, s8, 2
    and     s9, s9, a2
    and     s8, s8, a2
    add     s8, s8, s9
    srli    s9, s8, 4
    add     s8, s8, s9
    and     s8, s8, a3
    add     t6, t6, s8
    xor     s11, s4, s10
    srli    ra, s11, 1
    and     ra, ra, a1
    sub     s11, s11, ra
    srli    ra, s11, 2
    and     ra, ra, a2
    and     s11, s11, a2
    add     s11, s11, ra
    srli    ra, s11, 4
    add     s11, s11, ra
    and     s11, s11, a3
    add     t6, t6, s11
    lw      s7, 168(t3)
    lw      s10, 172(t3)
    xor     s8, s5, s7
    srli    s9, s8, 1
    and     s9, s9, a1
    sub     s8, s8, s9
    srli    s9, s8, 2
    and     s9, s9, a2
    and     s8, s8, a2
    add     s8, s8, s9
    srli    s9, s8, 4
    add     s8, s8, s9
    and     s8, s8, a3
    add     t6, t6, s8
    xor     s11, s6, s10
    srli    ra, s11, 1
    and     ra, ra, a1
    sub     s11, s11, ra
    srli    ra, s11, 2
    and     ra, ra, a2
    and     s11, s11, a2
    add     s11, s11, ra
    srli    ra, s11, 4
    add     s11, s11, ra
    and     s11, s11, a3
    add     t6, t6, s11
    lw      s7, 176(t3)
    lw      s8, 40(t0)
    lw      s11, 180(t3)
    xor     s9, s8, s7
    srli    s10, s9, 1
    and     s10, s10, a1
    sub     s9, s9, s10
    srli    s10, s9, 2
    and     s10, s10, a2
    and     s9, s9, a2
    add     s9, s9, s10
    srli    s10, s9, 4
    add     s9, s9, s10
    and     s9, s9, a3
    add     t6, t6, s9
    lw      ra, 44(t0)
    lw      s9, 184(t3)
    xor     s7, ra, s11
    srli    s8, s7, 1
    and     s8, s8, a1
    sub     s7, s7, s8
    srli    s8, s7, 2
    and     s8, s8, a2
    and     s7, s7, a2
    add     s7, s7, s8
    srli    s8, s7, 4
    add     s7, s7, s8
    and     s7, s7, a3
    add     t6, t6, s7
    lw      s10, 48(t0)
    lw      s7, 188(t3)
    xor     s11, s10, s9
    srli    ra, s11, 1
    and     ra, ra, a1
    sub     s11, s11, ra
    srli    ra, s11, 2
    and     ra, ra, a2
    and     s11, s11, a2
    add     s11, s11, ra
    srli    ra, s11, 4
    add     s11, s11, ra
    and     s11, s11, a3
    add     t6, t6, s11
    lw      s8, 52(t0)
    lw      s11, 192(t3)
    xor     s9, s8, s7
    srli    s10, s9, 1
    and     s10, s10, a1
    sub     s9, s9, s10
    srli    s10, s9, 2
    and     s10, s10, a2
    and     s9, s9, a2
    add     s9, s9, s10
    srli    s10, s9, 4
    add     s9, s9, s10
    and     s9, s9, a3
    add     t6, t6, s9
    lw      ra, 56(t0)
    lw      s9, 196(t3)
    xor     s7, ra, s11
    srli    s8, s7, 1
    and     s8, s8, a1
    sub     s7, s7, s8
    srli    s8, s7, 2
    and     s8, s8, a2
    and     s7, s7, a2
    add     s7, s7, s8
    srli    s8, s7, 4
    add     s7, s7, s8
    and     s7, s7, a3
    add     t6, t6, s7
    lw      s10, 60(t0)
    lw      s8, 200(t3)
    xor     s11, s10, s9
    srli    ra, s11, 1
    and     ra, ra, a1
    sub     s11, s11, ra
    srli    ra, s11, 2
    and     ra, ra, a2
    and     s11, s11, a2
    add     s11, s11, ra
    srli    ra, s11, 4
    add     s11, s11, ra
    and     s11, s11, a3
    add     t6, t6, s11
    srli    s7, t6, 8
    and     s7, s7, a4
    and     t6, t6, a4
    add     t6, t6, s7
    srli    s7, t6, 16
    add     t6, t6, s7
    andi    t6, t6, 2047
    slt     s9, t6, s8
    add     t5, t5, t5
    add     t5, t5, s9
    sw      t5, 0(t1)
    addi    t1, t1, 4
    addi    t0, t0, 4
    bne     t1, t2, .Lconv_8_layer3_pixel
    addi    t0, t0, 12
    lw      s11, 232(sp)
    addi    s11, s11, -1
    sw      s11, 232(sp)
    bne     s11, zero, .Lconv_8_layer3_row

    # conv_8_layer4: flatten 4x1x3: 1 word per pixel into 12 packed bits
conv_8_layer4:
    addi    t3, sp, 112
    addi    t1, t3, 8
    mv      t4, t3
.Lconv_8_layer4_clear:
    sw      zero, 0(t4)
    addi    t4, t4, 4
    bne     t4, t1, .Lconv_8_layer4_clear
    addi    t0, sp, 0
    addi    t1, t0, 16
    li      t2, 0
.Lconv_8_layer4_pixel:
    srli    t4, t2, 5
    slli    t4, t4, 2
    add     t4, t4, t3
    andi    t5, t2, 31
    lw      t6, 0(t0)
    lw      a1, 0(t4)
    sll     a0, t6, t5
    or      a1, a1, a0
    sw      a1, 0(t4)
    srli    t6, t6, 1
    li      a0, 31
    sub     a0, a0, t5
    srl     t6, t6, a0
    lw      a1, 4(t4)
    addi    t2, t2, 3
    or      a1, a1, t6
    sw      a1, 4(t4)
    addi    t0, t0, 4
    bne     t0, t1, .Lconv_8_layer4_pixel

    # conv_8_scores: 12 bipolar inputs (1 word) -> 2 scores
    # per class: c = popcount(x ^ w) over the words; score = K - c
    # K: the class's constant in .rodata, folding the bias and the count-to-accumulator terms
conv_8_scores:
    li      t1, 1431655765
    li      t2, 858993459
    li      t3, 252645135
    li      t4, 16843009
    la      t0, conv_8_scores_data
    lw      t5, 112(sp)
    lw      a1, 228(sp)
    addi    a2, a1, 8
.Lconv_8_scores_class:
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
    bne     a1, a2, .Lconv_8_scores_class

    # argmax over the scores: the lowest index wins ties
conv_8_argmax:
    lw      t0, 228(sp)
    li      a0, 0
    lw      t1, 0(t0)
    li      t2, 0
    li      t3, 1
.Lconv_8_argmax:
    addi    t2, t2, 1
    addi    t0, t0, 4
    lw      t4, 0(t0)
    ble     t4, t1, .Lconv_8_argmax_next
    mv      t1, t4
    mv      a0, t2
.Lconv_8_argmax_next:
    bne     t2, t3, .Lconv_8_argmax
    lw      ra, 236(sp)
    lw      s0, 240(sp)
    lw      s1, 244(sp)
    lw      s2, 248(sp)
    lw      s3, 252(sp)
    lw      s4, 256(sp)
    lw      s5, 260(sp)
    lw      s6, 264(sp)
    lw      s7, 268(sp)
    lw      s8, 272(sp)
    lw      s9, 276(sp)
    lw      s10, 280(sp)
    lw      s11, 284(sp)
    addi    sp, sp, 288
    ret
conv_8_infer_end:

    .section .rodata
    .p2align 2
conv_8_layer1_data:
    .word   0x00000003, 0x00000093, 0x00000001, 0xfffffeb8  # conv_8_layer1: per output channel 1 weight word (le rows complemented), then its constant
    .word   0x00000000, 0xfffffeb2, 0x00000001, 0xffffffb8
    .word   0x00000002, 0xffffffd2, 0x00000003, 0x000000e7
    .word   0x00000003, 0xffffffcd, 0x00000002, 0x00000074
    .word   0x00000000, 0xffffff6f
conv_8_layer3_data:
    .word   0x0000009a, 0x00000049, 0x0000009b, 0x0000010f  # conv_8_layer3: per output channel 16 weight words, tap by tap (le rows complemented), then its constant
    .word   0x00000080, 0x0000002c, 0x000000d7, 0x000000d6
    .word   0x000001c7, 0x0000000a, 0x000001ee, 0x0000005f
    .word   0x000001ef, 0x000001bd, 0x000000a5, 0x0000017f
    .word   0x00000047, 0x0000015f, 0x0000005e, 0x00000038
    .word   0x000001b3, 0x000001de, 0x0000007e, 0x000000f3
    .word   0x00000153, 0x000001a8, 0x00000161, 0x000001bd
    .word   0x00000051, 0x0000009a, 0x000000bb, 0x000001f3
    .word   0x00000133, 0x00000043, 0x000001c9, 0x00000005
    .word   0x000001f4, 0x000000b1, 0x0000003f, 0x00000158
    .word   0x0000015b, 0x00000037, 0x000000fb, 0x000000c5
    .word   0x00000128, 0x000001f9, 0x00000065, 0x0000018b
    .word   0x00000147, 0x00000149, 0x0000006a
conv_8_scores_data:
    .word   0x000007ab, 0x00000020, 0x00000318, 0x00000013  # conv_8_scores: per class 1 weight word, then its constant
