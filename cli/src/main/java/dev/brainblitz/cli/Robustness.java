package dev.brainblitz.cli;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.engine.FastEngine;
import dev.brainblitz.ir.faults.FaultClass;
import dev.brainblitz.ir.faults.FaultSpec;
import dev.brainblitz.ir.faults.StaticFaults;
import dev.brainblitz.train.Evaluation;
import dev.brainblitz.train.data.ImageSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Accuracy against bit-error rate: for each rate and trial, the network with that trial's faults
 * (fault seed {@code seed + trial}) run by the engine on every image of a labelled set. Every
 * figure is a function of the model, the images, the classes, the rates, the trials and the seed;
 * the threads only share the work.
 */
final class Robustness {
  private Robustness() {}

  /** Which fault classes a sweep sets to the rate. */
  enum On {
    WEIGHTS(List.of(FaultClass.WEIGHTS)),
    ACTIVATIONS(List.of(FaultClass.ACTIVATIONS)),
    BOTH(List.of(FaultClass.WEIGHTS, FaultClass.ACTIVATIONS));

    final List<FaultClass> classes;

    On(List<FaultClass> classes) {
      this.classes = classes;
    }

    String keyword() {
      return name().toLowerCase(Locale.ROOT);
    }

    FaultSpec spec(double rate, long seed) {
      FaultSpec spec = FaultSpec.NONE.withSeed(seed);
      for (FaultClass c : classes) {
        spec = spec.with(c, rate);
      }
      return spec;
    }
  }

  /** One run: a rate, a trial, its fault seed and how many images it classified correctly. */
  record Trial(double rate, int trial, long faultSeed, int correct, int total) {
    double accuracy() {
      return (double) correct / total;
    }
  }

  /** The trials of one rate summarized: mean, sample standard deviation, minimum and maximum accuracy. */
  record Point(double rate, double mean, double std, double min, double max) {
    static Point of(double rate, List<Trial> trials) {
      double sum = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (Trial t : trials) {
        sum += t.accuracy();
        min = Math.min(min, t.accuracy());
        max = Math.max(max, t.accuracy());
      }
      double mean = sum / trials.size();
      double squares = 0;
      for (Trial t : trials) {
        squares += (t.accuracy() - mean) * (t.accuracy() - mean);
      }
      double std = trials.size() > 1 ? Math.sqrt(squares / (trials.size() - 1)) : 0;
      return new Point(rate, mean, std, min, max);
    }
  }

  /** A model's curve: its name, its fault-free accuracy, its trials and their summary per rate. */
  record Curve(String model, double faultFree, List<Trial> trials, List<Point> points) {}

  /** The images as engine inputs: bytes for u8 networks, packed words for bipolar ones. */
  record Inputs(byte[][] bytes, int[][] words, int[] labels) {
    static Inputs of(Network network, ImageSet set) {
      int n = set.count();
      byte[][] bytes = network.input().kind() == InputKind.U8 ? new byte[n][] : null;
      int[][] words = bytes == null ? new int[n][] : null;
      int[] labels = new int[n];
      for (int s = 0; s < n; s++) {
        var vector = Evaluation.input(network.input().kind(), set, s);
        if (bytes != null) {
          bytes[s] = vector.bytes();
        } else {
          words[s] = vector.packedWords();
        }
        labels[s] = set.label(s);
      }
      return new Inputs(bytes, words, labels);
    }

    int count() {
      return labels.length;
    }
  }

  /** Correctly classified images of {@code network} with the faults of {@code spec}. */
  static int correct(Network network, FaultSpec spec, Inputs inputs, int threads) {
    Network faulty = StaticFaults.apply(spec, network);
    FastEngine engine = FastEngine.compile(faulty, spec.activations());
    int[] classes = new int[inputs.count()];
    if (inputs.bytes() != null) {
      engine.inferBatch(inputs.bytes(), classes, null, threads, 0);
    } else {
      engine.inferBatch(inputs.words(), classes, null, threads, 0);
    }
    int correct = 0;
    for (int s = 0; s < classes.length; s++) {
      correct += classes[s] == inputs.labels()[s] ? 1 : 0;
    }
    return correct;
  }

  /** The curve of {@code network}; {@code step} is called after each trial. */
  static Curve curve(String model, Network network, Inputs inputs, On on, List<Double> rates, int trials, long seed,
      int threads, Runnable step) {
    double faultFree = (double) correct(network, FaultSpec.NONE, inputs, threads) / inputs.count();
    List<Trial> all = new ArrayList<>();
    List<Point> points = new ArrayList<>();
    for (double rate : rates) {
      List<Trial> ofRate = new ArrayList<>();
      for (int t = 0; t < trials; t++) {
        long faultSeed = seed + t;
        int correct = correct(network, on.spec(rate, faultSeed), inputs, threads);
        ofRate.add(new Trial(rate, t, faultSeed, correct, inputs.count()));
        step.run();
      }
      all.addAll(ofRate);
      points.add(Point.of(rate, ofRate));
    }
    return new Curve(model, faultFree, all, points);
  }

  /**
   * {@code A..B} (powers of ten, e.g. 1e-5..1e-1: 1, 2 and 5 per decade from A up to B) or a comma
   * list of rates; every rate in (0, 1].
   */
  static List<Double> parseRates(String text) {
    List<Double> rates = new ArrayList<>();
    if (text.contains("..")) {
      String[] ends = text.split("\\.\\.", -1);
      if (ends.length != 2) {
        throw new IllegalArgumentException("--rates: expected A..B or a comma list, got '" + text + "'");
      }
      double lo = rate(ends[0]);
      double hi = rate(ends[1]);
      int first = (int) Math.floor(Math.log10(lo) + 1e-9);
      int last = (int) Math.ceil(Math.log10(hi) - 1e-9);
      for (int e = first; e <= last; e++) {
        for (int m : new int[] {1, 2, 5}) {
          double r = Double.parseDouble(m + "e" + e);
          if (r >= lo * (1 - 1e-9) && r <= hi * (1 + 1e-9)) {
            rates.add(r);
          }
        }
      }
    } else {
      for (String part : text.split(",", -1)) {
        rates.add(rate(part));
      }
    }
    if (rates.isEmpty()) {
      throw new IllegalArgumentException("--rates '" + text + "' holds no rate");
    }
    for (int i = 1; i < rates.size(); i++) {
      if (rates.get(i) <= rates.get(i - 1)) {
        throw new IllegalArgumentException("--rates must increase: " + rates.get(i - 1) + " then " + rates.get(i));
      }
    }
    return rates;
  }

  private static double rate(String text) {
    double r;
    try {
      r = Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--rates: '" + text + "' is not a number");
    }
    if (!(r > 0 && r <= 1)) {
      throw new IllegalArgumentException("--rates: " + text + " is outside (0, 1]");
    }
    return r;
  }
}
