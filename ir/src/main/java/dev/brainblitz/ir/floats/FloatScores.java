package dev.brainblitz.ir.floats;

/**
 * The output layer of a float model. It already speaks the IL: the score of class c is
 * {@code acc_c + bias_c}, where {@code acc_c} is the IL accumulator of the binarized row c over the
 * layer input (over ±1 inputs the number of agreements, {@code (dot + n) / 2}; over bytes the
 * signed sum). A trainer whose logits are {@code dot + b} ranks classes exactly as scores with
 * bias {@code b / 2}. Biases must be integers (held as doubles so that a reader can report a
 * fractional one with its position).
 */
public record FloatScores(FloatMatrix weights, FloatVector bias) {
  public FloatScores {
    if (bias.size() != weights.rows()) {
      throw new IllegalArgumentException(weights.rows() + " classes but " + bias.size() + " biases");
    }
  }

  public FloatScores(double[][] weights, double[] bias) {
    this(FloatMatrix.of(weights), FloatVector.of(bias));
  }

  public int inputs() {
    return weights.columns();
  }

  public int classes() {
    return weights.rows();
  }

  /** Whether {@code bias} is a usable score bias: an integer that fits 32 bits. */
  public static boolean isIntegralBias(double bias) {
    return bias == Math.rint(bias) && Math.abs(bias) <= Integer.MAX_VALUE;
  }
}
