package dev.brainblitz.ir.engine;

import dev.brainblitz.ir.ConvGeometry;
import dev.brainblitz.ir.ConvLayer;
import dev.brainblitz.ir.MapShape;
import dev.brainblitz.ir.PoolLayer;

/**
 * One step of the convolutional front of a network, from packed feature map to packed feature map
 * (or, for {@link Flatten}, to the packed vector the dense layers read).
 *
 * <p>A packed binary map holds each pixel's C channel bits in {@code ceil(C / 64)} longs, pixels in
 * row order: channel c of pixel p is bit (c mod 64) of word {@code p * wpp + c / 64}; unused high
 * bits are 0. A convolution then XORs whole words per kernel tap (no im2col), counts the
 * disagreements with {@link Long#bitCount}, and packs the thresholded bits of all output channels
 * of a pixel at once; pooling is an OR of words; all working memory comes from the {@link Scratch}.
 */
abstract sealed class MapStage permits MapStage.BitConv, MapStage.ByteConv, MapStage.OrPool, MapStage.Flatten {

  /** Longs holding one pixel of {@code channels} bits. */
  static int wordsPerPixel(int channels) {
    return XnorRows.longsFor(channels);
  }

  /** Longs of a packed map of this shape. */
  static int longsOf(MapShape map) {
    return map.pixels() * wordsPerPixel(map.channels());
  }

  /** Longs of the stage's output. */
  abstract int outputLongs();

  /**
   * Reads {@code in} (a packed map; for {@link ByteConv} the bytes in {@code scratch.image}) and
   * writes {@code out}, every word of it.
   */
  abstract void run(long[] in, long[] out, Scratch scratch);

  /** A convolution over a binary map: XNOR-popcount per kernel tap on whole pixel words. */
  static final class BitConv extends MapStage {
    private final ConvGeometry g;
    private final int inWords;
    private final int outWords;
    /**
     * weights[(tap * inWords + w) * O + o]: word w of the channel bits of tap (ky, kx) of output
     * channel o; output channels innermost, so one input word meets every channel in one loop.
     */
    private final long[] weights;
    /** padDisagree[tap * O + o]: disagreements of the tap with a padded pixel (all channels the pad element). */
    private final int[] padDisagree;
    private final FiringRule firing;

    BitConv(ConvLayer layer) {
      this.g = layer.geometry();
      this.inWords = wordsPerPixel(g.inChannels());
      this.outWords = wordsPerPixel(g.outChannels());
      int taps = g.kernel() * g.kernel();
      int c = g.inChannels();
      int out = g.outChannels();
      this.weights = new long[out * taps * inWords];
      this.padDisagree = new int[out * taps];
      boolean padPlus = layer.conv().padding().value() > 0;
      for (int o = 0; o < out; o++) {
        for (int tap = 0; tap < taps; tap++) {
          int ones = 0;
          for (int ch = 0; ch < c; ch++) {
            if (layer.conv().weights().get(o, tap * c + ch)) {
              weights[(tap * inWords + (ch >>> 6)) * out + o] |= 1L << ch;
              ones++;
            }
          }
          padDisagree[tap * out + o] = padPlus ? c - ones : ones;
        }
      }
      this.firing = FiringRule.of(layer.threshold().table());
    }

    @Override
    int outputLongs() {
      return g.outPixels() * outWords;
    }

    @Override
    void run(long[] in, long[] out, Scratch scratch) {
      int k = g.kernel();
      int before = g.padBefore();
      int fanIn = g.fanIn();
      int channels = g.outChannels();
      int stride = g.stride();
      int inHeight = g.inHeight();
      int inWidth = g.inWidth();
      int outHeight = g.outHeight();
      int outWidth = g.outWidth();
      int[] acc = scratch.accumulators;
      for (int oy = 0; oy < outHeight; oy++) {
        for (int ox = 0; ox < outWidth; ox++) {
          java.util.Arrays.fill(acc, 0, channels, 0);
          for (int ky = 0; ky < k; ky++) {
            int y = oy * stride + ky - before;
            boolean rowInside = y >= 0 && y < inHeight;
            for (int kx = 0; kx < k; kx++) {
              int x = ox * stride + kx - before;
              int tap = ky * k + kx;
              if (rowInside && x >= 0 && x < inWidth) {
                int pixel = (y * inWidth + x) * inWords;
                for (int w = 0; w < inWords; w++) {
                  long word = in[pixel + w];
                  int base = (tap * inWords + w) * channels;
                  for (int o = 0; o < channels; o++) {
                    acc[o] += Long.bitCount(word ^ weights[base + o]);
                  }
                }
              } else {
                int base = tap * channels;
                for (int o = 0; o < channels; o++) {
                  acc[o] += padDisagree[base + o];
                }
              }
            }
          }
          for (int o = 0; o < channels; o++) {
            acc[o] = fanIn - acc[o]; // disagreements to agreements
          }
          firing.pack(acc, out, (oy * outWidth + ox) * outWords);
        }
      }
    }
  }

