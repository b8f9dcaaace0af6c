package dev.brainblitz.ir.engine;

import dev.brainblitz.ir.Node;

/**
 * The scores layer over a bipolar vector: score_c = popcount(XNOR(x, w_c)) + bias_c, and the argmax,
 * lowest index on ties, taken in the same pass. The IL bounds the bias so no score overflows an int.
 */
final class BipolarScores {
  private final XnorRows rows;
  private final int[] bias;

  private BipolarScores(XnorRows rows, int[] bias) {
    this.rows = rows;
    this.bias = bias;
  }

  static BipolarScores of(Node.Scores scores) {
    return new BipolarScores(XnorRows.of(scores.weights()), scores.bias().stream().mapToInt(Integer::intValue).toArray());
  }

  int inputs() {
    return rows.inputs();
  }

  /** Writes the scores for {@code in} to {@code out[0 .. classes)} and returns the class. */
  int score(long[] in, int[] out) {
    int best = 0;
    int bestScore = Integer.MIN_VALUE;
    for (int c = 0; c < bias.length; c++) {
      int score = rows.agreements(in, c) + bias[c];
      out[c] = score;
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    return best;
  }
}
