# conv_3_infer: the network 'conv_3' lowered by brain-blitz for rv32im_xbnn.
# int conv_3_infer(const uint8_t *input, int32_t *scores): ilp32, returns the class.
# Input: 60 bipolar elements packed into 2 little-endian 32-bit words. Stack: 688 bytes.

    .text
    .globl  conv_3_infer
    .p2align 2
conv_3_infer:
    addi    sp, sp, -688
    sw      ra, 628(sp)
    sw      s0, 632(sp)
    sw      s1, 636(sp)
    sw      s2, 640(sp)
    sw      s3, 644(sp)
    sw      s4, 648(sp)
    sw      s5, 652(sp)
    sw      s6, 656(sp)
    sw      s7, 660(sp)
    sw      s8, 664(sp)
    sw      s9, 668(sp)
    sw      s10, 672(sp)
    sw      s11, 676(sp)
    sw      a0, 616(sp)
    sw      a1, 620(sp)

    # conv_3_image: the bipolar image 10x6x1 from packed bits into 1 word per pixel, with its pad border
conv_3_image:
    li      t4, 1
    addi    t0, sp, 308
    addi    t1, t0, 252
.Lconv_3_image_padrow:
    sw      t4, 24(t0)
    addi    t0, t0, 28
    bne     t0, t1, .Lconv_3_image_padrow
    sw      t4, 24(t0)
    sw      t4, 28(t0)
    sw      t4, 32(t0)
    sw      t4, 36(t0)
    sw      t4, 40(t0)
    sw      t4, 44(t0)
    sw      t4, 48(t0)
    sw      t4, 52(t0)
    addi    t0, t0, 56
    lw      t0, 616(sp)
    li      t1, 0
    addi    t2, sp, 308
    li      t4, 10
.Lconv_3_image_row:
    addi    t3, t2, 24
.Lconv_3_image_pixel:
    srli    t5, t1, 5
    slli    t5, t5, 2
    add     t5, t5, t0
    andi    t6, t1, 31
    lw      a0, 0(t5)
    li      a2, 31
    srl     a0, a0, t6
    bge     a2, t6, .Lconv_3_image_low0
    lw      a1, 4(t5)
    li      a2, 32
    sub     a2, a2, t6
    sll     a1, a1, a2
    or      a0, a0, a1
.Lconv_3_image_low0:
    li      a2, 1
    and     a0, a0, a2
    sw      a0, 0(t2)
    addi    t1, t1, 1
    addi    t2, t2, 4
    bne     t2, t3, .Lconv_3_image_pixel
    addi    t2, t2, 4
    addi    t4, t4, -1
    bne     t4, zero, .Lconv_3_image_row

    # conv_3_layer1: conv2d 10x6x1 -> 10x6x12, 2x2 stride 1, 4 window words per pixel, threshold bits packed into words
    # per neuron: c = popcount(xnor(x, w)) over the window words; bit = K < c
    # K: the neuron's constant in .rodata, folding the threshold and the count-to-accumulator terms; le rows are stored complemented
conv_3_layer1:
    addi    t0, sp, 308
    addi    t1, sp, 0
    li      t2, 10
    sw      t2, 624(sp)
.Lconv_3_layer1_row:
    addi    t2, t1, 24
