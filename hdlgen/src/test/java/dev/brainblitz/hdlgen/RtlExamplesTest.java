package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled examples in Verilator: bit-exact with the golden model, measured II == predicted. */
class RtlExamplesTest {
  @Test
  void tinyFullyFoldedAndFullyParallel() {
    RtlTesting.assumeVerilator();
    Network tiny = RtlTesting.example("tiny");
    var vectors = RandomNetworks.vectors(3, tiny, 40);
    for (FoldingPlan plan : List.of(FoldingPlan.of(tiny, List.of("fc1=1,1", "out=1,1"), null),
        FoldingPlan.forTarget(tiny, 1), FoldingPlan.of(tiny, List.of("fc1=2,3", "out=1,2"), null))) {
      var measured = RtlTesting.assertBitExact(tiny, plan, vectors, RtlTesting.options(plan));
      assertEquals(plan.initiationInterval(), measured.iiMin(), "II of " + plan.folds());
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

  @Test
  void examplesAreLintCleanAtSeveralFoldings() throws Exception {
    RtlTesting.assumeVerilator();
    Verilator verilator = Verilator.find(RtlTesting.WORK);
    var dir = java.nio.file.Files.createDirectories(RtlTesting.WORK.resolve("lint-examples"));
    for (String name : List.of("tiny", "tiny-u8", "mlp784")) {
      Network net = RtlTesting.example(name);
      for (long target : new long[] {1, 64, 100000}) {
        if (name.equals("mlp784") && target == 1) {
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
