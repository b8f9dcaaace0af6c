package dev.brainblitz.hdlgen;

import dev.brainblitz.verilog.VerilogWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The front of an engine: it takes one input vector into its buffer and issues the vector's NF x SF
 * folds, one per cycle. In issue (nf, sf) the buffer's low {@code slice} holds input fold sf; the
 * buffer rotates by one slice per issue, so after SF issues it is back in place and the one buffered
 * vector serves every neuron fold. {@code addr} counts the issues and addresses the weight memory.
 * The front takes a new vector in its last issue cycle, so a busy engine starts the next vector
 * without a gap. Behind an {@link InputPort#STREAM} port a dense first engine takes its vector as
 * B beats of 8 bits instead: each beat shifts into the top of the buffer's low 8B bits (so after B
 * beats beat k sits at bits [8k+7:8k], the vector's layout), the bits above them are cleared, and the
 * last beat's bits beyond the vector are taken as 0 (the padding the weights expect); the engine
 * starts after the last beat, and takes the next vector's first beat in its last issue cycle (the
 * buffer's other bits are rewritten by the beats that follow).
 *
 * <p>Such a buffer may instead be a block RAM of SF slices ({@link EngineShape#bufferInRam}): the
 * beats of a slice shift into a staging register one slice wide less a beat, and the slice's last
 * beat writes staging register and beat as one word (the vector's last slice zero-padded above its
 * last beat). The memory reads through a register from the input fold the next edge brings
 * ({@code sf_next}), so after every edge {@code slice} holds input fold sf, as the register's low
 * slice would: same edges, same II and latency. Reads and writes never meet on a word the engine
 * still needs: a vector's slices are written while the engine is idle (in_ready is low while it is
 * busy, but for its last issue), and with two or more slices, slice 0 is written before the
 * vector's last beat, at whose edge it is read.
 *
 * <p>A dense engine behind a flatten ({@link EngineShape#collects}) fills such a memory pixel by
 * pixel from its {@link LineBuffer}'s counters instead of keeping the map twice ({@code lbuf} and
 * {@code xbuf}): two banks, the one being filled ({@code xbank_write}) and the one the engine
 * reads, swapped when the engine takes the map; the pieces of a slice are then pixels, the last
 * piece the map's last pixel ({@code hit}).
 *
 * <p>A slow convolution fed by a line buffer in block RAM may have no input buffer at all
 * ({@link EngineShape#readsTaps}): {@code slice} is then input fold sf of the window in the line
 * buffer's taps, chosen by a multiplexer on {@code sf}, and the taps hold still while the engine is
 * busy ({@link LineBuffer}).
 */
final class EngineFrontEnd {
  private final EngineShape shape;
  /** The convolution's frame window in front of the buffer, or null. */
  private final SlidingWindow window;
  /** The line buffer in front of the buffer of an engine fed pixels, or null. */
  private final LineBuffer lines;

  EngineFrontEnd(EngineShape shape) {
    this.shape = shape;
    this.window = shape.framed() ? new SlidingWindow(shape) : null;
    this.lines = shape.stream() != null ? new LineBuffer(shape) : null;
  }

  /**
   * The last issue of the buffered vector: of the vector ({@code front_last}) in a dense engine, of
   * the current output pixel ({@code pix_end}) in a convolution, whose weights repeat per pixel.
   */
  String issueLast() {
    return window != null ? SlidingWindow.PIXEL_END : "front_last";
  }

  /** The weight memory's address: the issue counter, or null when the engine has one issue. */
  String address() {
    return shape.issues() > 1 ? "addr" : null;
  }

  /**
   * Declares {@code addr_next}, the value {@code addr} takes at the coming clock edge (0 in reset),
   * for a memory that reads through a register; returns its name. Needs {@code advance}.
   */
  String declareNextAddress(VerilogWriter w) {
    w.wire(shape.addressWidth(), "addr_next", nextCount("addr", shape.addressWidth(), "busy && advance", issueLast()));
    return "addr_next";
  }

  /**
   * The expression of the value {@code nf} takes at the coming clock edge (0 in reset), for a table
   * read through a register. Needs {@code advance}; only with more than one neuron fold.
   */
  String nextNeuronFold() {
    return nextCount("nf", shape.neuronFoldWidth(), "busy && advance && sf_last", "nf_last");
  }

  /**
   * The value a counter {@code name} of {@code width} bits takes at the coming clock edge: 0 in
   * reset, the next count (0 after {@code last}) when {@code step} holds, else its own value.
   */
  private static String nextCount(String name, int width, String step, String last) {
    String zero = VerilogWriter.hex(width, 0);
    return "rst ? " + zero + " : (" + step + ") ? (" + last + " ? " + zero + " : " + name + " + "
        + VerilogWriter.hex(width, 1) + ") : " + name;
  }

  /** Declares the buffer, the issue counters and the issue's position ({@code sf_last}, {@code nf_last}, {@code first}, {@code front_last}). */
  void declare(VerilogWriter w) {
    int sf = shape.inputFolds();
    int nf = shape.neuronFolds();
    w.reg(1, "busy");
    if (shape.bufferInRam()) {
      declareRamBuffer(w);
    } else if (!shape.readsTaps()) {
      w.line("reg " + VerilogWriter.bus(shape.bufferRegisterWidth()) + "xbuf;");
    }
    if (shape.beats() > 1) {
      w.reg(beatWidth(), "beat");
      w.wire(1, "beat_last", "beat == " + VerilogWriter.hex(beatWidth(), shape.beats() - 1));
    } else if (shape.beatsIn() && lastBeatBits() < InputPort.BEAT_BITS) {
      w.line("/* verilator lint_off UNUSEDSIGNAL */");
      w.comment("(the one beat's bits beyond the vector)");
      w.wire(InputPort.BEAT_BITS, "beat_in", "in_data");
      w.line("/* verilator lint_on UNUSEDSIGNAL */");
    }
    if (shape.issues() > 1) {
      w.reg(shape.addressWidth(), "addr");
    }
    if (sf > 1) {
      w.reg(shape.inputFoldWidth(), "sf");
    }
    if (nf > 1) {
      w.reg(shape.neuronFoldWidth(), "nf");
    }
    w.comment("front: the issue of input fold sf of neuron fold nf");
    w.wire(1, "sf_last", sf > 1 ? "sf == " + VerilogWriter.hex(shape.inputFoldWidth(), sf - 1) : "1'b1");
    w.wire(1, "nf_last", nf > 1 ? "nf == " + VerilogWriter.hex(shape.neuronFoldWidth(), nf - 1) : "1'b1");
    if (sf > 1) {
      w.wire(1, "first", "sf == " + VerilogWriter.hex(shape.inputFoldWidth(), 0));
    }
    w.wire(1, "front_last", window != null ? window.declare(w) : "sf_last && nf_last");
    if (lines != null) {
      lines.declare(w);
    }
  }

  /** Declares {@code in_ready} (and the line buffer's handshake). Needs {@code advance}. */
  void declareHandshake(VerilogWriter w) {
    if (lines != null) {
      lines.declareHandshake(w);
    } else {
      w.line("assign in_ready = !busy || (front_last && advance);");
    }
  }

  /** Bits of the vector in the last beat of an {@link InputPort#STREAM} port (the rest are ignored). */
  private int lastBeatBits() {
    return shape.engine().inputs() * shape.elementBits() - (shape.beats() - 1) * InputPort.BEAT_BITS;
  }

  private int beatWidth() {
    return Widths.indexWidth(shape.beats());
  }

  /** Declares the registers that stage the pieces of a slice for a buffer in block RAM, and a collector's bank. */
  private void declareRamBuffer(VerilogWriter w) {
    int perSlice = shape.piecesPerSlice();
    if (perSlice > 1) {
      w.reg(shape.sliceWidth() - shape.pieceBits(), "xstage");
      w.reg(Widths.indexWidth(perSlice), "xpos");
      w.wire(1, "xpos_last", "xpos == " + VerilogWriter.hex(Widths.indexWidth(perSlice), perSlice - 1));
    }
    w.reg(shape.inputFoldWidth(), "xword");
    if (shape.collects()) {
      w.reg(1, "xbank");
    }
  }

  /** Whether a piece is taken at this edge: a beat of the port, or a pixel shifted into the collector. */
  private String pieceTaken() {
    return shape.collects() ? "shift" : "in_valid && in_ready";
  }

  /** Whether the piece taken is the vector's last. */
  private String lastPiece() {
    return shape.collects() ? "hit" : "beat_last";
  }

  /** The piece taken: the beat (its bits beyond the vector cleared), or the pixel. */
  private String pieceData() {
    return shape.collects() ? "pixel_in" : beatData();
  }

  /**
   * Declares {@code slice}, the SIMD input elements of the current issue: the low slice of the
   * rotating register, or the block RAM's registered read (and its write port). Needs {@code advance}
   * (and a collector's {@code take} and {@code shift}).
   */
  void declareSlice(VerilogWriter w) {
    if (shape.readsTaps()) {
      declareTapSlice(w);
      return;
    }
    if (!shape.bufferInRam()) {
      w.wire(shape.sliceWidth(), "slice", "xbuf[" + (shape.sliceWidth() - 1) + ":0]");
      return;
    }
    int s = shape.sliceWidth();
    int b = shape.pieceBits();
    w.wire(shape.inputFoldWidth(), "sf_next", nextCount("sf", shape.inputFoldWidth(), "busy && advance", "sf_last"));
    int perSlice = shape.piecesPerSlice();
    String last = lastPiece();
    w.wire(1, "xmem_write", pieceTaken() + (perSlice > 1 ? " && (xpos_last || " + last + ")" : ""));
    String full = perSlice > 1 ? "{" + pieceData() + ", xstage}" : pieceData();
    int inLast = shape.piecesInLastSlice();
    String word = full;
    if (inLast < perSlice) {
      List<String> parts = new ArrayList<>();
      parts.add(VerilogWriter.zeros(s - inLast * b));
      parts.add(pieceData());
      if (inLast > 1) {
        parts.add("xstage[" + (s - b - 1) + ":" + (s - b * inLast) + "]");
      }
      word = last + " ? {" + String.join(", ", parts) + "} : " + full;
    }
    w.wire(s, "xmem_word", word);
    String writeAt = "xword";
    String readAt = "sf_next";
    if (shape.collects()) {
      w.comment("the bank pixels are written to (it changes when the engine takes a vector), the engine reads the other");
      w.wire(1, "xbank_write", "xbank ^ take");
      writeAt = "{xbank_write, xword}";
      readAt = "{~xbank_write, sf_next}";
    }
    w.comment("input buffer in block RAM, read through a register one issue ahead: slice is always input fold sf;"
        + (shape.collects() ? " reads and writes are in different banks" : " a read of the word written at the same edge is never used")
        + " (no_rw_check: no bypass logic)");
    w.line("(* ram_style = \"block\", no_rw_check *)");
    w.line("reg " + VerilogWriter.range(s) + "xmem [0:" + (shape.bufferWords() - 1) + "];");
    w.reg(s, "slice");
    w.open("always @(posedge clk) begin");
    w.open("if (xmem_write) begin").line("xmem[" + writeAt + "] <= xmem_word;").close("end");
    w.line("slice <= xmem[" + readAt + "];");
    w.close("end");
  }

  /** {@code slice} as input fold sf of the window in the line buffer's taps: a multiplexer on {@code sf}. */
  private void declareTapSlice(VerilogWriter w) {
    int s = shape.sliceWidth();
    int sf = shape.inputFolds();
    w.comment("the engine reads input fold sf of the window straight from the line buffer's taps");
    w.wire(shape.bufferWidth(), "xwin", lines.bufferedWindow());
    if (sf == 1) {
      w.wire(s, "slice", "xwin");
      return;
    }
    w.reg(s, "slice");
    w.open("always @(*) begin");
    w.open("case (sf)");
    for (int k = 0; k < sf - 1; k++) {
      w.line(VerilogWriter.hex(shape.inputFoldWidth(), k) + ": slice = xwin[" + ((k + 1) * s - 1) + ":" + k * s + "];");
    }
    w.line("default: slice = xwin[" + (sf * s - 1) + ":" + (sf - 1) * s + "];");
    w.close("endcase");
    w.close("end");
  }

  /** The current beat, its bits beyond the vector cleared in the last beat. */
  private String beatData() {
    int lastBits = lastBeatBits();
    if (lastBits < InputPort.BEAT_BITS) {
      return "(beat_last ? {" + VerilogWriter.zeros(InputPort.BEAT_BITS - lastBits) + ", in_data[" + (lastBits - 1)
          + ":0]} : in_data)";
    }
    return "in_data";
  }

  /** The reset of the front's registers. */
  void reset(VerilogWriter w) {
    w.line("busy <= 1'b0;");
    if (shape.beats() > 1) {
      w.line("beat <= " + VerilogWriter.hex(beatWidth(), 0) + ";");
    }
    if (shape.issues() > 1) {
      w.line("addr <= " + VerilogWriter.hex(shape.addressWidth(), 0) + ";");
    }
    if (shape.bufferInRam()) {
      if (shape.piecesPerSlice() > 1) {
        w.line("xpos <= " + VerilogWriter.hex(Widths.indexWidth(shape.piecesPerSlice()), 0) + ";");
      }
      w.line("xword <= " + VerilogWriter.hex(shape.inputFoldWidth(), 0) + ";");
      if (shape.collects()) {
        w.line("xbank <= 1'b0;");
      }
    }
    if (shape.inputFolds() > 1) {
      w.line("sf <= " + VerilogWriter.hex(shape.inputFoldWidth(), 0) + ";");
    }
    if (shape.neuronFolds() > 1) {
      w.line("nf <= " + VerilogWriter.hex(shape.neuronFoldWidth(), 0) + ";");
    }
    if (window != null) {
      window.reset(w);
    }
    if (lines != null) {
      lines.reset(w);
    }
  }

  /**
   * One issue of a busy front: rotate the buffer (unless {@link #rotateOrLoad} writes it), advance
   * the counters, go idle after the last issue.
   */
  void issue(VerilogWriter w) {
    int sf = shape.inputFolds();
    int sfWidth = shape.inputFoldWidth();
    w.open("if (busy) begin");
    if (rotatesRegister() && !rotatesLoadedBuffer()) {
      String target = shape.bufferRegisterWidth() > shape.bufferWidth() ? "xbuf[" + (shape.bufferWidth() - 1) + ":0]" : "xbuf";
      w.line(target + " <= " + rotation() + ";");
    }
    if (sf > 1) {
      w.line("sf <= sf_last ? " + VerilogWriter.hex(sfWidth, 0) + " : sf + " + VerilogWriter.hex(sfWidth, 1) + ";");
    }
    if (shape.issues() > 1) {
      int addrWidth = shape.addressWidth();
      w.line("addr <= " + issueLast() + " ? " + VerilogWriter.hex(addrWidth, 0) + " : addr + " + VerilogWriter.hex(addrWidth, 1) + ";");
    }
    if (shape.neuronFolds() > 1) {
      int nfWidth = shape.neuronFoldWidth();
      w.open("if (sf_last) begin");
      w.line("nf <= nf_last ? " + VerilogWriter.hex(nfWidth, 0) + " : nf + " + VerilogWriter.hex(nfWidth, 1) + ";");
      w.close("end");
    }
    if (window != null) {
      window.step(w);
    }
    w.open("if (front_last) begin").line("busy <= 1'b0;").close("end");
    w.close("end");
  }

  /**
   * Whether the buffer is a register rotated by a slice per issue: more than one input fold, not in
   * block RAM, not read from the line buffer's taps.
   */
  private boolean rotatesRegister() {
    return shape.inputFolds() > 1 && !shape.bufferInRam() && !shape.readsTaps();
  }

  /**
   * Whether the {@link #rotatesRegister rotated} buffer is also loaded whole from the port (no
   * beats, no window, no line buffer): {@link #rotateOrLoad} then writes it in a block of its own.
   */
  private boolean rotatesLoadedBuffer() {
    return rotatesRegister() && !shape.beatsIn() && window == null && lines == null;
  }

  /** The buffer rotated by one slice: input fold sf + 1 moves into the low slice. */
  private String rotation() {
    int sliceWidth = shape.sliceWidth();
    return "{xbuf[" + (sliceWidth - 1) + ":0], xbuf[" + (shape.bufferWidth() - 1) + ":" + sliceWidth + "]}";
  }

  /** The port's vector as the buffer takes it, zero-extended to whole slices. */
  private String loadedVector() {
    int bufWidth = shape.bufferWidth();
    int inWidth = shape.inputWidth();
    return bufWidth > inWidth ? "{" + VerilogWriter.zeros(bufWidth - inWidth) + ", in_data}" : "in_data";
  }

  /**
   * The always block of a {@link #rotatesLoadedBuffer rotated and loaded} buffer. The buffer changes
   * at an edge that takes a vector or issues; its next value is the rotation while the engine is in
   * an issue before its last, else the port's vector. The choice reads {@code busy} and
   * {@code front_last} alone, not the handshake: at the last issue without a new vector the buffer
   * takes the port's bits, which no issue reads before the next vector overwrites them all. With
   * the handshake in the choice (load when {@code in_valid && in_ready}), Yosys's {@code synth_xilinx}
   * folded the handshake into every bit and spent about two LUTs per bit where this choice takes one
   * (docs/hdl.md, "The input buffer on Xilinx", has the figures).
   */
  void rotateOrLoad(VerilogWriter w) {
    if (!rotatesLoadedBuffer()) {
      return;
    }
    w.open("always @(posedge clk) begin");
    w.open("if (!rst && ((in_valid && in_ready) || (busy && advance))) begin");
    w.line("xbuf <= (busy && !front_last) ? " + rotation() + " : " + loadedVector() + ";");
    w.close("end");
    w.close("end");
  }

  /**
   * Takes an input vector or beat into the buffer (zero-extended to whole slices), or a window from
   * the line buffer, and starts the engine; a {@link #rotatesLoadedBuffer rotated} buffer's load is
   * {@link #rotateOrLoad}'s, so for it this only sets {@code busy}.
   */
  void accept(VerilogWriter w) {
    if (lines != null) {
      lines.accept(w);
      if (shape.bufferInRam()) {
        w.open("if (shift) begin");
        acceptRamPiece(w);
        w.close("end");
        w.open("if (take) begin").line("xbank <= ~xbank;").close("end");
      }
      return;
    }
    w.open("if (in_valid && in_ready) begin");
    if (shape.beatsIn()) {
      acceptBeat(w);
    } else if (window != null) {
      window.accept(w);
    } else if (!rotatesLoadedBuffer()) {
      w.line("xbuf <= " + loadedVector() + ";");
    }
    if (!shape.beatsIn()) {
      w.line("busy <= 1'b1;");
    }
    w.close("end");
  }

  /** Shifts a beat of an {@link InputPort#STREAM} port into the buffer; the last beat starts the engine. */
  private void acceptBeat(VerilogWriter w) {
    int b = InputPort.BEAT_BITS;
    int beats = shape.beats();
    int region = beats * b;
    int register = shape.bufferRegisterWidth();
    int lastBits = lastBeatBits();
    if (beats == 1) {
      String data = lastBits < b ? "beat_in[" + (lastBits - 1) + ":0]" : "in_data";
      w.line("xbuf <= " + (register > lastBits ? "{" + VerilogWriter.zeros(register - lastBits) + ", " + data + "}" : data)
          + ";");
      w.line("busy <= 1'b1;");
      return;
    }
    if (shape.bufferInRam()) {
      acceptRamPiece(w);
    } else {
      List<String> parts = new ArrayList<>();
      if (register > region) {
        parts.add(VerilogWriter.zeros(register - region));
      }
      parts.add(beatData());
      parts.add("xbuf[" + (region - 1) + ":" + b + "]");
      w.line("xbuf <= {" + String.join(", ", parts) + "};");
    }
    int bw = beatWidth();
    w.line("beat <= beat_last ? " + VerilogWriter.hex(bw, 0) + " : beat + " + VerilogWriter.hex(bw, 1) + ";");
    w.open("if (beat_last) begin").line("busy <= 1'b1;").close("end");
  }

  /**
   * Stages a piece (a beat, or a collected pixel) for a buffer in block RAM (the memory's write is
   * {@code xmem_write}) and steps the slice's position.
   */
  private void acceptRamPiece(VerilogWriter w) {
    int b = shape.pieceBits();
    int stage = shape.sliceWidth() - b;
    int perSlice = shape.piecesPerSlice();
    int sfWidth = shape.inputFoldWidth();
    String last = lastPiece();
    String data = shape.collects() ? "pixel_in" : "in_data";
    if (perSlice > 1) {
      w.line("xstage <= " + (stage > b ? "{" + data + ", xstage[" + (stage - 1) + ":" + b + "]}" : data) + ";");
      int posWidth = Widths.indexWidth(perSlice);
      w.line("xpos <= (xpos_last || " + last + ") ? " + VerilogWriter.hex(posWidth, 0) + " : xpos + "
          + VerilogWriter.hex(posWidth, 1) + ";");
      w.open("if (xpos_last || " + last + ") begin");
    }
    w.line("xword <= " + last + " ? " + VerilogWriter.hex(sfWidth, 0) + " : xword + " + VerilogWriter.hex(sfWidth, 1) + ";");
    if (perSlice > 1) {
      w.close("end");
    }
  }
}
