package dev.brainblitz.cli;

import dev.brainblitz.farm.Farm;
import dev.brainblitz.farm.ProgressLine;
import dev.brainblitz.farm.Regression;
import dev.brainblitz.farm.Shapes;
import dev.brainblitz.ir.exec.Executor;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.exec.Executors;
import dev.brainblitz.ir.random.RandomNetworks;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "regress",
    mixinStandardHelpOptions = true,
    description = {
      "Differential fuzzing: run N random networks (random legal foldings for the hardware targets) on every",
      "target and compare each bit-exactly with the first, as jobs on a farm (this process alone by default,",
      "all cores; --cluster to use workers). Finished networks are appended to OUT/results.jsonl as they",
      "arrive; every failure is shrunk to a small reproducer directory with the 'blitz verify' command that",
      "shows it. Exit status 1 if any target disagreed or crashed."
    })
final class RegressCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--nets", defaultValue = "100", paramLabel = "N", description = "Random networks (default: ${DEFAULT-VALUE}).")
  int nets;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
      description = "Seed of the first network (networks S..S+N-1) and of the vectors (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--targets", split = ",", defaultValue = "golden,engine,iss:rv32im,iss:rv32im_zbb,iss:rv32im_xbnn",
      paramLabel = "TARGET", description = "Targets, the first being the reference (default: ${DEFAULT-VALUE}); "
          + "add rtl to simulate each network's Verilog in Verilator.")
  List<String> targets;

  @Option(names = "--shapes", defaultValue = "mixed", paramLabel = "small|mixed|wide|conv",
      description = "Size class of the networks: small, mixed or wide MLPs, or conv for convolutional networks "
          + "(default: ${DEFAULT-VALUE}).")
  String shapes;

  @Option(names = "--vectors", defaultValue = "100", paramLabel = "V", description = "Random vectors per network (default: ${DEFAULT-VALUE}).")
  int vectors;

  @Option(names = {"-o", "--output"}, defaultValue = "regress-out", paramLabel = "DIR",
      description = "Where results.jsonl and the reproducers go (default: ${DEFAULT-VALUE}).")
  Path output;

  @Mixin FarmOptions farm = new FarmOptions();

  @Override
  public Integer call() {
    CommandLine commandLine = spec.commandLine();
    Shapes shape = Shapes.byKeyword(shapes).orElseThrow(() -> new CommandLine.ParameterException(commandLine,
        "--shapes must be small, mixed, wide or conv, got '" + shapes + "'"));
    if (nets < 1 || vectors < 1) {
      throw new CommandLine.ParameterException(commandLine, "--nets and --vectors must be at least 1");
    }
    if (targets.size() < 2) {
      throw new CommandLine.ParameterException(commandLine, "--targets needs at least two targets to compare");
    }
    farm.settings(commandLine, false);
    // Every target must exist here before jobs start: a typo or a missing tool fails at once.
    var probe = RandomNetworks.network(0);
    for (String target : targets) {
      try (Executor executor = Executors.create(target, probe, ExecutorOptions.DEFAULTS)) {
        executor.target();
      }
    }
    PrintWriter out = commandLine.getOut();
    var regressSpec = new Regression.RegressSpec(nets, seed, shape, targets, vectors);
    out.printf("regress: %d %s networks from seed %d, %d vectors each, targets %s%n", nets, shape.keyword(), seed,
        vectors, String.join(",", targets));
    var progress = new ProgressLine(out, "regress", 2_000_000_000L);
    // Ctrl-C: what finished is already in results.jsonl (appended and flushed per network); say so.
    Thread interrupted = new Thread(() -> {
      var counts = progress.last().orElse(new Farm.Counts(0, 0, 0, nets));
      out.printf("regress interrupted: %d of %d networks finished, kept in %s%n", counts.done(), nets,
          output.resolve(Regression.RESULTS));
      out.flush();
    }, "blitz-regress-interrupted");
    Runtime.getRuntime().addShutdownHook(interrupted);
    Regression.Report report;
    try (Farm member = farm.start(commandLine, out)) {
      report = Regression.run(member, regressSpec, output, progress);
    } finally {
      Runtime.getRuntime().removeShutdownHook(interrupted);
    }
    out.print(report.render());
    out.println("results: " + output.resolve(Regression.RESULTS));
    return report.clean() ? Blitz.OK : Blitz.USER_ERROR;
  }
}
