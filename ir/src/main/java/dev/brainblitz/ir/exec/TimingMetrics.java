package dev.brainblitz.ir.exec;

import java.util.List;
import java.util.Locale;

/** The measurements every in-process executor reports: how many vectors, how long, how fast. */
public final class TimingMetrics {
  private TimingMetrics() {}

  /**
   * {@code vectors}, {@code wall time} (milliseconds) and {@code vectors/s} for {@code vectors}
   * inferences that took {@code nanos} nanoseconds of wall-clock time.
   */
  public static List<ExecutionReport.Metric> of(int vectors, long nanos) {
    double seconds = nanos / 1e9;
    String rate = nanos == 0 ? "n/a" : String.format(Locale.ROOT, "%.4g", vectors / seconds);
    return List.of(
        new ExecutionReport.Metric("vectors", Integer.toString(vectors)),
        new ExecutionReport.Metric("wall time", String.format(Locale.ROOT, "%.3f ms", nanos / 1e6)),
        new ExecutionReport.Metric("vectors/s", rate));
  }
}
