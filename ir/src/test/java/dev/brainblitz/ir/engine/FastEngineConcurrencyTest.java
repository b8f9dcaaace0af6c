package dev.brainblitz.ir.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One engine shared by several threads gives every thread the golden results. */
class FastEngineConcurrencyTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 40;

  @ParameterizedTest
  @EnumSource(InputKind.class)
  void threadsSharingOneEngineGetTheGoldenResults(InputKind kind) throws Exception {
    Network network = RandomNetworks.mlp("shared", new Random(17), kind, new int[] {301, 130, 67, 10}, true);
    FastEngine engine = FastEngine.compile(network);
    List<InputVector> vectors = RandomNetworks.vectors(5, network, 64);
    GoldenModel golden = new GoldenModel(network);
    List<InferenceResult> expected = vectors.stream().map(golden::infer).toList();

    CountDownLatch start = new CountDownLatch(1);
    List<Callable<List<String>>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      workers.add(() -> {
        start.await();
        List<String> mismatches = new ArrayList<>();
        int[] scores = new int[engine.classes()];
        for (int round = 0; round < ROUNDS; round++) {
          // Each thread walks the vectors from a different place, so threads work on different inputs at once.
          for (int k = 0; k < vectors.size(); k++) {
            int v = (k + 7 * thread + round) % vectors.size();
            InputVector vector = vectors.get(v);
            int predicted = kind == InputKind.U8
                ? engine.infer(vector.bytes(), scores)
                : engine.infer(vector.packedWords(), scores);
            InferenceResult actual = InferenceResult.reported(scores, predicted);
            if (!actual.equals(expected.get(v))) {
              mismatches.add("thread " + thread + " vector " + v + ": " + actual + ", golden " + expected.get(v));
            }
          }
        }
        return mismatches;
      });
    }
    ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<List<String>>> futures = new ArrayList<>();
      for (Callable<List<String>> worker : workers) {
        futures.add(pool.submit(worker));
      }
      start.countDown();
      List<String> mismatches = new ArrayList<>();
      for (Future<List<String>> future : futures) {
        mismatches.addAll(future.get());
      }
      assertEquals(List.of(), mismatches);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aScratchPerThreadPassedExplicitlyWorksToo() throws Exception {
    Network network = RandomNetworks.mlp("explicit", new Random(23), InputKind.U8, new int[] {100, 40, 4}, false);
    FastEngine engine = FastEngine.compile(network);
    List<InputVector> vectors = RandomNetworks.vectors(9, network, 32);
    GoldenModel golden = new GoldenModel(network);
    List<Thread> threads = new ArrayList<>();
    List<String> mismatches = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 4; t++) {
      Thread thread = new Thread(() -> {
        Scratch scratch = engine.newScratch();
        int[] scores = new int[engine.classes()];
        for (int round = 0; round < 50; round++) {
          for (InputVector vector : vectors) {
            int predicted = engine.infer(vector.bytes(), scores, scratch);
            if (!InferenceResult.reported(scores, predicted).equals(golden.infer(vector))) {
              mismatches.add(vector.toString());
            }
          }
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertEquals(List.of(), mismatches);
  }
}
