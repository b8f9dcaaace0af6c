package dev.brainblitz.ir;

/**
 * One operation of a network. Nodes name their source by its node name; a valid model is a chain
 * {@code input -> (dense -> threshold)* -> scores} declared in that order.
 */
public sealed interface Node permits Node.Input, Node.Dense, Node.Threshold, Node.Scores {

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
    SCORES("scores");

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
}
