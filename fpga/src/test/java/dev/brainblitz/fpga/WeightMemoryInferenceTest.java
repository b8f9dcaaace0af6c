package dev.brainblitz.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.VerilogDesign;
import dev.brainblitz.hdlgen.WeightLoad;
import dev.brainblitz.hdlgen.WeightStorage;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.random.RandomNetworks;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * Block-RAM inference checked, not assumed: a 128-32-4 network whose fc1 weights are 256 words of
 * 16 bits (fold 1,16: 4096 bits, one {@code SB_RAM40_4K} in its 256 x 16 form) and whose scores
 * weights are 128 words of 1 bit (fold 1,1), synthesized in every storage style; Yosys's
 * {@code stat -json} must show exactly the block RAMs each style asks for (the engines are flattened
 * into the design's top module, so the count is the design's) and no memory left unmapped.
 */
class WeightMemoryInferenceTest {
  static final Network NET = RandomNetworks.mlp("mem", new Random(5), InputKind.BIPOLAR, new int[] {128, 32, 4}, true);
  static final FoldingPlan PLAN = FoldingPlan.of(NET, List.of("fc1=1,16", "out=1,1"), null);

  /** Block RAM cells of the design under {@code storage} on {@code device}, by cell type. */
  static Map<String, Long> blockRams(WeightStorage storage, String device, double mhz) throws Exception {
    return blockRams(PLAN.withWeights(storage), FpgaTarget.of(Device.named(device), mhz));
  }

  /** Block RAM and SPRAM cells of {@code plan}'s design on {@code target}, by cell type. */
  static Map<String, Long> blockRams(FoldingPlan plan, FpgaTarget target) throws Exception {
    WeightStorage storage = plan.weights();
    String device = target.device().name();
    FpgaProject project = FpgaProject.of(VerilogDesign.of(NET, plan), target);
    FpgaOutcome outcome = FpgaFlow.run(project, FpgaTesting.workspace());
    assertTrue(outcome.fits(), outcome.overflows().toString());
    assertEquals(Map.of(), outcome.unmapped(), storage + " on " + device + ": every memory mapped to a primitive");
    CellCounts cells = CellCounts.parse(Files.readString(outcome.file(FpgaProject.STAT)));
    SortedMap<String, Long> m = cells.module(project.design().topName());
    assertTrue(m.keySet().stream().noneMatch(type -> type.startsWith("$")), storage + ": " + m);
    var rams = new java.util.TreeMap<String, Long>();
    m.forEach((type, n) -> {
      if (type.startsWith("SB_RAM") || type.startsWith("SB_SPRAM") || type.startsWith("RAMB") || type.startsWith("RAM32") || type.startsWith("RAM64")) {
        rams.put(type, n);
      }
    });
    return rams;
  }

  @Test
  void auto() {
    assertEquals(WeightStorage.BRAM, PLAN.weightStorage(0), "256 words, 4096 bits: block RAM");
    assertEquals(WeightStorage.LUT, PLAN.weightStorage(1), "128 bits: LUT ROM");
  }

  @Test
  void ice40InfersOneSbRam40PerBlockRamMemory() throws Exception {
    FpgaTesting.assumeIce40Tools("ice40InfersOneSbRam40PerBlockRamMemory");
    assertEquals(Map.of("SB_RAM40_4K", 2L), blockRams(WeightStorage.BRAM, "up5k", 12));
    assertEquals(Map.of("SB_RAM40_4K", 1L), blockRams(WeightStorage.AUTO, "up5k", 12));
    assertEquals(Map.of(), blockRams(WeightStorage.LUT, "up5k", 12));
  }

  /**
   * {@code --weights spram} with fc1 folded 2,16 (128 words of 32 bits: two 16-bit columns side by
   * side) and the scores 1,1 (128 words of 1 bit: one column): three {@code SB_SPRAM256KA} under
   * {@code synth_ice40 -spram} (which {@code blitz fpga --weights spram} asks for), no block RAM,
   * no memory left in logic; the design goes through the out-of-context shell with its weight loader.
   */
  @Test
  void ice40InfersOneSbSpram256kaPerSpramColumn() throws Exception {
    FpgaTesting.assumeIce40Tools("ice40InfersOneSbSpram256kaPerSpramColumn");
    FoldingPlan plan = FoldingPlan.of(NET, List.of("fc1=2,16", "out=1,1"), null).withWeights(WeightStorage.SPRAM);
    assertEquals(3, WeightLoad.blocks(plan));
    assertEquals(128 * 2 + 128, WeightLoad.words(plan));
    FpgaTarget target = FpgaTarget.of(Device.named("up5k"), 12).withOptions(true, false);
    assertEquals(Map.of("SB_SPRAM256KA", 3L), blockRams(plan, target));
  }

  /** fc1 folded 5,16 has 80-bit words: 5 columns, plus 1 for the scores, against the UP5K's 4 SPRAMs. */
  @Test
  void aDesignNeedingMoreSpramsThanTheDeviceIsRefusedBeforeSynthesis() {
    FoldingPlan plan = FoldingPlan.of(NET, List.of("fc1=5,16", "out=1,1"), null).withWeights(WeightStorage.SPRAM);
    var e = org.junit.jupiter.api.Assertions.assertThrows(dev.brainblitz.ir.diag.DiagnosticException.class,
        () -> FpgaProject.of(VerilogDesign.of(NET, plan), FpgaTarget.of(Device.named("up5k"), 12).withOptions(true, false)));
    assertEquals(dev.brainblitz.ir.diag.ErrorCode.FPGA_NO_FIT, e.diagnostics().get(0).code());
    assertEquals("--weights spram: mem needs 6 SB_SPRAM256KA (one per 16-bit column of each SPRAM weight memory: fc1 5,"
        + " out 1), the up5k has 4: fold with fewer PE x SIMD", e.diagnostics().get(0).message());
  }

  @Test
  void xilinxInfersOneRamb18PerBlockRamMemory() throws Exception {
    FpgaTesting.assumeYosys("xilinxInfersOneRamb18PerBlockRamMemory");
    assertEquals(Map.of("RAMB18E1", 2L), blockRams(WeightStorage.BRAM, "xc7a35t", 100));
    assertEquals(Map.of(), blockRams(WeightStorage.LUT, "xc7a35t", 100));
  }
}
