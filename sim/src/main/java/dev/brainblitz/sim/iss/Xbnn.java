package dev.brainblitz.sim.iss;

import dev.brainblitz.riscv.isa.Opcode;

/**
 * The simulator's definition of the XBNN custom instructions (docs/isa-xbnn.md): the one place
 * their semantics live. {@link Hart} executes them through {@link #execute}, and the Verilator proof
 * of the custom unit's Verilog takes its expected values from it.
 */
public final class Xbnn {
  private Xbnn() {}

  /**
   * The value {@code op} writes to rd, given x[rs1], x[rs2] and x[rd] before the instruction.
   *
   * @throws IllegalArgumentException if {@code op} is no XBNN instruction
   */
  public static int execute(Opcode op, int rs1, int rs2, int rd) {
    return switch (op) {
      case XNORPOP -> Integer.bitCount(~(rs1 ^ rs2));
      case XNORPOPACC -> rd + Integer.bitCount(~(rs1 ^ rs2));
      default -> throw new IllegalArgumentException(op.mnemonic() + " is not an XBNN instruction");
    };
  }
}
