package dev.brainblitz.cli;

import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.faults.FaultSpec;
import dev.brainblitz.ir.io.AtomicFiles;
import dev.brainblitz.train.data.Dataset;
import dev.brainblitz.train.data.ImageSet;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "robustness",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Accuracy against bit-error rate: seeded weight and/or activation faults at each rate, several",
      "trials per rate, on a labelled dataset; a table, a CSV and a PNG plot (docs/faults.md)."
    })
final class RobustnessCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "MODEL", description = ModelArgument.DESCRIPTION)
  String model;

  @Option(names = "--dataset", defaultValue = "fashion-mnist", paramLabel = "NAME",
      description = "The labelled dataset (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(names = "--data", paramLabel = "DIR", description = "A directory of IDX files instead of the installed dataset.")
  Path data;

  @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT", description = "train or test (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--limit", paramLabel = "N", description = "Only the first N images of the split.")
  Integer limit;

  @Option(names = "--faults-on", defaultValue = "weights", paramLabel = "CLASSES",
      description = "weights, activations, or both (the same rate on each) (default: ${DEFAULT-VALUE}).")
  String faultsOn;

  @Option(names = "--rates", defaultValue = "1e-5..1e-1", paramLabel = "A..B|R,R,...",
      description = "Bit-error rates: a decade range (1, 2, 5 per decade) or a comma list (default: ${DEFAULT-VALUE}).")
  String rates;

  @Option(names = "--trials", defaultValue = "5", paramLabel = "N", description = "Fault seeds per rate (default: ${DEFAULT-VALUE}).")
  int trials;

  @Option(names = "--fault-seed", defaultValue = "1", paramLabel = "S",
      description = "Trial t uses fault seed S + t (default: ${DEFAULT-VALUE}).")
  long faultSeed;

  @Option(names = "--compare", paramLabel = "MODEL", description = "A second model whose curve is drawn next to the first.")
  String compare;

  @Option(names = "--teacher-accuracy", paramLabel = "PERCENT",
      description = "The float teacher's accuracy in percent, drawn as a reference line.")
  Double teacherAccuracy;

  @Option(names = "--threads", paramLabel = "N", description = "Engine " + ThreadsOption.DESCRIPTION)
  Integer threads;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
      description = "Directory of robustness.csv, robustness-summary.csv and robustness.png (created if missing).")
  Path output;

  @Override
  public Integer call() {
    Robustness.On on = switch (faultsOn) {
      case "weights" -> Robustness.On.WEIGHTS;
      case "activations" -> Robustness.On.ACTIVATIONS;
      case "both" -> Robustness.On.BOTH;
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "--faults-on is weights, activations or both, not '" + faultsOn + "'");
    };
    List<Double> rateList = Usage.parse(spec, () -> Robustness.parseRates(rates));
    Usage.range(spec, "--trials", trials, 1, 10_000);
    Usage.require(spec, split.equals("train") || split.equals("test"), "--split is train or test, not '" + split + "'");
    if (limit != null) {
      Usage.range(spec, "--limit", limit, 1, Integer.MAX_VALUE);
    }
    if (teacherAccuracy != null) {
      Usage.require(spec, teacherAccuracy >= 0 && teacherAccuracy <= 100,
          "--teacher-accuracy is a percentage in [0, 100], got " + teacherAccuracy);
    }
    int threadCount = ThreadsOption.engine(spec, threads).threads();
    Dataset named = Usage.parse(spec, () -> Dataset.named(dataset));
    List<String> models = new ArrayList<>(List.of(model));
    if (compare != null) {
      models.add(compare);
    }
    for (String m : models) {
      Outputs.requireNotInput(spec, "-o", output, ModelArgument.inputFile(m));
    }
    Outputs.requireDirectory(spec, "-o", output);
    List<Network> networks = new ArrayList<>();
    for (String m : models) {
      networks.add(ModelArgument.read(m));
    }
    ImageSet loaded = named.load(data, Dataset.Split.of(split));
    ImageSet set = limit != null && limit < loaded.count() ? loaded.first(limit) : loaded;
    List<Robustness.Inputs> inputs = new ArrayList<>();
    for (int i = 0; i < networks.size(); i++) {
      Network network = networks.get(i);
      String name = models.get(i);
      Located.in(name, () -> set.requireFits(network.inputSize(), network.classes(), "model '" + network.name() + "'"));
      inputs.add(Robustness.Inputs.of(network, set));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "robustness on %s %s (%d images): faults on %s, %d rates x %d trials, fault seeds %d..%d%n",
        named.id(), split, set.count(), on.keyword(), rateList.size(), trials, faultSeed, faultSeed + trials - 1);
    out.flush();
    List<Robustness.Curve> curves = new ArrayList<>();
    long total = (long) networks.size() * rateList.size() * trials;
    try (var bar = ConsoleProgress.stderrIsTerminal() ? new me.tongfei.progressbar.ProgressBarBuilder()
        .setTaskName("trials").setInitialMax(total).setStyle(me.tongfei.progressbar.ProgressBarStyle.ASCII)
        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build() : null) {
      for (int i = 0; i < networks.size(); i++) {
        curves.add(Robustness.curve(label(models.get(i), networks.get(i)), networks.get(i), inputs.get(i), on,
            rateList, trials, faultSeed, threadCount, () -> {
              if (bar != null) {
                bar.step();
              }
            }));
      }
    }
    out.print(table(curves, rateList));
    if (teacherAccuracy != null) {
      out.printf(Locale.ROOT, "float teacher: %.2f%% (given)%n", teacherAccuracy);
    }
    Map<Path, byte[]> files = new LinkedHashMap<>();
    files.put(output.resolve("robustness.csv"), trialsCsv(curves, on).getBytes(StandardCharsets.UTF_8));
    files.put(output.resolve("robustness-summary.csv"), summaryCsv(curves, on).getBytes(StandardCharsets.UTF_8));
    String title = "Robustness on " + named.id() + " " + split + " (" + set.count() + " images, " + trials + " trials)";
    files.put(output.resolve("robustness.png"), RobustnessPlot.png(title, "bit-error rate (" + on.keyword() + ")",
        curves, teacherAccuracy == null ? OptionalDouble.empty() : OptionalDouble.of(teacherAccuracy), 900, 560));
    AtomicFiles.writeAll(files);
    files.keySet().forEach(p -> out.println("wrote " + p));
    return Blitz.OK;
  }

  /** The name a curve carries: the model's file name. */
  private static String label(String argument, Network network) {
    Path file = Path.of(argument).getFileName();
    return file == null ? network.name() : file.toString();
  }

  /** One row per rate: mean, standard deviation, minimum and maximum accuracy of each model, in percent. */
  static String table(List<Robustness.Curve> curves, List<Double> rates) {
    List<String[]> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("rate"));
    for (Robustness.Curve c : curves) {
      header.add(c.model() + " mean");
      header.add("std");
      header.add("min..max");
    }
    rows.add(header.toArray(new String[0]));
    List<String> zero = new ArrayList<>(List.of("0"));
    for (Robustness.Curve c : curves) {
      zero.addAll(List.of(percent(c.faultFree()), "-", "-"));
    }
    rows.add(zero.toArray(new String[0]));
    for (int r = 0; r < rates.size(); r++) {
      List<String> row = new ArrayList<>(List.of(FaultSpec.formatRate(rates.get(r))));
      for (Robustness.Curve c : curves) {
        Robustness.Point p = c.points().get(r);
        row.addAll(List.of(percent(p.mean()), String.format(Locale.ROOT, "%.2f", 100 * p.std()),
            percent(p.min()) + ".." + percent(p.max())));
      }
      rows.add(row.toArray(new String[0]));
    }
    return Table.render(rows, 2) + "  (accuracy in %; rate 0: the fault-free model)\n";
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.2f", 100 * fraction);
  }

  static String trialsCsv(List<Robustness.Curve> curves, Robustness.On on) {
    StringBuilder csv = new StringBuilder("model,faults_on,rate,trial,fault_seed,correct,total,accuracy\n");
    for (Robustness.Curve c : curves) {
      for (Robustness.Trial t : c.trials()) {
        csv.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%d,%d,%.6f%n", c.model(), on.keyword(),
            FaultSpec.formatRate(t.rate()), t.trial(), t.faultSeed(), t.correct(), t.total(), t.accuracy()));
      }
    }
    return csv.toString();
  }

  static String summaryCsv(List<Robustness.Curve> curves, Robustness.On on) {
    StringBuilder csv = new StringBuilder("model,faults_on,rate,mean,std,min,max\n");
    for (Robustness.Curve c : curves) {
      csv.append(String.format(Locale.ROOT, "%s,%s,0,%.6f,0,%.6f,%.6f%n", c.model(), on.keyword(), c.faultFree(),
          c.faultFree(), c.faultFree()));
      for (Robustness.Point p : c.points()) {
        csv.append(String.format(Locale.ROOT, "%s,%s,%s,%.6f,%.6f,%.6f,%.6f%n", c.model(), on.keyword(),
            FaultSpec.formatRate(p.rate()), p.mean(), p.std(), p.min(), p.max()));
      }
    }
    return csv.toString();
  }
}
