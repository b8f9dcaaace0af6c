package dev.brainblitz.train;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.floats.Binarized;
import dev.brainblitz.ir.floats.FloatLayer;
import dev.brainblitz.ir.floats.FloatModel;
import dev.brainblitz.ir.floats.FloatScores;
import dev.brainblitz.train.data.ImageSet;
import dev.brainblitz.train.nn.Parallel;

/**
 * What a trained student predicts in float, on many images: the meaning of its
 * {@link FloatModel} ({@link dev.brainblitz.ir.floats.FloatReference}: exact integer dot products
 * of the sign weights, then {@code BatchNorm.preActivation} in double, sign; integer scores, argmax
 * with the lowest index on ties), written for speed with the signs precomputed. It never touches
 * the IL, so comparing it with the folded model checks the export.
 */
public final class StudentReference {
  private final FloatModel model;
  private final int[][] signs;
  private final int[] scoreSigns;

  public StudentReference(FloatModel model) {
    this.model = model;
    this.signs = new int[model.hidden().size()][];
    for (int k = 0; k < signs.length; k++) {
      signs[k] = signsOf(model.hidden().get(k).weights());
    }
    this.scoreSigns = signsOf(model.output().weights());
  }

  private static int[] signsOf(dev.brainblitz.ir.floats.FloatMatrix w) {
    int[] s = new int[w.rows() * w.columns()];
    for (int r = 0; r < w.rows(); r++) {
      double[] row = w.row(r);
      for (int c = 0; c < row.length; c++) {
        s[r * w.columns() + c] = Binarized.weightBit(row[c]) ? 1 : -1;
      }
    }
    return s;
  }

  /** Scores of one image; the predicted class is their argmax (lowest index on ties). */
  public int[] scores(ImageSet set, int image) {
    int[] values = new int[model.inputSize()];
    for (int i = 0; i < values.length; i++) {
      int pixel = set.pixel(image, i);
      values[i] = model.inputKind() == InputKind.U8 ? pixel : (pixel >= 128 ? 1 : -1);
    }
    for (int k = 0; k < signs.length; k++) {
      FloatLayer layer = model.hidden().get(k);
      int[] next = new int[layer.outputs()];
      for (int j = 0; j < next.length; j++) {
        long dot = dot(signs[k], j, values);
        double y = layer.batchNorm().preActivation(j, dot, layer.bias().get(j));
        next[j] = y >= 0 ? 1 : -1;
      }
      values = next;
    }
    FloatScores output = model.output();
    InputKind kind = model.kindInto(signs.length);
    int[] scores = new int[output.classes()];
    for (int c = 0; c < scores.length; c++) {
      long acc = Binarized.accumulator(kind, values.length, dot(scoreSigns, c, values));
      scores[c] = Math.toIntExact(acc + (long) output.bias().get(c));
    }
    return scores;
  }

  private static long dot(int[] signs, int row, int[] values) {
    int n = values.length;
    int o = row * n;
    int dot = 0;
    for (int i = 0; i < n; i++) {
      dot += signs[o + i] * values[i];
    }
    return dot;
  }

  /** Predictions and scores on every image of {@code set}. */
  public Evaluation evaluate(ImageSet set, Parallel parallel) {
    int n = set.count();
    int[] predictions = new int[n];
    int[][] scores = new int[n][];
    parallel.forEach(n, 256, (from, to) -> {
      for (int s = from; s < to; s++) {
        scores[s] = scores(set, s);
        predictions[s] = InferenceResult.argmax(scores[s]);
      }
    });
    return Evaluation.tally(predictions, scores, set, model.output().classes());
  }
}
