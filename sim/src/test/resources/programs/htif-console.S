# HTIF console as riscv-tests' benchmarks/common/syscalls.c drives it on RV32: a 64-bit
# magic_mem[4] = {SYS_write, fd, buffer, length}, its address into the 64-bit tohost (low word
# first, then the high word), spin until fromhost is non-zero, clear it, read the result from
# magic_mem[0]. Then putchar through device 1 (command 1), high word first. Then exit(0) by
# tohost = 1. The bytes written include 0x80-0xff, which must pass unchanged.
        .text
        .globl  _start
_start:
        la      s0, magic
        li      t0, 64                  # SYS_write
        sw      t0, 0(s0)
        sw      zero, 4(s0)
        li      t0, 1                   # fd 1
        sw      t0, 8(s0)
        sw      zero, 12(s0)
        la      t0, message
        sw      t0, 16(s0)
        sw      zero, 20(s0)
        li      t0, 6                   # length
        sw      t0, 24(s0)
        sw      zero, 28(s0)
        fence
        la      t1, tohost
        sw      s0, 0(t1)               # low word: the request block
        sw      zero, 4(t1)             # high word: device 0, command 0
        la      t2, fromhost
1:      lw      t3, 0(t2)
        beqz    t3, 1b
        sw      zero, 0(t2)
        sw      zero, 4(t2)
        lw      t4, 0(s0)               # bytes written
        li      t5, 6
        bne     t4, t5, fail
        # putchar('!') through the console device: high word first this time
        li      t0, 0x01010000
        sw      t0, 4(t1)
        li      t0, '!'
        sw      t0, 0(t1)
2:      lw      t3, 4(t2)
        beqz    t3, 2b
        sw      zero, 0(t2)
        sw      zero, 4(t2)
        li      t0, 1
        sw      t0, 0(t1)               # pass
3:      j       3b
fail:   li      t0, 3                   # test 1 failed
        sw      t0, 0(t1)
4:      j       4b

        .rodata
message:
        .byte   'o', 'k', 0x80, 0xff, 0xc3, '\n'

        .data
        .p2align 6
        .globl  tohost
tohost: .dword  0
        .p2align 6
        .globl  fromhost
fromhost:
        .dword  0
        .p2align 3
magic:  .zero   32
