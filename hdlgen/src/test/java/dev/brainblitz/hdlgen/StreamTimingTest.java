package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link StreamTiming}'s fast-forward over quiet cycles changes no cycle of the model. */
class StreamTimingTest {

  /**
   * 100 random conv networks with random foldings, the ones Verilator checks in
   * {@link RtlLineBufferNetworksTest}: every image accepted and every result delivered in the same
   * cycle with and without stepping over quiet stretches.
   */
  @Test
  void fastForwardGivesTheCyclesOfTheCycleByCycleModel() {
    int fastForwarded = 0;
    for (int seed = 0; seed < 100; seed++) {
      Network network = RandomNetworks.convNetwork(seed);
      FoldingPlan plan = RtlRandomNetworksTest.randomPlan(new Random(seed), network).withWindow(ConvWindow.LINE);
      int frames = StreamTiming.frames(plan);
      StreamTiming slow = StreamTiming.simulate(plan, frames, false);
      StreamTiming fast = StreamTiming.simulate(plan, frames, true);
      assertEquals(slow, fast, network.name() + " folded " + plan.folds());
      fastForwarded += slow.initiationInterval() > 100 ? 1 : 0;
    }
    assertTrue(fastForwarded >= 10, "networks with long pixels, where quiet stretches exist: " + fastForwarded);
  }
}
