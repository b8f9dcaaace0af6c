package dev.brainblitz.ir.engine;

import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.ThresholdTable;

/**
 * A threshold table compiled into a branch-free test: neuron j fires when the sign bit of
 * {@code limit[j] - acc} differs from {@code inverted[j]}.
 *
 * <p>For {@code ge}, {@code acc >= t} is {@code (t - 1) - acc < 0}: limit {@code t - 1}, not inverted.
 * For {@code le}, {@code acc <= t} is {@code t - acc >= 0}: limit {@code t}, inverted. The IL keeps
 * thresholds within one of the accumulator range, so for an accumulator of n inputs the difference
 * stays below 510 n + 2 < 2^31 and int arithmetic cannot overflow.
 */
final class FiringRule {
  private final int[] limit;
  private final int[] inverted;

  private FiringRule(int[] limit, int[] inverted) {
    this.limit = limit;
    this.inverted = inverted;
  }

  static FiringRule of(ThresholdTable table) {
    int neurons = table.neurons();
    int[] limit = new int[neurons];
    int[] inverted = new int[neurons];
    for (int j = 0; j < neurons; j++) {
      int t = Math.toIntExact(table.threshold(j));
      boolean ge = table.direction(j) == Direction.GE;
      limit[j] = ge ? t - 1 : t;
      inverted[j] = ge ? 0 : 1;
    }
    return new FiringRule(limit, inverted);
  }

  /** 1 when neuron {@code neuron} fires for accumulator {@code acc}, else 0. */
  long bit(int neuron, int acc) {
    return ((limit[neuron] - acc) >>> 31) ^ inverted[neuron];
  }
}
