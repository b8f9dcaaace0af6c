package dev.brainblitz.cli;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.engine.FastEngine;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.Arrays;
import java.util.List;

/**
 * A quick timing of the fast engine on one thread, warmed up, for {@code blitz bench} and the
 * demo: latency at batch 1 (median of repeated rounds) and time per inference at batch 256. It is
 * a sanity figure, not a substitute for the JMH benchmark in {@code bench/}.
 */
final class EngineTiming {
  record Result(double batch1Micros, double batch256Micros, double goldenMicros, int rounds) {}

  private EngineTiming() {}

  static Result measure(Network network, double seconds, long seed) {
    FastEngine engine = FastEngine.compile(network);
    List<InputVector> vectors = RandomNetworks.vectors(seed, network, 256);
    boolean bytes = network.input().kind() == InputKind.U8;
    byte[][] pixels = new byte[vectors.size()][];
    int[][] words = new int[vectors.size()][];
    for (int i = 0; i < vectors.size(); i++) {
      if (bytes) {
        pixels[i] = vectors.get(i).bytes();
      } else {
        words[i] = vectors.get(i).packedWords();
      }
    }
    int[] scores = new int[network.classes()];
    int[] classes = new int[vectors.size()];
    int[][] batchScores = new int[vectors.size()][network.classes()];
    long sink = 0;

    // Warm-up: a quarter of the time, both entry points, so the JIT has compiled the hot loops.
    long warmEnd = System.nanoTime() + (long) (seconds / 4 * 1e9);
    while (System.nanoTime() < warmEnd) {
      for (int i = 0; i < vectors.size(); i++) {
        sink += bytes ? engine.infer(pixels[i], scores) : engine.infer(words[i], scores);
      }
      if (bytes) {
        engine.inferBatch(pixels, classes, batchScores);
      } else {
        engine.inferBatch(words, classes, batchScores);
      }
    }
    // Batch 1: rounds of 256 single inferences; the median round resists outliers.
    long measureEnd = System.nanoTime() + (long) (seconds / 4 * 1e9);
    double[] rounds = new double[100_000];
    int count = 0;
    while (System.nanoTime() < measureEnd && count < rounds.length) {
      long start = System.nanoTime();
      for (int i = 0; i < vectors.size(); i++) {
        sink += bytes ? engine.infer(pixels[i], scores) : engine.infer(words[i], scores);
      }
      rounds[count++] = (System.nanoTime() - start) / 1e3 / vectors.size();
    }
    double[] measured = Arrays.copyOf(rounds, count);
    Arrays.sort(measured);
    double batch1 = measured[count / 2];
    // Batch 256: whole batches through the batch API.
    long batchEnd = System.nanoTime() + (long) (seconds / 6 * 1e9);
    long batches = 0;
    long batchStart = System.nanoTime();
    while (System.nanoTime() < batchEnd) {
      if (bytes) {
        engine.inferBatch(pixels, classes, batchScores);
      } else {
        engine.inferBatch(words, classes, batchScores);
      }
      sink += classes[0];
      batches++;
    }
    double batch256 = (System.nanoTime() - batchStart) / 1e3 / (batches * vectors.size());
    // The golden model, for the ratio: warmed up and timed like the engine, in a sixth of the time each.
    var golden = new GoldenModel(network);
    long goldenWarmEnd = System.nanoTime() + (long) (seconds / 6 * 1e9);
    int next = 0;
    while (System.nanoTime() < goldenWarmEnd) {
      sink += golden.infer(vectors.get(next++ % vectors.size())).predictedClass();
    }
    long goldenEnd = System.nanoTime() + (long) (seconds / 6 * 1e9);
    long goldenStart = System.nanoTime();
    int goldenCount = 0;
    do {
      sink += golden.infer(vectors.get(goldenCount++ % vectors.size())).predictedClass();
    } while (System.nanoTime() < goldenEnd);
    double goldenMicros = (System.nanoTime() - goldenStart) / 1e3 / goldenCount;
    if (sink == Long.MIN_VALUE) {
      System.err.print(""); // keeps the results alive for the JIT
    }
    return new Result(batch1, batch256, goldenMicros, count);
  }
}
