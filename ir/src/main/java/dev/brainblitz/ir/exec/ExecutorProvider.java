package dev.brainblitz.ir.exec;

import dev.brainblitz.ir.Network;
import java.util.List;

/**
 * Makes executors for some targets. Modules register providers in
 * {@code META-INF/services/dev.brainblitz.ir.exec.ExecutorProvider}, so a new backend plugs into
 * {@code blitz verify} without touching the command line code.
 */
public interface ExecutorProvider {
  /** The target names or patterns this provider accepts, for help and error messages (e.g. {@code iss:<isa>}). */
  List<String> targets();

  boolean accepts(String target);

  /**
   * An executor for {@code target} running {@code network}. Throws
   * {@link dev.brainblitz.ir.diag.DiagnosticException} or {@link ExecutorUnavailableException}
   * for problems the user can fix (a missing tool, an unsupported option).
   */
  Executor create(String target, Network network, ExecutorOptions options);
}
