package dev.brainblitz.ir.floats;

/**
 * A hidden layer of a float model: neuron j computes the dot product of its binarized weights
 * (row j, see {@link Binarized#weightBit}) with the layer input, adds {@code bias_j}, applies
 * {@code batchNorm} and outputs the sign (+1 when the result is {@code >= 0}):
 * {@link BatchNorm#preActivation} is the exact rule.
 */
public record FloatLayer(FloatMatrix weights, FloatVector bias, BatchNorm batchNorm) {
  public FloatLayer {
    if (bias.size() != weights.rows() || batchNorm.neurons() != weights.rows()) {
      throw new IllegalArgumentException("layer of " + weights.rows() + " neurons has " + bias.size() + " biases and "
          + batchNorm.neurons() + " batch-norm entries");
    }
  }

  public FloatLayer(double[][] weights, double[] bias, BatchNorm batchNorm) {
    this(FloatMatrix.of(weights), FloatVector.of(bias), batchNorm);
  }

  public int inputs() {
    return weights.columns();
  }

  public int outputs() {
    return weights.rows();
  }
}
