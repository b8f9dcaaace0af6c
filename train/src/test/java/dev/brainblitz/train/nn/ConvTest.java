package dev.brainblitz.train.nn;

import dev.brainblitz.ir.ConvGeometry;
import dev.brainblitz.ir.Padding;
import static dev.brainblitz.train.nn.GradientCheckTest.assertClose;
import static dev.brainblitz.train.nn.GradientCheckTest.numeric;
import static dev.brainblitz.train.nn.GradientCheckTest.random;
import static dev.brainblitz.train.nn.GradientCheckTest.weighted;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The convolution of the trainer against a literal loop over output pixels, channels and taps, a
 * hand-computed example, finite differences, and its own XNOR-popcount path; max-pooling against
 * hand-computed values.
 */
class ConvTest {
  private static final Parallel ONE = new Parallel(1);

  static Padding padding(String mode, int value) {
    return mode.equals("valid") ? Padding.VALID : Padding.same(value);
  }

  /**
   * The literal convolution: for every sample, output channel and pixel, the sum over taps
   * (ky, kx) and input channels c, in the order of the weight columns, of weight times input
   * element (the pad value outside the image).
   */
  static float[] literal(ConvGeometry g, float[] w, float[] x, int n, float pad) {
    float[] y = new float[n * g.outSize()];
    int k = g.kernel();
    for (int s = 0; s < n; s++) {
      for (int o = 0; o < g.outChannels(); o++) {
        for (int oy = 0; oy < g.outHeight(); oy++) {
          for (int ox = 0; ox < g.outWidth(); ox++) {
            float sum = 0f;
            for (int ky = 0; ky < k; ky++) {
              for (int kx = 0; kx < k; kx++) {
                for (int c = 0; c < g.inChannels(); c++) {
                  int iy = oy * g.stride() + ky - g.padBefore();
                  int ix = ox * g.stride() + kx - g.padBefore();
                  boolean inside = iy >= 0 && iy < g.inHeight() && ix >= 0 && ix < g.inWidth();
                  float v = inside ? x[((s * g.inChannels() + c) * g.inHeight() + iy) * g.inWidth() + ix] : pad;
                  sum += w[o * g.fanIn() + (ky * k + kx) * g.inChannels() + c] * v;
                }
              }
            }
            y[((s * g.outChannels() + o) * g.outHeight() + oy) * g.outWidth() + ox] = sum;
          }
        }
      }
    }
    return y;
  }

  static Conv2d conv(ConvGeometry g, boolean binary, boolean bitwise, float pad, Random random) {
    Conv2d conv = new Conv2d(g, binary, bitwise, pad);
    conv.initialize(random);
    conv.refresh();
    return conv;
  }

  /** Rows of the csv: height, width, in channels, out channels, kernel, stride, padding, pad value. */
  @ParameterizedTest
  @CsvSource({
    "5, 5, 1, 3, 3, 1, same, 0",
    "6, 4, 3, 5, 3, 2, same, 7",
    "7, 7, 2, 4, 3, 2, valid, 0",
    "8, 6, 5, 3, 2, 2, same, 0",
    "9, 9, 1, 33, 5, 1, same, 0",
    "6, 6, 3, 2, 4, 1, same, -1",
    "28, 28, 1, 8, 3, 1, same, 0",
    "14, 14, 67, 9, 3, 1, same, 1",
    "12, 10, 6, 7, 3, 1, valid, 0",
  })
  void forwardIsTheLiteralConvolutionBitForBit(int h, int w, int in, int out, int k, int stride, String mode,
      int pad) {
    Random random = new Random(h * 31 + in);
    ConvGeometry g = new ConvGeometry(h, w, in, k, stride, padding(mode, pad), out);
    Conv2d conv = conv(g, false, false, pad, random);
    int n = 3;
    float[] x = random(random, n * g.inSize(), 2);
    for (int i = 0; i < x.length; i += 5) {
      x[i] = 0f;
    }
    float[] y = new float[n * g.outSize()];
    conv.forward(new Parallel(2), x, n, y);
    assertArrayEquals(literal(g, conv.weights, x, n, pad), y);
  }

