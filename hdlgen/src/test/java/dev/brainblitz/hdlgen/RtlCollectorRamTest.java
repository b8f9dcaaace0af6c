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
 * A dense engine behind a flatten in {@link ConvWindow#LINE} mode with its input buffer in block
 * RAM ({@link EngineShape#bufferInRam}, {@link EngineShape#collects}): no line buffer and no
 * buffer register, the pixels written into one bank of the memory while the engine reads the
 * other. Random convolutional networks with a dense tail, the collecting engine folded to 1, 2 or 3
 * pixels per slice (so slices of one pixel, slices of several, and a last slice with fewer pixels
 * than the others), every other engine at a random legal folding: lint-clean, bit-exact with the
 * golden model, measured II and latency equal to {@link StreamTiming}'s (which does not know about
 * the memory: the timing is the register form's), and bit-exact again under random back-pressure.
 */
class RtlCollectorRamTest {
  static final int NETWORKS = Integer.getInteger("blitz.rtl.collectorNetworks", 6);

  @Test
  void aCollectorWritingIntoTwoBanksKeepsTheTimingOfItsLineBuffer() throws Exception {
    RtlTesting.assumeVerilator();
    List<Network> networks = new ArrayList<>();
    List<FoldingPlan> plans = new ArrayList<>();
    List<List<InputVector>> vectors = new ArrayList<>();
    int[] perSliceSeen = new int[4];
    int partialLastSlice = 0;
    for (long seed = 7000; networks.size() < NETWORKS && seed < 7400; seed++) {
      Network network = RandomNetworks.convNetwork(seed);
      Random random = new Random(seed);
      List<Engine> engines = Engine.of(network);
      int collector = -1;
      for (int i = 1; i < engines.size(); i++) {
        if (!engines.get(i).isConv() && engines.get(i - 1).isConv()) {
          collector = i;
        }
      }
      if (collector < 0) {
        continue;
      }
      Engine dense = engines.get(collector);
      var map = engines.get(collector - 1).linkMap();
      int pixelBits = map.channels() * dense.inputKind().bitsPerElement();
      int pixelsPerSlice = 1 + networks.size() % 3;
      int simd = pixelsPerSlice * pixelBits;
      if (map.height() * map.width() <= pixelsPerSlice || simd > dense.inputs()) {
        continue;
      }
      List<Fold> folds = new ArrayList<>();
      for (int i = 0; i < engines.size(); i++) {
        folds.add(i == collector ? new Fold(1 + random.nextInt(dense.outputs()), simd)
            : RtlRandomNetworksTest.randomFold(random, engines.get(i)));
      }
      FoldingPlan plan = new FoldingPlan(engines, folds, 1 + random.nextInt(FoldingPlan.DEFAULT_LEVELS_PER_STAGE),
          WeightStorage.AUTO).withWindow(ConvWindow.LINE).withLines(LineStorage.BRAM);
      EngineShape shape = EngineShape.of(plan, collector);
      assertTrue(shape.collects() && shape.bufferInRam(), network.name() + ": the collector's buffer is in block RAM");
      assertEquals(pixelsPerSlice, shape.piecesPerSlice());
      String verilog = VerilogDesign.of(network, plan).verilog();
      assertTrue(verilog.contains("xmem[{xbank_write, xword}] <= xmem_word;"), "pixels go to the bank being filled");
      assertTrue(verilog.contains("slice <= xmem[{~xbank_write, sf_next}];"), "the engine reads the other bank");
      perSliceSeen[pixelsPerSlice]++;
      partialLastSlice += shape.piecesInLastSlice() < pixelsPerSlice ? 1 : 0;
      networks.add(network);
      plans.add(plan);
      vectors.add(RandomNetworks.vectors(seed, network, 10));
    }
    assertEquals(NETWORKS, networks.size(), "enough conv networks with a dense tail among the seeds");
    assertTrue(perSliceSeen[1] > 0 && perSliceSeen[2] > 0 && perSliceSeen[3] > 0 && partialLastSlice > 0,
        "slices of 1, 2 and 3 pixels and a partial last slice");
    var measured = RtlTesting.assertBundleBitExact(networks, plans, vectors, 0);
    RtlTesting.assertTimingAsPredicted(networks, plans, measured);
    RtlTesting.assertBundleBitExact(networks, plans, vectors, 0.4);
  }

  /** {@link LineStorage#REG} keeps the line buffer, and a slice that splits a pixel keeps it too. */
  @Test
  void registersAndSplitPixelsKeepTheLineBuffer() {
    Network network = RtlTesting.example("fashion-cnn");
    FoldingPlan plan = FoldingPlan.forTarget(network, 20000).withWindow(ConvWindow.LINE);
    List<Engine> engines = plan.engines();
    int fc1 = engines.size() - 2;
    List<Fold> pixelSlices = new ArrayList<>(plan.folds());
    pixelSlices.set(fc1, new Fold(1, 64));
    FoldingPlan ram = new FoldingPlan(engines, pixelSlices, plan.levelsPerStage(), WeightStorage.SPRAM)
        .withWindow(ConvWindow.LINE);
    assertTrue(EngineShape.of(ram, fc1).bufferInRam(), "auto: 2 x 49 slices of 64 bits");
    assertEquals(4, CostModel.blockRams(EngineShape.of(ram, fc1).bufferWords(), 64, CostModel.Fabric.ICE40, true));
    assertFalse(EngineShape.of(ram.withLines(LineStorage.REG), fc1).bufferInRam());
    List<Fold> split = new ArrayList<>(plan.folds());
    split.set(fc1, new Fold(2, 32));
    assertFalse(EngineShape.of(new FoldingPlan(engines, split, plan.levelsPerStage(), WeightStorage.SPRAM)
        .withWindow(ConvWindow.LINE).withLines(LineStorage.BRAM), fc1).bufferInRam(), "32 of a pixel's 64 bits");
  }
}
