package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.MapShape;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.ModelValidator;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.Padding;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ConvWindow#LINE}: the networks of {@link RtlConvNetworksTest} with pixel-serial links, line
 * buffers and stream max-pools. Random convolutional networks ({@link RandomNetworks#convNetwork}: every padding mode, strides 1
 * and 2, u8 and bipolar images, max-pools, a flatten and a dense tail or none) with random legal
 * foldings: lint-clean, bit-exact with the golden model, measured II and latency equal to the
 * cycle model's ({@link StreamTiming}), and bit-exact again under random back-pressure on both ports.
 * The odd networks keep every line buffer they can in block RAM ({@link LineStorage#BRAM}: window
 * taps in registers, delay lines in a synchronous-read memory; the cycle model does not change with
 * the storage), the even ones where {@link LineStorage#AUTO} puts them.
 * {@code -Dblitz.rtl.lineNetworks=N} runs N networks (default 4).
 */
class RtlLineBufferNetworksTest {
  static final int NETWORKS = Integer.getInteger("blitz.rtl.lineNetworks", 4);

  @Test
  void lineBufferedConvNetworksAreBitExactLintCleanAndMeetTheirII() throws Exception {
    RtlConvNetworksTest.assertConvNetworksRun(NETWORKS, ConvWindow.LINE);
  }

  /**
   * A 4x16x1 bipolar image, conv1 3x3 same +1 to 8 channels and a 2x2 max-pool (its link a queue of
   * a pooled row: 8 entries of 8 bits), conv2 3x3 same -1 to 4 channels (a line buffer with delay
   * lines of 10 - 3 = 7 pixels), flatten, scores 64 -> 3: with {@link LineStorage#BRAM} both the
   * queue and the delay lines are in block RAM, with {@link LineStorage#REG} neither; both
   * bit-exact with and without stalls, lint-clean, and at the II and latency of the one cycle model.
   */
  @Test
  void aDeepLinkAndALineBufferInBlockRamKeepTheirTiming() throws Exception {
    RtlTesting.assumeVerilator();
    Network network = deepLinkNetwork("deep_link_ram");
    Network twin = deepLinkNetwork("deep_link_reg");
    FoldingPlan ram = FoldingPlan.of(network, List.of(), null).withWindow(ConvWindow.LINE).withLines(LineStorage.BRAM);
    FoldingPlan registers = FoldingPlan.of(twin, List.of(), null).withWindow(ConvWindow.LINE).withLines(LineStorage.REG);
    assertEquals(8, TopModule.linkDepth(ram, 0));
    assertTrue(TopModule.linkInRam(ram, 0) && EngineShape.of(ram, 1).stream().inRam());
    assertFalse(TopModule.linkInRam(registers, 0) || EngineShape.of(registers, 1).stream().inRam());
    assertTrue(VerilogDesign.of(network, ram).verilog().contains("q0_mem[q0_rd_next]"), "the queue reads one pop ahead");
    List<Network> networks = List.of(network, twin);
    List<FoldingPlan> plans = List.of(ram, registers);
    List<List<InputVector>> vectors = List.of(RandomNetworks.vectors(3, network, 12), RandomNetworks.vectors(3, twin, 12));
    var measured = RtlTesting.assertBundleBitExact(networks, plans, vectors, 0);
    RtlTesting.assertTimingAsPredicted(networks, plans, measured);
    assertEquals(measured.get(1).latency(), measured.get(0).latency(), "block RAM adds no cycle");
    RtlTesting.assertBundleBitExact(networks, plans, vectors, 0.4);
  }

  /** The network of {@link #aDeepLinkAndALineBufferInBlockRamKeepTheirTiming}, named {@code name}. */
  private static Network deepLinkNetwork(String name) {
    Random random = new Random(21);
    MapShape in = new MapShape(4, 16, 1);
    BitMatrix w1 = RandomNetworks.randomBits(random, 8, 9);
    MapShape pooled = new MapShape(2, 8, 8);
    BitMatrix w2 = RandomNetworks.randomBits(random, 4, 9 * 8);
    BitMatrix w3 = RandomNetworks.randomBits(random, 3, 2 * 8 * 4);
    return ModelValidator.validate(new Model(name, List.of(
        new Node.Input("x", InputKind.BIPOLAR, in.size()),
        new Node.Conv2d("conv1", "x", in, 3, 1, Padding.same(1), w1),
        new Node.Threshold("act1", "conv1", RandomNetworks.randomThresholds(random, w1, InputKind.BIPOLAR)),
        new Node.MaxPool("pool1", "act1", 2),
        new Node.Conv2d("conv2", "pool1", pooled, 3, 1, Padding.same(-1), w2),
        new Node.Threshold("act2", "conv2", RandomNetworks.randomThresholds(random, w2, InputKind.BIPOLAR)),
        new Node.Flatten("flat", "act2"),
        new Node.Scores("out", "flat", w3, List.of(1, 0, -1)))));
  }
}
