package dev.brainblitz.ir.io;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The external tools a command starts (Yosys, nextpnr, make, a simulation): stopped, with every
 * process they started, when the JVM shuts down before they end (SIGINT or SIGTERM sent to blitz
 * alone, as a CI timeout or an IDE does), so an interrupted blitz leaves no tool running on. A tool
 * started here is watched until it ends; one shutdown hook, registered on first use, stops every
 * tool still running, and once it has run a tool started later (by a caller that went on after its
 * tool was stopped) is stopped at once.
 */
public final class ChildProcesses {
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
  private static volatile boolean hooked;
  private static volatile boolean stopping;

  private ChildProcesses() {}

  /** Starts {@code builder}'s process, watched until it ends. */
  public static Process start(ProcessBuilder builder) throws IOException {
    hook();
    Process process = builder.start();
    RUNNING.add(process);
    process.onExit().thenRun(() -> RUNNING.remove(process));
    if (stopping) {
      stop(process);
    }
    return process;
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

  /** The shutdown hook: stops every running tool and, from now on, every tool started. */
  private static void stopAll() {
    stopping = true;
    stopRunning();
  }

  /** Stops every tool started here that is still running. */
  static void stopRunning() {
    for (Process process : RUNNING) {
      stop(process);
    }
  }

  /** Whether {@code process} is still watched: started here and not yet ended. */
  static boolean watched(Process process) {
    return RUNNING.contains(process);
  }
}
