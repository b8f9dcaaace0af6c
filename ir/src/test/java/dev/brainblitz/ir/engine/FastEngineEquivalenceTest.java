package dev.brainblitz.ir.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.DenseLayer;
import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fast engine against the golden model: same scores and same class, bit for bit. */
class FastEngineEquivalenceTest {
  private static final int NETWORKS = 1000;
  private static final int RANDOM_VECTORS = 6;

  @Test
  void matchesGoldenOnAThousandRandomNetworks() {
    List<String> mismatches = new ArrayList<>();
    Coverage coverage = new Coverage();
    for (long seed = 0; seed < NETWORKS; seed++) {
      Network network = RandomNetworks.network(seed);
      coverage.record(network);
      compare(network, vectorsFor(seed, network), mismatches);
    }
    assertEquals(List.of(), mismatches.subList(0, Math.min(10, mismatches.size())),
        mismatches.size() + " mismatches");
    coverage.assertComplete();
  }

  /** Widths around word boundaries, both input kinds, with and without hidden layers. */
  static Stream<Arguments> boundaryShapes() {
    List<Arguments> shapes = new ArrayList<>();
    int[] widths = {1, 2, 31, 32, 33, 63, 64, 65, 127, 128, 129, 200};
    for (InputKind kind : InputKind.values()) {
      for (int width : widths) {
        shapes.add(Arguments.of(kind, new int[] {width, 3}));
        shapes.add(Arguments.of(kind, new int[] {width, 65, 5}));
        shapes.add(Arguments.of(kind, new int[] {width, width, 63, 10}));
      }
    }
    shapes.add(Arguments.of(InputKind.U8, new int[] {784, 256, 256, 10}));
    return shapes.stream();
  }

  @ParameterizedTest
  @MethodSource("boundaryShapes")
  void matchesGoldenAtWordBoundaries(InputKind kind, int[] sizes) {
    long seed = Arrays.hashCode(sizes) * 31L + kind.ordinal();
    Network network = RandomNetworks.mlp("shape", new Random(seed), kind, sizes, true);
    List<String> mismatches = new ArrayList<>();
    compare(network, vectorsFor(seed, network), mismatches);
    assertEquals(List.of(), mismatches);
  }

  /** Random vectors plus the extremes: every element at its minimum, every element at its maximum. */
  static List<InputVector> vectorsFor(long seed, Network network) {
    List<InputVector> vectors = new ArrayList<>(RandomNetworks.vectors(seed, network, RANDOM_VECTORS));
    InputKind kind = network.input().kind();
    int[] low = new int[network.inputSize()];
    int[] high = new int[network.inputSize()];
    Arrays.fill(high, kind.maxElement());
    vectors.add(InputVector.of(kind, low));
    vectors.add(InputVector.of(kind, high));
    return vectors;
  }

  /** Runs every vector through the golden model and through each entry point of the engine. */
  static void compare(Network network, List<InputVector> vectors, List<String> mismatches) {
    GoldenModel golden = new GoldenModel(network);
    FastEngine engine = FastEngine.compile(network);
    int[] batchClasses = new int[vectors.size()];
    int[][] batchScores = new int[vectors.size()][network.classes()];
    if (network.input().kind() == InputKind.U8) {
      engine.inferBatch(vectors.stream().map(InputVector::bytes).toArray(byte[][]::new), batchClasses, batchScores);
    } else {
      engine.inferBatch(vectors.stream().map(InputVector::packedWords).toArray(int[][]::new), batchClasses, batchScores);
    }
    for (int v = 0; v < vectors.size(); v++) {
      InferenceResult expected = golden.infer(vectors.get(v));
      InferenceResult single = engine.infer(vectors.get(v));
      InferenceResult batch = InferenceResult.reported(batchScores[v], batchClasses[v]);
      if (!expected.equals(single) || !expected.equals(batch)) {
        mismatches.add(network.name() + " vector " + v + ": golden " + expected + ", engine " + single
            + ", batch " + batch);
      }
    }
  }

  /** Counts what the random networks exercised, so a change of generator cannot silently weaken the test. */
  private static final class Coverage {
    int bipolarInputs;
    int u8Inputs;
    int withoutHiddenLayers;
    int u8WithoutHiddenLayers;
    int deep;
    int lessOrEqualThresholds;
    int widthsNotMultipleOf64;
    int widthsNotMultipleOf32;
    int withBias;

    void record(Network network) {
      if (network.input().kind() == InputKind.U8) {
        u8Inputs++;
        u8WithoutHiddenLayers += network.layers().isEmpty() ? 1 : 0;
      } else {
        bipolarInputs++;
      }
      withoutHiddenLayers += network.layers().isEmpty() ? 1 : 0;
      deep += network.layers().size() >= 2 ? 1 : 0;
      withBias += network.scores().hasBias() ? 1 : 0;
      widthsNotMultipleOf64 += network.inputSize() % 64 != 0 ? 1 : 0;
      widthsNotMultipleOf32 += network.inputSize() % 32 != 0 ? 1 : 0;
      for (var layer : network.layers()) {
        var table = ((DenseLayer) layer).threshold().table();
        for (int j = 0; j < table.neurons(); j++) {
          lessOrEqualThresholds += table.direction(j) == Direction.LE ? 1 : 0;
        }
        widthsNotMultipleOf64 += layer.outputs() % 64 != 0 ? 1 : 0;
      }
    }

    void assertComplete() {
      String counts = "bipolar " + bipolarInputs + ", u8 " + u8Inputs + ", no hidden " + withoutHiddenLayers
          + ", u8 without hidden " + u8WithoutHiddenLayers + ", deep " + deep + ", le " + lessOrEqualThresholds
          + ", width % 64 != 0: " + widthsNotMultipleOf64 + ", width % 32 != 0: " + widthsNotMultipleOf32
          + ", biased " + withBias;
      assertTrue(bipolarInputs >= 100 && u8Inputs >= 100, counts);
      assertTrue(withoutHiddenLayers >= 50 && u8WithoutHiddenLayers >= 20 && deep >= 100, counts);
      assertTrue(lessOrEqualThresholds >= 1000, counts);
      assertTrue(widthsNotMultipleOf64 >= 500 && widthsNotMultipleOf32 >= 300, counts);
      assertTrue(withBias >= 100, counts);
    }
  }
}
