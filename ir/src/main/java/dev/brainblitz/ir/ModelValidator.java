package dev.brainblitz.ir;

import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.Diagnostics;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.diag.SourceTexts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a {@link Model} against the rules of the IL that involve more than one node: names,
 * references, the chain structure, widths, threshold ranges and bias ranges; and turns a model that
 * passes into its {@link Network}, which nothing else creates. It collects every problem it finds
 * before failing once.
 */
public final class ModelValidator {
  /** The largest number of elements of any vector (input or layer output). */
  public static final int MAX_ELEMENTS = 1 << 20;

  /** Names are identifiers, so the text form can always print them. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Model model;
  private final List<Diagnostic> problems = new ArrayList<>();

  private ModelValidator(Model model) {
    this.model = model;
  }

  /**
   * The network of {@code model}, or a {@link DiagnosticException} holding every problem found (with
   * no source text attached: front ends that have one use {@link #validate(Model, Diagnostics)}).
   */
  public static Network validate(Model model) {
    var diagnostics = new Diagnostics(SourceTexts.NONE);
    Optional<Network> network = validate(model, diagnostics);
    diagnostics.throwIfAny();
    return network.orElseThrow();
  }

  /** Adds every problem of {@code model} to {@code diagnostics}; the network when there was none. */
  public static Optional<Network> validate(Model model, Diagnostics diagnostics) {
    var validator = new ModelValidator(model);
    validator.run();
    diagnostics.addAll(validator.problems);
    return validator.problems.isEmpty() ? Optional.of(Network.ofValidModel(model)) : Optional.empty();
  }

  private void error(ErrorCode code, SourceSpan span, String message) {
    problems.add(Diagnostic.quoting(code, span, message));
  }

  private void run() {
    var nodes = model.nodes();
    if (nodes.isEmpty()) {
      error(ErrorCode.EMPTY_MODEL, model.span(), "model '" + model.name() + "' has no nodes");
      return;
    }
    if (!NAME.matcher(model.name()).matches()) {
      error(ErrorCode.BAD_NAME, model.span(), "model name '" + model.name() + "' is not an identifier");
    }
    Map<String, Integer> indexByName = new HashMap<>();
    java.util.Set<String> ambiguous = new java.util.HashSet<>();
    for (int i = 0; i < nodes.size(); i++) {
      Node node = nodes.get(i);
      if (!NAME.matcher(node.name()).matches()) {
        error(ErrorCode.BAD_NAME, node.span(), "name '" + node.name() + "' is not an identifier ([A-Za-z_][A-Za-z0-9_]*)");
      }
      Integer previous = indexByName.putIfAbsent(node.name(), i);
      if (previous != null) {
        ambiguous.add(node.name());
        error(ErrorCode.DUPLICATE_NAME, node.span(),
            "name '" + node.name() + "' is already used by the " + nodes.get(previous).keyword()
                + " at " + nodes.get(previous).span());
      }
    }
    checkInputAndScoresPlacement(nodes);
    int[] uses = new int[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      Node node = nodes.get(i);
      String source = sourceOf(node);
      if (source == null) {
        checkInput((Node.Input) node);
        continue;
      }
      if (ambiguous.contains(source)) {
        continue; // which node is meant is unknowable; the duplicate name is the error to fix
      }
      Integer sourceIndex = indexByName.get(source);
      if (sourceIndex == null) {
        error(ErrorCode.UNKNOWN_REFERENCE, node.span(),
            node.keyword() + " '" + node.name() + "' reads from '" + source + "', which is not defined");
        continue;
      }
      if (sourceIndex >= i) {
        error(ErrorCode.FORWARD_REFERENCE, node.span(),
            node.keyword() + " '" + node.name() + "' reads from '" + source
                + "', which must be declared before it");
        continue;
      }
      Node from = nodes.get(sourceIndex);
      if (!acceptsSource(node, from)) {
        error(ErrorCode.WRONG_SOURCE_KIND, node.span(),
            node.keyword() + " '" + node.name() + "' cannot read from " + from.keyword() + " '" + source
                + "' (" + expectedSources(node) + ")");
        continue;
      }
      uses[sourceIndex]++;
      if (uses[sourceIndex] > 1) {
        error(ErrorCode.NOT_A_CHAIN, node.span(),
            "'" + source + "' is already read by another node; each output feeds exactly one node");
      }
      checkShapes(node, from);
    }
    for (int i = 0; i + 1 < nodes.size(); i++) {
      if (uses[i] == 0 && !(nodes.get(i) instanceof Node.Scores) && !ambiguous.contains(nodes.get(i).name())) {
        error(ErrorCode.NOT_A_CHAIN, nodes.get(i).span(),
            nodes.get(i).keyword() + " '" + nodes.get(i).name() + "' is never used");
      }
    }
  }

