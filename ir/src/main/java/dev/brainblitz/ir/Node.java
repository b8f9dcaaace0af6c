package dev.brainblitz.ir;

/**
 * One operation of a network. Nodes name their source by its node name; a valid model is a chain
 * {@code input -> [(conv2d -> threshold | maxpool)* -> flatten] -> (dense -> threshold)* -> scores}
 * declared in that order (docs/il.md, "Structure").
 */
public sealed interface Node
    permits Node.Input, Node.Dense, Node.Threshold, Node.Scores, Node.Conv2d, Node.MaxPool, Node.Flatten {

  String name();

  /** Where the node was declared. */
  SourceSpan span();

  /** Which operation this is; switch over it (without {@code default}) to handle every kind of node. */
  Op op();

  /** The keyword that introduces this node in the text and JSON forms. */
  default String keyword() {
    return op().keyword();
  }

  /** The kinds of node. */
  enum Op {
    INPUT("input"),
    DENSE("dense"),
    THRESHOLD("threshold"),
    SCORES("scores"),
    CONV2D("conv2d"),
    MAXPOOL("maxpool"),
    FLATTEN("flatten");

    private final String keyword;

    Op(String keyword) {
      this.keyword = keyword;
    }

    public String keyword() {
      return keyword;
    }
  }

  /** The network's input vector: {@code size} elements of one {@link InputKind}. */
  record Input(String name, InputKind kind, int size, SourceSpan span) implements Node {
    public Input(String name, InputKind kind, int size) {
      this(name, kind, size, SourceSpan.UNKNOWN);
    }

    @Override
    public Op op() {
      return Op.INPUT;
    }
  }

  /**
   * A binary matrix-vector product: neuron j's accumulator is computed from row j of
   * {@code weights} and the source vector (see {@code GoldenModel} for the exact rule per input kind).
   */
  record Dense(String name, String source, BitMatrix weights, SourceSpan span) implements Node {
    public Dense(String name, String source, BitMatrix weights) {
      this(name, source, weights, SourceSpan.UNKNOWN);
    }

    public int inputs() {
      return weights.columns();
    }

    public int outputs() {
      return weights.rows();
    }

    @Override
    public Op op() {
      return Op.DENSE;
    }
  }

  /**
   * Turns each accumulator of its source {@link Dense} into an activation bit by comparing it with
   * the neuron's threshold. {@code rowSpans} holds the position of each neuron's entry.
   */
  record Threshold(String name, String source, ThresholdTable table, SourceSpan span, SpanList rowSpans)
      implements Node {
    public Threshold(String name, String source, ThresholdTable table) {
      this(name, source, table, SourceSpan.UNKNOWN, SpanList.NONE);
    }

    public int neurons() {
      return table.neurons();
    }

    @Override
    public Op op() {
      return Op.THRESHOLD;
    }
  }

  /**
   * The final layer: integer scores {@code acc_j + bias_j}, one per class; the network's class is
   * the index of the largest score, the lowest index on ties. {@code bias} has one entry per class.
   */
  record Scores(String name, String source, BitMatrix weights, java.util.List<Integer> bias, SourceSpan span)
      implements Node {
    public Scores {
      bias = java.util.List.copyOf(bias);
      if (bias.size() != weights.rows()) {
        throw new IllegalArgumentException(
            "scores " + name + ": " + bias.size() + " biases for " + weights.rows() + " classes");
      }
    }

    public Scores(String name, String source, BitMatrix weights, java.util.List<Integer> bias) {
      this(name, source, weights, bias, SourceSpan.UNKNOWN);
    }

    /** Scores without bias. */
    public static Scores unbiased(String name, String source, BitMatrix weights) {
      return new Scores(name, source, weights, java.util.Collections.nCopies(weights.rows(), 0));
    }

    public int inputs() {
      return weights.columns();
    }

    public int classes() {
      return weights.rows();
    }

    public boolean hasBias() {
      return bias.stream().anyMatch(b -> b != 0);
    }

    @Override
    public Op op() {
      return Op.SCORES;
    }
  }

  /**
   * A binary convolution over a feature map of shape {@code image}: a {@code kernel x kernel} window
   * moved by {@code stride}, bordered as {@code padding} declares; one weight row per output channel,
   * column {@code (ky * kernel + kx) * C + c} for tap (ky, kx) and input channel c. Each output
   * pixel and channel gets an accumulator as a dense neuron over the window's elements does (see
   * docs/il.md); the {@link Threshold} that reads this node has one entry per output channel.
   */
  record Conv2d(String name, String source, MapShape image, int kernel, int stride, Padding padding,
      BitMatrix weights, SourceSpan span) implements Node {
    public Conv2d(String name, String source, MapShape image, int kernel, int stride, Padding padding,
        BitMatrix weights) {
      this(name, source, image, kernel, stride, padding, weights, SourceSpan.UNKNOWN);
    }

    /** Output channels: one per weight row. */
    public int outChannels() {
      return weights.rows();
    }

    /** Elements one output pixel and channel reads: {@code kernel * kernel * image channels}. */
    public long fanIn() {
      return (long) kernel * kernel * image.channels();
    }

    /** The shape arithmetic; only for nodes the validator accepted (it throws on a shape that does not fit). */
    public ConvGeometry geometry() {
      return ConvGeometry.of(image, kernel, stride, padding, outChannels());
    }

    @Override
    public Op op() {
      return Op.CONV2D;
    }
  }

  /**
   * Max-pooling of a binary feature map: output (y, x, c) is the OR of the {@code size x size}
   * window starting at (y * size, x * size), the maximum of its ±1 values; stride = size.
   */
  record MaxPool(String name, String source, int size, SourceSpan span) implements Node {
    public MaxPool(String name, String source, int size) {
      this(name, source, size, SourceSpan.UNKNOWN);
    }

    @Override
    public Op op() {
      return Op.MAXPOOL;
    }
  }

  /**
   * A feature map read as a vector: element (y, x, c) of an H x W x C map becomes element
   * {@code (y * W + x) * C + c} (height-major, channels innermost).
   */
  record Flatten(String name, String source, SourceSpan span) implements Node {
    public Flatten(String name, String source) {
      this(name, source, SourceSpan.UNKNOWN);
    }

    @Override
    public Op op() {
      return Op.FLATTEN;
    }
  }
}
