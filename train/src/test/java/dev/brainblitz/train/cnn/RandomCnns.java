package dev.brainblitz.train.cnn;

import dev.brainblitz.ir.ConvGeometry;
import dev.brainblitz.ir.Padding;
import dev.brainblitz.ir.Accumulator;
import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.ThresholdTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random valid binary CNNs for property tests: small images (rectangular too), odd channel counts
 * on both sides of 64, kernels 1..4, strides 1 and 2, every padding mode, max-pools where they tile,
 * and thresholds near the middle of each accumulator's range so that outputs vary.
 */
final class RandomCnns {
  private RandomCnns() {}

  /** A network whose first convolution has the given kind, padding mode and stride. */
  static BinaryCnn network(Random random, InputKind kind, Padding.Mode mode, int stride) {
    while (true) {
      BinaryCnn cnn = attempt(random, kind, mode, stride);
      if (cnn != null) {
        return cnn;
      }
    }
  }

  private static BinaryCnn attempt(Random random, InputKind kind, Padding.Mode firstMode, int firstStride) {
    int h = 4 + random.nextInt(9);
    int w = 4 + random.nextInt(9);
    int c = kind == InputKind.U8 ? 1 + random.nextInt(3) : 1 + random.nextInt(70);
    InputKind reads = kind;
    List<BinaryCnn.Layer> layers = new ArrayList<>();
    int convs = 1 + random.nextInt(3);
    int ch = c;
    int hh = h;
    int ww = w;
    for (int k = 0; k < convs; k++) {
      Padding.Mode mode = k == 0 ? firstMode : random.nextBoolean() ? Padding.Mode.SAME : Padding.Mode.VALID;
      int stride = k == 0 ? firstStride : 1 + random.nextInt(2);
      int kernel = 1 + random.nextInt(4);
      int out = 1 + random.nextInt(k == convs - 1 ? 20 : 70);
      if (ConvGeometry.problem(hh, ww, ch, kernel, stride, mode, out) != null) {
        return null;
      }
      Padding padding = mode == Padding.Mode.VALID ? Padding.VALID
          : Padding.same(reads == InputKind.U8 ? random.nextInt(256) : random.nextBoolean() ? 1 : -1);
      ConvGeometry g = new ConvGeometry(hh, ww, ch, kernel, stride, padding, out);
      layers.add(new BinaryCnn.Conv(kernel, stride, padding, bits(random, out, g.fanIn()),
          thresholds(random, out, reads, g.fanIn())));
      hh = g.outHeight();
      ww = g.outWidth();
      ch = out;
      reads = InputKind.BIPOLAR;
      int pool = 2 + random.nextInt(2);
      if (random.nextInt(3) == 0 && hh % pool == 0 && ww % pool == 0) {
        layers.add(new BinaryCnn.MaxPool(pool));
        hh /= pool;
        ww /= pool;
      }
    }
    layers.add(new BinaryCnn.Flatten());
    int n = hh * ww * ch;
    for (int k = random.nextInt(3); k > 0; k--) {
      int out = 1 + random.nextInt(40);
      layers.add(new BinaryCnn.Dense(bits(random, out, n), thresholds(random, out, InputKind.BIPOLAR, n)));
      n = out;
    }
    int classes = 1 + random.nextInt(10);
    int[] bias = new int[classes];
    for (int j = 0; j < classes; j++) {
      bias[j] = random.nextInt(3) == 0 ? random.nextInt(201) - 100 : 0;
    }
    layers.add(new BinaryCnn.Scores(bits(random, classes, n), bias));
    return new BinaryCnn("random", kind, h, w, c, layers);
  }

  static BitMatrix bits(Random random, int rows, int columns) {
    boolean[][] bits = new boolean[rows][columns];
    for (boolean[] row : bits) {
      for (int i = 0; i < columns; i++) {
        row[i] = random.nextBoolean();
      }
    }
    return BitMatrix.fromBits(bits);
  }

  static ThresholdTable thresholds(Random random, int neurons, InputKind kind, int fanIn) {
    long[] t = new long[neurons];
    Direction[] d = new Direction[neurons];
    for (int j = 0; j < neurons; j++) {
      long spread = kind == InputKind.U8 ? 128L * (long) Math.sqrt(fanIn) + 1 : (long) Math.sqrt(fanIn) + 1;
      long middle = kind == InputKind.U8 ? 0 : fanIn / 2;
      long value = middle + random.nextLong() % (spread + 1);
      if (random.nextInt(50) == 0) {
        value = random.nextBoolean() ? Accumulator.minThreshold(kind, fanIn) : Accumulator.maxThreshold(kind, fanIn);
      }
      t[j] = Math.max(Accumulator.minThreshold(kind, fanIn), Math.min(Accumulator.maxThreshold(kind, fanIn), value));
      d[j] = random.nextBoolean() ? Direction.GE : Direction.LE;
    }
    return ThresholdTable.of(t, d);
  }

  /** A random input: bytes, or 0/1 elements. */
  static int[] input(Random random, BinaryCnn cnn) {
    int[] x = new int[cnn.height() * cnn.width() * cnn.channels()];
    for (int i = 0; i < x.length; i++) {
      x[i] = cnn.inputKind() == InputKind.U8 ? (random.nextInt(4) == 0 ? 0 : random.nextInt(256))
          : random.nextInt(2);
    }
    return x;
  }
}
