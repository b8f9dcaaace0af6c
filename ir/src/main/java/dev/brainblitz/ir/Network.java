package dev.brainblitz.ir;

import dev.brainblitz.ir.diag.DiagnosticException;
import java.util.List;

/**
 * A validated model seen as what every backend builds: an input, a chain of binary layers (a
 * {@link Node.Dense} followed by its {@link Node.Threshold}), and the final {@link Node.Scores}.
 * Only {@link #of(Model)} creates one, so holding a {@code Network} means the model is valid.
 */
public record Network(Model model, Node.Input input, List<Layer> layers, Node.Scores scores) {

  /** One hidden layer: a dense product and the thresholds that binarize its accumulators. */
  public record Layer(Node.Dense dense, Node.Threshold threshold, InputKind inputKind) {
    public int inputs() {
      return dense.inputs();
    }

    public int outputs() {
      return dense.outputs();
    }

    public long accumulatorMin() {
      return Accumulator.min(inputKind, inputs());
    }

    public long accumulatorMax() {
      return Accumulator.max(inputKind, inputs());
    }
  }

  public Network {
    layers = List.copyOf(layers);
  }

  /** Validates {@code model} and returns its network view, or throws every problem found. */
  public static Network of(Model model) {
    var problems = ModelValidator.validate(model);
    if (!problems.isEmpty()) {
      throw new DiagnosticException(problems, dev.brainblitz.ir.diag.SourceTexts.NONE);
    }
    return chainOf(model);
  }

  /** Builds the view of a model the validator has accepted. */
  static Network chainOf(Model model) {
    var nodes = model.nodes();
    var input = (Node.Input) nodes.get(0);
    var layers = new java.util.ArrayList<Layer>();
    InputKind kind = input.kind();
    for (int i = 1; i + 1 < nodes.size(); i += 2) {
      layers.add(new Layer((Node.Dense) nodes.get(i), (Node.Threshold) nodes.get(i + 1), kind));
      kind = InputKind.BIPOLAR;
    }
    return new Network(model, input, layers, (Node.Scores) nodes.get(nodes.size() - 1));
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
      bits += (long) layer.outputs() * layer.inputs();
    }
    return bits;
  }
}
