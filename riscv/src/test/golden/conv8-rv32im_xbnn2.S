# conv_8_infer: the network 'conv_8' lowered by brain-blitz for rv32im_xbnn2.
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

    # conv_8_layer1: conv2d on u8 8x2x2 -> 8x2x9, 1x1 stride 1 same 0, bit planes (XBNN2 unit) over 2 window bytes, threshold bits packed into words
    # per neuron: c = sum_b 2^b popcount(xnor(plane_b, w)), by bpacc on the window's chunk; bit = K < c
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
    la      t3, conv_8_layer1_data
    slli    a3, a3, 8
    or      a2, a2, a3
    .insn r 0x0B, 2, 0, zero, a2, zero  # bppush
    .insn r 0x0B, 2, 0, zero, zero, zero # bppush
    .insn r 0x0B, 2, 0, zero, zero, zero # bppush
    .insn r 0x0B, 2, 0, zero, zero, zero # bppush
    li      t5, 0
    addi    t4, t3, 72
.Lconv_8_layer1_channel0:
    lw      a1, 0(t3)
    lw      a5, 4(t3)
    .insn r 0x0B, 3, 0, a0, a1, zero    # bpacc
    slt     a6, a5, a0
    add     t5, t5, t5
    add     t5, t5, a6
    addi    t3, t3, 8
    bne     t3, t4, .Lconv_8_layer1_channel0
    sw      t5, 0(t1)
    addi    t1, t1, 4
    addi    t0, t0, 2
    bne     t1, t2, .Lconv_8_layer1_pixel
    lw      s0, 232(sp)
    addi    s0, s0, -1
    sw      s0, 232(sp)
    bne     s0, zero, .Lconv_8_layer1_row

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
    # per neuron: c = popcount(xnor(x, w)) over the window words; bit = K < c
    # K: the neuron's constant in .rodata, folding the threshold and the count-to-accumulator terms; le rows are stored complemented
conv_8_layer3:
    addi    t0, sp, 112
    addi    t1, sp, 0
    li      t2, 4
    sw      t2, 232(sp)
.Lconv_8_layer3_row:
    addi    t2, t1, 4
