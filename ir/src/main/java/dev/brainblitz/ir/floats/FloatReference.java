package dev.brainblitz.ir.floats;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import java.util.ArrayList;
import java.util.List;

/**
 * The meaning of a {@link FloatModel}, as a literal interpreter: the oracle the fold of batch
 * normalization is tested against. Like the golden model it is written to be obvious, not fast.
 */
public final class FloatReference {
  private FloatReference() {}

  /** What one input produces: the activations of every hidden layer, then the scores. */
  public record Trace(List<InputVector> activations, InferenceResult result) {
    public Trace {
      activations = List.copyOf(activations);
    }
  }

  public static Trace run(FloatModel model, InputVector input) {
    if (input.kind() != model.inputKind() || input.size() != model.inputSize()) {
      throw new IllegalArgumentException("model '" + model.name() + "' takes " + model.inputSize() + " "
          + model.inputKind().keyword() + " elements, got " + input.size() + " " + input.kind().keyword());
    }
    // Element values as the float model sees them: ±1, or bytes 0..255.
    long[] values = new long[input.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = input.kind() == InputKind.BIPOLAR ? input.bipolar(i) : input.element(i);
    }
    List<InputVector> activations = new ArrayList<>();
    for (FloatLayer layer : model.hidden()) {
      long[] next = new long[layer.outputs()];
      int[] bits = new int[layer.outputs()];
      for (int j = 0; j < layer.outputs(); j++) {
        double y = layer.batchNorm().preActivation(j, dot(layer.weights(), j, values), layer.bias().get(j));
        bits[j] = y >= 0 ? 1 : 0;
        next[j] = y >= 0 ? +1 : -1;
      }
      activations.add(InputVector.of(InputKind.BIPOLAR, bits));
      values = next;
    }
    FloatScores output = model.output();
    InputKind kind = model.kindInto(model.hidden().size());
    int[] scores = new int[output.classes()];
    for (int c = 0; c < scores.length; c++) {
      long acc = Binarized.accumulator(kind, values.length, dot(output.weights(), c, values));
      scores[c] = Math.toIntExact(acc + (long) output.bias().get(c));
    }
    return new Trace(activations, InferenceResult.ofScores(scores));
  }

  /** The exact integer dot product of row {@code row}'s binarized weights with {@code values}. */
  public static long dot(FloatMatrix weights, int row, long[] values) {
    long dot = 0;
    for (int i = 0; i < values.length; i++) {
      dot += Binarized.weightBit(weights.get(row, i)) ? values[i] : -values[i];
    }
    return dot;
  }
}
