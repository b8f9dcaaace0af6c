package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutionReport;
import dev.brainblitz.ir.exec.ExecutionReport.Metric;
import dev.brainblitz.ir.exec.Executor;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.exec.ExecutorProvider;
import dev.brainblitz.ir.io.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Target {@code rtl}: the generated Verilog simulated cycle by cycle in Verilator, with the
 * {@link RtlOptions} given (folding, pipelining, random stalls and their seed, a waveform file, the
 * simulation's C++ optimization). Builds are cached in the work directory (default
 * {@code $XDG_CACHE_HOME/brain-blitz/rtl} or {@code ~/.cache/brain-blitz/rtl}).
 *
 * <p>An executor's metrics cover every {@link Executor#run} call it has served, so a caller that
 * feeds it in batches reads whole-run figures from the last report: the first-result latency of the
 * first batch, the steady-state II over all batches (the smallest and largest interval between
 * results in the second half of each batch of at least two), the total simulated cycles, and
 * simulated vectors per second over all simulation time.
 */
public final class RtlExecutorProvider implements ExecutorProvider {
  public static final String TARGET = "rtl";

  @Override
  public List<String> targets() {
    return List.of(TARGET);
  }

  @Override
  public boolean accepts(String target) {
    return TARGET.equals(target);
  }

  @Override
  public Executor create(String target, Network network, ExecutorOptions options) {
    RtlOptions rtl = options.get(RtlOptions.class).orElse(RtlOptions.DEFAULTS);
    FoldingPlan plan = rtl.plan(network);
    Path work = options.workDirectory().orElseGet(RtlExecutorProvider::defaultWorkDirectory);
    Verilator verilator = Verilator.find(work);
    return new RtlExecutor(network, VerilogDesign.of(network, plan), verilator, work, rtl.stalls(), rtl.seed(),
        rtl.vcd().orElse(null), rtl.optimization());
  }

