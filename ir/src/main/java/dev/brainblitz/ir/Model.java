package dev.brainblitz.ir;

import java.util.List;
import java.util.Optional;

/**
 * A whole binarized network as it appears in a model file: a name and its nodes in declaration
 * order. A {@code Model} may be invalid (it is what a front end read); {@link ModelValidator}
 * checks it and turns it into a {@link Network}.
 */
public record Model(String name, List<Node> nodes, SourceSpan span) {
  /** The version of the model file format that this code reads and writes. */
  public static final int FORMAT_VERSION = 1;

  public Model {
    nodes = List.copyOf(nodes);
  }

  public Model(String name, List<Node> nodes) {
    this(name, nodes, SourceSpan.UNKNOWN);
  }

  public Optional<Node> node(String nodeName) {
    return nodes.stream().filter(n -> n.name().equals(nodeName)).findFirst();
  }
}
