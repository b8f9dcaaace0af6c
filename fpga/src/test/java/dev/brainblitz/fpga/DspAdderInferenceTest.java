package dev.brainblitz.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.RtlOptions;
import dev.brainblitz.hdlgen.VerilogDesign;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.exec.Executors;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code --dsp-adders} checked in Yosys, not assumed: a 64-16-4 network at II 4 (fc1 folded 4,64)
 * with 8 adder-tree nodes in DSP-slice form synthesizes for the XC7Z020 to exactly 8 DSP48E1s (the
 * count the plan and the report's estimate give) and fewer LUTs than the same plan without them.
 */
class DspAdderInferenceTest {
  static final Network NET = RandomNetworks.mlp("dsp", new Random(5), InputKind.BIPOLAR, new int[] {64, 16, 4}, false);

  static FpgaOutcome synthesize(FoldingPlan plan) throws Exception {
    FpgaOutcome outcome = FpgaFlow.run(FpgaProject.of(VerilogDesign.of(NET, plan), FpgaTarget.of(Device.named("xc7z020"), 100)),
        FpgaTesting.workspace());
    assertTrue(outcome.fits(), outcome.overflows().toString());
    return outcome;
  }

  @Test
  void eachNodeInDspFormIsOneDsp48e1AndSavesLuts() throws Exception {
    FpgaTesting.assumeYosys("eachNodeInDspFormIsOneDsp48e1AndSavesLuts");
    FoldingPlan plan = FoldingPlan.of(NET, List.of(), 4L);
    FoldingPlan withDsp = plan.withDspAdders(8);
    assertEquals(8, withDsp.dspSlices());
    Resources without = synthesize(plan).engine();
    Resources with = synthesize(withDsp).engine();
    assertEquals(0, without.dsps());
    assertEquals(8, with.dsps());
    assertTrue(with.luts() < without.luts(), with.luts() + " LUTs with the DSP slices, " + without.luts() + " without");
  }

  /** The same design's Yosys netlist, simulated with Yosys's DSP48E1 model, equals the golden model. */
  @Test
  void theNetlistWithDsp48e1sEqualsTheGoldenModel() {
    FpgaTesting.assumeYosys("theNetlistWithDsp48e1sEqualsTheGoldenModel");
    FpgaTesting.assumeVerilator("theNetlistWithDsp48e1sEqualsTheGoldenModel");
    var vectors = RandomNetworks.vectors(14, NET, 16);
    var options = ExecutorOptions.DEFAULTS.withWorkDirectory(FpgaTesting.WORK)
        .with(RtlOptions.DEFAULTS.withTargetCycles(4).withDspAdders(8));
    try (var executor = Executors.create(NetlistExecutorProvider.XILINX, NET, options)) {
      NetlistTargetTest.assertGolden(NET, vectors, executor.run(vectors));
    }
  }
}
