package dev.brainblitz.cli;

import dev.brainblitz.sim.cosim.CoSimulation;
import java.util.HashMap;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars on the terminal for long co-simulations, one per target. Shown only when standard
 * error is a terminal and the run is long enough to be worth watching, so logs and tests stay clean.
 */
final class ConsoleProgress implements CoSimulation.Progress, AutoCloseable {
  /** Runs with fewer vectors than this finish too fast for a bar to help. */
  static final int MIN_VECTORS = 5000;

  private final Map<String, ProgressBar> bars = new HashMap<>();
  private final boolean enabled;

  ConsoleProgress(int vectors) {
    this.enabled = vectors >= MIN_VECTORS && stderrIsTerminal();
  }

  /**
   * Whether a person is watching. Up to JDK 21 a console exists only for a terminal; from JDK 22
   * on it always exists and {@code Console.isTerminal()} (called reflectively, this code targets
   * 17) tells.
   */
  static boolean stderrIsTerminal() {
    var console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  @Override
  public void advanced(String target, int done, int total) {
    if (!enabled) {
      return;
    }
    ProgressBar bar = bars.computeIfAbsent(target, t -> new ProgressBarBuilder()
        .setTaskName(String.format("%-8s", t))
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit(" vectors", 1)
        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
        .build());
    bar.stepTo(done);
    if (done == total) {
      bar.close();
    }
  }

  @Override
  public void close() {
    bars.values().forEach(ProgressBar::close);
  }
}
