package dev.brainblitz.onnx;

/**
 * How a neuron's value becomes its output bit: the node that binarizes. Each is monotone in the
 * value, so together with the monotone {@link NeuronStep}s a neuron fires on one side of one
 * integer threshold.
 */
sealed interface Activation {

  boolean fires(int neuron, double v);

  /**
   * The activation as a comparison {@code v op t} with a constant, for reading a threshold the
   * graph states as an integer comparison exactly as written; null for the others.
   */
  Comparison comparison(int neuron);

  enum Op {
    GE, GT, LE, LT;

    boolean test(double v, double t) {
      return switch (this) {
        case GE -> v >= t;
        case GT -> v > t;
        case LE -> v <= t;
        case LT -> v < t;
      };
    }

    /** The operator with its operands swapped: {@code t op v} is {@code v op.swapped() t}. */
    Op swapped() {
      return switch (this) {
        case GE -> LE;
        case GT -> LT;
        case LE -> GE;
        case LT -> GT;
      };
    }

    Op negated() {
      return switch (this) {
        case GE -> LT;
        case GT -> LE;
        case LE -> GT;
        case LT -> GE;
      };
    }
  }

  record Comparison(Op op, double threshold) {}

  /** A comparison node (GreaterOrEqual, Greater, LessOrEqual, Less) or MultiThreshold with one threshold. */
  record Compare(Op op, double[] thresholds) implements Activation {
    @Override
    public boolean fires(int j, double v) {
      return op.test(v, thresholds[j]);
    }

    @Override
    public Comparison comparison(int j) {
      return new Comparison(op, thresholds[j]);
    }

    Compare negated() {
      return new Compare(op.negated(), thresholds);
    }
  }

  /** One level of a QONNX Quant node with two levels: fires when the value quantizes to the upper one. */
  record Quantized(QuantSpec spec, double[] scale, double[] zeroPoint) implements Activation {
    @Override
    public boolean fires(int j, double v) {
      return spec.level(v, scale[j], zeroPoint[j]) == spec.max();
    }

    @Override
    public Comparison comparison(int j) {
      return null;
    }
  }
}
