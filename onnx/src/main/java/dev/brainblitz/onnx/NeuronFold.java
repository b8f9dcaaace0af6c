package dev.brainblitz.onnx;

import dev.brainblitz.ir.Accumulator;
import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.floats.Binarized;
import dev.brainblitz.ir.passes.FoldBatchNorm;
import dev.brainblitz.ir.passes.FoldBatchNorm.Rule;

/**
 * Turns one imported neuron (its steps and activation) into an IL threshold rule, exactly: the
 * neuron's value is evaluated in double precision step by step as the graph states it, and
 * {@link FoldBatchNorm#fold} (the exact search of the batch-norm fold) finds the integer
 * accumulator where its activation switches. A threshold the graph itself states as an integer
 * comparison on the accumulator (what {@code blitz export} writes) is kept as written, so that
 * import(export(m)) gives back m even for constant neurons.
 */
final class NeuronFold {
  private NeuronFold() {}

  /** The value of neuron {@code j} for accumulator {@code acc}: the exact dot product, then every step. */
  static double value(Value.Neurons neurons, int j, long acc) {
    var layer = neurons.layer();
    double v = Binarized.dot(layer.inputKind(), layer.inputs(), acc);
    for (NeuronStep step : neurons.steps()) {
      v = step.apply(j, v);
    }
    return v;
  }

  static Rule rule(Value.Neurons neurons, Activation activation, int j, boolean signHasZero, NodeAt at) {
    var layer = neurons.layer();
    InputKind kind = layer.inputKind();
    int n = layer.inputs();
    long min = Accumulator.min(kind, n);
    long max = Accumulator.max(kind, n);
    checkFinite(neurons, j, min, at);
    checkFinite(neurons, j, max, at);
    Rule folded = FoldBatchNorm.fold(acc -> activation.fires(j, value(neurons, j, acc)), min, max);
    if (signHasZero) {
      Rule nonNegative = FoldBatchNorm.fold(acc -> value(neurons, j, acc) >= 0, min, max);
      if (!nonNegative.equals(folded)) {
        long zero = firstZero(neurons, j, min, max);
        throw at.error(ErrorCode.ONNX_NOT_BIPOLAR, "Sign outputs 0 for neuron " + j + " when its accumulator is "
            + zero + " (its value is exactly 0 there), and the IL's activations are +1 or -1; binarize with"
            + " x >= 0 instead (QONNX BipolarQuant, or torch.where(x >= 0, 1.0, -1.0))");
      }
    }
    Rule written = asWritten(neurons, activation, j);
    return written != null && inLegalRange(written, min, max) && canonical(written, min, max).equals(folded)
        ? written
        : folded;
  }

  private static void checkFinite(Value.Neurons neurons, int j, long acc, NodeAt at) {
    var layer = neurons.layer();
    double v = Binarized.dot(layer.inputKind(), layer.inputs(), acc);
    for (NeuronStep step : neurons.steps()) {
      v = step.apply(j, v);
      if (!Double.isFinite(v)) {
        throw at.error(ErrorCode.ONNX_NOT_FINITE, "neuron " + j + " evaluates to " + v + " at accumulator " + acc
            + " after " + step.label() + ": a parameter is not finite, a divisor or variance is 0, or the"
            + " value overflows");
      }
    }
  }

  private static long firstZero(Value.Neurons neurons, int j, long min, long max) {
    for (long acc = min; acc <= max; acc++) {
      if (value(neurons, j, acc) == 0) {
        return acc;
      }
    }
    return min;
  }

  /**
   * The rule the graph writes when the neuron's value is {@code a * acc + b} with integers a and b
   * and its activation compares it with an integer: solved in integers, without rounding.
   */
  private static Rule asWritten(Value.Neurons neurons, Activation activation, int j) {
    Activation.Comparison comparison = activation.comparison(j);
    if (comparison == null) {
      return null;
    }
    NeuronStep.Affine affine = neurons.affine(j);
    if (affine == null) {
      return null;
    }
    double a = affine.a();
    double b = affine.b();
    double t = comparison.threshold();
    if (!isSmallInteger(a) || a == 0 || !isSmallInteger(b) || !isSmallInteger(t)) {
      return null;
    }
    long ai = (long) a;
    long r = (long) t - (long) b;
    return switch (comparison.op()) {
      case GE -> atLeast(ai, r);
      case GT -> atLeast(ai, r + 1);
      case LE -> atLeast(-ai, -r);
      case LT -> atLeast(-ai, -r + 1);
    };
  }

  /** The rule for {@code a * acc >= r}. */
  private static Rule atLeast(long a, long r) {
    return a > 0
        ? new Rule(Direction.GE, -Math.floorDiv(-r, a))
        : new Rule(Direction.LE, Math.floorDiv(r, a));
  }

  private static boolean isSmallInteger(double v) {
    return Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) < (1L << 52);
  }

  private static boolean inLegalRange(Rule rule, long min, long max) {
    return rule.threshold() >= min - 1 && rule.threshold() <= max + 1;
  }

  /** The rule {@link FoldBatchNorm#fold} gives for the same predicate over [min, max]. */
  static Rule canonical(Rule rule, long min, long max) {
    long t = rule.threshold();
    if (rule.direction() == Direction.GE) {
      return t <= min ? new Rule(Direction.GE, min) : t > max ? new Rule(Direction.GE, max + 1) : rule;
    }
    return t >= max ? new Rule(Direction.GE, min) : t < min ? new Rule(Direction.GE, max + 1) : rule;
  }
}
