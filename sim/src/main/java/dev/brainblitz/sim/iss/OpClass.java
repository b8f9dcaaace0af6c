package dev.brainblitz.sim.iss;

import dev.brainblitz.riscv.isa.Opcode;

/**
 * What a timing model needs to know about an instruction: its functional-unit class. The switch is
 * exhaustive over the {@link Opcode} table, so a new row fails the build here until it is classed.
 */
public enum OpClass {
  ALU,
  LOAD,
  STORE,
  BRANCH,
  JAL,
  JALR,
  MUL,
  MULH,
  DIV,
  CSR,
  SYSTEM,
  CUSTOM;

  public static OpClass of(Opcode op) {
    return switch (op) {
      case LUI, AUIPC, ADDI, SLTI, SLTIU, XORI, ORI, ANDI, SLLI, SRLI, SRAI, ADD, SUB, SLL, SLT, SLTU, XOR, SRL, SRA,
          OR, AND, ANDN, ORN, XNOR, CLZ, CTZ, CPOP, MIN, MINU, MAX, MAXU, SEXT_B, SEXT_H, ZEXT_H, ROL, ROR, RORI, REV8,
          ORC_B -> ALU;
      case LB, LH, LW, LBU, LHU -> LOAD;
      case SB, SH, SW -> STORE;
      case BEQ, BNE, BLT, BGE, BLTU, BGEU -> BRANCH;
      case JAL -> JAL;
      case JALR, MRET -> JALR;
      case MUL -> MUL;
      case MULH, MULHSU, MULHU -> MULH;
      case DIV, DIVU, REM, REMU -> DIV;
      case CSRRW, CSRRS, CSRRC, CSRRWI, CSRRSI, CSRRCI -> CSR;
      case FENCE, FENCE_TSO, FENCE_I, ECALL, EBREAK, WFI -> SYSTEM;
      case XNORPOP, XNORPOPACC, BPPUSH, BPACC, BPGET -> CUSTOM;
    };
  }
}
