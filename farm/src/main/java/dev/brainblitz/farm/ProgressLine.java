package dev.brainblitz.farm;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a batch of jobs as short lines ({@code regress: 120/200 done, 1 failed, 8 running,
 * ETA 12 s}), at most one every {@code periodNanos} and one at the end, so a log stays readable and
 * a terminal is not flooded.
 */
public final class ProgressLine {
  private final PrintWriter out;
  private final String task;
  private final long periodNanos;
  private final long start = System.nanoTime();
  private long lastPrinted = start;
  private Farm.Counts last;

  public ProgressLine(PrintWriter out, String task, long periodNanos) {
    this.out = out;
    this.task = task;
    this.periodNanos = periodNanos;
  }

  /** The counts of the last update, if any. */
  public synchronized java.util.Optional<Farm.Counts> last() {
    return java.util.Optional.ofNullable(last);
  }

  /** Prints the counts when the period has passed or the batch is complete. */
  public synchronized void update(Farm.Counts counts) {
    last = counts;
    long now = System.nanoTime();
    boolean complete = counts.done() + counts.failed() == counts.total();
    if (!complete && now - lastPrinted < periodNanos) {
      return;
    }
    lastPrinted = now;
    int finished = counts.done() + counts.failed();
    double elapsed = (now - start) / 1e9;
    String eta = finished == 0 || complete ? ""
        : String.format(Locale.ROOT, ", ETA %.0f s", elapsed / finished * (counts.total() - finished));
    out.printf(Locale.ROOT, "%s: %d/%d done, %d failed, %d running%s%n", task, counts.done(), counts.total(),
        counts.failed(), counts.running(), eta);
    out.flush();
  }
}
