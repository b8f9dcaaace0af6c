package dev.brainblitz.ir;

import java.util.Arrays;

/**
 * Per-neuron thresholds with a direction. A neuron has {@link #levels()} thresholds, all compared
 * in its one direction; with one level the neuron's output is the single bit {@code acc >= t} (or
 * {@code acc <= t} when its direction is {@link Direction#LE}). Several levels (multi-bit
 * activations, output = the number of thresholds passed) are representable so the model can grow
 * into them; the validator rejects them until a backend supports them.
 */
public final class ThresholdTable {
  private final int neurons;
  private final int levels;
  private final long[] thresholds;
  private final Direction[] directions;

  private ThresholdTable(int neurons, int levels, long[] thresholds, Direction[] directions) {
    this.neurons = neurons;
    this.levels = levels;
    this.thresholds = thresholds;
    this.directions = directions;
  }

  /** A one-level table: neuron j outputs {@code directions[j].passes(acc, thresholds[j])}. */
  public static ThresholdTable of(long[] thresholds, Direction[] directions) {
    return of(1, thresholds, directions);
  }

  /**
   * A table with {@code levels} thresholds per neuron; neuron j's thresholds are
   * {@code thresholds[j * levels .. (j + 1) * levels)}.
   */
  public static ThresholdTable of(int levels, long[] thresholds, Direction[] directions) {
    if (levels < 1 || directions.length < 1 || thresholds.length != (long) levels * directions.length) {
      throw new IllegalArgumentException(
          "thresholds: " + thresholds.length + " values for " + directions.length + " neurons x " + levels + " levels");
    }
    for (Direction d : directions) {
      if (d == null) {
        throw new IllegalArgumentException("null direction");
      }
    }
    return new ThresholdTable(directions.length, levels, thresholds.clone(), directions.clone());
  }

  public int neurons() {
    return neurons;
  }

  public int levels() {
    return levels;
  }

  /** The first (for one-level tables, the only) threshold of neuron {@code neuron}. */
  public long threshold(int neuron) {
    return threshold(neuron, 0);
  }

  public long threshold(int neuron, int level) {
    if (neuron < 0 || neuron >= neurons || level < 0 || level >= levels) {
      throw new IndexOutOfBoundsException("threshold " + level + " of neuron " + neuron);
    }
    return thresholds[neuron * levels + level];
  }

  public Direction direction(int neuron) {
    return directions[neuron];
  }

  /** A new table holding the given neurons, in the given order. */
  public ThresholdTable selectNeurons(int[] keep) {
    long[] t = new long[keep.length * levels];
    Direction[] d = new Direction[keep.length];
    for (int i = 0; i < keep.length; i++) {
      System.arraycopy(thresholds, keep[i] * levels, t, i * levels, levels);
      d[i] = directions[keep[i]];
    }
    return of(levels, t, d);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ThresholdTable that
        && levels == that.levels
        && Arrays.equals(thresholds, that.thresholds)
        && Arrays.equals(directions, that.directions);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * levels + Arrays.hashCode(thresholds)) + Arrays.hashCode(directions);
  }

  @Override
  public String toString() {
    return "ThresholdTable[" + neurons + "x" + levels + "]";
  }
}
