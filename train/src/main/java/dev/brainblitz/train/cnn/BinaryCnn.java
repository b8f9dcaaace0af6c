package dev.brainblitz.train.cnn;

import dev.brainblitz.ir.ConvGeometry;
import dev.brainblitz.ir.Padding;
import dev.brainblitz.ir.Accumulator;
import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.ThresholdTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trained binary convolutional network in its exact integer and bit form: what the exported
 * student computes, and what the IL's conv2d, maxpool and flatten nodes will compute (docs/train.md,
 * "Binary CNN semantics"). Immutable; the constructor checks that the shapes fit together.
 *
 * <p>A feature map is {@code height x width x channels}, element (y, x, c). The first layer reads
 * the input ({@code inputKind}: bytes or bits); every convolution or dense layer outputs bits
 * (bit 1 = +1). The layers run in order and the last one is {@link Scores}.
 */
public record BinaryCnn(String name, InputKind inputKind, int height, int width, int channels, List<Layer> layers) {
  /** One layer; {@link #op()} names its kind, for exhaustive switches. */
  public sealed interface Layer permits Conv, MaxPool, Flatten, Dense, Scores {
    Op op();
  }

  /** The kinds of layer. */
  public enum Op { CONV2D, MAXPOOL, FLATTEN, DENSE, SCORES }

  /**
   * A KxK convolution: one weight row per output channel, column {@code (ky * K + kx) * C + c} for
   * tap (ky, kx) and input channel c; one threshold per output channel, the same at every pixel.
   */
  public record Conv(int kernel, int stride, Padding padding, BitMatrix weights, ThresholdTable thresholds)
      implements Layer {
    @Override
    public Op op() {
      return Op.CONV2D;
    }

    public int outChannels() {
      return weights.rows();
    }
  }

  /** OR (the maximum of ±1 values) over size x size windows, stride size, per channel. */
  public record MaxPool(int size) implements Layer {
    @Override
    public Op op() {
      return Op.MAXPOOL;
    }
  }

  /** A feature map becomes a vector, element {@code (y * W + x) * C + c}: height-major. */
  public record Flatten() implements Layer {
    @Override
    public Op op() {
      return Op.FLATTEN;
    }
  }

  /** A binary dense layer with one threshold per neuron, as the IL's dense + threshold. */
  public record Dense(BitMatrix weights, ThresholdTable thresholds) implements Layer {
    @Override
    public Op op() {
      return Op.DENSE;
    }
  }

  /** The IL's scores: accumulators plus a bias per class; argmax, lowest index on ties. */
  public record Scores(BitMatrix weights, int[] bias) implements Layer {
    public Scores {
      bias = bias.clone();
    }

    @Override
    public Op op() {
      return Op.SCORES;
    }

    @Override
    public int[] bias() {
      return bias.clone();
    }

    public int classes() {
      return weights.rows();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Scores s && weights.equals(s.weights) && Arrays.equals(bias, s.bias);
    }

    @Override
    public int hashCode() {
      return weights.hashCode() * 31 + Arrays.hashCode(bias);
    }

    @Override
    public String toString() {
      return "Scores[" + weights.rows() + " classes, bias " + Arrays.toString(bias) + "]";
    }
  }

  /**
   * The data a layer reads: a feature map (or, after a flatten, a vector of {@code height} 1,
   * {@code width} 1 and {@code channels} elements) of bytes or bits.
   */
  public record Tensor(int height, int width, int channels, boolean flat, InputKind kind) {
    public int size() {
      return height * width * channels;
    }

    @Override
    public String toString() {
      return (flat ? Integer.toString(size()) : height + "x" + width + "x" + channels) + " "
          + (kind == InputKind.U8 ? "bytes" : "bits");
    }
  }

