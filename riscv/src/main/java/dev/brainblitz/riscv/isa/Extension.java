package dev.brainblitz.riscv.isa;

/** The ISA extensions the table covers; GNU as names them in {@code -march}. */
public enum Extension {
  RV32I,
  M,
  ZICSR,
  ZIFENCEI,
  ZBB,
  /** brain-blitz's BNN instructions in the custom-0 opcode space: docs/isa-xbnn.md. */
  XBNN
}
