package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.Metric;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The bundled examples in Verilator: bit-exact with the golden model, measured II == predicted. */
class RtlExamplesTest {
  @Test
  void tinyFullyFoldedAndFullyParallel() {
    RtlTesting.assumeVerilator();
    Network tiny = RtlTesting.example("tiny");
    var vectors = RandomNetworks.vectors(3, tiny, 40);
    FoldingPlan folded = FoldingPlan.of(tiny, List.of("fc1=1,1", "out=1,1"), null);
    FoldingPlan between = FoldingPlan.of(tiny, List.of("fc1=2,3", "out=1,2"), null);
    for (FoldingPlan plan : List.of(folded, FoldingPlan.forTarget(tiny, 1), between,
        folded.withWeights(WeightStorage.BRAM), between.withWeights(WeightStorage.BRAM))) {
      var measured = RtlTesting.assertBitExact(tiny, plan, vectors, RtlTesting.options(plan));
      assertEquals(plan.initiationInterval(), measured.iiMin(), "II of " + plan.folds() + " " + plan.weights());
      assertEquals(plan.initiationInterval(), measured.iiMax(), "II of " + plan.folds());
      assertEquals(plan.latency(), measured.latency(), "latency of " + plan.folds());
    }
  }

  @Test
  void tinyU8() {
    RtlTesting.assumeVerilator();
    Network net = RtlTesting.example("tiny-u8");
    var vectors = RandomNetworks.vectors(4, net, 40);
    FoldingPlan plan = FoldingPlan.forTarget(net, 4);
    var measured = RtlTesting.assertBitExact(net, plan, vectors, RtlTesting.options(plan));
    assertEquals(plan.initiationInterval(), measured.iiMin());
    assertEquals(plan.initiationInterval(), measured.iiMax());
    assertEquals(plan.latency(), measured.latency());
  }

  /**
   * Deep adder trees: mlp784 with a 784-byte u8 tree (10 levels) and 256-bit XNOR trees (8 levels),
   * pipelined every 4 levels (2 and 1 registers) and every level (9 and 7 registers).
   */
  @Test
  void mlp784DeepTreesArePipelinedAndStillMeetIiAndLatency() {
    RtlTesting.assumeVerilator();
    Network mlp = RtlTesting.example("mlp784");
    var vectors = RandomNetworks.vectors(11, mlp, 24);
    FoldingPlan deep = FoldingPlan.of(mlp, List.of("fc1=2,784", "fc2=2,256", "out=1,256"), null);
    for (FoldingPlan plan : List.of(deep, deep.withLevelsPerStage(1))) {
      var measured = RtlTesting.assertBitExact(mlp, plan, vectors, RtlTesting.options(plan));
      String what = "levels per stage " + plan.levelsPerStage();
      assertEquals(plan.levelsPerStage() == 1 ? List.of(9, 7, 7) : List.of(2, 1, 1),
          List.of(plan.pipelineStages(0), plan.pipelineStages(1), plan.pipelineStages(2)), what);
      assertEquals(128, plan.initiationInterval());
      assertEquals(plan.initiationInterval(), measured.iiMin(), what);
      assertEquals(plan.initiationInterval(), measured.iiMax(), what);
      assertEquals(plan.latency(), measured.latency(), what);
    }
  }

  /**
   * fashion-cnn (four convolutions, two max-pools, a flatten and a dense tail) at II 6272: bit-exact,
   * measured II and latency equal to the model's. Opt-in ({@code -Dblitz.rtl.fashionCnn=true}): its
   * Verilator build takes minutes.
   */
  @Test
  void fashionCnnMeetsItsIiAndLatency() {
    Assumptions.assumeTrue(Boolean.getBoolean("blitz.rtl.fashionCnn"),
        "SKIPPED: fashion-cnn in Verilator is slow; run with -Dblitz.rtl.fashionCnn=true");
    RtlTesting.assumeVerilator();
    Network cnn = RtlTesting.example("fashion-cnn");
    FoldingPlan plan = FoldingPlan.forTarget(cnn, 6272);
    assertEquals(6272, plan.initiationInterval());
    var measured = RtlTesting.assertBitExact(cnn, plan, RandomNetworks.vectors(12, cnn, 6), RtlTesting.options(plan));
    assertEquals(plan.initiationInterval(), measured.iiMin());
    assertEquals(plan.initiationInterval(), measured.iiMax());
    assertEquals(plan.latency(), measured.latency());
  }

