package dev.brainblitz.fpga;

import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.Harness;
import dev.brainblitz.hdlgen.HarnessResults;
import dev.brainblitz.hdlgen.StallRates;
import dev.brainblitz.hdlgen.Verilator;
import dev.brainblitz.hdlgen.VerilogDesign;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutionReport;
import dev.brainblitz.ir.exec.Metric;
import dev.brainblitz.ir.exec.Metric.Unit;
import dev.brainblitz.ir.exec.Executor;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.exec.ExecutorProvider;
import dev.brainblitz.ir.exec.ExecutorUnavailableException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Targets {@code netlist:ice40} and {@code netlist:xilinx}: the engine's top module synthesized by
 * Yosys for the family, written back as a netlist of primitives, and simulated in Verilator with
 * Yosys's cell models and the same harness as target {@code rtl}, every register and memory starting
 * from a random value. It takes the rtl target's folding options ({@code rtl.fold},
 * {@code rtl.targetCycles}, {@code rtl.pipelineLevels}, {@code rtl.stalls}, {@code rtl.seed}).
 * Netlists are cached in the fpga work directory, builds in its {@code verilator} directory.
 */
public final class NetlistExecutorProvider implements ExecutorProvider {
  public static final String ICE40 = "netlist:ice40";
  public static final String XILINX = "netlist:xilinx";

  @Override
  public List<String> targets() {
    return List.of(ICE40, XILINX);
  }

  @Override
  public boolean accepts(String target) {
    return ICE40.equals(target) || XILINX.equals(target);
  }

  @Override
  public Executor create(String target, Network network, ExecutorOptions options) {
    Family family = target.equals(ICE40) ? Family.ICE40 : Family.XC7;
    FoldingPlan plan = HardwareOptions.plan(network, options);
    StallRates stalls = HardwareOptions.rtl(options).stalls();
    long seed = HardwareOptions.rtl(options).seed();
    Path work = options.workDirectory().orElseGet(Workspace::defaultDirectory);
    Toolchain tools = Toolchain.fromEnvironment();
    tools.require(Tool.YOSYS, "target " + target);
    Verilator verilator = Verilator.find(work.resolve("verilator"));
    return new NetlistExecutor(target, family, network, VerilogDesign.of(network, plan), tools, work, verilator, stalls,
        seed);
  }

  /** The executor: synthesizes and builds on its first run, then simulates each batch. */
  static final class NetlistExecutor implements Executor {
    private final String target;
    private final Family family;
    private final Network network;
    private final VerilogDesign design;
    private final Toolchain tools;
    private final Path work;
    private final Verilator verilator;
    private final StallRates stalls;
    private final long seed;
    private Verilator.Build build;
    private Resources cells;
    private HarnessResults.Measured lastMeasured;
    private int runs;

    NetlistExecutor(String target, Family family, Network network, VerilogDesign design, Toolchain tools, Path work,
        Verilator verilator, StallRates stalls, long seed) {
      this.target = target;
      this.family = family;
      this.network = network;
      this.design = design;
      this.tools = tools;
      this.work = work;
      this.verilator = verilator;
      this.stalls = stalls;
      this.seed = seed;
    }

    @Override
    public String target() {
      return target;
    }

    @Override
    public ExecutionReport run(List<InputVector> vectors) {
      if (build == null) {
        var files = new LinkedHashMap<String, String>();
        files.put(design.verilogFileName(), design.verilog());
        files.putAll(design.memoryFiles());
        Workspace workspace = new Workspace(work, tools, message -> { });
        Path run = GateLevel.synthesize(workspace, family, files, design.topName(),
            dev.brainblitz.hdlgen.WeightLoad.needed(design.plan()));
        cells = CellCounts.resources(family, CellCounts.parse(GateLevel.read(run.resolve(FpgaProject.STAT))).design());
        var sources = new LinkedHashMap<String, String>();
        sources.put(design.topName() + ".v", GateLevel.read(run.resolve(GateLevel.NETLIST)));
        sources.put(GateLevel.CELLS, GateLevel.cellModels(tools, family));
        sources.put("harness.cpp", design.harness());
        build = verilator.build(design.topName(), sources,
            GateLevel.verilatorArguments(Harness.verilatorArguments(design.topName(), false, "-O1")));
      }
      FoldingPlan plan = design.plan();
      double slowdown = stalls.any() ? 20 / ((1 - stalls.in()) * (1 - stalls.out())) : 2;
      long budget = 1000 + (long) Math.ceil((plan.latency() + (double) vectors.size() * plan.initiationInterval())
          * slowdown);
      var arguments = new ArrayList<>(List.of(Double.toString(stalls.in()), Double.toString(stalls.out()),
          Long.toString(seed + runs), Long.toString(budget)));
      arguments.addAll(GateLevel.randomInitialState(seed + runs));
      List<String> lines = HarnessRun.run(work.resolve("netlist-runs"), design, vectors, build.executable(), arguments,
          "gate-level simulation of " + design.topName());
      HarnessResults parsed = HarnessResults.parse(lines);
      lastMeasured = parsed.measured();
      runs++;
      return new ExecutionReport(parsed.results(), metrics());
    }

    /** What the last simulation measured (II and latency of the netlist). */
    HarnessResults.Measured lastMeasured() {
      return lastMeasured;
    }

    private List<Metric> metrics() {
      FoldingPlan plan = design.plan();
      var metrics = new ArrayList<Metric>();
      if (lastMeasured.iiMin() > 0) {
        metrics.add(Metric.of("II", Unit.CYCLES, lastMeasured.iiMin()).upTo(lastMeasured.iiMax())
            .predicted(plan.initiationInterval()));
      }
      metrics.add(Metric.of("latency", Unit.CYCLES, lastMeasured.latency()).predicted(plan.latency()));
      metrics.add(Metric.of(family == Family.ICE40 ? "netlist LUT4" : "netlist LUT", Unit.CELLS, cells.luts()));
      metrics.add(Metric.of("netlist flip-flops", Unit.CELLS, cells.flipFlops()));
      return metrics;
    }
  }
}