  static Path defaultWorkDirectory() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("brain-blitz").resolve("rtl");
  }

  /** What one simulation measured, parsed from the harness's last line. */
  public record Measured(long cycles, long iiMin, long iiMax, long latency) {}

  /** The results in a harness's results file (every line but the last). */
  public static List<InferenceResult> parseResults(List<String> lines) {
    List<InferenceResult> results = new ArrayList<>();
    for (int i = 0; i + 1 < lines.size(); i++) {
      String[] f = lines.get(i).trim().split(" ");
      int[] scores = new int[f.length - 1];
      for (int c = 0; c < scores.length; c++) {
        scores[c] = Integer.parseInt(f[c + 1]);
      }
      results.add(InferenceResult.reported(scores, Integer.parseInt(f[0])));
    }
    return results;
  }

  /** The measurements on the last line of a harness's results file. */
  public static Measured parseMeasured(List<String> lines) {
    String[] m = lines.get(lines.size() - 1).split(" ");
    return new Measured(Long.parseLong(m[1]), Long.parseLong(m[3]), Long.parseLong(m[5]), Long.parseLong(m[7]));
  }

  /**
   * What every run of an executor measured together: {@code firstLatency} from its first run, the
   * II range over all runs with at least two results (0 when none had), totals of vectors, cycles
   * and simulation wall time.
   */
  public record Totals(long vectors, long cycles, long iiMin, long iiMax, long firstLatency, long simNanos) {
    static final Totals EMPTY = new Totals(0, 0, 0, 0, -1, 0);

    Totals plus(int runVectors, Measured m, long runNanos) {
      boolean steady = runVectors >= 2;
      long min = !steady ? iiMin : iiMin == 0 ? m.iiMin() : Math.min(iiMin, m.iiMin());
      long max = !steady ? iiMax : Math.max(iiMax, m.iiMax());
      return new Totals(vectors + runVectors, cycles + m.cycles(), min, max, firstLatency < 0 ? m.latency() : firstLatency,
          simNanos + runNanos);
    }
  }

  /** The executor; {@link #lastMeasured()} and {@link #totals()} expose the measurements to tests. */
  public static final class RtlExecutor implements Executor {
    private final Network network;
    private final VerilogDesign design;
    private final Verilator verilator;
    private final Path work;
    private final StallRates stalls;
    private final long seed;
    private final Path vcd;
    private final String optimization;
    private Measured lastMeasured;
    private Totals totals = Totals.EMPTY;
    private int runs;
    private Verilator.Build firstBuild;

    RtlExecutor(Network network, VerilogDesign design, Verilator verilator, Path work, StallRates stalls, long seed, Path vcd,
        String optimization) {
      this.network = network;
      this.design = design;
      this.verilator = verilator;
      this.work = work;
      this.stalls = stalls;
      this.seed = seed;
      this.vcd = vcd;
      this.optimization = optimization;
    }

    @Override
    public String target() {
      return TARGET;
    }

    public VerilogDesign design() {
      return design;
    }

    public Measured lastMeasured() {
      return lastMeasured;
    }

    public Totals totals() {
      return totals;
    }

    @Override
    public ExecutionReport run(List<InputVector> vectors) {
      var sources = new java.util.LinkedHashMap<String, String>();
      sources.put(design.verilogFileName(), design.verilog());
      sources.putAll(design.memoryFiles());
      sources.put("harness.cpp", design.harness());
      Verilator.Build build = verilator.build(design.topName(), sources,
          Harness.verilatorArguments(design.topName(), vcd != null, optimization));
      if (firstBuild == null) {
        firstBuild = build;
      }
      Path runDir = null;
      try {
        runDir = Files.createTempDirectory(Files.createDirectories(work.resolve("runs")), "run-");
        Path in = runDir.resolve("vectors.txt");
        Path out = runDir.resolve("results.txt");
        Files.writeString(in, VerilogDesign.vectorsFile(vectors));
        design.writeMemoryFiles(runDir);
        FoldingPlan plan = design.plan();
        // A cycle budget far above what the run needs, so a hung design fails instead of running forever.
        double slowdown = stalls.any() ? 20 / ((1 - stalls.in()) * (1 - stalls.out())) : 2;
        long budget = 1000 + (long) Math.ceil((plan.latency() + (double) vectors.size() * plan.initiationInterval()) * slowdown);
        // Each run is seeded differently, so batches do not repeat one stall pattern.
        var command = new ArrayList<>(List.of(build.executable().toString(), in.toString(), out.toString(),
            StallRates.format(stalls.in()), StallRates.format(stalls.out()), Long.toString(seed + runs),
            Long.toString(budget)));
        if (vcd != null) {
          command.add(vcd.toAbsolutePath().toString());
        }
        long start = System.nanoTime();
        Verilator.run(command, runDir, "simulation of " + design.topName());
        long simNanos = System.nanoTime() - start;
        List<String> lines = Files.readAllLines(out);
        List<InferenceResult> results = parseResults(lines);
        lastMeasured = parseMeasured(lines);
        totals = totals.plus(vectors.size(), lastMeasured, simNanos);
        runs++;
        return new ExecutionReport(results, metrics(firstBuild));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        if (runDir != null) {
          FileTrees.delete(runDir);
        }
      }
    }

    private List<Metric> metrics(Verilator.Build build) {
      FoldingPlan plan = design.plan();
      Totals t = totals;
      String ii = t.iiMin() == 0 ? "n/a" : t.iiMin() == t.iiMax() ? Long.toString(t.iiMin()) : t.iiMin() + ".." + t.iiMax();
      return List.of(
          new Metric("II", ii + " cycles (predicted " + plan.initiationInterval() + ")"),
          new Metric("latency", t.firstLatency() + " cycles (predicted " + plan.latency() + ")"),
          new Metric("cycles", Long.toString(t.cycles())),
          new Metric("build", build.cached() ? "cached" : String.format(Locale.ROOT, "%.1f s", build.buildNanos() / 1e9)),
          new Metric("simulated vectors/s",
              String.format(Locale.ROOT, "%.4g", t.vectors() / Math.max(t.simNanos() / 1e9, 1e-9))));
    }
  }
}
