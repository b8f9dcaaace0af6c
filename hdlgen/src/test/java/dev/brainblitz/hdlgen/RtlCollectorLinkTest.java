package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The link from a pooling convolution to a dense engine behind a flatten in {@link ConvWindow#LINE}
 * mode is a 2-entry FIFO instead of a pooled row when the dense engine keeps up
 * ({@link TopModule#collectorKeepsUp}); the claim is that a deeper link would never fill, so the
 * cycle model's II and latency must be those of the deep link exactly, and the RTL must be bit-exact
 * with the golden model and meet that timing, also under back-pressure.
 */
class RtlCollectorLinkTest {
  /** The slowest network the test simulates, in cycles per image. */
  static final long MAX_CYCLES = 40_000;

  @Test
  void aDenseEngineThatKeepsUpGetsATwoEntryLinkAtNoCostInCycles() throws Exception {
    RtlTesting.assumeVerilator();
    List<Network> networks = new ArrayList<>();
    List<FoldingPlan> plans = new ArrayList<>();
    List<List<InputVector>> vectors = new ArrayList<>();
    for (long seed = 20_000; networks.size() < 3 && seed < 23_000; seed++) {
      Network network = RandomNetworks.convNetwork(seed);
      List<Engine> engines = Engine.of(network);
      int link = -1;
      for (int i = 0; i + 1 < engines.size(); i++) {
        if (engines.get(i).isConv() && !engines.get(i).pools().isEmpty() && !engines.get(i + 1).isConv()) {
          link = i;
        }
      }
      if (link < 0) {
        continue;
      }
      Random random = new Random(seed);
      List<Fold> folds = new ArrayList<>();
      for (int i = 0; i < engines.size(); i++) {
        Engine e = engines.get(i);
        // the pooling convolution slow, the dense engine behind it fast: the rule's case
        folds.add(i == link ? new Fold(1, 1 + random.nextInt(Math.min(3, e.inputs())))
            : i == link + 1 ? new Fold(e.outputs(), e.inputs()) : RtlRandomNetworksTest.randomFold(random, e));
      }
      FoldingPlan plan = new FoldingPlan(engines, folds, 1 + random.nextInt(FoldingPlan.DEFAULT_LEVELS_PER_STAGE),
          WeightStorage.AUTO).withWindow(ConvWindow.LINE);
      if (!TopModule.collectorKeepsUp(plan, link) || engines.get(link).linkMap().width() <= Widths.LINK_DEPTH
          || plan.initiationInterval() > MAX_CYCLES) {
        continue;
      }
      assertEquals(Widths.LINK_DEPTH, TopModule.linkDepth(plan, link), network.name());
      assertTimingOfDeepLink(plan, link, network.name());
      networks.add(network);
      plans.add(plan);
      vectors.add(RandomNetworks.vectors(seed, network, 6));
    }
    assertEquals(3, networks.size(), "enough conv networks whose dense engine keeps up among the seeds");
    var measured = RtlTesting.assertBundleBitExact(networks, plans, vectors, 0);
    RtlTesting.assertTimingAsPredicted(networks, plans, measured);
    RtlTesting.assertBundleBitExact(networks, plans, vectors, 0.4);
  }

  /**
   * fashion-cnn's slow UP5K folding: fc1 (12,544 issues per map) finishes long before conv4 (2,304
   * issues per pixel) can hand on the next map's first pooled pixel 16 output pixels after the last,
   * so its link is 2 entries (of 64 bits, in flip-flops) where the 7-entry queue took 4 blocks of
   * block RAM; conv3 is not a collector and keeps conv2's pooled row. At the default target fc1 is
   * too slow for the rule and its link stays a pooled row.
   */
  @Test
  void fashionCnnsSlowFc1TakesItsPixelsThroughATwoEntryLink() {
    Network network = RtlTesting.example("fashion-cnn");
    FoldingPlan fast = FoldingPlan.forTarget(network, FoldingPlan.defaultTarget(Engine.of(network))).withWindow(ConvWindow.LINE)
        .withLines(LineStorage.BRAM);
    int[] simd = {9, 16, 16, 16, 64, 1};
    List<Fold> folds = new ArrayList<>();
    for (int s : simd) {
      folds.add(new Fold(1, s));
    }
    FoldingPlan slow = new FoldingPlan(fast.engines(), folds, fast.levelsPerStage(), WeightStorage.AUTO)
        .withWindow(ConvWindow.LINE).withLines(LineStorage.BRAM);
    assertEquals(Widths.LINK_DEPTH, TopModule.linkDepth(slow, 3));
    assertFalse(TopModule.linkInRam(slow, 3));
    assertEquals(14, TopModule.linkDepth(slow, 1));
    assertTrue(TopModule.linkInRam(slow, 1));
    assertTimingOfDeepLink(slow, 3, "fashion-cnn");
    assertFalse(TopModule.collectorKeepsUp(fast, 3));
    assertEquals(7, TopModule.linkDepth(fast, 3));
  }

  /** The cycle model gives the same cycles with link {@code link} a pooled row deep. */
  private static void assertTimingOfDeepLink(FoldingPlan plan, int link, String name) {
    int[] depths = StreamTiming.linkDepths(plan);
    depths[link] = Math.max(Widths.LINK_DEPTH, plan.engines().get(link).linkMap().width());
    int frames = StreamTiming.frames(plan);
    StreamTiming deep = StreamTiming.simulate(plan, frames, true, depths);
    StreamTiming shallow = StreamTiming.of(plan);
    assertEquals(deep.delivered(), shallow.delivered(), name + ": results at the same cycles");
    assertEquals(deep.accepted(), shallow.accepted(), name + ": images taken at the same cycles");
  }
}
