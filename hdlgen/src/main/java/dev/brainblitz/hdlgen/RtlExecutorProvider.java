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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
   * II range over all runs with at least two results (0 when none had), totals of vectors, cycles,
   * the wall time of the runs as the executor saw them ({@code simNanos}: sending the vectors,
   * simulating, reading the results) and the time the simulation binary spent simulating
   * ({@code harnessNanos}).
   */
  public record Totals(long vectors, long cycles, long iiMin, long iiMax, long firstLatency, long simNanos,
      long harnessNanos) {
    static final Totals EMPTY = new Totals(0, 0, 0, 0, -1, 0, 0);

    Totals plus(int runVectors, HarnessResults.Measured m, long runNanos, long runHarnessNanos) {
      boolean steady = runVectors >= 2;
      long min = !steady ? iiMin : iiMin == 0 ? m.iiMin() : Math.min(iiMin, m.iiMin());
      long max = !steady ? iiMax : Math.max(iiMax, m.iiMax());
      return new Totals(vectors + runVectors, cycles + m.cycles(), min, max, firstLatency < 0 ? m.latency() : firstLatency,
          simNanos + runNanos, harnessNanos + runHarnessNanos);
    }
  }

  /**
   * The executor; {@link #lastMeasured()} and {@link #totals()} expose the measurements to tests.
   *
   * <p>The first run builds the design (or finds it in the cache) and starts one simulation process
   * in the harness's streaming mode ({@link HarnessStream}), in a directory under
   * {@code <work>/runs} that holds the memory files; every run is one batch streamed through it,
   * simulated from reset with its own stall seed, and {@link #close} ends the process and deletes
   * the directory. A batch is kept for replay in a directory of its own under {@code <work>/runs}
   * (the design, the harness, the replay Makefile, its vectors and results files): a batch that fails
   * is kept at once (its path is in the exception), and {@link #keepForReplay} keeps the batch of a
   * result the caller found wrong. {@link Replay#command()} reruns it without Java through the
   * harness's file mode, stalls and seed included, cycle for cycle. A failed batch ends the process;
   * the next run starts a new one.
   */
  public static final class RtlExecutor implements Executor {
    /** Wall-clock time a batch may take beyond its cycle budget at this many cycles per second. */
    private static final double SLOWEST_CYCLES_PER_SECOND = 2_000;
    private static final java.time.Duration DEADLINE_MARGIN = java.time.Duration.ofSeconds(120);

    private final VerilogDesign design;
    private final Verilator verilator;
    private final Path work;
    private final StallRates stalls;
    private final long seed;
    private final Path vcd;
    private final String optimization;
    private HarnessResults.Measured lastMeasured;
    private Totals totals = Totals.EMPTY;
    private final List<Batch> batches = new ArrayList<>();
    private final Map<Batch, Replay> kept = new HashMap<>();
    private Verilator.Build firstBuild;
    private HarnessStream stream;
    private Path session;

    /** One batch: the results it computed (from result {@code first}), its vectors and its stall seed. */
    private record Batch(int first, List<InputVector> vectors, HarnessResults results, long seed) {
      int count() {
        return vectors.size();
      }
    }

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
      if (firstBuild == null) {
        var sources = new java.util.LinkedHashMap<String, String>();
        sources.put(design.verilogFileName(), design.verilog());
        sources.putAll(design.memoryFiles());
        sources.put("harness.cpp", design.harness());
        firstBuild = verilator.build(design.topName(), sources,
            Harness.verilatorArguments(design.topName(), vcd != null, optimization));
      }
      int first = batches.isEmpty() ? 0 : last().first() + last().count();
      // Each batch is seeded differently, so batches do not repeat one stall pattern.
      long batchSeed = seed + batches.size();
      FoldingPlan plan = design.plan();
      // A cycle budget far above what the batch needs, so a hung design fails instead of running forever.
      double slowdown = stalls.any() ? 20 / ((1 - stalls.in()) * (1 - stalls.out())) : 2;
      long budget = 1000 + (long) Math.ceil((plan.latency() + (double) vectors.size() * plan.initiationInterval()) * slowdown);
      var deadline = DEADLINE_MARGIN.plusMillis((long) (budget * 1000 / SLOWEST_CYCLES_PER_SECOND));
      HarnessStream.Batch answer;
      long start = System.nanoTime();
      try {
        answer = stream().run(vectors, batchSeed, budget, deadline);
      } catch (RuntimeException e) {
        endStream();
        var failed = new Batch(first, List.copyOf(vectors),
            new HarnessResults(List.of(), new HarnessResults.Measured(0, 0, 0, 0)), batchSeed);
        batches.add(failed);
        throw failure(e.getMessage(), failed);
      }
      long nanos = System.nanoTime() - start;
      var batch = new Batch(first, List.copyOf(vectors), new HarnessResults(answer.results(), answer.measured()),
          batchSeed);
      batches.add(batch);
      if (answer.results().size() < vectors.size()) {
        endStream();
        throw failure("timeout: " + answer.results().size() + " of " + vectors.size() + " results after "
            + answer.measured().cycles() + " cycles", batch);
      }
      lastMeasured = answer.measured();
      totals = totals.plus(vectors.size(), lastMeasured, nanos, answer.harnessNanos());
      return new ExecutionReport(answer.results(), metrics(firstBuild));
    }

    private IllegalStateException failure(String message, Batch batch) {
      Replay replay = keep(batch);
      return new IllegalStateException(String.valueOf(message).strip() + "\nThe run is kept in " + replay.directory()
          + "; replay it without Java: " + replay.command());
    }

    /** The running simulation process, started (with its directory and memory files) on first use. */
    private HarnessStream stream() {
      if (stream == null) {
        try {
          session = Files.createTempDirectory(Files.createDirectories(work.resolve("runs")), "sim-");
          design.writeMemoryFiles(session);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        stream = HarnessStream.start(firstBuild.executable(), session, stalls, vcd,
            (Widths.inputWidth(design.network()) + 31) / 32, design.network().classes(),
            "simulation of " + design.topName());
      }
      return stream;
    }

    private void endStream() {
      if (stream != null) {
        stream.close();
        stream = null;
        FileTrees.delete(session);
        session = null;
      }
    }

    @Override
    public Optional<Replay> keepForReplay(int vector) {
      for (Batch batch : batches) {
        if (vector >= batch.first() && vector < batch.first() + batch.count()) {
          return Optional.of(keep(batch));
        }
      }
      throw new IllegalArgumentException("no run of this executor computed result " + vector);
    }

    /**
     * Writes {@code batch} into a directory of its own that outlives {@link #close}: the design, the
     * harness, the replay Makefile, its vectors file and the results it gave.
     */
    private Replay keep(Batch batch) {
      Replay replay = kept.get(batch);
      if (replay != null) {
        return replay;
      }
      try {
        Path directory = Files.createTempDirectory(Files.createDirectories(work.resolve("runs")), "run-");
        design.writeTo(directory);
        Files.writeString(directory.resolve(VECTORS), VerilogDesign.vectorsFile(batch.vectors()));
        Files.writeString(directory.resolve(RESULTS), batch.results().text());
        replay = new Replay(directory, "make -C " + directory + " STALL_IN=" + StallRates.format(stalls.in())
            + " STALL_OUT=" + StallRates.format(stalls.out()) + " SEED=" + batch.seed());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      kept.put(batch, replay);
      return replay;
    }

    private Batch last() {
      return batches.get(batches.size() - 1);
    }

    /** Ends the simulation process and deletes its directory; kept batches stay. */
    @Override
    public void close() {
      endStream();
    }

    /**
     * II (when measured: a range if it varied) and first-result latency next to their predictions,
     * the cycles simulated, the build time of the first run's build (0 when it came from the cache),
     * vectors per second as the executor saw them and inside the simulation binary alone.
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
      metrics.add(Metric.of("binary alone", Unit.VECTORS_PER_SECOND,
          t.vectors() / Math.max(t.harnessNanos() / 1e9, 1e-9)));
      return metrics;
    }
  }
}
