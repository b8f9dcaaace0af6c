package dev.brainblitz.ir.passes;

import dev.brainblitz.ir.Accumulator;
import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.DenseLayer;
import dev.brainblitz.ir.Layer;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.ModelValidator;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.SpanList;
import dev.brainblitz.ir.ThresholdTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Removes hidden neurons whose output is the same for every input, because their threshold lies
 * outside what their accumulator can reach (e.g. {@code ge 0} over a popcount is always 1), and
 * folds their constant output into the layer that reads them.
 *
 * <p>The reading layer reads ±1 bits, and its accumulator counts agreements with its weights. A
 * removed input that is constantly v adds 1 to row r's count exactly when row r's weight is v, so
 * with {@code c_r} such agreements the remaining accumulator is {@code acc - c_r}: thresholds
 * become {@code t_r - c_r} (either direction) and score biases {@code bias_r + c_r}. The shifted
 * thresholds may in turn make neurons of that layer constant; a single forward sweep catches them,
 * since removing neurons never changes earlier layers, so the result is a fixed point (applying the
 * pass again changes nothing).
 *
 * <p>A layer keeps at least one neuron (its lowest-numbered), since the IL has no empty layers; a
 * kept constant neuron's threshold is clamped into the legal range, which does not change its output.
 */
public final class RemoveDeadNeurons implements ModelPass {
  /** The pass's name, as {@code blitz opt --pass} and {@link Passes#named} know it. */
  public static final String NAME = "remove-dead-neurons";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "drop hidden neurons whose output is constant and fold that constant into the next layer";
  }

  /** The inputs a layer loses: which elements of its source vector are gone, and their constant bits. */
  private record Removed(boolean[] gone, boolean[] value) {
    static Removed nothing(int size) {
      return new Removed(new boolean[size], new boolean[size]);
    }

    boolean any() {
      for (boolean g : gone) {
        if (g) {
          return true;
        }
      }
      return false;
    }

    int[] kept() {
      int[] kept = new int[gone.length];
      int n = 0;
      for (int i = 0; i < gone.length; i++) {
        if (!gone[i]) {
          kept[n++] = i;
        }
      }
      return Arrays.copyOf(kept, n);
    }

    /** For each row of {@code weights}: how many removed inputs agree with the row's weight. */
    long[] agreements(BitMatrix weights) {
      long[] agree = new long[weights.rows()];
      for (int r = 0; r < weights.rows(); r++) {
        for (int i = 0; i < gone.length; i++) {
          if (gone[i] && weights.get(r, i) == value[i]) {
            agree[r]++;
          }
        }
      }
      return agree;
    }
  }

  @Override
  public Network apply(Network network) {
    if (!network.denseOnly()) {
      // Dead channels of a convolution are not removed yet: the pass keeps convolutional networks as they are.
      return network;
    }
    List<Node> nodes = new ArrayList<>();
    nodes.add(network.input());
    Removed removed = Removed.nothing(network.inputSize());
    boolean changed = false;
    for (Layer next : network.layers()) {
      DenseLayer layer = switch (next.kind()) {
        case DENSE -> (DenseLayer) next;
        case CONV2D, MAXPOOL, FLATTEN -> throw new IllegalStateException("checked above: dense layers only");
      };
      // This layer's view once the previous layer's constant outputs are folded in.
      BitMatrix weights = layer.dense().weights();
      ThresholdTable table = layer.threshold().table();
      if (removed.any()) {
        table = shift(table, removed.agreements(weights));
        weights = weights.selectColumns(removed.kept());
      }
      InputKind kind = layer.inputKind();
      Removed dead = deadNeurons(weights, table, kind);
      int[] keep = dead.kept();
      changed |= removed.any() || keep.length < weights.rows();
      var dense = layer.dense();
      var threshold = layer.threshold();
      table = clamp(table.selectNeurons(keep), kind, weights.columns());
      nodes.add(new Node.Dense(dense.name(), dense.source(), weights.selectRows(keep), dense.span()));
      nodes.add(new Node.Threshold(threshold.name(), threshold.source(), table, threshold.span(),
          select(threshold.rowSpans(), keep, threshold.span())));
      removed = dead;
    }
    if (!changed) {
      return network;
    }
    Node.Scores scores = network.scores();
    BitMatrix weights = scores.weights();
    List<Integer> bias = new ArrayList<>(scores.bias());
    if (removed.any()) {
      long[] agree = removed.agreements(weights);
      for (int c = 0; c < bias.size(); c++) {
        // The score loses the removed inputs' agreements; the bias gives them back.
        bias.set(c, Math.toIntExact(bias.get(c) + agree[c]));
      }
      weights = weights.selectColumns(removed.kept());
    }
    nodes.add(new Node.Scores(scores.name(), scores.source(), weights, bias, scores.span()));
    return ModelValidator.validate(new Model(network.name(), nodes, network.model().span()));
  }

  /**
   * The neurons whose output is constant, with that output; all but the first are removed when
   * every neuron is constant. The accumulator range is the row's own: over ±1 inputs [0, n]; over
   * bytes [-255 (weights -1), 255 (weights +1)].
   */
  private static Removed deadNeurons(BitMatrix weights, ThresholdTable table, InputKind kind) {
    int n = weights.columns();
    boolean[] constant = new boolean[weights.rows()];
    boolean[] output = new boolean[weights.rows()];
    boolean allConstant = true;
    for (int j = 0; j < weights.rows(); j++) {
      long lo = kind == InputKind.BIPOLAR ? 0 : -(long) kind.maxElement() * (n - weights.onesInRow(j));
      long hi = kind == InputKind.BIPOLAR ? n : (long) kind.maxElement() * weights.onesInRow(j);
      Direction direction = table.direction(j);
      long t = table.threshold(j);
      // Passing is monotone in the accumulator, so equal answers at both ends mean a constant.
      output[j] = direction.passes(lo, t);
      constant[j] = output[j] == direction.passes(hi, t);
      allConstant &= constant[j];
    }
    if (allConstant) {
      constant[0] = false;
    }
    return new Removed(constant, output);
  }

  /** Neuron j's threshold minus {@code delta[j]}. Tables are one-level: the validator guarantees it. */
  private static ThresholdTable shift(ThresholdTable table, long[] delta) {
    long[] t = new long[table.neurons()];
    Direction[] d = new Direction[table.neurons()];
    for (int j = 0; j < t.length; j++) {
      t[j] = table.threshold(j) - delta[j];
      d[j] = table.direction(j);
    }
    return ThresholdTable.of(t, d);
  }

  /**
   * Thresholds within [min - 1, max + 1]. Only a kept constant neuron can lie outside; moving its
   * threshold to the nearest end keeps it constant with the same output.
   */
  private static ThresholdTable clamp(ThresholdTable table, InputKind kind, int inputs) {
    long lo = Accumulator.minThreshold(kind, inputs);
    long hi = Accumulator.maxThreshold(kind, inputs);
    long[] t = new long[table.neurons()];
    Direction[] d = new Direction[table.neurons()];
    for (int j = 0; j < t.length; j++) {
      t[j] = Math.max(lo, Math.min(hi, table.threshold(j)));
      d[j] = table.direction(j);
    }
    return ThresholdTable.of(t, d);
  }

  private static SpanList select(SpanList spans, int[] keep, SourceSpan fallback) {
    if (spans.size() == 0) {
      return spans;
    }
    List<SourceSpan> kept = new ArrayList<>();
    for (int j : keep) {
      kept.add(spans.get(j, fallback));
    }
    return SpanList.of(kept);
  }
}
