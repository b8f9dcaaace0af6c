package dev.brainblitz.hdlgen;

import dev.brainblitz.verilog.VerilogWriter;
import dev.brainblitz.verilog.VerilogWriter.Port;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Weights in the iCE40 UP5K's single-port RAM ({@link WeightStorage#SPRAM}): a W-bit weight word
 * is split into {@link WeightLoad#chunks} columns of 16 bits, each a memory of 16-bit words written
 * the way {@code synth_ice40 -spram} infers {@code SB_SPRAM256KA} (Yosys 0.23's
 * {@code ice40/spram.txt}: one port, 14 address bits, 16-bit words, registered read that holds
 * during a write, {@code ram_style = "huge"}). An SPRAM has no initial contents: the engine's
 * columns are written at run time, word by word and column by column in {@link WeightLoad}'s
 * order, from the engine ports {@code wl_we} and {@code wl_data}; {@code wl_full} rises after its
 * last word (cleared by reset). Until then the port's address is the load counter; after it, the
 * address the issue counter takes at this edge ({@link EngineFrontEnd#declareNextAddress}), so as
 * in {@link BlockRamMemory} the read register holds the word of the current issue and the engine
 * keeps its II and latency. The per-PE tables stay LUT ROMs ({@link LutRomMemory}).
 */
final class SpramMemory implements EngineMemory {
  private final EngineMemory tables = new LutRomMemory();

  /** The ports an engine in SPRAM adds for its part of the weight-load stream. */
  @Override
  public List<Port> loadPorts() {
    return List.of(Port.in(1, "wl_we"), Port.in(WeightLoad.WORD_BITS, "wl_data"), Port.out(1, "wl_full"));
  }

  @Override
  public void weights(VerilogWriter w, String module, int width, BigInteger[] words, EngineFrontEnd front,
      Map<String, String> memoryFiles) {
    int depth = words.length;
    if (depth > WeightLoad.SPRAM_DEPTH || front.address() == null) {
      throw new IllegalStateException(module + ": an SPRAM weight memory needs 2 to " + WeightLoad.SPRAM_DEPTH
          + " words, not " + depth);
    }
    int chunks = WeightLoad.chunks(width);
    int aw = Widths.indexWidth(depth);
    int cw = Widths.indexWidth(chunks);
    String next = front.declareNextAddress(w);
    w.comment("SPRAM: " + chunks + " column(s) of " + depth + " x 16 bits, written through the weight-load port"
        + " (address, then column), then read through a register one issue ahead: weights is always word addr");
    w.reg(aw, "wl_addr");
    if (chunks > 1) {
      w.reg(cw, "wl_chunk");
    }
    w.reg(1, "wl_done");
    w.line("assign wl_full = wl_done;");
    String lastChunk = chunks > 1 ? "wl_chunk == " + VerilogWriter.hex(cw, chunks - 1) : "1'b1";
    w.open("always @(posedge clk) begin");
    w.open("if (rst) begin");
    w.line("wl_addr <= " + VerilogWriter.hex(aw, 0) + ";");
    if (chunks > 1) {
      w.line("wl_chunk <= " + VerilogWriter.hex(cw, 0) + ";");
    }
    w.line("wl_done <= 1'b0;");
    w.close("end else if (wl_we && !wl_done) begin");
    w.depthIn();
    if (chunks > 1) {
      w.line("wl_chunk <= " + lastChunk + " ? " + VerilogWriter.hex(cw, 0) + " : wl_chunk + " + VerilogWriter.hex(cw, 1) + ";");
    }
    w.open("if (" + lastChunk + ") begin");
    w.line("wl_addr <= wl_addr + " + VerilogWriter.hex(aw, 1) + ";");
    w.line("wl_done <= wl_addr == " + VerilogWriter.hex(aw, depth - 1) + ";");
    w.close("end");
    w.close("end");
    w.close("end");
    w.wire(aw, "spram_addr", "wl_done ? " + next + " : wl_addr");
    List<String> columns = new ArrayList<>();
    for (int j = chunks - 1; j >= 0; j--) {
      String mem = "spram" + j;
      columns.add(mem + "_q");
      String we = "wl_we && !wl_done" + (chunks > 1 ? " && wl_chunk == " + VerilogWriter.hex(cw, j) : "");
      w.line("(* ram_style = \"huge\" *)");
      w.line("reg [15:0] " + mem + " [0:" + (depth - 1) + "];");
      w.reg(16, mem + "_q");
      w.open("always @(posedge clk) begin");
      w.open("if (" + we + ") begin");
      w.line(mem + "[spram_addr] <= wl_data;");
      w.close("end else begin");
      w.depthIn();
      w.line(mem + "_q <= " + mem + "[spram_addr];");
      w.close("end");
      w.close("end");
    }
    int spare = chunks * 16 - width;
    if (spare > 0) {
      w.line("/* verilator lint_off UNUSEDSIGNAL */");
      w.comment("(the top " + spare + " bits of the last column are padding)");
    }
    w.wire(chunks * 16, "weights_cols", "{" + String.join(", ", columns) + "}");
    if (spare > 0) {
      w.line("/* verilator lint_on UNUSEDSIGNAL */");
    }
    w.wire(width, "weights", "weights_cols" + (width == 1 ? "[0]" : "[" + (width - 1) + ":0]"));
  }

  @Override
  public void table(VerilogWriter w, String name, int width, BigInteger[] words, String index) {
    tables.table(w, name, width, words, index);
  }
}