  private void checkInputAndScoresPlacement(List<Node> nodes) {
    for (int i = 0; i < nodes.size(); i++) {
      Node node = nodes.get(i);
      if (node instanceof Node.Input && i != 0) {
        error(ErrorCode.BAD_INPUT_COUNT, node.span(),
            nodes.get(0) instanceof Node.Input
                ? "a model has exactly one input; '" + nodes.get(0).name() + "' is already the input"
                : "the input must be declared first");
      }
      if (node instanceof Node.Scores && i != nodes.size() - 1) {
        error(ErrorCode.BAD_SCORES_COUNT, node.span(), "scores '" + node.name() + "' must be the last node");
      }
    }
    if (!(nodes.get(0) instanceof Node.Input) && nodes.stream().noneMatch(n -> n instanceof Node.Input)) {
      error(ErrorCode.BAD_INPUT_COUNT, model.span(), "model '" + model.name() + "' has no input");
    }
    if (nodes.stream().noneMatch(n -> n instanceof Node.Scores)) {
      error(ErrorCode.BAD_SCORES_COUNT, model.span(), "model '" + model.name() + "' has no scores node");
    }
  }

  private static String sourceOf(Node node) {
    return switch (node.op()) {
      case INPUT -> null;
      case DENSE -> ((Node.Dense) node).source();
      case THRESHOLD -> ((Node.Threshold) node).source();
      case SCORES -> ((Node.Scores) node).source();
    };
  }

  private static boolean acceptsSource(Node node, Node from) {
    return switch (node.op()) {
      case INPUT -> false;
      case DENSE, SCORES -> from.op() == Node.Op.INPUT || from.op() == Node.Op.THRESHOLD;
      case THRESHOLD -> from.op() == Node.Op.DENSE;
    };
  }

  private static String expectedSources(Node node) {
    return switch (node.op()) {
      case INPUT -> "an input reads from nothing";
      case DENSE -> "a dense reads an input or a threshold";
      case THRESHOLD -> "a threshold reads a dense";
      case SCORES -> "scores read an input or a threshold";
    };
  }

  private void checkInput(Node.Input input) {
    if (input.size() < 1 || input.size() > MAX_ELEMENTS) {
      error(ErrorCode.BAD_SIZE, input.span(),
          "input size " + input.size() + " is outside [1, " + MAX_ELEMENTS + "]");
    }
  }

  /** The number of elements a node produces. */
  static int outputSize(Node node) {
    return switch (node.op()) {
      case INPUT -> ((Node.Input) node).size();
      case DENSE -> ((Node.Dense) node).outputs();
      case THRESHOLD -> ((Node.Threshold) node).neurons();
      case SCORES -> ((Node.Scores) node).classes();
    };
  }

  /**
   * The kind of the vector {@code from} produces, as a node reading it sees it. Dense and scores
   * produce sums that no node may read (the source check says so); they count as bipolar here so
   * that checking further after that error stays quiet.
   */
  private static InputKind outputKind(Node from) {
    return switch (from.op()) {
      case INPUT -> ((Node.Input) from).kind();
      case THRESHOLD, DENSE, SCORES -> InputKind.BIPOLAR;
    };
  }

