package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.verilog.VerilogWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The line buffer in front of an engine fed one pixel per beat ({@link ConvWindow#LINE}): a shift
 * register {@code lbuf} of (Kh - 1) * Wp + Kw padded pixels, the newest at the top. The counters
 * (pr, pc) walk the padded Hp x Wp map in row-major order: at a pad position the unit shifts in a
 * pad pixel by itself (the IL's pad element), elsewhere it takes the next pixel from the link.
 * When the pixel shifted in is the bottom right pixel of an output pixel's window (row and column
 * at least K - 1, on the stride's grid), the window sits in {@code lbuf} with element (ky, kx, c)
 * at pixel ky * Wp + kx, the layout of {@link SlidingWindow}'s frame, and {@code pending} is set:
 * the buffer stops shifting until the engine's front takes the window into its input buffer, which
 * it does when idle or in the last issue of the pixel before (so a busy engine loses no cycle).
 * A dense engine behind a flatten uses the same unit with the whole map as its window.
 *
 * <p>In block RAM ({@link StreamWindow#inRam}, {@link LineStorage}) the same chain is cut into the
 * Kh x Kw window taps, kept in registers {@code ltap} (row ky at pixels ky * Kw, so the window is
 * {@code ltap} itself), and the Kh - 1 delay lines of D = Wp - Kw pixels between the rows. The
 * delay lines shift together, so they share one memory {@code lmem} of D words of (Kh - 1) pixels,
 * used as a circular buffer at {@code lptr}: at a shift, slot ky of the word at {@code lptr} takes
 * the pixel leaving tap row ky + 1, and the read register {@code lrd} takes the word at the next
 * pointer (a different word, D >= 2), which is the oldest after the shift; so {@code lrd} always
 * holds the pixels that enter tap rows 0 .. Kh - 2 at the next shift, and a pixel spends D shifts
 * between two tap rows, as in the register chain. The memory has one write and one registered read
 * port, both enabled by the shift (Yosys infers {@code SB_RAM40_4K} and RAMB18; the
 * {@code ram_style} attribute keeps Xilinx synthesis off LUT RAM), and the unit shifts at the same
 * edges and hands on the same windows as the register form: the timing does not change.
 *
 * <p>A dense engine's collector may keep no line buffer at all ({@link EngineShape#bufferInRam}):
 * each pixel goes, through the front's staging register, into the bank of the engine's input
 * buffer memory that is being filled, and {@code take} swaps the banks. The bank being filled plays
 * the part of {@code lbuf}, the other that of {@code xbuf}: same edges, same timing.
 */
final class LineBuffer {
  private final EngineShape shape;
  private final StreamWindow s;

  LineBuffer(EngineShape shape) {
    this.shape = shape;
    this.s = shape.stream();
  }

  private int rowWidth() {
    return Widths.indexWidth(s.paddedHeight());
  }

  private int columnWidth() {
    return Widths.indexWidth(s.paddedWidth());
  }

  private boolean rows() {
    return s.paddedHeight() > 1;
  }

  private boolean columns() {
    return s.paddedWidth() > 1;
  }

  private boolean pads() {
    return s.padTotal() > 0;
  }

  private boolean ram() {
    return s.inRam();
  }

  /** Bits of a memory word: one pixel per delay line. */
  private int wordBits() {
    return (s.kernelHeight() - 1) * s.pixelBits();
  }

  private int pointerWidth() {
    return Widths.indexWidth(s.delay());
  }

  /** Declares the buffer, its position counters, {@code is_pad} and {@code hit} (the pixel at (pr, pc) completes a window). */
  void declare(VerilogWriter w) {
    int pb = s.pixelBits();
    w.comment("line buffer: " + (s.kernelHeight() - 1) + " padded rows of " + s.paddedWidth() + " pixels and "
        + s.kernelWidth() + " pixels of " + s.map().channels() + " channels over the " + s.paddedHeight() + "x"
        + s.paddedWidth() + " padded " + s.map().text() + " map; window (ky, kx) at pixel ky * " + s.paddedWidth()
        + " + kx");
    if (ram()) {
      int aw = pointerWidth();
      w.comment("in block RAM: window taps ltap (row ky at pixel ky * " + s.kernelWidth() + "), " + (s.kernelHeight() - 1)
          + " delay lines of " + s.delay() + " pixels in lmem (slot ky feeds tap row ky), read one shift ahead into lrd");
      w.reg((int) s.tapBits(), "ltap");
      w.line("(* ram_style = \"block\" *)");
      w.line("reg " + VerilogWriter.range(wordBits()) + "lmem [0:" + (s.delay() - 1) + "];");
      w.reg(wordBits(), "lrd");
      w.reg(aw, "lptr");
      w.wire(aw, "lptr_next", "lptr == " + VerilogWriter.hex(aw, s.delay() - 1) + " ? " + VerilogWriter.hex(aw, 0)
          + " : lptr + " + VerilogWriter.hex(aw, 1));
    } else if (shape.bufferInRam()) {
      w.comment("the pixels go straight to the engine's input buffer in block RAM (xmem), in two banks");
    } else {
      w.reg(s.length() * pb, "lbuf");
    }
    w.reg(1, "pending");
    if (rows()) {
      w.reg(rowWidth(), "pr");
    }
    if (columns()) {
      w.reg(columnWidth(), "pc");
    }
    if (rows()) {
      w.wire(1, "pr_last", "pr == " + VerilogWriter.hex(rowWidth(), s.paddedHeight() - 1));
      w.wire(1, "pc_last", columns() ? "pc == " + VerilogWriter.hex(columnWidth(), s.paddedWidth() - 1) : "1'b1");
    } else if (columns()) {
      w.wire(1, "pc_last", "pc == " + VerilogWriter.hex(columnWidth(), s.paddedWidth() - 1));
    }
    if (pads()) {
      List<String> terms = new ArrayList<>();
      int before = s.padBefore();
      if (before > 0) {
        terms.add("pr < " + VerilogWriter.hex(rowWidth(), before));
      }
      terms.add("pr > " + VerilogWriter.hex(rowWidth(), before + s.map().height() - 1));
      if (before > 0) {
        terms.add("pc < " + VerilogWriter.hex(columnWidth(), before));
      }
      terms.add("pc > " + VerilogWriter.hex(columnWidth(), before + s.map().width() - 1));
      w.wire(1, "is_pad", String.join(" || ", terms));
    }
    List<String> hit = new ArrayList<>();
    grid(hit, "pr", rowWidth(), s.paddedHeight(), s.kernelHeight());
    grid(hit, "pc", columnWidth(), s.paddedWidth(), s.kernelWidth());
    w.wire(1, "hit", hit.isEmpty() ? "1'b1" : String.join(" && ", hit));
  }

  /** The terms of "counter is the last row (column) of some window": at least K - 1 and on the stride's grid. */
  private void grid(List<String> terms, String counter, int width, int padded, int kernel) {
    int windows = (padded - kernel) / s.stride() + 1;
    if (padded == 1) {
      return;
    }
    if (windows == 1) {
      terms.add(counter + " == " + VerilogWriter.hex(width, kernel - 1));
      return;
    }
    if (kernel > 1) {
      terms.add(counter + " >= " + VerilogWriter.hex(width, kernel - 1));
    }
    int stride = s.stride();
    if (stride > 1) {
      String offset = "(" + counter + " - " + VerilogWriter.hex(width, kernel - 1) + ")";
      terms.add(Integer.bitCount(stride) == 1
          ? "(" + offset + " & " + VerilogWriter.hex(width, stride - 1) + ") == " + VerilogWriter.hex(width, 0)
          : "(" + offset + " % " + VerilogWriter.hex(width, stride) + ") == " + VerilogWriter.hex(width, 0));
    }
  }

  /** Declares the handshake: {@code take} (the front takes the pending window), {@code shift}, and {@code in_ready}. Needs {@code advance}. */
  void declareHandshake(VerilogWriter w) {
    w.wire(1, "take", "pending && (!busy || (front_last && advance))");
    w.wire(1, "shift_ok", "!pending || take");
    w.line("assign in_ready = shift_ok" + (pads() ? " && !is_pad" : "") + ";");
    w.wire(1, "shift", "shift_ok && (" + (pads() ? "is_pad || " : "") + "in_valid)");
    String padPixel = "{" + s.map().channels() + "{" + padElement() + "}}";
    w.wire(s.pixelBits(), "pixel_in", pads() ? "is_pad ? " + padPixel + " : in_data" : "in_data");
    if (ram()) {
      w.wire(wordBits(), "lword", leaving());
      w.open("always @(posedge clk) begin");
      w.open("if (shift) begin");
      w.line("lmem[lptr] <= lword;");
      w.line("lrd <= lmem[lptr_next];");
      w.close("end");
      w.close("end");
    }
  }

  /** The pixels leaving tap rows Kh - 1 .. 1 (their pixel 0), the word written to the delay lines. */
  private String leaving() {
    int pb = s.pixelBits();
    int rowBits = s.kernelWidth() * pb;
    List<String> slots = new ArrayList<>();
    for (int ky = s.kernelHeight() - 1; ky >= 1; ky--) {
      slots.add(slice("ltap", ky * rowBits, pb));
    }
    return slots.size() == 1 ? slots.get(0) : "{" + String.join(", ", slots) + "}";
  }

  /** The taps after a shift: each row takes its entering pixel at the top (pixel_in, or the delay line's). */
  private String shiftedTaps() {
    int pb = s.pixelBits();
    int kw = s.kernelWidth();
    int rowBits = kw * pb;
    List<String> parts = new ArrayList<>();
    for (int ky = s.kernelHeight() - 1; ky >= 0; ky--) {
      parts.add(ky == s.kernelHeight() - 1 ? "pixel_in" : slice("lrd", ky * pb, pb));
      if (kw > 1) {
        parts.add(slice("ltap", ky * rowBits + pb, rowBits - pb));
      }
    }
    return "{" + String.join(", ", parts) + "}";
  }

  private static String slice(String name, int low, int bits) {
    return name + "[" + (low + bits - 1) + ":" + low + "]";
  }

  private String padElement() {
    return s.kind() == InputKind.BIPOLAR ? (s.padValue() > 0 ? "1'b1" : "1'b0") : VerilogWriter.hex(8, s.padValue());
  }

  void reset(VerilogWriter w) {
    w.line("pending <= 1'b0;");
    if (ram()) {
      w.line("lptr <= " + VerilogWriter.hex(pointerWidth(), 0) + ";");
    }
    if (rows()) {
      w.line("pr <= " + VerilogWriter.hex(rowWidth(), 0) + ";");
    }
    if (columns()) {
      w.line("pc <= " + VerilogWriter.hex(columnWidth(), 0) + ";");
    }
  }

  /** Shifts a pixel in, steps the position, and hands a pending window to the front. */
  void accept(VerilogWriter w) {
    int pb = s.pixelBits();
    int bits = s.length() * pb;
    w.open("if (shift) begin");
    if (ram()) {
      w.line("ltap <= " + shiftedTaps() + ";");
      w.line("lptr <= lptr_next;");
    } else if (!shape.bufferInRam()) {
      w.line("lbuf <= " + (s.length() == 1 ? "pixel_in" : "{pixel_in, lbuf[" + (bits - 1) + ":" + pb + "]}") + ";");
    }
    if (columns()) {
      w.line("pc <= pc_last ? " + VerilogWriter.hex(columnWidth(), 0) + " : pc + " + VerilogWriter.hex(columnWidth(), 1) + ";");
    }
    if (rows()) {
      w.open("if (pc_last) begin");
      w.line("pr <= pr_last ? " + VerilogWriter.hex(rowWidth(), 0) + " : pr + " + VerilogWriter.hex(rowWidth(), 1) + ";");
      w.close("end");
    }
    w.line("pending <= hit;");
    w.close("end else if (take) begin");
    w.depthIn().line("pending <= 1'b0;").depthOut();
    w.line("end");
    w.open("if (take) begin");
    if (!shape.bufferInRam()) {
      w.line("xbuf <= " + padded(window()) + ";");
    }
    w.line("busy <= 1'b1;");
    w.close("end");
  }

  /** The window in {@code lbuf} (or {@code ltap}): Kh row slices of Kw pixels, kernel row Kh - 1 first. */
  private String window() {
    if (ram()) {
      return "ltap";
    }
    int pb = s.pixelBits();
    int sliceBits = s.kernelWidth() * pb;
    int rowBits = s.paddedWidth() * pb;
    List<String> slices = new ArrayList<>();
    for (int ky = s.kernelHeight() - 1; ky >= 0; ky--) {
      int low = ky * rowBits;
      slices.add("lbuf[" + (low + sliceBits - 1) + ":" + low + "]");
    }
    return slices.size() == 1 ? slices.get(0) : "{" + String.join(", ", slices) + "}";
  }

  private String padded(String window) {
    int extra = shape.bufferWidth() - shape.engine().inputs() * shape.elementBits();
    return extra > 0 ? "{" + VerilogWriter.zeros(extra) + ", " + window + "}" : window;
  }
}
