package dev.brainblitz.sim.kernel;

import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * golden == ISS for every ISA level on convolutional networks: the conv examples and seeded random
 * conv networks (every padding mode, stride 1 and 2, u8 and bipolar images, 1 to 65 channels; u8
 * windows of more than 32 bytes by bit planes in chunks: seeds 9, 11 and 79).
 * fashion-cnn (about 870k weight bits; about 2 s per vector on the five targets) runs on 2 random
 * and the 2 extreme vectors; {@code -Dblitz.convSeeds=N} runs more random networks (default 25).
 */
class IssConvKernelTest {
  static LongStream seeds() {
    return LongStream.rangeClosed(1, Long.getLong("blitz.convSeeds", 25));
  }

  @Test
  void fashionCnnAgreesWithTheGoldenModel() {
    Network network = IssKernelTest.example("fashion-cnn");
    List<InputVector> vectors = new ArrayList<>(RandomNetworks.vectors(7, network, 2));
    vectors.addAll(IssKernelTest.extremes(network));
    IssKernelTest.assertAgree(network, vectors);
  }

  /**
   * Seeds beyond the default range whose first layer is a u8 conv2d with stride 2: same 255, 0 and
   * 168 borders, valid, windows of 8 to 297 bytes (bit planes and add/sub).
   */
  @ParameterizedTest(name = "u8 stride-2 conv network {0}")
  @ValueSource(longs = {27, 32, 42, 46, 51, 79, 92})
  void strideTwoOnU8ImagesAgreesWithTheGoldenModel(long seed) {
    randomConvNetworksAgreeWithTheGoldenModel(seed);
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
