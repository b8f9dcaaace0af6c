package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.Replay;
import dev.brainblitz.ir.io.FileTrees;
import dev.brainblitz.ir.random.RandomNetworks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The run directories of target {@code rtl}: gone after {@code close} unless kept, and a kept one
 * replays without Java exactly what the executor ran.
 */
class RtlReplayTest {
  private static final Path RUNS = RtlTesting.WORK.resolve("runs");

  @Test
  void aKeptRunReplaysWithItsMakefileStallsAndSeedIncluded() throws Exception {
    RtlTesting.assumeVerilator();
    Network tiny = RtlTesting.example("tiny");
    FoldingPlan plan = FoldingPlan.of(tiny, List.of("fc1=1,2", "out=2,3"), null);
    var options = RtlTesting.options(RtlTesting.rtlOptions(plan).withStalls(StallRates.parse("in=0.3,out=0.4"), 5));
    Set<Path> before = runDirectories();
    Replay replay;
    List<String> keptResults;
    try (var rtl = (RtlExecutorProvider.RtlExecutor) new RtlExecutorProvider().create("rtl", tiny, options)) {
      rtl.run(RandomNetworks.vectors(30, tiny, 10));
      var second = rtl.run(RandomNetworks.vectors(31, tiny, 7));
      assertEquals(1, runDirectories().size() - before.size(), "one simulation directory while the executor is open");
      replay = rtl.keepForReplay(12).orElseThrow();
      keptResults = Files.readAllLines(replay.directory().resolve("results.txt"));
      assertEquals(second.results(), HarnessResults.parse(keptResults).results(), "result 12 is the second run's");
      assertThrows(IllegalArgumentException.class, () -> rtl.keepForReplay(17));
    }
    try {
      assertEquals(Set.of(replay.directory()), difference(runDirectories(), before), "only the kept run is left");
      assertEquals(List.of("Makefile", "harness.cpp", "results.txt", "tiny_fc1_weights.hex", "tiny_top.v", "vectors.txt"),
          files(replay.directory()));
      assertEquals("make -C " + replay.directory() + " STALL_IN=0.3 STALL_OUT=0.4 SEED=6", replay.command());
      Files.delete(replay.directory().resolve("results.txt"));
      Process make = new ProcessBuilder((replay.command().replace("make -C", "make -s -C")).split(" "))
          .redirectErrorStream(true).start();
      String log = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, make.waitFor(), log);
      // The same results and the same measured line: the same stall pattern, cycle for cycle.
      assertEquals(keptResults, Files.readAllLines(replay.directory().resolve("results.txt")));
    } finally {
      FileTrees.delete(replay.directory());
    }
  }

  @Test
  void aFailingRunIsKeptAndItsPathReported() throws Exception {
    RtlTesting.assumeVerilator();
    Network tiny = RtlTesting.example("tiny");
    FoldingPlan plan = FoldingPlan.of(tiny, List.of("fc1=1,2", "out=2,3"), null);
    VerilogDesign design = VerilogDesign.of(tiny, plan);
    // A design that never takes an input: the harness runs out of its cycle budget.
    String deaf = design.verilog().replace("u_fc1 (.clk(clk), .rst(rst), .in_valid(in_valid)",
        "u_fc1 (.clk(clk), .rst(rst), .in_valid(1'b0)");
    assertFalse(deaf.equals(design.verilog()));
    var broken = new VerilogDesign(tiny, plan, deaf, design.memoryFiles(), design.harness(), design.makefile());
    Set<Path> before = runDirectories();
    var rtl = new RtlExecutorProvider.RtlExecutor(broken, Verilator.find(RtlTesting.WORK), RtlTesting.WORK,
        StallRates.NONE, 1, null, "-O0");
    var failure = assertThrows(IllegalStateException.class, () -> rtl.run(RandomNetworks.vectors(32, tiny, 3)));
    rtl.close();
    Set<Path> left = difference(runDirectories(), before);
    assertEquals(1, left.size(), failure.getMessage());
    Path kept = left.iterator().next();
    try {
      assertTrue(failure.getMessage().contains("timeout: 0 of 3 results"), failure.getMessage());
      assertTrue(failure.getMessage().contains("The run is kept in " + kept + "; replay it without Java: make -C " + kept
          + " STALL_IN=0.0 STALL_OUT=0.0 SEED=1"), failure.getMessage());
      assertEquals(List.of("Makefile", "harness.cpp", "results.txt", "tiny_fc1_weights.hex", "tiny_top.v", "vectors.txt"),
          files(kept));
      assertEquals(deaf, Files.readString(kept.resolve("tiny_top.v")), "the Verilog that failed");
    } finally {
      FileTrees.delete(kept);
    }
  }

  @Test
  void aSimulationProcessThatDiesIsAnErrorWithItsStatusAndTheBatchIsKept() throws Exception {
    RtlTesting.assumeVerilator();
    Network tiny = RtlTesting.example("tiny");
    FoldingPlan plan = FoldingPlan.of(tiny, List.of("fc1=1,2", "out=2,3"), null);
    VerilogDesign design = VerilogDesign.of(tiny, plan);
    // A harness that aborts on a batch of 3 vectors: the process dies between two batches' answers.
    String dying = design.harness().replace("rng_state = seed * 2654435761ULL + 1;",
        "if (count == 3) { std::fprintf(stderr, \"dying on purpose\\n\"); std::abort(); }\n  rng_state = seed * 2654435761ULL + 1;");
    assertFalse(dying.equals(design.harness()));
    var broken = new VerilogDesign(tiny, plan, design.verilog(), design.memoryFiles(), dying, design.makefile());
    Set<Path> before = runDirectories();
    var rtl = new RtlExecutorProvider.RtlExecutor(broken, Verilator.find(RtlTesting.WORK), RtlTesting.WORK,
        StallRates.NONE, 1, null, "-O0");
    var golden = new dev.brainblitz.ir.golden.GoldenModel(tiny);
    var vectors = RandomNetworks.vectors(33, tiny, 5);
    assertEquals(vectors.stream().map(golden::infer).toList(), rtl.run(vectors).results(), "a batch before the failure");
    var failure = assertThrows(IllegalStateException.class, () -> rtl.run(RandomNetworks.vectors(34, tiny, 3)));
    assertTrue(failure.getMessage().contains("simulation of tiny_top stopped unexpectedly (exit status"),
        failure.getMessage());
    assertTrue(failure.getMessage().contains("dying on purpose"), failure.getMessage());
    // The next batch starts a new process.
    var again = RandomNetworks.vectors(35, tiny, 4);
    assertEquals(again.stream().map(golden::infer).toList(), rtl.run(again).results(), "a batch after the failure");
    rtl.close();
    Set<Path> left = difference(runDirectories(), before);
    assertEquals(1, left.size(), failure.getMessage());
    Path kept = left.iterator().next();
    try {
      assertTrue(failure.getMessage().contains("The run is kept in " + kept), failure.getMessage());
      assertEquals(3, Files.readAllLines(kept.resolve("vectors.txt")).size());
    } finally {
      FileTrees.delete(kept);
    }
  }

  private static Set<Path> runDirectories() throws IOException {
    if (!Files.isDirectory(RUNS)) {
      return Set.of();
    }
    try (var dirs = Files.list(RUNS)) {
      return dirs.collect(Collectors.toSet());
    }
  }

  private static Set<Path> difference(Set<Path> after, Set<Path> before) {
    return after.stream().filter(p -> !before.contains(p)).collect(Collectors.toSet());
  }

  private static List<String> files(Path directory) throws IOException {
    try (var files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
