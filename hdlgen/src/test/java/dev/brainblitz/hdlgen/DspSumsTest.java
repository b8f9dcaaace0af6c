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

  /** 64 XNOR lanes: levels 1..6 of 32, 16, 8, 4, 2, 1 nodes, 2 to 7 bits wide. */
  private static final AdderTree SIXTY_FOUR = new AdderTree(InputKind.BIPOLAR, 64, 6);

  @Test
  void theNodesOfALevelQualifyWhenTheLevelBelowHasNoRegister() {
    // a register every 4 levels (at level 4): levels 4 and 6 qualify, level 5 would bypass the register
    assertEquals(4, DspSums.eligible(SIXTY_FOUR, 4, 4));
    assertEquals(0, DspSums.eligible(SIXTY_FOUR, 4, 5));
    assertEquals(1, DspSums.eligible(SIXTY_FOUR, 4, 6));
    // levels 2 and 3 are 3 and 4 bits wide: products under 9 bits, which Yosys keeps in LUTs
    assertEquals(0, DspSums.eligible(SIXTY_FOUR, 4, 3));
    // a register every 2 levels (at 2 and 4): level 5 would bypass level 4's, level 6 does not
    assertEquals(0, DspSums.eligible(SIXTY_FOUR, 2, 5));
    assertEquals(1, DspSums.eligible(SIXTY_FOUR, 2, 6));
    // 52 lanes: level 4's nodes over level 2's 13, the last with one grandchild
    assertEquals(3, DspSums.eligible(new AdderTree(InputKind.BIPOLAR, 52, 6), 4, 4));
    // u8 trees sum signed bytes: none
    assertEquals(0, DspSums.eligible(new AdderTree(InputKind.U8, 64, 6), 4, 6));
  }

  @Test
  void theBudgetGoesWhereASliceReplacesTheMostAdderBits() {
    // per node: level 6 replaces 7 + 2 x 6 = 19 bits, level 4 5 + 2 x 4 = 13.
    // Two PEs, three slices: both roots, then one node of level 4.
    DspSums sums = DspSums.allocate(List.of(SIXTY_FOUR), List.of(2), 4, 3).get(0);
    assertEquals(List.of(0, 0, 0, 0, 1, 0, 2, 0), sums.perLevel());
    assertEquals(3, sums.slices());
    assertEquals(13 + 2 * 19, sums.replacedAdderBits(SIXTY_FOUR, 4));
    assertTrue(sums.inDspSlice(SIXTY_FOUR, 4, 4, 0, 0));
    assertTrue(!sums.inDspSlice(SIXTY_FOUR, 4, 4, 0, 1) && !sums.inDspSlice(SIXTY_FOUR, 4, 4, 1, 0));
    assertTrue(sums.inDspSlice(SIXTY_FOUR, 4, 6, 1, 0));
    // a budget larger than the qualifying nodes buys them all and no more
    DspSums all = DspSums.allocate(List.of(SIXTY_FOUR), List.of(2), 4, 1000).get(0);
    assertEquals(List.of(0, 0, 0, 0, 8, 0, 2, 0), all.perLevel());
    // with a register every level no node qualifies; nothing asked, nothing used
    assertEquals(DspSums.NONE, DspSums.allocate(List.of(SIXTY_FOUR), List.of(2), 1, 1000).get(0));
    assertEquals(DspSums.NONE, DspSums.allocate(List.of(SIXTY_FOUR), List.of(2), 4, 0).get(0));
  }

  /** The adder bits the DSP slices of {@code plan} replace, over its engines. */
  private static long replacedAdderBits(FoldingPlan plan) {
    long bits = 0;
    for (int i = 0; i < plan.engines().size(); i++) {
      EngineShape shape = EngineShape.of(plan, i);
      bits += shape.dsp().replacedAdderBits(shape.tree(), plan.levelsPerStage());
    }
    return bits;
  }

  @Test
  void theCostModelCountsTheReplacedAdderBitsAsASavingOnXilinxOnly() {
    Network network = RandomNetworks.mlp("dsp", new Random(3), InputKind.BIPOLAR, new int[] {64, 16, 4}, false);
    FoldingPlan plan = FoldingPlan.forTarget(network, 8);
    FoldingPlan withDsp = plan.withDspAdders(6);
    long replaced = replacedAdderBits(withDsp);
    assertEquals(6, withDsp.dspSlices());
    assertTrue(HardwareReport.render("dsp", withDsp).contains("DSP slices: 6 adder-tree nodes"));
    assertTrue(!HardwareReport.render("dsp", plan).contains("DSP slices:"));
    assertTrue(replaced > 0);
    CostModel.Terms without = CostModel.terms(plan, CostModel.Fabric.XILINX);
    CostModel.Terms with = CostModel.terms(withDsp, CostModel.Fabric.XILINX);
    // the adders stay counted where they were; the saving is its own term, fitted at a negative weight
    assertEquals(without.adderBits(), with.adderBits());
    assertEquals(0, without.dspAdderBits());
    assertEquals(replaced, with.dspAdderBits());
    assertEquals(0, with.dspConstantAdderBits());
    assertTrue(with.lutSum(CostModel.Fabric.XILINX) < without.lutSum(CostModel.Fabric.XILINX));
    // on iCE40 the form would be a multiplier in logic: no saving is counted, the estimate is the same
    assertEquals(0, CostModel.terms(withDsp, CostModel.Fabric.ICE40).dspAdderBits());
    assertEquals(CostModel.terms(plan, CostModel.Fabric.ICE40).cost(CostModel.Fabric.ICE40),
        CostModel.terms(withDsp, CostModel.Fabric.ICE40).cost(CostModel.Fabric.ICE40));
    // at II 1 every weight is a constant: the replaced bits go to the constant-weight saving
    FoldingPlan constants = FoldingPlan.forTarget(network, 1);
    FoldingPlan constantsWithDsp = constants.withDspAdders(6);
    long replacedConstant = replacedAdderBits(constantsWithDsp);
    CostModel.Terms constantTerms = CostModel.terms(constantsWithDsp, CostModel.Fabric.XILINX);
    assertEquals(6, constantsWithDsp.dspSlices());
    assertTrue(replacedConstant > 0);
    assertEquals(0, constantTerms.dspAdderBits());
    assertEquals(replacedConstant, constantTerms.dspConstantAdderBits());
    assertEquals(CostModel.terms(constants, CostModel.Fabric.XILINX).constantAdderBits(), constantTerms.constantAdderBits());
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
    assertTrue(slices >= 10, "the plans sum some nodes in DSP slices: " + slices);
    var measured = RtlTesting.assertBundleBitExact(networks, plans, vectors, 0);
    RtlTesting.assertTimingAsPredicted(networks, plans, measured);
  }
}
