package dev.brainblitz.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.VerilogDesign;
import dev.brainblitz.ir.Network;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole iCE40 flow on real tools: synthesis, place and route, bitstream, report. */
class FpgaFlowTest {
  @Test
  void tinyOnUp5kSynthesizesPlacesRoutesAndPacks() throws Exception {
    FpgaTesting.assumeIce40Tools("tinyOnUp5k");
    Network tiny = FpgaTesting.example("tiny");
    FoldingPlan plan = FoldingPlan.of(tiny, List.of("fc1=1,1", "out=1,1"), null);
    FpgaProject project = FpgaProject.of(VerilogDesign.of(tiny, plan), FpgaTarget.of(Device.named("up5k"), 12));
    FpgaOutcome outcome = FpgaFlow.run(project, FpgaTesting.workspace());
    assertTrue(outcome.fits(), outcome.overflows().toString());
    assertTrue(outcome.engine().luts() > 50 && outcome.engine().luts() < 1000, "LUTs " + outcome.engine());
    assertTrue(outcome.total().luts() > outcome.engine().luts(), "the shell adds LUTs");
    assertEquals(ShellVerilog.OOC_PINS, outcome.total().ios());
    assertTrue(outcome.fmaxMhz().orElseThrow() > 12, "Fmax " + outcome.fmaxMhz());
    assertTrue(outcome.bitstream());
    assertTrue(Files.size(outcome.file(FpgaProject.BITSTREAM)) > 100_000, "an UP5K bitstream is about 104 kB");
    var pr = outcome.placeRoute().orElseThrow();
    assertEquals(5280, pr.utilization().get("ICESTORM_LC").available(), "the device database agrees with nextpnr");
    assertEquals(ShellVerilog.OOC_PINS, pr.used("SB_IO"));
    FpgaReport report = FpgaReport.of(outcome, java.util.Map.of());
    System.out.println(report.render());
    System.out.println(report.json());
    assertFalse(report.render().contains("NOT"));
  }
}
