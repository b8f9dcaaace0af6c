package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.ConvGeometry;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.verilog.VerilogWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The sliding window in front of a convolution engine: a frame buffer {@code fbuf} holding the
 * padded input map (Hp x Wp pixels of C packed elements, the pad elements written in as the IL
 * defines them), shifted so that the window of the current output pixel always sits at its low
 * end. The KxK window is K constant slices of K*C elements, one per kernel row, in the order of the
 * weight columns ((ky * K + kx) * C + c). Moving to the next output pixel shifts the buffer by S
 * pixels; moving to the next output row shifts it from the row's last window to the next row's
 * first. The window of pixel 0 is read from the padded input as the frame is taken, and each next
 * window while the last issue of the pixel before it runs, so the window adds no cycle.
 */
final class SlidingWindow {
  private final EngineShape shape;
  private final ConvGeometry g;

  SlidingWindow(EngineShape shape) {
    this.shape = shape;
    this.g = shape.engine().conv();
  }

  private int kernel() {
    return g.kernel();
  }

  private int pixelBits() {
    return g.inChannels() * shape.elementBits();
  }

  /** Padded columns: Wp = W for valid, W + K - S for same. */
  int paddedWidth() {
    return g.inWidth() + g.padTotal();
  }

  /** Padded rows: Hp = H for valid, H + K - S for same. */
  int paddedHeight() {
    return g.inHeight() + g.padTotal();
  }

  private int rowBits() {
    return paddedWidth() * pixelBits();
  }

  /** Bits of the frame buffer: the padded map. */
  int frameBits() {
    return paddedHeight() * rowBits();
  }

  /** Whether there is more than one output pixel (else there is no frame buffer and no pixel counter). */
  boolean slides() {
    return g.outPixels() > 1;
  }

  /** Bits of the frame buffer register: the padded map when the window slides, else none. */
  long bufferedBits() {
    return slides() ? frameBits() : 0;
  }

  /**
   * The frame-buffer bits that synthesis keeps ({@code kept}) and, of those, the three-way ones
   * ({@code threeWay}).
   */
  record KeptBits(long kept, long threeWay) {}

  /**
   * Which frame-buffer bits synthesis keeps, and which of them choose among three signals. A bit is
   * kept when a shift brings it into a window (the window reads the shifted buffer) and it is not a
   * constant: it is loaded from the port, or it takes such a bit by a shift, or its pad value (1 for
   * a bipolar +1 pad, a u8 pad byte's 1 bits) differs from the zeros that shifts bring in at the
   * top. conv8's second convolution (a 4x1 map padded with -1 to 7x4) keeps 36 of 252 bits, conv16's
   * 858 of 880: Yosys's flip-flops on both (FrameBufferBitsTest). A pixel that only ever holds pad
   * values and zeros has its bits with a pad value of 1 alike, and one bit is counted for them (a
   * rule not borne out where it was measured: conv1's conv2 counts 234 bits, Yosys kept 266
   * flip-flops). A kept bit loaded from the port whose two shifted sources are not constants, the
   * two shifts being different, chooses among three signals: with the two selects that is five
   * inputs, more than a LUT4 takes (conv16's conv2: 726 of its 858). Where the engine takes the
   * whole window in one fold, the window's pixels of the buffer and of the input buffer
   * {@code xbuf} have the same next value, and synthesis may keep one flip-flop for both; they are
   * counted here (conv66's conv1: 1,560 counted, 1,366 flip-flops kept under the buffer's name).
   */
  KeptBits keptBits() {
    if (!slides()) {
      return new KeptBits(0, 0);
    }
    int ones = padOnes();
    int zeros = pixelBits() - ones;
    // whether a pixel holds port bits does not depend on the pad value; a bit whose pad value is 1
    // may also hold pads and zeros (PADS), one whose pad value is 0 never does
    int[] value = values(ones > 0 ? ONE : ZERO);
    boolean[] read = read();
    int column = columnShift();
    int row = rowShift();
    long portPixels = 0;
    long padPixels = 0;
    long threeWayForZeros = 0;
    long threeWayForOnes = 0;
    for (int p = 0; p < value.length; p++) {
      if (!read[p]) {
        continue;
      }
      if (value[p] == PADS) {
        padPixels++;
      } else if (value[p] == PORT) {
        portPixels++;
        if (column > 0 && row > 0 && column != row && fromPort(p) && p + row < value.length
            && p + column < value.length) {
          int byColumn = value[p + column];
          int byRow = value[p + row];
          threeWayForZeros += byColumn == PORT && byRow == PORT ? 1 : 0;
          threeWayForOnes += byColumn >= PADS && byRow >= PADS ? 1 : 0;
        }
      }
    }
    return new KeptBits(pixelBits() * portPixels + (ones > 0 ? padPixels : 0),
        zeros * threeWayForZeros + ones * threeWayForOnes);
  }

