# Start-up code of the bench/riscv C programs: the loader (qemu-riscv32, blitz sim) gives sp;
# .bss is already zero. main's result is the exit status.
    .section .text.init, "ax", @progbits
    .globl  _start
    .p2align 2
_start:
    call    main
    tail    finish
