package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A network lowered to hardware: the Verilog, the memory files of its weight ROMs (read with
 * {@code $readmemh} from the directory the simulation or synthesis runs in), its Verilator harness
 * and replay Makefile, and the folding they were made with. Generation is deterministic: equal
 * inputs give byte-identical files.
 */
public record VerilogDesign(Network network, FoldingPlan plan, String verilog, SortedMap<String, String> memoryFiles,
    String harness, String makefile) {

  public static VerilogDesign of(Network network, FoldingPlan plan) {
    IlToVerilog.Lowered lowered = IlToVerilog.generate(network, plan);
    return new VerilogDesign(network, plan, lowered.verilog(), lowered.memoryFiles(), Harness.cpp(network, plan),
        Harness.makefile(network));
  }

  public String topName() {
    return IlToVerilog.topName(network);
  }

  public String verilogFileName() {
    return topName() + ".v";
  }

  /** The files of the design by name, in a fixed order. */
  public Map<String, String> files() {
    var files = new LinkedHashMap<String, String>();
    files.put(verilogFileName(), verilog);
    files.putAll(memoryFiles);
    files.put("harness.cpp", harness);
    files.put("Makefile", makefile);
    return files;
  }

  /** Writes every file into {@code directory} (created if needed). */
  public void writeTo(Path directory) throws IOException {
    Files.createDirectories(directory);
    for (var file : files().entrySet()) {
      Files.writeString(directory.resolve(file.getKey()), file.getValue());
    }
  }

  /** Writes the memory files into {@code directory}, where a simulation or synthesis tool will run. */
  public void writeMemoryFiles(Path directory) throws IOException {
    for (var file : memoryFiles.entrySet()) {
      Files.writeString(directory.resolve(file.getKey()), file.getValue());
    }
  }

  /** Vectors in the harness's input format: one line of hex 32-bit {@code in_data} words per vector. */
  public static String vectorsFile(List<InputVector> vectors) {
    var out = new StringBuilder();
    for (InputVector v : vectors) {
      int[] words = inputWords(v);
      for (int i = 0; i < words.length; i++) {
        out.append(i == 0 ? "" : " ").append(Integer.toHexString(words[i]));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** The {@code in_data} bits of a vector as 32-bit words, word 0 first. */
  static int[] inputWords(InputVector v) {
    if (v.kind() == InputKind.BIPOLAR) {
      return v.packedWords();
    }
    int[] words = new int[(v.size() + 3) / 4];
    for (int i = 0; i < v.size(); i++) {
      words[i / 4] |= v.element(i) << (8 * (i % 4));
    }
    return words;
  }
}
