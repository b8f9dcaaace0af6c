package dev.brainblitz.ir.engine;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutionReport;
import dev.brainblitz.ir.exec.Executor;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.exec.ExecutorProvider;
import dev.brainblitz.ir.exec.Metric;
import dev.brainblitz.ir.faults.ActivationFaults;
import java.util.ArrayList;
import java.util.List;

/**
 * Target {@code engine}: the {@link FastEngine}, each batch on the threads of its
 * {@link EngineOptions} (default: every core). The network is compiled when the executor is
 * created; the reported time is wall time per inference over the inferences only, on those threads,
 * not converting the vectors to arrays nor building the results.
 */
public final class EngineExecutorProvider implements ExecutorProvider {
  public static final String TARGET = "engine";

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
    FastEngine engine = FastEngine.compile(network,
        options.get(ActivationFaults.class).orElse(ActivationFaults.NONE));
    int threads = options.get(EngineOptions.class).orElse(EngineOptions.ALL_CORES).threads();
    return new Executor() {
      /** Vectors run so far: the index of the next one, which keys its activation faults. */
      private long next;

      @Override
      public String target() {
        return TARGET;
      }

      @Override
      public ExecutionReport run(List<InputVector> vectors) {
        int count = vectors.size();
        int[] classes = new int[count];
        int[][] scores = new int[count][engine.classes()];
        long nanos;
        if (engine.inputKind() == InputKind.U8) {
          byte[][] inputs = new byte[count][];
          for (int i = 0; i < count; i++) {
            inputs[i] = checked(vectors.get(i)).bytes();
          }
          long start = System.nanoTime();
          engine.inferBatch(inputs, classes, scores, threads, next);
          nanos = System.nanoTime() - start;
        } else {
          int[][] inputs = new int[count][];
          for (int i = 0; i < count; i++) {
            inputs[i] = checked(vectors.get(i)).packedWords();
          }
          long start = System.nanoTime();
          engine.inferBatch(inputs, classes, scores, threads, next);
          nanos = System.nanoTime() - start;
        }
        next += count;
        List<InferenceResult> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          results.add(InferenceResult.reported(scores[i], classes[i]));
        }
        // Inference alone, without packing the inputs: what a caller of the engine's batch API gets.
        return new ExecutionReport(results,
            List.of(Metric.of("time", Metric.Unit.MICROSECONDS_PER_INFERENCE, nanos / 1e3 / Math.max(1, count))));
      }

      private InputVector checked(InputVector vector) {
        engine.requireInput(vector);
        return vector;
      }
    };
  }
}
