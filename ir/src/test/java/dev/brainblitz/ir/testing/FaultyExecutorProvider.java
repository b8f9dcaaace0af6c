package dev.brainblitz.ir.testing;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutionReport;
import dev.brainblitz.ir.exec.Executor;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.exec.ExecutorProvider;
import dev.brainblitz.ir.golden.GoldenModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only target {@code faulty:N}: the golden model, except that every N-th vector (counting from
 * vector N - 1) gets its last score raised by one. It exists to prove that co-simulation catches a
 * one-off difference. A shared test fixture: modules that want it register it in their own
 * {@code src/test/resources/META-INF/services}. Target {@code crash} throws, to exercise the internal-error path.
 */
public final class FaultyExecutorProvider implements ExecutorProvider {
  @Override
  public List<String> targets() {
    return List.of("faulty:<n>", "crash");
  }

  @Override
  public boolean accepts(String target) {
    return target.startsWith("faulty:") || target.equals("crash");
  }

  @Override
  public Executor create(String target, Network network, ExecutorOptions options) {
    if (target.equals("crash")) {
      throw new IllegalStateException("simulated bug in a backend");
    }
    int every = Integer.parseInt(target.substring("faulty:".length()));
    var golden = new GoldenModel(network);
    return new Executor() {
      private int seen;

      @Override
      public String target() {
        return target;
      }

      @Override
      public ExecutionReport run(List<InputVector> vectors) {
        List<InferenceResult> results = new ArrayList<>();
        for (InputVector vector : vectors) {
          int[] scores = golden.infer(vector).scores();
          if (++seen % every == 0) {
            scores[scores.length - 1] += 1;
          }
          results.add(InferenceResult.ofScores(scores));
        }
        return new ExecutionReport(results, List.of());
      }
    };
  }
}