  public BinaryCnn {
    layers = List.copyOf(layers);
    List<String> problems = problems(inputKind, height, width, channels, layers);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /** The data each layer reads, one entry per layer. */
  public List<Tensor> inputs() {
    List<Tensor> shapes = new ArrayList<>();
    Tensor t = new Tensor(height, width, channels, false, inputKind);
    for (Layer layer : layers) {
      shapes.add(t);
      t = next(t, layer);
    }
    return shapes;
  }

  public Scores scores() {
    return (Scores) layers.get(layers.size() - 1);
  }

  public int classes() {
    return scores().classes();
  }

  /** Weight bits of every layer. */
  public long weightBits() {
    long bits = 0;
    for (Layer layer : layers) {
      BitMatrix w = weights(layer);
      bits += w == null ? 0 : (long) w.rows() * w.columns();
    }
    return bits;
  }

  /** The weights of a layer that has them, else null. */
  public static BitMatrix weights(Layer layer) {
    return switch (layer.op()) {
      case CONV2D -> ((Conv) layer).weights();
      case DENSE -> ((Dense) layer).weights();
      case SCORES -> ((Scores) layer).weights();
      case MAXPOOL, FLATTEN -> null;
    };
  }

  /** The geometry of a convolution that reads {@code in}. */
  public static ConvGeometry geometry(Tensor in, Conv conv) {
    return new ConvGeometry(in.height(), in.width(), in.channels(), conv.kernel(), conv.stride(), conv.padding(),
        conv.outChannels());
  }

  /** What {@code layer} makes of {@code in} (which it is assumed to accept). */
  static Tensor next(Tensor in, Layer layer) {
    return switch (layer.op()) {
      case CONV2D -> {
        Conv c = (Conv) layer;
        ConvGeometry g = geometry(in, c);
        yield new Tensor(g.outHeight(), g.outWidth(), c.outChannels(), false, InputKind.BIPOLAR);
      }
      case MAXPOOL -> {
        int size = ((MaxPool) layer).size();
        yield new Tensor(in.height() / size, in.width() / size, in.channels(), false, in.kind());
      }
      case FLATTEN -> new Tensor(1, 1, in.size(), true, in.kind());
      case DENSE -> new Tensor(1, 1, ((Dense) layer).weights().rows(), true, InputKind.BIPOLAR);
      case SCORES -> new Tensor(1, 1, ((Scores) layer).classes(), true, InputKind.BIPOLAR);
    };
  }

  /**
   * Everything wrong with these layers on this input, one message per problem, in order (the
   * first problem of a layer stops the walk, since later shapes would be meaningless).
   */
  public static List<String> problems(InputKind inputKind, int height, int width, int channels, List<Layer> layers) {
    List<String> problems = new ArrayList<>();
    if (height < 1 || width < 1 || channels < 1) {
      problems.add("the input " + height + "x" + width + "x" + channels + " must have positive sizes");
      return problems;
    }
    if (layers.isEmpty() || !(layers.get(layers.size() - 1) instanceof Scores)) {
      problems.add("the last layer must be scores");
      return problems;
    }
    Tensor t = new Tensor(height, width, channels, false, inputKind);
    for (int k = 0; k < layers.size(); k++) {
      Layer layer = layers.get(k);
      String problem = problem(t, layer, k == layers.size() - 1);
      if (problem != null) {
        problems.add("layer " + (k + 1) + ": " + problem);
        return problems;
      }
      t = next(t, layer);
    }
    return problems;
  }

  /** Why {@code layer} cannot read {@code in}, or null. */
  static String problem(Tensor in, Layer layer, boolean last) {
    if (layer instanceof Scores != last) {
      return last ? "the last layer must be scores" : "scores must be the last layer";
    }
    return switch (layer.op()) {
      case CONV2D -> {
        Conv c = (Conv) layer;
        if (in.flat()) {
          yield "a convolution reads a feature map, not a flattened vector";
        }
        String shape = ConvGeometry.problem(in.height(), in.width(), in.channels(), c.kernel(), c.stride(),
            c.padding().mode(), c.outChannels());
        if (shape != null) {
          yield shape;
        }
        if (!c.padding().fits(in.kind())) {
          yield "pad value " + c.padding().value() + " is not an element of its " + in.kind().keyword() + " input"
              + (in.kind() == InputKind.U8 ? " (a byte 0..255)" : " (-1 or +1)");
        }
        yield rows(c.weights(), c.kernel() * c.kernel() * in.channels(), c.thresholds(), in.kind());
      }
      case MAXPOOL -> {
        int size = ((MaxPool) layer).size();
        yield in.flat() ? "max-pooling reads a feature map, not a flattened vector"
            : in.kind() != InputKind.BIPOLAR ? "max-pooling reads bits (the output of a convolution), not bytes"
            : size < 1 ? "pool size " + size + " must be at least 1"
            : in.height() % size != 0 || in.width() % size != 0
                ? size + "x" + size + " pooling does not tile the " + in.height() + "x" + in.width() + " map"
                : null;
      }
      case FLATTEN -> in.flat() ? "the data is already flat" : null;
      case DENSE -> !in.flat() ? "a dense layer reads a vector: flatten the feature map first"
          : rows(((Dense) layer).weights(), in.size(), ((Dense) layer).thresholds(), in.kind());
      case SCORES -> {
        Scores s = (Scores) layer;
        if (!in.flat()) {
          yield "scores read a vector: flatten the feature map first";
        }
        if (s.weights().columns() != in.size()) {
          yield "weight rows of " + s.weights().columns() + " bits read " + in.size() + " inputs";
        }
        if (s.bias.length != s.classes()) {
          yield s.bias.length + " biases for " + s.classes() + " classes";
        }
        long min = Accumulator.min(in.kind(), in.size());
        long max = Accumulator.max(in.kind(), in.size());
        for (int c = 0; c < s.bias.length; c++) {
          if (min + s.bias[c] < Integer.MIN_VALUE || max + s.bias[c] > Integer.MAX_VALUE) {
            yield "bias " + s.bias[c] + " of class " + c + " lets a score leave 32 bits";
          }
        }
        yield null;
      }
    };
  }

  private static String rows(BitMatrix weights, int fanIn, ThresholdTable thresholds, InputKind kind) {
    if (weights.columns() != fanIn) {
      return "weight rows of " + weights.columns() + " bits where the input gives " + fanIn;
    }
    if (thresholds.neurons() != weights.rows()) {
      return thresholds.neurons() + " thresholds for " + weights.rows() + " outputs";
    }
    if (thresholds.levels() != 1) {
      return "one threshold per output";
    }
    long low = Accumulator.minThreshold(kind, fanIn);
    long high = Accumulator.maxThreshold(kind, fanIn);
    for (int j = 0; j < thresholds.neurons(); j++) {
      long t = thresholds.threshold(j);
      if (t < low || t > high) {
        return "threshold " + t + " of output " + j + " is outside [" + low + ", " + high + "]";
      }
    }
    return null;
  }
}
