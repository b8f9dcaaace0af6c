package dev.brainblitz.hdlgen;

import dev.brainblitz.verilog.VerilogWriter;
import java.math.BigInteger;
import java.util.Map;

/**
 * Read-only memories read asynchronously, in LUT ROM ({@code --weights lut}; the weight ROM carries
 * {@code rom_style = "logic"}, since Yosys would otherwise merge a register that feeds its address
 * into a block RAM of its own accord; the per-PE tables carry it too): the weights from a
 * {@code $readmemh} memory file named after the engine, which synthesis tools load quickly; the
 * small per-PE tables initialised in an {@code initial} block. A one-word memory is a constant.
 */
final class LutRomMemory implements EngineMemory {

  @Override
  public void weights(VerilogWriter w, String module, int width, BigInteger[] words, EngineFrontEnd front,
      Map<String, String> memoryFiles) {
    if (words.length == 1) {
      w.wire(width, "weights", VerilogWriter.hex(width, words[0]));
      return;
    }
    String file = module + "_weights.hex";
    memoryFiles.put(file, memoryFile(width, words));
    w.comment("LUT ROM: the attribute keeps synthesis from moving it into block RAM");
    w.line("(* rom_style = \"logic\", ram_style = \"logic\" *)");
    w.line("reg " + VerilogWriter.range(width) + "weights_rom [0:" + (words.length - 1) + "];");
    w.line("initial $readmemh(\"" + file + "\", weights_rom);");
    w.wire(width, "weights", "weights_rom[" + front.address() + "]");
  }

  @Override
  public void table(VerilogWriter w, String name, int width, BigInteger[] words, String index) {
    if (words.length == 1) {
      w.wire(width, name, VerilogWriter.hex(width, words[0]));
      return;
    }
    String memory = name + "_rom";
    // in logic always: left alone, Yosys moves a deep table whose index comes from a register into
    // block RAM of its own accord, which the cost model could not foresee
    w.line("(* rom_style = \"logic\", ram_style = \"logic\" *)");
    w.line("reg " + VerilogWriter.range(width) + memory + " [0:" + (words.length - 1) + "];");
    w.open("initial begin");
    for (int i = 0; i < words.length; i++) {
      w.line(memory + "[" + i + "] = " + VerilogWriter.hex(width, words[i]) + ";");
    }
    w.close("end");
    w.wire(width, name, memory + "[" + index + "]");
  }

  /** A {@code $readmemh} file: one word per line, hexadecimal, most significant digit first. */
  static String memoryFile(int width, BigInteger[] words) {
    int digits = (width + 3) / 4;
    var out = new StringBuilder(words.length * (digits + 1));
    for (BigInteger word : words) {
      String hex = word.toString(16);
      out.append("0".repeat(digits - hex.length())).append(hex).append('\n');
    }
    return out.toString();
  }
}
