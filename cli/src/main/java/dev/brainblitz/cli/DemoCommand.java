package dev.brainblitz.cli;

import dev.brainblitz.examples.Examples;
import dev.brainblitz.ir.Network;
import dev.brainblitz.train.data.Dataset;
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
      "The main job on the bundled default model (fashion-mlp, a 784-256-256-10 binary network with 8-bit",
      "input trained on Fashion-MNIST): check it, verify the fast engine against the golden model on random",
      "vectors, measure its accuracy on the bundled 1,000 Fashion-MNIST test images, then time the",
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
    if (status == Blitz.OK && example == Examples.FASHION_MLP) {
      out.println();
      String slice = "examples/data/" + Examples.FASHION_SLICE;
      out.println("== blitz infer examples/models/" + example.fileName() + " --dataset fashion-mnist --data " + slice);
      out.print(InferCommand.accuracyReport(network, Dataset.FASHION_MNIST, Examples.fashionTestSlice(), "engine",
          "infer " + network.name() + " on the first 1000 Fashion-MNIST test images"));
      out.flush();
    }
    if (status == Blitz.OK && benchSeconds > 0) {
      out.println();
      out.println("== blitz bench examples/models/" + example.fileName() + " --seconds " + benchSeconds);
      BenchCommand.print(network, benchSeconds, out);
    }
    return status;
  }
}
