package dev.brainblitz.ir.faults;

import dev.brainblitz.ir.exec.ExecutorOptions;

/**
 * Transient faults on the activation bits between layers, as the golden model and the fast engine
 * apply them: for the vector of index v (counted over every run of an executor, from 0) and hidden
 * layer k (its index in {@code Network.layers()}), the output bits of a conv2d or dense layer's
 * threshold at the positions {@link FaultDraws} draws in stream (seed, activations, k, v), among the
 * layer's {@code outputs()} elements in the IL's order ((y * W + x) * C + c for a map), are
 * inverted before the next layer reads them. Pool and flatten layers, and the scores, have none.
 *
 * <p>Also an executor option: targets {@code golden} and {@code engine} apply it; other targets
 * refuse a rate above 0 (FLT005).
 */
public record ActivationFaults(double rate, long seed) implements ExecutorOptions.Backend {
  public static final ActivationFaults NONE = new ActivationFaults(0, 0);

  public ActivationFaults {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("activation fault rate outside [0, 1]: " + rate);
    }
  }

  /** Whether any fault can occur. */
  public boolean any() {
    return rate > 0;
  }

  /** The flipped positions of hidden layer {@code layer}'s {@code size} output bits for vector {@code vector}. */
  public FaultDraws draws(int layer, long vector, int size) {
    return FaultDraws.of(seed, FaultClass.ACTIVATIONS, layer, vector, rate, size);
  }
}
