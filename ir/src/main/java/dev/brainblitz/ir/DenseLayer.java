package dev.brainblitz.ir;

import java.util.List;

/**
 * A hidden fully connected layer: a {@link Node.Dense} product and the {@link Node.Threshold} that
 * turns each neuron's accumulator into an activation bit. {@code inputKind} is the kind of the
 * vector the product reads (u8 only for the first layer of a u8 network).
 */
public record DenseLayer(Node.Dense dense, Node.Threshold threshold, InputKind inputKind) implements Layer {

  @Override
  public Kind kind() {
    return Kind.DENSE;
  }

  @Override
  public String name() {
    return dense.name();
  }

  @Override
  public int inputs() {
    return dense.inputs();
  }

  @Override
  public int outputs() {
    return dense.outputs();
  }

  @Override
  public long weightBits() {
    return (long) dense.outputs() * dense.inputs();
  }

  @Override
  public List<Node> nodes() {
    return List.of(dense, threshold);
  }

  /** The smallest value a neuron's accumulator can take ({@link Accumulator#min}). */
  public long accumulatorMin() {
    return Accumulator.min(inputKind, inputs());
  }

  /** The largest value a neuron's accumulator can take ({@link Accumulator#max}). */
  public long accumulatorMax() {
    return Accumulator.max(inputKind, inputs());
  }
}
