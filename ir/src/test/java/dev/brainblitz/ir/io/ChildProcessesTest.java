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
      ChildProcesses.stopAll();
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
    Process sleep = new ProcessBuilder("sleep", "60").start();
    try {
      ChildProcesses.stopOnShutdown(sleep).close();
      ChildProcesses.stopAll();
      assertFalse(sleep.waitFor(200, TimeUnit.MILLISECONDS), "still running");
    } finally {
      sleep.destroyForcibly();
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
