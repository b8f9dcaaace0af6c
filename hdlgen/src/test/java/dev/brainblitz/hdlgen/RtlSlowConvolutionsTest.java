package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Slow convolutions in {@link ConvWindow#LINE} mode with {@link LineStorage#BRAM}: delay lines in
 * narrow words ({@link StreamWindow#narrowed}: m pieces of 16 bits per shift, moved in the m cycles
 * after it) and engines that read their slices straight from the taps ({@link EngineShape#readsTaps}).
 * Random convolutional networks with one convolution behind another folded slow (PE 1, a few SIMD
 * lanes), every other engine at a random legal folding, chosen so that all three forms occur: narrow
 * with an input buffer, narrow read from the taps, wide read from the taps. Lint-clean, bit-exact
 * with the golden model, measured II and latency equal to the cycle model's ({@link StreamTiming},
 * which steps {@code lstep} and lets a tap reader's line buffer shift only when it is free), and
 * bit-exact again under random back-pressure on both ports. {@code -Dblitz.rtl.slowNetworks=N}
 * runs N networks (default 4, at least 3).
 */
class RtlSlowConvolutionsTest {
  static final int NETWORKS = Math.max(3, Integer.getInteger("blitz.rtl.slowNetworks", 4));
  /** The slowest network the test simulates, in cycles per image. */
  static final long MAX_CYCLES = 60_000;

  @Test
  void narrowDelayLinesAndTapReadersAreBitExactAndMeetThePredictedTiming() throws Exception {
    RtlTesting.assumeVerilator();
    List<Network> networks = new ArrayList<>();
    List<FoldingPlan> plans = new ArrayList<>();
    List<List<InputVector>> vectors = new ArrayList<>();
    // networks per form: narrow with an input buffer, narrow reading the taps, wide reading the taps
    int[] forms = new int[3];
    for (long seed = 9000; networks.size() < NETWORKS && seed < 12000; seed++) {
      Network network = RandomNetworks.convNetwork(seed);
      Random random = new Random(seed);
      List<Engine> engines = Engine.of(network);
      int slow = -1;
      for (int i = 1; i < engines.size() && slow < 0; i++) {
        if (engines.get(i).isConv() && engines.get(i - 1).isConv()) {
          slow = i;
        }
      }
      if (slow < 0) {
        continue;
      }
      Engine conv = engines.get(slow);
      List<Fold> folds = new ArrayList<>();
      for (int i = 0; i < engines.size(); i++) {
        folds.add(i == slow ? new Fold(1, 1 + random.nextInt(Math.min(4, conv.inputs())))
            : RtlRandomNetworksTest.randomFold(random, engines.get(i)));
      }
      FoldingPlan plan = new FoldingPlan(engines, folds, 1 + random.nextInt(FoldingPlan.DEFAULT_LEVELS_PER_STAGE),
          WeightStorage.AUTO).withWindow(ConvWindow.LINE).withLines(LineStorage.BRAM);
      EngineShape shape = EngineShape.of(plan, slow);
      StreamWindow lines = shape.stream();
      int form = lines.narrow() ? (shape.readsTaps() ? 1 : 0) : shape.readsTaps() ? 2 : -1;
      if (form < 0 || plan.initiationInterval() > MAX_CYCLES || forms[form] >= NETWORKS / 3 + (form < NETWORKS % 3 ? 1 : 0)) {
        continue;
      }
      String verilog = VerilogDesign.of(network, plan).verilog();
      assertEquals(lines.narrow(), verilog.contains("lq <= lmem[lraddr];") && verilog.contains(") && lready;"),
          network.name() + ": the narrow memory and the shift's wait");
      assertEquals(shape.readsTaps(), verilog.contains("the engine reads input fold sf of the window straight from the"
          + " line buffer's taps"), network.name());
      forms[form]++;
      networks.add(network);
      plans.add(plan);
      vectors.add(RandomNetworks.vectors(seed, network, 6));
    }
    assertEquals(NETWORKS, networks.size(), "enough conv networks with slow convolutions among the seeds");
    assertTrue(forms[0] > 0 && forms[1] > 0 && forms[2] > 0, "every form: " + Arrays.toString(forms));
    var measured = RtlTesting.assertBundleBitExact(networks, plans, vectors, 0);
    RtlTesting.assertTimingAsPredicted(networks, plans, measured);
    RtlTesting.assertBundleBitExact(networks, plans, vectors, 0.4);
  }

  /**
   * fashion-cnn at 16 lanes per convolution: conv2, conv3 and conv4 go narrow (4, 4 and 8 pieces
   * per shift: 27 x 64, 13 x 64 and 13 x 128 bits of delay lines in one block each instead of 4, 4
   * and 8), and read their slices from the taps; at II 2,000 (about 2 cycles per padded pixel of
   * conv2) they stay wide and keep their input buffers.
   */
  @Test
  void fashionCnnsSlowConvolutionsKeepTheirDelayLinesInOneBlockEach() {
    Network network = RtlTesting.example("fashion-cnn");
    FoldingPlan fast = FoldingPlan.forTarget(network, 2000).withWindow(ConvWindow.LINE).withLines(LineStorage.BRAM);
    List<Fold> folds = new ArrayList<>(fast.folds());
    for (int i = 0; i < 4; i++) {
      folds.set(i, new Fold(1, i == 0 ? 9 : 16));
    }
    FoldingPlan slow = new FoldingPlan(fast.engines(), folds, fast.levelsPerStage(), WeightStorage.AUTO)
        .withWindow(ConvWindow.LINE).withLines(LineStorage.BRAM);
    int[] pieces = {0, 4, 4, 8};
    for (int i = 1; i < 4; i++) {
      String name = slow.engines().get(i).name();
      StreamWindow lines = EngineShape.of(slow, i).stream();
      assertEquals(pieces[i], lines.pieces(), name);
      assertEquals(1, CostModel.blockRams((long) lines.delay() * lines.pieces(), StreamWindow.PIECE_BITS,
          CostModel.Fabric.ICE40, true), name);
      assertEquals(pieces[i], CostModel.blockRams(lines.delay(), lines.wordBits(), CostModel.Fabric.ICE40, true), name);
      assertTrue(EngineShape.of(slow, i).readsTaps(), name + " reads its taps");
      assertFalse(EngineShape.of(fast, i).stream().narrow(), "a fast " + name + " stays wide");
      assertFalse(EngineShape.of(fast, i).readsTaps(), "a fast " + name + " keeps its input buffer");
      assertTrue(EngineShape.of(fast, i).stream().inRam(), name + " in block RAM");
    }
  }
}
