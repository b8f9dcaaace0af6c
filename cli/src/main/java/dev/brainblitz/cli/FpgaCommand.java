package dev.brainblitz.cli;

import dev.brainblitz.fpga.Board;
import dev.brainblitz.fpga.Device;
import dev.brainblitz.fpga.Family;
import dev.brainblitz.fpga.FitSearch;
import dev.brainblitz.fpga.WeightPlacement;
import dev.brainblitz.fpga.TimingClosure;
import dev.brainblitz.fpga.FpgaFlow;
import dev.brainblitz.fpga.FpgaOutcome;
import dev.brainblitz.fpga.FpgaProject;
import dev.brainblitz.fpga.FpgaReport;
import dev.brainblitz.fpga.FpgaTarget;
import dev.brainblitz.fpga.Tool;
import dev.brainblitz.fpga.Toolchain;
import dev.brainblitz.fpga.Workspace;
import dev.brainblitz.hdlgen.ConvWindow;
import dev.brainblitz.hdlgen.CostModel;
import dev.brainblitz.hdlgen.LineStorage;
import dev.brainblitz.hdlgen.Engine;
import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.InputPort;
import dev.brainblitz.hdlgen.VerilogDesign;
import dev.brainblitz.hdlgen.WeightStorage;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "fpga",
    mixinStandardHelpOptions = true,
    description = {
      "Build a model's hardware for an FPGA with the open tools (docs/fpga.md): Yosys synthesis, and for iCE40",
      "nextpnr-ice40 place and route and an icepack bitstream. Without --board the engine sits behind a byte-stream",
      "shell (22 pins) so any network can be placed out of context; --board icebreaker wraps it in a UART board top.",
      "Prints resources used against the device, Fmax against the clock, frames/s, and today's estimate with the ratio;",
      "writes into DIR the design, a replay Makefile, the tools' reports and logs, report.txt, report.json and the",
      "bitstream. A design that does not fit or misses the clock is an error (exit 1) and writes nothing."
    })
