package dev.brainblitz.farm;

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
 * Test-only target {@code planted}: the golden model with a planted bug that depends on the case,
 * not on luck: when the network has at least {@value #BUGGY_INPUT} + 1 inputs and input element
 * {@value #BUGGY_INPUT} is not 0, the last class's score is one too high. The smallest case that
 * shows it is therefore known exactly: {@value #BUGGY_INPUT} + 1 inputs, no hidden layer, one class,
 * one vector that is 0 everywhere except element {@value #BUGGY_INPUT}.
 */
public final class PlantedBugExecutorProvider implements ExecutorProvider {
  static final int BUGGY_INPUT = 5;

  @Override
  public List<String> targets() {
    return List.of("planted");
  }

  @Override
  public boolean accepts(String target) {
    return target.equals("planted");
  }

  @Override
  public Executor create(String target, Network network, ExecutorOptions options) {
    GoldenModel golden = new GoldenModel(network);
    return new Executor() {
      @Override
      public String target() {
        return target;
      }

      @Override
      public ExecutionReport run(List<InputVector> vectors) {
        List<InferenceResult> results = new ArrayList<>();
        for (InputVector vector : vectors) {
          int[] scores = golden.infer(vector).scores();
          if (vector.size() > BUGGY_INPUT && vector.element(BUGGY_INPUT) != 0) {
            scores[scores.length - 1] += 1;
          }
          results.add(InferenceResult.ofScores(scores));
        }
        return new ExecutionReport(results, List.of());
      }
    };
  }
}
