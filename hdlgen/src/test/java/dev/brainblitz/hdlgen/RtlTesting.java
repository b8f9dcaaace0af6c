package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutionReport;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.testing.GoldenFiles;
import java.nio.file.Path;
import java.util.List;

/** Shared helpers of the Verilator tests: the work directory, availability, and the golden check. */
final class RtlTesting {
  private RtlTesting() {}

  /** Builds are cached here across test runs ({@code mvn clean} empties it). */
  static final Path WORK = Path.of("target", "rtl-work").toAbsolutePath();

  static boolean available;
  static boolean checked;

  /** Skips the calling test, loudly, when Verilator is not installed. */
  static synchronized void assumeVerilator() {
    if (!checked) {
      checked = true;
      try {
        Verilator.find(WORK);
        available = true;
      } catch (RuntimeException e) {
        System.err.println("SKIPPING Verilator tests: " + e.getMessage());
      }
    }
    assumeTrue(available, "Verilator is not installed: install the Debian package verilator to run the RTL tests");
  }

  static Network example(String name) {
    return ModelFiles.read(GoldenFiles.repoRoot().resolve("examples/models/" + name + ".bil"));
  }

  /** Options that give the executor exactly {@code plan}, built quickly (-O0). */
  static RtlOptions rtlOptions(FoldingPlan plan) {
    var folds = new java.util.ArrayList<LayerFold>();
    for (int i = 0; i < plan.engines().size(); i++) {
      folds.add(new LayerFold(plan.engines().get(i).name(), plan.fold(i)));
    }
    return RtlOptions.DEFAULTS.withFolds(folds).withLevelsPerStage(plan.levelsPerStage()).withWeights(plan.weights())
        .withWindow(plan.window()).withPort(plan.port()).withLines(plan.lines()).withOptimization("-O0");
  }

  static ExecutorOptions options(RtlOptions rtl) {
    return ExecutorOptions.DEFAULTS.withWorkDirectory(WORK).with(rtl);
  }

  static ExecutorOptions options(FoldingPlan plan) {
    return options(rtlOptions(plan));
  }

  /**
   * Builds {@code networks} (folded as {@code plans}) as one bundle, checks it lint-clean, runs each
   * design on its vectors and asserts bit-exact results; returns each design's measurements.
   */
  static List<HarnessResults.Measured> assertBundleBitExact(List<Network> networks, List<FoldingPlan> plans,
      List<List<InputVector>> vectors, double stallRate) throws java.io.IOException {
    var designs = new java.util.ArrayList<VerilogDesign>();
    for (int k = 0; k < networks.size(); k++) {
      designs.add(VerilogDesign.of(networks.get(k), plans.get(k)));
    }
    String verilog = Harness.bundleVerilog(designs);
    Verilator verilator = Verilator.find(WORK);
    Path lintDir = java.nio.file.Files.createDirectories(WORK.resolve("lint"));
    Path file = lintDir.resolve(Harness.BUNDLE_TOP + ".v");
    java.nio.file.Files.writeString(file, verilog);
    assertEquals("", verilator.lint(file), "lint -Wall of " + names(networks));
    var sources = new java.util.LinkedHashMap<String, String>();
    sources.put(Harness.BUNDLE_TOP + ".v", verilog);
    designs.forEach(d -> sources.putAll(d.memoryFiles()));
    sources.put("harness.cpp", Harness.bundleCpp(designs));
    var build = verilator.build(Harness.BUNDLE_TOP, sources, Harness.verilatorArguments(Harness.BUNDLE_TOP, false, "-O0"));
    var measured = new java.util.ArrayList<HarnessResults.Measured>();
    Path runDir = java.nio.file.Files.createDirectories(WORK.resolve("bundle-runs"));
    for (int k = 0; k < networks.size(); k++) {
      Network network = networks.get(k);
      Path in = runDir.resolve("vectors.txt");
      Path out = runDir.resolve("results.txt");
      java.nio.file.Files.writeString(in, VerilogDesign.vectorsFile(vectors.get(k)));
      designs.get(k).writeMemoryFiles(runDir);
      Verilator.run(List.of(build.executable().toString(), Integer.toString(k), in.toString(), out.toString(),
          StallRates.format(stallRate), StallRates.format(stallRate), Integer.toString(k + 1), "10000000"),
          runDir, "simulation of " + network.name());
      var harness = HarnessResults.parse(java.nio.file.Files.readAllLines(out));
      var results = harness.results();
      var golden = new GoldenModel(network);
      assertEquals(vectors.get(k).size(), results.size(), network.name() + ": one result per vector");
      for (int i = 0; i < results.size(); i++) {
        assertEquals(golden.infer(vectors.get(k).get(i)), results.get(i),
            network.name() + " folded " + plans.get(k).folds() + ", vector " + i);
      }
      measured.add(harness.measured());
    }
    return measured;
  }

  /** Each plan's predicted II (steady, both ends of the measured range) and latency equal the measured ones. */
  static void assertTimingAsPredicted(List<Network> networks, List<FoldingPlan> plans,
      List<HarnessResults.Measured> measured) {
    for (int k = 0; k < networks.size(); k++) {
      FoldingPlan plan = plans.get(k);
      String what = networks.get(k).name() + " folded " + plan.folds();
      long ii = plan.initiationInterval();
      assertEquals(ii, measured.get(k).iiMin(), what + ": II");
      assertEquals(ii, measured.get(k).iiMax(), what + ": II");
      assertEquals(plan.latency(), measured.get(k).latency(), what + ": latency");
    }
  }

  private static String names(List<Network> networks) {
    return networks.stream().map(Network::name).toList().toString();
  }

  /** Runs the RTL of {@code network} folded as {@code plan} and returns the executor's measurements. */
  static HarnessResults.Measured assertBitExact(Network network, FoldingPlan plan, List<InputVector> vectors,
      ExecutorOptions options) {
    var golden = new GoldenModel(network);
    try (var rtl = (RtlExecutorProvider.RtlExecutor) new RtlExecutorProvider().create("rtl", network, options)) {
      assertEquals(plan, rtl.design().plan(), "the executor uses the requested folding");
      ExecutionReport report = rtl.run(vectors);
      assertEquals(vectors.size(), report.results().size(), network.name() + ": one result per vector");
      for (int i = 0; i < vectors.size(); i++) {
        InferenceResult expected = golden.infer(vectors.get(i));
        assertEquals(expected, report.results().get(i), network.name() + " folded " + plan.folds() + ", vector " + i);
      }
      return rtl.lastMeasured();
    }
  }
}
