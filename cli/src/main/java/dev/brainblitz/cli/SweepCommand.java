package dev.brainblitz.cli;

import dev.brainblitz.farm.Farm;
import dev.brainblitz.farm.FarmJob;
import dev.brainblitz.farm.Finished;
import dev.brainblitz.farm.JsonLines;
import dev.brainblitz.farm.RiscvPoint;
import dev.brainblitz.farm.RiscvSweep;
import dev.brainblitz.farm.RiscvSweepJob;
import dev.brainblitz.farm.ParetoPlot;
import dev.brainblitz.farm.ProgressLine;
import dev.brainblitz.farm.Sweep;
import dev.brainblitz.farm.SweepJob;
import dev.brainblitz.farm.SweepPoint;
import dev.brainblitz.fpga.Device;
import dev.brainblitz.fpga.FpgaTarget;
import dev.brainblitz.fpga.Tool;
import dev.brainblitz.fpga.Toolchain;
import dev.brainblitz.hdlgen.CostModel;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.io.AtomicFiles;
import dev.brainblitz.riscv.lower.IlToRiscv;
import dev.brainblitz.riscv.lower.Isa;
import dev.brainblitz.sim.iss.TimingModel;
import java.io.Serializable;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Design-space sweep: the foldings of a model on FPGA devices, as jobs on a farm. For each folding: II,",
      "latency, the cost model's LUT/FF estimate and, with --synth, the LUTs and FFs Yosys maps the engine to",
      "(and nextpnr's Fmax where the device has open place and route). Writes OUT/sweep.csv, sweep.json and",
      "pareto.png (LUTs vs frames/s, the Pareto front joined); each point is appended to OUT/sweep.jsonl as it",
      "arrives. With --riscv: every ISA level x timing model of the simulator instead, measured on the ISS",
      "(cycles and instructions per inference, bytes of .text): OUT/riscv.csv, riscv.json, riscv.jsonl."
    })
