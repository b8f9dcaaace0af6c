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
}
