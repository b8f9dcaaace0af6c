package dev.brainblitz.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.hdlgen.ConvWindow;
import dev.brainblitz.hdlgen.CostModel;
import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.InputPort;
import dev.brainblitz.hdlgen.LineStorage;
import dev.brainblitz.hdlgen.PerformanceModel;
import dev.brainblitz.hdlgen.WeightStorage;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.testing.GoldenFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fit search's candidates and the estimates on a convolutional network (no tool needed). */
class ConvCandidatesTest {
  @Test
  void fashionCnnCandidatesSpanFullyParallelToFullyFolded() {
    Network cnn = ModelFiles.read(GoldenFiles.repoRoot().resolve("examples/models/fashion-cnn.bil"));
    List<FoldingPlan> plans = FitSearch.candidates(cnn, FoldingPlan.DEFAULT_LEVELS_PER_STAGE, WeightStorage.AUTO);
    // The fastest: every conv layer fully parallel per pixel, so its II is the 784 pixels of a 28x28 map.
    assertEquals(784, plans.get(0).initiationInterval());
    // The slowest: every engine one lane, conv2 and conv4 the longest (784 pixels x 288 x 32 = 196 x 576 x 64).
    long slowest = 784L * 288 * 32;
    assertEquals(slowest, PerformanceModel.slowestCycles(plans.get(0).engines().get(1)));
    assertEquals(slowest, plans.get(plans.size() - 1).initiationInterval());
    for (int i = 1; i < plans.size(); i++) {
      assertTrue(plans.get(i).initiationInterval() > plans.get(i - 1).initiationInterval(), "fastest first");
    }
    CostModel.Cost fast = FpgaReport.estimate(plans.get(0), Family.ICE40);
    CostModel.Cost slow = FpgaReport.estimate(plans.get(plans.size() - 1), Family.ICE40);
    assertTrue(fast.luts() > slow.luts(), fast + " vs " + slow);
    // Even fully folded the frame buffers, output maps and links of whole maps (one entry each, as every
    // engine takes many cycles a map) stay: about 30 times a UP5K's 5,280 flip-flops.
    assertTrue(slow.flipFlops() > 150_000, slow.toString());
  }

  /**
   * With line buffers the candidates carry the mode, their II comes from the stream's cycle model
   * (never below the busiest engine's cycles), and even fully folded they hold a fraction of the
   * frame buffers' flip-flops.
   */
  @Test
  void lineWindowCandidatesCarryTheModeAndHoldFarFewerFlipFlops() {
    Network cnn = ModelFiles.read(GoldenFiles.repoRoot().resolve("examples/models/fashion-cnn.bil"));
    List<FoldingPlan> frames = FitSearch.candidates(cnn, FoldingPlan.DEFAULT_LEVELS_PER_STAGE, WeightStorage.AUTO);
    List<FoldingPlan> lines = FitSearch.candidates(cnn, FoldingPlan.DEFAULT_LEVELS_PER_STAGE, WeightStorage.AUTO,
        ConvWindow.LINE);
    for (FoldingPlan plan : lines) {
      assertEquals(ConvWindow.LINE, plan.window());
      assertTrue(plan.initiationInterval() >= PerformanceModel.initiationInterval(plan.engines(), plan.folds()),
          plan.folds().toString());
    }
    CostModel.Cost frame = FpgaReport.estimate(frames.get(frames.size() - 1), Family.ICE40);
    CostModel.Cost line = FpgaReport.estimate(lines.get(lines.size() - 1), Family.ICE40);
    assertTrue(line.flipFlops() * 5 < frame.flipFlops(), line + " vs " + frame);
  }

  /**
   * {@code --fit --buffers bram}: every candidate keeps its line buffers in block RAM, so its
   * estimate counts their blocks and drops their flip-flops against the same folding with
   * {@code auto}.
   */
  @Test
  void candidatesCarryTheLineStorage() {
    Network cnn = ModelFiles.read(GoldenFiles.repoRoot().resolve("examples/models/fashion-cnn.bil"));
    List<FoldingPlan> auto = FitSearch.candidates(cnn, FoldingPlan.DEFAULT_LEVELS_PER_STAGE, WeightStorage.AUTO,
        ConvWindow.LINE, InputPort.STREAM);
    List<FoldingPlan> bram = FitSearch.candidates(cnn, FoldingPlan.DEFAULT_LEVELS_PER_STAGE, WeightStorage.AUTO,
        ConvWindow.LINE, InputPort.STREAM, LineStorage.BRAM);
    assertEquals(auto.size(), bram.size());
    for (int i = 0; i < bram.size(); i++) {
      assertEquals(LineStorage.BRAM, bram.get(i).lines());
      assertEquals(LineStorage.AUTO, auto.get(i).lines());
      assertEquals(auto.get(i).folds(), bram.get(i).folds());
    }
    FoldingPlan slowAuto = auto.get(auto.size() - 1);
    FoldingPlan slowBram = bram.get(bram.size() - 1);
    CostModel.Cost inFlipFlops = FpgaReport.estimate(slowAuto, Family.ICE40);
    CostModel.Cost inBlocks = FpgaReport.estimate(slowBram, Family.ICE40);
    assertTrue(inBlocks.blockRams() > inFlipFlops.blockRams(), inBlocks + " vs " + inFlipFlops);
    assertTrue(inBlocks.flipFlops() < inFlipFlops.flipFlops(), inBlocks + " vs " + inFlipFlops);
  }
}
