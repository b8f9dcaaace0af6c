package dev.brainblitz.ir.io;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The external tools a command is waiting for (Yosys, nextpnr, make, a simulation): stopped, with
 * every process they started, when the JVM shuts down before they finish (SIGINT or SIGTERM sent to
 * blitz alone, as a CI timeout or an IDE does), so an interrupted blitz leaves no tool running on.
 * One shutdown hook, registered on first use, stops every process registered, and once it has run
 * a process registered later (a caller that went on after its tool was stopped) is stopped at once.
 */
public final class ChildProcesses {
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
  private static volatile boolean hooked;
  private static volatile boolean stopping;

  private ChildProcesses() {}

  /** A registration, ended by {@link #close} once the process has been waited for. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** Stops {@code process} and its descendants if the JVM shuts down before the registration is closed. */
  public static Registration stopOnShutdown(Process process) {
    hook();
    RUNNING.add(process);
    if (stopping) {
      stop(process);
    }
    return () -> RUNNING.remove(process);
  }

  /** Stops {@code process} now, its descendants first (a tool's own helpers, such as Yosys's abc). */
  public static void stop(Process process) {
    try {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
    } catch (RuntimeException e) {
      // The process itself is still stopped below.
    }
    process.destroyForcibly();
  }

  private static synchronized void hook() {
    if (hooked) {
      return;
    }
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::stopAll, "blitz-stop-tools"));
      hooked = true;
    } catch (IllegalStateException shuttingDown) {
      stopping = true;
    }
  }

  /** The shutdown hook: stops every registered process and, from now on, every process registered. */
  private static void stopAll() {
    stopping = true;
    stopRegistered();
  }

  /** Stops every process registered now. */
  static void stopRegistered() {
    for (Process process : RUNNING) {
      stop(process);
    }
  }
}
