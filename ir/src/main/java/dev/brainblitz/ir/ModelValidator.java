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
    Data[] data = dataOf(nodes, indexByName);
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
      checkShapes(node, from, data[sourceIndex]);
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
      case CONV2D -> ((Node.Conv2d) node).source();
      case MAXPOOL -> ((Node.MaxPool) node).source();
      case FLATTEN -> ((Node.Flatten) node).source();
    };
  }

  private static boolean acceptsSource(Node node, Node from) {
    return switch (node.op()) {
      case INPUT -> false;
      case DENSE, SCORES -> from.op() == Node.Op.INPUT || from.op() == Node.Op.THRESHOLD || from.op() == Node.Op.FLATTEN;
      case THRESHOLD -> from.op() == Node.Op.DENSE || from.op() == Node.Op.CONV2D;
      case CONV2D -> from.op() == Node.Op.INPUT || from.op() == Node.Op.THRESHOLD || from.op() == Node.Op.MAXPOOL;
      case MAXPOOL, FLATTEN -> from.op() == Node.Op.THRESHOLD || from.op() == Node.Op.MAXPOOL;
    };
  }

  private static String expectedSources(Node node) {
    return switch (node.op()) {
      case INPUT -> "an input reads from nothing";
      case DENSE -> "a dense reads an input, a threshold or a flatten";
      case THRESHOLD -> "a threshold reads a dense or a conv2d";
      case SCORES -> "scores read an input, a threshold or a flatten";
      case CONV2D -> "a conv2d reads the input, or the threshold of a conv2d, or a maxpool";
      case MAXPOOL -> "a maxpool reads the bits of a feature map: the threshold of a conv2d, or a maxpool";
      case FLATTEN -> "a flatten reads a feature map: the threshold of a conv2d, or a maxpool";
    };
  }

  private void checkInput(Node.Input input) {
    if (input.size() < 1 || input.size() > MAX_ELEMENTS) {
      error(ErrorCode.BAD_SIZE, input.span(),
          "input size " + input.size() + " is outside [1, " + MAX_ELEMENTS + "]");
    }
  }

  /**
   * What a node produces: a vector of {@code size} elements, or a feature map ({@code map} not null,
   * {@code size} its elements).
   */
  private record Data(int size, MapShape map) {
    static Data vector(int size) {
      return new Data(size, null);
    }

    static Data map(MapShape map) {
      return new Data(map.size(), map);
    }
  }

  /**
   * What each node produces, in declaration order; null where it cannot be known (the node's own
   * shape does not fit, or its source is missing or unknown: those are reported where they are checked).
   */
  private static Data[] dataOf(List<Node> nodes, Map<String, Integer> indexByName) {
    Data[] data = new Data[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      Node node = nodes.get(i);
      String source = sourceOf(node);
      Integer s = source == null ? null : indexByName.get(source);
      Node from = s != null && s < i ? nodes.get(s) : null;
      Data in = from == null ? null : data[s];
      data[i] = switch (node.op()) {
        case INPUT -> Data.vector(((Node.Input) node).size());
        case DENSE -> Data.vector(((Node.Dense) node).outputs());
        case SCORES -> Data.vector(((Node.Scores) node).classes());
        case THRESHOLD -> from instanceof Node.Conv2d ? in : Data.vector(((Node.Threshold) node).neurons());
        case CONV2D -> convOutput((Node.Conv2d) node).map(Data::map).orElse(null);
        case MAXPOOL -> in == null || in.map() == null ? null
            : pooled(in.map(), ((Node.MaxPool) node).size()).map(Data::map).orElse(null);
        case FLATTEN -> in == null || in.map() == null ? null : Data.vector(in.size());
      };
    }
    return data;
  }

  /** The map a convolution produces, when its own shape fits (kernel, stride, image, padding mode). */
  private static Optional<MapShape> convOutput(Node.Conv2d conv) {
    MapShape image = conv.image();
    if (!image.positive() || image.elements() > MAX_ELEMENTS || conv.fanIn() > MAX_ELEMENTS
        || ConvGeometry.problem(image.height(), image.width(), image.channels(), conv.kernel(), conv.stride(),
            conv.padding().mode(), conv.outChannels()) != null) {
      return Optional.empty();
    }
    MapShape out = conv.geometry().out();
    return out.elements() <= MAX_ELEMENTS ? Optional.of(out) : Optional.empty();
  }

  /** The map a {@code size x size} pooling of {@code map} produces, when it tiles the map. */
  private static Optional<MapShape> pooled(MapShape map, int size) {
    if (size < 1 || map.height() % size != 0 || map.width() % size != 0) {
      return Optional.empty();
    }
    return Optional.of(new MapShape(map.height() / size, map.width() / size, map.channels()));
  }

  /**
   * The kind of the vector {@code from} produces, as a node reading it sees it. Dense and scores
   * produce sums that no node may read (the source check says so); they count as bipolar here so
   * that checking further after that error stays quiet.
   */
  private static InputKind outputKind(Node from) {
    return switch (from.op()) {
      case INPUT -> ((Node.Input) from).kind();
      case THRESHOLD, DENSE, SCORES, CONV2D, MAXPOOL, FLATTEN -> InputKind.BIPOLAR;
    };
  }

  private void checkShapes(Node node, Node from, Data in) {
    if (in == null) {
      if (node instanceof Node.Conv2d conv) {
        checkConv(conv, from, null); // its own shape still deserves a check
      }
      return; // the source's own shape is wrong or unknown, and reported there
    }
    int sourceSize = in.size();
    // A switch expression without default: a new kind of node does not compile until its shapes are checked.
    Runnable check = switch (node.op()) {
      case INPUT -> () -> { };
      case DENSE -> () -> {
        if (vectorExpected(node, from, in)) {
          checkDense((Node.Dense) node, from, sourceSize);
        }
      };
      case THRESHOLD -> () -> {
        if (from instanceof Node.Conv2d conv) {
          checkConvThreshold((Node.Threshold) node, conv);
        } else {
          checkThreshold((Node.Threshold) node, (Node.Dense) from, sourceSize);
        }
      };
      case SCORES -> () -> {
        if (vectorExpected(node, from, in)) {
          checkScores((Node.Scores) node, from, sourceSize);
        }
      };
      case CONV2D -> () -> checkConv((Node.Conv2d) node, from, in);
      case MAXPOOL -> () -> checkPool((Node.MaxPool) node, from, in);
      case FLATTEN -> () -> mapExpected(node, from, in);
    };
    check.run();
  }

  /** A dense or scores node reads a vector: a feature map must be flattened first (BIL104). */
  private boolean vectorExpected(Node node, Node from, Data in) {
    if (in.map() != null) {
      error(ErrorCode.MAP_VECTOR_MISMATCH, node.span(),
          node.keyword() + " '" + node.name() + "' reads a vector, but '" + from.name() + "' is a " + in.map()
              + " feature map; read it through a flatten node (its order is fixed: height-major, channels innermost)");
      return false;
    }
    return true;
  }

  /** A maxpool, a flatten or a conv2d not on the input reads a feature map (BIL104). */
  private boolean mapExpected(Node node, Node from, Data in) {
    if (in.map() == null) {
      error(ErrorCode.MAP_VECTOR_MISMATCH, node.span(),
          node.keyword() + " '" + node.name() + "' reads a feature map, but '" + from.name() + "' is a vector of "
              + in.size() + " elements (the threshold of a dense)");
      return false;
    }
    return true;
  }

  private void checkConv(Node.Conv2d conv, Node from, Data in) {
    MapShape image = conv.image();
    String what = "conv2d '" + conv.name() + "'";
    if (!image.positive() || conv.kernel() < 1 || conv.stride() < 1) {
      error(ErrorCode.BAD_SIZE, conv.span(), what + ": image " + image + ", kernel " + conv.kernel() + " and stride "
          + conv.stride() + " must all be at least 1");
      return;
    }
    checkOutputs(conv, conv.outChannels());
    if (image.elements() > MAX_ELEMENTS || conv.fanIn() > MAX_ELEMENTS) {
      error(ErrorCode.BAD_SIZE, conv.span(), what + ": the image " + image + " or the window " + conv.kernel() + "x"
          + conv.kernel() + "x" + image.channels() + " has more than " + MAX_ELEMENTS + " elements");
      return;
    }
    if (in == null) {
      // The source's shape is unknown (reported where it is declared): nothing to compare the image with.
    } else if (from instanceof Node.Input input) {
      if (image.elements() != input.size()) {
        error(ErrorCode.IMAGE_MISMATCH, conv.span(), what + " declares a " + image + " image (" + image.elements()
            + " elements) but input '" + input.name() + "' has " + input.size() + " elements");
      }
    } else if (mapExpected(conv, from, in) && !image.equals(in.map())) {
      error(ErrorCode.IMAGE_MISMATCH, conv.span(), what + " declares a " + image + " image but '" + from.name()
          + "' produces a " + in.map() + " map" + (image.channels() != in.map().channels()
              ? " (" + image.channels() + " channels where there are " + in.map().channels() + ")" : ""));
    }
    if (conv.weights().columns() != conv.fanIn()) {
      error(ErrorCode.WIDTH_MISMATCH, conv.span(), what + " has weight rows of " + conv.weights().columns()
          + " bits but its " + conv.kernel() + "x" + conv.kernel() + " window over " + image.channels()
          + " channels has " + conv.fanIn() + " elements");
    }
    var mode = conv.padding().mode();
    if (mode == Padding.Mode.VALID && (conv.kernel() > image.height() || conv.kernel() > image.width())) {
      error(ErrorCode.KERNEL_TOO_LARGE, conv.span(), what + ": a valid " + conv.kernel() + "x" + conv.kernel()
          + " kernel does not fit the " + image.height() + "x" + image.width() + " image");
    } else {
      String problem = ConvGeometry.problem(image.height(), image.width(), image.channels(), conv.kernel(),
          conv.stride(), mode, conv.outChannels());
      if (problem != null) {
        error(ErrorCode.CONV_NOT_TILING, conv.span(), what + ": " + problem);
      } else if (conv.geometry().out().elements() > MAX_ELEMENTS) {
        error(ErrorCode.BAD_SIZE, conv.span(), what + " produces a " + conv.geometry().out() + " map, more than "
            + MAX_ELEMENTS + " elements");
      }
    }
    InputKind kind = outputKind(from);
    if (!conv.padding().fits(kind)) {
      error(ErrorCode.BAD_PAD_VALUE, conv.span(), what + ": pad value " + conv.padding().value()
          + " is not an element of its " + kind.keyword() + " input"
          + (kind == InputKind.U8 ? " (a byte 0..255)" : " (-1 or +1)"));
    }
  }

  private void checkPool(Node.MaxPool pool, Node from, Data in) {
    if (pool.size() < 1) {
      error(ErrorCode.BAD_SIZE, pool.span(), "maxpool '" + pool.name() + "': window " + pool.size() + " must be at least 1");
      return;
    }
    if (mapExpected(pool, from, in) && pooled(in.map(), pool.size()).isEmpty()) {
      error(ErrorCode.POOL_NOT_TILING, pool.span(), "maxpool '" + pool.name() + "': " + pool.size() + "x" + pool.size()
          + " windows do not tile the " + in.map().height() + "x" + in.map().width() + " map of '" + from.name()
          + "' (its height and width must be multiples of " + pool.size() + ")");
    }
  }

  private void checkConvThreshold(Node.Threshold threshold, Node.Conv2d conv) {
    if (threshold.neurons() != conv.outChannels()) {
      error(ErrorCode.THRESHOLD_COUNT_MISMATCH, threshold.span(),
          "threshold '" + threshold.name() + "' has " + threshold.neurons() + " entries but conv2d '" + conv.name()
              + "' has " + conv.outChannels() + " output channels (one threshold per channel)");
    }
    if (conv.fanIn() <= MAX_ELEMENTS) {
      var kind = model.node(conv.source()).map(ModelValidator::outputKind).orElse(InputKind.BIPOLAR);
      checkThresholds(threshold, kind, (int) conv.fanIn());
    }
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
