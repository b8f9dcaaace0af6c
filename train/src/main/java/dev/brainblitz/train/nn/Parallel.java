package dev.brainblitz.train.nn;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Deterministic data parallelism. Work over {@code [0, n)} is cut into chunks of a fixed size that
 * depends only on {@code n} and the call site, never on the number of threads; a chunk writes
 * only its own outputs and every sum inside it runs in a fixed order. So the results are the same
 * bits with 1 thread or 64, whatever the scheduling: there is no cross-thread reduction at all
 * (a weight gradient is split by output neuron, each summing over the batch in order).
 */
public final class Parallel implements AutoCloseable {
  /** A piece of work over {@code [from, to)}. */
  @FunctionalInterface
  public interface Range {
    void run(int from, int to);
  }

  private final int threads;
  private final ForkJoinPool pool;

  public Parallel(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
    this.threads = threads;
    this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
  }

  /** As many threads as the machine has cores. */
  public static Parallel allCores() {
    return new Parallel(Runtime.getRuntime().availableProcessors());
  }

  public int threads() {
    return threads;
  }

  /** Runs {@code body} over {@code [0, n)} in chunks of {@code chunk} elements. */
  public void forEach(int n, int chunk, Range body) {
    int chunks = (n + chunk - 1) / chunk;
    if (pool == null || chunks <= 1) {
      for (int c = 0; c < chunks; c++) {
        body.run(c * chunk, Math.min(n, (c + 1) * chunk));
      }
      return;
    }
    pool.submit(() -> IntStream.range(0, chunks).parallel()
        .forEach(c -> body.run(c * chunk, Math.min(n, (c + 1) * chunk)))).join();
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
