package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The top's {@link InputPort#STREAM} port: random dense networks (u8 and bipolar inputs of any
 * size, so last beats with bits beyond the vector) with random legal foldings, every other one with
 * its input buffer in block RAM ({@link EngineShape#bufferInRam}; a partial last slice), and the tiny
 * examples (one beat, three beats), and random
 * convolutional networks in {@link ConvWindow#LINE} mode, whose first convolution takes pixels from
 * the port: lint-clean, bit-exact with the golden model, measured II and latency equal to the
 * model's, and bit-exact again under random back-pressure on both ports.
 * {@code -Dblitz.rtl.streamNetworks=N} runs N dense and N / 2 conv networks (default 4).
 */
class RtlStreamPortTest {
  static final int NETWORKS = Integer.getInteger("blitz.rtl.streamNetworks", 4);

  /** One bundle (one Verilator build) of every case: dense networks, the tiny examples, line-mode conv networks. */
  @Test
  void denseAndLineModeConvNetworksTakeTheirInputBeatByBeat() throws Exception {
    RtlTesting.assumeVerilator();
    List<Network> networks = new ArrayList<>();
    List<FoldingPlan> plans = new ArrayList<>();
    List<List<InputVector>> vectors = new ArrayList<>();
    int u8 = 0;
    int partialBeat = 0;
    int ramBuffers = 0;
    int partialSlice = 0;
    for (int seed = 0; seed < NETWORKS; seed++) {
      Network network = RandomNetworks.network(3000 + seed);
      // every other network asks for its input buffer in block RAM (taken where a slice is whole beats)
      FoldingPlan plan = RtlRandomNetworksTest.randomPlan(new Random(seed), network).withPort(InputPort.STREAM)
          .withLines(seed % 2 == 0 ? LineStorage.BRAM : LineStorage.REG);
      Engine first = plan.engines().get(0);
      EngineShape shape = EngineShape.of(plan, 0);
      if (shape.bufferInRam()) {
        ramBuffers++;
        partialSlice += shape.piecesInLastSlice() < shape.piecesPerSlice() ? 1 : 0;
      }
      u8 += first.inputKind() == InputKind.U8 ? 1 : 0;
      partialBeat += first.inputs() * first.inputKind().bitsPerElement() % InputPort.BEAT_BITS != 0 ? 1 : 0;
      assertEquals(InputPort.BEAT_BITS, Widths.portWidth(plan), network.name() + ": an 8-bit port");
      networks.add(network);
      plans.add(plan);
      vectors.add(RandomNetworks.vectors(seed, network, 16));
    }
    if (NETWORKS >= 4) {
      assertTrue(u8 > 0 && u8 < NETWORKS && partialBeat > 0, "u8 and bipolar inputs, a partial last beat: " + u8
          + " u8, " + partialBeat + " partial");
      assertTrue(ramBuffers > 0 && partialSlice > 0, "input buffers in block RAM, one with a partial last slice: "
          + ramBuffers + " in RAM, " + partialSlice + " partial");
    }
    for (String example : List.of("tiny", "tiny-u8")) {
      // tiny: 5 bipolar inputs, one beat with 3 bits beyond the vector
      Network network = RtlTesting.example(example);
      networks.add(network);
      plans.add(FoldingPlan.forTarget(network, 4).withPort(InputPort.STREAM));
      vectors.add(RandomNetworks.vectors(11, network, 16));
    }
    for (int seed = 0; seed < Math.max(1, NETWORKS / 2); seed++) {
      Network network = RandomNetworks.convNetwork(500 + seed);
      FoldingPlan plan = RtlRandomNetworksTest.randomPlan(new Random(seed), network).withWindow(ConvWindow.LINE)
          .withPort(InputPort.STREAM);
      Engine first = plan.engines().get(0);
      assertEquals(first.conv().in().channels() * first.inputKind().bitsPerElement(), Widths.portWidth(plan),
          network.name() + ": one pixel per beat");
      networks.add(network);
      plans.add(plan);
      vectors.add(RandomNetworks.vectors(seed, network, 8));
    }
    var measured = RtlTesting.assertBundleBitExact(networks, plans, vectors, 0);
    RtlTesting.assertTimingAsPredicted(networks, plans, measured);
    RtlTesting.assertBundleBitExact(networks, plans, vectors, 0.4);
  }

  @Test
  void aFrameModeFirstConvolutionCannotTakeAStream() {
    Network network = RandomNetworks.convNetwork(500);
    var e = assertThrows(DiagnosticException.class,
        () -> FoldingPlan.forTarget(network, 1000).withPort(InputPort.STREAM));
    assertEquals(ErrorCode.INPUT_PORT, e.diagnostics().get(0).code());
  }
}