  /**
   * The first convolution of a u8 network: per output pixel, the window's bytes (pad byte outside
   * the image) are gathered once, then each byte is added to every output channel's signed sum with
   * that channel's +1/-1 weight, an int loop over the channels that the JIT vectorizes.
   */
  static final class ByteConv extends MapStage {
    private final ConvGeometry g;
    private final int outWords;
    /** signs[i * O + o]: +1 or -1, weight column i of output channel o (output channels innermost). */
    private final int[] signs;
    private final int pad;
    private final FiringRule firing;

    ByteConv(ConvLayer layer) {
      this.g = layer.geometry();
      this.outWords = wordsPerPixel(g.outChannels());
      int fanIn = g.fanIn();
      int out = g.outChannels();
      this.signs = new int[out * fanIn];
      for (int o = 0; o < out; o++) {
        for (int i = 0; i < fanIn; i++) {
          signs[i * out + o] = layer.conv().weights().get(o, i) ? 1 : -1;
        }
      }
      this.pad = layer.conv().padding().value();
      this.firing = FiringRule.of(layer.threshold().table());
    }

    int fanIn() {
      return g.fanIn();
    }

    @Override
    int outputLongs() {
      return g.outPixels() * outWords;
    }

    @Override
    void run(long[] unused, long[] out, Scratch scratch) {
      int[] image = scratch.image;
      int[] window = scratch.window;
      int[] acc = scratch.accumulators;
      int k = g.kernel();
      int c = g.inChannels();
      int fanIn = g.fanIn();
      int before = g.padBefore();
      for (int oy = 0; oy < g.outHeight(); oy++) {
        for (int ox = 0; ox < g.outWidth(); ox++) {
          int i = 0;
          for (int ky = 0; ky < k; ky++) {
            int y = oy * g.stride() + ky - before;
            for (int kx = 0; kx < k; kx++) {
              int x = ox * g.stride() + kx - before;
              boolean inside = y >= 0 && y < g.inHeight() && x >= 0 && x < g.inWidth();
              int pixel = (y * g.inWidth() + x) * c;
              for (int ch = 0; ch < c; ch++) {
                window[i++] = inside ? image[pixel + ch] : pad;
              }
            }
          }
          int channels = g.outChannels();
          java.util.Arrays.fill(acc, 0, channels, 0);
          for (int j = 0; j < fanIn; j++) {
            int value = window[j];
            int base = j * channels;
            for (int o = 0; o < channels; o++) {
              acc[o] += signs[base + o] * value;
            }
          }
          firing.pack(acc, out, (oy * g.outWidth() + ox) * outWords);
        }
      }
    }
  }

  /** Max-pooling of a binary map: the OR of the words of each window's pixels. */
  static final class OrPool extends MapStage {
    private final MapShape in;
    private final MapShape outShape;
    private final int size;
    private final int words;

    OrPool(PoolLayer layer) {
      this.in = layer.in();
      this.outShape = layer.out();
      this.size = layer.size();
      this.words = wordsPerPixel(in.channels());
    }

    @Override
    int outputLongs() {
      return longsOf(outShape);
    }

    @Override
    void run(long[] input, long[] out, Scratch scratch) {
      for (int oy = 0; oy < outShape.height(); oy++) {
        for (int ox = 0; ox < outShape.width(); ox++) {
          int target = (oy * outShape.width() + ox) * words;
          for (int w = 0; w < words; w++) {
            long bits = 0;
            for (int dy = 0; dy < size; dy++) {
              int row = (oy * size + dy) * in.width() + ox * size;
              for (int dx = 0; dx < size; dx++) {
                bits |= input[(row + dx) * words + w];
              }
            }
            out[target + w] = bits;
          }
        }
      }
    }
  }

  /**
   * A packed map as the packed vector of its elements (y, x, c) in order: each pixel's C bits are
   * appended at bit {@code p * C}. When C is a multiple of 64 that is a plain copy.
   */
  static final class Flatten extends MapStage {
    private final MapShape in;
    private final int words;

    Flatten(MapShape in) {
      this.in = in;
      this.words = wordsPerPixel(in.channels());
    }

    @Override
    int outputLongs() {
      return XnorRows.longsFor(in.size());
    }

    @Override
    void run(long[] input, long[] out, Scratch scratch) {
      int c = in.channels();
      if ((c & 63) == 0) {
        System.arraycopy(input, 0, out, 0, outputLongs());
        return;
      }
      java.util.Arrays.fill(out, 0, outputLongs(), 0L);
      long offset = 0;
      for (int p = 0; p < in.pixels(); p++) {
        for (int w = 0; w < words; w++) {
          int bits = Math.min(64, c - 64 * w);
          long value = input[p * words + w];
          int at = (int) (offset >>> 6);
          int shift = (int) (offset & 63);
          out[at] |= value << shift;
          if (shift != 0 && shift + bits > 64) {
            out[at + 1] |= value >>> (64 - shift);
          }
          offset += bits;
        }
      }
    }
  }
}