  /**
   * A 3x3 image 1..9 and an all-ones 3x3 kernel: with same padding and pad 0 each output is the sum
   * of its 3x3 neighbourhood (corner 1+2+4+5 = 12, centre 45); with pad 10 every padded tap adds
   * 10; valid keeps the centre only; stride 2 (same, K - S = 1 padded row after) reads rows and
   * columns 0..1 for the top-left output.
   */
  @Test
  void handComputedSums() {
    float[] image = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    float[] ones = {1, 1, 1, 1, 1, 1, 1, 1, 1};
    assertArrayEquals(new float[] {12, 21, 16, 27, 45, 33, 24, 39, 28}, run(3, 1, Padding.same(0), ones, image));
    assertArrayEquals(new float[] {62, 51, 66, 57, 45, 63, 74, 69, 78}, run(3, 1, Padding.same(10), ones, image));
    assertArrayEquals(new float[] {45}, run(3, 1, Padding.VALID, ones, image));
    float[] image4 = new float[16];
    for (int i = 0; i < 16; i++) {
      image4[i] = i + 1;
    }
    // Outputs 2x2; output (0,0) reads rows 0..2 and columns 0..2 (no padding before).
    assertArrayEquals(new float[] {1 + 2 + 3 + 5 + 6 + 7 + 9 + 10 + 11, 3 + 4 + 7 + 8 + 11 + 12,
        9 + 10 + 11 + 13 + 14 + 15, 11 + 12 + 15 + 16}, run(3, 2, Padding.same(0), ones, image4));
    // A kernel with one +1 tap at the centre and -1 elsewhere, binary, on the 3x3 image: centre
    // output 5 - (45 - 5) = -35.
    float[] centre = {-1, -1, -1, -1, 1, -1, -1, -1, -1};
    assertEquals(-35f, run(3, 1, Padding.VALID, centre, image)[0]);
  }

  private static float[] run(int k, int stride, Padding padding, float[] kernel, float[] image) {
    int side = (int) Math.round(Math.sqrt(image.length));
    ConvGeometry g = new ConvGeometry(side, side, 1, k, stride, padding, 1);
    Conv2d conv = new Conv2d(g, false, false, padding.value());
    System.arraycopy(kernel, 0, conv.weights, 0, kernel.length);
    conv.refresh();
    float[] y = new float[g.outSize()];
    conv.forward(ONE, image, 1, y);
    return y;
  }