.Lconv_8_layer3_pixel:
    lw      a1, 0(t0)
    lw      a2, 4(t0)
    lw      a3, 8(t0)
    lw      a4, 12(t0)
    lw      a5, 16(t0)
    lw      a6, 20(t0)
    lw      a7, 24(t0)
    lw      s0, 28(t0)
    lw      s1, 32(t0)
    lw      s2, 36(t0)
    lw      s3, 40(t0)
    lw      s4, 44(t0)
    lw      s5, 48(t0)
    lw      s6, 52(t0)
    lw      s7, 56(t0)
    lw      s8, 60(t0)
    la      t3, conv_8_layer3_data
    li      t5, 0
    lw      s9, 0(t3)
    lw      s10, 4(t3)
    .insn r 0x0B, 0, 0, t6, a1, s9      # xnorpop
    .insn r 0x0B, 1, 0, t6, a2, s10     # xnorpopacc
    lw      s11, 8(t3)
    lw      ra, 12(t3)
    .insn r 0x0B, 1, 0, t6, a3, s11     # xnorpopacc
    .insn r 0x0B, 1, 0, t6, a4, ra      # xnorpopacc
    lw      s9, 16(t3)
    lw      s10, 20(t3)
    .insn r 0x0B, 1, 0, t6, a5, s9      # xnorpopacc
    .insn r 0x0B, 1, 0, t6, a6, s10     # xnorpopacc
    lw      s11, 24(t3)
    lw      ra, 28(t3)
    .insn r 0x0B, 1, 0, t6, a7, s11     # xnorpopacc
    .insn r 0x0B, 1, 0, t6, s0, ra      # xnorpopacc
    lw      s9, 32(t3)
    lw      s10, 36(t3)
    .insn r 0x0B, 1, 0, t6, s1, s9      # xnorpopacc
    .insn r 0x0B, 1, 0, t6, s2, s10     # xnorpopacc
    lw      s11, 40(t3)
    lw      ra, 44(t3)
    .insn r 0x0B, 1, 0, t6, s3, s11     # xnorpopacc
    .insn r 0x0B, 1, 0, t6, s4, ra      # xnorpopacc
    lw      s9, 48(t3)
    lw      s10, 52(t3)
    .insn r 0x0B, 1, 0, t6, s5, s9      # xnorpopacc
    .insn r 0x0B, 1, 0, t6, s6, s10     # xnorpopacc
    lw      s11, 56(t3)
    lw      ra, 60(t3)
    .insn r 0x0B, 1, 0, t6, s7, s11     # xnorpopacc
    .insn r 0x0B, 1, 0, t6, s8, ra      # xnorpopacc
    lw      s9, 64(t3)
    add     t5, t5, t5
    slt     s10, s9, t6
    add     t5, t5, s10
    lw      s11, 68(t3)
    lw      ra, 72(t3)
    .insn r 0x0B, 0, 0, a0, a1, s11     # xnorpop
    .insn r 0x0B, 1, 0, a0, a2, ra      # xnorpopacc
    lw      s9, 76(t3)
    lw      s10, 80(t3)
    .insn r 0x0B, 1, 0, a0, a3, s9      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, a4, s10     # xnorpopacc
    lw      s11, 84(t3)
    lw      ra, 88(t3)
    .insn r 0x0B, 1, 0, a0, a5, s11     # xnorpopacc
    .insn r 0x0B, 1, 0, a0, a6, ra      # xnorpopacc
    lw      s9, 92(t3)
    lw      s10, 96(t3)
    .insn r 0x0B, 1, 0, a0, a7, s9      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, s0, s10     # xnorpopacc
    lw      s11, 100(t3)
    lw      ra, 104(t3)
    .insn r 0x0B, 1, 0, a0, s1, s11     # xnorpopacc
    .insn r 0x0B, 1, 0, a0, s2, ra      # xnorpopacc
    lw      s9, 108(t3)
    lw      s10, 112(t3)
    .insn r 0x0B, 1, 0, a0, s3, s9      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, s4, s10     # xnorpopacc
    lw      s11, 116(t3)
    lw      ra, 120(t3)
    .insn r 0x0B, 1, 0, a0, s5, s11     # xnorpopacc
    .insn r 0x0B, 1, 0, a0, s6, ra      # xnorpopacc
    lw      s9, 124(t3)
    lw      s10, 128(t3)
    .insn r 0x0B, 1, 0, a0, s7, s9      # xnorpopacc
    .insn r 0x0B, 1, 0, a0, s8, s10     # xnorpopacc
    lw      s11, 132(t3)
    add     t5, t5, t5
    slt     ra, s11, a0
    add     t5, t5, ra
    lw      s9, 136(t3)
    lw      s10, 140(t3)
    .insn r 0x0B, 0, 0, t6, a1, s9      # xnorpop
    .insn r 0x0B, 1, 0, t6, a2, s10     # xnorpopacc
    lw      s11, 144(t3)
    lw      ra, 148(t3)
    .insn r 0x0B, 1, 0, t6, a3, s11     # xnorpopacc
    .insn r 0x0B, 1, 0, t6, a4, ra      # xnorpopacc
    lw      s9, 152(t3)
    lw      s10, 156(t3)
    .insn r 0x0B, 1, 0, t6, a5, s9      # xnorpopacc
    .insn r 0x0B, 1, 0, t6, a6, s10     # xnorpopacc
    lw      s11, 160(t3)
    lw      ra, 164(t3)
    .insn r 0x0B, 1, 0, t6, a7, s11     # xnorpopacc
    .insn r 0x0B, 1, 0, t6, s0, ra      # xnorpopacc
    lw      s9, 168(t3)
    lw      s10, 172(t3)
    .insn r 0x0B, 1, 0, t6, s1, s9      # xnorpopacc
    .insn r 0x0B, 1, 0, t6, s2, s10     # xnorpopacc
    lw      s11, 176(t3)
    lw      ra, 180(t3)
    .insn r 0x0B, 1, 0, t6, s3, s11     # xnorpopacc
    .insn r 0x0B, 1, 0, t6, s4, ra      # xnorpopacc
    lw      s9, 184(t3)
    lw      s10, 188(t3)
    .insn r 0x0B, 1, 0, t6, s5, s9      # xnorpopacc
    .insn r 0x0B, 1, 0, t6, s6, s10     # xnorpopacc
    lw      s11, 192(t3)
    lw      ra, 196(t3)
    .insn r 0x0B, 1, 0, t6, s7, s11     # xnorpopacc
    .insn r 0x0B, 1, 0, t6, s8, ra      # xnorpopacc
    lw      s9, 200(t3)
    add     t5, t5, t5
    slt     s10, s9, t6
    add     t5, t5, s10
    sw      t5, 0(t1)
    addi    t1, t1, 4
    addi    t0, t0, 4
    bne     t1, t2, .Lconv_8_layer3_pixel
    addi    t0, t0, 12
    lw      ra, 232(sp)
    addi    ra, ra, -1
    sw      ra, 232(sp)
    bne     ra, zero, .Lconv_8_layer3_row

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
    # per class: c = popcount(xnor(x, w)) over the words; score = c + K
    # K: the class's constant in .rodata, folding the bias and the count-to-accumulator terms
