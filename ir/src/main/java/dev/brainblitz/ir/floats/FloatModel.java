package dev.brainblitz.ir.floats;

import dev.brainblitz.ir.InputKind;
import java.util.List;

/**
 * A trained network with float parameters, as a training framework exports it: an input of
 * {@code inputSize} elements of {@code inputKind}, hidden layers of binarized weights followed by
 * batch normalization and sign, and integer-biased output scores. The {@code FoldBatchNorm} pass
 * turns it into a binarized {@link dev.brainblitz.ir.Model}; {@link FloatReference} states its
 * meaning. Shapes are checked here; values (finite, valid variance, integral biases) by the reader
 * and the fold, which report them as diagnostics.
 */
public record FloatModel(String name, InputKind inputKind, int inputSize, List<FloatLayer> hidden, FloatScores output) {
  public FloatModel {
    hidden = List.copyOf(hidden);
    int size = inputSize;
    for (int k = 0; k < hidden.size(); k++) {
      if (hidden.get(k).inputs() != size) {
        throw new IllegalArgumentException("layer " + (k + 1) + " has " + hidden.get(k).inputs() + " inputs but receives "
            + size + " elements");
      }
      size = hidden.get(k).outputs();
    }
    if (output.inputs() != size) {
      throw new IllegalArgumentException("scores have " + output.inputs() + " inputs but receive " + size + " elements");
    }
  }

  /** The kind of the vector hidden layer {@code k} (0-based; {@code hidden().size()} for the scores) reads. */
  public InputKind kindInto(int k) {
    return k == 0 ? inputKind : InputKind.BIPOLAR;
  }
}
