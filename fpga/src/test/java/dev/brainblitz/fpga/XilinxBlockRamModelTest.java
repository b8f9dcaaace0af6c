package dev.brainblitz.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Our RAMB18E1/RAMB36E1 simulation models against plain arrays: the test bench {@code xilinx_bram_tb.v}
 * drives random reads and writes through a true-dual-port RAMB18E1 (9 and 18 bits wide) and a
 * simple-dual-port RAMB36E1 (72 bits wide), built with {@code verilator --binary}, and must see every
 * read agree (about 60,000 checked reads).
 */
class XilinxBlockRamModelTest {

  @Test
  void randomTrafficReadsWhatAnArrayHolds() throws Exception {
    FpgaTesting.assumeVerilator("randomTrafficReadsWhatAnArrayHolds");
    Path dir = Files.createDirectories(FpgaTesting.WORK.resolve("bram-model"));
    Files.writeString(dir.resolve(GateLevel.XILINX_BLOCK_RAMS), resource(GateLevel.class, GateLevel.XILINX_BLOCK_RAMS));
    Files.writeString(dir.resolve("xilinx_bram_tb.v"), resource(XilinxBlockRamModelTest.class, "xilinx_bram_tb.v"));
    run(dir, List.of("verilator", "--binary", "--timing", "-Wno-fatal", "-Wno-lint", "-Wno-style", "--top-module", "tb",
        "xilinx_bram_tb.v", GateLevel.XILINX_BLOCK_RAMS, "-o", "tb"));
    String out = run(dir, List.of(dir.resolve("obj_dir").resolve("tb").toString()));
    Matcher m = Pattern.compile("checks (\\d+) errors (\\d+)").matcher(out);
    assertTrue(m.find(), out);
    assertEquals("0", m.group(2), out);
    assertTrue(Integer.parseInt(m.group(1)) > 50_000, out);
  }

  private static String resource(Class<?> owner, String name) throws Exception {
    try (InputStream in = owner.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String run(Path dir, List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", command) + ":\n" + out);
    return out;
  }
}