conv_8_scores:
    la      t0, conv_8_scores_data
    lw      t1, 112(sp)
    lw      t4, 228(sp)
    addi    t5, t4, 8
.Lconv_8_scores_class:
    lw      a0, 0(t0)
    lw      a1, 4(t0)
    .insn r 0x0B, 0, 0, t2, t1, a0      # xnorpop
    add     a1, t2, a1
    sw      a1, 0(t4)
    addi    t4, t4, 4
    addi    t0, t0, 8
    bne     t4, t5, .Lconv_8_scores_class

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
    .word   0x00000003, 0x00001e75, 0x00000001, 0x00001d99  # conv_8_layer1: per output channel 1 weight word (le rows complemented), then its constant
    .word   0x00000000, 0x00001e92, 0x00000001, 0x00001e99
    .word   0x00000002, 0x00001eb3, 0x00000003, 0x00001ec9
    .word   0x00000003, 0x00001daf, 0x00000002, 0x00001f55
    .word   0x00000000, 0x00001f4f
conv_8_layer3_data:
    .word   0x0000009a, 0x00000049, 0x0000009b, 0x0000010f  # conv_8_layer3: per output channel 16 weight words, tap by tap (le rows complemented), then its constant
    .word   0x00000080, 0x0000002c, 0x000000d7, 0x000000d6
    .word   0x000001c7, 0x0000000a, 0x000001ee, 0x0000005f
    .word   0x000001ef, 0x000001bd, 0x000000a5, 0x0000017f
    .word   0x000001b9, 0x0000015f, 0x0000005e, 0x00000038
    .word   0x000001b3, 0x000001de, 0x0000007e, 0x000000f3
    .word   0x00000153, 0x000001a8, 0x00000161, 0x000001bd
    .word   0x00000051, 0x0000009a, 0x000000bb, 0x000001f3
    .word   0x00000133, 0x000001bd, 0x000001c9, 0x00000005
    .word   0x000001f4, 0x000000b1, 0x0000003f, 0x00000158
    .word   0x0000015b, 0x00000037, 0x000000fb, 0x000000c5
    .word   0x00000128, 0x000001f9, 0x00000065, 0x0000018b
    .word   0x00000147, 0x00000149, 0x00000196
conv_8_scores_data:
    .word   0x000007ab, 0x00000000, 0x00000318, 0xfffffff3  # conv_8_scores: per class 1 weight word, then its constant
