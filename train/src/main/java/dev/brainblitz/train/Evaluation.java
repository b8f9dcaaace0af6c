package dev.brainblitz.train;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.engine.FastEngine;
import dev.brainblitz.train.data.ImageSet;
import dev.brainblitz.train.nn.Parallel;
import java.util.List;

/**
 * A model's predictions on labelled images: accuracy and the confusion matrix (row = true class,
 * column = predicted class). A u8 model reads the pixels as they are; a bipolar model reads pixel
 * {@code >= 128} as +1 and the rest as -1 (the convention of a student trained on binarized
 * pixels). Runs the fast engine, which the golden model keeps honest.
 */
public record Evaluation(int[] predictions, int[][] scores, int[][] confusion, int correct) {
  public int total() {
    return predictions.length;
  }

  public double accuracy() {
    return total() == 0 ? 0 : (double) correct / total();
  }

  /** The input vector the IL model sees for image {@code image}. */
  public static InputVector input(InputKind kind, ImageSet set, int image) {
    int[] elements = new int[set.imageSize()];
    for (int i = 0; i < elements.length; i++) {
      int pixel = set.pixel(image, i);
      elements[i] = kind == InputKind.U8 ? pixel : (pixel >= 128 ? 1 : 0);
    }
    return InputVector.of(kind, elements);
  }

  public static Evaluation of(Network network, ImageSet set, Parallel parallel) {
    set.requireFits(network.inputSize(), network.classes(), "model '" + network.name() + "'");
    FastEngine engine = FastEngine.compile(network);
    InputKind kind = network.input().kind();
    int n = set.count();
    int[] predictions = new int[n];
    int[][] scores = new int[n][network.classes()];
    parallel.forEach(n, 256, (from, to) -> {
      var scratch = engine.newScratch();
      for (int s = from; s < to; s++) {
        InputVector v = input(kind, set, s);
        predictions[s] = kind == InputKind.U8 ? engine.infer(v.bytes(), scores[s], scratch)
            : engine.infer(v.packedWords(), scores[s], scratch);
      }
    });
    return tally(predictions, scores, set, network.classes());
  }

  /** Accuracy and confusion of given predictions. */
  public static Evaluation tally(int[] predictions, int[][] scores, ImageSet set, int classes) {
    int labels = Math.max(classes, set.classes());
    int[][] confusion = new int[labels][labels];
    int correct = 0;
    for (int s = 0; s < predictions.length; s++) {
      confusion[set.label(s)][predictions[s]]++;
      correct += predictions[s] == set.label(s) ? 1 : 0;
    }
    return new Evaluation(predictions, scores, confusion, correct);
  }

  /** The accuracy line and the confusion matrix as a table, with class names when known. */
  public String report(List<String> classNames) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("accuracy: %d/%d = %.2f%%%n%n", correct, total(), 100 * accuracy()));
    out.append("confusion matrix (rows: true class, columns: predicted class)\n");
    int k = confusion.length;
    out.append(String.format("%-16s", "true \\ predicted"));
    for (int c = 0; c < k; c++) {
      out.append(String.format(" %5d", c));
    }
    out.append("  recall\n");
    for (int r = 0; r < k; r++) {
      String name = r < classNames.size() ? r + " " + classNames.get(r) : Integer.toString(r);
      out.append(String.format("%-16s", name.length() > 16 ? name.substring(0, 16) : name));
      int row = 0;
      for (int c = 0; c < k; c++) {
        out.append(String.format(" %5d", confusion[r][c]));
        row += confusion[r][c];
      }
      out.append(row == 0 ? "       -" : String.format(" %6.1f%%", 100.0 * confusion[r][r] / row)).append('\n');
    }
    return out.toString();
  }
}
