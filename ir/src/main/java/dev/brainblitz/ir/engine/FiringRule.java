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
  /** The inverted neurons as bits, 64 to a word, as {@link #pack} writes them. */
  private final long[] invertedBits;

  private FiringRule(int[] limit, int[] inverted) {
    this.limit = limit;
    this.invertedBits = new long[XnorRows.longsFor(limit.length)];
    for (int j = 0; j < limit.length; j++) {
      invertedBits[j >>> 6] |= (long) inverted[j] << j;
    }
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

  /**
   * Writes the activation bits of all neurons for the accumulators {@code acc} to {@code out}
   * ({@code longsFor(neurons)} words, padding bits 0). The sign bits are packed first and the
   * inverted neurons flipped a word at a time, which keeps the per-neuron loop short.
   */
  void pack(int[] acc, long[] out) {
    pack(acc, out, 0);
  }

  /** As {@link #pack(int[], long[])}, writing to {@code out[offset ..]}: one pixel of a feature map. */
  void pack(int[] acc, long[] out, int offset) {
    int neurons = limit.length;
    for (int word = 0, first = 0; first < neurons; word++, first += 64) {
      int end = Math.min(first + 64, neurons);
      long bits = 0;
      for (int j = first; j < end; j++) {
        bits |= (long) ((limit[j] - acc[j]) >>> 31) << j;
      }
      out[offset + word] = bits ^ invertedBits[word];
    }
  }
}