  /** The XNOR-popcount forward pass of a binary layer gives the float product's integers. */
  @ParameterizedTest
  @CsvSource({
    "6, 6, 3, 5, 3, 1, same, -1",
    "6, 6, 3, 5, 3, 1, same, 1",
    "10, 8, 65, 4, 3, 2, same, 1",
    "8, 8, 130, 3, 2, 2, valid, 0",
    "7, 7, 64, 6, 3, 1, valid, 0",
  })
  void popcountForwardEqualsTheFloatProduct(int h, int w, int in, int out, int k, int stride, String mode,
      int pad) {
    Random random = new Random(h * 7 + in);
    ConvGeometry g = new ConvGeometry(h, w, in, k, stride, padding(mode, pad), out);
    Conv2d floats = conv(g, true, false, pad, random);
    Conv2d bits = new Conv2d(g, true, true, pad);
    System.arraycopy(floats.weights, 0, bits.weights, 0, floats.weights.length);
    bits.refresh();
    int n = 3;
    float[] x = new float[n * g.inSize()];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextBoolean() ? 1f : -1f;
    }
    float[] expected = new float[n * g.outSize()];
    float[] actual = new float[n * g.outSize()];
    floats.forward(ONE, x, n, expected);
    bits.forward(new Parallel(2), x, n, actual);
    assertArrayEquals(expected, actual);
  }

  /** Finite differences of {@code L = sum(r * y)} in every weight and input element. */
  @ParameterizedTest
  @CsvSource({
    "5, 4, 2, 3, 3, 1, same, 0",
    "6, 6, 2, 2, 3, 2, same, 0",
    "5, 5, 3, 2, 3, 2, valid, 0",
    "4, 5, 1, 3, 2, 1, same, 0",
  })
  void backwardMatchesFiniteDifferences(int h, int w, int in, int out, int k, int stride, String mode, int pad) {
    Random random = new Random(h * 13 + out);
    ConvGeometry g = new ConvGeometry(h, w, in, k, stride, padding(mode, pad), out);
    Conv2d conv = conv(g, false, false, pad, random);
    int n = 5;
    float[] x = random(random, n * g.inSize(), 1);
    float[] r = random(random, n * g.outSize(), 1);
    float[] y = new float[n * g.outSize()];
    DoubleSupplier loss = () -> {
      conv.refresh();
      conv.forward(ONE, x, n, y);
      return weighted(y, r, y.length);
    };
    float[] dx = new float[x.length];
    loss.getAsDouble();
    conv.backward(ONE, x, r, n, dx);
    for (int i = 0; i < x.length; i++) {
      assertClose(numeric(x, i, 1e-2, loss), dx[i], 1e-3, "input " + i);
    }
    float[] grad = conv.weightGrad.clone();
    for (int i = 0; i < conv.weights.length; i++) {
      assertClose(numeric(conv.weights, i, 1e-2, loss), grad[i], 1e-3, "weight " + i);
    }
  }

  /**
   * On a batch spanning several sample groups and pixel tiles, the gradients equal sums computed
   * literally in double (up to float rounding), with one thread or three.
   */
  @Test
  void backwardEqualsLiteralSumsOnABigBatch() {
    Random random = new Random(21);
    ConvGeometry g = new ConvGeometry(28, 28, 3, 3, 1, Padding.same(0), 5);
    Conv2d conv = conv(g, false, false, 0, random);
    int n = 9;
    float[] x = random(random, n * g.inSize(), 1);
    float[] dy = random(random, n * g.outSize(), 1);
    double[] dw = new double[conv.weights.length];
    double[] dxExpected = new double[x.length];
    int k = g.kernel();
    for (int s = 0; s < n; s++) {
      for (int o = 0; o < g.outChannels(); o++) {
        for (int oy = 0; oy < g.outHeight(); oy++) {
          for (int ox = 0; ox < g.outWidth(); ox++) {
            double d = dy[((s * g.outChannels() + o) * g.outHeight() + oy) * g.outWidth() + ox];
            for (int ky = 0; ky < k; ky++) {
              for (int kx = 0; kx < k; kx++) {
                int iy = oy + ky - 1;
                int ix = ox + kx - 1;
                if (iy < 0 || iy >= 28 || ix < 0 || ix >= 28) {
                  continue;
                }
                for (int c = 0; c < g.inChannels(); c++) {
                  int xi = ((s * g.inChannels() + c) * 28 + iy) * 28 + ix;
                  int wi = o * g.fanIn() + (ky * k + kx) * g.inChannels() + c;
                  dw[wi] += d * x[xi];
                  dxExpected[xi] += d * conv.effective[o][(ky * k + kx) * g.inChannels() + c];
                }
              }
            }
          }
        }
      }
    }
    float[] first = null;
    for (int threads : new int[] {1, 3}) {
      float[] dx = new float[x.length];
      try (Parallel parallel = new Parallel(threads)) {
        conv.backward(parallel, x, dy, n, dx);
      }
      for (int i = 0; i < dw.length; i++) {
        assertClose(dw[i], conv.weightGrad[i], 1e-4, "weight " + i);
      }
      for (int i = 0; i < dx.length; i++) {
        assertClose(dxExpected[i], dx[i], 1e-4, "input " + i);
      }
      if (first == null) {
        first = conv.weightGrad.clone();
      } else {
        assertArrayEquals(first, conv.weightGrad, "the same bits with 1 and 3 threads");
      }
    }
  }

  @Test
  void maxPoolTakesTheFirstLargestAndRoutesItsGradient() {
    // One 4x4 plane, 2x2 windows: {1 5 | 2 2 / 3 0 | 2 1 // -1 -2 | 7 7 / -3 -1 | 7 0}.
    float[] x = {1, 5, 2, 2, 3, 0, 2, 1, -1, -2, 7, 7, -3, -1, 7, 0};
    MaxPool2d pool = new MaxPool2d(4, 4, 1, 2, 1);
    float[] y = new float[4];
    pool.forward(ONE, x, 1, y);
    assertArrayEquals(new float[] {5, 2, -1, 7}, y);
    float[] dx = new float[16];
    pool.backward(ONE, new float[] {10, 20, 30, 40}, 1, dx);
    assertArrayEquals(new float[] {0, 10, 20, 0, 0, 0, 0, 0, 30, 0, 40, 0, 0, 0, 0, 0}, dx,
        "ties go to the first in row order");
  }

  @Test
  void channelBatchNormMatchesFiniteDifferences() {
    Random random = new Random(22);
    int n = 4;
    int channels = 3;
    int plane = 5;
    BatchNorm1d bn = new BatchNorm1d(channels, plane, 1e-5f, n);
    for (int j = 0; j < channels; j++) {
      bn.gamma[j] = (float) (0.5 + random.nextDouble());
      bn.beta[j] = (float) random.nextGaussian();
    }
    float[] z = random(random, n * channels * plane, 2);
    float[] r = random(random, z.length, 1);
    float[] y = new float[z.length];
    DoubleSupplier loss = () -> {
      bn.forward(ONE, z, n, true, y);
      return weighted(y, r, y.length);
    };
    loss.getAsDouble();
    float[] dz = new float[z.length];
    bn.backward(ONE, r, n, dz);
    for (int i = 0; i < z.length; i++) {
      assertClose(numeric(z, i, 1e-2, loss), dz[i], 2e-3, "input " + i);
    }
    // Each channel is normalized over its samples' planes: mean 0 and variance 1 before gamma, beta.
    bn.forward(ONE, z, n, true, y);
    for (int j = 0; j < channels; j++) {
      double sum = 0;
      for (int s = 0; s < n; s++) {
        for (int p = 0; p < plane; p++) {
          sum += (y[(s * channels + j) * plane + p] - bn.beta[j]) / bn.gamma[j];
        }
      }
      assertEquals(0, sum / (n * plane), 1e-5, "channel " + j);
    }
  }
}