  /** The bits of a pixel whose pad value is 1. */
  private int padOnes() {
    int value = g.padding().value();
    return shape.engine().inputKind() == InputKind.BIPOLAR ? (value > 0 ? pixelBits() : 0)
        : Integer.bitCount(value & 0xff) * g.inChannels();
  }

  // a pixel bit's values over a frame: always 0, always 1, pad values and zeros, or the port's bits
  private static final int ZERO = 0;
  private static final int ONE = 1;
  private static final int PADS = 2;
  private static final int PORT = 3;

  /**
   * What each pixel's bit holds over a frame when its pad value is {@code pad} ({@link #ZERO} or
   * {@link #ONE}; the shifts move whole pixels, so a bit's class depends only on its pad value),
   * lowest pixel first.
   */
  private int[] values(int pad) {
    int pixels = paddedHeight() * paddedWidth();
    int column = columnShift();
    int row = rowShift();
    int[] value = new int[pixels];
    for (int p = pixels - 1; p >= 0; p--) {
      int load = fromPort(p) ? PORT : pad;
      int byColumn = column == 0 ? load : p + column < pixels ? value[p + column] : ZERO;
      int byRow = row == 0 ? load : p + row < pixels ? value[p + row] : ZERO;
      int most = Math.max(load, Math.max(byColumn, byRow));
      value[p] = most == PORT ? PORT : load == byColumn && load == byRow ? load : PADS;
    }
    return value;
  }

  /** Whether each pixel is read: a shift brings it into the window or into a pixel that is read. */
  private boolean[] read() {
    int pixels = paddedHeight() * paddedWidth();
    int column = columnShift();
    int row = rowShift();
    boolean[] inWindow = new boolean[pixels];
    for (int ky = 0; ky < kernel(); ky++) {
      for (int kx = 0; kx < kernel(); kx++) {
        inWindow[ky * paddedWidth() + kx] = true;
      }
    }
    boolean[] read = new boolean[pixels];
    for (int p = 0; p < pixels; p++) {
      read[p] = (column > 0 && p >= column && (inWindow[p - column] || read[p - column]))
          || (row > 0 && p >= row && (inWindow[p - row] || read[p - row]));
    }
    return read;
  }

  /** The shift by a pixel, in pixels (0 with one output column: the buffer only shifts by rows). */
  private int columnShift() {
    return g.outWidth() > 1 ? columnStep() / pixelBits() : 0;
  }

  /** The shift from a row's last window to the next row's first, in pixels (0 with one output row). */
  private int rowShift() {
    return g.outHeight() > 1 ? rowStep() / pixelBits() : 0;
  }

  /** Whether frame pixel {@code pixel} is loaded from the port (not a pad pixel). */
  private boolean fromPort(int pixel) {
    int y = pixel / paddedWidth() - g.padBefore();
    int x = pixel % paddedWidth() - g.padBefore();
    return y >= 0 && y < g.inHeight() && x >= 0 && x < g.inWidth();
  }

  private int columnStep() {
    return g.stride() * pixelBits();
  }

  private int rowStep() {
    return g.stride() * rowBits() - (g.outWidth() - 1) * columnStep();
  }

  private String padElement() {
    return shape.engine().inputKind() == InputKind.BIPOLAR ? (g.padding().value() > 0 ? "1'b1" : "1'b0")
        : VerilogWriter.hex(8, g.padding().value());
  }

  private String pads(int elements) {
    return "{" + elements + "{" + padElement() + "}}";
  }

  /** The last issue of the current output pixel. */
  static final String PIXEL_END = "pix_end";

