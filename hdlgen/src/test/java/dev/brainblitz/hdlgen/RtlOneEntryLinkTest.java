package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * One-entry links at their tightest: every engine takes exactly two cycles a vector, so each link
 * gets a beat every other cycle and its reader takes one every other cycle. The RTL must still run at
 * II 2 with the predicted latency, bit-exact with the golden model, and lose nothing under stalls.
 */
class RtlOneEntryLinkTest {
  /** 8-6-4-3, folded so that fc1 (PE 3: 2 neuron folds), fc2 (PE 2) and the scores (SIMD 2) take 2 cycles. */
  static final List<String> TWO_CYCLES = List.of("fc1=3,8", "fc2=2,6", "out=3,2");

  @Test
  void enginesOfTwoCyclesKeepIiTwoThroughOneEntryLinks() {
    RtlTesting.assumeVerilator();
    for (InputKind kind : InputKind.values()) {
      Network net = RandomNetworks.mlp("two_cycles_" + kind.name().toLowerCase(java.util.Locale.ROOT),
          new Random(11), kind, new int[] {8, 6, 4, 3}, true);
      FoldingPlan plan = FoldingPlan.of(net, TWO_CYCLES, null);
      for (int i = 0; i < plan.engines().size(); i++) {
        assertEquals(2, PerformanceModel.cycles(plan.engines().get(i), plan.fold(i)), "engine " + i);
        assertEquals(1, TopModule.linkDepth(plan, i), "link " + i);
      }
      assertEquals(2, plan.initiationInterval());
      var vectors = RandomNetworks.vectors(3, net, 60);
      var measured = RtlTesting.assertBitExact(net, plan, vectors, RtlTesting.options(RtlTesting.rtlOptions(plan)));
      assertEquals(2, measured.iiMin(), net.name() + ": II");
      assertEquals(2, measured.iiMax(), net.name() + ": II");
      assertEquals(plan.latency(), measured.latency(), net.name() + ": latency");
      RtlTesting.assertBitExact(net, plan, vectors, RtlTesting.options(RtlTesting.rtlOptions(plan)
          .withStalls(new StallRates(0.4, 0.4), 5)));
    }
  }
}
