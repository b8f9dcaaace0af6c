package dev.brainblitz.ir.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The batch path (blocks of inputs sharing each weight load, shares of the batch on several
 * threads) against the golden model, on random networks and batch sizes that leave partial blocks
 * and uneven shares: every result equal, whatever the thread count.
 */
class FastEngineBatchTest {
  static LongStream seeds() {
    return LongStream.range(0, 40);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void batchesEqualTheGoldenModelOnAnyThreadCount(long seed) {
    batchesEqualTheGoldenModel(seed, RandomNetworks.network(seed));
  }

  /** Convolutional fronts run per input, then the dense layers in blocks: the same results. */
  @ParameterizedTest
  @MethodSource("seeds")
  void convolutionalBatchesEqualTheGoldenModelOnAnyThreadCount(long seed) {
    batchesEqualTheGoldenModel(seed, RandomNetworks.convNetwork(seed));
  }

  private static void batchesEqualTheGoldenModel(long seed, Network network) {
    FastEngine engine = FastEngine.compile(network);
    GoldenModel golden = new GoldenModel(network);
    int count = new Random(seed).nextInt(23);
    List<InputVector> vectors = RandomNetworks.vectors(seed + 1000, network, count);
    List<InferenceResult> expected = vectors.stream().map(golden::infer).toList();
    for (int threads : new int[] {1, 2, 3, 5}) {
      int[] classes = new int[count];
      int[][] scores = new int[count][network.classes()];
      if (network.input().kind() == InputKind.U8) {
        engine.inferBatch(vectors.stream().map(InputVector::bytes).toArray(byte[][]::new), classes, scores, threads);
      } else {
        engine.inferBatch(vectors.stream().map(InputVector::packedWords).toArray(int[][]::new), classes, scores, threads);
      }
      for (int i = 0; i < count; i++) {
        assertArrayEquals(expected.get(i).scores(), scores[i], "seed " + seed + ", " + threads + " threads, vector " + i);
        assertEquals(expected.get(i).predictedClass(), classes[i], "seed " + seed + ", " + threads + " threads, vector " + i);
      }
    }
  }

  @Test
  void theExecutorGivesTheSameResultsOnOneAndOnSeveralThreads() {
    Network network = RandomNetworks.network(7);
    List<InputVector> vectors = RandomNetworks.vectors(8, network, 1001);
    var provider = new EngineExecutorProvider();
    try (var one = provider.create("engine", network, ExecutorOptions.DEFAULTS.with(new EngineOptions(1)));
        var four = provider.create("engine", network, ExecutorOptions.DEFAULTS.with(new EngineOptions(4)))) {
      assertEquals(one.run(vectors).results(), four.run(vectors).results());
    }
  }

  @Test
  void threadsBelowOneAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new EngineOptions(0));
    Network network = RandomNetworks.network(3);
    FastEngine engine = FastEngine.compile(network);
    var vectors = RandomNetworks.vectors(4, network, 8);
    assertThrows(IllegalArgumentException.class, () -> {
      if (network.input().kind() == InputKind.U8) {
        engine.inferBatch(vectors.stream().map(InputVector::bytes).toArray(byte[][]::new), new int[8], null, 0);
      } else {
        engine.inferBatch(vectors.stream().map(InputVector::packedWords).toArray(int[][]::new), new int[8], null, 0);
      }
    });
  }
}
