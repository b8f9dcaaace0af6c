package dev.brainblitz.ir.floats;

/**
 * Batch normalization of one layer's pre-activations, per neuron j:
 * {@code gamma_j * (x - mean_j) / sqrt(variance_j + epsilon) + beta_j}.
 */
public record BatchNorm(FloatVector gamma, FloatVector beta, FloatVector mean, FloatVector variance, double epsilon) {
  public BatchNorm {
    int n = gamma.size();
    if (n == 0 || beta.size() != n || mean.size() != n || variance.size() != n) {
      throw new IllegalArgumentException("batch-norm vectors differ in length: gamma " + n + ", beta " + beta.size()
          + ", mean " + mean.size() + ", variance " + variance.size());
    }
  }

  public BatchNorm(double[] gamma, double[] beta, double[] mean, double[] variance, double epsilon) {
    this(FloatVector.of(gamma), FloatVector.of(beta), FloatVector.of(mean), FloatVector.of(variance), epsilon);
  }

  public int neurons() {
    return gamma.size();
  }

  /**
   * THE reference of a hidden neuron: the value whose sign is the neuron's activation (1 when
   * {@code >= 0}), for dot product {@code dot} and layer bias {@code bias}, evaluated in double
   * arithmetic in exactly this order. FoldBatchNorm's thresholds reproduce {@code y >= 0} of this
   * expression bit for bit; the tests use it as their oracle. Do not reorder or simplify it.
   */
  public double preActivation(int neuron, long dot, double bias) {
    return gamma.get(neuron) * ((dot + bias) - mean.get(neuron)) / Math.sqrt(variance.get(neuron) + epsilon)
        + beta.get(neuron);
  }

  /**
   * Whether the normalization of {@code neuron} divides by a positive finite number: the
   * condition under which the file reader and the fold accept it.
   */
  public boolean hasValidScale(int neuron) {
    double scale = variance.get(neuron) + epsilon;
    return scale > 0 && Double.isFinite(scale);
  }
}
