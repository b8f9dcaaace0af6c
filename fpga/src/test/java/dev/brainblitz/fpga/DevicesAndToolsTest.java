package dev.brainblitz.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.VerilogDesign;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The device database, tool lookup, cell classification, PLL settings and the tools' failures. */
class DevicesAndToolsTest {
  @TempDir Path temp;

  @Test
  void everyDeviceIsFoundByNameAndUnknownOnesListTheKnown() {
    for (Device d : Device.ALL) {
      assertEquals(d, Device.named(d.name().toUpperCase(java.util.Locale.ROOT)));
      assertTrue(d.capacity(d.defaultPackage()).ios() > 0);
    }
    var e = assertThrows(IllegalArgumentException.class, () -> Device.named("ecp5"));
    assertEquals("unknown device 'ecp5'; known devices: up5k, hx8k, hx1k, xc7a35t, xc7z020", e.getMessage());
    assertEquals(39, Device.named("up5k").capacity("sg48").ios());
    assertThrows(IllegalArgumentException.class, () -> Device.named("up5k").capacity("tq144"));
  }

  @Test
  void targetsRefuseOptionsTheirDeviceLacks() {
    Device hx8k = Device.named("hx8k");
    assertThrows(IllegalArgumentException.class, () -> FpgaTarget.of(hx8k, 12).withOptions(true, false));
    assertThrows(IllegalArgumentException.class, () -> FpgaTarget.of(hx8k, 12).withOptions(false, true));
    assertThrows(IllegalArgumentException.class, () -> new FpgaTarget(hx8k, "sg48", 12, Optional.empty(), 115200, false,
        false));
    var baud = assertThrows(IllegalArgumentException.class, () -> FpgaTarget.of(Board.ICEBREAKER, 12, 4_000_000));
    assertTrue(baud.getMessage().contains("cycles per bit"), baud.getMessage());
    assertEquals(104, FpgaTarget.of(Board.ICEBREAKER, 12, 115200).clocksPerBit());
    assertEquals(Optional.empty(), FpgaTarget.of(Board.ICEBREAKER, 12, 115200).pll());
    assertEquals(30.0, FpgaTarget.of(Board.ICEBREAKER, 30, 115200).clockMhz(), 1e-9);
  }

  /** Our PLL settings are icepll's, for a spread of output frequencies. */
  @Test
  void pllSettingsAgreeWithIcepll() throws Exception {
    ExternalTools.require("icepll", "fpga-icestorm", "pllSettingsAgreeWithIcepll");
    for (double mhz : new double[] {16, 20, 24, 30, 33.3, 36, 42, 48, 50, 60, 75, 100, 120, 200}) {
      Process p = new ProcessBuilder("icepll", "-i", "12", "-o", Double.toString(mhz)).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor();
      Ice40Pll pll = Ice40Pll.closest(12, mhz).orElseThrow();
      String what = mhz + " MHz: " + out;
      assertTrue(out.contains(String.format(java.util.Locale.ROOT, "DIVR: %2d", pll.divr())), what);
      assertTrue(out.contains(String.format(java.util.Locale.ROOT, "DIVF: %2d", pll.divf())), what);
      assertTrue(out.contains(String.format(java.util.Locale.ROOT, "DIVQ: %2d", pll.divq())), what);
      assertTrue(out.contains("FILTER_RANGE: " + pll.filterRange()), what);
      assertTrue(out.contains(String.format(java.util.Locale.ROOT, "%.3f MHz (achieved)", pll.outputMhz())), what);
    }
  }

  /** {@code --program} and {@code make prog} name each board as the installed openFPGALoader knows it. */
  @Test
  void openFpgaLoaderKnowsEveryBoardByItsLoaderName() throws Exception {
    ExternalTools.require("openFPGALoader", "openfpgaloader", "openFpgaLoaderKnowsEveryBoard");
    Process p = new ProcessBuilder("openFPGALoader", "--list-boards").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
    var names = out.lines().map(String::strip).filter(l -> !l.isEmpty()).map(l -> l.split("\\s+")[0]).toList();
    for (Board board : Board.values()) {
      assertTrue(names.contains(board.loaderName()), board.loaderName() + " in " + names);
    }
    assertEquals(List.of("-b", "ice40_generic", "design.bin"), Board.ICEBREAKER.loaderArguments("design.bin"));
  }

