package dev.brainblitz.cli;

import dev.brainblitz.farm.Farm;
import dev.brainblitz.farm.ParetoPlot;
import dev.brainblitz.farm.ProgressLine;
import dev.brainblitz.farm.Sweep;
import dev.brainblitz.farm.SweepJob;
import dev.brainblitz.farm.SweepPoint;
import dev.brainblitz.fpga.Device;
import dev.brainblitz.fpga.FpgaTarget;
import dev.brainblitz.fpga.Tool;
import dev.brainblitz.fpga.Toolchain;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.io.AtomicFiles;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
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
      "pareto.png (LUTs vs frames/s, the Pareto front joined)."
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

  @Mixin FarmOptions farm = new FarmOptions();

  @Override
  public Integer call() {
    CommandLine commandLine = spec.commandLine();
    farm.settings(commandLine, false);
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
    List<SweepPoint> points = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    try (Farm member = farm.start(commandLine, out)) {
      var progress = new ProgressLine(out, "sweep", 2_000_000_000L);
      for (Farm.Outcome<SweepPoint> o : member.runAll(jobs, new Farm.Listener<SweepPoint>() {
        @Override
        public void finished(int index, dev.brainblitz.farm.FarmJob<SweepPoint> job,
            dev.brainblitz.farm.Finished<SweepPoint> finished, Farm.Counts counts) {
          progress.update(counts);
        }

        @Override
        public void failed(int index, dev.brainblitz.farm.FarmJob<SweepPoint> job, Throwable error, Farm.Counts counts) {
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
    for (String error : errors) {
      out.println("job error: " + error);
    }
    out.println("wrote " + output.resolve("sweep.csv") + ", sweep.json, pareto.png");
    return errors.isEmpty() ? Blitz.OK : Blitz.USER_ERROR;
  }
}
