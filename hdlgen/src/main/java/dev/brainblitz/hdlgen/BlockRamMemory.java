package dev.brainblitz.hdlgen;

import dev.brainblitz.verilog.VerilogWriter;
import java.math.BigInteger;
import java.util.Map;

/**
 * Weights in block RAM: a memory read through a register, written the way Yosys infers
 * {@code SB_RAM40_4K} (iCE40) and RAMB18/RAMB36 ({@code synth_xilinx}, asked for with the
 * {@code rom_style = "block"} attribute). The register is loaded every cycle from the address the
 * issue counter takes at that edge ({@link EngineFrontEnd#declareNextAddress}), so after every edge
 * it holds the word of the current issue, exactly as the LUT ROM's asynchronous read would: the
 * engine keeps its II and its latency. The small per-PE tables stay LUT ROMs ({@link LutRomMemory}).
 */
final class BlockRamMemory implements EngineMemory {
  private final EngineMemory tables = new LutRomMemory();

  @Override
  public void weights(VerilogWriter w, String module, int width, BigInteger[] words, EngineFrontEnd front,
      Map<String, String> memoryFiles) {
    if (words.length == 1 || front.address() == null) {
      tables.weights(w, module, width, words, front, memoryFiles);
      return;
    }
    String next = front.declareNextAddress(w);
    w.comment("block RAM, read through a register one issue ahead: weights is always word addr");
    registeredRom(w, "weights", width, words, next, module + "_weights.hex", memoryFiles);
  }

  /**
   * Declares a ROM {@code <name>_ram} of {@code words} in block RAM, initialised from {@code file}
   * (added to {@code memoryFiles}), and the register {@code name} that reads it at {@code address}
   * at every clock edge.
   */
  static void registeredRom(VerilogWriter w, String name, int width, BigInteger[] words, String address, String file,
      Map<String, String> memoryFiles) {
    memoryFiles.put(file, LutRomMemory.memoryFile(width, words));
    String memory = name + "_ram";
    w.line("(* rom_style = \"block\", ram_style = \"block\" *)");
    w.line("reg " + VerilogWriter.range(width) + memory + " [0:" + (words.length - 1) + "];");
    w.line("initial $readmemh(\"" + file + "\", " + memory + ");");
    w.reg(width, name);
    w.open("always @(posedge clk) begin");
    w.line(name + " <= " + memory + "[" + address + "];");
    w.close("end");
  }

  @Override
  public void table(VerilogWriter w, String name, int width, BigInteger[] words, String index) {
    tables.table(w, name, width, words, index);
  }
}
