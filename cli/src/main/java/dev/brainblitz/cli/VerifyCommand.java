package dev.brainblitz.cli;

import dev.brainblitz.hdlgen.RtlExecutorProvider;
import dev.brainblitz.hdlgen.StallRates;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutionReport;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.exec.Executors;
import dev.brainblitz.ir.vectors.VectorFile;
import dev.brainblitz.sim.cosim.CoSimulation;
import dev.brainblitz.sim.kernel.IssExecutorProvider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Run several targets on the same vectors and compare them bit-exactly.",
      "Scores and class are compared with the first target (the reference);",
      "exit status 1 if any result differs."
    })
final class VerifyCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "MODEL", description = ModelArgument.DESCRIPTION)
  String model;

  @Option(names = "--targets", split = ",", defaultValue = "golden,engine", paramLabel = "TARGET",
      description = "Comma-separated targets, the first being the reference (default: ${DEFAULT-VALUE}). "
          + "Available: golden, engine, rtl (Verilator), netlist:ice40 and netlist:xilinx (the Yosys netlist at gate level), "
          + "board:icebreaker (the board top through its UART pins), iss:rv32im, iss:rv32im_zbb, iss:rv32im_xbnn (RISC-V "
          + "kernels on the simulator).")
  List<String> targets;

  @ArgGroup(exclusive = true)
  Vectors vectors = new Vectors();

  static final class Vectors {
    @Option(names = "--vectors", paramLabel = "N", description = "Compare on N random vectors (default: 1000).")
    Integer count;

    @Option(names = {"-i", "--input"}, paramLabel = "VECTORS", description = "Compare on the vectors of this file.")
    Path file;
  }

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
      description = "Seed of the random vectors (default: ${DEFAULT-VALUE}); the same seed gives the same vectors.")
  long seed;

  @Option(names = "--fold", paramLabel = "LAYER=PE,SIMD",
      description = "Target rtl: folding of a layer (repeatable), as for 'blitz verilog'.")
  List<String> folds = new ArrayList<>();

  @Option(names = "--target-cycles", paramLabel = "N",
      description = "Target rtl: cheapest folding whose initiation interval is at most N cycles (default 64).")
  Long targetCycles;

  @Option(names = "--pipeline-levels", paramLabel = "K",
      description = "Target rtl: adder-tree levels between pipeline registers, as for 'blitz verilog' (default 4).")
  Integer pipelineLevels;

  @Option(names = "--stalls", arity = "0..1", fallbackValue = "0.3", paramLabel = "RATE|in=RATE,out=RATE",
      converter = StallsConverter.class,
      description = "Target rtl: drop in_valid and out_ready at random, each cycle with chance RATE in [0, 1) "
          + "(a bare --stalls: 0.3), or at separate rates, e.g. in=0.2,out=0.5 (back-pressure test; the II is "
          + "then not steady).")
  StallRates stalls;

  @Option(names = "--vcd", paramLabel = "FILE", description = "Target rtl: dump a waveform (VCD, for GTKWave).")
  Path vcd;

  @Option(names = "--timing", paramLabel = "MODEL",
      description = "Targets iss:<isa>: the simulator's timing model for the cycle counts, ideal, cv32e40p or picorv32 "
          + "(default: cv32e40p).")
  String timing;

  @Override
  public Integer call() {
    if (timing != null && targets.stream().noneMatch(t -> t.startsWith("iss:"))) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--timing applies to the iss:<isa> targets, and --targets names none");
    }
    List<String> foldingOptions = new ArrayList<>();
    if (!folds.isEmpty()) {
      foldingOptions.add("--fold");
    }
    if (targetCycles != null) {
      foldingOptions.add("--target-cycles");
    }
    if (pipelineLevels != null) {
      foldingOptions.add("--pipeline-levels");
    }
    boolean rtl = targets.contains("rtl");
    boolean netlist = targets.stream().anyMatch(t -> t.startsWith("netlist:"));
    boolean board = targets.stream().anyMatch(t -> t.startsWith("board:"));
    requireTarget(foldingOptions, rtl || netlist || board, "the hardware targets (rtl, netlist:*, board:*)");
    requireTarget(stalls != null ? List.of("--stalls") : List.of(), rtl || netlist, "the rtl and netlist:* targets");
    requireTarget(vcd != null ? List.of("--vcd") : List.of(), rtl, "the rtl target");
    Network network = Network.of(ModelArgument.read(model));
    ExecutorOptions options = ExecutorOptions.DEFAULTS;
    if (!folds.isEmpty()) {
      options = options.with(RtlExecutorProvider.FOLD, String.join(";", folds));
    }
    if (targetCycles != null) {
      options = options.with(RtlExecutorProvider.TARGET_CYCLES, Long.toString(targetCycles));
    }
    if (pipelineLevels != null) {
      options = options.with(RtlExecutorProvider.PIPELINE_LEVELS, Integer.toString(pipelineLevels));
    }
    if (stalls != null) {
      options = options.with(RtlExecutorProvider.STALLS, stalls.toString()).with(RtlExecutorProvider.SEED, Long.toString(seed));
    }
    if (timing != null) {
      options = options.with(IssExecutorProvider.TIMING, timing);
    }
    if (vcd != null) {
      options = options.with(RtlExecutorProvider.VCD, vcd.toAbsolutePath().toString());
    }
    return verify(network, targets, vectors.file, vectors.count == null ? 1000 : vectors.count, seed,
        spec.commandLine().getOut(), options);
  }

  /** A usage error when {@code options} are given but no target in {@code targets} takes them. */
  private void requireTarget(List<String> options, boolean named, String targetsTakingThem) {
    if (!options.isEmpty() && !named) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), String.join(", ", options) + " appl"
          + (options.size() == 1 ? "ies" : "y") + " to " + targetsTakingThem + ", and --targets names none");
    }
  }

  /**
   * What the targets measured, one row per metric (its name carries the unit) and one column per
   * target that measured anything; empty when none did.
   */
  static String metricsTable(List<String> targets, List<List<ExecutionReport.Metric>> metrics, int vectors) {
    List<String> names = new ArrayList<>();
    List<Integer> columns = new ArrayList<>();
    for (int t = 0; t < targets.size(); t++) {
      if (!metrics.get(t).isEmpty()) {
        columns.add(t);
      }
      for (var metric : metrics.get(t)) {
        if (!names.contains(metric.name())) {
          names.add(metric.name());
        }
      }
    }
    if (columns.isEmpty()) {
      return "";
    }
    List<String[]> rows = new ArrayList<>();
    String[] header = new String[columns.size() + 1];
    header[0] = "measured";
    for (int c = 0; c < columns.size(); c++) {
      header[c + 1] = targets.get(columns.get(c));
    }
    rows.add(header);
    for (String name : names) {
      String[] row = new String[columns.size() + 1];
      row[0] = name;
      for (int c = 0; c < columns.size(); c++) {
        row[c + 1] = metrics.get(columns.get(c)).stream().filter(m -> m.name().equals(name))
            .map(ExecutionReport.Metric::value).findFirst().orElse("-");
      }
      rows.add(row);
    }
    String note = names.stream().anyMatch(n -> n.endsWith("/inference"))
        ? "  (.../inference: the mean over the " + vectors + " vectors)\n" : "";
    if (names.stream().anyMatch(n -> n.contains("/weight word") || n.contains("/(weight word"))) {
      note += "  (instructions per weight word: counted on the first vector, in those layers only)\n";
    }
    return Table.render(rows, 2) + note;
  }

  static int verify(Network network, List<String> targets, Path file, int count, long seed, PrintWriter out) {
    return verify(network, targets, file, count, seed, out, ExecutorOptions.DEFAULTS);
  }

  static int verify(Network network, List<String> targets, Path file, int count, long seed, PrintWriter out,
      ExecutorOptions options) {
    if (targets.size() < 2) {
      throw new UserException("--targets needs at least two targets to compare, e.g. golden,engine; known: "
          + String.join(", ", Executors.knownTargets()));
    }
    List<InputVector> inputs = file != null ? VectorSource.fromFile(file, network) : VectorSource.random(network, count, seed);
    String origin = file != null ? "vectors from " + file : "random vectors (seed " + seed + ")";
    out.printf(Locale.ROOT, "verify %s: %d %s, reference %s%n", network.name(), inputs.size(), origin, targets.get(0));
    out.flush();
    CoSimulation.Outcome outcome;
    try (var progress = new ConsoleProgress(inputs.size())) {
      outcome = CoSimulation.run(network, targets, inputs, options, progress);
    }

    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"target", "vectors", "mismatches", "wall time", "vectors/s"});
    for (var target : outcome.targets()) {
      boolean isReference = target == outcome.targets().get(0);
      double seconds = target.wallNanos() / 1e9;
      rows.add(new String[] {target.target(), Integer.toString(inputs.size()),
          isReference ? "(reference)" : Integer.toString(target.mismatches()), formatSeconds(seconds),
          String.format(Locale.ROOT, "%,.0f", inputs.size() / Math.max(seconds, 1e-9))});
    }
    out.print(Table.render(rows, 2));
    out.print(metricsTable(outcome.targets().stream().map(t -> t.target()).toList(),
        outcome.targets().stream().map(t -> t.report().metrics()).toList(), inputs.size()));
    if (outcome.agree()) {
      out.printf(Locale.ROOT, "OK: %s agree bit-exactly on %d vectors (scores and class)%n",
          String.join(", ", targets), inputs.size());
      return Blitz.OK;
    }
    for (var target : outcome.targets()) {
      if (target.firstMismatch().isEmpty()) {
        continue;
      }
      int index = target.firstMismatch().get();
      out.printf(Locale.ROOT, "MISMATCH: %s differs from %s on %d of %d vectors; first at vector %d:%n",
          target.target(), outcome.reference(), target.mismatches(), inputs.size(), index);
      out.printf(Locale.ROOT, "  %-10s %s%n", outcome.reference(), outcome.referenceResult(index));
      out.printf(Locale.ROOT, "  %-10s %s%n", target.target(), target.report().results().get(index));
      out.printf(Locale.ROOT, "  vector (vectors-file form): %s", VectorFile.write(List.of(inputs.get(index))));
    }
    return Blitz.USER_ERROR;
  }

  /** {@code RATE} or {@code in=RATE,out=RATE} with rates in [0, 1). */
  static final class StallsConverter implements CommandLine.ITypeConverter<StallRates> {
    @Override
    public StallRates convert(String value) {
      try {
        return StallRates.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  static String formatSeconds(double seconds) {
    if (seconds >= 1) {
      return String.format(Locale.ROOT, "%.2f s", seconds);
    }
    if (seconds >= 1e-3) {
      return String.format(Locale.ROOT, "%.1f ms", seconds * 1e3);
    }
    return String.format(Locale.ROOT, "%.0f us", seconds * 1e6);
  }
}
