package dev.brainblitz.fpga;

import dev.brainblitz.hdlgen.InputPort;
import dev.brainblitz.hdlgen.VerilogDesign;
import dev.brainblitz.hdlgen.WeightLoad;
import dev.brainblitz.hdlgen.Widths;
import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the tools need to build one design for one target, as files (name to text) and the
 * steps that run on them: the engine's Verilog and memory files, the shell, the wrapper top (out of
 * context, or the board top with its constraints file), the Yosys script, and a Makefile that
 * replays the steps without Java. Deterministic: equal inputs give byte-identical files.
 */
public record FpgaProject(VerilogDesign design, FpgaTarget target, String prefix, String top,
    Map<String, String> files, List<FlowStep> steps) {

  public static final String SCRIPT = "synth.ys";
  public static final String STAT = "stat.json";
  public static final String NETLIST_JSON = "design.json";
  public static final String PLACE_ROUTE_REPORT = "nextpnr.json";
  public static final String ASC = "design.asc";
  public static final String BITSTREAM = "design.bin";
  /** Random vectors for the board simulation of the Makefile's {@code sim} rule. */
  public static final String VECTORS = "vectors.txt";

  public FpgaProject {
    files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
    steps = List.copyOf(steps);
  }

  public static FpgaProject of(VerilogDesign design, FpgaTarget target) {
    InputPort port = design.plan().port();
    if (port == InputPort.STREAM && Widths.portWidth(design.plan()) != InputPort.BEAT_BITS) {
      throw new DiagnosticException(new Diagnostic(ErrorCode.INPUT_PORT, SourceSpan.wholeFile(design.network().name()),
          "the byte-stream shell passes one byte per beat, but the first convolution of " + design.network().name()
              + " takes a pixel of " + Widths.portWidth(design.plan()) + " bits per beat: use --input-port vector"));
    }
    UartPace.problem(design.plan(), design.network().name(), target).ifPresent(problem -> {
      throw new DiagnosticException(new Diagnostic(ErrorCode.FPGA_UART_PACE,
          SourceSpan.wholeFile(design.network().name()), problem));
    });
    return withoutPaceCheck(design, target);
  }

  /**
   * {@link #of} without its check that a board's UART never outruns the first layer
   * ({@link UartPace}): for a test that shows what the board does with a design the check refuses.
   */
  static FpgaProject withoutPaceCheck(VerilogDesign design, FpgaTarget target) {
    String prefix = ShellVerilog.prefixFor(design.verilog());
    InputPort port = design.plan().port();
    int sprams = WeightLoad.blocks(design.plan());
    long spramsAvailable = target.device().capacity().singlePortRams();
    if (sprams > spramsAvailable) {
      var columns = new java.util.ArrayList<String>();
      for (int i = 0; i < design.plan().engines().size(); i++) {
        if (WeightLoad.words(design.plan(), i) > 0) {
          columns.add(design.plan().engines().get(i).name() + " " + WeightLoad.chunks(design.plan().fold(i).pe()
              * design.plan().fold(i).simd()));
        }
      }
      throw new DiagnosticException(new Diagnostic(ErrorCode.FPGA_NO_FIT, SourceSpan.wholeFile(design.network().name()),
          "--weights spram: " + design.network().name() + " needs " + sprams + " SB_SPRAM256KA (one per 16-bit column of"
              + " each SPRAM weight memory: " + String.join(", ", columns) + "), the " + target.device().name() + " has "
              + spramsAvailable + ": fold with fewer PE x SIMD"));
    }
    StreamProtocol protocol = StreamProtocol.of(design.network(), design.plan());
    var files = new LinkedHashMap<String, String>();
    files.put(design.verilogFileName(), design.verilog());
    files.putAll(design.memoryFiles());
    files.put(ShellVerilog.SHELL_FILE, ShellVerilog.shellLibrary(prefix));
    String top;
    String pcf = null;
    if (target.board().isPresent()) {
      Board board = target.board().get();
      top = ShellVerilog.boardTopName(prefix, board);
      files.put(ShellVerilog.TOP_FILE, ShellVerilog.boardTop(prefix, board, protocol, design.topName(), target.pll(),
          target.clocksPerBit(), port));
      pcf = board.boardName() + ".pcf";
      files.put(pcf, board.pcf());
      files.put(BoardSimulation.HARNESS, BoardSimulation.harness(design, top));
      files.put(VECTORS, VerilogDesign.vectorsFile(RandomNetworks.vectors(1, design.network(), 16)));
    } else {
      top = ShellVerilog.oocTopName(prefix);
      files.put(ShellVerilog.TOP_FILE, ShellVerilog.oocTop(prefix, protocol, design.topName(), port));
    }
    Family family = target.device().family();
    // The first output of a step is the one its Makefile rule makes: the large intermediate files the
    // output directory does not keep, so that 'make' there replays the whole flow.
    var synthOutputs = new ArrayList<String>();
    if (family.placeAndRoute()) {
      synthOutputs.add(NETLIST_JSON);
    }
    synthOutputs.add(STAT);
    files.put(SCRIPT, synthesisScript(design, target, top));
    var steps = new ArrayList<FlowStep>();
    var synthInputs = new ArrayList<String>(List.of(SCRIPT, design.verilogFileName(), ShellVerilog.SHELL_FILE,
        ShellVerilog.TOP_FILE));
    synthInputs.addAll(design.memoryFiles().keySet());
    steps.add(new FlowStep("yosys", Tool.YOSYS, List.of("-s", SCRIPT), synthInputs, synthOutputs,
        "synthesis with Yosys " + family.synthesisCommand().split(" ")[0]));
    if (family.placeAndRoute()) {
      var pnr = new ArrayList<>(List.of(target.device().nextpnrDevice(), "--package", target.packageName(), "--json",
          NETLIST_JSON));
      var pnrInputs = new ArrayList<>(List.of(NETLIST_JSON));
      if (pcf != null) {
        pnr.addAll(List.of("--pcf", pcf));
        pnrInputs.add(pcf);
      } else {
        pnr.add("--pcf-allow-unconstrained");
      }
      pnr.addAll(List.of("--freq", String.format(Locale.ROOT, "%.3f", target.clockMhz()), "--timing-allow-fail",
          "--seed", "1", "--report", PLACE_ROUTE_REPORT, "--asc", ASC));
      steps.add(new FlowStep("nextpnr", Tool.NEXTPNR_ICE40, pnr, pnrInputs, List.of(ASC, PLACE_ROUTE_REPORT),
          "place and route with nextpnr-ice40"));
      steps.add(new FlowStep("icepack", Tool.ICEPACK, List.of(ASC, BITSTREAM), List.of(ASC), List.of(BITSTREAM),
          "bitstream with icepack"));
    }
    var project = new FpgaProject(design, target, prefix, top, files, steps);
    files.put("Makefile", makefile(project));
    return new FpgaProject(design, target, prefix, top, files, steps);
  }

  /** The step called {@code name}. */
  public FlowStep step(String name) {
    return steps.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no step " + name));
  }

  /**
   * The Yosys script: read the engine, shell and wrapper, keep the engine top a module of its own
   * (so its cells are counted apart from the shell's; everything inside it is flattened), synthesize
   * for the family and write the cell statistics as JSON.
   */
  static String synthesisScript(VerilogDesign design, FpgaTarget target, String top) {
    Family family = target.device().family();
    var out = new StringBuilder();
    out.append("# Generated by brain-blitz: synthesis of ").append(design.network().name()).append(" for the ")
        .append(target.device().part()).append(" (replay: make ").append(STAT).append(")\n");
    out.append("read_verilog ").append(design.verilogFileName()).append('\n');
    out.append("read_verilog ").append(ShellVerilog.SHELL_FILE).append('\n');
    out.append("read_verilog ").append(ShellVerilog.TOP_FILE).append('\n');
    out.append("setattr -mod -set keep_hierarchy 1 ").append(design.topName()).append('\n');
    out.append(family.synthesisCommand()).append(" -top ").append(top);
    if (family == Family.XC7) {
      out.append(" -flatten");
    } else {
      out.append(target.spram() ? " -spram" : "").append(target.dsp() ? " -dsp" : "");
      out.append(" -json ").append(NETLIST_JSON);
    }
    out.append('\n');
    out.append("tee -q -o ").append(STAT).append(" stat -json\n");
    return out.toString();
  }

  private static String makefile(FpgaProject project) {
    VerilogDesign design = project.design();
    FpgaTarget target = project.target();
    List<FlowStep> steps = project.steps();
    var out = new StringBuilder();
    out.append("# Generated by brain-blitz: replay the FPGA flow of ").append(design.network().name()).append(" for the ")
        .append(target.device().part()).append(target.board().map(b -> " on the " + b.boardName()).orElse(""))
        .append(" without Java.\n");
    String last = steps.get(steps.size() - 1).outputs().get(0);
    out.append("#   make            run every step below, up to ").append(last).append('\n');
    if (target.board().isPresent()) {
      out.append("#   make prog       load ").append(BITSTREAM).append(" into the board's FPGA with openFPGALoader\n");
      out.append("#   make sim        simulate the board top in Verilator through its UART pins (").append(
          BoardSimulation.clksPerBit(project)).append(" clock cycles per bit)\n#                   on ").append(VECTORS)
          .append(", answers in results.txt\n");
    }
    out.append("# Each step writes its output to <step>.log. Tools: override the variables, e.g. make YOSYS=/opt/bin/yosys\n");
    for (FlowStep step : steps) {
      out.append(step.tool().makeVariable()).append(" ?= ").append(step.tool().command()).append('\n');
    }
    if (target.board().isPresent()) {
      out.append(Tool.OPENFPGALOADER.makeVariable()).append(" ?= ").append(Tool.OPENFPGALOADER.command()).append('\n');
      out.append(Tool.VERILATOR.makeVariable()).append(" ?= ").append(Tool.VERILATOR.command()).append('\n');
    }
    out.append('\n').append("all: ").append(last).append("\n\n");
    for (FlowStep step : steps) {
      out.append(step.makeRule()).append('\n');
    }
    if (target.board().isPresent()) {
      out.append("prog: ").append(BITSTREAM).append('\n').append("\t$(").append(Tool.OPENFPGALOADER.makeVariable())
          .append(") ").append(String.join(" ", target.board().get().loaderArguments(BITSTREAM))).append("\n\n");
      String simulation = "obj_dir/V" + project.top();
      List<String> arguments = BoardSimulation.verilatorArguments(project);
      out.append("sim: ").append(simulation).append('\n').append("\t./").append(simulation).append(' ').append(VECTORS)
          .append(" results.txt ").append(BoardSimulation.clksPerBit(project)).append(' ')
          .append(BoardSimulation.cyclesPerVectorBudget(project))
          .append("\n\n");
      out.append(simulation).append(": ").append(String.join(" ", arguments.subList(arguments.size() - 4, arguments.size())))
          .append('\n').append("\t$(").append(Tool.VERILATOR.makeVariable()).append(") ")
          .append(String.join(" ", arguments)).append("\n\n");
    }
    out.append(".PHONY: all").append(target.board().isPresent() ? " prog sim" : "").append('\n');
    return out.toString();
  }
}
