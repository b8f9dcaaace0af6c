package dev.brainblitz.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.VerilogDesign;
import dev.brainblitz.hdlgen.WeightStorage;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.Map;
import java.util.Random;
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
    assertEquals(5 * 3 + 3 * 2, report.macsPerFrame(), "tiny: 5 inputs to 3 neurons to 2 classes");
    assertEquals(21.0 / 15 / outcome.engine().luts(), report.macsPerCyclePerLut().orElseThrow(), 1e-12);
    assertTrue(report.render().contains(String.format(java.util.Locale.ROOT,
        "density: 21 MACs per frame / II 15 = 1.4 MACs per cycle; %.3f per engine LUT%n", 21.0 / 15 / outcome.engine().luts())),
        report.render());
  }

  /** A small random network, partly folded, through the whole flow; its JSON report is deterministic. */
  @Test
  void aSmallRandomNetworkOnUp5k() {
    FpgaTesting.assumeIce40Tools("aSmallRandomNetworkOnUp5k");
    Network net = RandomNetworks.mlp("rnd", new Random(11), InputKind.BIPOLAR, new int[] {40, 12, 3}, true);
    FoldingPlan plan = FoldingPlan.forTarget(net, 20);
    FpgaProject project = FpgaProject.of(VerilogDesign.of(net, plan), FpgaTarget.of(Device.named("up5k"), 12));
    FpgaOutcome outcome = FpgaFlow.run(project, FpgaTesting.workspace());
    assertTrue(outcome.fits() && outcome.bitstream() && outcome.timingMet().orElseThrow(), outcome.overflows().toString());
    String json = FpgaReport.of(outcome, Map.of()).json();
    assertEquals(json, FpgaReport.of(FpgaFlow.run(project, FpgaTesting.workspace()), Map.of()).json());
    assertTrue(json.contains("\"initiationInterval\" : " + plan.initiationInterval()), json);
  }

  /** Synthesis only for the 7-series: LUTs by size, no place and route, no bitstream. */
  @Test
  void tinyOnXc7a35tStopsAfterSynthesis() {
    FpgaTesting.assumeYosys("tinyOnXc7a35t");
    Network tiny = FpgaTesting.example("tiny");
    FpgaProject project = FpgaProject.of(VerilogDesign.of(tiny, FoldingPlan.forTarget(tiny, 64)),
        FpgaTarget.of(Device.named("xc7a35t"), 100));
    assertEquals(List.of("yosys"), project.steps().stream().map(FlowStep::name).toList());
    FpgaOutcome outcome = FpgaFlow.run(project, FpgaTesting.workspace());
    assertTrue(outcome.fits());
    assertTrue(outcome.placeRoute().isEmpty() && !outcome.bitstream());
    assertEquals(outcome.engine().luts(), outcome.engine().lutsBySize().values().stream().mapToLong(Long::longValue).sum());
    assertTrue(outcome.engine().lutsBySize().keySet().stream().anyMatch(size -> size >= 5), "LUT5/LUT6 appear");
    String text = FpgaReport.of(outcome, Map.of()).render();
    assertTrue(text.contains("no Fmax: the open flow has no place and route for the Xilinx 7-series"), text);
  }

  /**
   * --fit on an UP5K cut down to 800 logic cells (so that synthesis, not a slow place and route at
   * the device's limit, would refute a fast candidate): the search goes from fast to slow, skips
   * what its estimate says cannot fit, and stops at the first folding that fits.
   */
  @Test
  void fitBacksOffToTheFastestFoldingThatFits() {
    FpgaTesting.assumeIce40Tools("fitBacksOff");
    Device up5k = Device.named("up5k");
    Device small = new Device("small", up5k.part(), Family.ICE40, up5k.nextpnrDevice(), Map.of("sg48", 39),
        Resources.capacity(800, 800, 800, 30, 4, 8, 39));
    Network net = RandomNetworks.mlp("fit", new Random(12), InputKind.BIPOLAR, new int[] {32, 24, 2}, false);
    var tries = new java.util.ArrayList<FitSearch.Try>();
    FitSearch.Result result = FitSearch.search(net, FpgaTarget.of(small, 12), 4, WeightStorage.AUTO, 6, FpgaTesting.workspace(), tries::add);
    String verdicts = tries.stream().map(t -> FitSearch.describe(t.plan()) + ": " + t.verdict()).toList().toString();
    assertEquals(tries, result.tries());
    assertTrue(result.found(), verdicts);
    FitSearch.Try accepted = tries.get(tries.size() - 1);
    assertTrue(accepted.outcome().orElseThrow().bitstream(), verdicts);
    for (FitSearch.Try t : tries.subList(0, tries.size() - 1)) {
      assertFalse(t.accepted());
      assertTrue(t.plan().initiationInterval() < accepted.plan().initiationInterval(), "fast to slow: " + verdicts);
    }
    // The calibrated estimate (docs/hdl.md) skips the candidates that cannot fit without building
    // them; one that synthesis refutes would teach the search its ratio instead.
    assertTrue(tries.stream().anyMatch(t -> t.verdict().startsWith("skipped")), "the estimate skipped one: " + verdicts);
    assertTrue(tries.stream().allMatch(t -> t.verdict().startsWith("skipped") || t.outcome().isPresent()), verdicts);
  }

  /** nextpnr's utilisation after packing, read from its log when it cannot place a design. */
  @Test
  void packedUtilisationIsReadFromTheLog() {
    var packed = FpgaFlow.packedUtilization("""
        Info: Device utilisation:
        Info: 	         ICESTORM_LC:  1519/ 1280   118%
        Info: 	        ICESTORM_RAM:     0/   16     0%
        Info: 	               SB_IO:    22/  112    19%
        ERROR: Unable to place cell 'x', no BELs remaining to implement cell type 'ICESTORM_LC'
        """);
    assertEquals(new PlaceRouteReport.Utilization(1519, 1280), packed.get("ICESTORM_LC"));
    assertEquals(new PlaceRouteReport.Utilization(22, 112), packed.get("SB_IO"));
    assertEquals(3, packed.size());
  }
}