  @Test
  void cellsAreClassifiedPerFamily() {
    var ice = CellCounts.resources(Family.ICE40, java.util.Map.of("SB_LUT4", 10L, "SB_DFFE", 4L, "SB_DFF", 1L,
        "SB_CARRY", 3L, "SB_RAM40_4K", 2L, "SB_SPRAM256KA", 1L, "SB_MAC16", 1L));
    assertEquals(10, ice.luts());
    assertEquals(5, ice.flipFlops());
    assertEquals(3, ice.carries());
    assertEquals(2, ice.blockRams());
    assertEquals(1, ice.singlePortRams());
    assertEquals(1, ice.dsps());
    var x = CellCounts.resources(Family.XC7, java.util.Map.of("LUT6", 5L, "LUT2", 2L, "INV", 1L, "RAM64M", 2L,
        "FDRE", 7L, "CARRY4", 2L, "RAMB36E1", 1L, "RAMB18E1", 1L, "DSP48E1", 1L, "MUXF7", 3L));
    assertEquals(5 + 2 + 1 + 8, x.luts());
    assertEquals(8, x.lutsAsMemory());
    assertEquals(java.util.Map.of(1, 1L, 2, 2L, 6, 13L), x.lutsBySize());
    assertEquals(3, x.blockRams(), "a RAMB36 is two RAMB18");
    assertEquals(java.util.Map.of("$mem_v2", 1L), CellCounts.unknown(Family.ICE40, java.util.Map.of("$mem_v2", 1L,
        "SB_LUT4", 1L)));
  }

  @Test
  void statisticsOfYosysAreReadPerModuleWithoutSubmoduleCounts() {
    var counts = CellCounts.parse("""
        {"creator": "Yosys 0.23", "modules": {
          "\\\\top": {"num_cells": 3, "num_cells_by_type": {"SB_LUT4": 2, "engine": 1}},
          "\\\\engine": {"num_cells": 5, "num_cells_by_type": {"SB_LUT4": 4, "SB_DFF": 1}}},
         "design": {"num_cells": 7, "num_cells_by_type": {"SB_LUT4": 6, "SB_DFF": 1}}}
        """);
    assertEquals(java.util.Map.of("SB_LUT4", 2L), counts.module("top"));
    assertEquals(java.util.Map.of("SB_LUT4", 6L, "SB_DFF", 1L), counts.design());
    assertThrows(IllegalArgumentException.class, () -> CellCounts.parse("{\"modules\": 1}"));
  }

  @Test
  void aMissingToolNamesItsPackageAndVariable() {
    Toolchain none = Toolchain.fromEnvironment().withSearchPath(temp.toString());
    var e = assertThrows(DiagnosticException.class, () -> none.require(Tool.NEXTPNR_ICE40, "place and route"));
    assertEquals(ErrorCode.FPGA_TOOL_MISSING, e.diagnostics().get(0).code());
    assertTrue(e.getMessage().contains("install the Debian package nextpnr-ice40 (sudo apt-get install nextpnr-ice40), "
        + "or set BLITZ_NEXTPNR_ICE40 to its path"), e.getMessage());
    var explicit = Toolchain.fromEnvironment().with(Tool.ICEPACK, temp.resolve("icepack").toString());
    var e2 = assertThrows(DiagnosticException.class, () -> explicit.require(Tool.ICEPACK, "bitstream"));
    assertTrue(e2.getMessage().contains("(from BLITZ_ICEPACK) is not an executable: install the Debian package "
        + "fpga-icestorm"), e2.getMessage());
  }

