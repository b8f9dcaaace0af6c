package dev.brainblitz.ir.exec;

import dev.brainblitz.ir.InferenceResult;
import java.util.List;

/**
 * The results of one executor run, in input order, and named measurements (e.g. wall time,
 * simulated cycles, initiation interval) in the order the executor wants them shown.
 */
public record ExecutionReport(List<InferenceResult> results, List<Metric> metrics) {
  public ExecutionReport {
    results = List.copyOf(results);
    metrics = List.copyOf(metrics);
  }

  /** One measurement, e.g. {@code new Metric("vectors/s", "1.2e6")}. */
  public record Metric(String name, String value) {}
}
