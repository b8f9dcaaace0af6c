package dev.brainblitz.train.cnn;

import dev.brainblitz.ir.ConvGeometry;
import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.ThresholdTable;
import dev.brainblitz.train.cnn.BinaryCnn.Tensor;
import java.util.List;

/**
 * Runs a {@link BinaryCnn} on one input, bit-exactly, the way hardware would: a binary feature map
 * keeps each pixel's channels packed into 64-bit words (channel c is bit c mod 64 of the pixel's
 * word c div 64), a binary convolution is XNOR-popcount per kernel tap, max-pooling is an OR of
 * words, and a layer's bit is its threshold rule on the integer accumulator. The accumulators are
 * those of the IL: over bits, the number of agreeing positions (padding included); over bytes, the
 * signed sum of the bytes the weights select.
 *
 * <p>The rule that turns an accumulator into a bit is pluggable ({@link Rule}): the thresholds of
 * the network by default, or, to check an export, the float expression they were folded from.
 */
public final class BitInference {
  /** Whether output {@code neuron} of layer {@code layer} (an index into the layers) fires. */
  @FunctionalInterface
  public interface Rule {
    boolean fires(int layer, int neuron, long accumulator);
  }

  private final BinaryCnn cnn;
  private final Rule rule;
  private final List<Tensor> inputs;
  /** Per layer: the weights as 64-bit words (per output and tap for a conv, per row otherwise). */
  private final long[][] words;
  /** Per layer reading bytes: the weights as +1/-1. */
  private final int[][] signs;

  /** The network with its own thresholds. */
  public BitInference(BinaryCnn cnn) {
    this(cnn, thresholdRule(cnn));
  }

  public BitInference(BinaryCnn cnn, Rule rule) {
    this.cnn = cnn;
    this.rule = rule;
    this.inputs = cnn.inputs();
    this.words = new long[cnn.layers().size()][];
    this.signs = new int[cnn.layers().size()][];
    for (int k = 0; k < words.length; k++) {
      BinaryCnn.Layer layer = cnn.layers().get(k);
      BitMatrix w = BinaryCnn.weights(layer);
      if (w == null) {
        continue;
      }
      if (inputs.get(k).kind() == InputKind.U8) {
        signs[k] = new int[w.rows() * w.columns()];
        for (int r = 0; r < w.rows(); r++) {
          for (int c = 0; c < w.columns(); c++) {
            signs[k][r * w.columns() + c] = w.get(r, c) ? 1 : -1;
          }
        }
      }
      // A convolution's row is K*K taps of C channels; each tap starts a new word, as a pixel does.
      int group = layer.op() == BinaryCnn.Op.CONV2D ? inputs.get(k).channels() : w.columns();
      words[k] = pack(w, group);
    }
  }

  /** The thresholds of {@code cnn} as a rule. */
  public static Rule thresholdRule(BinaryCnn cnn) {
    return new Thresholds(cnn);
  }

  /** The thresholds as flat arrays per layer. */
  private static final class Thresholds implements Rule {
    private final long[][] values;
    private final boolean[][] greater;

    Thresholds(BinaryCnn cnn) {
      values = new long[cnn.layers().size()][];
      greater = new boolean[values.length][];
      for (int k = 0; k < values.length; k++) {
        BinaryCnn.Layer layer = cnn.layers().get(k);
        ThresholdTable table = switch (layer.op()) {
          case CONV2D -> ((BinaryCnn.Conv) layer).thresholds();
          case DENSE -> ((BinaryCnn.Dense) layer).thresholds();
          case MAXPOOL, FLATTEN, SCORES -> null;
        };
        if (table != null) {
          values[k] = new long[table.neurons()];
          greater[k] = new boolean[table.neurons()];
          for (int j = 0; j < table.neurons(); j++) {
            values[k][j] = table.threshold(j);
            greater[k][j] = table.direction(j) == Direction.GE;
          }
        }
      }
    }

    @Override
    public boolean fires(int layer, int neuron, long acc) {
      return greater[layer][neuron] ? acc >= values[layer][neuron] : acc <= values[layer][neuron];
    }
  }

  public BinaryCnn network() {
    return cnn;
  }

