package dev.brainblitz.ir.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.ConvLayer;
import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Layer;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.Padding;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine's packed convolutions, OR-pooling and flatten against the golden model's literal loops,
 * on random convolutional networks: same scores and same class through every entry point.
 */
class ConvEquivalenceTest {
  static final int NETWORKS = 240;

  static LongStream seeds() {
    return LongStream.range(0, NETWORKS);
  }

  @ParameterizedTest(name = "conv network {0}")
  @MethodSource("seeds")
  void engineMatchesGolden(long seed) {
    Network network = RandomNetworks.convNetwork(seed);
    List<String> mismatches = new ArrayList<>();
    FastEngineEquivalenceTest.compare(network, FastEngineEquivalenceTest.vectorsFor(seed, network), mismatches);
    assertEquals(List.of(), mismatches);
  }

  /** What the random networks exercise, so a change of generator cannot silently weaken the test above. */
  @Test
  void randomNetworksCoverEveryMode() {
    int u8 = 0;
    int bipolar = 0;
    int valid = 0;
    int samePlus = 0;
    int sameMinus = 0;
    int sameByte = 0;
    int stride2 = 0;
    int pools = 0;
    int wideChannels = 0;
    int oddChannels = 0;
    int le = 0;
    int deep = 0;
    for (long seed = 0; seed < NETWORKS; seed++) {
      Network network = RandomNetworks.convNetwork(seed);
      if (network.input().kind() == InputKind.U8) {
        u8++;
      } else {
        bipolar++;
      }
      int convs = 0;
      for (Layer layer : network.layers()) {
        pools += layer.kind() == Layer.Kind.MAXPOOL ? 1 : 0;
        if (layer instanceof ConvLayer conv) {
          convs++;
          Padding padding = conv.conv().padding();
          if (padding.mode() == Padding.Mode.VALID) {
            valid++;
          } else if (conv.inputKind() == InputKind.U8) {
            sameByte++;
          } else if (padding.value() > 0) {
            samePlus++;
          } else {
            sameMinus++;
          }
          stride2 += conv.conv().stride() == 2 ? 1 : 0;
          wideChannels += conv.in().channels() > 64 || conv.out().channels() > 64 ? 1 : 0;
          oddChannels += conv.out().channels() % 32 != 0 ? 1 : 0;
          var table = conv.threshold().table();
          for (int j = 0; j < table.neurons(); j++) {
            le += table.direction(j) == Direction.LE ? 1 : 0;
          }
        }
      }
      deep += convs >= 2 ? 1 : 0;
    }
    String counts = "u8 " + u8 + ", bipolar " + bipolar + ", valid " + valid + ", same +1 " + samePlus + ", same -1 "
        + sameMinus + ", same byte " + sameByte + ", stride 2 " + stride2 + ", pools " + pools + ", >64 channels "
        + wideChannels + ", channels % 32 != 0 " + oddChannels + ", le " + le + ", deep " + deep;
    assertTrue(u8 >= 80 && bipolar >= 80, counts);
    assertTrue(valid >= 50 && samePlus >= 30 && sameMinus >= 30 && sameByte >= 30, counts);
    assertTrue(stride2 >= 30 && pools >= 30 && wideChannels >= 30 && oddChannels >= 200, counts);
    assertTrue(le >= 500 && deep >= 80, counts);
  }
}
