package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Adder-tree nodes summed in DSP slices: which nodes the budget buys (hand-computed), and random
 * networks with random foldings and budgets lint-clean, bit-exact with the golden model and on
 * their predicted II and latency.
 */
class DspSumsTest {

  /** 16 XNOR lanes: levels 1..4 of 8, 4, 2, 1 nodes, 2, 3, 4 and 5 bits wide. */
  private static final AdderTree SIXTEEN = new AdderTree(InputKind.BIPOLAR, 16, 4);

  @Test
  void theNodesOfALevelQualifyWhenTheLevelBelowHasNoRegister() {
    // no register in the tree: every level from 2 on, its nodes with at least three grandchildren
    assertEquals(4, DspSums.eligible(SIXTEEN, 4, 2));
    assertEquals(2, DspSums.eligible(SIXTEEN, 4, 3));
    assertEquals(1, DspSums.eligible(SIXTEEN, 4, 4));
    assertEquals(0, DspSums.eligible(SIXTEEN, 4, 1));
    // a register at level 2: level 3 would bypass it
    assertEquals(0, DspSums.eligible(SIXTEEN, 2, 3));
    assertEquals(1, DspSums.eligible(SIXTEEN, 2, 4));
    // 13 lanes: level 2 has 4 nodes over 13 leaves, the last with one grandchild
    assertEquals(3, DspSums.eligible(new AdderTree(InputKind.BIPOLAR, 13, 4), 4, 2));
    // u8 trees sum signed bytes: none
    assertEquals(0, DspSums.eligible(new AdderTree(InputKind.U8, 16, 4), 4, 4));
  }

  @Test
  void theBudgetGoesWhereASliceReplacesTheMostAdderBits() {
    // per node: level 4 replaces 5 + 2 x 4 = 13 bits, level 3 4 + 2 x 3 = 10, level 2 3 + 2 x 2 = 7.
    // Two PEs, three slices: both roots, then level 3 is next to level 4, so one node of level 2.
    DspSums sums = DspSums.allocate(List.of(SIXTEEN), List.of(2), 4, 3).get(0);
    assertEquals(List.of(0, 0, 1, 0, 2, 0), sums.perLevel());
    assertEquals(3, sums.slices());
    assertEquals(7 + 2 * 13, sums.replacedAdderBits(SIXTEEN, 4));
    assertTrue(sums.at(SIXTEEN, 4, 2, 0, 0));
    assertTrue(!sums.at(SIXTEEN, 4, 2, 0, 1) && !sums.at(SIXTEEN, 4, 2, 1, 0));
    assertTrue(sums.at(SIXTEEN, 4, 4, 1, 0));
    // a budget larger than the qualifying nodes buys them all and no more
    DspSums all = DspSums.allocate(List.of(SIXTEEN), List.of(2), 4, 1000).get(0);
    assertEquals(List.of(0, 0, 8, 0, 2, 0), all.perLevel());
    // nothing asked, nothing used
    assertEquals(DspSums.NONE, DspSums.allocate(List.of(SIXTEEN), List.of(2), 4, 0).get(0));
  }

  @Test
  void theCostModelCountsTheReplacedAdderBitsOut() {
    Network network = RandomNetworks.mlp("dsp", new Random(3), InputKind.BIPOLAR, new int[] {64, 16, 4}, false);
    FoldingPlan plan = FoldingPlan.forTarget(network, 8);
    FoldingPlan withDsp = plan.withDspAdders(6);
    long replaced = 0;
    for (int i = 0; i < plan.engines().size(); i++) {
      replaced += EngineShape.of(withDsp, i).dsp().replacedAdderBits(EngineShape.of(withDsp, i).tree(), plan.levelsPerStage());
    }
    assertEquals(6, withDsp.dspSlices());
    assertTrue(replaced > 0);
    assertEquals(CostModel.terms(plan, CostModel.Fabric.XILINX).adderBits() - replaced,
        CostModel.terms(withDsp, CostModel.Fabric.XILINX).adderBits());
  }

  @Test
  void randomNetworksWithDspSumsAreBitExactAndMeetTheirII() throws Exception {
    RtlTesting.assumeVerilator();
    List<Network> networks = new ArrayList<>();
    List<FoldingPlan> plans = new ArrayList<>();
    List<List<dev.brainblitz.ir.InputVector>> vectors = new ArrayList<>();
    long slices = 0;
    for (int seed = 0; seed < 12; seed++) {
      Network network = RandomNetworks.network(3000 + seed);
      Random random = new Random(seed);
      FoldingPlan plan = RtlRandomNetworksTest.randomPlan(random, network).withDspAdders(1 + random.nextInt(40));
      slices += plan.dspSlices();
      networks.add(network);
      plans.add(plan);
      vectors.add(RandomNetworks.vectors(seed, network, 24));
    }
    assertTrue(slices >= 20, "the plans sum some nodes in DSP slices: " + slices);
    var measured = RtlTesting.assertBundleBitExact(networks, plans, vectors, 0);
    RtlTesting.assertTimingAsPredicted(networks, plans, measured);
  }
}
