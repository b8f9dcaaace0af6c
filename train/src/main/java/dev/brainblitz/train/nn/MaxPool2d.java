package dev.brainblitz.train.nn;

import java.util.Arrays;

/**
 * Max-pooling over {@code size x size} windows with stride {@code size}, per channel, on channel
 * planes ({@code [sample][channel][y * width + x]}). The gradient goes to the first largest
 * element of each window (scanning the window row by row), a fixed choice. Every input lies in
 * exactly one window, so the backward pass writes each input gradient once.
 */
final class MaxPool2d {
  final int height;
  final int width;
  final int channels;
  final int size;
  private final int[] argmax;

  MaxPool2d(int height, int width, int channels, int size, int maxBatch) {
    if (size < 1 || height % size != 0 || width % size != 0) {
      throw new IllegalArgumentException(size + "x" + size + " pooling does not tile " + height + "x" + width);
    }
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.size = size;
    this.argmax = new int[maxBatch * outSize()];
  }

  int inSize() {
    return height * width * channels;
  }

  int outSize() {
    return (height / size) * (width / size) * channels;
  }

  void forward(Parallel parallel, float[] x, int n, float[] y) {
    int outH = height / size;
    int outW = width / size;
    parallel.forEach(n * channels, 16, (from, to) -> {
      for (int plane = from; plane < to; plane++) {
        int in = plane * height * width;
        int out = plane * outH * outW;
        for (int oy = 0; oy < outH; oy++) {
          for (int ox = 0; ox < outW; ox++) {
            int best = in + oy * size * width + ox * size;
            for (int ky = 0; ky < size; ky++) {
              for (int kx = 0; kx < size; kx++) {
                int i = in + (oy * size + ky) * width + ox * size + kx;
                if (x[i] > x[best]) {
                  best = i;
                }
              }
            }
            y[out + oy * outW + ox] = x[best];
            argmax[out + oy * outW + ox] = best;
          }
        }
      }
    });
  }

  /** The input gradient of the last forward pass. */
  void backward(Parallel parallel, float[] dy, int n, float[] dx) {
    int outPlane = outSize() / channels;
    int inPlane = height * width;
    parallel.forEach(n * channels, 16, (from, to) -> {
      Arrays.fill(dx, from * inPlane, to * inPlane, 0f);
      for (int i = from * outPlane; i < to * outPlane; i++) {
        dx[argmax[i]] = dy[i];
      }
    });
  }
}
