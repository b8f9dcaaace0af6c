# tiny_infer: the network 'tiny' lowered by brain-blitz for rv32im_xbnn2.
# int tiny_infer(const uint8_t *input, int32_t *scores): ilp32, returns the class.
# Input: 5 bipolar elements packed into 1 little-endian 32-bit words. Stack: 80 bytes.

    .text
    .globl  tiny_infer
    .p2align 2
tiny_infer:
    addi    sp, sp, -80
    sw      s0, 20(sp)
    sw      s1, 24(sp)
    sw      s2, 28(sp)
    sw      a0, 8(sp)
    sw      a1, 12(sp)

    # tiny_layer1: 5 bipolar inputs (1 word) -> 3 neurons, threshold bits packed into words
    # per neuron: c = popcount(xnor(x, w)) over the words; bit = K < c
    # K: the neuron's constant in .rodata, folding the threshold and the count-to-accumulator terms; le rows are stored complemented
tiny_layer1:
    la      t0, tiny_layer1_data
    lw      a1, 8(sp)
    addi    t4, sp, 0
    lw      t1, 0(a1)
    li      a0, 0
    lw      a2, 0(t0)
    lw      a3, 4(t0)
    .insn r 0x0B, 0, 0, t2, t1, a2      # xnorpop
    slt     a4, a3, t2
    add     a0, a0, a0
    add     a0, a0, a4
    lw      a5, 8(t0)
    lw      a6, 12(t0)
    .insn r 0x0B, 0, 0, t3, t1, a5      # xnorpop
    slt     a7, a6, t3
    add     a0, a0, a0
    add     a0, a0, a7
    lw      s0, 16(t0)
    lw      s1, 20(t0)
    .insn r 0x0B, 0, 0, t2, t1, s0      # xnorpop
    slt     s2, s1, t2
    add     a0, a0, a0
    add     a0, a0, s2
    sw      a0, 0(t4)

    # tiny_scores: 3 bipolar inputs (1 word) -> 2 scores
    # per class: c = popcount(xnor(x, w)) over the words; score = c + K
    # K: the class's constant in .rodata, folding the bias and the count-to-accumulator terms
tiny_scores:
    la      t0, tiny_scores_data
    lw      t1, 0(sp)
    lw      t4, 12(sp)
    addi    t5, t4, 8
.Ltiny_scores_class:
    lw      a0, 0(t0)
    lw      a1, 4(t0)
    .insn r 0x0B, 0, 0, t2, t1, a0      # xnorpop
    add     a1, t2, a1
    sw      a1, 0(t4)
    addi    t4, t4, 4
    addi    t0, t0, 8
    bne     t4, t5, .Ltiny_scores_class

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
    lw      s0, 20(sp)
    lw      s1, 24(sp)
    lw      s2, 28(sp)
    addi    sp, sp, 80
    ret
tiny_infer_end:

    .section .rodata
    .p2align 2
tiny_layer1_data:
    .word   0x0000001f, 0x0000001e, 0x00000015, 0x0000001e  # tiny_layer1: per neuron 1 weight word (le rows complemented), then its constant
    .word   0x00000015, 0x0000001d
tiny_scores_data:
    .word   0x00000005, 0xffffffe3, 0x00000002, 0xffffffe4  # tiny_scores: per class 1 weight word, then its constant