.Lconv_3_layer1_pixel:
    lw      a1, 0(t0)
    lw      a2, 4(t0)
    lw      a3, 28(t0)
    lw      a4, 32(t0)
    la      t3, conv_3_layer1_data
    li      t5, 0
    lw      a5, 0(t3)
    lw      a6, 4(t3)
    .insn r 0x0B, 0, 0, t6, a1, a5      # xnorpop
    .insn r 0x0B, 1, 0, t6, a2, a6      # xnorpopacc
    lw      a7, 8(t3)
    lw      s0, 12(t3)
    .insn r 0x0B, 1, 0, t6, a3, a7      # xnorpopacc
    .insn r 0x0B, 1, 0, t6, a4, s0      # xnorpopacc
    lw      s1, 16(t3)
    add     t5, t5, t5
    slt     s2, s1, t6
    add     t5, t5, s2
    lw      s3, 20(t3)
    lw      s4, 24(t3)
    .insn r 0x0B, 0, 0, a0, a1, s3      # xnorpop
    .insn r 0x0B, 1, 0, a0, a2, s4      # xnorpopacc
    lw      s5, 28(t3)
    lw      s6, 32(t3)
    .insn r 0x0B, 1, 0, a0, a3, s5      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, a4, s6      # xnorpopacc
    lw      s7, 36(t3)
    add     t5, t5, t5
    slt     s8, s7, a0
    add     t5, t5, s8
    lw      s9, 40(t3)
    lw      s10, 44(t3)
    .insn r 0x0B, 0, 0, t6, a1, s9      # xnorpop
    .insn r 0x0B, 1, 0, t6, a2, s10     # xnorpopacc
    lw      s11, 48(t3)
    lw      ra, 52(t3)
    .insn r 0x0B, 1, 0, t6, a3, s11     # xnorpopacc
    .insn r 0x0B, 1, 0, t6, a4, ra      # xnorpopacc
    lw      a5, 56(t3)
    add     t5, t5, t5
    slt     a6, a5, t6
    add     t5, t5, a6
    lw      a7, 60(t3)
    lw      s0, 64(t3)
    .insn r 0x0B, 0, 0, a0, a1, a7      # xnorpop
    .insn r 0x0B, 1, 0, a0, a2, s0      # xnorpopacc
    lw      s1, 68(t3)
    lw      s2, 72(t3)
    .insn r 0x0B, 1, 0, a0, a3, s1      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, a4, s2      # xnorpopacc
    lw      s3, 76(t3)
    add     t5, t5, t5
    slt     s4, s3, a0
    add     t5, t5, s4
    lw      s5, 80(t3)
    lw      s6, 84(t3)
    .insn r 0x0B, 0, 0, t6, a1, s5      # xnorpop
    .insn r 0x0B, 1, 0, t6, a2, s6      # xnorpopacc
    lw      s7, 88(t3)
    lw      s8, 92(t3)
    .insn r 0x0B, 1, 0, t6, a3, s7      # xnorpopacc
    .insn r 0x0B, 1, 0, t6, a4, s8      # xnorpopacc
    lw      s9, 96(t3)
    add     t5, t5, t5
    slt     s10, s9, t6
    add     t5, t5, s10
    lw      s11, 100(t3)
    lw      ra, 104(t3)
    .insn r 0x0B, 0, 0, a0, a1, s11     # xnorpop
    .insn r 0x0B, 1, 0, a0, a2, ra      # xnorpopacc
    lw      a5, 108(t3)
    lw      a6, 112(t3)
    .insn r 0x0B, 1, 0, a0, a3, a5      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, a4, a6      # xnorpopacc
    lw      a7, 116(t3)
    add     t5, t5, t5
    slt     s0, a7, a0
    add     t5, t5, s0
    lw      s1, 120(t3)
    lw      s2, 124(t3)
    .insn r 0x0B, 0, 0, t6, a1, s1      # xnorpop
    .insn r 0x0B, 1, 0, t6, a2, s2      # xnorpopacc
    lw      s3, 128(t3)
    lw      s4, 132(t3)
    .insn r 0x0B, 1, 0, t6, a3, s3      # xnorpopacc
    .insn r 0x0B, 1, 0, t6, a4, s4      # xnorpopacc
    lw      s5, 136(t3)
    add     t5, t5, t5
    slt     s6, s5, t6
    add     t5, t5, s6
    lw      s7, 140(t3)
    lw      s8, 144(t3)
    .insn r 0x0B, 0, 0, a0, a1, s7      # xnorpop
    .insn r 0x0B, 1, 0, a0, a2, s8      # xnorpopacc
    lw      s9, 148(t3)
    lw      s10, 152(t3)
    .insn r 0x0B, 1, 0, a0, a3, s9      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, a4, s10     # xnorpopacc
    lw      s11, 156(t3)
    add     t5, t5, t5
    slt     ra, s11, a0
    add     t5, t5, ra
    lw      a5, 160(t3)
    lw      a6, 164(t3)
    .insn r 0x0B, 0, 0, t6, a1, a5      # xnorpop
    .insn r 0x0B, 1, 0, t6, a2, a6      # xnorpopacc
    lw      a7, 168(t3)
    lw      s0, 172(t3)
    .insn r 0x0B, 1, 0, t6, a3, a7      # xnorpopacc
    .insn r 0x0B, 1, 0, t6, a4, s0      # xnorpopacc
    lw      s1, 176(t3)
    add     t5, t5, t5
    slt     s2, s1, t6
    add     t5, t5, s2
    lw      s3, 180(t3)
    lw      s4, 184(t3)
    .insn r 0x0B, 0, 0, a0, a1, s3      # xnorpop
    .insn r 0x0B, 1, 0, a0, a2, s4      # xnorpopacc
    lw      s5, 188(t3)
    lw      s6, 192(t3)
    .insn r 0x0B, 1, 0, a0, a3, s5      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, a4, s6      # xnorpopacc
    lw      s7, 196(t3)
    add     t5, t5, t5
    slt     s8, s7, a0
    add     t5, t5, s8
    lw      s9, 200(t3)
    lw      s10, 204(t3)
    .insn r 0x0B, 0, 0, t6, a1, s9      # xnorpop
    .insn r 0x0B, 1, 0, t6, a2, s10     # xnorpopacc
    lw      s11, 208(t3)
    lw      ra, 212(t3)
    .insn r 0x0B, 1, 0, t6, a3, s11     # xnorpopacc
    .insn r 0x0B, 1, 0, t6, a4, ra      # xnorpopacc
    lw      a5, 216(t3)
    add     t5, t5, t5
    slt     a6, a5, t6
    add     t5, t5, a6
    lw      a7, 220(t3)
    lw      s0, 224(t3)
    .insn r 0x0B, 0, 0, a0, a1, a7      # xnorpop
    .insn r 0x0B, 1, 0, a0, a2, s0      # xnorpopacc
    lw      s1, 228(t3)
    lw      s2, 232(t3)
    .insn r 0x0B, 1, 0, a0, a3, s1      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, a4, s2      # xnorpopacc
    lw      s3, 236(t3)
    add     t5, t5, t5
    slt     s4, s3, a0
    add     t5, t5, s4
    sw      t5, 0(t1)
    addi    t1, t1, 4
    addi    t0, t0, 4
    bne     t1, t2, .Lconv_3_layer1_pixel
    addi    t0, t0, 4
    lw      s6, 624(sp)
    addi    s6, s6, -1
    sw      s6, 624(sp)
    bne     s6, zero, .Lconv_3_layer1_row

    # conv_3_layer2: maxpool 10x6x12 -> 5x3x12, OR of 2x2 windows, 1 word per pixel
