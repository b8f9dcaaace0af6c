package dev.brainblitz.cli;

import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.LayerFold;
import dev.brainblitz.hdlgen.RtlOptions;
import dev.brainblitz.hdlgen.StallRates;
import dev.brainblitz.hdlgen.ConvWindow;
import dev.brainblitz.hdlgen.LineStorage;
import dev.brainblitz.hdlgen.InputPort;
import dev.brainblitz.hdlgen.WeightStorage;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.exec.Executors;
import dev.brainblitz.ir.exec.Metric;
import dev.brainblitz.ir.faults.FaultClass;
import dev.brainblitz.ir.faults.FaultSpec;
import dev.brainblitz.ir.faults.InputFaults;
import dev.brainblitz.ir.faults.StaticFaults;
import dev.brainblitz.ir.vectors.VectorFile;
import dev.brainblitz.sim.cosim.CoSimulation;
import dev.brainblitz.sim.iss.TimingModel;
import dev.brainblitz.sim.kernel.IssOptions;
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
          + "board:icebreaker (the board top through its UART pins), iss:rv32im, iss:rv32im_zbb, iss:rv32im_xbnn, iss:rv32im_xbnn2 (RISC-V "
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
      description = "Target rtl: cheapest folding whose initiation interval is at most N cycles (default 64, or 8 x the largest convolution's output pixels).")
  Long targetCycles;

  @Option(names = "--pipeline-levels", paramLabel = "K",
      description = "Target rtl: adder-tree levels between pipeline registers, as for 'blitz verilog' (default 4).")
  Integer pipelineLevels;

  @Option(names = "--dsp-adders", paramLabel = "N|all", converter = DspAddersOption.Converter.class,
      description = "Targets rtl, netlist:*, board:*: sum up to N adder-tree nodes (all: every node that qualifies) in"
          + " the DSP48E1 form, as for 'blitz verilog' (meant for Xilinx; on iCE40 the form is a multiplier in logic).")
  Long dspAdders;

  @Option(names = "--weights", paramLabel = "STYLE|LAYER=STYLE", converter = WeightsOption.Converter.class,
      description = "Targets rtl, netlist:*, board:*: " + WeightsOption.DESCRIPTION)
  List<WeightsOption.Entry> weights = new ArrayList<>();

  @Option(names = "--conv-window", paramLabel = "MODE", converter = VerilogCommand.WindowConverter.class,
      description = "Targets rtl, netlist:*, board:*: how convolutions get their windows, as for 'blitz verilog': frame (default) or line.")
  ConvWindow window;

  @Option(names = {"--buffers", "--line-buffers"}, paramLabel = "STYLE", converter = VerilogCommand.LinesConverter.class,
      description = "Targets rtl, netlist:*, board:*: where line buffers, deep link FIFOs and the stream port's input buffer keep their bits, as for 'blitz verilog': auto (default), reg or bram.")
  LineStorage lines;

  @Option(names = "--input-port", paramLabel = "PORT", converter = VerilogCommand.PortConverter.class,
      description = "Targets rtl, netlist:*, board:*: how the top takes its input, as for 'blitz verilog': vector "
          + "(default) or stream (board:* then forward each request byte to the engine).")
  InputPort port;

  @Option(names = "--stalls", arity = "0..1", fallbackValue = "0.3", paramLabel = "RATE|in=RATE,out=RATE",
      converter = StallsConverter.class,
      description = "Target rtl: drop in_valid and out_ready at random, each cycle with chance RATE in [0, 1) "
          + "(a bare --stalls: 0.3), or at separate rates, e.g. in=0.2,out=0.5 (back-pressure test; the II is "
          + "then not steady).")
  StallRates stalls;

  @Option(names = "--vcd", paramLabel = "FILE", description = "Target rtl: dump a waveform (VCD, for GTKWave).")
  Path vcd;

  @Option(names = "--threads", paramLabel = "N", description = "Target engine: " + ThreadsOption.DESCRIPTION)
  Integer threads;

  @Option(names = "--timing", paramLabel = "MODEL[:OPTIONS]",
      description = "Targets iss:<isa>: the simulator's timing model for the cycle counts, ideal, cv32e40p or picorv32, "
          + "with options, e.g. picorv32:wait=1,barrel=0 (docs/sim.md; default: cv32e40p).")
  String timing;

  @Option(names = "--faults", paramLabel = "SPEC|FILE", description = FaultOptions.FAULTS_DESCRIPTION
      + " Static faults (weights, thresholds, stuck-at) and input faults reach every target; activation faults only golden and engine (FLT005 otherwise).")
  String faults;

  @Option(names = "--fault-seed", paramLabel = "S", description = FaultOptions.SEED_DESCRIPTION)
  Long faultSeed;

  @Override
  public Integer call() {
    FaultSpec faultSpec = FaultOptions.parse(spec, faults, faultSeed);
    if (faultSpec.rate(FaultClass.ACTIVATIONS) > 0) {
      for (String target : targets) {
        Usage.require(spec, target.equals("golden") || target.equals("engine"), ErrorCode.FAULT_NOT_SUPPORTED.code()
            + ": target " + target + " cannot inject activation faults (only golden and engine can; docs/faults.md); "
            + "drop activations= or the target");
      }
    }
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
    if (!weights.isEmpty()) {
      foldingOptions.add("--weights");
    }
    if (dspAdders != null) {
      foldingOptions.add("--dsp-adders");
    }
    if (window != null) {
      foldingOptions.add("--conv-window");
    }
    if (lines != null) {
      foldingOptions.add("--buffers");
    }
    if (port != null) {
      foldingOptions.add("--input-port");
    }
    boolean rtl = targets.contains("rtl");
    boolean netlist = targets.stream().anyMatch(t -> t.startsWith("netlist:"));
    boolean board = targets.stream().anyMatch(t -> t.startsWith("board:"));
    requireTarget(foldingOptions, rtl || netlist || board, "the hardware targets (rtl, netlist:*, board:*)");
    requireTarget(stalls != null ? List.of("--stalls") : List.of(), rtl || netlist, "the rtl and netlist:* targets");
    requireTarget(vcd != null ? List.of("--vcd") : List.of(), rtl, "the rtl target");
    if (vectors.count != null && (vectors.count < 1 || vectors.count > MAX_VECTORS)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--vectors must be in 1.." + MAX_VECTORS + ", got " + vectors.count);
    }
    if (vcd != null) {
      requireWritableDirectory(vcd);
    }
    Usage.require(spec, targets.size() >= 2, "--targets needs at least two targets to compare, e.g. golden,engine");
    Usage.targets(spec, "--targets", targets);
    ExecutorOptions options = Usage.parse(spec, this::executorOptions).with(faultSpec.activations());
    Network network = StaticFaults.apply(faultSpec, ModelArgument.read(model));
    if (rtl || netlist || board) {
      Usage.check(spec, () -> {
        FoldingPlan p = FoldingPlan.ofFolds(network, LayerFold.parseAll(folds), targetCycles);
        if (pipelineLevels != null) {
          p.withLevelsPerStage(pipelineLevels);
        }
      });
    }
    int status = verify(network, targets, vectors.file, vectors.count == null ? 1000 : vectors.count, seed,
        spec.commandLine().getOut(), options, faultSpec);
    if (vcd != null && !java.nio.file.Files.isRegularFile(vcd)) {
      throw new DiagnosticException(new Diagnostic(ErrorCode.FILE_UNWRITABLE, SourceSpan.wholeFile(vcd.toString()),
          "the simulation did not write the waveform '" + vcd + "'"));
    }
    return status;
  }

  /** The most random vectors a command generates: beyond, the vectors alone would not fit a default heap. */
  static final int MAX_VECTORS = 10_000_000;

  /** Fails before any work when {@code file}'s directory does not exist or cannot be written. */
  static void requireWritableDirectory(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    String why = dir == null ? null : !java.nio.file.Files.isDirectory(dir) ? "the directory '" + dir + "' does not exist"
        : !java.nio.file.Files.isWritable(dir) ? "the directory '" + dir + "' is not writable" : null;
    if (why != null) {
      throw new DiagnosticException(new Diagnostic(ErrorCode.FILE_UNWRITABLE, SourceSpan.wholeFile(file.toString()),
          "cannot write '" + file + "': " + why));
    }
  }

  /** The typed options of the backends, parsed from the command line once. */
  private ExecutorOptions executorOptions() {
    RtlOptions rtl = RtlOptions.DEFAULTS.withFolds(LayerFold.parseAll(folds));
    if (targetCycles != null) {
      rtl = rtl.withTargetCycles(targetCycles);
    }
    if (pipelineLevels != null) {
      rtl = rtl.withLevelsPerStage(pipelineLevels);
    }
    WeightStorage all = WeightsOption.all(weights);
    if (all != null) {
      rtl = rtl.withWeights(all);
    }
    rtl = rtl.withLayerWeights(WeightsOption.byLayer(weights)).withDspAdders(DspAddersOption.budget(dspAdders));
    if (window != null) {
      rtl = rtl.withWindow(window);
    }
    if (lines != null) {
      rtl = rtl.withLines(lines);
    }
    if (port != null) {
      rtl = rtl.withPort(port);
    }
    if (stalls != null) {
      rtl = rtl.withStalls(stalls, seed);
    }
    if (vcd != null) {
      rtl = rtl.withVcd(vcd.toAbsolutePath());
    }
    IssOptions iss = IssOptions.DEFAULTS;
    if (timing != null) {
      iss = new IssOptions(TimingModel.parse(timing));
    }
    return ExecutorOptions.DEFAULTS.with(rtl).with(iss).with(ThreadsOption.engine(spec, threads));
  }

  /** A usage error when {@code options} are given but no target in {@code targets} takes them. */
  private void requireTarget(List<String> options, boolean named, String targetsTakingThem) {
    if (!options.isEmpty() && !named) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), String.join(", ", options) + " appl"
          + (options.size() == 1 ? "ies" : "y") + " to " + targetsTakingThem + ", and --targets names none");
    }
  }

  /**
   * What the targets measured: one row per metric (its key and unit), one column per target that
   * measured anything; empty when none did. Then a note per kind of figure that needs one: means
   * over the vectors, per-weight-word counts, and the timing model of the iss targets' cycles.
   */
  static String metricsTable(List<String> targets, List<List<Metric>> metrics, int vectors, ExecutorOptions options) {
    record Row(String key, Metric.Unit unit) {}
    List<Row> rows = new ArrayList<>();
    List<Integer> columns = new ArrayList<>();
    for (int t = 0; t < targets.size(); t++) {
      if (!metrics.get(t).isEmpty()) {
        columns.add(t);
      }
      for (Metric metric : metrics.get(t)) {
        Row row = new Row(metric.key(), metric.unit());
        if (!rows.contains(row)) {
          rows.add(row);
        }
      }
    }
    if (columns.isEmpty()) {
      return "";
    }
    List<String[]> table = new ArrayList<>();
    String[] header = new String[columns.size() + 2];
    header[0] = "measured";
    header[1] = "unit";
    for (int c = 0; c < columns.size(); c++) {
      header[c + 2] = targets.get(columns.get(c));
    }
    table.add(header);
    for (Row row : rows) {
      String[] cells = new String[columns.size() + 2];
      cells[0] = row.key();
      cells[1] = row.unit().symbol();
      for (int c = 0; c < columns.size(); c++) {
        cells[c + 2] = metrics.get(columns.get(c)).stream()
            .filter(m -> m.key().equals(row.key()) && m.unit() == row.unit())
            .map(VerifyCommand::cell).findFirst().orElse("-");
      }
      table.add(cells);
    }
    String note = "";
    if (rows.stream().anyMatch(r -> perInference(r.unit()))) {
      note += "  (.../inference: the mean over the " + vectors + " vectors)\n";
    }
    if (rows.stream().anyMatch(r -> perWeightWord(r.unit()))) {
      note += "  (instructions per weight word: counted on the first vector, in those layers only)\n";
    }
    if (targets.contains("engine") && rows.stream().anyMatch(r -> r.unit() == Metric.Unit.MICROSECONDS_PER_INFERENCE)) {
      note += "  (engine us/inference: this one batch, measured cold, before the JIT compiled the engine; "
          + "'blitz bench MODEL' times the warmed-up engine)\n";
    }
    if (targets.stream().anyMatch(t -> t.startsWith("iss:"))) {
      note += "  (iss cycles: the " + options.get(IssOptions.class).orElse(IssOptions.DEFAULTS).timing().spec()
          + " timing model)\n";
    }
    return Table.render(table, 2) + note;
  }

  /** A metric's number, its range when it varied, and the predicted figure next to it. */
  private static String cell(Metric m) {
    String text = number(m.unit(), m.value());
    if (m.max().isPresent()) {
      text += ".." + number(m.unit(), m.max().getAsDouble());
    }
    if (m.predicted().isPresent()) {
      text += " (predicted " + number(m.unit(), m.predicted().getAsDouble()) + ")";
    }
    return text;
  }

  /** A number with the digits that mean something in its unit. */
  private static String number(Metric.Unit unit, double value) {
    String format = switch (unit) {
      case CYCLES, BYTES, CELLS -> "%.0f";
      case CYCLES_PER_INFERENCE, INSTRUCTIONS_PER_INFERENCE, SECONDS -> "%.1f";
      case MICROSECONDS_PER_INFERENCE -> "%.2f";
      case INSTRUCTIONS_PER_WEIGHT_WORD, INSTRUCTIONS_PER_WEIGHT_WORD_PLANE -> "%.3f";
      case VECTORS_PER_SECOND -> "%.4g";
    };
    return String.format(Locale.ROOT, format, value);
  }

  /** Whether figures in {@code unit} are means over the vectors of a run. */
  private static boolean perInference(Metric.Unit unit) {
    return switch (unit) {
      case CYCLES_PER_INFERENCE, INSTRUCTIONS_PER_INFERENCE, MICROSECONDS_PER_INFERENCE -> true;
      case CYCLES, BYTES, CELLS, SECONDS, VECTORS_PER_SECOND, INSTRUCTIONS_PER_WEIGHT_WORD,
          INSTRUCTIONS_PER_WEIGHT_WORD_PLANE -> false;
    };
  }

  /** Whether figures in {@code unit} are counted per weight word of some layers. */
  private static boolean perWeightWord(Metric.Unit unit) {
    return switch (unit) {
      case INSTRUCTIONS_PER_WEIGHT_WORD, INSTRUCTIONS_PER_WEIGHT_WORD_PLANE -> true;
      case CYCLES, BYTES, CELLS, SECONDS, VECTORS_PER_SECOND, CYCLES_PER_INFERENCE, INSTRUCTIONS_PER_INFERENCE,
          MICROSECONDS_PER_INFERENCE -> false;
    };
  }

  static int verify(Network network, List<String> targets, Path file, int count, long seed, PrintWriter out) {
    return verify(network, targets, file, count, seed, out, ExecutorOptions.DEFAULTS);
  }

  static int verify(Network network, List<String> targets, Path file, int count, long seed, PrintWriter out,
      ExecutorOptions options) {
    return verify(network, targets, file, count, seed, out, options, FaultSpec.NONE);
  }

  /**
   * As above, with {@code faults}' input faults applied to the vectors (the network already
   * carries its static faults and {@code options} its activation faults).
   */
  static int verify(Network network, List<String> targets, Path file, int count, long seed, PrintWriter out,
      ExecutorOptions options, FaultSpec faults) {
    if (targets.size() < 2) {
      throw new UserException("--targets needs at least two targets to compare, e.g. golden,engine; known: "
          + String.join(", ", Executors.knownTargets()));
    }
    List<InputVector> inputs = file != null ? VectorSource.fromFile(file, network) : VectorSource.random(network, count, seed);
    String origin = file != null ? "vectors from " + file : "random vectors (seed " + seed + ")";
    if (!faults.isNone()) {
      inputs = InputFaults.apply(faults, inputs);
      origin += ", faults " + faults.text() + " (fault seed " + faults.seed() + ")";
    }
    return compare(network, targets, inputs, origin, out, options).agree() ? Blitz.OK : Blitz.USER_ERROR;
  }

  /**
   * Runs {@code targets} on {@code inputs}, prints the agreement and metrics tables and, when a
   * target disagrees, its first mismatch with the replay command; returns what was measured.
   */
  static CoSimulation.Outcome compare(Network network, List<String> targets, List<InputVector> inputs, String origin,
      PrintWriter out, ExecutorOptions options) {
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
        outcome.targets().stream().map(t -> t.report().metrics()).toList(), inputs.size(), options));
    if (outcome.agree()) {
      out.printf(Locale.ROOT, "OK: %s agree bit-exactly on %d vectors (scores and class)%n",
          String.join(", ", targets), inputs.size());
      return outcome;
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
      target.replay().ifPresent(replay -> out.printf(Locale.ROOT,
          "  %s's run of that vector is kept in %s%n  replay it without Java: %s%n", target.target(),
          replay.directory(), replay.command()));
    }
    return outcome;
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
