package dev.brainblitz.onnx;

import dev.brainblitz.ir.diag.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * The IL scores of a graph's last matrix product: its output for class c must be
 * {@code a * acc_c + b_c}, with one positive factor {@code a} for every class and {@code acc_c}
 * the IL accumulator, so that it ranks classes exactly as IL scores {@code acc_c + bias_c} do when
 * {@code bias_c = (b_c - offset) / a} are integers. The offset is 0 when that works (then the
 * graph's outputs are exactly {@code a} times the IL scores), else {@code b_0}.
 */
record ScoresMapping(List<Integer> bias, double factor, double offset) {

  static ScoresMapping of(Value.Neurons scores, NodeAt at) {
    int classes = scores.count();
    double[] a = new double[classes];
    double[] b = new double[classes];
    for (int c = 0; c < classes; c++) {
      NeuronStep.Affine affine = scores.affine(c);
      if (affine == null) {
        String step = scores.steps().stream().filter(s -> s.compose(0, new NeuronStep.Affine(1, 0)) == null)
            .map(NeuronStep::label).findFirst().orElse("an operator");
        throw at.error(ErrorCode.ONNX_SCORES, "the scores pass through " + step + " after the last matrix"
            + " product; IL scores are the accumulators plus an integer bias, so only Add, Sub, Mul and Div by"
            + " constants may follow it");
      }
      a[c] = affine.a();
      b[c] = affine.b();
    }
    for (int c = 0; c < classes; c++) {
      if (!(a[c] > 0) || !Double.isFinite(a[c]) || Double.compare(a[c], a[0]) != 0) {
        throw at.error(ErrorCode.ONNX_SCORES, "class " + c + "'s output is " + a[c] + " times its accumulator but class"
            + " 0's is " + a[0] + " times; the argmax of IL scores needs one positive factor for every class");
      }
    }
    List<Integer> exact = biases(a[0], b, 0);
    if (exact != null) {
      return new ScoresMapping(exact, a[0], 0);
    }
    List<Integer> shifted = biases(a[0], b, b[0]);
    if (shifted != null) {
      return new ScoresMapping(shifted, a[0], b[0]);
    }
    for (int c = 1; c < classes; c++) {
      double bias = (b[c] - b[0]) / a[0];
      if (bias != Math.rint(bias)) {
        throw at.error(ErrorCode.ONNX_SCORES, "class " + c + "'s bias differs from class 0's by " + bias
            + " accumulator steps; IL score biases are integers, so the classes would rank differently (fix the"
            + " output bias, e.g. train the last layer without bias)");
      }
    }
    throw at.error(ErrorCode.ONNX_SCORES, "the output biases are too large for 32-bit scores");
  }

  private static List<Integer> biases(double a, double[] b, double offset) {
    List<Integer> bias = new ArrayList<>();
    for (double v : b) {
      double q = (v - offset) / a;
      if (q != Math.rint(q) || Math.abs(q) > Integer.MAX_VALUE) {
        return null;
      }
      bias.add((int) q);
    }
    return bias;
  }
}
