package dev.brainblitz.ir;

import java.util.List;

/**
 * A max-pooling layer over the binary feature map {@code in}: output (y, x, c) is the OR of the
 * {@code size x size} window at (y * size, x * size). No weights.
 */
public record PoolLayer(Node.MaxPool pool, MapShape in) implements Layer {

  @Override
  public Kind kind() {
    return Kind.MAXPOOL;
  }

  @Override
  public String name() {
    return pool.name();
  }

  public int size() {
    return pool.size();
  }

  public MapShape out() {
    return new MapShape(in.height() / pool.size(), in.width() / pool.size(), in.channels());
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
    return out().size();
  }

  @Override
  public long weightBits() {
    return 0;
  }

  @Override
  public List<Node> nodes() {
    return List.of(pool);
  }
}
