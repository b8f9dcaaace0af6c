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
 * <p>Loops are written for C2's auto-vectorizer: the innermost loop of each product is an
 * element-wise {@code a[i] += s * b[i]} over contiguous memory, never a floating-point reduction.
 */
public final class Dense {
  final int inputs;
  final int outputs;
  final boolean binary;
  final float[] weights;
  final float[] bias;
  final float[] weightGrad;
  final float[] biasGrad;
  /** The weights the forward pass uses (the signs, for a binary layer), and their transpose. */
  final float[] effective;
  final float[] effectiveT;

  Dense(int inputs, int outputs, boolean binary, boolean withBias) {
    this.inputs = inputs;
    this.outputs = outputs;
    this.binary = binary;
    this.weights = new float[inputs * outputs];
    this.weightGrad = new float[weights.length];
    this.bias = withBias ? new float[outputs] : null;
    this.biasGrad = withBias ? new float[outputs] : null;
    this.effective = new float[weights.length];
    this.effectiveT = new float[weights.length];
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
    for (int i = 0; i < weights.length; i++) {
      effective[i] = binary ? (Binarized.weightBit(weights[i]) ? 1f : -1f) : weights[i];
    }
    for (int j = 0; j < outputs; j++) {
      for (int i = 0; i < inputs; i++) {
        effectiveT[i * outputs + j] = effective[j * inputs + i];
      }
    }
  }

  void forward(Parallel parallel, float[] x, int n, float[] y) {
    parallel.forEach(n, 8, (from, to) -> {
      for (int s = from; s < to; s++) {
        int yo = s * outputs;
        int xo = s * inputs;
        if (bias != null) {
          System.arraycopy(bias, 0, y, yo, outputs);
        } else {
          Arrays.fill(y, yo, yo + outputs, 0f);
        }
        for (int i = 0; i < inputs; i++) {
          float xi = x[xo + i];
          if (xi != 0f) {
            int wo = i * outputs;
            for (int j = 0; j < outputs; j++) {
              y[yo + j] += xi * effectiveT[wo + j];
            }
          }
        }
      }
    });
  }

  /** Fills the parameter gradients and, when {@code dx} is not null, the gradient of the input. */
  void backward(Parallel parallel, float[] x, float[] dy, int n, float[] dx) {
    parallel.forEach(outputs, 4, (from, to) -> {
      for (int j = from; j < to; j++) {
        int row = j * inputs;
        Arrays.fill(weightGrad, row, row + inputs, 0f);
        float db = 0f;
        for (int s = 0; s < n; s++) {
          float d = dy[s * outputs + j];
          db += d;
          if (d != 0f) {
            int xo = s * inputs;
            for (int i = 0; i < inputs; i++) {
              weightGrad[row + i] += d * x[xo + i];
            }
          }
        }
        if (biasGrad != null) {
          biasGrad[j] = db;
        }
      }
    });
    if (dx == null) {
      return;
    }
    parallel.forEach(n, 8, (from, to) -> {
      for (int s = from; s < to; s++) {
        int xo = s * inputs;
        Arrays.fill(dx, xo, xo + inputs, 0f);
        for (int j = 0; j < outputs; j++) {
          float d = dy[s * outputs + j];
          if (d != 0f) {
            int wo = j * inputs;
            for (int i = 0; i < inputs; i++) {
              dx[xo + i] += d * effective[wo + i];
            }
          }
        }
      }
    });
  }
}
