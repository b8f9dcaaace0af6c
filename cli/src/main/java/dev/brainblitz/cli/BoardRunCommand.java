package dev.brainblitz.cli;

import dev.brainblitz.fpga.BoardClient;
import dev.brainblitz.fpga.ByteLink;
import dev.brainblitz.fpga.SerialPort;
import dev.brainblitz.fpga.StreamProtocol;
import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.WeightLoad;
import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.train.Evaluation;
import dev.brainblitz.train.data.Dataset;
import dev.brainblitz.train.data.ImageSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "board-run",
    mixinStandardHelpOptions = true,
    description = {
      "Stream a labelled dataset to a board running 'blitz fpga MODEL --board ...' over its serial port, one image",
      "at a time, and report the accuracy, images/s, and whether every answer equals the golden model's (docs/fpga.md)."
    })
final class BoardRunCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "MODEL", description = "The model whose bitstream the board runs. " + ModelArgument.DESCRIPTION)
  String model;

  @Option(names = "--port", required = true, paramLabel = "DEV",
      description = "The board's serial port, e.g. /dev/ttyUSB1 (the iCEBreaker's second FTDI port).")
  Path port;

  @Option(names = "--baud", paramLabel = "RATE", defaultValue = "115200",
      description = "The baud rate the bitstream was built for (default: ${DEFAULT-VALUE}).")
  int baud;

  @Option(names = "--dataset", required = true, paramLabel = "NAME",
      description = "A labelled dataset: fashion-mnist (Debian package dataset-fashion-mnist).")
  String dataset;

  @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT", description = "train or test (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--data", paramLabel = "DIR", description = "A directory of IDX files instead of the installed dataset.")
  Path data;

  @Option(names = "--limit", paramLabel = "N", description = "Only the first N images of the split.")
  Integer limit;

  @Option(names = "--weights", paramLabel = "STYLE|LAYER=STYLE", converter = WeightsOption.Converter.class,
      description = "As given to 'blitz fpga' for the bitstream. With spram (for every layer or some) the design keeps "
          + "those weights in SPRAM, which the board loses at every reset, so board-run sends the weight words first "
          + "(docs/fpga.md); --fold and --target-cycles must then be those of the bitstream, since the words follow its folding.")
  List<WeightsOption.Entry> weights = new ArrayList<>();

  @Option(names = "--fold", paramLabel = "LAYER=PE,SIMD", description = "As given to 'blitz fpga' (with --weights spram).")
  List<String> folds = new ArrayList<>();

  @Option(names = "--target-cycles", paramLabel = "N", description = "As given to 'blitz fpga' (with --weights spram).")
  Long targetCycles;

  @Override
  public Integer call() {
    if (!split.equals("train") && !split.equals("test")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--split is train or test, not '" + split + "'");
    }
    if (limit != null && limit < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1, not " + limit);
    }
    if (baud < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--baud must be positive, not " + baud);
    }
    Network network = ModelArgument.read(model);
    Dataset named = Usage.parse(spec, () -> Dataset.named(dataset));
    ImageSet loaded = named.load(data, Dataset.Split.of(split));
    ImageSet set = limit != null && limit < loaded.count() ? loaded.first(limit) : loaded;
    Located.in(model, () -> set.requireFits(network.inputSize(), network.classes(), "model '" + network.name() + "'"));
    boolean spram = WeightsOption.asksForSpram(weights);
    if (!spram && (!folds.isEmpty() || targetCycles != null)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--fold and --target-cycles say how the SPRAM weights are sent: give them with --weights spram");
    }
    byte[] load = new byte[0];
    StreamProtocol protocol = StreamProtocol.of(network);
    if (spram) {
      FoldingPlan plan = Usage.parse(spec, () -> WeightsOption.applyTo(FoldingPlan.of(network, folds, targetCycles), weights));
      protocol = StreamProtocol.of(network, plan);
      load = protocol.load(WeightLoad.stream(network, plan));
    }
    try (ByteLink link = SerialPort.open(port, baud)) {
      spec.commandLine().getOut().print(run(network, protocol, load, named, set, link, baud, port.toString()));
    }
    return Blitz.OK;
  }

  /** Streams {@code set} over {@code link} and reports; separate from the port so tests can use a model of the board. */
  static String run(Network network, Dataset named, ImageSet set, ByteLink link, int baud, String where) {
    return run(network, StreamProtocol.of(network), new byte[0], named, set, link, baud, where);
  }

  /** As above for a design that takes {@code load} (its SPRAM weight words, {@code protocol}'s) before the first image. */
  static String run(Network network, StreamProtocol protocol, byte[] load, Dataset named, ImageSet set, ByteLink link,
      int baud, String where) {
    List<InputVector> vectors = new ArrayList<>(set.count());
    for (int s = 0; s < set.count(); s++) {
      vectors.add(Evaluation.input(network.input().kind(), set, s));
    }
    var client = new BoardClient(protocol, link, baud, where, load);
    long start = System.nanoTime();
    List<InferenceResult> results;
    try (var progress = new ConsoleProgress(vectors.size())) {
      results = client.run(vectors, done -> progress.advanced("board", done, vectors.size()));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    var golden = new GoldenModel(network);
    int differ = 0;
    int first = -1;
    int[] predictions = new int[results.size()];
    int[][] scores = new int[results.size()][];
    for (int i = 0; i < results.size(); i++) {
      predictions[i] = results.get(i).predictedClass();
      scores[i] = results.get(i).scores();
      if (!results.get(i).equals(golden.infer(vectors.get(i)))) {
        differ++;
        first = first < 0 ? i : first;
      }
    }
    var out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "board-run %s on %s (%d baud): %d images in %.2f s, %.1f images/s%n",
        network.name(), where, baud, vectors.size(), seconds, vectors.size() / seconds));
    out.append(differ == 0 ? "every answer equals the golden model's (class and scores)\n"
        : String.format(Locale.ROOT, "MISMATCH: %d answers differ from the golden model's, the first at image %d%n",
            differ, first));
    out.append(Evaluation.tally(predictions, scores, set, network.classes()).report(named.classNames()));
    return out.toString();
  }
}
