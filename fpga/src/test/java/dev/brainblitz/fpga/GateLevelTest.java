package dev.brainblitz.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import java.nio.file.Path;
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
    assertTrue(models.contains(".DATA_INIT({INIT_3F, INIT_3E,") && models.contains("module blitz_xilinx_bram #("),
        "ours: a RAMB18E1 holds its INIT_xx in the shared model");
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

  @Test
  void theMemoryMappingCommandsAreReadFromYosyssLog() {
    String log = "\n-- Running command `echo on; synth_xilinx -family xc7 -run map_memory:map_ffram' --\n\n"
        + "yosys> synth_xilinx -family xc7 -run map_memory:map_ffram\n\n1. Executing SYNTH_XILINX pass.\n\n"
        + "yosys> memory_libmap -lib +/xilinx/brams_xc4v.txt -D HAS_SIZE_36\n\n"
        + "yosys> techmap -map +/xilinx/lutrams_xc5v_map.v\n\nyosys*> techmap -map +/xilinx/brams_xc6v_map.v\n";
    assertEquals(List.of("memory_libmap -lib +/xilinx/brams_xc4v.txt -D HAS_SIZE_36", "techmap -map +/xilinx/lutrams_xc5v_map.v",
        "techmap -map +/xilinx/brams_xc6v_map.v"), XilinxBramMapFix.loggedCommands(log));
  }

  @Test
  void theFixCorrectsTheTypoAndMapsWithTheCopy() {
    var fix = XilinxBramMapFix.fix("a\n.DIPBDIP(PORT_W_WIDTH == 71 ? DIP[7:4] : DIP[3:0]),\n", "defs",
        List.of("memory_libmap -lib x", "techmap -map +/xilinx/brams_xc6v_map.v"), Path.of("brams_xc6v_map.v"));
    assertEquals("a\n.DIPBDIP(PORT_W_WIDTH == 72 ? DIP[7:4] : DIP[3:0]),\n", fix.files().get(XilinxBramMapFix.MAP_FILE));
    assertEquals("defs", fix.files().get(XilinxBramMapFix.DEFINITIONS_FILE));
    assertEquals(List.of("memory_libmap -lib x", "techmap -map brams_xc6v_map.v"), fix.mapMemoryCommands());
    var e = assertThrows(DiagnosticException.class, () -> XilinxBramMapFix.fix("", "", List.of("memory_libmap -lib x"),
        Path.of("brams_xc6v_map.v")));
    assertEquals(ErrorCode.FPGA_TOOL_FAILED, e.diagnostics().get(0).code());
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
