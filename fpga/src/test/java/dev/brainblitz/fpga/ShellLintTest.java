package dev.brainblitz.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.InputPort;
import dev.brainblitz.hdlgen.VerilogDesign;
import dev.brainblitz.hdlgen.WeightStorage;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.random.RandomNetworks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell, UART and wrapper tops are lint-clean (verilator -Wall) around engines of every shape,
 * with SPRAM weights (the weight loader in front of the shell) for two of them.
 */
class ShellLintTest {
  @TempDir Path temp;

  static List<Network> networks() {
    return List.of(FpgaTesting.example("tiny"), FpgaTesting.example("tiny-u8"),
        RandomNetworks.mlp("one", new Random(1), InputKind.BIPOLAR, new int[] {1, 1}, false),
        RandomNetworks.mlp("many", new Random(2), InputKind.BIPOLAR, new int[] {9, 300}, false),
        RandomNetworks.mlp("wide", new Random(3), InputKind.U8, new int[] {70, 3, 5}, true));
  }

  @Test
  void wrappersAroundEveryShapeAreLintClean() throws Exception {
    FpgaTesting.assumeVerilator("wrappersAreLintClean");
    for (Network network : networks()) {
      for (InputPort port : InputPort.values()) {
      for (WeightStorage storage : List.of(WeightStorage.AUTO, WeightStorage.SPRAM)) {
      if (storage == WeightStorage.SPRAM && !List.of("tiny_u8", "wide").contains(network.name())) {
        continue;
      }
      VerilogDesign design = VerilogDesign.of(network, FoldingPlan.forTarget(network, 8).withPort(port).withWeights(storage));
      for (var target : List.of(FpgaTarget.of(Device.named("up5k"), 12), FpgaTarget.of(Board.ICEBREAKER, 12, 115200))) {
        FpgaProject project = FpgaProject.of(design, target);
        Path dir = Files.createDirectories(temp.resolve(network.name() + "-" + port.keyword() + "-" + storage.keyword() + "-"
            + target.board().isPresent()));
        for (var file : project.files().entrySet()) {
          Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
        Process p = new ProcessBuilder("verilator", "--lint-only", "-Wall", "--top-module", project.top(),
            design.verilogFileName(), ShellVerilog.SHELL_FILE, ShellVerilog.TOP_FILE).directory(dir.toFile())
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), network.name() + " " + project.top() + ":\n" + out);
        assertEquals("", out.strip(), network.name() + " " + project.top());
        assertEquals(storage == WeightStorage.SPRAM, project.files().get(ShellVerilog.TOP_FILE).contains(".wl_ready(wl_ready)"));
      }
      }
      }
    }
  }

  @Test
  void theBoardTopWithAPllInstantiatesItWithIcepllsSettings() {
    Network tiny = FpgaTesting.example("tiny");
    FpgaProject project = FpgaProject.of(VerilogDesign.of(tiny, FoldingPlan.forTarget(tiny, 64)),
        FpgaTarget.of(Board.ICEBREAKER, 48, 115200));
    String top = project.files().get(ShellVerilog.TOP_FILE);
    assertTrue(top.contains("SB_PLL40_PAD #(.FEEDBACK_PATH(\"SIMPLE\"), .DIVR(4'd0), .DIVF(7'd63), .DIVQ(3'd4), "
        + ".FILTER_RANGE(3'd1)) pll ("), top);
    assertTrue(top.contains("parameter CLKS_PER_BIT = 417,"), "48 MHz / 115200 baud: " + top);
    assertTrue(project.files().get("icebreaker.pcf").contains("set_io CLK     35"));
  }
}