conv_3_layer2:
    addi    t0, sp, 0
    addi    t1, sp, 308
    li      t3, 5
.Lconv_3_layer2_row:
    addi    t2, t1, 12
.Lconv_3_layer2_pixel:
    lw      t4, 0(t0)
    lw      t5, 4(t0)
    lw      t6, 24(t0)
    or      t4, t4, t5
    or      t4, t4, t6
    lw      a0, 28(t0)
    addi    t0, t0, 8
    or      t4, t4, a0
    sw      t4, 0(t1)
    addi    t1, t1, 4
    bne     t1, t2, .Lconv_3_layer2_pixel
    addi    t0, t0, 24
    addi    t3, t3, -1
    bne     t3, zero, .Lconv_3_layer2_row

    # conv_3_layer3: flatten 5x3x12: 1 word per pixel into 180 packed bits
conv_3_layer3:
    addi    t3, sp, 0
    addi    t1, t3, 28
    mv      t4, t3
.Lconv_3_layer3_clear:
    sw      zero, 0(t4)
    addi    t4, t4, 4
    bne     t4, t1, .Lconv_3_layer3_clear
    addi    t0, sp, 308
    addi    t1, t0, 60
    li      t2, 0
.Lconv_3_layer3_pixel:
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
    addi    t2, t2, 12
    or      a1, a1, t6
    sw      a1, 4(t4)
    addi    t0, t0, 4
    bne     t0, t1, .Lconv_3_layer3_pixel

    # conv_3_layer4: 180 bipolar inputs (6 words) -> 22 neurons, threshold bits packed into words
    # per neuron: c = popcount(xnor(x, w)) over the words; bit = K < c
    # K: the neuron's constant in .rodata, folding the threshold and the count-to-accumulator terms; le rows are stored complemented
