package dev.brainblitz.cli;

import dev.brainblitz.examples.Examples;
import dev.brainblitz.ir.Network;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "The main job on the bundled default model (mlp784, a 784-256-256-10 network with 8-bit input):",
      "check it, verify the fast engine against the golden model on random vectors, then time the",
      "warmed-up engine."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--vectors", defaultValue = "1000", paramLabel = "N",
      description = "Number of random vectors to verify on (default: ${DEFAULT-VALUE}).")
  int vectors;

  @Option(names = "--bench-seconds", defaultValue = "3", paramLabel = "S",
      description = "Seconds to time the warmed-up engine at the end (default: ${DEFAULT-VALUE}; 0 skips it).")
  double benchSeconds;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the random vectors (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Examples example = Examples.defaultModel();
    out.println("== blitz check examples/models/" + example.fileName());
    Network network = example.network();
    out.print(ModelSummary.of(network));
    out.println();
    out.println("== blitz verify examples/models/" + example.fileName() + " --targets golden,engine --vectors " + vectors
        + " --seed " + seed);
    out.flush();
    int status = VerifyCommand.verify(network, List.of("golden", "engine"), null, vectors, seed, out);
    if (status == Blitz.OK && benchSeconds > 0) {
      out.println();
      out.println("== blitz bench examples/models/" + example.fileName() + " --seconds " + benchSeconds);
      BenchCommand.print(network, benchSeconds, out);
    }
    return status;
  }
}
