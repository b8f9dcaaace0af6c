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
 * A quick timing of the fast engine, warmed up, on one thread (and a batch figure on several), for {@code blitz bench} and the
 * demo: latency at batch 1 (median of repeated rounds) and time per inference at batch 256. It is
 * a sanity figure, not a substitute for the JMH benchmark in {@code bench/}.
 */
final class EngineTiming {
  /**
   * Latency at batch 1 and time per inference at batch 256 on one thread, the golden model's time,
   * and the batch-256 time on {@code threads} threads (wall time per inference).
   */
  record Result(double batch1Micros, double batch256Micros, double goldenMicros, int rounds, int threads,
      double batch256ThreadsMicros) {}

  private EngineTiming() {}

  static Result measure(Network network, double seconds, long seed) {
    return measure(network, seconds, seed, 1);
  }

  static Result measure(Network network, double seconds, long seed, int threads) {
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
    // Batch 256: whole batches through the batch API, the median batch (like batch 1, so a busy
    // machine's preemptions do not count), on one thread and then on the threads asked for.
    double batch256 = medianBatchMicros(engine, bytes, pixels, words, classes, batchScores, 1, seconds / 6);
    double batch256Threads = threads > 1
        ? medianBatchMicros(engine, bytes, pixels, words, classes, batchScores, threads, seconds / 6) : batch256;
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
    return new Result(batch1, batch256, goldenMicros, count, threads, batch256Threads);
  }

  /** The median over batches run for {@code seconds} of the time per inference of one batch. */
  private static double medianBatchMicros(FastEngine engine, boolean bytes, byte[][] pixels, int[][] words,
      int[] classes, int[][] scores, int threads, double seconds) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    double[] rounds = new double[100_000];
    int count = 0;
    int size = bytes ? pixels.length : words.length;
    do {
      long start = System.nanoTime();
      if (bytes) {
        engine.inferBatch(pixels, classes, scores, threads);
      } else {
        engine.inferBatch(words, classes, scores, threads);
      }
      rounds[count++] = (System.nanoTime() - start) / 1e3 / size;
    } while (System.nanoTime() < end && count < rounds.length);
    double[] measured = Arrays.copyOf(rounds, count);
    Arrays.sort(measured);
    return measured[count / 2];
  }
}
