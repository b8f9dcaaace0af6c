package dev.brainblitz.train.nn;

import dev.brainblitz.ir.ConvGeometry;
import dev.brainblitz.ir.Padding;
import dev.brainblitz.ir.floats.Binarized;
import java.util.Arrays;
import java.util.Random;

/**
 * A KxK convolution over a batch of feature maps stored as channel planes
 * ({@code [sample][channel][y * width + x]}), as im2col plus a matrix product. The weights are
 * {@code outChannels x fanIn}, column {@code (ky * K + kx) * inChannels + c}: the order of the
 * exported rows. A binary layer computes with the signs of its latent weights and passes their
 * gradient to the latent weights unchanged (the straight-through estimator), as {@link Dense} does.
 *
 * <p>Speed: output pixels are processed in tiles; im2col writes one row per weight column
 * ({@code cols[k][pixel]}), so the three products are sweeps over whole rows that C2 vectorizes
 * ({@link Kernels}): output row {@code o} gathers {@code W[o][k] * cols[k]}, the weight gradient
 * row {@code o} gathers {@code dY[o][p] * colsT[p]}, and the im2col gradient row {@code k}
 * gathers {@code W[o][k] * dY[o]}. A binary layer over ±1 inputs computes its forward pass with
 * XNOR-popcount on packed bits, which gives the same integers as the float product (sums of ±1
 * are exact in float).
 *
 * <p>Determinism: the forward pass and the input gradient are split by sample; the weight gradient
 * is summed per group of {@link #GROUP} samples into the group's own buffer, and the groups are
 * added in order. The groups depend on the batch size only, never on the threads.
 */
final class Conv2d {
  /** Samples per partial weight gradient. */
  static final int GROUP = 4;
  /** Floats of im2col per tile: the tile's rows stay in the L2 cache. */
  private static final int TILE_FLOATS = 1 << 16;

  final ConvGeometry g;
  final boolean binary;
  /** Whether the input is ±1 (binary layers after the first): the forward pass uses popcounts. */
  final boolean bitwise;
  /** The pad element in the units of the input values. */
  final float padValue;
  final float[] weights;
  final float[] weightGrad;
  /** The weights the products use (the signs, for a binary layer) as rows, and as columns. */
  final float[][] effective;
  private final float[][] effectiveColumns;
  private final int tile;
  private final int taps;
  private final int wordsPerPixel;
  /** Binary weights as bits, {@code [out][tap][word]}, and the words of a padded pixel. */
  private final long[] weightBits;
  private final long[] padWords;
  private float[][][] partials = new float[0][][];
  private final ThreadLocal<Scratch> scratch;

  /** One thread's buffers. */
  private final class Scratch {
    final float[][] cols = new float[g.fanIn()][tile];
    final float[][] colsT = new float[tile][g.fanIn()];
    final float[][] out = new float[g.outChannels()][tile];
    final float[][] dcols = new float[g.fanIn()][tile];
    final float[] coefficients = new float[Math.max(g.fanIn(), Math.max(g.outChannels(), tile))];
    final int[] nonzero = new int[Math.max(g.fanIn(), Math.max(g.outChannels(), tile))];
    final long[] map = new long[g.inHeight() * g.inWidth() * wordsPerPixel];
    final long[] bitCols = new long[bitwise ? g.outPixels() * taps * wordsPerPixel : 0];
  }

  Conv2d(ConvGeometry g, boolean binary, boolean bitwise, float padValue) {
    if (bitwise && (!binary || g.padding().mode() == Padding.Mode.SAME && Math.abs(padValue) != 1f)) {
      throw new IllegalArgumentException("a bitwise convolution has binary weights, ±1 inputs and ±1 padding");
    }
    this.g = g;
    this.binary = binary;
    this.bitwise = bitwise;
    this.padValue = padValue;
    int size = g.outChannels() * g.fanIn();
    this.weights = new float[size];
    this.weightGrad = new float[size];
    this.effective = new float[g.outChannels()][g.fanIn()];
    this.effectiveColumns = new float[g.fanIn()][g.outChannels()];
    this.tile = Math.max(1, Math.min(g.outPixels(), Math.max(32, TILE_FLOATS / g.fanIn())));
    this.taps = g.kernel() * g.kernel();
    this.wordsPerPixel = (g.inChannels() + 63) >>> 6;
    this.weightBits = bitwise ? new long[g.outChannels() * taps * wordsPerPixel] : null;
    this.padWords = new long[wordsPerPixel];
    if (padValue > 0) {
      for (int c = 0; c < g.inChannels(); c++) {
        padWords[c >>> 6] |= 1L << c;
      }
    }
    this.scratch = ThreadLocal.withInitial(Scratch::new);
  }

