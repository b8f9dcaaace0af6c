package dev.brainblitz.farm;

import dev.brainblitz.ir.FlattenLayer;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Layer;
import dev.brainblitz.ir.MapShape;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.ModelValidator;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.diag.DiagnosticException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The shrinking steps of {@link Shrinker} for networks with feature maps (conv2d, maxpool,
 * flatten): one vector, then fewer channels (of the image and of every conv2d), fewer neurons in the
 * dense layers after the flatten, fewer classes, and vector elements set to 0, each kept only while
 * the case still fails. Image heights and widths stay as they are (a smaller map changes every
 * layer's geometry and is not tried).
 *
 * <p>Dropping channel c of a map removes it wherever it is read: the weight columns {@code tap * C
 * + c} of the next conv2d (whose image loses the channel), or the columns {@code pixel * C + c} of
 * the dense layer or scores after the flatten; max-pools in between pass channels through. The
 * reader's thresholds are moved into the legal range of its smaller fan-in.
 */
final class MapShrinker {
  private final Shrinker.Failure failure;
  private final int budget;
  private int evaluations;
  /**
   * Pixels of the map each flatten reads, by the flatten's name: taken once from the original
   * network, since no step changes a map's height or width.
   */
  private final Map<String, Integer> flattenedPixels = new HashMap<>();

  /** A case: the network's nodes in stream order and the vectors' elements. */
  private record Case(List<Node> nodes, List<int[]> elements) {}

  MapShrinker(Shrinker.Failure failure, int budget) {
    this.failure = failure;
    this.budget = budget;
  }

  Shrinker.Shrunk run(Network network, List<InputVector> vectors) {
    String name = network.name();
    for (Layer layer : network.layers()) {
      if (layer instanceof FlattenLayer f) {
        flattenedPixels.put(f.flatten().name(), f.in().height() * f.in().width());
      }
    }
    List<int[]> elements = new ArrayList<>();
    for (InputVector v : vectors) {
      elements.add(IntStream.range(0, v.size()).map(v::element).toArray());
    }
    Case current = new Case(List.copyOf(network.model().nodes()), elements);
    current = fewerVectors(name, current);
    boolean progress = true;
    while (progress && budgetLeft()) {
      Case before = current;
      for (int i = 0; i < current.nodes().size(); i++) {
        Node node = current.nodes().get(i);
        if (node instanceof Node.Input || node instanceof Node.Conv2d || node instanceof Node.Dense
            || node instanceof Node.Scores) {
          current = fewerOutputs(name, current, node.name());
        }
      }
      current = zeroElements(name, current);
      progress = current != before;
    }
    return new Shrinker.Shrunk(build(name, current.nodes()), vectors(current), evaluations);
  }

  private boolean budgetLeft() {
    return evaluations < budget;
  }

  private Case fewerVectors(String name, Case c) {
    List<int[]> one = Reduction.oneVector(c.elements(), e -> fails(name, new Case(c.nodes(), e)), this::budgetLeft);
    return one == c.elements() ? c : new Case(c.nodes(), one);
  }

  /** Drops chunks of {@code producer}'s outputs (channels of a map, neurons, classes) while the case fails. */
  private Case fewerOutputs(String name, Case c, String producer) {
    return Reduction.dropChunks(c, k -> outputs(k.nodes(), producer), (k, keep) -> withOutputs(k, producer, keep),
        k -> fails(name, k), this::budgetLeft);
  }

  private Case zeroElements(String name, Case c) {
    List<int[]> zeroed = Reduction.zeroElements(c.elements(), e -> fails(name, new Case(c.nodes(), e)),
        this::budgetLeft);
    return zeroed == c.elements() ? c : new Case(c.nodes(), zeroed);
  }

  private boolean fails(String name, Case c) {
    Network network;
    try {
      network = build(name, c.nodes());
    } catch (DiagnosticException | IllegalArgumentException e) {
      return false;
    }
    evaluations++;
    return failure.fails(network, vectors(c));
  }

  private List<InputVector> vectors(Case c) {
    InputKind kind = ((Node.Input) c.nodes().get(0)).kind();
    return c.elements().stream().map(e -> InputVector.of(kind, e)).toList();
  }

  private static Network build(String name, List<Node> nodes) {
    return ModelValidator.validate(new Model(name, nodes));
  }

  /**
   * Channels of the image (the input, read by a conv2d), output channels of a conv2d, neurons of a
   * dense layer, or classes of the scores.
   */
  private static int outputs(List<Node> nodes, String producer) {
    Node node = find(nodes, producer);
    if (node instanceof Node.Input input) {
      return reader(nodes, input.name()) instanceof Node.Conv2d conv ? conv.image().channels() : 0;
    } else if (node instanceof Node.Conv2d conv) {
      return conv.outChannels();
    } else if (node instanceof Node.Dense dense) {
      return dense.weights().rows();
    } else if (node instanceof Node.Scores scores) {
      return scores.weights().rows();
    }
    return 0;
  }

  /** The case with only outputs {@code keep} of {@code producer}, removed wherever they are read. */
  private Case withOutputs(Case c, String producer, int[] keep) {
    List<Node> nodes = new ArrayList<>(c.nodes());
    List<int[]> elements = c.elements();
    Node node = find(nodes, producer);
    String output;
    InputKind readKind = InputKind.BIPOLAR;
    int channels = outputs(nodes, producer);
    if (node instanceof Node.Input input) {
      MapShape image = ((Node.Conv2d) reader(nodes, input.name())).image();
      int[] kept = mapColumns(image.height() * image.width(), channels, keep);
      replace(nodes, new Node.Input(input.name(), input.kind(), kept.length));
      elements = elements.stream().map(e -> IntStream.of(kept).map(i -> e[i]).toArray()).toList();
      output = input.name();
      readKind = input.kind();
    } else if (node instanceof Node.Conv2d conv) {
      replace(nodes, new Node.Conv2d(conv.name(), conv.source(), conv.image(), conv.kernel(), conv.stride(),
          conv.padding(), conv.weights().selectRows(keep)));
      output = keepNeurons(nodes, conv.name(), keep);
    } else if (node instanceof Node.Dense dense) {
      replace(nodes, new Node.Dense(dense.name(), dense.source(), dense.weights().selectRows(keep)));
      output = keepNeurons(nodes, dense.name(), keep);
    } else if (node instanceof Node.Scores scores) {
      replace(nodes, new Node.Scores(scores.name(), scores.source(), scores.weights().selectRows(keep),
          IntStream.of(keep).mapToObj(scores.bias()::get).toList()));
      return new Case(List.copyOf(nodes), elements);
    } else {
      throw new IllegalArgumentException("no outputs to drop in " + node.name());
    }
    Node reader = reader(nodes, output);
    while (reader instanceof Node.MaxPool pool) {
      reader = reader(nodes, pool.name());
    }
    if (reader instanceof Node.Conv2d next) {
      int[] columns = mapColumns(next.kernel() * next.kernel(), channels, keep);
      MapShape image = new MapShape(next.image().height(), next.image().width(), keep.length);
      replace(nodes, new Node.Conv2d(next.name(), next.source(), image, next.kernel(), next.stride(),
          next.padding(), next.weights().selectColumns(columns)));
      clampReader(nodes, next.name(), readKind, columns.length);
    } else if (reader instanceof Node.Flatten flatten) {
      int pixels = flattenedPixels.get(flatten.name());
      readColumns(nodes, reader(nodes, flatten.name()), mapColumns(pixels, channels, keep));
    } else {
      readColumns(nodes, reader, keep);
    }
    return new Case(List.copyOf(nodes), elements);
  }

  /** A dense layer or the scores reading only {@code columns} of what they read. */
  private static void readColumns(List<Node> nodes, Node reader, int[] columns) {
    if (reader instanceof Node.Dense dense) {
      replace(nodes, new Node.Dense(dense.name(), dense.source(), dense.weights().selectColumns(columns)));
      clampReader(nodes, dense.name(), InputKind.BIPOLAR, columns.length);
    } else if (reader instanceof Node.Scores scores) {
      replace(nodes, new Node.Scores(scores.name(), scores.source(), scores.weights().selectColumns(columns),
          scores.bias()));
    } else {
      throw new IllegalArgumentException("unexpected reader " + reader.name());
    }
  }

  /** The threshold after {@code node} keeps neurons {@code keep}; returns the threshold's name. */
  private static String keepNeurons(List<Node> nodes, String node, int[] keep) {
    Node.Threshold threshold = (Node.Threshold) reader(nodes, node);
    replace(nodes, new Node.Threshold(threshold.name(), threshold.source(), threshold.table().selectNeurons(keep)));
    return threshold.name();
  }

  /** Columns {@code unit * channels + c} for every unit (pixel or tap) and every kept channel c. */
  private static int[] mapColumns(int units, int channels, int[] keep) {
    int[] columns = new int[units * keep.length];
    int i = 0;
    for (int unit = 0; unit < units; unit++) {
      for (int c : keep) {
        columns[i++] = unit * channels + c;
      }
    }
    return columns;
  }

  /** The threshold reading {@code node} moved into the legal range of a fan-in of {@code inputs} elements of {@code kind}. */
  private static void clampReader(List<Node> nodes, String node, InputKind kind, int inputs) {
    Node.Threshold threshold = (Node.Threshold) reader(nodes, node);
    replace(nodes, new Node.Threshold(threshold.name(), threshold.source(), Shrinker.clamp(threshold.table(), kind, inputs)));
  }

  private static Node find(List<Node> nodes, String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node " + name));
  }

  /** The node that reads {@code name}'s output (the stream is a chain, so there is one). */
  private static Node reader(List<Node> nodes, String name) {
    return nodes.stream().filter(n -> name.equals(source(n))).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("nothing reads " + name));
  }

  private static String source(Node node) {
    if (node instanceof Node.Dense n) {
      return n.source();
    } else if (node instanceof Node.Threshold n) {
      return n.source();
    } else if (node instanceof Node.Scores n) {
      return n.source();
    } else if (node instanceof Node.Conv2d n) {
      return n.source();
    } else if (node instanceof Node.MaxPool n) {
      return n.source();
    } else if (node instanceof Node.Flatten n) {
      return n.source();
    }
    return null; // the input reads nothing
  }

  private static void replace(List<Node> nodes, Node node) {
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).name().equals(node.name())) {
        nodes.set(i, node);
        return;
      }
    }
    throw new IllegalArgumentException("no node " + node.name());
  }
}
