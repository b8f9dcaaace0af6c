package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.ConvLayer;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Layer;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Random convolutional networks ({@link RandomNetworks#convNetwork}: every padding mode, strides 1
 * and 2, u8 and bipolar images, max-pools, a flatten and a dense tail or none) with random legal
 * foldings: lint-clean, bit-exact with the golden model, measured II and latency equal to the
 * analytical model's, and bit-exact again under random back-pressure on both ports.
 * {@code -Dblitz.rtl.convNetworks=N} runs N networks (default 8).
 */
class RtlConvNetworksTest {
  static final int NETWORKS = Integer.getInteger("blitz.rtl.convNetworks", 8);

  @Test
  void randomConvNetworksAreBitExactLintCleanAndMeetTheirII() throws Exception {
    assertConvNetworksRun(NETWORKS, ConvWindow.FRAME);
  }

  /** The line buffers of {@code plan} that keep their delay lines in block RAM. */
  static long lineBuffersInRam(FoldingPlan plan) {
    long count = 0;
    for (int i = 0; i < plan.engines().size(); i++) {
      StreamWindow s = EngineShape.of(plan, i).stream();
      count += s != null && s.inRam() ? 1 : 0;
    }
    return count;
  }

  /**
   * Random conv networks 0 to {@code count - 1}, in bundles of 4, with random plans in {@code window}
   * mode: bit-exact, II and latency as predicted, bit-exact with 40% stalls; from 30 networks on,
   * also every padding mode, a stride and a pool among them. In {@link ConvWindow#LINE} the odd
   * networks put every line buffer they can in block RAM ({@link LineStorage#BRAM}), the even ones
   * where {@link LineStorage#AUTO} puts them; from 2 networks on, some line buffer must be in block RAM.
   */
  static void assertConvNetworksRun(int count, ConvWindow window) throws Exception {
    RtlTesting.assumeVerilator();
    var paddings = new TreeSet<String>();
    int strided = 0;
    int pooled = 0;
    long ramBuffers = 0;
    int bundle = 4;
    for (int first = 0; first < count; first += bundle) {
      List<Network> networks = new ArrayList<>();
      List<FoldingPlan> plans = new ArrayList<>();
      List<List<InputVector>> vectors = new ArrayList<>();
      for (int seed = first; seed < Math.min(count, first + bundle); seed++) {
        Network network = RandomNetworks.convNetwork(seed);
        for (Layer layer : network.layers()) {
          if (layer instanceof ConvLayer conv) {
            paddings.add(conv.conv().padding().mode() + (conv.inputKind() == InputKind.U8 ? " byte"
                : conv.conv().padding().value() > 0 ? " +1" : conv.conv().padding().value() < 0 ? " -1" : ""));
            strided += conv.conv().stride() > 1 ? 1 : 0;
          }
          pooled += layer.kind() == Layer.Kind.MAXPOOL ? 1 : 0;
        }
        networks.add(network);
        LineStorage lines = seed % 2 == 1 ? LineStorage.BRAM : LineStorage.AUTO;
        plans.add(RtlRandomNetworksTest.randomPlan(new Random(seed), network).withWindow(window).withLines(lines));
        vectors.add(RandomNetworks.vectors(seed, network, 12));
      }
      ramBuffers += plans.stream().mapToLong(RtlConvNetworksTest::lineBuffersInRam).sum();
      var measured = RtlTesting.assertBundleBitExact(networks, plans, vectors, 0);
      RtlTesting.assertTimingAsPredicted(networks, plans, measured);
      RtlTesting.assertBundleBitExact(networks, plans, vectors, 0.4);
    }
    System.out.println("conv networks (" + window.name().toLowerCase(java.util.Locale.ROOT) + " windows): " + count
        + ", paddings " + paddings + ", strided convolutions " + strided + ", max-pools " + pooled
        + (window == ConvWindow.LINE ? ", line buffers in block RAM " + ramBuffers : ""));
    if (window == ConvWindow.LINE && count >= 2) {
      assertTrue(ramBuffers > 0, "no line buffer in block RAM");
    }
    if (count >= 30) {
      assertTrue(paddings.size() >= 4 && strided > 0 && pooled > 0, "every padding mode, strides and pools: " + paddings
          + ", " + strided + " strided, " + pooled + " pools");
    }
  }
}
