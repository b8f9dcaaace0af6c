package dev.brainblitz.ir;

import java.util.Arrays;

/**
 * What one inference produces: the integer score of every class and the class chosen by argmax
 * (largest score, lowest index on ties). Executors are compared on both, bit-exactly.
 */
public final class InferenceResult {
  private final int[] scores;
  private final int predictedClass;

  private InferenceResult(int[] scores, int predictedClass) {
    this.scores = scores;
    this.predictedClass = predictedClass;
  }

  /** A result whose class is the argmax of {@code scores}. */
  public static InferenceResult ofScores(int... scores) {
    return new InferenceResult(scores.clone(), argmax(scores));
  }

  /**
   * A result as an executor reported it, class included. It may disagree with the argmax of its
   * scores (a buggy backend); comparing it with the golden result then shows the mismatch.
   */
  public static InferenceResult reported(int[] scores, int predictedClass) {
    return new InferenceResult(scores.clone(), predictedClass);
  }

  /** The index of the largest value, the lowest index on ties. */
  public static int argmax(int[] scores) {
    int best = 0;
    for (int i = 1; i < scores.length; i++) {
      if (scores[i] > scores[best]) {
        best = i;
      }
    }
    return best;
  }

  public int predictedClass() {
    return predictedClass;
  }

  public int classes() {
    return scores.length;
  }

  public int score(int index) {
    return scores[index];
  }

  /** A copy of the scores. */
  public int[] scores() {
    return scores.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InferenceResult that
        && predictedClass == that.predictedClass
        && Arrays.equals(scores, that.scores);
  }

  @Override
  public int hashCode() {
    return 31 * predictedClass + Arrays.hashCode(scores);
  }

  @Override
  public String toString() {
    return "class " + predictedClass + " scores " + Arrays.toString(scores);
  }
}