final class FpgaCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "MODEL", description = ModelArgument.DESCRIPTION)
  String model;

  @Option(names = "--device", paramLabel = "DEVICE", converter = DeviceConverter.class,
      description = "The FPGA: up5k, hx8k, hx1k (iCE40: synthesis, place and route, bitstream), xc7a35t, xc7z020 "
          + "(Xilinx 7-series: synthesis only). Implied by --board.")
  Device device;

  @Option(names = "--package", paramLabel = "PKG",
      description = "The device's package (default: the first listed in docs/fpga.md, e.g. sg48 for the up5k).")
  String packageName;

  @Option(names = "--board", paramLabel = "BOARD", converter = BoardConverter.class,
      description = "Wrap the design in a board top with a UART and LEDs, with pin constraints: icebreaker.")
  Board board;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Directory to write.")
  Path output;

  @Option(names = "--fold", paramLabel = "LAYER=PE,SIMD",
      description = "Folding of a layer (repeatable), as for 'blitz verilog'.")
  List<String> folds = new ArrayList<>();

  @Option(names = "--target-cycles", paramLabel = "N",
      description = "Cheapest folding whose initiation interval is at most N cycles (default 64, or 8 x the largest convolution's output pixels, without --fold).")
  Long targetCycles;

  @Option(names = "--pipeline-levels", paramLabel = "K",
      description = "Adder-tree levels between pipeline registers, as for 'blitz verilog'. Without it: 4, and on"
          + " iCE40 a design that misses the clock is rebuilt with a register every 2, then every level. On Xilinx"
          + " 2 is the denser choice: 11% fewer LUTs than 4 on FINN's SFC shape at II 16, for more flip-flops"
          + " (docs/fpga.md).")
  Integer pipelineLevels;

  @Option(names = "--dsp-adders", paramLabel = "N|all", converter = DspAddersOption.Converter.class,
      description = "Xilinx 7-series: sum up to N adder-tree nodes in DSP48E1 slices (the pre-adder and the multiplier"
          + " add four nodes, in place of three LUT adders), where they replace the most adder bits; at most the"
          + " device's DSP48E1s, which all asks for; with --fit, in every folding it tries (docs/fpga.md, \"Adder-tree"
          + " nodes in DSP slices\").")
  Long dspAdders;

  @Option(names = "--weights", paramLabel = "STYLE|LAYER=STYLE", converter = WeightsOption.Converter.class,
      description = "As for 'blitz verilog': " + WeightsOption.DESCRIPTION)
  List<WeightsOption.Entry> weights = new ArrayList<>();

  @Option(names = "--conv-window", paramLabel = "MODE", converter = VerilogCommand.WindowConverter.class,
      description = "As for 'blitz verilog': how convolutions get their windows: frame (default: a frame buffer per "
          + "convolution, whole maps on the links) or line (line buffers, one pixel per link beat).")
  ConvWindow window;

  @Option(names = {"--buffers", "--line-buffers"}, paramLabel = "STYLE", converter = VerilogCommand.LinesConverter.class,
      description = "As for 'blitz verilog': where line buffers, deep link FIFOs and the stream port's input buffer keep their bits: auto (default), reg or bram; --fit builds every candidate so.")
  LineStorage lines;

  @Option(names = "--input-port", paramLabel = "PORT", converter = VerilogCommand.PortConverter.class,
      description = "As for 'blitz verilog': how the engine takes its input from the byte-stream shell: stream (default:"
          + " the shell forwards each byte into the first engine's input buffer, no copy of the vector in the shell) or"
          + " vector (the shell collects the whole vector first). A frame-mode first convolution always takes vectors.")
  InputPort port;

  @Option(names = "--fit",
      description = "The fastest folding whose estimate fits the device, confirmed by synthesis (and place and route), "
          + "backing off to slower foldings when it does not fit or misses the clock; every try is reported.")
  boolean fit;

  @Option(names = "--fit-builds", paramLabel = "N", defaultValue = "6",
      description = "--fit makes at most N builds, a folding built again with its weights placed counting twice (default: ${DEFAULT-VALUE}).")
  int fitBuilds;

  @Option(names = "--clock", paramLabel = "MHZ",
      description = "The clock to place and route for, MHz (default 12, the iCEBreaker's oscillator). With --board a "
          + "clock other than the oscillator's comes from the PLL.")
  Double clock;

  @Option(names = "--baud", paramLabel = "RATE", defaultValue = "115200",
      description = "With --board: the UART's baud rate (default: ${DEFAULT-VALUE}).")
  int baud;

  @Option(names = "--spram", description = "iCE40 UltraPlus: let Yosys map suitable memories to SPRAM (synth_ice40 -spram).")
  boolean spram;

  @Option(names = "--dsp", description = "iCE40 UltraPlus: let Yosys map multipliers to SB_MAC16 (synth_ice40 -dsp).")
  boolean dsp;

  @Option(names = "--program",
      description = "With --board: load the bitstream into the board's FPGA with openFPGALoader (Debian package openfpgaloader).")
  boolean program;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where the tools run and results are cached (default: $XDG_CACHE_HOME/brain-blitz/fpga).")
  Path workDirectory;

  @Override
  public Integer call() throws IOException {
    FpgaTarget target = target();
    Outputs.requireNotInput(spec, "-o", output, ModelArgument.inputFile(model));
    Outputs.requireDirectory(spec, "-o", output);
    if (fit && (!folds.isEmpty() || targetCycles != null)) {
      throw usage("--fit chooses the folding itself: give it without --fold and --target-cycles");
    }
    if (fit && !WeightsOption.byLayer(weights).isEmpty()) {
      throw usage("--fit takes one --weights STYLE for every layer, not LAYER=STYLE");
    }
    Usage.range(spec, "--fit-builds", fitBuilds, 1, 1000);
    if (pipelineLevels != null) {
      Usage.range(spec, "--pipeline-levels", pipelineLevels, 1, 64);
    }
    long dspBudget = DspAddersOption.budget(dspAdders);
    if (dspAdders != null) {
      if (target.device().family() != Family.XC7) {
        throw usage("--dsp-adders is for the Xilinx 7-series, whose DSP48E1 has the pre-adder it uses; the "
            + target.device().name() + " has no DSP48E1");
      }
      dspBudget = dspBudget == DspAddersOption.ALL ? target.capacity().dsps() : dspBudget;
      Usage.range(spec, "--dsp-adders", dspBudget, 0, target.capacity().dsps());
    }
    if (program && board == null) {
      throw usage("--program needs --board: only a board top has the pins a board needs");
    }
    Toolchain tools = Toolchain.fromEnvironment();
    if (program) {
      tools.require(Tool.OPENFPGALOADER, "--program");
    }
    Network network = ModelArgument.read(model);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Workspace workspace;
    try {
      workspace = new Workspace(workDirectory != null ? workDirectory : Workspace.defaultDirectory(), tools,
          message -> {
            err.println("blitz fpga: " + message);
            err.flush();
          });
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    FpgaOutcome outcome;
    if (fit) {
      int levels = pipelineLevels != null ? pipelineLevels : FoldingPlan.DEFAULT_LEVELS_PER_STAGE;
      out.println("fit " + network.name() + " on the " + target.device().name() + " (" + target.device().part() + ")");
      out.println("  (estimates: CostModel; " + CostModel.MEASURED_ERROR + ")");
      FitSearch.Result result = FitSearch.search(network, target, levels, storage(), window(), port(network),
          lines != null ? lines : LineStorage.AUTO, dspBudget, pipelineLevels == null,
          fitBuilds, workspace,
          t -> {
            out.println("  try " + FitSearch.describe(t.plan()) + ": estimate " + t.estimate().luts() + " LUTs, "
                + t.estimate().flipFlops() + " flip-flops: " + t.verdict());
            out.flush();
          });
      if (!result.found()) {
        throw new DiagnosticException(new Diagnostic(ErrorCode.FPGA_FIT_EXHAUSTED,
            SourceSpan.wholeFile(target.device().name()), "no folding of " + network.name() + " fits the "
                + target.device().name() + " and meets " + String.format(Locale.ROOT, "%.2f MHz", target.clockMhz())
                + " within " + result.tries().size() + " tries (listed above)"));
      }
      outcome = result.accepted().get();
    } else {
      FoldingPlan plan = Usage.parse(spec, () -> {
        FoldingPlan p = FoldingPlan.of(network, folds, targetCycles);
        return pipelineLevels != null ? p.withLevelsPerStage(pipelineLevels) : p;
      }).withWeights(storage()).withWindow(window()).withLines(lines != null ? lines : LineStorage.AUTO);
      plan = WeightsOption.applyTo(plan, weights);
      FoldingPlan windowed = plan;
      plan = Usage.parse(spec, () -> windowed.withPort(port(network))).withDspAdders(dspBudget);
      WeightPlacement.Placement placement = WeightPlacement.place(plan, target, 1);
      if (!placement.moves().isEmpty()) {
        out.println(WeightPlacement.explain(placement, target));
        out.flush();
        plan = placement.plan();
      }
      if (pipelineLevels != null) {
        outcome = FpgaFlow.run(FpgaProject.of(VerilogDesign.of(network, plan), target), workspace);
      } else {
        outcome = TimingClosure.close(network, plan, target, workspace, step -> {
          out.println("timing: " + step);
          out.flush();
        }).outcome();
      }
    }
    var versions = new LinkedHashMap<String, String>();
    for (var step : outcome.project().steps()) {
      versions.put(step.tool().command(), workspace.version(step.tool()));
    }
    FpgaReport report = FpgaReport.of(outcome, versions);
    if (!outcome.fits()) {
      out.print(report.render());
      throw new DiagnosticException(new Diagnostic(ErrorCode.FPGA_NO_FIT, SourceSpan.wholeFile(target.device().name()),
          network.name() + " does not fit the " + target.device().name() + " (" + target.device().part() + "-"
              + target.packageName().toUpperCase(Locale.ROOT) + "):\n  " + String.join("\n  ", outcome.overflows())
              + "\nfold further (--target-cycles, --fold, --fit) or choose a larger --device"));
    }
    if (!outcome.timingMet().orElse(true)) {
      out.print(report.render());
      throw new DiagnosticException(new Diagnostic(ErrorCode.FPGA_TIMING, SourceSpan.wholeFile(target.device().name()),
          String.format(Locale.ROOT, "%s reaches %.2f MHz on the %s, below the %.2f MHz clock: ask for a slower --clock",
              network.name(), outcome.fmaxMhz().get(), target.device().name(), target.clockMhz())
              + " (nextpnr's timing report: " + outcome.file(FpgaProject.PLACE_ROUTE_REPORT) + ")"));
    }
    write(outcome, report, output);
    out.print(report.render());
    out.println("wrote " + output + ": the design, Makefile (replay with 'make -C " + output + "'), "
        + String.join(", ", producedFiles(outcome)) + ", report.txt, report.json");
    if (program) {
      return program(tools, output.resolve(FpgaProject.BITSTREAM), out);
    }
    return Blitz.OK;
  }

  private FpgaTarget target() {
    if (board == null && device == null) {
      throw usage("give --device DEVICE (" + String.join(", ", Device.names()) + ") or --board BOARD ("
          + String.join(", ", Board.names()) + ")");
    }
    if (board != null && device != null && !device.equals(board.device())) {
      throw usage("the " + board.boardName() + " carries a " + board.device().name() + ", not a " + device.name());
    }
    Device d = board != null ? board.device() : device;
    if (board != null && packageName != null && !packageName.equals(board.packageName())) {
      throw usage("the " + board.boardName() + "'s " + d.name() + " comes in " + board.packageName());
    }
    if (baud != FpgaTarget.DEFAULT_BAUD && board == null) {
      throw usage("--baud needs --board: only a board top has a UART");
    }
    double mhz = clock != null ? clock : board != null ? board.oscillatorMhz() : FpgaTarget.DEFAULT_MHZ;
    try {
      FpgaTarget target = board != null ? FpgaTarget.of(board, mhz, baud)
          : new FpgaTarget(d, packageName != null ? packageName : d.defaultPackage(), mhz, Optional.empty(), baud, false,
              false);
      target = target.withOptions(spram || WeightsOption.asksForSpram(weights), dsp);
      target.pll();
      return target;
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  private static List<String> producedFiles(FpgaOutcome outcome) {
    var names = new ArrayList<String>();
    for (var step : outcome.project().steps()) {
      if (outcome.file(step.log()).toFile().exists()) {
        for (String o : step.outputs()) {
          if (!o.equals(FpgaProject.NETLIST_JSON) && !o.equals(FpgaProject.ASC)) {
            names.add(o);
          }
        }
        names.add(step.log());
      }
    }
    return names;
  }

  /**
   * Writes the project's files, the tools' reports, logs and bitstream, and the report into
   * {@code output}, all or nothing. The synthesized netlist and the unpacked bitstream stay in the
   * work directory (large, and 'make' rebuilds them).
   */
  static void write(FpgaOutcome outcome, FpgaReport report, Path output) throws IOException {
    AtomicFiles.writeAll(files(outcome, report, output));
  }

  /** The files {@link #write} writes, by their path in {@code output}. */
  static Map<Path, byte[]> files(FpgaOutcome outcome, FpgaReport report, Path output) throws IOException {
    var files = new LinkedHashMap<Path, byte[]>();
    for (Map.Entry<String, String> f : outcome.project().files().entrySet()) {
      files.put(output.resolve(f.getKey()), f.getValue().getBytes(StandardCharsets.UTF_8));
    }
    for (String name : producedFiles(outcome)) {
      files.put(output.resolve(name), Files.readAllBytes(outcome.file(name)));
    }
    files.put(output.resolve("report.txt"), report.render().getBytes(StandardCharsets.UTF_8));
    files.put(output.resolve("report.json"), report.json().getBytes(StandardCharsets.UTF_8));
    return files;
  }

  private int program(Toolchain tools, Path bitstream, PrintWriter out) {
    String loader = tools.require(Tool.OPENFPGALOADER, "--program");
    var command = new ArrayList<String>();
    command.add(loader);
    command.addAll(board.loaderArguments(bitstream.toString()));
    out.println("programming: " + String.join(" ", command));
    out.flush();
    try {
      Process p = new ProcessBuilder(command).inheritIO().start();
      int status = p.waitFor();
      if (status != 0) {
        throw new DiagnosticException(new Diagnostic(ErrorCode.FPGA_TOOL_FAILED, SourceSpan.wholeFile(bitstream.toString()),
            "openFPGALoader exited with status " + status + " (its messages are above): is the board connected?"));
      }
    } catch (IOException e) {
      throw new UserException("cannot run openFPGALoader: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserException("interrupted");
    }
    return Blitz.OK;
  }

  private WeightStorage storage() {
    WeightStorage all = WeightsOption.all(weights);
    return all != null ? all : WeightStorage.AUTO;
  }

  private ConvWindow window() {
    return window != null ? window : ConvWindow.FRAME;
  }

  /**
   * {@code --input-port}, by default stream where the shell can forward bytes: a dense first layer,
   * or a line-mode first convolution whose pixels are one byte.
   */
  private InputPort port(Network network) {
    if (port != null) {
      return port;
    }
    Engine first = Engine.of(network).get(0);
    if (!first.isConv()) {
      return InputPort.STREAM;
    }
    boolean bytePixels = first.conv().in().channels() * first.inputKind().bitsPerElement() == InputPort.BEAT_BITS;
    return window() == ConvWindow.LINE && bytePixels ? InputPort.STREAM : InputPort.VECTOR;
  }

  static final class DeviceConverter implements CommandLine.ITypeConverter<Device> {
    @Override
    public Device convert(String value) {
      return Device.find(value).orElseThrow(() -> new CommandLine.TypeConversionException(
          "unknown device '" + value + "'; known devices: " + String.join(", ", Device.names())));
    }
  }

  static final class BoardConverter implements CommandLine.ITypeConverter<Board> {
    @Override
    public Board convert(String value) {
      return Board.find(value).orElseThrow(() -> new CommandLine.TypeConversionException(
          "unknown board '" + value + "'; known boards: " + String.join(", ", Board.names())));
    }
  }
}
