package dev.brainblitz.cli;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutionReport;
import dev.brainblitz.ir.exec.Executor;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.exec.Executors;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "infer",
    mixinStandardHelpOptions = true,
    description = {
      "Run a model on the vectors of a file and print each vector's class and scores.",
      "Vectors file: one vector per line; u8 input as decimal numbers 0..255 separated by spaces or",
      "commas, bipolar input as packed 0x words (word 0 first, element i = bit i mod 32 of word i/32).",
      "'#' starts a comment. See docs/il.md."
    })
final class InferCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "MODEL", description = ModelArgument.DESCRIPTION)
  String model;

  @Option(names = {"-i", "--input"}, required = true, paramLabel = "VECTORS", description = "The vectors file.")
  Path input;

  @Option(names = "--target", defaultValue = "engine", paramLabel = "TARGET",
      description = "Which executor runs the model (default: ${DEFAULT-VALUE}; golden is the reference interpreter).")
  String target;

  @Option(names = "--csv", description = "Print CSV (vector,class,score0,score1,...) instead of a table.")
  boolean csv;

  @Override
  public Integer call() {
    Network network = Network.of(ModelArgument.read(model));
    List<InputVector> vectors = VectorSource.fromFile(input, network);
    ExecutionReport report;
    try (Executor executor = Executors.create(target, network, ExecutorOptions.DEFAULTS)) {
      report = executor.run(vectors);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (csv) {
      StringBuilder header = new StringBuilder("vector,class");
      for (int c = 0; c < network.classes(); c++) {
        header.append(",score").append(c);
      }
      out.println(header);
    } else {
      out.println("# vector  class  scores");
    }
    for (int i = 0; i < report.results().size(); i++) {
      InferenceResult result = report.results().get(i);
      StringBuilder line = new StringBuilder();
      String separator = csv ? "," : " ";
      line.append(i).append(csv ? "," : "  ").append(result.predictedClass()).append(csv ? "" : " ");
      for (int score : result.scores()) {
        line.append(separator).append(score);
      }
      out.println(line);
    }
    return Blitz.OK;
  }
}
