package dev.brainblitz.ir.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.Accumulator;
import dev.brainblitz.ir.DenseLayer;
import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.floats.BatchNorm;
import dev.brainblitz.ir.floats.Binarized;
import dev.brainblitz.ir.floats.FloatLayer;
import dev.brainblitz.ir.floats.FloatModel;
import dev.brainblitz.ir.floats.FloatReference;
import dev.brainblitz.ir.floats.FloatScores;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.random.RandomFloatModels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FoldBatchNorm against the float reference ({@link FloatReference}, built on
 * {@link BatchNorm#preActivation}): the folded network must agree bit for bit, on every hidden
 * activation and every score.
 */
class FoldBatchNormTest {
  private static final FoldBatchNorm FOLD = new FoldBatchNorm();

  static LongStream seeds() {
    return LongStream.range(0, 250);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void foldedNetworkAgreesWithTheFloatReferenceOnRandomInputs(long seed) {
    FloatModel model = RandomFloatModels.model(seed);
    Network network = FOLD.apply(model);
    Random random = new Random(seed * 31 + 7);
    List<InputVector> inputs = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      inputs.add(RandomFloatModels.vector(random, model));
    }
    inputs.addAll(inputsOnSwitchingPoints(model, network, random));
    for (InputVector input : inputs) {
      var reference = FloatReference.run(model, input);
      for (int k = 0; k < model.hidden().size(); k++) {
        assertEquals(reference.activations().get(k), HiddenActivations.of(network, k, input),
            "layer " + (k + 1) + " of seed " + seed);
      }
      assertEquals(reference.result(), new GoldenModel(network).infer(input), "scores of seed " + seed);
    }
  }

  /**
   * The folded rule of every neuron agrees with {@code preActivation >= 0} on every accumulator:
   * all of them for small ranges, otherwise the ends, the neighbourhood of the threshold and a sample.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void everyNeuronAgreesOnEveryAccumulator(long seed) {
    FloatModel model = RandomFloatModels.model(seed);
    Network network = FOLD.apply(model);
    Random random = new Random(seed);
    for (int k = 0; k < model.hidden().size(); k++) {
      FloatLayer layer = model.hidden().get(k);
      DenseLayer folded = (DenseLayer) network.layers().get(k);
      InputKind kind = model.kindInto(k);
      long min = folded.accumulatorMin();
      long max = folded.accumulatorMax();
      for (int j = 0; j < layer.outputs(); j++) {
        long t = folded.threshold().table().threshold(j);
        Direction direction = folded.threshold().table().direction(j);
        List<Long> accumulators = new ArrayList<>();
        if (max - min <= 4096) {
          for (long acc = min; acc <= max; acc++) {
            accumulators.add(acc);
          }
        } else {
          for (long d = -64; d <= 64; d++) {
            accumulators.add(Math.max(min, Math.min(max, t + d)));
          }
          accumulators.add(min);
          accumulators.add(max);
          for (int s = 0; s < 256; s++) {
            accumulators.add(min + (long) (random.nextDouble() * (max - min + 1)));
          }
        }
        for (long acc : accumulators) {
          double y = layer.batchNorm().preActivation(j, Binarized.dot(kind, layer.inputs(), acc), layer.bias().get(j));
          assertEquals(y >= 0, direction.passes(acc, t),
              "seed " + seed + " layer " + (k + 1) + " neuron " + j + " acc " + acc + ": y = " + y + ", rule "
                  + direction.keyword() + " " + t);
        }
      }
    }
  }

  /**
   * First-layer inputs whose accumulator is exactly each neuron's threshold, or one off it: the
   * values where the rule switches (and, for beta-cancelled neurons, where y is exactly 0).
   */
  private static List<InputVector> inputsOnSwitchingPoints(FloatModel model, Network network, Random random) {
    List<InputVector> inputs = new ArrayList<>();
    if (model.hidden().isEmpty() || model.inputKind() != InputKind.BIPOLAR) {
      return inputs;
    }
    var layer = (DenseLayer) network.layers().get(0);
    int n = layer.inputs();
    for (int j = 0; j < layer.outputs(); j++) {
      long t = layer.threshold().table().threshold(j);
      for (long acc = t - 1; acc <= t; acc++) {
        if (acc < 0 || acc > n) {
          continue;
        }
        // Agree with row j's weights on exactly acc positions, chosen at random.
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          positions.add(i);
        }
        Collections.shuffle(positions, random);
        int[] bits = new int[n];
        for (int p = 0; p < n; p++) {
          int i = positions.get(p);
          boolean weight = layer.dense().weights().get(j, i);
          bits[i] = (p < acc) == weight ? 1 : 0;
        }
        inputs.add(InputVector.of(InputKind.BIPOLAR, bits));
      }
    }
    return inputs;
  }

  @Test
  void aPreActivationOfExactlyZeroFires() {
    // 10 bipolar inputs, all weights +1. Beta cancels the rest at dot 2 (accumulator 6), in doubles.
    double gamma = 0.3;
    double mean = 0.7;
    double variance = 0.1;
    double bias = 0.1;
    BatchNorm noBeta = bn(gamma, 0.0, mean, variance, 1e-5);
    double beta = -noBeta.preActivation(0, 2, bias);
    FloatModel model = single(InputKind.BIPOLAR, 10, bn(gamma, beta, mean, variance, 1e-5), bias);
    assertEquals(0.0, model.hidden().get(0).batchNorm().preActivation(0, 2, bias));
    var table = firstLayer(FOLD.apply(model)).threshold().table();
    assertEquals(Direction.GE, table.direction(0));
    assertEquals(6, table.threshold(0));
  }

  @Test
  void negativeGammaFlipsTheComparison() {
    // y = -(dot - 0.5) >= 0  <=>  dot <= 0.5  <=>  dot <= 0  <=>  acc <= 5 over 10 inputs.
    FloatModel model = single(InputKind.BIPOLAR, 10, bn(-1.0, 0.0, 0.5, 1.0, 0.0), 0.0);
    var table = firstLayer(FOLD.apply(model)).threshold().table();
    assertEquals(Direction.LE, table.direction(0));
    assertEquals(5, table.threshold(0));
  }

  @Test
  void zeroGammaMakesAConstantNeuron() {
    // y = 0 * (...) + beta: always 1 when beta >= 0 (also for beta = -0.0), always 0 when negative.
    for (double beta : new double[] {0.0, -0.0, 0.5}) {
      var table = firstLayer(FOLD.apply(single(InputKind.U8, 7, bn(0.0, beta, 3.0, 2.0, 0.0), 0.0))).threshold().table();
      assertEquals(Direction.GE, table.direction(0));
      assertEquals(Accumulator.min(InputKind.U8, 7), table.threshold(0), "beta " + beta);
    }
    var off = firstLayer(FOLD.apply(single(InputKind.U8, 7, bn(0.0, -0.5, 3.0, 2.0, 0.0), 0.0))).threshold().table();
    assertEquals(Accumulator.max(InputKind.U8, 7) + 1, off.threshold(0));
  }

  @Test
  void foldFindsTheSwitchOfAnyMonotonePredicate() {
    for (long min = -5; min <= 0; min++) {
      for (long max = min; max <= 6; max++) {
        for (long at = min - 1; at <= max + 1; at++) {
          final long s = at;
          var up = FoldBatchNorm.fold(acc -> acc >= s, min, max);
          var down = FoldBatchNorm.fold(acc -> acc <= s, min, max);
          for (long acc = min; acc <= max; acc++) {
            assertEquals(acc >= s, up.direction().passes(acc, up.threshold()));
            assertEquals(acc <= s, down.direction().passes(acc, down.threshold()));
          }
          assertTrue(up.threshold() >= min - 1 && up.threshold() <= max + 1);
          assertTrue(down.threshold() >= min - 1 && down.threshold() <= max + 1);
        }
      }
    }
  }

  @Test
  void nonIntegralScoreBiasIsReported() {
    FloatModel model = new FloatModel("m", InputKind.BIPOLAR, 2, List.of(),
        new FloatScores(new double[][] {{1, 1}, {-1, 1}}, new double[] {0.0, 0.5}));
    var error = assertThrows(DiagnosticException.class, () -> FOLD.apply(model));
    assertEquals(List.of(ErrorCode.FLOAT_SCORE_BIAS), codes(error));
  }

  @Test
  void invalidNormalizationIsReported() {
    assertEquals(List.of(ErrorCode.FLOAT_NOT_FINITE),
        codes(assertThrows(DiagnosticException.class,
            () -> FOLD.apply(single(InputKind.BIPOLAR, 4, bn(Double.NaN, 0.0, 0.0, 1.0, 0.0), 0.0)))));
    assertEquals(List.of(ErrorCode.FLOAT_NOT_FINITE),
        codes(assertThrows(DiagnosticException.class,
            () -> FOLD.apply(single(InputKind.BIPOLAR, 4, bn(1.0, 0.0, 0.0, -1.0, 0.5), 0.0)))));
    // (dot + bias) - mean overflows to infinity; times a zero gamma that would be NaN.
    assertEquals(List.of(ErrorCode.FLOAT_NOT_FINITE),
        codes(assertThrows(DiagnosticException.class,
            () -> FOLD.apply(single(InputKind.BIPOLAR, 4, bn(0.0, 0.0, -1e308, 1.0, 0.0), 1e308)))));
  }

  @Test
  void theFoldedModelHasTheDocumentedNodeNames() {
    Model folded = FOLD.apply(RandomFloatModels.model(3)).model();
    List<String> names = folded.nodes().stream().map(n -> n.name()).toList();
    assertEquals("x", names.get(0));
    assertEquals("out", names.get(names.size() - 1));
    for (int k = 1; k < names.size() - 1; k += 2) {
      assertEquals("fc" + (k + 1) / 2, names.get(k));
      assertEquals("act" + (k + 1) / 2, names.get(k + 1));
    }
  }

  private static List<ErrorCode> codes(DiagnosticException error) {
    return error.diagnostics().stream().map(d -> d.code()).toList();
  }

  private static BatchNorm bn(double gamma, double beta, double mean, double variance, double epsilon) {
    return new BatchNorm(new double[] {gamma}, new double[] {beta}, new double[] {mean}, new double[] {variance},
        epsilon);
  }

  /** One hidden neuron with all weights +1 over {@code n} inputs, then one score. */
  private static FloatModel single(InputKind kind, int n, BatchNorm batchNorm, double bias) {
    double[][] weights = new double[1][n];
    Arrays.fill(weights[0], 1.0);
    var layer = new FloatLayer(weights, new double[] {bias}, batchNorm);
    return new FloatModel("single", kind, n, List.of(layer), new FloatScores(new double[][] {{1.0}}, new double[] {0}));
  }

  private static DenseLayer firstLayer(Network network) {
    return (DenseLayer) network.layers().get(0);
  }
}
