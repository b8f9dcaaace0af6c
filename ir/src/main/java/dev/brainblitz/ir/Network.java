package dev.brainblitz.ir;

import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * A valid model seen as what every backend builds: an input, a chain of hidden {@link Layer}s, and
 * the final {@link Node.Scores}. Holding a {@code Network} means the model passed
 * {@link ModelValidator}: the validator is the only code that creates one (its factory is
 * package-private and only the validator calls it), so front ends return a {@code Network}, passes
 * map {@code Network -> Network}, and backends never validate again.
 *
 * <p>Two networks are equal when their models are: the view is a function of the model.
 */
public final class Network {
  private final Model model;
  private final Node.Input input;
  private final List<Layer> layers;
  private final Node.Scores scores;

  private Network(Model model, Node.Input input, List<Layer> layers, Node.Scores scores) {
    this.model = model;
    this.input = input;
    this.layers = List.copyOf(layers);
    this.scores = scores;
  }

  /**
   * The view of a model {@link ModelValidator} has accepted: the chain
   * {@code input -> layer* -> scores}, one {@link Layer} per group of nodes. Only the validator calls
   * this; on any other model the casts below would fail.
   */
  static Network ofValidModel(Model model) {
    var nodes = model.nodes();
    var input = (Node.Input) nodes.get(0);
    var layers = new ArrayList<Layer>();
    InputKind kind = input.kind();
    MapShape map = null; // the shape of the feature map between convolutional layers
    int i = 1;
    while (i < nodes.size() - 1) {
      Node first = nodes.get(i);
      Layer layer = switch (first.op()) {
        case DENSE -> new DenseLayer((Node.Dense) first, (Node.Threshold) nodes.get(i + 1), kind);
        case CONV2D -> new ConvLayer((Node.Conv2d) first, (Node.Threshold) nodes.get(i + 1), kind);
        case MAXPOOL -> new PoolLayer((Node.MaxPool) first, map);
        case FLATTEN -> new FlattenLayer((Node.Flatten) first, map);
        case INPUT, THRESHOLD, SCORES -> throw new IllegalStateException(
            "a valid model has no layer starting with " + first.keyword() + " '" + first.name() + "'");
      };
      map = switch (layer.kind()) {
        case CONV2D -> ((ConvLayer) layer).out();
        case MAXPOOL -> ((PoolLayer) layer).out();
        case DENSE, FLATTEN -> null;
      };
      layers.add(layer);
      i += layer.nodes().size();
      kind = InputKind.BIPOLAR;
    }
    return new Network(model, input, layers, (Node.Scores) nodes.get(nodes.size() - 1));
  }

  /** Whether every hidden layer is a {@link DenseLayer} (what the hardware and RISC-V backends build today). */
  public boolean denseOnly() {
    return layers.stream().allMatch(layer -> layer.kind() == Layer.Kind.DENSE);
  }

  /**
   * The error a backend that cannot build {@code layer}'s kind yet gives (BIL109): exit status 1,
   * the layer's position, which backend, and the issue that will add it.
   */
  public static DiagnosticException unsupported(Layer layer, String backend) {
    Node node = layer.nodes().get(0);
    return new DiagnosticException(new Diagnostic(ErrorCode.LAYER_NOT_SUPPORTED, node.span(),
        node.keyword() + " '" + node.name() + "': " + node.keyword() + " is not supported by the " + backend
            + " yet; the golden model, the engine, the Verilog backend and the RISC-V kernels run it"));
  }

  /** The model this network is a view of, as read (with its source positions). */
  public Model model() {
    return model;
  }

  public Node.Input input() {
    return input;
  }

  /** The hidden layers in stream order; empty when the scores read the input directly. */
  public List<Layer> layers() {
    return layers;
  }

  public Node.Scores scores() {
    return scores;
  }

  public String name() {
    return model.name();
  }

  /** The kind of the vector the scores layer reads: the input's when there is no hidden layer. */
  public InputKind scoresInputKind() {
    return layers.isEmpty() ? input.kind() : InputKind.BIPOLAR;
  }

  public int inputSize() {
    return input.size();
  }

  public int classes() {
    return scores.classes();
  }

  /** Total number of weight bits, hidden and output layers together. */
  public long weightBits() {
    long bits = (long) scores.classes() * scores.inputs();
    for (Layer layer : layers) {
      bits += layer.weightBits();
    }
    return bits;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Network that && model.equals(that.model);
  }

  @Override
  public int hashCode() {
    return model.hashCode();
  }

  @Override
  public String toString() {
    return "Network[" + model.name() + ": " + layers.size() + " hidden layers, " + classes() + " classes]";
  }
}
