package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutionReport;
import dev.brainblitz.ir.exec.Executor;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.exec.ExecutorProvider;
import dev.brainblitz.ir.exec.Metric;
import dev.brainblitz.ir.exec.Metric.Unit;
import dev.brainblitz.ir.exec.Replay;
import dev.brainblitz.ir.io.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
  /** The harness's input and output files in a run directory, as the replay Makefile names them. */
  private static final String VECTORS = "vectors.txt";
  private static final String RESULTS = "results.txt";

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
    return new RtlExecutor(VerilogDesign.of(network, plan), verilator, work, rtl.stalls(), rtl.seed(),
        rtl.vcd().orElse(null), rtl.optimization());
  }

  static Path defaultWorkDirectory() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("brain-blitz").resolve("rtl");
  }

  /**
   * What every run of an executor measured together: {@code firstLatency} from its first run, the
   * II range over all runs with at least two results (0 when none had), totals of vectors, cycles
   * and simulation wall time.
   */
  public record Totals(long vectors, long cycles, long iiMin, long iiMax, long firstLatency, long simNanos) {
    static final Totals EMPTY = new Totals(0, 0, 0, 0, -1, 0);

    Totals plus(int runVectors, HarnessResults.Measured m, long runNanos) {
      boolean steady = runVectors >= 2;
      long min = !steady ? iiMin : iiMin == 0 ? m.iiMin() : Math.min(iiMin, m.iiMin());
      long max = !steady ? iiMax : Math.max(iiMax, m.iiMax());
      return new Totals(vectors + runVectors, cycles + m.cycles(), min, max, firstLatency < 0 ? m.latency() : firstLatency,
          simNanos + runNanos);
    }
  }

  /**
   * The executor; {@link #lastMeasured()} and {@link #totals()} expose the measurements to tests.
   *
   * <p>Each run simulates in its own directory under {@code <work>/runs} (vectors, memory files,
   * results), deleted on {@link #close} unless kept for replay: a run that fails is kept at once (its
   * path is in the exception), and {@link #keepForReplay} keeps the run of a result the caller found
   * wrong. A kept directory also holds the design, the harness and the replay Makefile, so
   * {@link Replay#command()} rebuilds and reruns it, stalls and seed included, without Java.
   */
  public static final class RtlExecutor implements Executor {
    private final VerilogDesign design;
    private final Verilator verilator;
    private final Path work;
    private final StallRates stalls;
    private final long seed;
    private final Path vcd;
    private final String optimization;
    private HarnessResults.Measured lastMeasured;
    private Totals totals = Totals.EMPTY;
    private final List<Run> runs = new ArrayList<>();
    private final Set<Run> kept = new HashSet<>();
    private Verilator.Build firstBuild;

    /** One simulation: its directory, the results it computed (from result {@code first}) and its stall seed. */
    private record Run(Path directory, int first, int count, long seed) {}

    RtlExecutor(VerilogDesign design, Verilator verilator, Path work, StallRates stalls, long seed, Path vcd,
        String optimization) {
      this.design = design;
      this.verilator = verilator;
      this.work = work.toAbsolutePath();
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

    public HarnessResults.Measured lastMeasured() {
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
      Run run;
      try {
        // Each run is seeded differently, so batches do not repeat one stall pattern.
        run = new Run(Files.createTempDirectory(Files.createDirectories(work.resolve("runs")), "run-"),
            runs.isEmpty() ? 0 : last().first() + last().count(), vectors.size(), seed + runs.size());
        runs.add(run);
        Files.writeString(run.directory().resolve(VECTORS), VerilogDesign.vectorsFile(vectors));
        design.writeMemoryFiles(run.directory());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      FoldingPlan plan = design.plan();
      // A cycle budget far above what the run needs, so a hung design fails instead of running forever.
      double slowdown = stalls.any() ? 20 / ((1 - stalls.in()) * (1 - stalls.out())) : 2;
      long budget = 1000 + (long) Math.ceil((plan.latency() + (double) vectors.size() * plan.initiationInterval()) * slowdown);
      var command = new ArrayList<>(List.of(build.executable().toString(), VECTORS, RESULTS,
          StallRates.format(stalls.in()), StallRates.format(stalls.out()), Long.toString(run.seed()),
          Long.toString(budget)));
      if (vcd != null) {
        command.add(vcd.toAbsolutePath().toString());
      }
      HarnessResults harness;
      long simNanos;
      try {
        long start = System.nanoTime();
        Verilator.run(command, run.directory(), "simulation of " + design.topName());
        simNanos = System.nanoTime() - start;
        harness = HarnessResults.parse(Files.readAllLines(run.directory().resolve(RESULTS)));
      } catch (IOException | RuntimeException e) {
        Replay replay = keep(run);
        throw new IllegalStateException(String.valueOf(e.getMessage()).strip() + "\nThe run is kept in " + replay.directory()
            + "; replay it without Java: " + replay.command(), e);
      }
      lastMeasured = harness.measured();
      totals = totals.plus(vectors.size(), lastMeasured, simNanos);
      return new ExecutionReport(harness.results(), metrics(firstBuild));
    }

    @Override
    public Optional<Replay> keepForReplay(int vector) {
      for (Run run : runs) {
        if (vector >= run.first() && vector < run.first() + run.count()) {
          return Optional.of(keep(run));
        }
      }
      throw new IllegalArgumentException("no run of this executor computed result " + vector);
    }

    /** Keeps {@code run}'s directory past {@link #close}, with everything its replay needs. */
    private Replay keep(Run run) {
      try {
        design.writeTo(run.directory());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      kept.add(run);
      return new Replay(run.directory(), "make -C " + run.directory() + " STALL_IN=" + StallRates.format(stalls.in())
          + " STALL_OUT=" + StallRates.format(stalls.out()) + " SEED=" + run.seed());
    }

    private Run last() {
      return runs.get(runs.size() - 1);
    }

    /** Deletes the directories of the runs not kept for replay. */
    @Override
    public void close() {
      for (Run run : runs) {
        if (!kept.contains(run)) {
          FileTrees.delete(run.directory());
        }
      }
      runs.removeIf(run -> !kept.contains(run));
    }

    /**
     * II (when measured: a range if it varied) and first-result latency next to their predictions,
     * the cycles simulated, the build time of the first run's build (0 when it came from the cache)
     * and vectors simulated per second.
     */
    private List<Metric> metrics(Verilator.Build build) {
      FoldingPlan plan = design.plan();
      Totals t = totals;
      var metrics = new ArrayList<Metric>();
      if (t.iiMin() > 0) {
        metrics.add(Metric.of("II", Unit.CYCLES, t.iiMin()).upTo(t.iiMax()).predicted(plan.initiationInterval()));
      }
      metrics.add(Metric.of("latency", Unit.CYCLES, t.firstLatency()).predicted(plan.latency()));
      metrics.add(Metric.of("simulated", Unit.CYCLES, t.cycles()));
      metrics.add(Metric.of("build", Unit.SECONDS, build.buildNanos() / 1e9));
      metrics.add(Metric.of("simulation", Unit.VECTORS_PER_SECOND, t.vectors() / Math.max(t.simNanos() / 1e9, 1e-9)));
      return metrics;
    }
  }
}
