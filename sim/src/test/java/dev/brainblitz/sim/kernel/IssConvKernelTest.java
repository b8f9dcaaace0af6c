package dev.brainblitz.sim.kernel;

import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * golden == ISS for every ISA level on convolutional networks: the conv examples and seeded random
 * conv networks (every padding mode, stride 1 and 2, u8 and bipolar images, 1 to 65 channels).
 * fashion-cnn (about 870k weight bits, tens of seconds on the ISS per level) runs with
 * {@code -Dblitz.slowTests=true}; the other examples always.
 */
class IssConvKernelTest {
  static LongStream seeds() {
    return LongStream.rangeClosed(1, Long.getLong("blitz.convSeeds", 25));
  }

  @ParameterizedTest(name = "random conv network {0}")
  @MethodSource("seeds")
  void randomConvNetworksAgreeWithTheGoldenModel(long seed) {
    Network network = RandomNetworks.convNetwork(seed);
    List<InputVector> vectors = new ArrayList<>(RandomNetworks.vectors(seed, network, 6));
    vectors.addAll(IssKernelTest.extremes(network));
    IssKernelTest.assertAgree(network, vectors);
  }
}
