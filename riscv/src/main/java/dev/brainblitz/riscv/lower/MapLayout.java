package dev.brainblitz.riscv.lower;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.MapShape;
import java.util.List;

/**
 * A binary feature map in a frame buffer: pixel by pixel, height-major, each pixel's channel bits in
 * {@link #wordsPerPixel} whole words (channel c in bit c mod 32 of word c / 32, unused high bits 0),
 * surrounded by the border of pad pixels the convolution reading it needs ({@code before} rows above
 * and columns left, {@code after} below and right). The layer that produces the map fills the border
 * with {@code padPixel}; the convolution then reads every window at constant offsets from its
 * top-left pixel, like a {@code valid} one.
 *
 * @param padPixel the words of one pad pixel (all channels -1: zeros; +1: ones over the channels)
 */
record MapLayout(MapShape shape, int before, int after, List<Integer> padPixel) {
  MapLayout {
    padPixel = List.copyOf(padPixel);
  }

  /** A map without border. */
  static MapLayout plain(MapShape shape) {
    return new MapLayout(shape, 0, 0, List.of());
  }

  /** A map with a border of pixels whose every channel is {@code value} (+1 or -1). */
  static MapLayout padded(MapShape shape, int before, int after, int value) {
    int words = BitMatrix.wordsFor(shape.channels());
    Integer[] pixel = new Integer[words];
    for (int w = 0; w < words; w++) {
      pixel[w] = value < 0 ? 0 : w == words - 1 ? BitMatrix.lastWordMask(shape.channels()) : -1;
    }
    return before + after == 0 ? plain(shape) : new MapLayout(shape, before, after, List.of(pixel));
  }

  int wordsPerPixel() {
    return BitMatrix.wordsFor(shape.channels());
  }

  int paddedWidth() {
    return shape.width() + before + after;
  }

  int paddedHeight() {
    return shape.height() + before + after;
  }

  boolean hasBorder() {
    return before + after > 0;
  }

  /** Words of the whole buffer, border included. */
  int words() {
    return paddedHeight() * paddedWidth() * wordsPerPixel();
  }

  /** Bytes from the start of the buffer to pixel (y, x) of the map (y or x negative: in the border). */
  int offset(int y, int x) {
    return 4 * (((y + before) * paddedWidth() + x + before) * wordsPerPixel());
  }

  /** Bytes from one row of pixels to the next. */
  int rowBytes() {
    return 4 * paddedWidth() * wordsPerPixel();
  }
}
