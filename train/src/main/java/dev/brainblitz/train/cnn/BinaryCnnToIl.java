package dev.brainblitz.train.cnn;

import dev.brainblitz.ir.MapShape;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.ModelValidator;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A binary CNN checkpoint as an IL model: each layer of the {@link BinaryCnn} becomes the IL nodes
 * with the same meaning (docs/il.md): a convolution its {@code conv2d} and {@code threshold}, a
 * pooling a {@code maxpool}, the flatten a {@code flatten}, a dense layer its {@code dense} and
 * {@code threshold}, the scores {@code scores}. Weights, thresholds, padding and biases are copied
 * bit for bit, so {@link BitInference} and the IL's golden model give the same scores on every input
 * (a test checks it). The result is validated like any other model.
 */
public final class BinaryCnnToIl {
  private BinaryCnnToIl() {}

  public static Network network(BinaryCnn cnn) {
    List<Node> nodes = new ArrayList<>();
    nodes.add(new Node.Input("x", cnn.inputKind(), cnn.height() * cnn.width() * cnn.channels()));
    String previous = "x";
    List<BinaryCnn.Tensor> inputs = cnn.inputs();
    int convs = 0;
    int pools = 0;
    int denses = 0;
    for (int k = 0; k < cnn.layers().size(); k++) {
      BinaryCnn.Layer layer = cnn.layers().get(k);
      BinaryCnn.Tensor in = inputs.get(k);
      switch (layer.op()) {
        case CONV2D -> {
          var conv = (BinaryCnn.Conv) layer;
          convs++;
          var image = new MapShape(in.height(), in.width(), in.channels());
          nodes.add(new Node.Conv2d("conv" + convs, previous, image, conv.kernel(), conv.stride(), conv.padding(),
              conv.weights()));
          nodes.add(new Node.Threshold("cact" + convs, "conv" + convs, conv.thresholds()));
          previous = "cact" + convs;
        }
        case MAXPOOL -> {
          pools++;
          nodes.add(new Node.MaxPool("pool" + pools, previous, ((BinaryCnn.MaxPool) layer).size()));
          previous = "pool" + pools;
        }
        case FLATTEN -> {
          nodes.add(new Node.Flatten("flat", previous));
          previous = "flat";
        }
        case DENSE -> {
          var dense = (BinaryCnn.Dense) layer;
          denses++;
          nodes.add(new Node.Dense("fc" + denses, previous, dense.weights()));
          nodes.add(new Node.Threshold("act" + denses, "fc" + denses, dense.thresholds()));
          previous = "act" + denses;
        }
        case SCORES -> {
          var scores = (BinaryCnn.Scores) layer;
          nodes.add(new Node.Scores("out", previous, scores.weights(),
              Arrays.stream(scores.bias()).boxed().toList()));
        }
      }
    }
    return ModelValidator.validate(new Model(cnn.name(), nodes));
  }
}
