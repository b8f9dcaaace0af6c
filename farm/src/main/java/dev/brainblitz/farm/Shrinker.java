package dev.brainblitz.farm;

import dev.brainblitz.ir.Accumulator;
import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.DenseLayer;
import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Layer;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.ModelValidator;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.ThresholdTable;
import dev.brainblitz.ir.diag.DiagnosticException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Shrinks a failing network and its vectors to a small case that still fails (networks with feature
 * maps by {@link MapShrinker}'s steps): one vector, then
 * fewer hidden layers, fewer neurons, fewer classes, fewer inputs, and vector elements set to 0,
 * each step kept only while {@link Failure#fails} still holds (greedy, chunks of halving size, as in
 * delta debugging). Deterministic for a deterministic {@link Failure}; at most {@code budget}
 * evaluations.
 */
public final class Shrinker {
  /** Whether a case fails the way the original did (the same target disagreeing or crashing). */
  public interface Failure {
    boolean fails(Network network, List<InputVector> vectors);
  }

  /** The shrunk case and how many evaluations it took. */
  public record Shrunk(Network network, List<InputVector> vectors, int evaluations) {}

  /** A network as plain parts that shrinking steps rebuild. */
  private record Parts(String name, InputKind kind, int inputs, List<Hidden> hidden, BitMatrix scores,
      List<Integer> bias) {}

  private record Hidden(BitMatrix weights, ThresholdTable thresholds) {}

  private final Failure failure;
  private final int budget;
  private int evaluations;

  private Shrinker(Failure failure, int budget) {
    this.failure = failure;
    this.budget = budget;
  }

  /** Shrinks the failing case ({@code network}, {@code vectors}); {@code failure} must hold for it. */
  public static Shrunk shrink(Network network, List<InputVector> vectors, Failure failure, int budget) {
    if (!network.denseOnly()) {
      return new MapShrinker(failure, budget).run(network, vectors);
    }
    return new Shrinker(failure, budget).run(network, vectors);
  }

  private Shrunk run(Network network, List<InputVector> vectors) {
    Parts parts = partsOf(network);
    List<int[]> elements = new ArrayList<>();
    for (InputVector v : vectors) {
      elements.add(IntStream.range(0, v.size()).map(v::element).toArray());
    }
    elements = fewerVectors(parts, elements);
    boolean progress = true;
    while (progress && budgetLeft()) {
      progress = false;
      for (int layer = parts.hidden().size() - 1; layer >= 0; layer--) {
        Parts candidate = withoutLayer(parts, layer);
        if (candidate != null && fails(candidate, elements)) {
          parts = candidate;
          progress = true;
        }
      }
      for (int layer = 0; layer < parts.hidden().size(); layer++) {
        Parts shrunk = fewerNeurons(parts, layer, elements);
        progress |= shrunk != parts;
        parts = shrunk;
      }
      Parts fewerClasses = fewerClasses(parts, elements);
      progress |= fewerClasses != parts;
      parts = fewerClasses;
      Input fewerInputs = fewerInputs(parts, elements);
      progress |= fewerInputs.parts() != parts;
      parts = fewerInputs.parts();
      elements = fewerInputs.elements();
      List<int[]> simpler = zeroElements(parts, elements);
      progress |= simpler != elements;
      elements = simpler;
    }
    return new Shrunk(build(parts), vectors(parts, elements), evaluations);
  }

  private boolean budgetLeft() {
    return evaluations < budget;
  }

  private List<int[]> fewerVectors(Parts parts, List<int[]> elements) {
    return Reduction.oneVector(elements, e -> fails(parts, e), this::budgetLeft);
  }

  private Parts fewerNeurons(Parts parts, int layer, List<int[]> elements) {
    return Reduction.dropChunks(parts, p -> p.hidden().get(layer).weights().rows(),
        (p, keep) -> withNeurons(p, layer, keep), p -> fails(p, elements), this::budgetLeft);
  }

  private Parts fewerClasses(Parts parts, List<int[]> elements) {
    return Reduction.dropChunks(parts, p -> p.scores().rows(),
        (p, keep) -> new Parts(p.name(), p.kind(), p.inputs(), p.hidden(), p.scores().selectRows(keep),
            IntStream.of(keep).mapToObj(p.bias()::get).toList()),
        p -> fails(p, elements), this::budgetLeft);
  }

  /** A case of the input-dropping step: the network's parts and the vectors they read. */
  private record Input(Parts parts, List<int[]> elements) {}

  private Input fewerInputs(Parts parts, List<int[]> elements) {
    return Reduction.dropChunks(new Input(parts, elements), in -> in.parts().inputs(),
        (in, keep) -> new Input(withInputs(in.parts(), keep),
            in.elements().stream().map(e -> IntStream.of(keep).map(i -> e[i]).toArray()).toList()),
        in -> fails(in.parts(), in.elements()), this::budgetLeft);
  }

  private List<int[]> zeroElements(Parts parts, List<int[]> elements) {
    return Reduction.zeroElements(elements, e -> fails(parts, e), this::budgetLeft);
  }

  private boolean fails(Parts parts, List<int[]> elements) {
    Network network;
    try {
      network = build(parts);
    } catch (DiagnosticException | IllegalArgumentException e) {
      return false;
    }
    evaluations++;
    return failure.fails(network, vectors(parts, elements));
  }

  private static List<InputVector> vectors(Parts parts, List<int[]> elements) {
    return elements.stream().map(e -> InputVector.of(parts.kind(), e)).toList();
  }

  private static Parts partsOf(Network network) {
    List<Hidden> hidden = new ArrayList<>();
    for (Layer layer : network.layers()) {
      hidden.add(switch (layer.kind()) {
        case DENSE -> {
          DenseLayer dense = (DenseLayer) layer;
          yield new Hidden(dense.dense().weights(), dense.threshold().table());
        }
        // Networks with feature maps take MapShrinker's steps (see shrink).
        case CONV2D, MAXPOOL, FLATTEN -> throw new IllegalStateException("a map layer in an MLP's parts");
      });
    }
    Node.Scores scores = network.scores();
    return new Parts(network.name(), network.input().kind(), network.inputSize(), hidden, scores.weights(),
        List.copyOf(scores.bias()));
  }

  private static Network build(Parts parts) {
    List<Node> nodes = new ArrayList<>();
    nodes.add(new Node.Input("x", parts.kind(), parts.inputs()));
    String previous = "x";
    for (int i = 0; i < parts.hidden().size(); i++) {
      Hidden h = parts.hidden().get(i);
      nodes.add(new Node.Dense("fc" + (i + 1), previous, h.weights()));
      nodes.add(new Node.Threshold("act" + (i + 1), "fc" + (i + 1), h.thresholds()));
      previous = "act" + (i + 1);
    }
    nodes.add(new Node.Scores("out", previous, parts.scores(), parts.bias()));
    return ModelValidator.validate(new Model(parts.name(), nodes));
  }

  /** The input kind and size of hidden layer {@code layer}'s input (or the scores', for {@code layer == hidden}). */
  private static InputKind kindInto(Parts parts, int layer) {
    return layer == 0 ? parts.kind() : InputKind.BIPOLAR;
  }

  /** Drops hidden layer {@code layer}; the next one reads its predecessor, columns repeated or cut to fit. */
  private static Parts withoutLayer(Parts parts, int layer) {
    List<Hidden> hidden = new ArrayList<>(parts.hidden());
    int width = layer == 0 ? parts.inputs() : hidden.get(layer - 1).weights().rows();
    int[] columns = IntStream.range(0, width).map(c -> c % hidden.get(layer).weights().rows()).toArray();
    hidden.remove(layer);
    if (layer < hidden.size()) {
      Hidden next = hidden.get(layer);
      BitMatrix weights = next.weights().selectColumns(columns);
      hidden.set(layer, new Hidden(weights, clamp(next.thresholds(), kindInto(parts, layer), width)));
      return new Parts(parts.name(), parts.kind(), parts.inputs(), hidden, parts.scores(), parts.bias());
    }
    return new Parts(parts.name(), parts.kind(), parts.inputs(), hidden, parts.scores().selectColumns(columns),
        parts.bias());
  }

  private static Parts withNeurons(Parts parts, int layer, int[] keep) {
    List<Hidden> hidden = new ArrayList<>(parts.hidden());
    Hidden h = hidden.get(layer);
    hidden.set(layer, new Hidden(h.weights().selectRows(keep), h.thresholds().selectNeurons(keep)));
    if (layer + 1 < hidden.size()) {
      Hidden next = hidden.get(layer + 1);
      hidden.set(layer + 1, new Hidden(next.weights().selectColumns(keep),
          clamp(next.thresholds(), InputKind.BIPOLAR, keep.length)));
      return new Parts(parts.name(), parts.kind(), parts.inputs(), hidden, parts.scores(), parts.bias());
    }
    return new Parts(parts.name(), parts.kind(), parts.inputs(), hidden, parts.scores().selectColumns(keep), parts.bias());
  }

  private static Parts withInputs(Parts parts, int[] keep) {
    if (parts.hidden().isEmpty()) {
      return new Parts(parts.name(), parts.kind(), keep.length, parts.hidden(), parts.scores().selectColumns(keep),
          parts.bias());
    }
    List<Hidden> hidden = new ArrayList<>(parts.hidden());
    Hidden first = hidden.get(0);
    hidden.set(0, new Hidden(first.weights().selectColumns(keep), clamp(first.thresholds(), parts.kind(), keep.length)));
    return new Parts(parts.name(), parts.kind(), keep.length, hidden, parts.scores(), parts.bias());
  }

  /** The thresholds moved into the legal range of a layer of {@code inputs} inputs of {@code kind}. */
  static ThresholdTable clamp(ThresholdTable table, InputKind kind, int inputs) {
    long lo = Accumulator.minThreshold(kind, inputs);
    long hi = Accumulator.maxThreshold(kind, inputs);
    long[] thresholds = new long[table.neurons()];
    Direction[] directions = new Direction[table.neurons()];
    for (int j = 0; j < thresholds.length; j++) {
      thresholds[j] = Math.max(lo, Math.min(hi, table.threshold(j)));
      directions[j] = table.direction(j);
    }
    return ThresholdTable.of(thresholds, directions);
  }
}
