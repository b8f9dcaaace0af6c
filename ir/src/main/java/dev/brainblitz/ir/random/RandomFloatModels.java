package dev.brainblitz.ir.random;

import dev.brainblitz.ir.Accumulator;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.floats.BatchNorm;
import dev.brainblitz.ir.floats.Binarized;
import dev.brainblitz.ir.floats.FloatLayer;
import dev.brainblitz.ir.floats.FloatModel;
import dev.brainblitz.ir.floats.FloatScores;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random {@link FloatModel}s for the tests of {@code FoldBatchNorm} and the float JSON form.
 * They aim at the cases that break a careless fold: widths that are not multiples of 32, both input
 * kinds, zero and negative gamma, exact zero and negative zero weights, zero variance with positive
 * epsilon, means far from the accumulators (constant neurons), and neurons whose pre-activation is
 * exactly 0 at some accumulator (beta chosen to cancel the rest), where {@code >=} must hold.
 */
public final class RandomFloatModels {
  private RandomFloatModels() {}

  public static FloatModel model(long seed) {
    Random random = new Random(seed);
    InputKind kind = random.nextBoolean() ? InputKind.BIPOLAR : InputKind.U8;
    int hidden = random.nextInt(4);
    int[] sizes = new int[hidden + 2];
    sizes[0] = width(random, 200);
    for (int k = 1; k <= hidden; k++) {
      sizes[k] = width(random, 80);
    }
    sizes[hidden + 1] = 1 + random.nextInt(10);
    List<FloatLayer> layers = new ArrayList<>();
    for (int k = 1; k <= hidden; k++) {
      layers.add(layer(random, sizes[k], sizes[k - 1], k == 1 ? kind : InputKind.BIPOLAR));
    }
    double[][] scoreWeights = weights(random, sizes[hidden + 1], sizes[hidden]);
    double[] scoreBias = new double[sizes[hidden + 1]];
    for (int c = 0; c < scoreBias.length; c++) {
      scoreBias[c] = random.nextInt(41) - 20;
    }
    return new FloatModel("float_" + Long.toUnsignedString(seed, 16), kind, sizes[0], layers,
        new FloatScores(scoreWeights, scoreBias));
  }

  private static int width(Random random, int max) {
    return switch (random.nextInt(5)) {
      case 0 -> 1 + random.nextInt(3);
      case 1 -> 32 * (1 + random.nextInt(Math.max(1, max / 32)));
      default -> 1 + random.nextInt(max);
    };
  }

  private static double[][] weights(Random random, int rows, int columns) {
    double[][] w = new double[rows][columns];
    for (double[] row : w) {
      for (int i = 0; i < columns; i++) {
        row[i] = switch (random.nextInt(20)) {
          case 0 -> 0.0;
          case 1 -> -0.0;
          default -> random.nextGaussian() * 0.1;
        };
      }
    }
    return w;
  }

  private static FloatLayer layer(Random random, int outputs, int inputs, InputKind kind) {
    double[][] w = weights(random, outputs, inputs);
    double[] bias = new double[outputs];
    double[] gamma = new double[outputs];
    double[] beta = new double[outputs];
    double[] mean = new double[outputs];
    double[] variance = new double[outputs];
    double epsilon = switch (random.nextInt(3)) {
      case 0 -> 0.0;
      case 1 -> 1e-5;
      default -> 1e-3;
    };
    for (int j = 0; j < outputs; j++) {
      int ones = 0;
      for (double weight : w[j]) {
        ones += Binarized.weightBit(weight) ? 1 : 0;
      }
      // The dot product of a uniformly random input: its mean and spread, so that most neurons switch.
      double dotMean = kind == InputKind.BIPOLAR ? 0 : 127.5 * (2 * ones - inputs);
      double dotSpread = kind == InputKind.BIPOLAR ? Math.sqrt(inputs) : 74 * Math.sqrt(inputs);
      bias[j] = random.nextGaussian() * 0.7;
      gamma[j] = switch (random.nextInt(10)) {
        case 0 -> 0.0;
        case 1, 2, 3, 4 -> -0.1 - random.nextDouble() * 2;
        default -> 0.1 + random.nextDouble() * 2;
      };
      mean[j] = random.nextInt(12) == 0
          ? dotMean + (random.nextBoolean() ? 1 : -1) * (3 + random.nextDouble()) * 255 * inputs
          : dotMean + random.nextGaussian() * dotSpread;
      variance[j] = epsilon > 0 && random.nextInt(8) == 0 ? 0.0 : Math.pow(dotSpread * (0.2 + random.nextDouble()), 2);
      beta[j] = random.nextGaussian() * 0.5;
      if (random.nextInt(3) == 0) {
        // Make y exactly 0 at one reachable dot product: beta cancels the rest of the expression there.
        long acc = likelyAccumulator(random, kind, inputs, dotMean, dotSpread);
        long dot = Binarized.dot(kind, inputs, acc);
        BatchNorm withoutBeta = new BatchNorm(new double[] {gamma[j]}, new double[] {0.0}, new double[] {mean[j]},
            new double[] {variance[j]}, epsilon);
        beta[j] = -withoutBeta.preActivation(0, dot, bias[j]);
      }
    }
    return new FloatLayer(w, bias, new BatchNorm(gamma, beta, mean, variance, epsilon));
  }

  /** An accumulator value that random inputs are likely to produce. */
  private static long likelyAccumulator(Random random, InputKind kind, int inputs, double dotMean, double dotSpread) {
    double dot = dotMean + random.nextGaussian() * dotSpread;
    long acc = Math.round(kind == InputKind.BIPOLAR ? (dot + inputs) / 2 : dot);
    return Math.max(Accumulator.min(kind, inputs), Math.min(Accumulator.max(kind, inputs), acc));
  }

  /** A uniformly random input for {@code model}. */
  public static InputVector vector(Random random, FloatModel model) {
    int[] elements = new int[model.inputSize()];
    for (int i = 0; i < elements.length; i++) {
      elements[i] = random.nextInt(model.inputKind().maxElement() + 1);
    }
    return InputVector.of(model.inputKind(), elements);
  }
}
