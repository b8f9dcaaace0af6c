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
      default -> throw new IllegalArgumentException(op.mnemonic() + " is not a stateless XBNN instruction");
    };
  }

  /**
   * sum_b 2^b popcount(~(plane_b ^ weights)) over the 8 bit planes of a 32-byte chunk, where bit i
   * of plane b is bit b of byte i of the chunk and byte i is byte i % 4 (little-endian) of
   * {@code chunk[i / 4]}: 0..8160.
   */
  public static int planeSum(int[] chunk, int weights) {
    int sum = 0;
    for (int b = 0; b < 8; b++) {
      int plane = 0;
      for (int i = 0; i < 32; i++) {
        plane |= ((chunk[i >>> 2] >>> (8 * (i & 3) + b)) & 1) << i;
      }
      sum += Integer.bitCount(~(plane ^ weights)) << b;
    }
    return sum;
  }

  /**
   * The state of the XBNN2 unit, its 8-word chunk register D (zero at reset), and the XBNN2
   * instructions on it. Traps and interrupts leave it alone; code that interrupts a user of the
   * unit and uses it itself saves D with 8 {@code bpget} and restores it with 4 {@code bppush}
   * (docs/isa-xbnn.md).
   */
  public static final class Unit {
    /** Words in the chunk register: one 32-byte chunk of u8 input. */
    public static final int WORDS = 8;
    private final int[] chunk = new int[WORDS];

    /** The value {@code op} (any XBNN or XBNN2 instruction) writes to rd; bppush changes the state and gives 0. */
    public int execute(Opcode op, int rs1, int rs2, int rd) {
      return switch (op) {
        case BPPUSH -> {
          System.arraycopy(chunk, 2, chunk, 0, WORDS - 2);
          chunk[WORDS - 2] = rs1;
          chunk[WORDS - 1] = rs2;
          yield 0;
        }
        case BPACC -> rs2 + planeSum(chunk, rs1);
        case BPGET -> chunk[rs1 & (WORDS - 1)];
        default -> Xbnn.execute(op, rs1, rs2, rd);
      };
    }

    /** Back to the reset state (all zero). */
    public void reset() {
      java.util.Arrays.fill(chunk, 0);
    }

    /** Word {@code i} of the chunk register. */
    public int word(int i) {
      return chunk[i];
    }
  }
}
