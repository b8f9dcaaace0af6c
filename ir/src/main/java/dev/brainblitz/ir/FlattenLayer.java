package dev.brainblitz.ir;

import java.util.List;

/**
 * The binary feature map {@code in} read as a vector, element (y, x, c) at {@code (y * W + x) * C + c}.
 * It computes nothing; it is a layer so that every backend sees where maps end and vectors begin.
 */
public record FlattenLayer(Node.Flatten flatten, MapShape in) implements Layer {

  @Override
  public Kind kind() {
    return Kind.FLATTEN;
  }

  @Override
  public String name() {
    return flatten.name();
  }

  @Override
  public InputKind inputKind() {
    return InputKind.BIPOLAR;
  }

  @Override
  public int inputs() {
    return in.size();
  }

  @Override
  public int outputs() {
    return in.size();
  }

  @Override
  public long weightBits() {
    return 0;
  }

  @Override
  public List<Node> nodes() {
    return List.of(flatten);
  }
}
