package dev.brainblitz.cli;

import static dev.brainblitz.cli.BlitzTest.blitz;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code blitz demo} on a short run (few vectors, no engine timing, no Verilator or FPGA run: those
 * have their own tests): every step, the summary with the three kernels' cycles, the files in one
 * folder, and the closing lines saying where they are and what to run next.
 */
class DemoCommandTest {
  @TempDir Path temp;

  @Test
  void theDemoShowsTheWholeSystemAndWritesOneFolder() {
    Path out = temp.resolve("demo");
    var run = blitz("demo", "-o", out.toString(), "--vectors", "10", "--bench-seconds", "0", "--no-rtl", "--no-fpga");
    assertEquals(0, run.status(), run.out() + run.err());
    String text = run.out();
    for (String step : new String[] {"== 1/6 blitz check", "== 2/6 blitz verify", "== 3/6 blitz infer",
        "== 4/6 blitz bench: skipped", "== 5/6 the plain-C baseline", "== 6/6 blitz fpga tiny --device up5k"}) {
      assertTrue(text.contains(step), step + " in\n" + text);
    }
    assertTrue(text.contains("OK: golden, engine, iss:rv32im, iss:rv32im_zbb, iss:rv32im_xbnn agree bit-exactly on 10 vectors"),
        text);
    assertTrue(text.contains("(target rtl: skipped (--no-rtl))"), text);
    // Cycles of the kernels on cv32e40p: the figures docs/riscv.md gives for this shape (mlp784's).
    assertTrue(text.contains("iss:rv32im_xbnn       98,189 cycles/inference"), text);
    assertTrue(text.contains("accuracy              88.2 %"), text);
    assertTrue(text.contains("II 1024 cycles, latency 2917 cycles"), text);
    assertTrue(text.contains("(engine us/inference: this one batch, measured cold"), text);
    assertTrue(text.contains("wrote " + out + "/: verilog/"), text);
    assertTrue(text.contains("next: make -C " + out.resolve("verilog")), text);
    for (String file : new String[] {"verilog/fashion_mlp_top.v", "verilog/Makefile", "verilog/harness.cpp",
        "riscv/fashion_mlp_rv32im.S", "riscv/fashion_mlp_rv32im_zbb.S", "riscv/fashion_mlp_rv32im_xbnn.S",
        "riscv/fashion_mlp.h", "summary.txt"}) {
      assertTrue(Files.isRegularFile(out.resolve(file)), file);
    }
  }
}
