package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.random.RandomNetworks;
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
}
