package dev.brainblitz.cli;

import dev.brainblitz.examples.Examples;
import dev.brainblitz.fpga.Device;
import dev.brainblitz.fpga.FpgaFlow;
import dev.brainblitz.fpga.FpgaOutcome;
import dev.brainblitz.fpga.FpgaProject;
import dev.brainblitz.fpga.FpgaReport;
import dev.brainblitz.fpga.FpgaTarget;
import dev.brainblitz.fpga.Tool;
import dev.brainblitz.fpga.Toolchain;
import dev.brainblitz.fpga.Workspace;
import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.RtlExecutorProvider;
import dev.brainblitz.hdlgen.RtlOptions;
import dev.brainblitz.hdlgen.Verilator;
import dev.brainblitz.hdlgen.VerilogDesign;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.exec.ExecutorUnavailableException;
import dev.brainblitz.ir.exec.Metric;
import dev.brainblitz.ir.io.AtomicFiles;
import dev.brainblitz.ir.random.RandomNetworks;
import dev.brainblitz.riscv.lower.IlToRiscv;
import dev.brainblitz.riscv.lower.Isa;
import dev.brainblitz.riscv.lower.LoweredKernel;
import dev.brainblitz.sim.cosim.CoSimulation;
import dev.brainblitz.sim.kernel.IssOptions;
import dev.brainblitz.train.Evaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "The whole system on the bundled default model (fashion-mlp, a 784-256-256-10 binary network with 8-bit "
          + "input trained on Fashion-MNIST): check it; verify the fast engine, the three RISC-V kernels on the "
          + "cycle-level simulator and, when Verilator is installed, the generated Verilog against the golden model "
          + "on random vectors; measure its accuracy on the bundled 1,000 Fashion-MNIST test images; time the "
          + "warmed-up engine; measure the plain-C baseline on the simulator (when riscv64-unknown-elf-gcc is "
          + "installed) and, when Yosys and nextpnr-ice40 are installed, place the small bundled model 'tiny' on an "
          + "iCE40 UP5K. Ends with a summary of what each executor costs and writes what it generated (Verilog with "
          + "its replay Makefile, the three RISC-V kernels and their C header, the reports) into one directory."
    })
