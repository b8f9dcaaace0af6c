# What GCC and hand-written GNU assembly use beyond every-form.S: macros and repetition, ';',
# section anchors, 64-bit data and expressions, LEB128, .fill, alignment with a limit, .comm,
# pseudo-instructions GNU as accepts. Assembled by GNU as 2.40 and by blitz; the linked
# .text, .rodata and .data must be byte-identical (AssemblerVsGnuAsTest).
    .option nopic
    .attribute arch, "rv32i2p1_m2p0_zicsr2p0"
    .macro  push reg, slot=0
    sw      \reg, \slot*4(sp)
    .endm
    .macro  pair a:req, b=7
    addi    \a, \a, \b
    .endm
    .macro  label_maker name
\name\()_x:
    .word   \@
    .endm
    .equ    COUNT, 3
    .text
    .globl  _start
_start:
    push    ra; push s0, 1 ; push s1 2
    pair    a0
    pair    a1, 5
    pair    b=9, a=a2
    .rept   COUNT
    addi    a3, a3, 1
    .endr
    .irp    r, t0, t1, t2
    mv      \r, zero
    .endr
    .irpc   n, 123
    li      a4, \n
    .endr
    unimp
    and     a0, a1, -64
    add     a0, a1, 12
    or      a0, a1, 1
    xor     a0, a1, -1
    sll     a0, a1, 3
    srl     a0, a1, 31
    sra     a0, a1, 7
    slt     a0, a1, -5
    sltu    a0, a1, 5
    sgt     a0, a1, a2
    sgtu    a0, a1, a2
    csrw    mstatus, 8
    csrs    mie, 31
    csrc    mip, 1
    csrrw   a0, mscratch, 5
    csrrs   a0, mscratch, 6
    csrrc   a0, mscratch, 7
    csrr    a0, sstatus
    csrw    satp, a0
    csrr    a1, stvec
    jr      a0, 4
    jalr    a0, 8
    jr      12(a1)
    li      a0, 0x123456789
    li      a0, -0x80000001
    li      a0, 1 << 64
    li      a0, (3 < 4) & 7
    lw      a0, value
    lbu     a1, value + 3
    lh      a2, value
    sw      a0, value, t0
    sb      a1, value + 1, t1
    jump    helper, t0
    call    helper@plt
    tail    helper@plt
    lla     a0, .LANCHOR0
    lla     a1, .LANCHOR0 + 8
    lla     a2, .LANCHOR1
    la      a3, common_block
    la      a4, local_block
    lla     a4, lcomm_block
    lla     a4, other_common
    la      a5, bss_word
    la      a6, weak_nowhere
    call    weak_nowhere
helper:
    ret
    .byte   1
    nop
    .byte   2, 3
    nop
    .p2align 4,,15
    nop
    .p2align 5,,2
    nop
    .balign 16
    nop
    .p2align 2
    nop
    .section .text.startup,"ax",@progbits
    .p2align 3
main:
    addi    a0, zero, 1
    .byte   9
    .section .text.init,"ax",@progbits
    nop
    .text
    nop

    .section .rodata
    .p2align 2
    .set    .LANCHOR0, . + 0
value:
    .word   0x11223344
    .dword  0x8877665544332211, -2
    .quad   value
    .8byte  1 << 63
    .uleb128 0
    .uleb128 127
    .uleb128 128
    .uleb128 624485
    .uleb128 0xffffffffffffffff
    .sleb128 0
    .sleb128 63
    .sleb128 -64
    .sleb128 64
    .sleb128 -65
    .sleb128 -123456
    .fill   3, 1, 0x5a
    .fill   2, 2, 0x1234
    .fill   2, 6, 0x11223344
    .fill   1, 8, -1
    .fill   2
    .word   4 & 1 + 3, 1 << 64, 1 << 65, -1 >> 63, -1 >> 64, 3 < 4, !0, 5 ! 2, 1 == 1, -7 / 2, -7 % 2
    .word   2 & 3 * 2, 1 + 2 | 4, 8 >> 1 << 2, 1 && 0, 1 || 0, 2 <> 3, 3 >= 3, 3 <= 2, 4 > 3, ~0 + 1
    .section .rodata.str1.4,"aMS",@progbits,1
    .string "x;y#z"
    .ascii  "\x41\102\t"
    .section .srodata.cst8,"aM",@progbits,8
    .p2align 3
    .set    .LANCHOR1, . + 4
    .word   1, 2, 3
    .section .rodata
    .byte   7

    .data
    .p2align 2
    label_maker first
    label_maker second
    .word   .LANCHOR1 - .LANCHOR0
    .word   end_of_data - .
    .byte   1
    .p2align 3, 0xee
    .balignw 4, 0x1234
    .balignl 16, 0xdeadbeef
    .byte   2
    .org    . + 3, 0x77
end_of_data:
    .section .sdata,"aw"
    .word   5
    .text
    .section .note.GNU-stack,"",@progbits
    .section .debug_info,"",@progbits
    .4byte  .Ldebug_end - .Ldebug_start
.Ldebug_start:
    .uleb128 0x1
    .string "debug info is dropped"
.Ldebug_end:
    .section ".text.quoted", "ax", @progbits
    nop
    .pushsection .data.pushed, "aw"
pushed: .word 9
    .popsection
    nop
    .previous
    .word   0x13
    .bss
bss_word:
    .zero   4
    .local  local_block
    .comm   local_block, 12, 8
    .lcomm  lcomm_block, 6
    .comm   common_block, 20, 4
    .comm   other_common, 3, 1
    .weak   weak_nowhere
