package dev.brainblitz.riscv.isa;

/** The ISA extensions the table covers; GNU as names them in {@code -march}. */
public enum Extension {
  RV32I,
  M,
  ZICSR,
  ZIFENCEI,
  ZBB,
  /** brain-blitz's BNN instructions in the custom-0 opcode space: docs/isa-xbnn.md. */
  XBNN,
  /**
   * XBNN's second revision: XBNN plus a stateful unit holding one 32-byte chunk of u8 input, whose
   * instruction sums the chunk's 8 bit planes against a weight word (docs/isa-xbnn.md, "XBNN 2").
   */
  XBNN2
}
