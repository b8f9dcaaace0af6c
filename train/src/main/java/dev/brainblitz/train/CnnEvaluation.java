package dev.brainblitz.train;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.train.cnn.BitInference;
import dev.brainblitz.train.data.ImageSet;
import dev.brainblitz.train.nn.Parallel;

/** A binary CNN's exact predictions on labelled images (see {@link Evaluation}). */
public final class CnnEvaluation {
  private CnnEvaluation() {}

  /**
   * The input elements of image {@code image}: the pixels for a u8 network, 1 for pixel {@code >=
   * 128} and 0 otherwise for a bipolar one (the convention of a student trained on binarized pixels).
   */
  public static int[] input(InputKind kind, ImageSet set, int image) {
    int[] elements = new int[set.imageSize()];
    for (int i = 0; i < elements.length; i++) {
      int pixel = set.pixel(image, i);
      elements[i] = kind == InputKind.U8 ? pixel : (pixel >= 128 ? 1 : 0);
    }
    return elements;
  }

  public static Evaluation of(BitInference inference, ImageSet set, Parallel parallel) {
    var cnn = inference.network();
    set.requireFits(cnn.height() * cnn.width() * cnn.channels(), cnn.classes(), "network '" + cnn.name() + "'");
    int n = set.count();
    int[] predictions = new int[n];
    int[][] scores = new int[n][];
    parallel.forEach(n, 64, (from, to) -> {
      for (int s = from; s < to; s++) {
        scores[s] = inference.scores(input(cnn.inputKind(), set, s));
        predictions[s] = InferenceResult.argmax(scores[s]);
      }
    });
    return Evaluation.tally(predictions, scores, set, cnn.classes());
  }
}
