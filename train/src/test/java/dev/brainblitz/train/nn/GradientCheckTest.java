package dev.brainblitz.train.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.InputKind;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Finite-difference checks of every backward pass: the analytic gradient of a scalar loss
 * {@code L = sum(r * output)} (r random) against {@code (L(p + h) - L(p - h)) / 2h} for each
 * parameter and input. The straight-through estimator is checked against its definition, the
 * derivative of hardtanh.
 */
class GradientCheckTest {
  private static final Parallel ONE = new Parallel(1);

  static float[] random(Random random, int n, double scale) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (random.nextGaussian() * scale);
    }
    return a;
  }

  static double weighted(float[] output, float[] r, int n) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += (double) output[i] * r[i];
    }
    return sum;
  }

  /** Central difference of {@code loss} in {@code values[i]}. */
  static double numeric(float[] values, int i, double h, DoubleSupplier loss) {
    float saved = values[i];
    values[i] = (float) (saved + h);
    double plus = loss.getAsDouble();
    values[i] = (float) (saved - h);
    double minus = loss.getAsDouble();
    values[i] = saved;
    return (plus - minus) / (2 * h);
  }

  static void assertClose(double expected, double actual, double tolerance, String what) {
    double scale = Math.max(1, Math.max(Math.abs(expected), Math.abs(actual)));
    assertTrue(Math.abs(expected - actual) <= tolerance * scale,
        what + ": numeric " + expected + ", analytic " + actual);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void dense(boolean binary) {
    Random random = new Random(11);
    int n = 5;
    Dense d = new Dense(7, 4, binary, !binary);
    d.initialize(random);
    if (!binary) {
      System.arraycopy(random(random, 4, 1), 0, d.bias, 0, 4);
    }
    d.refresh();
    float[] x = random(random, n * 7, 1);
    float[] r = random(random, n * 4, 1);
    float[] y = new float[n * 4];
    DoubleSupplier loss = () -> {
      d.forward(ONE, x, n, y);
      return weighted(y, r, n * 4);
    };
    float[] dx = new float[n * 7];
    d.forward(ONE, x, n, y);
    d.backward(ONE, x, r, n, dx);
    for (int i = 0; i < x.length; i++) {
      assertClose(numeric(x, i, 1e-2, loss), dx[i], 1e-3, "input " + i);
    }
    // The forward pass reads the effective weights (the signs, for a binary layer): the gradient of
    // the latent weight is, by the straight-through estimator, the gradient of the effective one.
    for (int k = 0; k < 7 * 4; k++) {
      int j = k / 7;
      int i = k % 7;
      float saved = d.effectiveT[i][j];
      double h = 1e-2;
      d.effectiveT[i][j] = (float) (saved + h);
      double plus = loss.getAsDouble();
      d.effectiveT[i][j] = (float) (saved - h);
      double minus = loss.getAsDouble();
      d.effectiveT[i][j] = saved;
      assertClose((plus - minus) / (2 * h), d.weightGrad[k], 1e-3, "weight " + k);
    }
    if (!binary) {
      for (int j = 0; j < 4; j++) {
        assertClose(numeric(d.bias, j, 1e-2, loss), d.biasGrad[j], 1e-3, "bias " + j);
      }
    } else {
      for (float[] row : d.effective) {
        for (float w : row) {
          assertEquals(1f, Math.abs(w), "a binary layer computes with ±1");
        }
      }
    }
  }

  @Test
  void batchNormInTraining() {
    Random random = new Random(12);
    int n = 8;
    int f = 3;
    BatchNorm1d bn = new BatchNorm1d(f, 1e-5f, n);
    for (int j = 0; j < f; j++) {
      bn.gamma[j] = (float) (0.5 + random.nextDouble());
      bn.beta[j] = (float) random.nextGaussian();
    }
    float[] z = random(random, n * f, 2);
    float[] r = random(random, n * f, 1);
    float[] y = new float[n * f];
    DoubleSupplier loss = () -> {
      bn.forward(ONE, z, n, true, y);
      return weighted(y, r, n * f);
    };
    loss.getAsDouble();
    float[] dz = new float[n * f];
    bn.backward(ONE, r, n, dz);
    for (int i = 0; i < z.length; i++) {
      assertClose(numeric(z, i, 1e-2, loss), dz[i], 2e-3, "input " + i);
    }
    for (int j = 0; j < f; j++) {
      assertClose(numeric(bn.gamma, j, 1e-2, loss), bn.gammaGrad[j], 2e-3, "gamma " + j);
      assertClose(numeric(bn.beta, j, 1e-2, loss), bn.betaGrad[j], 2e-3, "beta " + j);
    }
  }

  @Test
  void signStraightThroughIsTheDerivativeOfHardtanh() {
    Random random = new Random(13);
    for (int k = 0; k < 1000; k++) {
      float y = (float) (random.nextGaussian() * 2);
      if (Math.abs(Math.abs(y) - 1) < 1e-2) {
        continue;
      }
      double h = 1e-3;
      double numeric = (Math.max(-1, Math.min(1, y + h)) - Math.max(-1, Math.min(1, y - h))) / (2 * h);
      assertEquals(numeric, Activations.signGradient(y), 1e-6, "at " + y);
      assertEquals(y >= 0 ? 1f : -1f, Activations.sign(y));
    }
    assertEquals(1f, Activations.signGradient(1f), "the gradient passes where |x| <= 1");
    assertEquals(1f, Activations.signGradient(-1f));
    assertEquals(0f, Activations.signGradient(1.0001f));
    assertEquals(1f, Activations.sign(0f), "0 maps to +1, as the IL's ge thresholds fire");
    assertEquals(1f, Activations.sign(-0f));
  }

  @Test
  void relu() {
    Random random = new Random(14);
    for (int k = 0; k < 1000; k++) {
      float y = (float) random.nextGaussian();
      if (Math.abs(y) < 1e-2) {
        continue;
      }
      double h = 1e-3;
      double numeric = (Math.max(0, y + h) - Math.max(0, y - h)) / (2 * h);
      assertEquals(numeric, Activations.reluGradient(y), 1e-6);
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {1.0, 0.5, 0.0})
  void distillationLoss(double alpha) {
    Random random = new Random(15);
    int classes = 5;
    float[] logits = random(random, classes, 3);
    float[] teacher = random(random, classes, 3);
    float[] grad = new float[classes];
    double temperature = 3;
    Losses.distillation(logits, teacher, 0, classes, 2, alpha, temperature, 1, grad);
    float[] scratch = new float[classes];
    DoubleSupplier loss = () -> Losses.distillation(logits, teacher, 0, classes, 2, alpha, temperature, 1, scratch);
    for (int c = 0; c < classes; c++) {
      assertClose(numeric(logits, c, 1e-3, loss), grad[c], 1e-3, "logit " + c);
    }
  }

  @Test
  void distillationLossOfAPerfectCopyIsTheWeightedCrossEntropy() {
    float[] logits = {1f, 2f, 0.5f};
    float[] grad = new float[3];
    double ce = Losses.distillation(logits, null, 0, 3, 1, 1, 1, 1, grad);
    double mixed = Losses.distillation(logits, logits.clone(), 0, 3, 1, 0.25, 4, 1, grad);
    assertEquals(0.25 * ce, mixed, 1e-12);
  }

  /** The teacher end to end (dense, batch-norm, ReLU, dense with bias): every parameter. */
  @Test
  void wholeTeacher() {
    Random random = new Random(16);
    int n = 6;
    Mlp net = new Mlp(Trainable.Kind.TEACHER, InputKind.U8, new int[] {5, 4, 3, 3}, n);
    net.initialize(random);
    float[] x = random(random, n * 5, 1);
    float[] r = random(random, n * 3, 1);
    DoubleSupplier loss = () -> {
      net.refresh();
      return weighted(net.forward(ONE, x, n, true), r, n * 3);
    };
    loss.getAsDouble();
    net.backward(ONE, r, n);
    check(net.output.weights, net.output.weightGrad, loss, "output weights");
    check(net.output.bias, net.output.biasGrad, loss, "output bias");
    for (int k = 0; k < 2; k++) {
      check(net.dense.get(k).weights, net.dense.get(k).weightGrad, loss, "dense " + k);
      check(net.norms.get(k).gamma, net.norms.get(k).gammaGrad, loss, "gamma " + k);
      check(net.norms.get(k).beta, net.norms.get(k).betaGrad, loss, "beta " + k);
    }
  }

  /** The student's output: binary rows and the shared log scale, over fixed ±1 activations. */
  @Test
  void studentScores() {
    Random random = new Random(17);
    int n = 6;
    Mlp net = new Mlp(Trainable.Kind.STUDENT, InputKind.U8, new int[] {5, 4, 3}, n);
    net.initialize(random);
    float[] x = random(random, n * 5, 100);
    float[] r = random(random, n * 3, 1);
    DoubleSupplier loss = () -> weighted(net.forward(ONE, x, n, true), r, n * 3);
    loss.getAsDouble();
    net.backward(ONE, r, n);
    check(net.logScale, net.logScaleGrad, loss, "log scale");
    double h = 1e-2;
    for (int k = 0; k < 4 * 3; k++) {
      float[] column = net.output.effectiveT[k % 4];
      int t = k / 4;
      float saved = column[t];
      column[t] = (float) (saved + h);
      double plus = loss.getAsDouble();
      column[t] = (float) (saved - h);
      double minus = loss.getAsDouble();
      column[t] = saved;
      assertClose((plus - minus) / (2 * h), net.output.weightGrad[k], 1e-3, "output weight " + k);
    }
  }

  private static void check(float[] values, float[] gradient, DoubleSupplier loss, String what) {
    for (int i = 0; i < values.length; i++) {
      assertClose(numeric(values, i, 1e-3, loss), gradient[i], 2e-2, what + " " + i);
    }
  }
}
