package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.exec.ExecutorUnavailableException;
import dev.brainblitz.ir.random.RandomNetworks;
import dev.brainblitz.ir.testing.GoldenFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Generation without a simulator: golden files, determinism, the analytical model, folding errors. */
class VerilogGenerationTest {
  @Test
  void tinyMatchesItsGoldenFiles() {
    Network tiny = RtlTesting.example("tiny");
    VerilogDesign design = VerilogDesign.of(tiny, FoldingPlan.of(tiny, List.of("fc1=1,2", "out=2,3"), null));
    GoldenFiles.assertMatches("hdlgen/src/test/resources/golden/tiny_top.v", design.verilog());
    assertEquals(List.of("tiny_fc1_weights.hex"), List.copyOf(design.memoryFiles().keySet()));
    GoldenFiles.assertMatches("hdlgen/src/test/resources/golden/tiny_fc1_weights.hex",
        design.memoryFiles().get("tiny_fc1_weights.hex"));
    GoldenFiles.assertMatches("hdlgen/src/test/resources/golden/tiny_harness.cpp", design.harness());
    GoldenFiles.assertMatches("hdlgen/src/test/resources/golden/tiny_Makefile", design.makefile());
    GoldenFiles.assertMatches("hdlgen/src/test/resources/golden/tiny_report.txt",
        HardwareReport.render(tiny.name(), design.plan()));
  }

  /** A small convolutional network (same +1 padding, a max-pool, no dense tail) as golden Verilog. */
  @Test
  void smallConvNetworkMatchesItsGoldenFile() {
    Network conv = RandomNetworks.convNetwork(CONV_GOLDEN_SEED);
    VerilogDesign design = VerilogDesign.of(conv, FoldingPlan.forTarget(conv, 16));
    GoldenFiles.assertMatches("hdlgen/src/test/resources/golden/conv_top.v", design.verilog());
    GoldenFiles.assertMatches("hdlgen/src/test/resources/golden/conv_report.txt",
        HardwareReport.render(conv.name(), design.plan()));
  }

  static final long CONV_GOLDEN_SEED = 3;

  /**
   * fashion-cnn's engines: one per conv2d and dense layer and the scores, the max-pools joined to the
   * convolution before them; cycles = output pixels * SF * NF, the II the maximum.
   */
  @Test
  void convCyclesArePixelsTimesFolds() {
    Network cnn = RtlTesting.example("fashion-cnn");
    FoldingPlan plan = FoldingPlan.of(cnn, List.of("conv1=32,9", "conv2=4,288", "conv3=8,96", "conv4=16,576",
        "fc1=8,392", "out=10,256"), null);
    List<Engine> engines = plan.engines();
    assertEquals(List.of("conv1", "conv2", "conv3", "conv4", "fc1", "out"), engines.stream().map(Engine::name).toList());
    assertEquals(List.of(List.of(), List.of(2), List.of(), List.of(2), List.of(), List.of()),
        engines.stream().map(Engine::pools).toList());
    assertEquals(List.of(9, 288, 288, 576, 3136, 256), engines.stream().map(Engine::inputs).toList());
    assertEquals(List.of(784, 784, 196, 196, 1, 1), engines.stream().map(Engine::pixels).toList());
    assertEquals(List.of(784 * 32, 14 * 14 * 32, 14 * 14 * 64, 7 * 7 * 64, 256, 10),
        engines.stream().map(Engine::linkSize).toList());
    // conv1: 784 pixels x 1 x 1; conv2: 784 x 1 x 8; conv3: 196 x 3 x 8; conv4: 196 x 1 x 4; fc1: 8 x 32.
    assertEquals(List.of(784L, 6272L, 4704L, 784L, 256L, 1L), engines.stream()
        .map(e -> PerformanceModel.cycles(e, plan.fold(engines.indexOf(e)))).toList());
    assertEquals(6272, plan.initiationInterval());
    assertEquals(784L * 288 * 32, PerformanceModel.macs(engines.get(1)));
    // The cheapest folding within 6272 cycles keeps every conv layer's pixels: at most 8 folds per pixel.
    FoldingPlan target = FoldingPlan.forTarget(cnn, 6272);
    assertEquals(6272, target.initiationInterval());
    assertEquals(new Fold(4, 288), target.fold(1));
    // Below the pixel count nothing is fast enough: the layer is fully parallel per pixel.
    assertEquals(new Fold(32, 288), FoldingPlan.cheapest(engines.get(1), 100));
  }

