package dev.brainblitz.train.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.Accumulator;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.train.cnn.BinaryCnn;
import dev.brainblitz.train.cnn.BitInference;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The student's forward pass is the exported network: with random weights and batch-norm
 * statistics, the scores of the student's own forward pass (evaluation mode, output scale 1) are
 * exactly the exported network's, through padding, pooling and the flatten order; and each
 * exported threshold fires exactly when the float rule it was folded from does, on every
 * accumulator.
 */
class CnnExportTest {
  @ParameterizedTest
  @CsvSource({
    "c4-c5-p-f6-3, 8, 8, U8",
    "c3+-c7k2s2v-5, 10, 6, BIPOLAR",
    "c6k5-p-c9s2+-f7-f5-4, 12, 8, U8",
    "c5k1v-c66-p3-2, 9, 9, BIPOLAR",
    "c3s2-c4v-p-6, 12, 12, U8",
  })
  void studentForwardPassIsTheExportedNetwork(String arch, int height, int width, InputKind kind) {
    Random random = new Random(arch.hashCode());
    var shape = (Architecture.Convolutional) Architecture.parse(arch);
    int n = 7;
    Cnn student = new Cnn(Trainable.Kind.STUDENT, kind, shape, height, width, n);
    student.initialize(random);
    randomizeStatistics(student, random);
    student.logScale[0] = 0f;
    BinaryCnn exported = student.toBinary("student");
    BitInference binary = new BitInference(exported);
    BitInference reference = new BitInference(exported, student.floatRule());
    int pixels = height * width;
    int[][] images = new int[n][pixels];
    float[] input = new float[n * pixels];
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < pixels; i++) {
        images[s][i] = random.nextInt(3) == 0 ? 0 : random.nextInt(256);
        input[s * pixels + i] = student.inputValue(images[s][i]);
      }
    }
    float[] logits = student.forward(new Parallel(2), input, n, false).clone();
    int classes = shape.classes();
    int fanIn = student.output.inputs;
    for (int s = 0; s < n; s++) {
      int[] elements = new int[pixels];
      for (int i = 0; i < pixels; i++) {
        elements[i] = kind == InputKind.U8 ? images[s][i] : (images[s][i] >= 128 ? 1 : 0);
      }
      int[] scores = binary.scores(elements);
      assertArrayEquals(scores, reference.scores(elements), "thresholds vs the float rule, sample " + s);
      for (int c = 0; c < classes; c++) {
        // The student's raw score is the ±1 dot product; the IL's is the number of agreements.
        assertEquals(2 * scores[c] - fanIn, logits[s * classes + c], "sample " + s + " class " + c);
      }
    }
    checkFoldExhaustively(student, exported);
  }

  /** Running statistics and batch-norm parameters of both signs, so that bits vary. */
  private static void randomizeStatistics(Cnn student, Random random) {
    List<float[]> state = student.liveState();
    // Per normalized layer: weights, gamma, beta, running mean, running variance.
    int layers = (state.size() - 2) / 5;
    for (int k = 0; k < layers; k++) {
      float[] gamma = state.get(5 * k + 1);
      float[] beta = state.get(5 * k + 2);
      float[] mean = state.get(5 * k + 3);
      float[] variance = state.get(5 * k + 4);
      for (int j = 0; j < gamma.length; j++) {
        gamma[j] = (float) (random.nextBoolean() ? 0.2 + random.nextDouble() : -0.2 - random.nextDouble());
        beta[j] = (float) (0.3 * random.nextGaussian());
        variance[j] = (float) (1 + 20 * random.nextDouble());
        mean[j] = (float) (2 * random.nextGaussian());
      }
    }
    // The first layer sums bytes: centre its statistics on byte-sized dot products.
    float[] mean = state.get(3);
    float[] variance = state.get(4);
    for (int j = 0; j < mean.length; j++) {
      mean[j] = (float) (300 * random.nextGaussian());
      variance[j] = (float) (1e4 + 1e5 * random.nextDouble());
    }
  }

  /** Every threshold against the float rule over its layer's whole accumulator range. */
  private static void checkFoldExhaustively(Cnn student, BinaryCnn exported) {
    BitInference.Rule rule = student.floatRule();
    BitInference.Rule thresholds = BitInference.thresholdRule(exported);
    var inputs = exported.inputs();
    int checked = 0;
    for (int k = 0; k < exported.layers().size(); k++) {
      BinaryCnn.Layer layer = exported.layers().get(k);
      int fanIn;
      int outputs;
      if (layer instanceof BinaryCnn.Conv conv) {
        fanIn = conv.weights().columns();
        outputs = conv.outChannels();
      } else if (layer instanceof BinaryCnn.Dense dense) {
        fanIn = dense.weights().columns();
        outputs = dense.weights().rows();
      } else {
        continue;
      }
      InputKind kind = inputs.get(k).kind();
      for (int j = 0; j < outputs; j++) {
        for (long acc = Accumulator.min(kind, fanIn); acc <= Accumulator.max(kind, fanIn); acc++) {
          assertEquals(rule.fires(k, j, acc), thresholds.fires(k, j, acc), "layer " + k + " output " + j + " acc " + acc);
          checked++;
        }
      }
    }
    assertTrue(checked > 0);
  }
}