  /** Uniform in [-limit, limit] (Glorot) for a binary layer, Gaussian (He) for a float one. */
  void initialize(Random random) {
    int fanOut = g.outChannels() * taps;
    double limit = Math.sqrt(6.0 / (g.fanIn() + fanOut));
    double std = Math.sqrt(2.0 / g.fanIn());
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (float) (binary ? (2 * random.nextDouble() - 1) * limit : random.nextGaussian() * std);
    }
  }

  /** Recomputes the effective weights from the latent ones: call after every update. */
  void refresh() {
    int fanIn = g.fanIn();
    int outC = g.outChannels();
    for (int o = 0; o < outC; o++) {
      for (int k = 0; k < fanIn; k++) {
        float w = weights[o * fanIn + k];
        float e = binary ? (Binarized.weightBit(w) ? 1f : -1f) : w;
        effective[o][k] = e;
        effectiveColumns[k][o] = e;
      }
    }
    if (bitwise) {
      Arrays.fill(weightBits, 0L);
      int inC = g.inChannels();
      for (int o = 0; o < outC; o++) {
        for (int t = 0; t < taps; t++) {
          for (int c = 0; c < inC; c++) {
            if (effective[o][t * inC + c] > 0) {
              weightBits[(o * taps + t) * wordsPerPixel + (c >>> 6)] |= 1L << c;
            }
          }
        }
      }
    }
  }

  /** {@code y[n][outChannels][outPixels]} from {@code x[n][inChannels][inPixels]}. */
  void forward(Parallel parallel, float[] x, int n, float[] y) {
    parallel.forEach(n, 1, (from, to) -> {
      Scratch b = scratch.get();
      for (int s = from; s < to; s++) {
        if (bitwise) {
          forwardBits(x, s, y, b);
          continue;
        }
        int pixels = g.outPixels();
        for (int p0 = 0; p0 < pixels; p0 += tile) {
          int len = Math.min(tile, pixels - p0);
          im2col(x, s, p0, len, b.cols);
          for (int o = 0; o < g.outChannels(); o++) {
            float[] row = b.out[o];
            Arrays.fill(row, 0, len, 0f);
            Kernels.accumulate(effective[o], b.cols, g.fanIn(), row, len, b.nonzero);
            System.arraycopy(row, 0, y, (s * g.outChannels() + o) * pixels + p0, len);
          }
        }
      }
    });
  }

  /**
   * The forward pass of sample {@code s} of a binary layer over ±1 inputs, by XNOR-popcount: the
   * input's channels are packed per pixel, gathered per output pixel and tap (a padded tap holds
   * the pad element in every channel), and each output counts its disagreeing bits.
   */
  private void forwardBits(float[] x, int s, float[] y, Scratch b) {
    int inC = g.inChannels();
    int outC = g.outChannels();
    int per = wordsPerPixel;
    int inPixels = g.inHeight() * g.inWidth();
    long[] map = b.map;
    Arrays.fill(map, 0L);
    for (int c = 0; c < inC; c++) {
      int plane = (s * inC + c) * inPixels;
      long bit = 1L << c;
      int word = c >>> 6;
      for (int q = 0; q < inPixels; q++) {
        if (x[plane + q] > 0) {
          map[q * per + word] |= bit;
        }
      }
    }
    long[] cols = b.bitCols;
    int row = taps * per;
    for (int oy = 0; oy < g.outHeight(); oy++) {
      for (int ox = 0; ox < g.outWidth(); ox++) {
        int co = (oy * g.outWidth() + ox) * row;
        for (int t = 0; t < taps; t++) {
          int iy = oy * g.stride() + t / g.kernel() - g.padBefore();
          int ix = ox * g.stride() + t % g.kernel() - g.padBefore();
          boolean inside = iy >= 0 && iy < g.inHeight() && ix >= 0 && ix < g.inWidth();
          for (int i = 0; i < per; i++) {
            cols[co + t * per + i] = inside ? map[(iy * g.inWidth() + ix) * per + i] : padWords[i];
          }
        }
      }
    }
    int pixels = g.outPixels();
    int full = taps * inC;
    for (int o = 0; o < outC; o++) {
      int wo = o * row;
      int yo = (s * outC + o) * pixels;
      for (int p = 0; p < pixels; p++) {
        int co = p * row;
        int differ = 0;
        for (int q = 0; q < row; q++) {
          differ += Long.bitCount(cols[co + q] ^ weightBits[wo + q]);
        }
        y[yo + p] = full - 2 * differ;
      }
    }
  }

  /**
   * Fills the weight gradient from {@code dy[n][outChannels][outPixels]} and, when {@code dx} is
   * not null, the gradient of the input.
   */
  void backward(Parallel parallel, float[] x, float[] dy, int n, float[] dx) {
    int fanIn = g.fanIn();
    int outC = g.outChannels();
    int pixels = g.outPixels();
    int groups = (n + GROUP - 1) / GROUP;
    if (partials.length < groups) {
      float[][][] grown = Arrays.copyOf(partials, groups);
      for (int i = partials.length; i < groups; i++) {
        grown[i] = new float[outC][fanIn];
      }
      partials = grown;
    }
    float[][][] parts = partials;
    parallel.forEach(groups, 1, (gFrom, gTo) -> {
      Scratch b = scratch.get();
      for (int grp = gFrom; grp < gTo; grp++) {
        float[][] part = parts[grp];
        for (float[] row : part) {
          Arrays.fill(row, 0f);
        }
        for (int s = grp * GROUP; s < Math.min(n, (grp + 1) * GROUP); s++) {
          if (dx != null) {
            Arrays.fill(dx, s * g.inSize(), (s + 1) * g.inSize(), 0f);
          }
          for (int p0 = 0; p0 < pixels; p0 += tile) {
            int len = Math.min(tile, pixels - p0);
            im2col(x, s, p0, len, b.cols);
            transpose(b.cols, fanIn, len, b.colsT);
            for (int o = 0; o < outC; o++) {
              System.arraycopy(dy, (s * outC + o) * pixels + p0, b.out[o], 0, len);
              Kernels.accumulate(b.out[o], b.colsT, len, part[o], fanIn, b.nonzero);
            }
            if (dx != null) {
              for (int k = 0; k < fanIn; k++) {
                float[] row = b.dcols[k];
                Arrays.fill(row, 0, len, 0f);
                Kernels.accumulate(effectiveColumns[k], b.out, outC, row, len, b.nonzero);
              }
              col2im(b.dcols, s, p0, len, dx);
            }
          }
        }
      }
    });
    parallel.forEach(outC, 8, (from, to) -> {
      for (int o = from; o < to; o++) {
        float[] sum = parts[0][o].clone();
        for (int grp = 1; grp < groups; grp++) {
          Kernels.axpy(1f, parts[grp][o], sum, fanIn);
        }
        System.arraycopy(sum, 0, weightGrad, o * fanIn, fanIn);
      }
    });
  }

  private static void transpose(float[][] a, int rows, int columns, float[][] t) {
    final int block = 32;
    for (int r0 = 0; r0 < rows; r0 += block) {
      int r1 = Math.min(rows, r0 + block);
      for (int c0 = 0; c0 < columns; c0 += block) {
        int c1 = Math.min(columns, c0 + block);
        for (int r = r0; r < r1; r++) {
          float[] row = a[r];
          for (int c = c0; c < c1; c++) {
            t[c][r] = row[c];
          }
        }
      }
    }
  }

  /**
   * The im2col rows of output pixels {@code p0 .. p0 + len} of sample {@code s}:
   * {@code cols[(ky * K + kx) * C + c][p - p0]} is the input element tap (ky, kx) of output pixel
   * p reads in channel c, or the pad element outside the image.
   */
  void im2col(float[] x, int s, int p0, int len, float[][] cols) {
    int k = g.kernel();
    int inC = g.inChannels();
    int inW = g.inWidth();
    int outW = g.outWidth();
    int stride = g.stride();
    int pad = g.padBefore();
    int inPixels = g.inHeight() * inW;
    for (int c = 0; c < inC; c++) {
      int plane = (s * inC + c) * inPixels;
      for (int ky = 0; ky < k; ky++) {
        for (int kx = 0; kx < k; kx++) {
          float[] row = cols[(ky * k + kx) * inC + c];
          int r = 0;
          while (r < len) {
            int p = p0 + r;
            int oy = p / outW;
            int ox = p % outW;
            int run = Math.min(len - r, outW - ox);
            int iy = oy * stride + ky - pad;
            if (iy < 0 || iy >= g.inHeight()) {
              Arrays.fill(row, r, r + run, padValue);
            } else if (stride == 1) {
              int first = ox + kx - pad;
              int start = Math.min(run, Math.max(0, -first));
              int end = Math.max(start, Math.min(run, inW - first));
              Arrays.fill(row, r, r + start, padValue);
              System.arraycopy(x, plane + iy * inW + first + start, row, r + start, end - start);
              Arrays.fill(row, r + end, r + run, padValue);
            } else {
              int base = plane + iy * inW;
              for (int i = 0; i < run; i++) {
                int ix = (ox + i) * stride + kx - pad;
                row[r + i] = ix >= 0 && ix < inW ? x[base + ix] : padValue;
              }
            }
            r += run;
          }
        }
      }
    }
  }

  /** Adds the im2col-shaped gradient {@code dcols} into the input gradient of sample {@code s}. */
  private void col2im(float[][] dcols, int s, int p0, int len, float[] dx) {
    int k = g.kernel();
    int inC = g.inChannels();
    int inW = g.inWidth();
    int outW = g.outWidth();
    int stride = g.stride();
    int pad = g.padBefore();
    int inPixels = g.inHeight() * inW;
    for (int c = 0; c < inC; c++) {
      int plane = (s * inC + c) * inPixels;
      for (int ky = 0; ky < k; ky++) {
        for (int kx = 0; kx < k; kx++) {
          float[] row = dcols[(ky * k + kx) * inC + c];
          for (int r = 0; r < len; r++) {
            int p = p0 + r;
            int iy = (p / outW) * stride + ky - pad;
            int ix = (p % outW) * stride + kx - pad;
            if (iy >= 0 && iy < g.inHeight() && ix >= 0 && ix < inW) {
              dx[plane + iy * inW + ix] += row[r];
            }
          }
        }
      }
    }
  }
}
