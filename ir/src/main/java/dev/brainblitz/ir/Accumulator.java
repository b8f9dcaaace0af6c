package dev.brainblitz.ir;

/**
 * The range of a dense or scores accumulator, which follows from the IL semantics: over n bipolar
 * inputs the accumulator is a popcount in [0, n]; over n unsigned bytes it is a signed sum in
 * [-255 n, 255 n]. Backends size their adders and comparators from these bounds.
 */
public final class Accumulator {
  private Accumulator() {}

  public static long min(InputKind kind, int inputs) {
    return kind == InputKind.BIPOLAR ? 0 : -(long) kind.maxElement() * inputs;
  }

  public static long max(InputKind kind, int inputs) {
    return kind == InputKind.BIPOLAR ? inputs : (long) kind.maxElement() * inputs;
  }

  /**
   * The smallest threshold the IL accepts: one below the accumulator's minimum (for {@code le},
   * "never"). Anything further out would behave identically, so it is rejected as a likely mistake.
   */
  public static long minThreshold(InputKind kind, int inputs) {
    return min(kind, inputs) - 1;
  }

  /** The largest threshold the IL accepts: one above the accumulator's maximum ({@code ge}: "never"). */
  public static long maxThreshold(InputKind kind, int inputs) {
    return max(kind, inputs) + 1;
  }
}
