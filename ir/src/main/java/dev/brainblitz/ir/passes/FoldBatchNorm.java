package dev.brainblitz.ir.passes;

import dev.brainblitz.ir.Accumulator;
import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.ModelValidator;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.ThresholdTable;
import dev.brainblitz.ir.diag.Diagnostics;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.floats.BatchNorm;
import dev.brainblitz.ir.floats.Binarized;
import dev.brainblitz.ir.floats.FloatLayer;
import dev.brainblitz.ir.floats.FloatMatrix;
import dev.brainblitz.ir.floats.FloatModel;
import dev.brainblitz.ir.floats.FloatScores;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Turns a trained {@link FloatModel} into a binarized {@link Model}: weights become their sign
 * bits, and each hidden neuron's bias, batch normalization and sign become one integer threshold
 * on the accumulator, chosen so that the folded bit equals {@code y >= 0} for
 * {@code y = }{@link BatchNorm#preActivation} — the float reference in double arithmetic, rounding
 * included — for every input, not just approximately.
 *
 * <p>Why a search rather than a formula: solving {@code y >= 0} for the accumulator in real
 * arithmetic gives a threshold that can be off by one where rounding decides. Instead, each IEEE
 * operation in {@code preActivation} is monotone in its operand, so {@code y >= 0} is a monotone
 * predicate of the accumulator (increasing for positive gamma, decreasing for negative, constant
 * for zero). Evaluating it at both ends of the accumulator range tells which, and a binary search
 * finds the exact switching point. Monotonicity needs the intermediate values to stay finite
 * (an infinity times a zero gamma is NaN), which is checked first.
 *
 * <p>The result has nodes {@code x, fc1, act1, ..., out}, and is validated (a {@link Network}).
 */
public final class FoldBatchNorm {
  public static final String NAME = "fold-batchnorm";
  public static final String SUMMARY =
      "binarize a float model's weights and fold bias, batch normalization and sign into exact integer thresholds";

  /** A folded neuron: it outputs 1 when {@code direction.passes(acc, threshold)}. */
  public record Rule(Direction direction, long threshold) {}

  public String name() {
    return NAME;
  }

  public String summary() {
    return SUMMARY;
  }

  /**
   * The binarized model equivalent to {@code model}. Throws a
   * {@link dev.brainblitz.ir.diag.DiagnosticException} when a parameter is not finite, a
   * normalization divides by a non-positive or infinite scale or overflows, a score bias is not an
   * integer, or the result is not a valid model (e.g. the name is not an identifier).
   */
  public Network apply(FloatModel model) {
    var diagnostics = new Diagnostics();
    List<Node> nodes = new ArrayList<>();
    nodes.add(new Node.Input("x", model.inputKind(), model.inputSize()));
    String previous = "x";
    for (int k = 0; k < model.hidden().size(); k++) {
      FloatLayer layer = model.hidden().get(k);
      String dense = "fc" + (k + 1);
      String activation = "act" + (k + 1);
      checkFinite(layer.weights(), "weights of layer " + (k + 1), diagnostics);
      nodes.add(new Node.Dense(dense, previous, binarize(layer.weights())));
      nodes.add(new Node.Threshold(activation, dense,
          thresholds(layer, model.kindInto(k), "layer " + (k + 1) + " (node " + activation + ")", diagnostics)));
      previous = activation;
    }
    FloatScores output = model.output();
    checkFinite(output.weights(), "weights of the scores", diagnostics);
    List<Integer> bias = new ArrayList<>();
    for (int c = 0; c < output.classes(); c++) {
      double b = output.bias().get(c);
      if (!FloatScores.isIntegralBias(b)) {
        diagnostics.error(ErrorCode.FLOAT_SCORE_BIAS, SourceSpan.UNKNOWN,
            "score bias " + b + " of class " + c + " must be an integer that fits 32 bits");
      }
      bias.add((int) b);
    }
    diagnostics.throwIfAny();
    nodes.add(new Node.Scores("out", previous, binarize(output.weights()), bias));
    var folded = ModelValidator.validate(new Model(model.name(), nodes), diagnostics);
    diagnostics.throwIfAny();
    return folded.orElseThrow();
  }

  private static ThresholdTable thresholds(FloatLayer layer, InputKind kind, String node, Diagnostics diagnostics) {
    int n = layer.inputs();
    long accMin = Accumulator.min(kind, n);
    long accMax = Accumulator.max(kind, n);
    BatchNorm bn = layer.batchNorm();
    long[] thresholds = new long[layer.outputs()];
    Direction[] directions = new Direction[layer.outputs()];
    for (int j = 0; j < layer.outputs(); j++) {
      final int neuron = j;
      double bias = layer.bias().get(j);
      if (!foldable(bn, j, bias, Binarized.dot(kind, n, accMin), Binarized.dot(kind, n, accMax))) {
        diagnostics.error(ErrorCode.FLOAT_NOT_FINITE, SourceSpan.UNKNOWN,
            "neuron " + j + " of " + node + ": bias or batch-norm parameters are not finite, variance + epsilon is"
                + " not positive, or the normalization overflows a double");
        directions[j] = Direction.GE;
        continue;
      }
      Rule rule = fold(acc -> bn.preActivation(neuron, Binarized.dot(kind, n, acc), bias) >= 0, accMin, accMax);
      thresholds[j] = rule.threshold();
      directions[j] = rule.direction();
    }
    return ThresholdTable.of(thresholds, directions);
  }

  /**
   * Whether {@code y >= 0} is monotone over dot products in [dotMin, dotMax]: every parameter is
   * finite, the scale is positive and finite, and {@code (dot + bias) - mean} stays finite (it is
   * monotone in dot, so its ends bound it). Then no intermediate can be NaN.
   */
  private static boolean foldable(BatchNorm bn, int j, double bias, long dotMin, long dotMax) {
    boolean finite = Double.isFinite(bn.gamma().get(j)) && Double.isFinite(bn.beta().get(j))
        && Double.isFinite(bn.mean().get(j)) && Double.isFinite(bias) && bn.hasValidScale(j);
    return finite
        && Double.isFinite((dotMin + bias) - bn.mean().get(j))
        && Double.isFinite((dotMax + bias) - bn.mean().get(j));
  }

  /**
   * The rule that agrees with {@code fires} on every accumulator in [min, max], provided
   * {@code fires} is monotone there (in either direction). Thresholds stay within the IL's legal
   * range [min - 1, max + 1]: a constant neuron becomes {@code ge min} (always 1) or
   * {@code ge max + 1} (always 0).
   */
  public static Rule fold(LongPredicate fires, long min, long max) {
    boolean atMin = fires.test(min);
    boolean atMax = fires.test(max);
    if (atMin == atMax) {
      return atMin ? new Rule(Direction.GE, min) : new Rule(Direction.GE, max + 1);
    }
    // Invariant: fires(lo) == atMin and fires(hi) == atMax, so the switch lies in (lo, hi].
    long lo = min;
    long hi = max;
    while (hi - lo > 1) {
      long mid = lo + (hi - lo) / 2;
      if (fires.test(mid) == atMin) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    // Increasing: hi is the smallest accumulator that fires. Decreasing: lo is the largest.
    return atMax ? new Rule(Direction.GE, hi) : new Rule(Direction.LE, lo);
  }

  private static BitMatrix binarize(FloatMatrix weights) {
    boolean[][] bits = new boolean[weights.rows()][weights.columns()];
    for (int r = 0; r < weights.rows(); r++) {
      for (int c = 0; c < weights.columns(); c++) {
        bits[r][c] = Binarized.weightBit(weights.get(r, c));
      }
    }
    return BitMatrix.fromBits(bits);
  }

  private static void checkFinite(FloatMatrix weights, String what, Diagnostics diagnostics) {
    for (int r = 0; r < weights.rows(); r++) {
      for (int c = 0; c < weights.columns(); c++) {
        if (!Double.isFinite(weights.get(r, c))) {
          diagnostics.error(ErrorCode.FLOAT_NOT_FINITE, SourceSpan.UNKNOWN,
              "row " + r + ", column " + c + " of the " + what + " is " + weights.get(r, c) + "; its sign is undefined");
          return;
        }
      }
    }
  }
}
