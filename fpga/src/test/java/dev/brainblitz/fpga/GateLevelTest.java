package dev.brainblitz.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The gate-level netlist's script and cell models, without the tools. */
class GateLevelTest {

  @Test
  void yosysBlockRamBlackboxesAreReplacedByOurModels() {
    String yosys = "module LUT1(output O, input I0);\n  assign O = I0;\nendmodule\n\n"
        + "module RAMB18E1 (\n    input CLKARDCLK\n);\n    specify\n    endspecify\nendmodule\n\n"
        + "module RAMB36E1 (\n    output CASCADEOUTA\n);\nendmodule\n\nmodule FDRE(output reg Q);\nendmodule\n";
    String models = GateLevel.withBlockRamModels(yosys);
    assertEquals(1, count(models, "module RAMB18E1 ("));
    assertEquals(1, count(models, "module RAMB36E1 ("));
    assertTrue(models.contains("module LUT1(") && models.contains("module FDRE("), "the other cells stay");
    assertTrue(models.contains("reg [DATA_BITS-1:0] data = {INIT_3F,"), "ours: a RAMB18E1 holds its INIT_xx");
  }

  @Test
  void withTheBlockRamFixTheScriptMapsMemoriesWithTheCorrectedCopy() {
    var fix = new XilinxBramMapFix.Fix(Map.of(XilinxBramMapFix.MAP_FILE, "", XilinxBramMapFix.DEFINITIONS_FILE, ""),
        List.of("memory_libmap -lib +/xilinx/brams_xc4v.txt", "techmap -map " + XilinxBramMapFix.MAP_FILE));
    String script = GateLevel.script(Family.XC7, List.of("a.v"), "a_top", false, Optional.of(fix));
    assertTrue(script.contains("synth_xilinx -family xc7 -top a_top -flatten -run :map_memory\n"
        + "memory_libmap -lib +/xilinx/brams_xc4v.txt\n" + "techmap -map brams_xc6v_map.v\n"
        + "synth_xilinx -family xc7 -top a_top -flatten -run map_ffram:\n"), script);
    assertTrue(GateLevel.script(Family.XC7, List.of("a.v"), "a_top").contains("synth_xilinx -family xc7 -top a_top -flatten\n"));
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
