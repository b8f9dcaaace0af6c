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
import dev.brainblitz.train.Evaluation;
import dev.brainblitz.train.data.Dataset;
import dev.brainblitz.train.data.ImageSet;
import java.util.ArrayList;
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
      "Run a model on the vectors of a file and print each vector's class and scores, or on a labelled",
      "dataset split (--dataset) and print its accuracy and confusion matrix.",
      "Vectors file: one vector per line; u8 input as decimal numbers 0..255 separated by spaces or",
      "commas, bipolar input as packed 0x words (word 0 first, element i = bit i mod 32 of word i/32).",
      "'#' starts a comment. See docs/il.md."
    })
final class InferCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "MODEL", description = ModelArgument.DESCRIPTION)
  String model;

  @Option(names = {"-i", "--input"}, paramLabel = "VECTORS", description = "The vectors file.")
  Path input;

  @Option(names = "--dataset", paramLabel = "NAME",
      description = "Instead of a vectors file, a labelled dataset: fashion-mnist (Debian package dataset-fashion-mnist).")
  String dataset;

  @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT", description = "train or test (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--data", paramLabel = "DIR", description = "A directory of IDX files instead of the installed dataset.")
  Path data;

  @Option(names = "--target", defaultValue = "engine", paramLabel = "TARGET",
      description = "Which executor runs the model (default: ${DEFAULT-VALUE}; golden is the reference interpreter).")
  String target;

  @Option(names = "--threads", paramLabel = "N", description = "Target engine: " + ThreadsOption.DESCRIPTION)
  Integer threads;

  @Option(names = "--csv", description = "Print CSV (vector,class,score0,score1,...) instead of a table.")
  boolean csv;

  @Override
  public Integer call() {
    if ((input == null) == (dataset == null)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "give either --input VECTORS or --dataset NAME");
    }
    Usage.targets(spec, "--target", List.of(target));
    Network network = ModelArgument.read(model);
    if (dataset != null) {
      return evaluate(network);
    }
    List<InputVector> vectors = VectorSource.fromFile(input, network);
    ExecutionReport report;
    try (Executor executor = Executors.create(target, network, ExecutorOptions.DEFAULTS.with(ThreadsOption.engine(spec, threads)))) {
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

  private int evaluate(Network network) {
    if (!split.equals("train") && !split.equals("test")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--split is train or test, not '" + split + "'");
    }
    Dataset named = Usage.parse(spec, () -> Dataset.named(dataset));
    PrintWriter out = spec.commandLine().getOut();
    var set = named.load(data, Dataset.Split.of(split));
    ExecutorOptions options = ExecutorOptions.DEFAULTS.with(ThreadsOption.engine(spec, threads));
    out.print(Located.in(model, () -> accuracyReport(network, named, set, target,
        "infer " + network.name() + " on " + named.id() + " " + split, options)));
    return Blitz.OK;
  }

  /** The accuracy and confusion matrix of {@code network} on {@code set}, run by {@code target}. */
  static String accuracyReport(Network network, Dataset named, ImageSet set, String target, String title) {
    return accuracyReport(network, named, set, target, title, ExecutorOptions.DEFAULTS);
  }

  /** As above, with the executor's options (e.g. the engine's threads). */
  static String accuracyReport(Network network, Dataset named, ImageSet set, String target, String title,
      ExecutorOptions options) {
    return title + " (" + set.count() + " images, target " + target + ")\n"
        + evaluation(network, set, target, options).report(named.classNames());
  }

  /** The predictions of {@code network} on {@code set}, run by {@code target}, tallied against the labels. */
  static Evaluation evaluation(Network network, ImageSet set, String target) {
    return evaluation(network, set, target, ExecutorOptions.DEFAULTS);
  }

  /** As above, with the executor's options. */
  static Evaluation evaluation(Network network, ImageSet set, String target, ExecutorOptions options) {
    set.requireFits(network.inputSize(), network.classes(), "model '" + network.name() + "'");
    List<InputVector> vectors = new ArrayList<>(set.count());
    for (int s = 0; s < set.count(); s++) {
      vectors.add(Evaluation.input(network.input().kind(), set, s));
    }
    ExecutionReport report;
    try (Executor executor = Executors.create(target, network, options)) {
      report = executor.run(vectors);
    }
    int[] predictions = new int[set.count()];
    int[][] scores = new int[set.count()][];
    for (int s = 0; s < predictions.length; s++) {
      predictions[s] = report.results().get(s).predictedClass();
      scores[s] = report.results().get(s).scores();
    }
    return Evaluation.tally(predictions, scores, set, network.classes());
  }
}
