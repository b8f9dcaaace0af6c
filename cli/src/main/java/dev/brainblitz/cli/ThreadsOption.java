package dev.brainblitz.cli;

import dev.brainblitz.ir.engine.EngineOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The {@code --threads N} option of the commands that run the engine on many vectors. */
final class ThreadsOption {
  static final String DESCRIPTION = "Threads of the engine's batches (default: all cores); results do not depend on it.";
  private static final int MAX = 1024;

  private ThreadsOption() {}

  /** The engine options for {@code threads} (null: all cores); a value outside 1..1024 is a usage error. */
  static EngineOptions engine(CommandSpec spec, Integer threads) {
    if (threads == null) {
      return EngineOptions.ALL_CORES;
    }
    if (threads < 1 || threads > MAX) {
      throw new ParameterException(spec.commandLine(), "--threads must be in 1.." + MAX + ", got " + threads);
    }
    return new EngineOptions(threads);
  }
}
