package dev.brainblitz.ir;

/** How a neuron compares its accumulator with its threshold. */
public enum Direction {
  /** Output 1 when {@code acc >= t}: the folded form of batch-norm + sign with positive gamma. */
  GE("ge"),
  /** Output 1 when {@code acc <= t}: the flipped form, for negative gamma. */
  LE("le");

  private final String keyword;

  Direction(String keyword) {
    this.keyword = keyword;
  }

  public String keyword() {
    return keyword;
  }

  /** Whether an accumulator value passes threshold {@code t} in this direction. */
  public boolean passes(long acc, long t) {
    return this == GE ? acc >= t : acc <= t;
  }
}
