package dev.brainblitz.train.cnn;

import dev.brainblitz.ir.Padding;
import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.ThresholdTable;

/**
 * The binary CNN semantics of docs/train.md written as literally as possible, for tests: values
 * are ints (bytes, or -1/+1), every accumulator is a loop over output pixel, channel and kernel
 * tap, the padding is recomputed from the documented formula, and pooling is a maximum.
 */
final class LiteralCnn {
  private LiteralCnn() {}

  /** The scores of {@code input}: bytes, or 1 (+1) / 0 (-1) per element, in (y, x, c) order. */
  static int[] scores(BinaryCnn cnn, int[] input) {
    int h = cnn.height();
    int w = cnn.width();
    int c = cnn.channels();
    boolean bytes = cnn.inputKind() == InputKind.U8;
    int[] v = new int[input.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = bytes ? input[i] : (input[i] == 1 ? 1 : -1);
    }
    for (BinaryCnn.Layer layer : cnn.layers()) {
      if (layer instanceof BinaryCnn.Conv conv) {
        int k = conv.kernel();
        int s = conv.stride();
        boolean same = conv.padding().mode() == Padding.Mode.SAME;
        int outH = same ? h / s : (h - k) / s + 1;
        int outW = same ? w / s : (w - k) / s + 1;
        int before = same ? (k - s) / 2 : 0;
        int outC = conv.outChannels();
        int[] out = new int[outH * outW * outC];
        for (int oy = 0; oy < outH; oy++) {
          for (int ox = 0; ox < outW; ox++) {
            for (int o = 0; o < outC; o++) {
              long acc = 0;
              for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                  for (int ci = 0; ci < c; ci++) {
                    int y = oy * s + ky - before;
                    int x = ox * s + kx - before;
                    int value = y >= 0 && y < h && x >= 0 && x < w ? v[(y * w + x) * c + ci] : conv.padding().value();
                    int weight = conv.weights().get(o, (ky * k + kx) * c + ci) ? 1 : -1;
                    acc += bytes ? weight * value : (weight == value ? 1 : 0);
                  }
                }
              }
              out[(oy * outW + ox) * outC + o] = fires(conv.thresholds(), o, acc) ? 1 : -1;
            }
          }
        }
        v = out;
        h = outH;
        w = outW;
        c = outC;
        bytes = false;
      } else if (layer instanceof BinaryCnn.MaxPool pool) {
        int k = pool.size();
        int[] out = new int[(h / k) * (w / k) * c];
        for (int oy = 0; oy < h / k; oy++) {
          for (int ox = 0; ox < w / k; ox++) {
            for (int ci = 0; ci < c; ci++) {
              int max = -1;
              for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                  max = Math.max(max, v[((oy * k + ky) * w + ox * k + kx) * c + ci]);
                }
              }
              out[(oy * (w / k) + ox) * c + ci] = max;
            }
          }
        }
        v = out;
        h /= k;
        w /= k;
      } else if (layer instanceof BinaryCnn.Flatten) {
        c = h * w * c;
        h = 1;
        w = 1;
      } else if (layer instanceof BinaryCnn.Dense dense) {
        int[] out = new int[dense.weights().rows()];
        for (int j = 0; j < out.length; j++) {
          out[j] = fires(dense.thresholds(), j, accumulator(dense.weights(), j, v, bytes)) ? 1 : -1;
        }
        v = out;
        c = out.length;
        bytes = false;
      } else {
        BinaryCnn.Scores scores = (BinaryCnn.Scores) layer;
        int[] out = new int[scores.classes()];
        for (int j = 0; j < out.length; j++) {
          out[j] = Math.toIntExact(accumulator(scores.weights(), j, v, bytes) + scores.bias()[j]);
        }
        return out;
      }
    }
    throw new IllegalStateException("no scores");
  }

  private static long accumulator(BitMatrix w, int row, int[] v, boolean bytes) {
    long acc = 0;
    for (int i = 0; i < v.length; i++) {
      int weight = w.get(row, i) ? 1 : -1;
      acc += bytes ? weight * v[i] : (weight == v[i] ? 1 : 0);
    }
    return acc;
  }

  private static boolean fires(ThresholdTable t, int neuron, long acc) {
    return t.direction(neuron).passes(acc, t.threshold(neuron));
  }
}
