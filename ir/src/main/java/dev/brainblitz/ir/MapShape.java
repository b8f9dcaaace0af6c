package dev.brainblitz.ir;

/**
 * The shape of a feature map: {@code height x width} pixels of {@code channels} elements, element
 * (y, x, c). Flattened (and packed), element (y, x, c) is element {@code (y * width + x) * channels + c}:
 * height-major, channels innermost (docs/il.md, "Feature maps").
 */
public record MapShape(int height, int width, int channels) {

  /** Elements of the map: {@code height * width * channels}, as a long so that no product overflows. */
  public long elements() {
    return (long) height * width * channels;
  }

  /** Elements of the map as an int; only for shapes the validator accepted (at most 2^20 elements). */
  public int size() {
    return Math.toIntExact(elements());
  }

  public int pixels() {
    return height * width;
  }

  /** The index of element (y, x, c) in the flattened map. */
  public int index(int y, int x, int c) {
    return (y * width + x) * channels + c;
  }

  /** Whether every dimension is at least 1. */
  public boolean positive() {
    return height >= 1 && width >= 1 && channels >= 1;
  }

  /** {@code HxWxC}, as the text form writes it. */
  public String text() {
    return height + "x" + width + "x" + channels;
  }

  @Override
  public String toString() {
    return text();
  }
}
