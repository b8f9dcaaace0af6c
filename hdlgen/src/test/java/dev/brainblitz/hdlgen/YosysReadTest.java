package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.brainblitz.ir.Network;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The generated Verilog is plain Verilog-2005 that open synthesis reads: Yosys parses and
 * elaborates every example's design, weight memory files included
 * ({@code read_verilog; hierarchy -check -top <model>_top}, run outside the design directory) at
 * several foldings without an error or a warning. mlp784 takes seconds since its weights are
 * {@code $readmemh} files rather than literals.
 */
class YosysReadTest {
  private static boolean yosysAvailable() {
    try {
      Process process = new ProcessBuilder("yosys", "-V").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void yosysReadsAndElaboratesEveryExample() throws Exception {
    assumeTrue(yosysAvailable(), "Yosys is not installed: install the Debian package yosys to run this test");
    Path dir = Files.createDirectories(RtlTesting.WORK.resolve("yosys"));
    for (String name : List.of("tiny", "tiny-u8", "mlp784")) {
      Network net = RtlTesting.example(name);
      // mlp784 fully parallel (target 1) is a 200,704-lane design: far beyond what this test needs.
      for (long target : name.equals("mlp784") ? new long[] {64, 100000} : new long[] {1, 4, 100000}) {
        VerilogDesign design = VerilogDesign.of(net, FoldingPlan.forTarget(net, target));
        Path file = dir.resolve(design.verilogFileName());
        Files.writeString(file, design.verilog());
        design.writeMemoryFiles(dir);
        String top = file.getFileName().toString().replace(".v", "");
        List<String> command = new ArrayList<>(List.of("yosys", "-q", "-p",
            "read_verilog " + file + "; hierarchy -check -top " + top));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "yosys timed out on " + file);
        assertEquals(0, process.exitValue(), name + " at target " + target + ":\n" + output);
        assertEquals("", output.strip(), "yosys warnings for " + name + " at target " + target);
      }
    }
  }
}