conv_3_layer4:
    la      t0, conv_3_layer4_data
    lw      t1, 0(sp)
    lw      t2, 4(sp)
    lw      t3, 8(sp)
    lw      t4, 12(sp)
    lw      t5, 16(sp)
    lw      t6, 20(sp)
    addi    a2, sp, 308
    li      a5, 0
    lw      a6, 0(t0)
    lw      a7, 4(t0)
    .insn r 0x0B, 0, 0, a0, t1, a6      # xnorpop
    .insn r 0x0B, 1, 0, a0, t2, a7      # xnorpopacc
    lw      s0, 8(t0)
    lw      s1, 12(t0)
    .insn r 0x0B, 1, 0, a0, t3, s0      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, t4, s1      # xnorpopacc
    lw      s2, 16(t0)
    lw      s3, 20(t0)
    .insn r 0x0B, 1, 0, a0, t5, s2      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, t6, s3      # xnorpopacc
    lw      s4, 24(t0)
    add     a5, a5, a5
    slt     s5, s4, a0
    add     a5, a5, s5
    lw      s6, 28(t0)
    lw      s7, 32(t0)
    .insn r 0x0B, 0, 0, a1, t1, s6      # xnorpop
    .insn r 0x0B, 1, 0, a1, t2, s7      # xnorpopacc
    lw      s8, 36(t0)
    lw      s9, 40(t0)
    .insn r 0x0B, 1, 0, a1, t3, s8      # xnorpopacc
    .insn r 0x0B, 1, 0, a1, t4, s9      # xnorpopacc
    lw      s10, 44(t0)
    lw      s11, 48(t0)
    .insn r 0x0B, 1, 0, a1, t5, s10     # xnorpopacc
    .insn r 0x0B, 1, 0, a1, t6, s11     # xnorpopacc
    lw      ra, 52(t0)
    add     a5, a5, a5
    slt     a6, ra, a1
    add     a5, a5, a6
    lw      a7, 56(t0)
    lw      s0, 60(t0)
    .insn r 0x0B, 0, 0, a0, t1, a7      # xnorpop
    .insn r 0x0B, 1, 0, a0, t2, s0      # xnorpopacc
    lw      s1, 64(t0)
    lw      s2, 68(t0)
    .insn r 0x0B, 1, 0, a0, t3, s1      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, t4, s2      # xnorpopacc
    lw      s3, 72(t0)
    lw      s4, 76(t0)
    .insn r 0x0B, 1, 0, a0, t5, s3      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, t6, s4      # xnorpopacc
    lw      s5, 80(t0)
    add     a5, a5, a5
    slt     s6, s5, a0
    add     a5, a5, s6
    lw      s7, 84(t0)
    lw      s8, 88(t0)
    .insn r 0x0B, 0, 0, a1, t1, s7      # xnorpop
    .insn r 0x0B, 1, 0, a1, t2, s8      # xnorpopacc
    lw      s9, 92(t0)
    lw      s10, 96(t0)
    .insn r 0x0B, 1, 0, a1, t3, s9      # xnorpopacc
    .insn r 0x0B, 1, 0, a1, t4, s10     # xnorpopacc
    lw      s11, 100(t0)
    lw      ra, 104(t0)
    .insn r 0x0B, 1, 0, a1, t5, s11     # xnorpopacc
    .insn r 0x0B, 1, 0, a1, t6, ra      # xnorpopacc
    lw      a6, 108(t0)
    add     a5, a5, a5
    slt     a7, a6, a1
    add     a5, a5, a7
    lw      s0, 112(t0)
    lw      s1, 116(t0)
    .insn r 0x0B, 0, 0, a0, t1, s0      # xnorpop
    .insn r 0x0B, 1, 0, a0, t2, s1      # xnorpopacc
    lw      s2, 120(t0)
    lw      s3, 124(t0)
    .insn r 0x0B, 1, 0, a0, t3, s2      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, t4, s3      # xnorpopacc
    lw      s4, 128(t0)
    lw      s5, 132(t0)
    .insn r 0x0B, 1, 0, a0, t5, s4      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, t6, s5      # xnorpopacc
    lw      s6, 136(t0)
    add     a5, a5, a5
    slt     s7, s6, a0
    add     a5, a5, s7
    lw      s8, 140(t0)
    lw      s9, 144(t0)
    .insn r 0x0B, 0, 0, a1, t1, s8      # xnorpop
    .insn r 0x0B, 1, 0, a1, t2, s9      # xnorpopacc
    lw      s10, 148(t0)
    lw      s11, 152(t0)
    .insn r 0x0B, 1, 0, a1, t3, s10     # xnorpopacc
    .insn r 0x0B, 1, 0, a1, t4, s11     # xnorpopacc
    lw      ra, 156(t0)
    lw      a6, 160(t0)
    .insn r 0x0B, 1, 0, a1, t5, ra      # xnorpopacc
    .insn r 0x0B, 1, 0, a1, t6, a6      # xnorpopacc
    lw      a7, 164(t0)
    add     a5, a5, a5
    slt     s0, a7, a1
    add     a5, a5, s0
    lw      s1, 168(t0)
    lw      s2, 172(t0)
    .insn r 0x0B, 0, 0, a0, t1, s1      # xnorpop
    .insn r 0x0B, 1, 0, a0, t2, s2      # xnorpopacc
    lw      s3, 176(t0)
    lw      s4, 180(t0)
    .insn r 0x0B, 1, 0, a0, t3, s3      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, t4, s4      # xnorpopacc
    lw      s5, 184(t0)
    lw      s6, 188(t0)
    .insn r 0x0B, 1, 0, a0, t5, s5      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, t6, s6      # xnorpopacc
    lw      s7, 192(t0)
    add     a5, a5, a5
    slt     s8, s7, a0
    add     a5, a5, s8
    lw      s9, 196(t0)
    lw      s10, 200(t0)
    .insn r 0x0B, 0, 0, a1, t1, s9      # xnorpop
    .insn r 0x0B, 1, 0, a1, t2, s10     # xnorpopacc
    lw      s11, 204(t0)
    lw      ra, 208(t0)
    .insn r 0x0B, 1, 0, a1, t3, s11     # xnorpopacc
    .insn r 0x0B, 1, 0, a1, t4, ra      # xnorpopacc
    lw      a6, 212(t0)
    lw      a7, 216(t0)
    .insn r 0x0B, 1, 0, a1, t5, a6      # xnorpopacc
    .insn r 0x0B, 1, 0, a1, t6, a7      # xnorpopacc
    lw      s0, 220(t0)
    add     a5, a5, a5
    slt     s1, s0, a1
    add     a5, a5, s1
    lw      s2, 224(t0)
    lw      s3, 228(t0)
    .insn r 0x0B, 0, 0, a0, t1, s2      # xnorpop
    .insn r 0x0B, 1, 0, a0, t2, s3      # xnorpopacc
    lw      s4, 232(t0)
    lw      s5, 236(t0)
    .insn r 0x0B, 1, 0, a0, t3, s4      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, t4, s5      # xnorpopacc
    lw      s6, 240(t0)
    lw      s7, 244(t0)
    .insn r 0x0B, 1, 0, a0, t5, s6      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, t6, s7      # xnorpopacc
    lw      s8, 248(t0)
    add     a5, a5, a5
    slt     s9, s8, a0
    add     a5, a5, s9
    lw      s10, 252(t0)
    lw      s11, 256(t0)
    .insn r 0x0B, 0, 0, a1, t1, s10     # xnorpop
    .insn r 0x0B, 1, 0, a1, t2, s11     # xnorpopacc
    lw      ra, 260(t0)
    lw      a6, 264(t0)
    .insn r 0x0B, 1, 0, a1, t3, ra      # xnorpopacc
    .insn r 0x0B, 1, 0, a1, t4, a6      # xnorpopacc
    lw      a7, 268(t0)
    lw      s0, 272(t0)
    .insn r 0x0B, 1, 0, a1, t5, a7      # xnorpopacc
    .insn r 0x0B, 1, 0, a1, t6, s0      # xnorpopacc
    lw      s1, 276(t0)
    add     a5, a5, a5
    slt     s2, s1, a1
    add     a5, a5, s2
    lw      s3, 280(t0)
    lw      s4, 284(t0)
    .insn r 0x0B, 0, 0, a0, t1, s3      # xnorpop
    .insn r 0x0B, 1, 0, a0, t2, s4      # xnorpopacc
    lw      s5, 288(t0)
    lw      s6, 292(t0)
    .insn r 0x0B, 1, 0, a0, t3, s5      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, t4, s6      # xnorpopacc
    lw      s7, 296(t0)
    lw      s8, 300(t0)
    .insn r 0x0B, 1, 0, a0, t5, s7      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, t6, s8      # xnorpopacc
    lw      s9, 304(t0)
    add     a5, a5, a5
    slt     s10, s9, a0
    add     a5, a5, s10
    lw      s11, 308(t0)
    lw      ra, 312(t0)
    .insn r 0x0B, 0, 0, a1, t1, s11     # xnorpop
    .insn r 0x0B, 1, 0, a1, t2, ra      # xnorpopacc
    lw      a6, 316(t0)
    lw      a7, 320(t0)
    .insn r 0x0B, 1, 0, a1, t3, a6      # xnorpopacc
    .insn r 0x0B, 1, 0, a1, t4, a7      # xnorpopacc
    lw      s0, 324(t0)
    lw      s1, 328(t0)
    .insn r 0x0B, 1, 0, a1, t5, s0      # xnorpopacc
    .insn r 0x0B, 1, 0, a1, t6, s1      # xnorpopacc
    lw      s2, 332(t0)
    add     a5, a5, a5
    slt     s3, s2, a1
    add     a5, a5, s3
    lw      s4, 336(t0)
    lw      s5, 340(t0)
    .insn r 0x0B, 0, 0, a0, t1, s4      # xnorpop
    .insn r 0x0B, 1, 0, a0, t2, s5      # xnorpopacc
    lw      s6, 344(t0)
    lw      s7, 348(t0)
    .insn r 0x0B, 1, 0, a0, t3, s6      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, t4, s7      # xnorpopacc
    lw      s8, 352(t0)
    lw      s9, 356(t0)
    .insn r 0x0B, 1, 0, a0, t5, s8      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, t6, s9      # xnorpopacc
    lw      s10, 360(t0)
    add     a5, a5, a5
    slt     s11, s10, a0
    add     a5, a5, s11
    lw      ra, 364(t0)
    lw      a6, 368(t0)
    .insn r 0x0B, 0, 0, a1, t1, ra      # xnorpop
    .insn r 0x0B, 1, 0, a1, t2, a6      # xnorpopacc
    lw      a7, 372(t0)
    lw      s0, 376(t0)
    .insn r 0x0B, 1, 0, a1, t3, a7      # xnorpopacc
    .insn r 0x0B, 1, 0, a1, t4, s0      # xnorpopacc
    lw      s1, 380(t0)
    lw      s2, 384(t0)
    .insn r 0x0B, 1, 0, a1, t5, s1      # xnorpopacc
    .insn r 0x0B, 1, 0, a1, t6, s2      # xnorpopacc
    lw      s3, 388(t0)
    add     a5, a5, a5
    slt     s4, s3, a1
    add     a5, a5, s4
    lw      s5, 392(t0)
    lw      s6, 396(t0)
    .insn r 0x0B, 0, 0, a0, t1, s5      # xnorpop
    .insn r 0x0B, 1, 0, a0, t2, s6      # xnorpopacc
    lw      s7, 400(t0)
    lw      s8, 404(t0)
    .insn r 0x0B, 1, 0, a0, t3, s7      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, t4, s8      # xnorpopacc
    lw      s9, 408(t0)
    lw      s10, 412(t0)
    .insn r 0x0B, 1, 0, a0, t5, s9      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, t6, s10     # xnorpopacc
    lw      s11, 416(t0)
    add     a5, a5, a5
    slt     ra, s11, a0
    add     a5, a5, ra
    lw      a6, 420(t0)
    lw      a7, 424(t0)
    .insn r 0x0B, 0, 0, a1, t1, a6      # xnorpop
    .insn r 0x0B, 1, 0, a1, t2, a7      # xnorpopacc
    lw      s0, 428(t0)
    lw      s1, 432(t0)
    .insn r 0x0B, 1, 0, a1, t3, s0      # xnorpopacc
    .insn r 0x0B, 1, 0, a1, t4, s1      # xnorpopacc
    lw      s2, 436(t0)
    lw      s3, 440(t0)
    .insn r 0x0B, 1, 0, a1, t5, s2      # xnorpopacc
    .insn r 0x0B, 1, 0, a1, t6, s3      # xnorpopacc
    lw      s4, 444(t0)
    add     a5, a5, a5
    slt     s5, s4, a1
    add     a5, a5, s5
    lw      s6, 448(t0)
    lw      s7, 452(t0)
    .insn r 0x0B, 0, 0, a0, t1, s6      # xnorpop
    .insn r 0x0B, 1, 0, a0, t2, s7      # xnorpopacc
    lw      s8, 456(t0)
    lw      s9, 460(t0)
    .insn r 0x0B, 1, 0, a0, t3, s8      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, t4, s9      # xnorpopacc
    lw      s10, 464(t0)
    lw      s11, 468(t0)
    .insn r 0x0B, 1, 0, a0, t5, s10     # xnorpopacc
    .insn r 0x0B, 1, 0, a0, t6, s11     # xnorpopacc
    lw      ra, 472(t0)
    add     a5, a5, a5
    slt     a6, ra, a0
    add     a5, a5, a6
    lw      a7, 476(t0)
    lw      s0, 480(t0)
    .insn r 0x0B, 0, 0, a1, t1, a7      # xnorpop
    .insn r 0x0B, 1, 0, a1, t2, s0      # xnorpopacc
    lw      s1, 484(t0)
    lw      s2, 488(t0)
    .insn r 0x0B, 1, 0, a1, t3, s1      # xnorpopacc
    .insn r 0x0B, 1, 0, a1, t4, s2      # xnorpopacc
    lw      s3, 492(t0)
    lw      s4, 496(t0)
    .insn r 0x0B, 1, 0, a1, t5, s3      # xnorpopacc
    .insn r 0x0B, 1, 0, a1, t6, s4      # xnorpopacc
    lw      s5, 500(t0)
    add     a5, a5, a5
    slt     s6, s5, a1
    add     a5, a5, s6
    lw      s7, 504(t0)
    lw      s8, 508(t0)
    .insn r 0x0B, 0, 0, a0, t1, s7      # xnorpop
    .insn r 0x0B, 1, 0, a0, t2, s8      # xnorpopacc
    lw      s9, 512(t0)
    lw      s10, 516(t0)
    .insn r 0x0B, 1, 0, a0, t3, s9      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, t4, s10     # xnorpopacc
    lw      s11, 520(t0)
    lw      ra, 524(t0)
    .insn r 0x0B, 1, 0, a0, t5, s11     # xnorpopacc
    .insn r 0x0B, 1, 0, a0, t6, ra      # xnorpopacc
    lw      a6, 528(t0)
    add     a5, a5, a5
    slt     a7, a6, a0
    add     a5, a5, a7
    lw      s0, 532(t0)
    lw      s1, 536(t0)
    .insn r 0x0B, 0, 0, a1, t1, s0      # xnorpop
    .insn r 0x0B, 1, 0, a1, t2, s1      # xnorpopacc
    lw      s2, 540(t0)
    lw      s3, 544(t0)
    .insn r 0x0B, 1, 0, a1, t3, s2      # xnorpopacc
    .insn r 0x0B, 1, 0, a1, t4, s3      # xnorpopacc
    lw      s4, 548(t0)
    lw      s5, 552(t0)
    .insn r 0x0B, 1, 0, a1, t5, s4      # xnorpopacc
    .insn r 0x0B, 1, 0, a1, t6, s5      # xnorpopacc
    lw      s6, 556(t0)
    add     a5, a5, a5
    slt     s7, s6, a1
    add     a5, a5, s7
    lw      s8, 560(t0)
    lw      s9, 564(t0)
    .insn r 0x0B, 0, 0, a0, t1, s8      # xnorpop
    .insn r 0x0B, 1, 0, a0, t2, s9      # xnorpopacc
    lw      s10, 568(t0)
    lw      s11, 572(t0)
    .insn r 0x0B, 1, 0, a0, t3, s10     # xnorpopacc
    .insn r 0x0B, 1, 0, a0, t4, s11     # xnorpopacc
    lw      ra, 576(t0)
    lw      a6, 580(t0)
    .insn r 0x0B, 1, 0, a0, t5, ra      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, t6, a6      # xnorpopacc
    lw      a7, 584(t0)
    add     a5, a5, a5
    slt     s0, a7, a0
    add     a5, a5, s0
    lw      s1, 588(t0)
    lw      s2, 592(t0)
    .insn r 0x0B, 0, 0, a1, t1, s1      # xnorpop
    .insn r 0x0B, 1, 0, a1, t2, s2      # xnorpopacc
    lw      s3, 596(t0)
    lw      s4, 600(t0)
    .insn r 0x0B, 1, 0, a1, t3, s3      # xnorpopacc
    .insn r 0x0B, 1, 0, a1, t4, s4      # xnorpopacc
    lw      s5, 604(t0)
    lw      s6, 608(t0)
    .insn r 0x0B, 1, 0, a1, t5, s5      # xnorpopacc
    .insn r 0x0B, 1, 0, a1, t6, s6      # xnorpopacc
    lw      s7, 612(t0)
    add     a5, a5, a5
    slt     s8, s7, a1
    add     a5, a5, s8
    sw      a5, 0(a2)

    # conv_3_scores: 22 bipolar inputs (1 word) -> 1 scores
    # per class: c = popcount(xnor(x, w)) over the words; score = c + K
    # K: the class's constant in .rodata, folding the bias and the count-to-accumulator terms
