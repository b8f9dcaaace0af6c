package dev.brainblitz.ir.floats;

import dev.brainblitz.ir.InputKind;

/**
 * How a float layer is seen once its weights are binarized: the one rule for the sign of a weight,
 * and the exact relation between the ±1 dot product a float model computes and the accumulator of
 * the IL (docs/il.md). {@link FloatReference} and the {@code FoldBatchNorm} pass both use it.
 */
public final class Binarized {
  private Binarized() {}

  /** The binarized weight: +1 (true) when {@code w >= 0}, so 0 and -0 become +1; -1 otherwise. */
  public static boolean weightBit(double w) {
    return w >= 0;
  }

  /**
   * The IL accumulator for dot product {@code dot} over {@code inputs} elements of {@code kind}.
   * Over ±1 inputs the accumulator counts agreements, so {@code dot = agree - (n - agree)} and
   * {@code acc = (dot + n) / 2}; over bytes it is the signed sum itself.
   */
  public static long accumulator(InputKind kind, int inputs, long dot) {
    return switch (kind) {
      case BIPOLAR -> (dot + inputs) / 2;
      case U8 -> dot;
    };
  }

  /** The dot product of an accumulator value: the inverse of {@link #accumulator}. */
  public static long dot(InputKind kind, int inputs, long accumulator) {
    return switch (kind) {
      case BIPOLAR -> 2 * accumulator - inputs;
      case U8 -> accumulator;
    };
  }
}
