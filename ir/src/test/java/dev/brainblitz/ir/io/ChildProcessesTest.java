package dev.brainblitz.ir.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ChildProcessesTest {
  /** What the shutdown hook does: a running tool and the process it started are both stopped. */
  @Test
  void stopsARunningToolAndItsChildren() throws Exception {
    Assumptions.assumeTrue(new File("/bin/sh").canExecute(), "SKIPPED: no /bin/sh to start a tool with");
    Process shell = ChildProcesses.start(new ProcessBuilder("/bin/sh", "-c", "sleep 60 & wait"));
    try {
      List<ProcessHandle> children = waitForChildren(shell);
      assertEquals(1, children.size(), "the shell's sleep");
      ChildProcesses.stopRunning();
      assertTrue(shell.waitFor(10, TimeUnit.SECONDS), "the shell is stopped");
      ProcessHandle sleep = children.get(0);
      sleep.onExit().get(10, TimeUnit.SECONDS);
      assertFalse(sleep.isAlive(), "its child is stopped too");
    } finally {
      shell.descendants().forEach(ProcessHandle::destroyForcibly);
      shell.destroyForcibly();
    }
  }

  /** A tool that has ended is no longer watched, and one not started here is left alone. */
  @Test
  void anEndedToolIsForgottenAndOthersAreLeftAlone() throws Exception {
    Assumptions.assumeTrue(new File("/bin/sh").canExecute(), "SKIPPED: no /bin/sh to start a tool with");
    Process ended = ChildProcesses.start(new ProcessBuilder("/bin/sh", "-c", "exit 0"));
    ended.onExit().get(10, TimeUnit.SECONDS);
    for (int i = 0; i < 100 && ChildProcesses.watched(ended); i++) {
      Thread.sleep(10);
    }
    assertFalse(ChildProcesses.watched(ended), "forgotten once it ended");
    Process other = new ProcessBuilder("/bin/sh", "-c", "sleep 60").start();
    try {
      ChildProcesses.stopRunning();
      assertFalse(other.waitFor(200, TimeUnit.MILLISECONDS), "still running");
    } finally {
      other.destroyForcibly();
    }
  }

  /**
   * The hook itself: a JVM that registered a tool is sent SIGTERM (what a CI timeout sends blitz);
   * the tool's own child, a grandchild of the JVM, is gone after it.
   */
  @Test
  void aJvmStoppedBySigtermStopsItsTools() throws Exception {
    Assumptions.assumeTrue(new File("/bin/sh").canExecute(), "SKIPPED: no /bin/sh to start a tool with");
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
      Process shell = ChildProcesses.start(new ProcessBuilder("/bin/sh", "-c", "sleep 60 & wait"));
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