  private void checkShapes(Node node, Node from) {
    int sourceSize = outputSize(from);
    // A switch expression without default: a new kind of node does not compile until its shapes are checked.
    Runnable check = switch (node.op()) {
      case INPUT -> () -> { };
      case DENSE -> () -> checkDense((Node.Dense) node, from, sourceSize);
      case THRESHOLD -> () -> checkThreshold((Node.Threshold) node, (Node.Dense) from, sourceSize);
      case SCORES -> () -> checkScores((Node.Scores) node, from, sourceSize);
    };
    check.run();
  }

  private void checkDense(Node.Dense dense, Node from, int sourceSize) {
    checkWidth(dense, dense.inputs(), from, sourceSize);
    checkOutputs(dense, dense.outputs());
  }

  private void checkScores(Node.Scores scores, Node from, int sourceSize) {
    checkWidth(scores, scores.inputs(), from, sourceSize);
    checkOutputs(scores, scores.classes());
    checkBias(scores, outputKind(from));
  }

  private void checkThreshold(Node.Threshold threshold, Node.Dense dense, int sourceSize) {
    if (threshold.neurons() != sourceSize) {
      error(ErrorCode.THRESHOLD_COUNT_MISMATCH, threshold.span(),
          "threshold '" + threshold.name() + "' has " + threshold.neurons() + " entries but '"
              + dense.name() + "' has " + sourceSize + " neurons");
    }
    var kind = model.node(dense.source()).map(ModelValidator::outputKind).orElse(InputKind.BIPOLAR);
    checkThresholds(threshold, kind, dense.inputs());
  }

  private void checkWidth(Node node, int columns, Node from, int sourceSize) {
    if (columns != sourceSize) {
      error(ErrorCode.WIDTH_MISMATCH, node.span(),
          node.keyword() + " '" + node.name() + "' has weight rows of " + columns + " bits but '"
              + from.name() + "' produces " + sourceSize + " elements");
    }
  }

  private void checkOutputs(Node node, int outputs) {
    if (outputs > MAX_ELEMENTS) {
      error(ErrorCode.BAD_SIZE, node.span(),
          node.keyword() + " '" + node.name() + "' has " + outputs + " outputs, more than " + MAX_ELEMENTS);
    }
  }

  private void checkThresholds(Node.Threshold threshold, InputKind kind, int inputs) {
    var table = threshold.table();
    if (table.levels() > 1) {
      error(ErrorCode.MULTI_LEVEL_UNSUPPORTED, threshold.span(),
          "threshold '" + threshold.name() + "' has " + table.levels()
              + " thresholds per neuron; multi-bit activations are not supported yet (use one)");
    }
    long lo = Accumulator.minThreshold(kind, inputs);
    long hi = Accumulator.maxThreshold(kind, inputs);
    for (int j = 0; j < table.neurons(); j++) {
      SourceSpan at = threshold.rowSpans().get(j, threshold.span());
      for (int k = 0; k < table.levels(); k++) {
        long t = table.threshold(j, k);
        if (t < lo || t > hi) {
          error(ErrorCode.THRESHOLD_OUT_OF_RANGE, at,
              "threshold " + t + " of neuron " + j + " is outside [" + lo + ", " + hi + "]: the accumulator of "
                  + (kind == InputKind.BIPOLAR ? "a popcount over " : "a signed sum of ") + inputs
                  + (kind == InputKind.BIPOLAR ? " bits" : " bytes") + " lies in [" + (lo + 1) + ", " + (hi - 1) + "]");
          break;
        }
        if (k > 0 && t <= table.threshold(j, k - 1)) {
          error(ErrorCode.UNSORTED_LEVELS, at, "thresholds of neuron " + j + " must increase strictly");
          break;
        }
      }
    }
  }

  private void checkBias(Node.Scores scores, InputKind kind) {
    long headroom = Integer.MAX_VALUE - Accumulator.max(kind, scores.inputs());
    for (int j = 0; j < scores.classes(); j++) {
      long b = scores.bias().get(j);
      if (Math.abs(b) > headroom) {
        error(ErrorCode.BIAS_OUT_OF_RANGE, scores.span(),
            "bias " + b + " of class " + j + " could overflow a 32-bit score; |bias| must be <= " + headroom);
        return;
      }
    }
  }
}
