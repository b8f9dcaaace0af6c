package dev.brainblitz.ir.engine;

import dev.brainblitz.ir.Node;

/**
 * The scores layer of a network without hidden layers over u8 input: score_c = acc_c + bias_c from
 * the input's bit planes, and the argmax, lowest index on ties. The IL bounds the bias so no score
 * overflows an int.
 */
final class U8Scores {
  private final PlaneColumns columns;
  private final int[] bias;

  private U8Scores(PlaneColumns columns, int[] bias) {
    this.columns = columns;
    this.bias = bias;
  }

  static U8Scores of(Node.Scores scores) {
    return new U8Scores(PlaneColumns.of(scores.weights()), scores.bias().stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * Writes the scores for the input given as bit planes and element sum to {@code out[0 .. classes)}
   * and returns the class. The accumulators are computed in {@code out} itself.
   */
  int score(int[] planes, int elementSum, int[] out) {
    columns.accumulate(planes, elementSum, out);
    int best = 0;
    for (int c = 0; c < bias.length; c++) {
      out[c] += bias[c];
      if (out[c] > out[best]) {
        best = c;
      }
    }
    return best;
  }
}