  /**
   * Without folds or a target, a conv model gets 8 cycles per output pixel of its largest
   * convolution (fashion-cnn: 8 x 784 = 6272), a dense model the fixed 64.
   */
  @Test
  void defaultTargetScalesWithTheLargestConvolution() {
    Network cnn = RtlTesting.example("fashion-cnn");
    assertEquals(6272, FoldingPlan.defaultTarget(Engine.of(cnn)));
    FoldingPlan plan = FoldingPlan.of(cnn, List.of(), null);
    assertEquals(FoldingPlan.forTarget(cnn, 6272).folds(), plan.folds());
    assertEquals(6272, plan.initiationInterval());
    Network tiny = RtlTesting.example("tiny");
    assertEquals(64, FoldingPlan.defaultTarget(Engine.of(tiny)));
    assertEquals(FoldingPlan.forTarget(tiny, 64).folds(), FoldingPlan.of(tiny, List.of(), null).folds());
  }

  @Test
  void outputIsDeterministic() {
    for (long seed = 0; seed < 20; seed++) {
      Network a = RandomNetworks.network(seed);
      Network b = RandomNetworks.network(seed);
      assertEquals(VerilogDesign.of(a, FoldingPlan.forTarget(a, 37)).files(),
          VerilogDesign.of(b, FoldingPlan.forTarget(b, 37)).files());
    }
  }

  @Test
  void cyclesAreTheProductOfFoldsAndIiTheMaximum() {
    Network mlp = RtlTesting.example("mlp784");
    FoldingPlan plan = FoldingPlan.of(mlp, List.of("fc1=16,196", "fc2=16,64", "out=10,16"), null);
    assertEquals(List.of(64L, 64L, 16L), plan.engines().stream()
        .map(e -> PerformanceModel.cycles(e, plan.fold(e.index()))).toList());
    assertEquals(64, plan.initiationInterval());
    // SIMD 196 and 64 have 8 and 6 adder levels: one pipeline register each (every 4 levels);
    // SIMD 16 has 4 levels and none. Each engine adds cycles + stages + 1 (its link FIFO); the
    // argmax over 10 classes adds its 4 stages.
    assertEquals(List.of(1, 1, 0), List.of(plan.pipelineStages(0), plan.pipelineStages(1), plan.pipelineStages(2)));
    assertEquals(4, PerformanceModel.argmaxStages(10));
    assertEquals((64 + 1 + 1) + (64 + 1 + 1) + (16 + 0 + 1) + 4, plan.latency());
    assertEquals((64 + 7 + 1) + (64 + 5 + 1) + (16 + 3 + 1) + 4, plan.withLevelsPerStage(1).latency());
    // Padding: 784 / 100 -> 8 input folds, 256 / 3 -> 86 neuron folds.
    assertEquals(8L * 86, PerformanceModel.cycles(plan.engines().get(0), new Fold(3, 100)));
  }

  @Test
  void targetCyclesGivesTheCheapestFoldingWithinTheTarget() {
    for (long seed = 0; seed < 30; seed++) {
      Network n = RandomNetworks.network(seed);
      for (long target : new long[] {1, 2, 7, 64, 1000}) {
        FoldingPlan plan = FoldingPlan.forTarget(n, target);
        assertTrue(plan.initiationInterval() <= target, n.name() + " target " + target);
        for (Engine e : plan.engines()) {
          Fold chosen = plan.fold(e.index());
          for (int pe = 1; pe <= e.outputs(); pe++) {
            for (int simd = 1; simd <= e.inputs(); simd++) {
              if (PerformanceModel.cycles(e, new Fold(pe, simd)) <= target) {
                assertTrue((long) pe * simd >= (long) chosen.pe() * chosen.simd(), e + " " + pe + "," + simd);
                break;
              }
            }
          }
        }
      }
    }
  }

