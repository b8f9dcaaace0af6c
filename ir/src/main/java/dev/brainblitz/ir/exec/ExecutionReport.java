package dev.brainblitz.ir.exec;

import dev.brainblitz.ir.InferenceResult;
import java.util.List;

/**
 * The results of one executor run, in input order, and its measurements ({@link Metric}: e.g.
 * inference time, simulated cycles, initiation interval) in the order the executor wants them shown.
 */
public record ExecutionReport(List<InferenceResult> results, List<Metric> metrics) {
  public ExecutionReport {
    results = List.copyOf(results);
    metrics = List.copyOf(metrics);
  }
}
