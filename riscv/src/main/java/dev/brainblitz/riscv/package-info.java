/**
 * The RISC-V backend: one table-driven definition of RV32IM + Zicsr + Zbb + the custom-0 BNN
 * instructions (from which the assembler, disassembler and decoder come) and the lowering of the
 * IL to RISC-V kernels, and the Verilog of the XBNN custom unit. Depends on {@code ir} and the
 * Verilog text emitter {@code verilog}.
 */
package dev.brainblitz.riscv;