conv_3_scores:
    la      t0, conv_3_scores_data
    lw      t1, 308(sp)
    lw      t4, 620(sp)
    addi    t5, t4, 4
.Lconv_3_scores_class:
    lw      a0, 0(t0)
    lw      a1, 4(t0)
    .insn r 0x0B, 0, 0, t2, t1, a0      # xnorpop
    add     a1, t2, a1
    sw      a1, 0(t4)
    addi    t4, t4, 4
    addi    t0, t0, 8
    bne     t4, t5, .Lconv_3_scores_class

    # argmax over the scores: the lowest index wins ties
conv_3_argmax:
    lw      t0, 620(sp)
    li      a0, 0
    lw      t1, 0(t0)
    lw      ra, 628(sp)
    lw      s0, 632(sp)
    lw      s1, 636(sp)
    lw      s2, 640(sp)
    lw      s3, 644(sp)
    lw      s4, 648(sp)
    lw      s5, 652(sp)
    lw      s6, 656(sp)
    lw      s7, 660(sp)
    lw      s8, 664(sp)
    lw      s9, 668(sp)
    lw      s10, 672(sp)
    lw      s11, 676(sp)
    addi    sp, sp, 688
    ret
conv_3_infer_end:

    .section .rodata
    .p2align 2
conv_3_layer1_data:
    .word   0x00000001, 0x00000001, 0x00000001, 0x00000000  # conv_3_layer1: per output channel 4 weight words, tap by tap (le rows complemented), then its constant
    .word   0x0000007d, 0x00000001, 0x00000001, 0x00000001
    .word   0x00000001, 0x0000007c, 0x00000001, 0x00000000
    .word   0x00000001, 0x00000000, 0x0000007d, 0x00000000
    .word   0x00000000, 0x00000000, 0x00000000, 0x0000007d
    .word   0x00000001, 0x00000000, 0x00000001, 0x00000001
    .word   0x0000007d, 0x00000001, 0x00000000, 0x00000001
    .word   0x00000000, 0x0000007c, 0x00000000, 0x00000000
    .word   0x00000000, 0x00000001, 0x0000007c, 0x00000000
    .word   0x00000001, 0x00000000, 0x00000000, 0x0000007c
    .word   0x00000000, 0x00000001, 0x00000001, 0x00000000
    .word   0x0000007a, 0x00000001, 0x00000000, 0x00000001
    .word   0x00000001, 0x0000007d, 0x00000000, 0x00000000
    .word   0x00000000, 0x00000000, 0x0000007a, 0x00000001
    .word   0x00000000, 0x00000001, 0x00000001, 0x0000007b