final class SweepCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "MODEL", description = ModelArgument.DESCRIPTION)
  String model;

  @Option(names = "--device", split = ",", defaultValue = "up5k", paramLabel = "DEVICE",
      description = "Devices, comma-separated (default: ${DEFAULT-VALUE}); see docs/fpga.md.")
  List<String> devices;

  @Option(names = "--target-cycles", split = ",", paramLabel = "N",
      description = "Folding targets in cycles per vector, comma-separated (default: every power of two up to the "
          + "slowest folding, at most 16).")
  List<Long> targetCycles;

  @Option(names = "--clock", paramLabel = "MHZ", description = "Clock for frames/s (default: 12 MHz).")
  Double clock;

  @Option(names = "--synth", description = "Also synthesize each folding with Yosys (and place and route with nextpnr "
      + "on iCE40 devices) and report measured LUTs, FFs and Fmax.")
  boolean synth;

  @Option(names = {"-o", "--output"}, defaultValue = "sweep-out", paramLabel = "DIR",
      description = "Where sweep.csv, sweep.json and pareto.png go (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--riscv", description = "Sweep RISC-V ISA levels x simulator timing models instead of FPGA foldings.")
  boolean riscv;

  @Option(names = "--isa", split = ",", paramLabel = "ISA",
      description = "With --riscv: ISA levels, comma-separated (default: every level: rv32im,rv32im_zbb,rv32im_xbnn,rv32im_xbnn2).")
  List<String> isas;

  @Option(names = "--timing", split = ",", paramLabel = "MODEL[:OPTIONS]",
      description = "With --riscv: timing models of the simulator, comma-separated, e.g. picorv32:wait=1 "
          + "(default: ideal,cv32e40p,picorv32; docs/sim.md).")
  List<String> timings;

  @Option(names = "--vectors", paramLabel = "V",
      description = "With --riscv: random input vectors each point is measured on (default: 10).")
  Integer vectors;

  @Option(names = "--seed", paramLabel = "S", description = "With --riscv: seed of the vectors (default: 1).")
  Long seed;

  @Mixin FarmOptions farm = new FarmOptions();

  @Override
  public Integer call() {
    CommandLine commandLine = spec.commandLine();
    farm.settings(commandLine, false);
    if (riscv) {
      return riscvSweep(commandLine);
    }
    for (String name : List.of("--isa", "--timing", "--vectors", "--seed")) {
      if (commandLine.getParseResult().hasMatchedOption(name)) {
        throw new CommandLine.ParameterException(commandLine, name + " belongs to a RISC-V sweep: add --riscv");
      }
    }
    for (String device : devices) {
      if (Device.find(device).isEmpty()) {
        throw new CommandLine.ParameterException(commandLine, "unknown --device '" + device + "'; known: "
            + String.join(", ", Device.names()));
      }
    }
    if (targetCycles != null && targetCycles.stream().anyMatch(t -> t < 1)) {
      throw new CommandLine.ParameterException(commandLine, "--target-cycles must be at least 1");
    }
    double mhz = clock != null ? clock : FpgaTarget.DEFAULT_MHZ;
    if (!(mhz > 0)) {
      throw new CommandLine.ParameterException(commandLine, "--clock must be positive");
    }
    if (synth) {
      Toolchain.fromEnvironment().require(Tool.YOSYS, "--synth");
    }
    Network network = ModelArgument.read(model);
    List<Long> targets = targetCycles != null ? targetCycles : Sweep.autoTargets(network, 16);
    List<SweepJob> jobs = Sweep.jobs(network, targets, devices, mhz, synth);
    PrintWriter out = commandLine.getOut();
    out.printf(Locale.ROOT, "sweep %s: %d foldings x %d device%s%s%n", network.name(), jobs.size() / devices.size(),
        devices.size(), devices.size() == 1 ? "" : "s", synth ? ", synthesized" : ", estimated");
    List<String> errors = new ArrayList<>();
    List<SweepPoint> points = run(commandLine, out, "sweep", jobs, output.resolve("sweep.jsonl"), Sweep::fields, errors);
    List<Sweep.Row> rows = Sweep.markPareto(points);
    Map<Path, byte[]> files = new LinkedHashMap<>();
    files.put(output.resolve("sweep.csv"), Sweep.csv(rows).getBytes(StandardCharsets.UTF_8));
    files.put(output.resolve("sweep.json"), Sweep.json(network.name(), mhz, rows).getBytes(StandardCharsets.UTF_8));
    files.put(output.resolve("pareto.png"), ParetoPlot.png(network.name() + ": LUTs vs frames/s at "
        + String.format(Locale.ROOT, "%.4g MHz", mhz), rows, 900, 600));
    AtomicFiles.writeAll(files);
    List<String[]> table = new ArrayList<>();
    table.add(new String[] {"device", "folds", "II", "latency", "est. LUT", "LUT", "Fmax MHz", "frames/s", "Pareto"});
    for (Sweep.Row r : rows) {
      SweepPoint p = r.point();
      table.add(new String[] {p.device(), p.folds(), Long.toString(p.initiationInterval()), Long.toString(p.latency()),
          Long.toString(p.estimatedLuts()), p.synthesized() ? Long.toString(p.measuredLuts()) : "-",
          Double.isNaN(p.fmaxMhz()) ? "-" : String.format(Locale.ROOT, "%.1f", p.fmaxMhz()),
          String.format(Locale.ROOT, "%.4g", p.framesPerSecond()), r.pareto() ? "*" : ""});
    }
    out.print(Table.render(table, 2));
    out.println("est. LUT: CostModel's estimate (" + CostModel.MEASURED_ERROR + ")"
        + (synth ? "; LUT: Yosys, Fmax: nextpnr-ice40" : ""));
    for (String error : errors) {
      out.println("job error: " + error);
    }
    out.println("wrote " + output.resolve("sweep.csv") + ", sweep.json, pareto.png, sweep.jsonl");
    return errors.isEmpty() ? Blitz.OK : Blitz.USER_ERROR;
  }

  private Integer riscvSweep(CommandLine commandLine) {
    for (String name : List.of("--device", "--target-cycles", "--clock", "--synth")) {
      if (commandLine.getParseResult().hasMatchedOption(name)) {
        throw new CommandLine.ParameterException(commandLine, name + " belongs to an FPGA sweep, not to --riscv");
      }
    }
    List<String> isaNames = isas != null ? isas : Arrays.stream(Isa.values()).map(Isa::keyword).toList();
    for (String isa : isaNames) {
      if (Isa.byKeyword(isa).isEmpty()) {
        throw new CommandLine.ParameterException(commandLine, "unknown --isa '" + isa + "'; known: " + Isa.names());
      }
    }
    List<String> timingSpecs = timings != null ? timings : TimingModel.NAMES;
    for (String timing : timingSpecs) {
      try {
        TimingModel.parse(timing);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(commandLine, ErrorCode.SIM_UNKNOWN_TIMING.code() + ": " + e.getMessage());
      }
    }
    int count = vectors != null ? vectors : 10;
    if (count < 1) {
      throw new CommandLine.ParameterException(commandLine, "--vectors must be at least 1");
    }
    Network network = ModelArgument.read(model);
    // A network the RISC-V backend cannot lower (too large for its frame) is refused before any job starts.
    IlToRiscv.lower(network, Isa.RV32IM);
    List<RiscvSweepJob> jobs = RiscvSweep.jobs(network, isaNames, timingSpecs, count, seed != null ? seed : 1L);
    PrintWriter out = commandLine.getOut();
    out.printf(Locale.ROOT, "sweep %s on RISC-V: %d ISA level%s x %d timing model%s, %d vectors each, on the ISS%n",
        network.name(), isaNames.size(), isaNames.size() == 1 ? "" : "s", timingSpecs.size(),
        timingSpecs.size() == 1 ? "" : "s", count);
    List<String> errors = new ArrayList<>();
    List<RiscvPoint> points = run(commandLine, out, "sweep", jobs, output.resolve("riscv.jsonl"), RiscvSweep::fields,
        errors);
    List<RiscvSweep.Row> rows = RiscvSweep.markPareto(points);
    Map<Path, byte[]> files = new LinkedHashMap<>();
    files.put(output.resolve("riscv.csv"), RiscvSweep.csv(rows).getBytes(StandardCharsets.UTF_8));
    files.put(output.resolve("riscv.json"), RiscvSweep.json(network.name(), rows).getBytes(StandardCharsets.UTF_8));
    AtomicFiles.writeAll(files);
    List<String[]> table = new ArrayList<>();
    table.add(new String[] {"ISA", "timing", "cycles/inf", "instr/inf", ".text B", "rodata B", "stack B", "Pareto"});
    for (RiscvSweep.Row r : rows) {
      RiscvPoint p = r.point();
      table.add(new String[] {p.isa(), p.timing(), RiscvSweep.format(p.cyclesPerInference()),
          RiscvSweep.format(p.instructionsPerInference()), Long.toString(p.textBytes()), Long.toString(p.rodataBytes()),
          Long.toString(p.stackBytes()), r.pareto() ? "*" : ""});
    }
    out.print(Table.render(table, 2));
    for (String error : errors) {
      out.println("job error: " + error);
    }
    out.println("wrote " + output.resolve("riscv.csv") + ", riscv.json, riscv.jsonl");
    return errors.isEmpty() ? Blitz.OK : Blitz.USER_ERROR;
  }

  /**
   * Runs {@code jobs} on a farm member started from the options, appending each point to
   * {@code stream} as it arrives (with the member that ran it and its milliseconds); returns the
   * points in job order and adds a line per failed job to {@code errors}.
   */
  private <R extends Serializable> List<R> run(CommandLine commandLine, PrintWriter out, String task,
      List<? extends FarmJob<R>> jobs, Path stream, Function<R, Map<String, Object>> fields, List<String> errors) {
    List<R> points = new ArrayList<>();
    try (Farm member = farm.start(commandLine, out); JsonLines lines = JsonLines.create(stream)) {
      var progress = new ProgressLine(out, task, 2_000_000_000L);
      for (Farm.Outcome<R> o : member.runAll(jobs, new Farm.Listener<R>() {
        @Override
        public void finished(int index, FarmJob<R> job, Finished<R> finished, Farm.Counts counts) {
          Map<String, Object> line = new LinkedHashMap<>(fields.apply(finished.result()));
          line.put("member", finished.member());
          line.put("ms", finished.nanos() / 1_000_000);
          lines.append(line);
          progress.update(counts);
        }

        @Override
        public void failed(int index, FarmJob<R> job, Throwable error, Farm.Counts counts) {
          progress.update(counts);
        }
      })) {
        if (o != null && o.ok()) {
          points.add(o.finished().result());
        } else if (o != null) {
          errors.add(o.job().describe() + ": " + o.error());
        }
      }
    }
    return points;
  }
}
