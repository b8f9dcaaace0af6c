package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.text.TextModelReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Names in the model never make generated names collide (issue 16): layers named like the
 * generated modules ({@code top}, {@code link}, {@code argmax}), a layer named like another layer's link instance
 * ({@code fc1} and {@code fc1_link}), a model named like a generated module, and 300-character
 * names, which must not give file names a file system refuses. Every design's modules, its top
 * module's instances and its files are distinct, the example's plain names are kept, and
 * Verilator lints the design without a warning (when it is installed).
 */
class GeneratedNamesTest {
  /** A two-layer model: dense {@code D} reads the input, threshold {@code T}, scores {@code S}. */
  private static Network model(String model, String dense, String threshold, String scores) {
    String text = "bil 1\nmodel " + model + " {\n  input x : bipolar[5]\n"
        + "  dense " + dense + " : x -> 3 {\n    0x00000015\n    0x0000000a\n    0x0000001f\n  }\n"
        + "  threshold " + threshold + " : " + dense + " {\n    ge 3\n    le 1\n    ge 4\n  }\n"
        + "  scores " + scores + " : " + threshold + " -> 2 {\n    0x00000005\n    0x00000002\n    bias 0 1\n  }\n}\n";
    return TextModelReader.read(model + ".bil", text);
  }

  private static final Pattern MODULE = Pattern.compile("(?m)^module (\\S+)");
  private static final Pattern INSTANCE = Pattern.compile("(?m)^  (\\S+) (?:#\\(.*?\\) )?(\\S+) \\(\\.clk");

  @ParameterizedTest(name = "model {0}, layers {1}, {3}")
  @CsvSource({
    "tiny, fc1, act1, out",
    "tiny, top, act1, link",
    "tiny, fc1, act1, fc1_link",
    "tiny, argmax, act1, out",
    "tiny, fc1, act1, argmax",
    "tiny, link, act1, top",
    "top, fc1, act1, top_top",
    "tiny, fc1_link_2, act1, fc1",
    "LONG, LONG, act1, out",
    "tiny, fc1, act1, LONG",
  })
  void generatedNamesAreDistinct(String model, String dense, String threshold, String scores) throws Exception {
    String longName = "n" + "a".repeat(299);
    Network network = model(model.replace("LONG", longName), dense.replace("LONG", longName), threshold,
        scores.replace("LONG", longName));
    VerilogDesign design = VerilogDesign.of(network, FoldingPlan.forTarget(network, 64));
    String verilog = design.verilog();
    List<String> modules = all(MODULE.matcher(verilog), 1);
    assertEquals(modules.size(), new HashSet<>(modules).size(), "modules " + modules);
    assertTrue(modules.contains(design.topName()), modules.toString());
    String top = verilog.substring(verilog.indexOf("module " + design.topName() + " "));
    top = top.substring(0, top.indexOf("endmodule"));
    List<String> instances = all(INSTANCE.matcher(top), 2);
    assertEquals(5, instances.size(), "two engines, their links and the argmax stage: " + instances);
    assertEquals(instances.size(), new HashSet<>(instances).size(), "instances " + instances);
    for (String file : design.files().keySet()) {
      assertTrue(file.length() <= HdlNames.MAX_LENGTH + 20, "file name of " + file.length() + " characters: " + file);
    }
    for (String name : modules) {
      assertTrue(name.length() <= HdlNames.MAX_LENGTH, name);
    }
    if (model.equals("tiny") && dense.equals("fc1") && scores.equals("out")) {
      assertEquals(List.of("tiny_top", "tiny_fc1", "tiny_out", "tiny_argmax", "tiny_link"), modules, "plain names stay");
      assertEquals(List.of("u_fc1", "u_fc1_link", "u_out", "u_argmax", "u_out_link"), instances);
    }
    lint(design);
  }

  private static List<String> all(Matcher m, int group) {
    var found = new ArrayList<String>();
    while (m.find()) {
      found.add(m.group(group));
    }
    return found;
  }

  /** {@code verilator --lint-only} on the design in a directory of its own, when Verilator is installed. */
  private static void lint(VerilogDesign design) throws IOException, InterruptedException {
    RtlTesting.assumeVerilator();
    Path dir = Files.createDirectories(RtlTesting.WORK.resolve("names").resolve(Integer.toHexString(
        design.verilog().hashCode())));
    design.files().forEach((name, text) -> {
      try {
        Files.writeString(dir.resolve(name), text);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    Process p = new ProcessBuilder("verilator", "--lint-only", "--top-module", design.topName(), design.verilogFileName())
        .directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assumeTrue(p.waitFor(120, TimeUnit.SECONDS), "verilator timed out");
    assertEquals(0, p.exitValue(), out);
    assertEquals("", out.strip(), "verilator warnings");
  }
}
