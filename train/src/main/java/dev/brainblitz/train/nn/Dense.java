package dev.brainblitz.train.nn;

import dev.brainblitz.ir.floats.Binarized;
import java.util.Arrays;
import java.util.Random;

/**
 * A fully connected layer {@code y = W x (+ b)} over a batch, row-major ({@code W} is
 * {@code outputs x inputs}, a batch is {@code n x features}). A binary layer computes with the
 * signs of its latent weights ({@link Binarized#weightBit}: the rule the export uses) and passes
 * the gradient of the sign weight to the latent weight unchanged (the straight-through estimator);
 * {@link Adam} keeps latent weights in [-1, 1].
 *
 * <p>Each product is a sum of whole rows scaled by the nonzero entries of a vector, in increasing
 * order ({@link Kernels#accumulate}), which C2 vectorizes; a zero input or gradient skips its row.
 */
public final class Dense {
  final int inputs;
  final int outputs;
  final boolean binary;
  final float[] weights;
  final float[] bias;
  final float[] weightGrad;
  final float[] biasGrad;
  /** The weights the forward pass uses (the signs, for a binary layer) as rows, and transposed. */
  final float[][] effective;
  final float[][] effectiveT;
  private float[][] inputRows = new float[0][];

  Dense(int inputs, int outputs, boolean binary, boolean withBias) {
    this.inputs = inputs;
    this.outputs = outputs;
    this.binary = binary;
    this.weights = new float[inputs * outputs];
    this.weightGrad = new float[weights.length];
    this.bias = withBias ? new float[outputs] : null;
    this.biasGrad = withBias ? new float[outputs] : null;
    this.effective = new float[outputs][inputs];
    this.effectiveT = new float[inputs][outputs];
  }

  /** Uniform in [-limit, limit] (Glorot) for a binary layer, Gaussian (He) for a float one. */
  void initialize(Random random) {
    double limit = Math.sqrt(6.0 / (inputs + outputs));
    double std = Math.sqrt(2.0 / inputs);
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (float) (binary ? (2 * random.nextDouble() - 1) * limit : random.nextGaussian() * std);
    }
  }

  /** Recomputes the effective weights from the latent ones: call after every update. */
  void refresh() {
    for (int j = 0; j < outputs; j++) {
      for (int i = 0; i < inputs; i++) {
        float w = weights[j * inputs + i];
        float e = binary ? (Binarized.weightBit(w) ? 1f : -1f) : w;
        effective[j][i] = e;
        effectiveT[i][j] = e;
      }
    }
  }

  void forward(Parallel parallel, float[] x, int n, float[] y) {
    parallel.forEach(n, 8, (from, to) -> {
      float[] row = new float[inputs];
      float[] acc = new float[outputs];
      int[] nonzero = new int[inputs];
      for (int s = from; s < to; s++) {
        System.arraycopy(x, s * inputs, row, 0, inputs);
        if (bias != null) {
          System.arraycopy(bias, 0, acc, 0, outputs);
        } else {
          Arrays.fill(acc, 0f);
        }
        Kernels.accumulate(row, effectiveT, inputs, acc, outputs, nonzero);
        System.arraycopy(acc, 0, y, s * outputs, outputs);
      }
    });
  }

  /** Fills the parameter gradients and, when {@code dx} is not null, the gradient of the input. */
  void backward(Parallel parallel, float[] x, float[] dy, int n, float[] dx) {
    if (inputRows.length < n) {
      inputRows = new float[n][inputs];
    }
    float[][] xs = inputRows;
    for (int s = 0; s < n; s++) {
      System.arraycopy(x, s * inputs, xs[s], 0, inputs);
    }
    parallel.forEach(outputs, 4, (from, to) -> {
      float[] column = new float[n];
      float[] grad = new float[inputs];
      int[] nonzero = new int[n];
      for (int j = from; j < to; j++) {
        float db = 0f;
        for (int s = 0; s < n; s++) {
          column[s] = dy[s * outputs + j];
          db += column[s];
        }
        Arrays.fill(grad, 0f);
        Kernels.accumulate(column, xs, n, grad, inputs, nonzero);
        System.arraycopy(grad, 0, weightGrad, j * inputs, inputs);
        if (biasGrad != null) {
          biasGrad[j] = db;
        }
      }
    });
    if (dx == null) {
      return;
    }
    parallel.forEach(n, 8, (from, to) -> {
      float[] row = new float[outputs];
      float[] acc = new float[inputs];
      int[] nonzero = new int[outputs];
      for (int s = from; s < to; s++) {
        System.arraycopy(dy, s * outputs, row, 0, outputs);
        Arrays.fill(acc, 0f);
        Kernels.accumulate(row, effective, outputs, acc, inputs, nonzero);
        System.arraycopy(acc, 0, dx, s * inputs, inputs);
      }
    });
  }
}
