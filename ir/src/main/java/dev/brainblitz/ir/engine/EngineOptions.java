package dev.brainblitz.ir.engine;

import dev.brainblitz.ir.exec.ExecutorOptions;

/**
 * Options of target {@code engine}: how many threads a batch runs on. Results do not depend on it.
 * Without options the engine uses every core ({@link #ALL_CORES}); latency measurements ask for one.
 */
public record EngineOptions(int threads) implements ExecutorOptions.Backend {
  public static final EngineOptions ALL_CORES = new EngineOptions(Runtime.getRuntime().availableProcessors());

  public EngineOptions {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
  }
}
