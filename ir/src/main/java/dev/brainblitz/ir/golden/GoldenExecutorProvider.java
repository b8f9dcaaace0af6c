package dev.brainblitz.ir.golden;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutionReport;
import dev.brainblitz.ir.faults.ActivationFaults;
import dev.brainblitz.ir.exec.Executor;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.exec.ExecutorProvider;
import java.util.ArrayList;
import java.util.List;

/** Target {@code golden}: the {@link GoldenModel}, the reference every other target is compared with. */
public final class GoldenExecutorProvider implements ExecutorProvider {
  public static final String TARGET = "golden";

  @Override
  public List<String> targets() {
    return List.of(TARGET);
  }

  @Override
  public boolean accepts(String target) {
    return TARGET.equals(target);
  }

  @Override
  public Executor create(String target, Network network, ExecutorOptions options) {
    ActivationFaults faults = options.get(ActivationFaults.class).orElse(ActivationFaults.NONE);
    GoldenModel model = new GoldenModel(network, faults);
    return new Executor() {
      /** Vectors run so far: the index of the next one, which keys its activation faults. */
      private long next;

      @Override
      public String target() {
        return TARGET;
      }

      @Override
      public ExecutionReport run(List<InputVector> vectors) {
        List<InferenceResult> results = new ArrayList<>(vectors.size());
        for (InputVector vector : vectors) {
          results.add(model.infer(vector, next++));
        }
        return new ExecutionReport(results, List.of());
      }
    };
  }
}