  /**
   * fashion-cnn-up5k at the UP5K folding of README (line buffers in block RAM, the stream port):
   * bit-exact with the golden model, measured II and latency equal to the cycle model's, also with
   * back-pressure (docs/fpga.md has its place-and-route figures).
   */
  @Test
  void fashionCnnUp5kMeetsItsIiAndLatencyAtItsUp5kFolding() {
    RtlTesting.assumeVerilator();
    Network cnn = RtlTesting.example("fashion-cnn-up5k");
    FoldingPlan plan = FoldingPlan.of(cnn, List.of("conv1=1,1", "conv2=1,12", "conv3=1,12", "conv4=1,24", "fc1=1,24",
        "out=1,1"), null).withWindow(ConvWindow.LINE).withPort(InputPort.STREAM).withLines(LineStorage.BRAM);
    assertEquals(87_847, plan.initiationInterval());
    var measured = RtlTesting.assertBitExact(cnn, plan, RandomNetworks.vectors(13, cnn, 3), RtlTesting.options(plan));
    assertEquals(plan.initiationInterval(), measured.iiMin());
    assertEquals(plan.initiationInterval(), measured.iiMax());
    assertEquals(plan.latency(), measured.latency());
    var stalled = RtlTesting.rtlOptions(plan).withStalls(new StallRates(0.3, 0.3), 5);
    RtlTesting.assertBitExact(cnn, plan, RandomNetworks.vectors(14, cnn, 2), RtlTesting.options(stalled));
  }

  /** Batches through one executor: the metrics cover the whole run, not the last batch. */
  @Test
  void metricsAggregateOverBatches() {
    RtlTesting.assumeVerilator();
    Network tiny = RtlTesting.example("tiny");
    FoldingPlan plan = FoldingPlan.of(tiny, List.of("fc1=1,2", "out=2,3"), null);
    try (var rtl = (RtlExecutorProvider.RtlExecutor) new RtlExecutorProvider().create("rtl", tiny, RtlTesting.options(plan))) {
      long cycles = 0;
      int[] sizes = {30, 1, 17};
      dev.brainblitz.ir.exec.ExecutionReport report = null;
      for (int i = 0; i < sizes.length; i++) {
        report = rtl.run(RandomNetworks.vectors(20 + i, tiny, sizes[i]));
        cycles += rtl.lastMeasured().cycles();
      }
      var totals = rtl.totals();
      assertEquals(48, totals.vectors());
      assertEquals(cycles, totals.cycles());
      assertEquals(plan.latency(), totals.firstLatency());
      assertEquals(plan.initiationInterval(), totals.iiMin());
      assertEquals(plan.initiationInterval(), totals.iiMax());
      var metrics = report.metrics();
      assertEquals(Metric.of("II", Metric.Unit.CYCLES, 9).predicted(9), metrics.get(0));
      // 9 + 1 (fc1 and its link) + 1 + 1 (out and its link) + 1 (the argmax stage over 2 classes)
      assertEquals(Metric.of("latency", Metric.Unit.CYCLES, 13).predicted(13), metrics.get(1));
      assertEquals(Metric.of("simulated", Metric.Unit.CYCLES, cycles), metrics.get(2));
      assertEquals(List.of("II", "latency", "simulated", "build", "simulation", "binary alone"),
          metrics.stream().map(Metric::key).toList());
    }
  }

  @Test
  void examplesAreLintCleanAtSeveralFoldings() throws Exception {
    RtlTesting.assumeVerilator();
    Verilator verilator = Verilator.find(RtlTesting.WORK);
    var dir = java.nio.file.Files.createDirectories(RtlTesting.WORK.resolve("lint-examples"));
    for (String name : List.of("tiny", "tiny-u8", "mlp784", "fashion-cnn")) {
      Network net = RtlTesting.example(name);
      for (long target : new long[] {1, 64, 6272, 100000}) {
        if (name.equals("mlp784") && target == 1 || name.equals("fashion-cnn") != (target == 6272)) {
          continue;
        }
        VerilogDesign design = VerilogDesign.of(net, FoldingPlan.forTarget(net, target));
        var file = dir.resolve(design.verilogFileName());
        java.nio.file.Files.writeString(file, design.verilog());
        assertEquals("", verilator.lint(file), name + " at target " + target);
      }
    }
  }
}
