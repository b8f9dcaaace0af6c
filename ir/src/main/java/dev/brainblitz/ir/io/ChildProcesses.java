package dev.brainblitz.ir.io;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The external tools a command is waiting for (Yosys, nextpnr, make, a simulation): stopped, with
 * every process they started, when the JVM shuts down before they finish (SIGINT or SIGTERM sent to
 * blitz alone, as a CI timeout or an IDE does), so an interrupted blitz leaves no tool running on.
 * One shutdown hook, registered on first use, stops every process still registered.
 */
public final class ChildProcesses {
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
  private static volatile boolean hooked;

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
    return () -> RUNNING.remove(process);
  }

  private static synchronized void hook() {
    if (hooked) {
      return;
    }
    hooked = true;
    Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::stopAll, "blitz-stop-tools"));
  }

  /** Stops every registered process, its descendants first. */
  static void stopAll() {
    for (Process process : RUNNING) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
