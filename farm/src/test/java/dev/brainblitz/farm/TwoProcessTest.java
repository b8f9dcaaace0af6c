package dev.brainblitz.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The farm across two real processes on the loopback: a member in a second JVM ({@link SecondMember},
 * started as {@code blitz worker} starts one) and one in this JVM. A regression on the pair gives the
 * report of one member alone and both members run jobs; then the second JVM is killed (SIGKILL, no
 * goodbye) in the middle of a batch, and every job still finishes exactly once, its lost jobs rerun
 * here. One child process for both halves, as a JVM with Hazelcast takes seconds to start.
 */
class TwoProcessTest {
  /** How long the child may take to start under a loaded CI machine. */
  private static final long START_SECONDS = 600;

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static ProgressLine quiet() {
    return new ProgressLine(new PrintWriter(new StringWriter()), "test", Long.MAX_VALUE);
  }

  /** The classpath of this test run: surefire's real one when it hides it behind a manifest jar. */
  private static String classpath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isEmpty() ? surefire : System.getProperty("java.class.path");
  }

  @Test
  @Timeout(value = 1500, unit = TimeUnit.SECONDS)
  void aSecondJvmSharesTheWorkAndItsDeathLosesNothing(@TempDir Path dir) throws Exception {
    // Hazelcast's logs of both processes stay in target/ for a failure's diagnosis.
    Path logs = Path.of("target", "two-process-logs");
    Files.createDirectories(logs);
    String clusterName = "two-process-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
    Path log = logs.resolve("hazelcast.log");
    Path childErr = logs.resolve("child.err");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // A loaded CI machine slows the join's handshake: give it time (the default 15 s is for users).
    String joinSeconds = "120";
    System.setProperty(Farm.MAX_JOIN_PROPERTY, joinSeconds);
    Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-D" + Farm.MAX_JOIN_PROPERTY + "=" + joinSeconds, "-cp", classpath(),
        SecondMember.class.getName(), Integer.toString(freePort()), clusterName, "1", logs.resolve("child.log").toAbsolutePath().toString())
        .redirectError(childErr.toFile()).start();
    Farm here = null;
    Farm alone = null;
    try {
      String childName = awaitReady(child, childErr);
      FarmSettings settings = FarmSettings.joining(Member.parseList(childName), FarmSettings.LOOPBACK).withThreads(1)
          .withPort(freePort()).withClusterName(clusterName).withLogFile(log);
      here = Farm.start(settings);
      assertEquals(2, here.members().size(), here.members().toString());
      assertTrue(here.members().contains(childName), here.members() + " has " + childName);

      // 1. The same regression on the two processes and on one member alone: the same report; both worked.
      var spec = new Regression.RegressSpec(12, 70, Shapes.SMALL, List.of("golden", "engine", "iss:rv32im"), 5);
      Regression.Report pair = Regression.run(here, spec, dir.resolve("pair"), quiet());
      alone = Farm.start(FarmSettings.embedded().withThreads(1).withLogFile(log));
      Regression.Report one = Regression.run(alone, spec, dir.resolve("one"), quiet());
      assertEquals(one.results(), pair.results());
      assertTrue(pair.clean(), pair.render());
      assertEquals(2, pair.perMember().size(), "both processes ran jobs: " + pair.perMember());
      assertTrue(pair.perMember().get(childName) > 0, pair.perMember().toString());
      assertEquals(12, pair.perMember().values().stream().mapToInt(Integer::intValue).sum());
      assertEquals(12, Files.readAllLines(dir.resolve("pair").resolve(Regression.RESULTS)).size());

      // 2. The second JVM is killed mid-batch: its jobs are rerun here, each job finishes once.
      List<FarmTest.SlowJob> jobs = IntStream.range(0, 24).mapToObj(i -> new FarmTest.SlowJob(i, 200)).toList();
      int[] calls = new int[jobs.size()];
      List<String> errors = new ArrayList<>();
      Process doomed = child;
      var outcomes = here.runAll(jobs, new Farm.Listener<Integer>() {
        @Override
        public void finished(int index, FarmJob<Integer> job, Finished<Integer> finished, Farm.Counts counts) {
          calls[index]++;
          if (counts.done() == 4) {
            doomed.destroyForcibly();
          }
        }

        @Override
        public void failed(int index, FarmJob<Integer> job, Throwable error, Farm.Counts counts) {
          calls[index]++;
          errors.add(index + ": " + error);
        }
      });
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child was killed");
      assertEquals(List.of(), errors);
      for (int i = 0; i < jobs.size(); i++) {
        assertTrue(outcomes.get(i).ok(), outcomes.get(i).error());
        assertEquals(i, outcomes.get(i).finished().result());
        assertEquals(1, calls[i], "job " + i + " reported once");
      }
      Map<String, Integer> ran = Farm.perMember(outcomes);
      assertTrue(ran.getOrDefault(childName, 0) >= 1, "the child ran jobs before it died: " + ran);
      assertTrue(ran.get(here.name()) > jobs.size() / 2, "this member ran the rest: " + ran);
      assertEquals(jobs.size(), ran.values().stream().mapToInt(Integer::intValue).sum());
      assertEquals(List.of(here.name()), here.members());
    } finally {
      System.clearProperty(Farm.MAX_JOIN_PROPERTY);
      if (alone != null) {
        alone.close();
      }
      if (here != null) {
        here.close();
      }
      child.getOutputStream().close();
      if (!child.waitFor(20, TimeUnit.SECONDS)) {
        child.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
    }
  }

  /** The child's {@code ready HOST:PORT} line, or a failure with its standard error. */
  private static String awaitReady(Process child, Path childErr) throws Exception {
    CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
      try {
        var lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.startsWith("ready ")) {
            return line.substring("ready ".length()).trim();
          }
        }
        return null;
      } catch (IOException e) {
        return null;
      }
    });
    String name;
    try {
      name = ready.get(START_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      name = null;
    }
    if (name == null) {
      fail("the second member did not start within " + START_SECONDS + " s (alive: " + child.isAlive() + "): "
          + Files.readString(childErr));
    }
    return name;
  }
}
