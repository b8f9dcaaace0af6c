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
 * elaborates the small examples' designs ({@code read_verilog; hierarchy -check -top <model>_top}) at
 * several foldings without an error or a warning.
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
    // mlp784's 3.5 MB of ROM literals take Yosys minutes to elaborate: the small examples cover the constructs.
    for (String name : List.of("tiny", "tiny-u8")) {
      Network net = RtlTesting.example(name);
      for (long target : new long[] {1, 4, 100000}) {
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
