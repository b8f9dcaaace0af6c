package dev.brainblitz.cli;

import dev.brainblitz.ir.Network;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Time the fast engine after warm-up: latency at batch 1 and time per inference at batch 256 on",
      "one thread, batch 256 on --threads threads, next to the golden model. A quick figure; the JMH",
      "benchmark in bench/ is the reference measurement."
    })
final class BenchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "MODEL", description = ModelArgument.DESCRIPTION)
  String model;

  @Option(names = "--seconds", defaultValue = "3", paramLabel = "S",
      description = "Total time to spend, warm-up included (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--threads", paramLabel = "N",
      description = "Threads of the batch-256 figure (default: all cores); batch 1 runs on one thread.")
  Integer threads;

  @Override
  public Integer call() {
    Usage.require(spec, seconds > 0 && seconds <= 600, "--seconds must be in (0, 600], got " + seconds);
    Network network = ModelArgument.read(model);
    print(network, seconds, ThreadsOption.engine(spec, threads).threads(), spec.commandLine().getOut());
    return Blitz.OK;
  }

  /** Times the engine on {@code network} for {@code seconds} on one thread, prints the figures and returns them. */
  static EngineTiming.Result print(Network network, double seconds, PrintWriter out) {
    return print(network, seconds, 1, out);
  }

  /** As above; the batch-256 figure also on {@code threads} threads when more than one. */
  static EngineTiming.Result print(Network network, double seconds, int threads, PrintWriter out) {
    out.flush();
    var result = EngineTiming.measure(network, seconds, 1, threads);
    out.printf(Locale.ROOT, "engine on %s, one thread, after warm-up:%n", network.name());
    out.printf(Locale.ROOT, "  batch 1:    %8.2f us per inference (median of %d rounds)%n", result.batch1Micros(),
        result.rounds());
    out.printf(Locale.ROOT, "  batch 256:  %8.2f us per inference (%,.0f inferences/s)%n", result.batch256Micros(),
        1e6 / result.batch256Micros());
    if (threads > 1) {
      out.printf(Locale.ROOT, "  batch 256:  %8.2f us per inference on %d threads (%,.0f inferences/s)%n",
          result.batch256ThreadsMicros(), threads, 1e6 / result.batch256ThreadsMicros());
    }
    out.printf(Locale.ROOT, "  golden:     %8.2f us per inference (engine is %.0fx faster)%n", result.goldenMicros(),
        result.goldenMicros() / result.batch1Micros());
    return result;
  }
}