conv_3_layer4_data:
    .word   0x13eb7e18, 0xb6265555, 0x9766fc7e, 0x693a2576  # conv_3_layer4: per neuron 6 weight words (le rows complemented), then its constant
    .word   0x85fc9600, 0x0007fa10, 0x000000b0, 0x1021cf63
    .word   0x97cb0ffe, 0x91a2b9f8, 0x897d8667, 0x8bcbe1d2
    .word   0x000fc6af, 0x0000006c, 0xcc7c77e1, 0x27a6bcd3
    .word   0x42431c28, 0x0befe404, 0xc72b89be, 0x0003c389
    .word   0x0000008b, 0xd9b71068, 0xdfae6c7f, 0x82912cc7
    .word   0x265fc0f8, 0xd77ace4c, 0x00066336, 0x0000005e
    .word   0x59fae50a, 0x7f7fa2b9, 0xb33d2964, 0x19fc6d8e
    .word   0x2e22fb69, 0x000ef95e, 0x00000069, 0xbd2fe889
    .word   0xa4d4f10e, 0xf75d3ce3, 0x5fd5c64d, 0xce4e9e73
    .word   0x00035cbf, 0x0000001b, 0x1488f5a7, 0xef59a65d
    .word   0xde4fb5c9, 0x4bf1b2e9, 0x46fdc9fb, 0x000f8fc8
    .word   0x00000069, 0xea4440fc, 0x74b28a93, 0xd923bfac
    .word   0xf0a575ce, 0x0e4b5f51, 0x000a9d77, 0x0000005b
    .word   0x77eecfa4, 0xfb348e69, 0xc6892549, 0x2d7f246c
    .word   0x189f79cb, 0x00034441, 0x0000006d, 0x9d75d924
    .word   0x22dc27ec, 0xa5152047, 0x8dd05b19, 0x1cfd46cb
    .word   0x00077e94, 0x00000067, 0x2e8fb519, 0x5396d760
    .word   0xa8319de1, 0x81fdaab3, 0x9682c889, 0x0005f4e2
    .word   0x0000005b, 0xfc21e9a4, 0xe9644fa5, 0x47bc640b
    .word   0x5aefc405, 0xe669c0e1, 0x00090925, 0x00000064
    .word   0x7885ffdb, 0x7f0b1c72, 0xf4eeaf36, 0x39ae22d2
    .word   0xeb9fd1d1, 0x0005ad74, 0x000000b2, 0xd7dfea12
    .word   0xc45f10b2, 0x1c362393, 0x3e47d4a1, 0xdaa91a16
    .word   0x000dc866, 0x0000006c, 0x959cb429, 0x33833a86
    .word   0xcba90328, 0x9a1ef667, 0xcb0db14b, 0x000bb17b
    .word   0x0000006c, 0xf2e73914, 0x5027496b, 0xc2b0ad68
    .word   0x8064abea, 0xba149cba, 0x000f7e64, 0x0000006c
    .word   0xee9fa806, 0xf7644cb5, 0xbb27ebf2, 0x81433d02
    .word   0x1a6836f1, 0x000ca5b2, 0x0000005f, 0x2d8b7f1e
    .word   0x86874976, 0x188e01db, 0x0ff580f4, 0xe3b16a46
    .word   0x000120f2, 0x0000005b, 0x8ba53025, 0x3b3f6db8
    .word   0x7ffb39a6, 0xe4ed7f21, 0x0dba49ca, 0x0008adff
    .word   0x0000006d, 0xd6df4be2, 0x883d6772, 0x28b7d2a9
    .word   0x5ece1c56, 0xe620c13a, 0x000bc208, 0x00000064
    .word   0xe66797ec, 0x22058ab0, 0x4e84185f, 0x613f98d7
    .word   0xebb944e2, 0x00032d2a, 0x00000061, 0x9b3ace9e
    .word   0x5b46f6b5, 0xc2697120, 0x1d7b0557, 0x38cfb758
    .word   0x000bc03d, 0x00000065
conv_3_scores_data:
    .word   0x001c42d1, 0xfffffff6  # conv_3_scores: per class 1 weight word, then its constant