  /** A tool that fails: its own error lines and the path of its log, and no later step runs. */
  @Test
  void aFailingToolReportsItsMessageAndLog() throws Exception {
    Path fake = temp.resolve("yosys");
    Files.writeString(fake, "#!/bin/sh\nif [ \"$1\" = -V ]; then echo 'Yosys 0.0 (fake)'; exit 0; fi\n"
        + "echo 'reading the script'\necho 'ERROR: out of cheese in synth.ys line 4'\nexit 1\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    Toolchain tools = Toolchain.fromEnvironment().with(Tool.YOSYS, fake.toString());
    Workspace workspace = new Workspace(temp.resolve("work"), tools, m -> { });
    Network tiny = FpgaTesting.example("tiny");
    FpgaProject project = FpgaProject.of(VerilogDesign.of(tiny, FoldingPlan.forTarget(tiny, 64)),
        FpgaTarget.of(Device.named("xc7a35t"), 12));
    var e = assertThrows(DiagnosticException.class, () -> FpgaFlow.run(project, workspace));
    assertEquals(ErrorCode.FPGA_TOOL_FAILED, e.diagnostics().get(0).code());
    String message = e.getMessage();
    assertTrue(message.contains("synthesis with Yosys synth_xilinx failed: yosys exited with status 1:\n"
        + "  ERROR: out of cheese in synth.ys line 4"), message);
    Path log = Path.of(e.diagnostics().get(0).span().file());
    assertTrue(message.contains("(the whole log: " + log + ")"), message);
    assertEquals(List.of("reading the script", "ERROR: out of cheese in synth.ys line 4"), Files.readAllLines(log));
  }

  /**
   * A place and route that does not finish within the workspace's limit (nextpnr-ice40 0.4's placer
   * on a dense design, faked by a nextpnr that reports its packing and then hangs) is stopped, and
   * the design counts as not fitting, with the packed utilisation and the log, so that --fit moves
   * on; the step is not marked done, so a later run with more time places again.
   */
  @Test
  void aPlacerThatDoesNotFinishIsStoppedAtTheLimit() throws Exception {
    FpgaTesting.assumeIce40Tools("aPlacerThatDoesNotFinishIsStoppedAtTheLimit");
    Path fake = temp.resolve("nextpnr-ice40");
    Files.writeString(fake, "#!/bin/sh\nif [ \"$1\" = -V ]; then echo 'nextpnr-ice40 (fake)'; exit 0; fi\n"
        + "echo 'Info: Device utilisation:'\necho 'Info: \t         ICESTORM_LC:  3899/ 5280    73%'\n"
        + "echo 'Info: Running main analytical placer.'\nexec sleep 120\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    Toolchain tools = Toolchain.fromEnvironment().with(Tool.NEXTPNR_ICE40, fake.toString());
    Workspace workspace = new Workspace(temp.resolve("work"), tools, m -> { }, java.time.Duration.ofSeconds(2));
    Network tiny = FpgaTesting.example("tiny");
    FpgaProject project = FpgaProject.of(VerilogDesign.of(tiny, FoldingPlan.forTarget(tiny, 64)),
        FpgaTarget.of(Device.named("up5k"), 12));
    long start = System.nanoTime();
    FpgaOutcome outcome = FpgaFlow.run(project, workspace);
    Path log = outcome.file(project.step("nextpnr").log());
    assertEquals(List.of("nextpnr-ice40 did not place the design within 2 s with 3,899 of 5,280 logic cells (74%) after"
        + " packing: nextpnr 0.4's placer does not converge on some dense designs (docs/fpga.md, \"Why"
        + " fashion-up5k did not place\"); fold slower, or allow more time with BLITZ_PLACE_MINUTES=MINUTES (its log: " + log + ")"),
        outcome.overflows());
    assertTrue(System.nanoTime() - start < 60_000_000_000L, "the fake placer was not stopped");
    assertEquals(new PlaceRouteReport.Utilization(3899, 5280), outcome.placeRoute().orElseThrow().utilization()
        .get("ICESTORM_LC"));
    assertTrue(!workspace.done(outcome.runDirectory(), project.step("nextpnr")));
  }

  @Test
  void shellModuleNamesNeverCollideWithTheEngine() {
    assertEquals("blitz_fpga_", ShellVerilog.prefixFor("module tiny_top (\nendmodule\nmodule tiny_fc1 (\n"));
    assertEquals("blitz_fpga1_", ShellVerilog.prefixFor("module blitz_top (\nmodule blitz_fpga_shell (\n"));
    assertEquals("blitz_fpga2_", ShellVerilog.prefixFor("module blitz_fpga_a (\nmodule blitz_fpga1_b (\n"));
    String shell = ShellVerilog.shellLibrary("blitz_fpga1_");
    assertEquals(java.util.Set.of("blitz_fpga1_stream_shell", "blitz_fpga1_forward_shell",
        "blitz_fpga1_answer_sender", "blitz_fpga1_uart_rx", "blitz_fpga1_uart_tx"),
        ShellVerilog.moduleNames(shell));
  }
}