  @Test
  void pipelineStagesSitEveryKAdderLevelsButNeverAfterTheRoot() {
    // levels = ceil(log2 SIMD); stages = floor((levels - 1) / K)
    int[][] rows = { // simd, K, levels, stages
        {1, 4, 0, 0}, {2, 4, 1, 0}, {16, 4, 4, 0}, {17, 4, 5, 1}, {256, 4, 8, 1}, {257, 4, 9, 2},
        {784, 4, 10, 2}, {784, 1, 10, 9}, {784, 3, 10, 3}, {3, 1, 2, 1}, {128, 2, 7, 3}};
    for (int[] r : rows) {
      Fold f = new Fold(1, r[0]);
      assertEquals(r[2], PerformanceModel.adderLevels(f), "levels of SIMD " + r[0]);
      assertEquals(r[3], PerformanceModel.pipelineStages(f, r[1]), "stages of SIMD " + r[0] + " every " + r[1]);
    }
  }

  @Test
  void adderTreeNodesHoldTheirSumsExactly() {
    var bipolar = AdderTree.of(new Engine("x", 0, dev.brainblitz.ir.InputKind.BIPOLAR, 784, 1, false), new Fold(1, 784));
    assertEquals(List.of(784, 392, 196, 98, 49, 25, 13, 7, 4, 2, 1),
        java.util.stream.IntStream.rangeClosed(0, 10).map(bipolar::count).boxed().toList());
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10),
        java.util.stream.IntStream.rangeClosed(0, 10).map(bipolar::width).boxed().toList());
    var u8 = AdderTree.of(new Engine("x", 0, dev.brainblitz.ir.InputKind.U8, 3, 1, false), new Fold(1, 3));
    assertEquals(List.of(9, 10, 11), List.of(u8.width(0), u8.width(1), u8.width(2))); // +-255, +-510, +-765
  }

  @Test
  void badPipelineLevelsAreAClearError() {
    Network tiny = RtlTesting.example("tiny");
    assertCode(ErrorCode.PIPELINE_LEVELS, () -> FoldingPlan.forTarget(tiny, 4).withLevelsPerStage(0), "at least 1");
  }

  @Test
  void unspecifiedLayersKeepUpWithTheGivenFolds() {
    Network mlp = RtlTesting.example("mlp784");
    FoldingPlan plan = FoldingPlan.of(mlp, List.of("fc1=16,196"), null);
    assertEquals(64, plan.initiationInterval());
  }

  @Test
  void badFoldingsAreClearErrors() {
    Network tiny = RtlTesting.example("tiny");
    assertCode(ErrorCode.FOLD_SYNTAX, () -> FoldingPlan.of(tiny, List.of("fc1=1"), null), "LAYER=PE,SIMD");
    assertCode(ErrorCode.FOLD_SYNTAX, () -> FoldingPlan.of(tiny, List.of("fc1=a,b"), null), "integers");
    assertCode(ErrorCode.FOLD_SYNTAX, () -> FoldingPlan.of(tiny, List.of("fc9=1,1"), null), "fc1, out");
    assertCode(ErrorCode.FOLD_RANGE, () -> FoldingPlan.of(tiny, List.of("fc1=4,1"), null), "PE must be in [1, 3]");
    assertCode(ErrorCode.FOLD_RANGE, () -> FoldingPlan.of(tiny, List.of("out=1,6"), null), "SIMD in [1, 3]");
    assertCode(ErrorCode.FOLD_RANGE, () -> FoldingPlan.of(tiny, List.of("out=0,1"), null), "at least 1");
    assertCode(ErrorCode.FOLD_TARGET, () -> FoldingPlan.forTarget(tiny, 0), "at least 1");
  }

  @Test
  void missingVerilatorNamesThePackage() {
    var e = assertThrows(ExecutorUnavailableException.class,
        () -> Verilator.find("/nonexistent/verilator", Path.of("target", "unused")));
    assertTrue(e.getMessage().contains("install the Debian package verilator"), e.getMessage());
  }

  private static void assertCode(ErrorCode code, Runnable action, String fragment) {
    var e = assertThrows(DiagnosticException.class, action::run);
    assertEquals(code, e.diagnostics().get(0).code());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }
}