final class DemoCommand implements Callable<Integer> {
  /** The clock the summary predicts the RTL's frame rate at. */
  static final double SUMMARY_MHZ = 100;
  /** The FPGA part of the demo: a small model on a small device, a few seconds of Yosys and nextpnr. */
  static final Examples FPGA_MODEL = Examples.TINY;
  static final String FPGA_DEVICE = "up5k";
  /**
   * The folding of the demo's RTL: II at most 1024 cycles. Its Verilog is a ninth of the default
   * folding's (II 64), so a cold Verilator build takes about 15 s of CPU instead of 40 and the demo
   * stays within 3 minutes on 2 busy cores; the summary also gives the default folding's prediction.
   */
  static final long RTL_TARGET_CYCLES = 1024;
  /** Vectors of the plain-C baseline's run: its first layer costs about 3 million cycles per inference. */
  static final int BASELINE_VECTORS = 4;

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-o", "--output"}, defaultValue = "blitz-demo", paramLabel = "DIR",
      description = "Directory to write the generated files and reports into (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--vectors", defaultValue = "300", paramLabel = "N",
      description = "Number of random vectors to verify on, 1 to 100000 (default: ${DEFAULT-VALUE}).")
  int vectors;

  @Option(names = "--bench-seconds", defaultValue = "2", paramLabel = "S",
      description = "Seconds to time the warmed-up engine, 0 to 60 (default: ${DEFAULT-VALUE}; 0 skips the timing).")
  double benchSeconds;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the random vectors (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--no-rtl", description = "Skip the Verilator run even when Verilator is installed.")
  boolean noRtl;

  @Option(names = "--no-fpga", description = "Skip Yosys and nextpnr even when they are installed.")
  boolean noFpga;

  /** One row of the summary: what ran, its figure, and how the figure was obtained. */
  private record Row(String what, String figure, String how) {}

  @Override
  public Integer call() throws IOException {
    if (vectors < 1 || vectors > 100_000) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--vectors must be in 1..100000, got " + vectors);
    }
    if (!(benchSeconds >= 0 && benchSeconds <= 60)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--bench-seconds must be in [0, 60] (0 skips the timing), got " + benchSeconds);
    }
    Outputs.requireDirectory(spec, "-o", output);
    long start = System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    Examples example = Examples.defaultModel();
    String modelPath = "examples/models/" + example.fileName();
    Network network = example.network();
    var files = new LinkedHashMap<Path, byte[]>();
    var rows = new ArrayList<Row>();
    var problems = new ArrayList<String>();

    section(out, 1, "blitz check " + modelPath);
    out.print(ModelSummary.of(network));

    Optional<String> noVerilator = noRtl ? Optional.of("skipped (--no-rtl)") : verilatorMissing();
    List<String> targets = new ArrayList<>(List.of("golden", "engine", "iss:rv32im", "iss:rv32im_zbb", "iss:rv32im_xbnn"));
    if (noVerilator.isEmpty()) {
      targets.add(RtlExecutorProvider.TARGET);
    }
    section(out, 2, "blitz verify " + modelPath + " --targets " + String.join(",", targets) + " --vectors " + vectors
        + " --seed " + seed + (noVerilator.isEmpty() ? " --target-cycles " + RTL_TARGET_CYCLES : ""));
    noVerilator.ifPresent(why -> out.println("(target rtl: " + why + ")"));
    if (noVerilator.isEmpty()) {
      out.println("(target rtl: folded to II <= " + RTL_TARGET_CYCLES + " cycles, as with --target-cycles "
          + RTL_TARGET_CYCLES + ", to keep the first Verilator build short; later runs reuse the build)");
    }
    out.flush();
    List<InputVector> inputs = VectorSource.random(network, vectors, seed);
    CoSimulation.Outcome outcome = VerifyCommand.compare(network, targets, inputs, "random vectors (seed " + seed + ")",
        out, ExecutorOptions.DEFAULTS.with(RtlOptions.DEFAULTS.withTargetCycles(RTL_TARGET_CYCLES)));
    if (!outcome.agree()) {
      out.println("the demo stops here: a target disagrees with the golden model (above)");
      return Blitz.USER_ERROR;
    }

    section(out, 3, "blitz infer " + modelPath + " --dataset fashion-mnist --data examples/data/" + Examples.FASHION_SLICE);
    Evaluation evaluation = InferCommand.evaluation(network, Examples.fashionTestSlice(), "engine");
    out.println("infer " + network.name() + " on the first " + Examples.fashionTestSlice().count()
        + " Fashion-MNIST test images (target engine)");
    out.print(evaluation.report(dev.brainblitz.train.data.Dataset.FASHION_MNIST.classNames()));
    rows.add(new Row("accuracy", String.format(Locale.ROOT, "%.1f %%", evaluation.accuracy() * 100),
        Examples.fashionTestSlice().count() + " Fashion-MNIST test images, engine"));

    if (benchSeconds > 0) {
      section(out, 4, "blitz bench " + modelPath + " --seconds " + number(benchSeconds));
      var timing = BenchCommand.print(network, benchSeconds, out);
      rows.add(new Row("engine (Java)", String.format(Locale.ROOT, "%.2f us/inference", timing.batch1Micros()),
          "one thread, warmed up, batch 1 (" + String.format(Locale.ROOT, "%.2f", timing.batch256Micros())
              + " at batch 256)"));
    } else {
      section(out, 4, "blitz bench: skipped (--bench-seconds 0)");
    }
    section(out, 5, "the plain-C baseline (bench/c-baseline, gcc -O3 -march=rv32im_zbb) on the simulator");
    Optional<String> noBaseline = CBaselineRun.unavailable();
    Double baselineCycles = null;
    Row baselineRow = new Row("plain C", "not measured", "the build failed (above)");
    if (noBaseline.isPresent()) {
      out.println("skipped: " + noBaseline.get());
      baselineRow = new Row("plain C", "not measured", noBaseline.get());
    } else {
      try {
        var baseline = CBaselineRun.measure(network, inputs.subList(0, Math.min(BASELINE_VECTORS, inputs.size())),
            IssOptions.DEFAULTS.timing());
        out.printf(Locale.ROOT, "plain C on %s: %,.0f cycles/inference, %,.0f instructions/inference (%d vectors, "
            + "results equal the golden model's)%n", IssOptions.DEFAULTS.timing().spec(), baseline.cyclesPerInference(),
            baseline.instructionsPerInference(), baseline.inferences());
        baselineCycles = baseline.cyclesPerInference();
        baselineRow = new Row("plain C", String.format(Locale.ROOT, "%,.0f cycles/inference", baseline.cyclesPerInference()),
            "bench/c-baseline built by gcc, on the simulator, " + IssOptions.DEFAULTS.timing().spec() + " timing, "
                + baseline.inferences() + " vectors");
        baseline.files().forEach((name, bytes) -> files.put(output.resolve("c-baseline").resolve(name), bytes));
      } catch (UserException e) {
        out.println("FAILED: " + e.getMessage());
        problems.add("plain-C baseline: " + e.getMessage());
      }
    }

    for (var target : outcome.targets()) {
      OptionalDouble cycles = metric(target.report().metrics(), "time", Metric.Unit.CYCLES_PER_INFERENCE);
      if (target.target().startsWith("iss:") && cycles.isPresent()) {
        rows.add(new Row(target.target(), String.format(Locale.ROOT, "%,.0f cycles/inference", cycles.getAsDouble())
            + (baselineCycles == null ? "" : String.format(Locale.ROOT, " (%.1fx fewer than plain C)",
                baselineCycles / cycles.getAsDouble())), "generated kernel on the simulator, "
                + IssOptions.DEFAULTS.timing().spec() + " timing, mean of " + inputs.size() + " vectors"));
      }
    }
    rows.add(baselineRow);

    FoldingPlan plan = FoldingPlan.of(network, List.of(), RTL_TARGET_CYCLES);
    FoldingPlan fastest = FoldingPlan.of(network, List.of(), null);
    var rtl = outcome.targets().stream().filter(t -> t.target().equals(RtlExecutorProvider.TARGET)).findFirst();
    String folding = "--target-cycles " + RTL_TARGET_CYCLES;
    if (rtl.isPresent()) {
      var metrics = rtl.get().report().metrics();
      double ii = metric(metrics, "II", Metric.Unit.CYCLES).orElse(plan.initiationInterval());
      double latency = metric(metrics, "latency", Metric.Unit.CYCLES).orElse(plan.latency());
      rows.add(new Row("rtl (Verilator)", String.format(Locale.ROOT, "II %.0f cycles, latency %.0f cycles", ii, latency),
          "measured in simulation, " + folding + " (predicted " + plan.initiationInterval() + ", " + plan.latency() + ")"));
      rows.add(new Row("", framesPerSecond(ii), "predicted from the measured II: " + number(SUMMARY_MHZ) + " MHz / II"));
    } else {
      rows.add(new Row("rtl", "II " + plan.initiationInterval() + " cycles, latency " + plan.latency() + " cycles",
          "predicted, " + folding + " (Verilator not run)"));
      rows.add(new Row("", framesPerSecond(plan.initiationInterval()), "predicted: " + number(SUMMARY_MHZ) + " MHz / II"));
    }
    rows.add(new Row("rtl, default folding", "II " + fastest.initiationInterval() + " cycles, "
        + framesPerSecond(fastest.initiationInterval()), "predicted (blitz verify " + example.shortName()
        + " --targets golden,rtl measures it)"));

    Network small = FPGA_MODEL.network();
    Device device = Device.find(FPGA_DEVICE).orElseThrow();
    section(out, 6, "blitz fpga " + FPGA_MODEL.shortName() + " --device " + FPGA_DEVICE
        + "   (the small bundled model: fashion-mlp's ROMs alone exceed the UP5K's 5,280 LUTs)");
    Toolchain tools = Toolchain.fromEnvironment();
    Optional<String> noFpgaTools = noFpga ? Optional.of("skipped (--no-fpga)") : fpgaToolsMissing(tools);
    if (noFpgaTools.isPresent()) {
      out.println(noFpgaTools.get());
      rows.add(new Row("fpga", "not measured", noFpgaTools.get()));
    } else {
      PrintWriter err = spec.commandLine().getErr();
      Workspace workspace = new Workspace(Workspace.defaultDirectory(), tools, message -> {
        err.println("blitz demo: " + message);
        err.flush();
      });
      try {
        FpgaTarget target = FpgaTarget.of(device, FpgaTarget.DEFAULT_MHZ);
        FpgaOutcome fpga = FpgaFlow.run(FpgaProject.of(VerilogDesign.of(small, FoldingPlan.of(small, List.of(), null)),
            target), workspace);
        var versions = new LinkedHashMap<String, String>();
        for (var step : fpga.project().steps()) {
          versions.put(step.tool().command(), workspace.version(step.tool()));
        }
        FpgaReport report = FpgaReport.of(fpga, versions);
        out.print(report.render());
        files.putAll(FpgaCommand.files(fpga, report, output.resolve("fpga-" + FPGA_MODEL.shortName() + "-" + FPGA_DEVICE)));
        rows.add(new Row("fpga " + FPGA_MODEL.shortName() + " on " + FPGA_DEVICE, String.format(Locale.ROOT,
            "%,d LUT4, %,d flip-flops, Fmax %s", fpga.total().luts(), fpga.total().flipFlops(),
            fpga.fmaxMhz().map(f -> String.format(Locale.ROOT, "%.1f MHz", f)).orElse("-")),
            "Yosys + nextpnr-ice40, with the byte-stream shell; II " + fpga.project().design().plan().initiationInterval()
                + " cycles"));
      } catch (DiagnosticException e) {
        out.print(e.render());
        problems.add("fpga: " + e.getMessage());
      }
    }

    // The generated files: Verilog with its replay Makefile, the kernels and their header, the reports.
    Path verilog = output.resolve("verilog");
    VerilogDesign design = VerilogDesign.of(network, plan);
    design.files().forEach((name, text) -> files.put(verilog.resolve(name), bytes(text)));
    files.put(verilog.resolve("vectors.txt"), bytes(VerilogDesign.vectorsFile(RandomNetworks.vectors(seed, network, 16))));
    Path riscv = output.resolve("riscv");
    String header = null;
    for (Isa isa : List.of(Isa.values())) {
      LoweredKernel kernel = IlToRiscv.lower(network, isa);
      files.put(riscv.resolve(network.name() + "_" + isa.keyword() + ".S"), bytes(kernel.assembly()));
      header = kernel.header();
    }
    files.put(riscv.resolve(network.name() + ".h"), bytes(header));
    String summary = summary(network, rows);
    files.put(output.resolve("summary.txt"), bytes(summary));
    AtomicFiles.writeAll(files);

    out.println();
    out.print(summary);
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf(Locale.ROOT, "demo took %.1f s (wall time)%n", seconds);
    for (String problem : problems) {
      out.println("FAILED: " + problem);
    }
    out.println();
    out.println("wrote " + output + "/: verilog/ (" + design.verilogFileName() + ", harness, Makefile: make -C " + verilog
        + " replays the simulation), riscv/ (three .S kernels and " + network.name() + ".h)"
        + (files.keySet().stream().anyMatch(p -> p.startsWith(output.resolve("c-baseline"))) ? ", c-baseline/" : "")
        + (files.keySet().stream().anyMatch(p -> p.startsWith(output.resolve("fpga-" + FPGA_MODEL.shortName() + "-"
            + FPGA_DEVICE))) ? ", fpga-" + FPGA_MODEL.shortName() + "-" + FPGA_DEVICE + "/" : "")
        + ", summary.txt");
    out.println("next: make -C " + verilog + "   or   ./blitz verify mlp784 --targets golden,iss:rv32im_xbnn "
        + "--timing picorv32   or   ./blitz --help");
    return problems.isEmpty() ? Blitz.OK : Blitz.USER_ERROR;
  }

  private static void section(PrintWriter out, int step, String title) {
    out.println();
    out.println("== " + step + "/6 " + title);
    out.flush();
  }

  /** Why the rtl target cannot run here (with the package to install), or empty when it can. */
  private static Optional<String> verilatorMissing() {
    try {
      Verilator.find(Path.of(System.getProperty("java.io.tmpdir")));
      return Optional.empty();
    } catch (ExecutorUnavailableException e) {
      return Optional.of("skipped, Verilator is not installed: sudo apt-get install verilator");
    }
  }

  private static Optional<String> fpgaToolsMissing(Toolchain tools) {
    var missing = new ArrayList<String>();
    for (Tool tool : List.of(Tool.YOSYS, Tool.NEXTPNR_ICE40, Tool.ICEPACK)) {
      if (tools.find(tool).isEmpty()) {
        missing.add(tool.debianPackage());
      }
    }
    return missing.isEmpty() ? Optional.empty()
        : Optional.of("skipped, the FPGA tools are not installed: sudo apt-get install " + String.join(" ", missing));
  }

  private static OptionalDouble metric(List<Metric> metrics, String key, Metric.Unit unit) {
    return metrics.stream().filter(m -> m.key().equals(key) && m.unit() == unit).mapToDouble(Metric::value).findFirst();
  }

  private static String framesPerSecond(double ii) {
    return String.format(Locale.ROOT, "%,.0f frames/s at %s MHz", SUMMARY_MHZ * 1e6 / ii, number(SUMMARY_MHZ));
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The summary table: what each executor of {@code network} costs. */
  static String summary(Network network, List<Row> rows) {
    var table = new ArrayList<String[]>();
    table.add(new String[] {"", "figure", "how"});
    for (Row row : rows) {
      table.add(new String[] {row.what(), row.figure(), row.how()});
    }
    return "summary: " + network.name() + "\n" + Table.render(table, 2);
  }
}
