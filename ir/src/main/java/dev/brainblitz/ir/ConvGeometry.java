package dev.brainblitz.ir;

/**
 * The shape arithmetic of a KxK convolution with stride S over an H x W image, in one place (the
 * IL's validator, golden model and engine, the trainer and the checkpoint reader all use it). Shapes must divide
 * exactly, so every input row and column is read and no border is silently dropped:
 *
 * <ul>
 *   <li>{@code valid}: {@code K <= H} and {@code (H - K) mod S = 0}; out = {@code (H - K) / S + 1};
 *       no padding.
 *   <li>{@code same}: {@code S <= K} and {@code H mod S = 0}; out = {@code H / S}; the
 *       {@code K - S} padded rows are split {@code floor((K - S) / 2)} before (top) and the rest
 *       after (bottom). For stride 1 and odd K that is {@code (K - 1) / 2} on each side.
 * </ul>
 * The same rules hold for the width.
 */
public record ConvGeometry(int inHeight, int inWidth, int inChannels, int kernel, int stride, Padding padding,
    int outChannels) {
  public ConvGeometry {
    String problem = problem(inHeight, inWidth, inChannels, kernel, stride, padding.mode(), outChannels);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** Why these sizes make no convolution, or null when they do. */
  public static String problem(int height, int width, int inChannels, int kernel, int stride, Padding.Mode mode,
      int outChannels) {
    if (height < 1 || width < 1 || inChannels < 1 || outChannels < 1) {
      return "sizes must be positive";
    }
    if (kernel < 1 || stride < 1) {
      return "kernel " + kernel + " and stride " + stride + " must be at least 1";
    }
    return switch (mode) {
      case VALID -> kernel > height || kernel > width
          ? "a " + kernel + "x" + kernel + " kernel is larger than the " + height + "x" + width + " image"
          : (height - kernel) % stride != 0 || (width - kernel) % stride != 0
              ? "valid " + kernel + "x" + kernel + " stride " + stride + " does not tile " + height + "x" + width
                  + ": (size - kernel) must be a multiple of the stride"
              : null;
      case SAME -> stride > kernel
          ? "same padding needs stride " + stride + " <= kernel " + kernel
          : height % stride != 0 || width % stride != 0
              ? "same padding with stride " + stride + " needs the " + height + "x" + width
                  + " image to be a multiple of the stride"
              : null;
    };
  }

  /** The geometry of a convolution with a {@code kernel x kernel} window reading an {@code image}. */
  public static ConvGeometry of(MapShape image, int kernel, int stride, Padding padding, int outChannels) {
    return new ConvGeometry(image.height(), image.width(), image.channels(), kernel, stride, padding, outChannels);
  }

  /** The shape of the map the convolution reads. */
  public MapShape in() {
    return new MapShape(inHeight, inWidth, inChannels);
  }

  /** The shape of the map it produces. */
  public MapShape out() {
    return new MapShape(outHeight(), outWidth(), outChannels);
  }

  public int outHeight() {
    return padding.mode() == Padding.Mode.VALID ? (inHeight - kernel) / stride + 1 : inHeight / stride;
  }

  public int outWidth() {
    return padding.mode() == Padding.Mode.VALID ? (inWidth - kernel) / stride + 1 : inWidth / stride;
  }

  /**
   * Padded rows in all, above and below the image (and, the same rule, padded columns): 0 for
   * {@code valid}, K - S for {@code same}, of which {@link #padBefore} come first.
   */
  public int padTotal() {
    return padding.mode() == Padding.Mode.VALID ? 0 : kernel - stride;
  }

  /** Padded rows above the image (and, the same rule, padded columns left of it). */
  public int padBefore() {
    return padding.mode() == Padding.Mode.VALID ? 0 : (kernel - stride) / 2;
  }

  /** Input elements one output pixel and channel reads: K * K * input channels. */
  public int fanIn() {
    return kernel * kernel * inChannels;
  }

  public int inSize() {
    return inHeight * inWidth * inChannels;
  }

  public int outPixels() {
    return outHeight() * outWidth();
  }

  public int outSize() {
    return outPixels() * outChannels;
  }
}
