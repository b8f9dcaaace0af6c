package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.ConvGeometry;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.MapShape;
import java.util.List;

/**
 * What an engine fed pixel by pixel ({@link ConvWindow#LINE}) needs of its input stream: the map
 * (H x W pixels of C elements of {@code elementBits}), the window (kernel {@code kernelHeight x
 * kernelWidth}, stride) and the padding ({@code padBefore} rows above and columns left, {@code padTotal}
 * in all per dimension, pad element {@code padValue} of the input kind). A convolution's window is
 * its kernel; a dense engine behind a flatten takes the whole map as one window (kernel H x W, no
 * padding), so its collector is the same line buffer, and the window's element order
 * ((ky * W + kx) * C + c) is the IL's flatten order. {@code inRam}: the line buffer keeps its delay
 * lines in block RAM ({@link LineStorage}, resolved).
 */
record StreamWindow(MapShape map, InputKind kind, int kernelHeight, int kernelWidth, int stride, int padBefore,
    int padTotal, int padValue, boolean inRam) {

  /**
   * The stream input of engine {@code i} of {@code engines} in mode {@code window}, or null when it
   * takes whole vectors: in {@link ConvWindow#LINE} every engine behind a convolution is fed pixels,
   * and so is a first convolution behind an {@link InputPort#STREAM} port (by the top). Its line
   * buffer's delay lines are in block RAM where {@code lines} puts them.
   */
  static StreamWindow of(List<Engine> engines, int i, ConvWindow window, InputPort port, LineStorage lines) {
    Engine e = engines.get(i);
    boolean fedByTop = i == 0 && port == InputPort.STREAM && e.isConv();
    if (window != ConvWindow.LINE || !fedByTop && (i == 0 || !engines.get(i - 1).isConv())) {
      return null;
    }
    if (e.isConv()) {
      ConvGeometry g = e.conv();
      var s = new StreamWindow(g.in(), e.inputKind(), g.kernel(), g.kernel(), g.stride(), g.padBefore(), g.padTotal(),
          g.padding().value(), false);
      return s.withRam(lines.inRam(s.delay(), s.delayBits()));
    }
    MapShape map = engines.get(i - 1).linkMap();
    return new StreamWindow(map, e.inputKind(), map.height(), map.width(), 1, 0, 0, 0, false);
  }

  private StreamWindow withRam(boolean ram) {
    return new StreamWindow(map, kind, kernelHeight, kernelWidth, stride, padBefore, padTotal, padValue, ram);
  }

  /** Whether engine {@code i} hands on one output pixel per beat (every convolution, in {@link ConvWindow#LINE}). */
  static boolean pixelOut(List<Engine> engines, int i, ConvWindow window) {
    return window == ConvWindow.LINE && engines.get(i).isConv();
  }

  int elementBits() {
    return kind.bitsPerElement();
  }

  /** Bits of one pixel: C packed elements. */
  int pixelBits() {
    return map.channels() * elementBits();
  }

  /** Pixels of the map: H x W. */
  int pixels() {
    return map.height() * map.width();
  }

  /** Hp = H + pad. */
  int paddedHeight() {
    return map.height() + padTotal;
  }

  /** Wp = W + pad. */
  int paddedWidth() {
    return map.width() + padTotal;
  }

  /** Pixels the line buffer holds: (Kh - 1) padded rows and Kw pixels, (Kh - 1) * Wp + Kw. */
  int length() {
    return (kernelHeight - 1) * paddedWidth() + kernelWidth;
  }

  /** Pixels of each of the Kh - 1 delay lines between the window's rows: Wp - Kw. */
  int delay() {
    return paddedWidth() - kernelWidth;
  }

  /** Bits of the delay lines: (Kh - 1) x (Wp - Kw) pixels. */
  long delayBits() {
    return (long) (kernelHeight - 1) * delay() * pixelBits();
  }

  /** Bits of the window taps: Kh x Kw pixels. */
  long tapBits() {
    return (long) kernelHeight * kernelWidth * pixelBits();
  }

  /** Whether padded position (r, c) is a pad pixel (not on the link). */
  boolean isPad(int r, int c) {
    return r < padBefore || r >= padBefore + map.height() || c < padBefore || c >= padBefore + map.width();
  }

  /** Whether the padded pixel (r, c) is the last (bottom right) pixel of an output pixel's window. */
  boolean completesWindow(int r, int c) {
    return r >= kernelHeight - 1 && c >= kernelWidth - 1 && (r - kernelHeight + 1) % stride == 0
        && (c - kernelWidth + 1) % stride == 0;
  }
}
