package dev.brainblitz.onnx;

/**
 * One operation of the graph between a layer's matrix product and its activation, applied to
 * neuron j's value in double precision, exactly in the graph's order. Every step is monotone in
 * its input (non-decreasing or non-increasing), so the whole chain is, which is what lets the fold
 * find one exact integer threshold per neuron.
 */
sealed interface NeuronStep {

  double apply(int neuron, double v);

  /** What the step is, for messages: "a Mul", "the batch normalization". */
  String label();

  /**
   * The step as {@code v -> a v + b} for neuron j, composed onto {@code in}; null when the step is
   * not affine (batch-norm is affine in exact arithmetic but not as evaluated, so it says null).
   */
  Affine compose(int neuron, Affine in);

  /** {@code a x + b}, for the exact integer reading of comparisons and scores. */
  record Affine(double a, double b) {}

  /** The start of every chain: {@code a_j * dot + b_j}, dot the exact integer product of the sign weights and the layer input. */
  record Linear(double[] a, double[] b) implements NeuronStep {
    @Override
    public String label() {
      return "the matrix product";
    }

    @Override
    public double apply(int j, double dot) {
      return a[j] * dot + b[j];
    }

    @Override
    public Affine compose(int j, Affine in) {
      return new Affine(a[j] * in.a(), a[j] * in.b() + b[j]);
    }
  }

  record Add(double[] c) implements NeuronStep {
    @Override
    public String label() {
      return "an Add";
    }

    @Override
    public double apply(int j, double v) {
      return v + c[j];
    }

    @Override
    public Affine compose(int j, Affine in) {
      return new Affine(in.a(), in.b() + c[j]);
    }
  }

  record Subtract(double[] c) implements NeuronStep {
    @Override
    public String label() {
      return "a Sub";
    }

    @Override
    public double apply(int j, double v) {
      return v - c[j];
    }

    @Override
    public Affine compose(int j, Affine in) {
      return new Affine(in.a(), in.b() - c[j]);
    }
  }

  /** {@code c - v}: a constant minus the value. */
  record SubtractFrom(double[] c) implements NeuronStep {
    @Override
    public String label() {
      return "a Sub";
    }

    @Override
    public double apply(int j, double v) {
      return c[j] - v;
    }

    @Override
    public Affine compose(int j, Affine in) {
      return new Affine(-in.a(), c[j] - in.b());
    }
  }

  record Multiply(double[] c) implements NeuronStep {
    @Override
    public String label() {
      return "a Mul";
    }

    @Override
    public double apply(int j, double v) {
      return v * c[j];
    }

    @Override
    public Affine compose(int j, Affine in) {
      return new Affine(in.a() * c[j], in.b() * c[j]);
    }
  }

  record Divide(double[] c) implements NeuronStep {
    @Override
    public String label() {
      return "a Div";
    }

    @Override
    public double apply(int j, double v) {
      return v / c[j];
    }

    @Override
    public Affine compose(int j, Affine in) {
      return new Affine(in.a() / c[j], in.b() / c[j]);
    }
  }

  /** ONNX BatchNormalization in inference mode: {@code (v - mean) / sqrt(var + epsilon) * scale + bias}. */
  record BatchNorm(double[] scale, double[] bias, double[] mean, double[] variance, double epsilon)
      implements NeuronStep {
    @Override
    public String label() {
      return "the batch normalization";
    }

    @Override
    public double apply(int j, double v) {
      return (v - mean[j]) / Math.sqrt(variance[j] + epsilon) * scale[j] + bias[j];
    }

    @Override
    public Affine compose(int j, Affine in) {
      return null;
    }
  }

  /** Clip (hard-tanh is {@code Clip(-1, 1)}, ReLU is {@code Clip(0, +inf)}). */
  record Clip(double low, double high) implements NeuronStep {
    @Override
    public String label() {
      return "a Clip";
    }

    @Override
    public double apply(int j, double v) {
      return Math.min(Math.max(v, low), high);
    }

    @Override
    public Affine compose(int j, Affine in) {
      return null;
    }
  }
}
