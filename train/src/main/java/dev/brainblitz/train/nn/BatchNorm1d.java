package dev.brainblitz.train.nn;

import java.util.Arrays;

/**
 * Batch normalization of {@code features} values per sample (a dense layer), or of
 * {@code features} channel planes per sample (a convolution: each channel over the batch and the
 * image, as PyTorch's BatchNorm2d). In training it normalizes with the batch's mean and (biased)
 * variance and updates running averages (momentum 0.1, unbiased variance); in evaluation it uses
 * the running averages: {@code gamma * (z - mean) / sqrt(variance + epsilon) + beta}, the formula
 * {@link dev.brainblitz.ir.floats.BatchNorm} folds exactly.
 *
 * <p>Work is split by feature; every sum runs over the samples in order, and within a sample over
 * the plane in order.
 */
public final class BatchNorm1d {
  static final float MOMENTUM = 0.1f;
  private static final int CHUNK = 16;

  final int features;
  final int plane;
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
    this(features, 1, epsilon, maxBatch);
  }

  /**
   * {@code plane} values per feature and sample: the data is {@code [sample][feature][plane]},
   * and each feature is normalized over its samples' planes (a convolution's channels over the
   * batch and the image).
   */
  BatchNorm1d(int features, int plane, float epsilon, int maxBatch) {
    this.features = features;
    this.plane = plane;
    this.epsilon = epsilon;
    this.gamma = new float[features];
    this.beta = new float[features];
    this.gammaGrad = new float[features];
    this.betaGrad = new float[features];
    this.runningMean = new float[features];
    this.runningVariance = new float[features];
    this.normalized = new float[features * plane * maxBatch];
    this.inverseStd = new float[features];
    Arrays.fill(gamma, 1f);
    Arrays.fill(runningVariance, 1f);
  }

  void forward(Parallel parallel, float[] z, int n, boolean training, float[] y) {
    int f = features;
    int m = plane;
    parallel.forEach(f, CHUNK, (from, to) -> {
      for (int j = from; j < to; j++) {
        if (!training) {
          float scale = (float) (1 / Math.sqrt(runningVariance[j] + epsilon));
          for (int s = 0; s < n; s++) {
            int o = (s * f + j) * m;
            for (int k = o; k < o + m; k++) {
              y[k] = gamma[j] * (z[k] - runningMean[j]) * scale + beta[j];
            }
          }
          continue;
        }
        double sum = 0;
        for (int s = 0; s < n; s++) {
          int o = (s * f + j) * m;
          for (int k = o; k < o + m; k++) {
            sum += z[k];
          }
        }
        long count = (long) n * m;
        double mean = sum / count;
        double squares = 0;
        for (int s = 0; s < n; s++) {
          int o = (s * f + j) * m;
          for (int k = o; k < o + m; k++) {
            double d = z[k] - mean;
            squares += d * d;
          }
        }
        double variance = squares / count;
        float inv = (float) (1 / Math.sqrt(variance + epsilon));
        inverseStd[j] = inv;
        for (int s = 0; s < n; s++) {
          int o = (s * f + j) * m;
          for (int k = o; k < o + m; k++) {
            float xhat = (float) ((z[k] - mean) * inv);
            normalized[k] = xhat;
            y[k] = gamma[j] * xhat + beta[j];
          }
        }
        runningMean[j] = (1 - MOMENTUM) * runningMean[j] + MOMENTUM * (float) mean;
        runningVariance[j] = (1 - MOMENTUM) * runningVariance[j]
            + MOMENTUM * (float) (count > 1 ? squares / (count - 1) : variance);
      }
    });
  }

  /** The gradient of the input, after a training-mode forward pass on the same batch. */
  void backward(Parallel parallel, float[] dy, int n, float[] dz) {
    int f = features;
    int m = plane;
    parallel.forEach(f, CHUNK, (from, to) -> {
      for (int j = from; j < to; j++) {
        double sumDy = 0;
        double sumDyX = 0;
        for (int s = 0; s < n; s++) {
          int o = (s * f + j) * m;
          for (int k = o; k < o + m; k++) {
            sumDy += dy[k];
            sumDyX += (double) dy[k] * normalized[k];
          }
        }
        gammaGrad[j] = (float) sumDyX;
        betaGrad[j] = (float) sumDy;
        long count = (long) n * m;
        double factor = (double) gamma[j] * inverseStd[j] / count;
        for (int s = 0; s < n; s++) {
          int o = (s * f + j) * m;
          for (int k = o; k < o + m; k++) {
            dz[k] = (float) (factor * (count * (double) dy[k] - sumDy - normalized[k] * sumDyX));
          }
        }
      }
    });
  }
}
