package dev.brainblitz.cli;

import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.HardwareReport;
import dev.brainblitz.hdlgen.LayerFold;
import dev.brainblitz.hdlgen.VerilogDesign;
import dev.brainblitz.hdlgen.ConvWindow;
import dev.brainblitz.hdlgen.LineStorage;
import dev.brainblitz.hdlgen.InputPort;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.io.AtomicFiles;
import dev.brainblitz.ir.random.RandomNetworks;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "verilog",
    mixinStandardHelpOptions = true,
    description = {
      "Generate the folded dataflow hardware of a model: DIR/<model>_top.v (Verilog-2005, top module",
      "<model>_top), the weight ROMs' memory files <model>_<layer>_weights.hex (read with $readmemh from",
      "the directory a tool runs in), the Verilator harness harness.cpp, 16 random vectors in vectors.txt",
      "and a Makefile that rebuilds and replays the simulation without Java ('make -C DIR')."
    })
final class VerilogCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "MODEL", description = ModelArgument.DESCRIPTION)
  String model;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Directory to write.")
  Path output;

  @Option(names = "--fold", paramLabel = "LAYER=PE,SIMD",
      description = "Folding of a layer (repeatable): PE neurons in parallel, SIMD inputs per cycle. "
          + "Other layers get the cheapest folding within the slowest given one.")
  List<String> folds = new ArrayList<>();

  @Option(names = "--target-cycles", paramLabel = "N",
      description = "Cheapest folding whose initiation interval is at most N cycles (default 64, or 8 x the largest convolution's output pixels, without --fold).")
  Long targetCycles;

  @Option(names = "--pipeline-levels", paramLabel = "K",
      description = "Adder-tree levels between pipeline registers (default 4): deeper trees get a register every K "
          + "levels, adding one cycle of latency each.")
  Integer pipelineLevels;

  @Option(names = "--dsp-adders", paramLabel = "N|all", converter = DspAddersOption.Converter.class,
      description = "Sum up to N adder-tree nodes in the form Yosys maps to one Xilinx DSP48E1 each (its pre-adder and"
          + " multiplier add four nodes, in place of three LUT adders), where they replace the most adder bits;"
          + " all: every node that qualifies (default 0; for Xilinx: elsewhere it is a multiplier in logic). See docs/hdl.md.")
  Long dspAdders;

  @Option(names = "--weights", paramLabel = "STYLE|LAYER=STYLE", converter = WeightsOption.Converter.class,
      description = WeightsOption.DESCRIPTION)
  List<WeightsOption.Entry> weights = new ArrayList<>();

  @Option(names = "--conv-window", paramLabel = "MODE", converter = VerilogCommand.WindowConverter.class,
      description = "How convolutions get their windows: frame (default: links carry whole feature maps, a frame buffer "
          + "per convolution) or line (links behind a convolution carry one pixel per beat, line buffers of K-1 rows, "
          + "stream max-pools; far fewer flip-flops). See docs/hdl.md.")
  ConvWindow window;

  @Option(names = {"--buffers", "--line-buffers"}, paramLabel = "STYLE", converter = VerilogCommand.LinesConverter.class,
      description = "Where the line buffers of --conv-window line, the deep link FIFOs and the input buffer behind --input-port stream keep their bits: auto (default: a line buffer in block RAM when the delay lines between the window rows are at least 8 pixels long and 1024 bits in all, the input buffer when it holds at least 1024 bits, a deep link FIFO when Yosys would put its register array in block RAM anyway; flip-flops otherwise), reg (flip-flops), or bram (block RAM wherever the form allows). In block RAM a slow convolution keeps its delay lines in 16-bit words and reads its window taps directly, chosen so that it lengthens the II by about 1%% at most (the cycle model, and so the reported II, includes it). --line-buffers is the same option. See docs/hdl.md.")
  LineStorage lines;

  @Option(names = "--input-port", paramLabel = "PORT", converter = VerilogCommand.PortConverter.class,
      description = "How the top takes its input: vector (default: one whole input vector per beat) or stream (8 bits "
          + "per beat shifted straight into the first engine's input buffer; a line-mode first convolution takes one "
          + "pixel per beat into its line buffer). See docs/hdl.md.")
  InputPort port;

  @Option(names = "--report", description = "Print per layer PE, SIMD, cycles, ROM bits, estimated LUT/FF, the II and latency.")
  boolean report;

  @Override
  public Integer call() {
    Outputs.requireNotInput(spec, "-o", output, ModelArgument.inputFile(model));
    Outputs.requireDirectory(spec, "-o", output);
    Network network = ModelArgument.read(model);
    FoldingPlan plan = Usage.parse(spec, () -> {
      FoldingPlan p = FoldingPlan.ofFolds(network, LayerFold.parseAll(folds), targetCycles);
      return pipelineLevels != null ? p.withLevelsPerStage(pipelineLevels) : p;
    });
    plan = WeightsOption.applyTo(plan, weights).withDspAdders(DspAddersOption.budget(dspAdders));
    if (window != null) {
      plan = plan.withWindow(window);
    }
    if (lines != null) {
      plan = plan.withLines(lines);
    }
    if (port != null) {
      FoldingPlan folded = plan;
      plan = Usage.parse(spec, () -> folded.withPort(port));
    }
    VerilogDesign design = VerilogDesign.of(network, plan);
    String vectors = VerilogDesign.vectorsFile(RandomNetworks.vectors(1, network, 16));
    write(design, vectors, output);
    PrintWriter out = spec.commandLine().getOut();
    int memories = design.memoryFiles().size();
    out.println("wrote " + output.resolve(design.verilogFileName()) + (memories == 0 ? "" : ", " + memories
        + " memory file" + (memories == 1 ? "" : "s") + " (*.hex)") + ", harness.cpp, vectors.txt, Makefile (II "
        + plan.initiationInterval() + " cycles, latency " + plan.latency() + " cycles)");
    if (report) {
      out.print(HardwareReport.render(network.name(), plan));
    }
    return Blitz.OK;
  }

  /** Writes the design's files and {@code vectors.txt} into {@code output}, all or none ({@link AtomicFiles}). */
  static void write(VerilogDesign design, String vectors, Path output) {
    var files = new LinkedHashMap<Path, String>();
    design.files().forEach((name, text) -> files.put(output.resolve(name), text));
    files.put(output.resolve("vectors.txt"), vectors);
    AtomicFiles.writeAllText(files);
  }

  /** {@code --buffers} ({@code --line-buffers}): auto, reg or bram; anything else is a usage error. */
  static final class LinesConverter implements picocli.CommandLine.ITypeConverter<LineStorage> {
    @Override
    public LineStorage convert(String value) {
      LineStorage storage = LineStorage.parse(value);
      if (storage == null) {
        throw new picocli.CommandLine.TypeConversionException("--buffers is auto, reg or bram, not '" + value + "'");
      }
      return storage;
    }
  }

  /** {@code --conv-window}: frame or line; anything else is a usage error. */
  static final class WindowConverter implements picocli.CommandLine.ITypeConverter<ConvWindow> {
    @Override
    public ConvWindow convert(String value) {
      ConvWindow mode = ConvWindow.parse(value);
      if (mode == null) {
        throw new picocli.CommandLine.TypeConversionException("--conv-window is frame or line, not '" + value + "'");
      }
      return mode;
    }
  }

  /** {@code --input-port}: vector or stream; anything else is a usage error. */
  static final class PortConverter implements picocli.CommandLine.ITypeConverter<InputPort> {
    @Override
    public InputPort convert(String value) {
      InputPort port = InputPort.parse(value);
      if (port == null) {
        throw new picocli.CommandLine.TypeConversionException("--input-port is vector or stream, not '" + value + "'");
      }
      return port;
    }
  }

}
