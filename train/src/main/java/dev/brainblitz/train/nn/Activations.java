package dev.brainblitz.train.nn;

/** The activations and the gradients their backward passes use. */
public final class Activations {
  private Activations() {}

  /** The binary activation: +1 when {@code y >= 0} (as the IL's thresholds fire), else -1. */
  public static float sign(float y) {
    return y >= 0 ? 1f : -1f;
  }

  /**
   * The straight-through estimator of {@link #sign}: the derivative of hardtanh
   * ({@code clip(y, -1, 1)}), 1 where {@code |y| <= 1} and 0 elsewhere.
   */
  public static float signGradient(float y) {
    return Math.abs(y) <= 1f ? 1f : 0f;
  }

  public static float relu(float y) {
    return Math.max(0f, y);
  }

  public static float reluGradient(float y) {
    return y > 0f ? 1f : 0f;
  }
}
