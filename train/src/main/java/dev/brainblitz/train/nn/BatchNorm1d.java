package dev.brainblitz.train.nn;

import java.util.Arrays;

/**
 * Batch normalization of {@code features} pre-activations. In training it normalizes with the
 * batch's mean and (biased) variance and updates running averages (momentum 0.1, unbiased
 * variance); in evaluation it uses the running averages:
 * {@code gamma * (z - mean) / sqrt(variance + epsilon) + beta}, the formula
 * {@link dev.brainblitz.ir.floats.BatchNorm} folds exactly.
 */
public final class BatchNorm1d {
  static final float MOMENTUM = 0.1f;

  final int features;
  final float epsilon;
  final float[] gamma;
  final float[] beta;
  final float[] gammaGrad;
  final float[] betaGrad;
  final float[] runningMean;
  final float[] runningVariance;
  private final float[] normalized;
  private final float[] inverseStd;

  BatchNorm1d(int features, float epsilon, int maxBatch) {
    this.features = features;
    this.epsilon = epsilon;
    this.gamma = new float[features];
    this.beta = new float[features];
    this.gammaGrad = new float[features];
    this.betaGrad = new float[features];
    this.runningMean = new float[features];
    this.runningVariance = new float[features];
    this.normalized = new float[features * maxBatch];
    this.inverseStd = new float[features];
    Arrays.fill(gamma, 1f);
    Arrays.fill(runningVariance, 1f);
  }

  void forward(Parallel parallel, float[] z, int n, boolean training, float[] y) {
    parallel.forEach(features, 16, (from, to) -> {
      for (int j = from; j < to; j++) {
        if (!training) {
          float scale = (float) (1 / Math.sqrt(runningVariance[j] + epsilon));
          for (int s = 0; s < n; s++) {
            y[s * features + j] = gamma[j] * (z[s * features + j] - runningMean[j]) * scale + beta[j];
          }
          continue;
        }
        double sum = 0;
        for (int s = 0; s < n; s++) {
          sum += z[s * features + j];
        }
        double mean = sum / n;
        double squares = 0;
        for (int s = 0; s < n; s++) {
          double d = z[s * features + j] - mean;
          squares += d * d;
        }
        double variance = squares / n;
        float inv = (float) (1 / Math.sqrt(variance + epsilon));
        inverseStd[j] = inv;
        for (int s = 0; s < n; s++) {
          int k = s * features + j;
          float xhat = (float) ((z[k] - mean) * inv);
          normalized[k] = xhat;
          y[k] = gamma[j] * xhat + beta[j];
        }
        runningMean[j] = (1 - MOMENTUM) * runningMean[j] + MOMENTUM * (float) mean;
        runningVariance[j] = (1 - MOMENTUM) * runningVariance[j] + MOMENTUM * (float) (n > 1 ? squares / (n - 1) : variance);
      }
    });
  }

  /** The gradient of the input, after a training-mode forward pass on the same batch. */
  void backward(Parallel parallel, float[] dy, int n, float[] dz) {
    parallel.forEach(features, 16, (from, to) -> {
      for (int j = from; j < to; j++) {
        double sumDy = 0;
        double sumDyX = 0;
        for (int s = 0; s < n; s++) {
          int k = s * features + j;
          sumDy += dy[k];
          sumDyX += (double) dy[k] * normalized[k];
        }
        gammaGrad[j] = (float) sumDyX;
        betaGrad[j] = (float) sumDy;
        double factor = (double) gamma[j] * inverseStd[j] / n;
        for (int s = 0; s < n; s++) {
          int k = s * features + j;
          dz[k] = (float) (factor * (n * (double) dy[k] - sumDy - normalized[k] * sumDyX));
        }
      }
    });
  }
}