  /**
   * Declares the padded input, the frame buffer, the pixel counters and the next window; returns the
   * condition of the frame's last issue ({@code pix_end} and the last pixel).
   */
  String declare(VerilogWriter w) {
    w.wire(1, PIXEL_END, "sf_last && nf_last");
    String last = PIXEL_END;
    if (slides()) {
      w.comment("the output pixel (px, py) the window is at");
      if (g.outWidth() > 1) {
        int width = Widths.indexWidth(g.outWidth());
        w.reg(width, "px");
        w.wire(1, "x_last", "px == " + VerilogWriter.hex(width, g.outWidth() - 1));
        last += " && x_last";
      }
      if (g.outHeight() > 1) {
        int width = Widths.indexWidth(g.outHeight());
        w.reg(width, "py");
        w.wire(1, "y_last", "py == " + VerilogWriter.hex(width, g.outHeight() - 1));
        last += " && y_last";
      }
    }
    w.comment("sliding window: the padded " + paddedHeight() + "x" + paddedWidth() + "x" + g.inChannels()
        + " input; pixel (y, x) at bits [(y * " + paddedWidth() + " + x) * " + pixelBits() + " +: " + pixelBits() + "]");
    w.line("/* verilator lint_off UNUSEDSIGNAL */");
    w.comment("(bits no window reads when the stride exceeds the kernel, and bits shifted past)");
    List<String> rows = new ArrayList<>();
    int before = g.padBefore();
    int after = paddedWidth() - g.inWidth() - before;
    int c = g.inChannels();
    int imageRowBits = g.inWidth() * pixelBits();
    for (int r = paddedHeight() - 1; r >= 0; r--) {
      int y = r - before;
      if (y < 0 || y >= g.inHeight()) {
        rows.add(pads(paddedWidth() * c));
        continue;
      }
      List<String> parts = new ArrayList<>();
      if (after > 0) {
        parts.add(pads(after * c));
      }
      parts.add("in_data[" + ((y + 1) * imageRowBits - 1) + ":" + (y * imageRowBits) + "]");
      if (before > 0) {
        parts.add(pads(before * c));
      }
      rows.add(String.join(", ", parts));
    }
    w.wire(frameBits(), "padded_in", "{" + String.join(", ", rows) + "}");
    if (slides()) {
      w.reg(frameBits(), "fbuf");
      List<String> steps = new ArrayList<>();
      if (g.outWidth() > 1) {
        steps.add(shifted(columnStep()));
      }
      if (g.outHeight() > 1) {
        steps.add(shifted(rowStep()));
      }
      w.wire(frameBits(), "fbuf_next", steps.size() == 2 ? "x_last ? " + steps.get(1) + " : " + steps.get(0)
          : steps.get(0));
      w.line("/* verilator lint_on UNUSEDSIGNAL */");
      w.wire(shape.bufferWidth(), "window_next", padded(window("fbuf_next")));
    } else {
      w.line("/* verilator lint_on UNUSEDSIGNAL */");
    }
    return last;
  }

  /** {@code fbuf} moved {@code bits} towards its low end, zeros coming in at the top. */
  private String shifted(int bits) {
    return "{" + VerilogWriter.zeros(bits) + ", fbuf[" + (frameBits() - 1) + ":" + bits + "]}";
  }

  /** The window at the low end of a padded frame {@code source}: K row slices, kernel row K-1 first. */
  private String window(String source) {
    int sliceBits = kernel() * pixelBits();
    List<String> slices = new ArrayList<>();
    for (int ky = kernel() - 1; ky >= 0; ky--) {
      int low = ky * rowBits();
      slices.add(source + "[" + (low + sliceBits - 1) + ":" + low + "]");
    }
    return slices.size() == 1 ? slices.get(0) : "{" + String.join(", ", slices) + "}";
  }

  /** {@code window} zero-extended to the input buffer's whole slices. */
  private String padded(String window) {
    int extra = shape.bufferWidth() - shape.engine().inputs() * shape.elementBits();
    return extra > 0 ? "{" + VerilogWriter.zeros(extra) + ", " + window + "}" : window;
  }

  void reset(VerilogWriter w) {
    if (g.outWidth() > 1) {
      w.line("px <= " + VerilogWriter.hex(Widths.indexWidth(g.outWidth()), 0) + ";");
    }
    if (g.outHeight() > 1) {
      w.line("py <= " + VerilogWriter.hex(Widths.indexWidth(g.outHeight()), 0) + ";");
    }
  }

  /**
   * In the last issue of a pixel: step the counters, slide the frame and load the next window
   * (after the frame's last pixel the values are dropped: a new frame or idle follows).
   */
  void step(VerilogWriter w) {
    if (!slides()) {
      return;
    }
    w.open("if (" + PIXEL_END + ") begin");
    w.line("fbuf <= fbuf_next;");
    w.line("xbuf <= window_next;");
    if (g.outWidth() > 1) {
      int width = Widths.indexWidth(g.outWidth());
      w.line("px <= x_last ? " + VerilogWriter.hex(width, 0) + " : px + " + VerilogWriter.hex(width, 1) + ";");
    }
    if (g.outHeight() > 1) {
      int width = Widths.indexWidth(g.outHeight());
      String step = "py <= y_last ? " + VerilogWriter.hex(width, 0) + " : py + " + VerilogWriter.hex(width, 1) + ";";
      if (g.outWidth() > 1) {
        w.open("if (x_last) begin").line(step).close("end");
      } else {
        w.line(step);
      }
    }
    w.close("end");
  }

  /** Takes a frame: the buffer and the first window. */
  void accept(VerilogWriter w) {
    w.line("xbuf <= " + padded(window("padded_in")) + ";");
    if (slides()) {
      w.line("fbuf <= padded_in;");
    }
  }
}