  /**
   * The scores of one input: {@code height * width * channels} elements in (y, x, c) order, bytes
   * 0..255 for a u8 network, 1 (+1) or 0 (-1) for a bipolar one.
   */
  public int[] scores(int[] input) {
    if (input.length != cnn.height() * cnn.width() * cnn.channels()) {
      throw new IllegalArgumentException(input.length + " input elements for a " + cnn.height() + "x" + cnn.width()
          + "x" + cnn.channels() + " input");
    }
    // The current data: bytes (values) before the first layer of a u8 network, else bits (map).
    int[] values = cnn.inputKind() == InputKind.U8 ? input : null;
    long[] map = values == null ? packMap(input, cnn.height() * cnn.width(), cnn.channels()) : null;
    for (int k = 0; k < cnn.layers().size(); k++) {
      BinaryCnn.Layer layer = cnn.layers().get(k);
      Tensor in = inputs.get(k);
      switch (layer.op()) {
        case CONV2D -> {
          BinaryCnn.Conv conv = (BinaryCnn.Conv) layer;
          map = values != null ? convBytes(k, conv, in, values) : convBits(k, conv, in, map);
          values = null;
        }
        case MAXPOOL -> map = pool(((BinaryCnn.MaxPool) layer).size(), in, map);
        case FLATTEN -> map = values != null ? null : flatten(in, map);
        case DENSE -> {
          int outputs = ((BinaryCnn.Dense) layer).weights().rows();
          long[] out = new long[wordsFor(outputs)];
          for (int j = 0; j < outputs; j++) {
            if (rule.fires(k, j, accumulator(k, j, in, values, map))) {
              out[j >>> 6] |= 1L << j;
            }
          }
          map = out;
          values = null;
        }
        case SCORES -> {
          BinaryCnn.Scores scores = (BinaryCnn.Scores) layer;
          int[] bias = scores.bias();
          int[] out = new int[scores.classes()];
          for (int c = 0; c < out.length; c++) {
            out[c] = Math.toIntExact(accumulator(k, c, in, values, map) + bias[c]);
          }
          return out;
        }
      }
    }
    throw new IllegalStateException("a binary CNN ends with scores");
  }

  private static int wordsFor(int bits) {
    return (bits + 63) >>> 6;
  }

  /** Bits {@code i * group .. } of each row, each group starting a new 64-bit word. */
  private static long[] pack(BitMatrix w, int group) {
    int groups = w.columns() / group;
    int per = wordsFor(group);
    long[] out = new long[w.rows() * groups * per];
    for (int r = 0; r < w.rows(); r++) {
      for (int c = 0; c < w.columns(); c++) {
        if (w.get(r, c)) {
          int g = c / group;
          int bit = c % group;
          out[(r * groups + g) * per + (bit >>> 6)] |= 1L << bit;
        }
      }
    }
    return out;
  }

  /** Elements 1/0 of {@code pixels} pixels of {@code channels} channels, packed per pixel. */
  private static long[] packMap(int[] bits, int pixels, int channels) {
    int per = wordsFor(channels);
    long[] map = new long[pixels * per];
    for (int p = 0; p < pixels; p++) {
      for (int c = 0; c < channels; c++) {
        if (bits[p * channels + c] != 0) {
          map[p * per + (c >>> 6)] |= 1L << c;
        }
      }
    }
    return map;
  }

  private static long validMask(int channels, int word) {
    int used = channels - 64 * word;
    return used >= 64 ? -1L : (1L << used) - 1;
  }

  private long[] convBits(int k, BinaryCnn.Conv conv, Tensor in, long[] map) {
    ConvGeometry g = BinaryCnn.geometry(in, conv);
    int per = wordsFor(in.channels());
    int taps = conv.kernel() * conv.kernel();
    int row = taps * per;
    long[] w = words[k];
    int outC = conv.outChannels();
    // A padded tap holds the pad element in every channel: all valid bits set for +1, none for -1.
    long[] pad = new long[per];
    if (conv.padding().value() > 0) {
      for (int i = 0; i < per; i++) {
        pad[i] = validMask(in.channels(), i);
      }
    }
    long[] cols = new long[row];
    int outPer = wordsFor(outC);
    long[] out = new long[g.outPixels() * outPer];
    for (int oy = 0; oy < g.outHeight(); oy++) {
      for (int ox = 0; ox < g.outWidth(); ox++) {
        for (int t = 0; t < taps; t++) {
          int iy = oy * g.stride() + t / g.kernel() - g.padBefore();
          int ix = ox * g.stride() + t % g.kernel() - g.padBefore();
          boolean inside = iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width();
          for (int i = 0; i < per; i++) {
            cols[t * per + i] = inside ? map[(iy * in.width() + ix) * per + i] : pad[i];
          }
        }
        int p = oy * g.outWidth() + ox;
        for (int o = 0; o < outC; o++) {
          // Agreements = valid bits - disagreements; bits above the channels are 0 on both sides.
          int differ = 0;
          for (int q = 0; q < row; q++) {
            differ += Long.bitCount(cols[q] ^ w[o * row + q]);
          }
          if (rule.fires(k, o, (long) taps * in.channels() - differ)) {
            out[p * outPer + (o >>> 6)] |= 1L << o;
          }
        }
      }
    }
    return out;
  }

