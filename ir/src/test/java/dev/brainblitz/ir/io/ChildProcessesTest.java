package dev.brainblitz.ir.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ChildProcessesTest {
  /** What the shutdown hook does: a registered tool and the process it started are both stopped. */
  @Test
  void stopsARegisteredProcessAndItsChildren() throws Exception {
    Assumptions.assumeTrue(new java.io.File("/bin/sh").canExecute(), "SKIPPED: no /bin/sh to start a tool with");
    Process shell = new ProcessBuilder("/bin/sh", "-c", "sleep 60 & wait").start();
    try (var registration = ChildProcesses.stopOnShutdown(shell)) {
      List<ProcessHandle> children = waitForChildren(shell);
      assertEquals(1, children.size(), "the shell's sleep");
      ChildProcesses.stopRegistered();
      assertTrue(shell.waitFor(10, TimeUnit.SECONDS), "the shell is stopped");
      ProcessHandle sleep = children.get(0);
      sleep.onExit().get(10, TimeUnit.SECONDS);
      assertFalse(sleep.isAlive(), "its child is stopped too");
    } finally {
      shell.descendants().forEach(ProcessHandle::destroyForcibly);
      shell.destroyForcibly();
    }
  }

  /** A process whose registration is closed (it was waited for) is left alone. */
  @Test
  void aClosedRegistrationIsForgotten() throws Exception {
    Assumptions.assumeTrue(new java.io.File("/bin/sleep").canExecute() || new java.io.File("/usr/bin/sleep").canExecute(),
        "SKIPPED: no sleep to start a tool with");
    Process sleep = new ProcessBuilder("sleep", "60").start();
    try {
      ChildProcesses.stopOnShutdown(sleep).close();
      ChildProcesses.stopRegistered();
      assertFalse(sleep.waitFor(200, TimeUnit.MILLISECONDS), "still running");
    } finally {
      sleep.destroyForcibly();
    }
  }

  /**
   * The hook itself: a JVM that registered a tool is sent SIGTERM (what a CI timeout sends blitz);
   * the tool's own child, a grandchild of the JVM, is gone after it.
   */
  @Test
  void aJvmStoppedBySigtermStopsItsTools() throws Exception {
    Assumptions.assumeTrue(new java.io.File("/bin/sh").canExecute(), "SKIPPED: no /bin/sh to start a tool with");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        ToolRunner.class.getName()).redirectErrorStream(true).start();
    try {
      var out = new java.io.BufferedReader(new java.io.InputStreamReader(jvm.getInputStream()));
      String line = out.readLine();
      Assumptions.assumeTrue(line != null && line.startsWith("sleep "), "SKIPPED: the helper JVM did not start: " + line);
      ProcessHandle sleep = ProcessHandle.of(Long.parseLong(line.substring("sleep ".length()))).orElseThrow();
      assertTrue(sleep.isAlive());
      jvm.destroy();
      assertTrue(jvm.waitFor(20, TimeUnit.SECONDS), "the JVM ends");
      sleep.onExit().get(20, TimeUnit.SECONDS);
      assertFalse(sleep.isAlive(), "its tool's child is stopped");
    } finally {
      jvm.descendants().forEach(ProcessHandle::destroyForcibly);
      jvm.destroyForcibly();
    }
  }

  /** Starts a tool that starts a sleep, registers it, says the sleep's pid and waits to be stopped. */
  static final class ToolRunner {
    public static void main(String[] args) throws Exception {
      Process shell = new ProcessBuilder("/bin/sh", "-c", "sleep 60 & wait").start();
      ChildProcesses.stopOnShutdown(shell);
      List<ProcessHandle> children = waitForChildren(shell);
      System.out.println("sleep " + (children.isEmpty() ? "none" : children.get(0).pid()));
      System.out.flush();
      shell.waitFor();
    }
  }

  private static List<ProcessHandle> waitForChildren(Process process) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      List<ProcessHandle> children = process.children().toList();
      if (!children.isEmpty()) {
        return children;
      }
      Thread.sleep(20);
    }
    return List.of();
  }
}
