package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutionReport;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.testing.GoldenFiles;
import java.nio.file.Path;
import java.util.List;

/** Shared helpers of the Verilator tests: the work directory, availability, and the golden check. */
final class RtlTesting {
  private RtlTesting() {}

  /** Builds are cached here across test runs ({@code mvn clean} empties it). */
  static final Path WORK = Path.of("target", "rtl-work").toAbsolutePath();

  static boolean available;
  static boolean checked;

  /** Skips the calling test, loudly, when Verilator is not installed. */
  static synchronized void assumeVerilator() {
    if (!checked) {
      checked = true;
      try {
        Verilator.find(WORK);
        available = true;
      } catch (RuntimeException e) {
        System.err.println("SKIPPING Verilator tests: " + e.getMessage());
      }
    }
    assumeTrue(available, "Verilator is not installed: install the Debian package verilator to run the RTL tests");
  }

  static Network example(String name) {
    return ModelFiles.readNetwork(GoldenFiles.repoRoot().resolve("examples/models/" + name + ".bil"));
  }

  static ExecutorOptions options(FoldingPlan plan) {
    var folds = new StringBuilder();
    for (int i = 0; i < plan.engines().size(); i++) {
      folds.append(plan.engines().get(i).name()).append('=').append(plan.fold(i)).append(';');
    }
    return ExecutorOptions.DEFAULTS.withWorkDirectory(WORK).with(RtlExecutorProvider.FOLD, folds.toString());
  }

  /** Runs the RTL of {@code network} folded as {@code plan} and returns the executor's measurements. */
  static RtlExecutorProvider.Measured assertBitExact(Network network, FoldingPlan plan, List<InputVector> vectors,
      ExecutorOptions options) {
    var golden = new GoldenModel(network);
    try (var rtl = (RtlExecutorProvider.RtlExecutor) new RtlExecutorProvider().create("rtl", network, options)) {
      assertEquals(plan, rtl.design().plan(), "the executor uses the requested folding");
      ExecutionReport report = rtl.run(vectors);
      assertEquals(vectors.size(), report.results().size(), network.name() + ": one result per vector");
      for (int i = 0; i < vectors.size(); i++) {
        InferenceResult expected = golden.infer(vectors.get(i));
        assertEquals(expected, report.results().get(i), network.name() + " folded " + plan.folds() + ", vector " + i);
      }
      return rtl.lastMeasured();
    }
  }
}