  private long[] convBytes(int k, BinaryCnn.Conv conv, Tensor in, int[] values) {
    ConvGeometry g = BinaryCnn.geometry(in, conv);
    int outC = conv.outChannels();
    int outPer = wordsFor(outC);
    int channels = in.channels();
    int fanIn = g.fanIn();
    int pad = conv.padding().value();
    int[] w = signs[k];
    int[] taps = new int[fanIn];
    long[] out = new long[g.outPixels() * outPer];
    for (int oy = 0; oy < g.outHeight(); oy++) {
      for (int ox = 0; ox < g.outWidth(); ox++) {
        for (int ky = 0; ky < g.kernel(); ky++) {
          int iy = oy * g.stride() + ky - g.padBefore();
          for (int kx = 0; kx < g.kernel(); kx++) {
            int ix = ox * g.stride() + kx - g.padBefore();
            boolean inside = iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width();
            for (int c = 0; c < channels; c++) {
              taps[(ky * g.kernel() + kx) * channels + c] = inside ? values[(iy * in.width() + ix) * channels + c] : pad;
            }
          }
        }
        int p = oy * g.outWidth() + ox;
        for (int o = 0; o < outC; o++) {
          long acc = 0;
          for (int i = 0; i < fanIn; i++) {
            acc += w[o * fanIn + i] * taps[i];
          }
          if (rule.fires(k, o, acc)) {
            out[p * outPer + (o >>> 6)] |= 1L << o;
          }
        }
      }
    }
    return out;
  }

  private static long[] pool(int size, Tensor in, long[] map) {
    int per = wordsFor(in.channels());
    int outH = in.height() / size;
    int outW = in.width() / size;
    long[] out = new long[outH * outW * per];
    for (int oy = 0; oy < outH; oy++) {
      for (int ox = 0; ox < outW; ox++) {
        int o = (oy * outW + ox) * per;
        for (int ky = 0; ky < size; ky++) {
          for (int kx = 0; kx < size; kx++) {
            int src = ((oy * size + ky) * in.width() + ox * size + kx) * per;
            for (int i = 0; i < per; i++) {
              out[o + i] |= map[src + i];
            }
          }
        }
      }
    }
    return out;
  }

  /** Per-pixel words to one vector, element {@code p * C + c}. */
  private static long[] flatten(Tensor in, long[] map) {
    int per = wordsFor(in.channels());
    int pixels = in.height() * in.width();
    long[] out = new long[wordsFor(pixels * in.channels())];
    for (int p = 0; p < pixels; p++) {
      for (int c = 0; c < in.channels(); c++) {
        if ((map[p * per + (c >>> 6)] >>> c & 1) != 0) {
          int i = p * in.channels() + c;
          out[i >>> 6] |= 1L << i;
        }
      }
    }
    return out;
  }

  /** The accumulator of row {@code j} of a dense or scores layer {@code k} over a vector. */
  private long accumulator(int k, int j, Tensor in, int[] values, long[] bits) {
    int n = in.size();
    if (values != null) {
      long acc = 0;
      for (int i = 0; i < n; i++) {
        acc += (long) signs[k][j * n + i] * values[i];
      }
      return acc;
    }
    int per = wordsFor(n);
    long[] w = words[k];
    long acc = 0;
    for (int i = 0; i < per; i++) {
      acc += Long.bitCount(~(bits[i] ^ w[j * per + i]) & validMask(n, i));
    }
    return acc;
  }
}
