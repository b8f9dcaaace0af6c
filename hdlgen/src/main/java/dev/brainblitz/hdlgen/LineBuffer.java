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
 * <p>Such a memory is as wide as a shift's (Kh - 1) pixels, and a block RAM is at most 16 bits
 * wide on iCE40, so conv4 of fashion-cnn (13 words of 128 bits) took 8 blocks for 1,664 bits. For
 * a slow engine the memory is narrow instead ({@link StreamWindow#narrowed}): D x m words of 16
 * bits, word {@code lbase + j} holding piece j of the slot at the pointer ({@code lbase} = pointer x
 * m). After each shift the unit spends m cycles on the new slot ({@code lstep} 1 .. m): in cycle j it
 * writes piece j - 1 of the pixels that will leave the taps at the next shift (they are in
 * {@code ltap} until then), and it reads piece j (piece 0 is read at the shift's own edge) into
 * {@code lq}, whose previous piece it shifts into {@code lrd}. Each piece is read before it is
 * overwritten, as the wide form reads a slot one shift ahead and overwrites it at the next shift,
 * and at the next shift {@code lrd} holds the slot's old pixels, as there. The next shift waits for
 * {@code lready} ({@code lstep} = m + 1): that is the one change to the timing, and the cycle model
 * ({@link StreamTiming}) has it.
 *
 * <p>A slow convolution may read its slices straight from {@code ltap} ({@link EngineShape#readsTaps})
 * instead of copying the window into its input buffer {@code xbuf} at {@code take}: the unit then
 * shifts only when the engine is idle or at the edge of its last issue, so the taps hold still while
 * the engine reads them, and a shift that completes a window is the take itself (the engine starts
 * the new window at that edge; {@code pending} never waits). No cycle is lost between windows of a
 * row; the engine idles through the shifts that complete no window (pads, the first K - 1 pixels of
 * a row, the rows above the first window), which {@link StreamTiming} models.
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
    return (int) s.wordBits();
  }

  private int pointerWidth() {
    return Widths.indexWidth(s.delay());
  }

  /** Pieces per shift of a narrow memory ({@link StreamWindow#narrow}). */
  private int pieces() {
    return s.pieces();
  }

  /** Bits of a narrow memory's address: D x m words. */
  private int baseWidth() {
    return Widths.indexWidth((long) s.delay() * pieces());
  }

  /** Bits of {@code lstep}: 1 .. m + 1. */
  private int stepWidth() {
    return Widths.unsignedWidth(pieces() + 1L);
  }

  private String step(long value) {
    return VerilogWriter.hex(stepWidth(), value);
  }

  /** {@code lstep} as an address offset. */
  private String stepAsOffset(String step) {
    int extra = baseWidth() - stepWidth();
    return extra > 0 ? "{" + VerilogWriter.zeros(extra) + ", " + step + "}" : step;
  }

  /** Declares the buffer, its position counters, {@code is_pad} and {@code hit} (the pixel at (pr, pc) completes a window). */
  void declare(VerilogWriter w) {
    int pb = s.pixelBits();
    w.comment("line buffer: " + (s.kernelHeight() - 1) + " padded rows of " + s.paddedWidth() + " pixels and "
        + s.kernelWidth() + " pixels of " + s.map().channels() + " channels over the " + s.paddedHeight() + "x"
        + s.paddedWidth() + " padded " + s.map().text() + " map; window (ky, kx) at pixel ky * " + s.paddedWidth()
        + " + kx");
    if (s.narrow()) {
      int m = pieces();
      int pb16 = StreamWindow.PIECE_BITS;
      int aw = baseWidth();
      w.comment("in block RAM, narrow: window taps ltap (row ky at pixel ky * " + s.kernelWidth() + "), "
          + (s.kernelHeight() - 1) + " delay lines of " + s.delay() + " pixels in lmem, " + m + " words of " + pb16
          + " bits per slot at lbase; after a shift lstep = 1 .. " + m + " writes piece lstep - 1 of the pixels leaving"
          + " at the next shift and reads piece lstep (piece 0 at the shift) through lq into lrd; the next shift waits"
          + " for lready");
      w.reg((int) s.tapBits(), "ltap");
      w.line("(* ram_style = \"block\", no_rw_check *)");
      w.line("reg " + VerilogWriter.range(pb16) + "lmem [0:" + ((long) s.delay() * m - 1) + "];");
      w.reg(pb16, "lq");
      w.reg((int) s.readBits(), "lrd");
      w.reg(aw, "lbase");
      w.wire(aw, "lbase_next", "lbase == " + VerilogWriter.hex(aw, (long) (s.delay() - 1) * m) + " ? "
          + VerilogWriter.hex(aw, 0) + " : lbase + " + VerilogWriter.hex(aw, m));
      w.reg(stepWidth(), "lstep");
      w.wire(1, "lready", "lstep == " + step(m + 1));
    } else if (ram()) {
      int aw = pointerWidth();
      w.comment("in block RAM: window taps ltap (row ky at pixel ky * " + s.kernelWidth() + "), " + (s.kernelHeight() - 1)
          + " delay lines of " + s.delay() + " pixels in lmem (slot ky feeds tap row ky), read one shift ahead into lrd");
      w.reg((int) s.tapBits(), "ltap");
      w.line("(* ram_style = \"block\" *)");
      w.line("reg " + VerilogWriter.range(wordBits()) + "lmem [0:" + (s.delay() - 1) + "];");
      w.reg((int) s.readBits(), "lrd");
      w.reg(aw, "lptr");
      w.wire(aw, "lptr_next", "lptr == " + VerilogWriter.hex(aw, s.delay() - 1) + " ? " + VerilogWriter.hex(aw, 0)
          + " : lptr + " + VerilogWriter.hex(aw, 1));
    } else if (shape.bufferInRam()) {
      w.comment("the pixels go straight to the engine's input buffer in block RAM (xmem), in two banks");
    } else {
      w.reg(s.length() * pb, "lbuf");
    }
    if (!shape.readsTaps()) {
      w.reg(1, "pending");
    }
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
    String ready = s.narrow() ? " && lready" : "";
    if (shape.readsTaps()) {
      w.comment("the engine reads the taps: they shift only when it is idle or in its last issue, and a shift that"
          + " completes a window starts it");
      w.wire(1, "shift_ok", "(!busy || (front_last && advance))" + ready);
    } else {
      w.wire(1, "take", "pending && (!busy || (front_last && advance))");
      w.wire(1, "shift_ok", ready.isEmpty() ? "!pending || take" : "(!pending || take)" + ready);
    }
    w.line("assign in_ready = shift_ok" + (pads() ? " && !is_pad" : "") + ";");
    w.wire(1, "shift", "shift_ok && (" + (pads() ? "is_pad || " : "") + "in_valid)");
    if (shape.readsTaps()) {
      w.wire(1, "take", "shift && hit");
    }
    String padPixel = "{" + s.map().channels() + "{" + padElement() + "}}";
    w.wire(s.pixelBits(), "pixel_in", pads() ? "is_pad ? " + padPixel + " : in_data" : "in_data");
    if (s.narrow()) {
      declareNarrowPorts(w);
    } else if (ram()) {
      w.wire(wordBits(), "lword", leaving());
      w.open("always @(posedge clk) begin");
      w.open("if (shift) begin");
      w.line("lmem[lptr] <= lword;");
      w.line("lrd <= lmem[lptr_next];");
      w.close("end");
      w.close("end");
    }
  }

  /**
   * The narrow memory's ports: the read of {@code lbase_next} at a shift and of piece {@code lstep}
   * in steps 1 .. m - 1, the write of piece {@code lstep - 1} of the leaving pixels in steps 1 .. m.
   * The two never meet at one address in a cycle (no_rw_check).
   */
  private void declareNarrowPorts(VerilogWriter w) {
    int m = pieces();
    int pb16 = StreamWindow.PIECE_BITS;
    int extra = m * pb16 - wordBits();
    w.wire(m * pb16, "lword", extra > 0 ? "{" + VerilogWriter.zeros(extra) + ", " + leaving() + "}" : leaving());
    w.wire(stepWidth(), "lsel", "lstep - " + step(1));
    StringBuilder piece = new StringBuilder();
    for (int j = 0; j < m - 1; j++) {
      piece.append("lsel == ").append(step(j)).append(" ? ").append(slice("lword", m * pb16, j * pb16, pb16)).append(" : ");
    }
    piece.append(slice("lword", m * pb16, (m - 1) * pb16, pb16));
    w.wire(pb16, "lpiece", piece.toString());
    w.wire(baseWidth(), "lraddr", "shift ? lbase_next : lbase + " + stepAsOffset("lstep"));
    w.open("always @(posedge clk) begin");
    w.open("if (shift || lstep < " + step(m) + ") begin").line("lq <= lmem[lraddr];").close("end");
    w.open("if (!lready) begin").line("lmem[lbase + " + stepAsOffset("lsel") + "] <= lpiece;").close("end");
    w.close("end");
  }

  /** The pixels leaving tap rows Kh - 1 .. 1 (their pixel 0), the word written to the delay lines. */
  private String leaving() {
    int pb = s.pixelBits();
    int rowBits = s.kernelWidth() * pb;
    List<String> slots = new ArrayList<>();
    for (int ky = s.kernelHeight() - 1; ky >= 1; ky--) {
      slots.add(slice("ltap", (int) s.tapBits(), ky * rowBits, pb));
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
      parts.add(ky == s.kernelHeight() - 1 ? "pixel_in" : slice("lrd", (int) s.readBits(), ky * pb, pb));
      if (kw > 1) {
        parts.add(slice("ltap", (int) s.tapBits(), ky * rowBits + pb, rowBits - pb));
      }
    }
    return "{" + String.join(", ", parts) + "}";
  }

  /** Bits [low + bits - 1 : low] of {@code name}, a signal of {@code width} bits (the name itself when that is all of it). */
  private static String slice(String name, int width, int low, int bits) {
    return low == 0 && bits == width ? name : name + "[" + (low + bits - 1) + ":" + low + "]";
  }

  private String padElement() {
    return s.kind() == InputKind.BIPOLAR ? (s.padValue() > 0 ? "1'b1" : "1'b0") : VerilogWriter.hex(8, s.padValue());
  }

  void reset(VerilogWriter w) {
    if (!shape.readsTaps()) {
      w.line("pending <= 1'b0;");
    }
    if (s.narrow()) {
      w.line("lbase <= " + VerilogWriter.hex(baseWidth(), 0) + ";");
      w.line("lstep <= " + step(pieces() + 1) + ";");
    } else if (ram()) {
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
    if (s.narrow()) {
      int pb16 = StreamWindow.PIECE_BITS;
      int readBits = (int) s.readBits();
      w.open("if (!lready) begin");
      w.line("lrd <= " + (readBits > pb16 ? "{lq, lrd[" + (readBits - 1) + ":" + pb16 + "]}" : "lq") + ";");
      w.line("lstep <= lstep + " + step(1) + ";");
      w.close("end");
    }
    w.open("if (shift) begin");
    if (s.narrow()) {
      w.line("ltap <= " + shiftedTaps() + ";");
      w.line("lbase <= lbase_next;");
      w.line("lstep <= " + step(1) + ";");
    } else if (ram()) {
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
    if (shape.readsTaps()) {
      w.close("end");
    } else {
      w.line("pending <= hit;");
      w.close("end else if (take) begin");
      w.depthIn().line("pending <= 1'b0;").depthOut();
      w.line("end");
    }
    w.open("if (take) begin");
    if (!shape.bufferInRam() && !shape.readsTaps()) {
      w.line("xbuf <= " + padded(window()) + ";");
    }
    w.line("busy <= 1'b1;");
    w.close("end");
  }

  /**
   * The window as the engine's input buffer would hold it (zero-padded to SF slices), for an engine
   * that reads its slices from the taps ({@link EngineShape#readsTaps}).
   */
  String bufferedWindow() {
    return padded(window());
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
      slices.add(slice("lbuf", s.length() * pb, low, sliceBits));
    }
    return slices.size() == 1 ? slices.get(0) : "{" + String.join(", ", slices) + "}";
  }

  private String padded(String window) {
    int extra = shape.bufferWidth() - shape.engine().inputs() * shape.elementBits();
    return extra > 0 ? "{" + VerilogWriter.zeros(extra) + ", " + window + "}" : window;
  }
}
