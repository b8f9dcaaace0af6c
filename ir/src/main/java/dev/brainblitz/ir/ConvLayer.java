package dev.brainblitz.ir;

import java.util.List;

/**
 * A hidden convolutional layer: a {@link Node.Conv2d} and the {@link Node.Threshold} that turns each
 * accumulator into a bit, with one threshold per output channel, the same at every pixel.
 * {@code inputKind} is the kind of the map the convolution reads (u8 only for the first layer of a
 * u8 network). Its input and output are feature maps ({@link #in()}, {@link #out()}).
 */
public record ConvLayer(Node.Conv2d conv, Node.Threshold threshold, InputKind inputKind) implements Layer {

  @Override
  public Kind kind() {
    return Kind.CONV2D;
  }

  @Override
  public String name() {
    return conv.name();
  }

  /** The shape arithmetic: output size, padding before, fan-in. */
  public ConvGeometry geometry() {
    return conv.geometry();
  }

  public MapShape in() {
    return conv.image();
  }

  public MapShape out() {
    return geometry().out();
  }

  @Override
  public int inputs() {
    return in().size();
  }

  @Override
  public int outputs() {
    return out().size();
  }

  @Override
  public long weightBits() {
    return (long) conv.outChannels() * conv.fanIn();
  }

  @Override
  public List<Node> nodes() {
    return List.of(conv, threshold);
  }

  /** The smallest value an accumulator can take: over the window's {@code K*K*C} elements. */
  public long accumulatorMin() {
    return Accumulator.min(inputKind, geometry().fanIn());
  }

  /** The largest value an accumulator can take. */
  public long accumulatorMax() {
    return Accumulator.max(inputKind, geometry().fanIn());
  }
}
