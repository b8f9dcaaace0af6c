package dev.brainblitz.riscv.lower;

import java.util.Locale;

/**
 * How the layer on u8 input is computed, chosen per network and ISA level by estimated instructions
 * per inference (docs/riscv.md).
 */
public enum U8Method {
  /** Transpose the input into 8 bit planes once, then 8 popcount steps per weight word. */
  BIT_PLANES,
  /** The input bytes in registers, per element a sign mask from the weight bit, and, add. */
  ADD_SUB;

  /** Inputs up to which add/sub is generated (the bytes must fit in registers). */
  public static final int ADD_SUB_MAX_INPUTS = 16;

  /** The two estimates, in instructions per inference, for one layer, and the choice. */
  public record Estimate(long bitPlanes, long addSub, U8Method choice) {
    public String describe() {
      String other = choice == BIT_PLANES
          ? String.format(Locale.ROOT, "add/sub about %,d%s", addSub,
              addSub < bitPlanes ? ", but it is generated only up to " + ADD_SUB_MAX_INPUTS + " inputs" : "")
          : String.format(Locale.ROOT, "bit planes about %,d", bitPlanes);
      return String.format(Locale.ROOT, "%s, estimated %,d instructions per inference (%s)",
          choice == BIT_PLANES ? "bit planes" : "add/sub", choice == BIT_PLANES ? bitPlanes : addSub, other);
    }
  }

  /**
   * Bit planes: the transpose (about 91 instructions per 32 bytes), then per neuron per plane word
   * {@link #bitPlaneStep} instructions, 14 for the Horner sum of the planes and about 12 to compare
   * and pack. Add/sub: the bytes loaded and summed once (2 per input), then per neuron 4 per input
   * (slli, srai, and, add; 5 with a byte load when the bytes do not fit in registers) and about 14
   * around them.
   */
  public static Estimate estimate(Isa isa, int inputs, int neurons) {
    long words = (inputs + 31) / 32;
    long bitPlanes = isa.hasPlaneUnit()
        ? neurons * (Math.round(words * bitPlaneStep(isa)) + 12)
        : 91 * words + neurons * (Math.round(words * bitPlaneStep(isa)) + 26);
    boolean inRegisters = inputs <= ADD_SUB_MAX_INPUTS;
    long addSub = 2L * inputs + neurons * ((inRegisters ? 4L : 5L) * inputs + 14);
    return new Estimate(bitPlanes, addSub, inRegisters && addSub < bitPlanes ? ADD_SUB : BIT_PLANES);
  }

  /**
   * Instructions per neuron per 32 inputs of the bit-plane loop: the 8 plane words of a column loaded
   * once per block of neurons (2, or 1 on rv32im), the weight word once, then 8 popcount steps
   * (xnorpopacc: 1; xnor + cpop + add: 3; SWAR: 12). With the XBNN2 unit ({@link PlaneUnitLayer}) the
   * input is not transposed; per neuron per chunk a weight load and one {@code bpacc}, and per block
   * the chunk's 8 loads, 4 pushes and 3 loop instructions; about 12 per neuron to clear, compare and
   * pack.
   */
  public static double bitPlaneStep(Isa isa) {
    return switch (isa) {
      case RV32IM_XBNN -> (8 + 2 + 16) / 2.0;
      case RV32IM_XBNN2 -> 2 + (8 + 4 + 3) / (double) PlaneUnitLayer.blockSize(Integer.MAX_VALUE);
      case RV32IM_ZBB -> (8 + 2 + 48) / 2.0;
      case RV32IM -> 8 + 1 + 8 * 12;
    };
  }
}
