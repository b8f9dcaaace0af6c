package dev.brainblitz.hdlgen;

/**
 * How the generated hardware feeds a convolution its windows ({@code --conv-window}).
 * <ul>
 *   <li>{@link #FRAME} (the default): a link carries a whole feature map per beat; a convolution
 *       engine keeps the padded map in a frame buffer ({@link SlidingWindow}) and hands the whole
 *       output map on; max-pools are wires.
 *   <li>{@link #LINE}: the links behind a convolution carry one pixel (its C channels, packed) per
 *       beat in the IL's row-major order; a convolution fed by such a link keeps K - 1 padded rows
 *       plus K pixels in a line buffer ({@link LineBuffer}), a dense engine after a flatten collects
 *       the pixels in flatten order, and max-pools OR over the stream with one row of partial
 *       results ({@link StreamPoolUnit}). The first convolution still takes the whole image from the
 *       top's port (the port is one image per beat) and emits its output pixel by pixel.
 * </ul>
 */
public enum ConvWindow {
  FRAME("frame"),
  LINE("line");

  private final String keyword;

  ConvWindow(String keyword) {
    this.keyword = keyword;
  }

  /** The option's value on the command line. */
  public String keyword() {
    return keyword;
  }

  /** The mode named {@code keyword}, or null when there is none. */
  public static ConvWindow parse(String keyword) {
    for (ConvWindow w : values()) {
      if (w.keyword.equals(keyword)) {
        return w;
      }
    }
    return null;
  }
}
