package dev.brainblitz.ir.passes;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.ModelValidator;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.golden.GoldenModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the activations of a hidden layer through the golden model, which only reports scores:
 * the network is cut after that layer and given probe scores. Probe class j has weight +1 on input
 * j and -1 elsewhere; one extra class has -1 everywhere. Their accumulators differ exactly by the
 * ±1 value of input j, so activation j is 1 when score j beats the extra score.
 */
final class HiddenActivations {
  private HiddenActivations() {}

  /** The activations of hidden layer {@code layer} (0-based) for {@code input}, as a bipolar vector. */
  static InputVector of(Network network, int layer, InputVector input) {
    int width = network.layers().get(layer).outputs();
    List<Node> nodes = new ArrayList<>(network.model().nodes().subList(0, 3 + 2 * layer));
    boolean[][] probe = new boolean[width + 1][width];
    for (int j = 0; j < width; j++) {
      probe[j][j] = true;
    }
    String source = nodes.get(nodes.size() - 1).name();
    nodes.add(Node.Scores.unbiased("probe", source, BitMatrix.fromBits(probe)));
    InferenceResult scores = new GoldenModel(ModelValidator.validate(new Model("probe", nodes))).infer(input);
    int[] bits = new int[width];
    for (int j = 0; j < width; j++) {
      int difference = scores.score(j) - scores.score(width);
      if (difference != 1 && difference != -1) {
        throw new AssertionError("probe difference " + difference + " is not ±1");
      }
      bits[j] = difference > 0 ? 1 : 0;
    }
    return InputVector.of(InputKind.BIPOLAR, bits);
  }
}
