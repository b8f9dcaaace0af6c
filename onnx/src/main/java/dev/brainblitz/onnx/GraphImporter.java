package dev.brainblitz.onnx;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.ModelValidator;
import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.ThresholdTable;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.passes.FoldBatchNorm.Rule;
import dev.brainblitz.onnx.proto.Onnx.GraphProto;
import dev.brainblitz.onnx.proto.Onnx.NodeProto;
import dev.brainblitz.onnx.proto.Onnx.TensorProto;
import dev.brainblitz.onnx.proto.Onnx.TypeProto;
import dev.brainblitz.onnx.proto.Onnx.ValueInfoProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows a graph's nodes in order and builds the model: constants are evaluated, and the data
 * path, which must be a chain, is described per layer (see {@link Value}) until each activation
 * closes a layer and the last matrix product becomes the scores. One method per operator; an
 * operator the IL has no meaning for is refused with its node, index and the reason. Convolution
 * and pooling are refused until the IL has them: adding them is adding cases to
 * {@link #standard}.
 */
final class GraphImporter {
  /** The custom-op domains of QONNX (and of FINN before QONNX split from it). */
  static final Set<String> QONNX_DOMAINS = Set.of("qonnx.custom_op.general", "finn.custom_op.general");

  private static final Set<String> QONNX_OPS = Set.of("BipolarQuant", "Quant", "IntQuant", "MultiThreshold");

  /** Integer quantization in standard ONNX (QCDQ and the QLinear/Integer operators). */
  private static final Set<String> QCDQ_OPS = Set.of("QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear",
      "QLinearMatMul", "QLinearConv", "MatMulInteger", "ConvInteger", "QGemm");

  private static final Set<String> CONV_OPS = Set.of("Conv", "ConvTranspose", "MaxPool", "AveragePool",
      "GlobalAveragePool", "GlobalMaxPool", "LpPool", "MaxUnpool", "Pad");

  private final String file;
  private final GraphProto graph;
  private final int opset;
  private final OnnxImporter.Options options;
  private final Map<String, Value> values = new HashMap<>();
  private final Map<String, Integer> dataUses = new HashMap<>();
  private final List<Node> nodes = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private final String inputName;
  private long inputSize;
  private long fixedBatch = -1;
  private int hiddenLayers;

  GraphImporter(String file, GraphProto graph, int opset, OnnxImporter.Options options) {
    this.file = file;
    this.graph = graph;
    this.opset = opset;
    this.options = options;
    for (TensorProto initializer : graph.getInitializerList()) {
      values.put(initializer.getName(), new Value.Constant(Tensors.read(initializer, NodeAt.file(file))));
    }
    ValueInfoProto input = graphInput();
    this.inputName = pickName(input.getName(), "x");
    values.put(input.getName(), inputValue(input));
    for (NodeProto node : graph.getNodeList()) {
      if (!node.getOpType().equals("Shape")) {
        for (String name : node.getInputList()) {
          dataUses.merge(name, 1, Integer::sum);
        }
      }
    }
  }

  OnnxImporter.Result run(String modelName) {
    refuseUnsupportedOps();
    for (int i = 0; i < graph.getNodeCount(); i++) {
      NodeProto node = graph.getNode(i);
      NodeAt at = new NodeAt(file, i, node.getName(), node.getOpType(), node.getDomain());
      if (node.getOutputCount() == 0) {
        throw at.error(ErrorCode.ONNX_GRAPH, "the node has no outputs");
      }
      List<Value> in = new ArrayList<>();
      for (String name : node.getInputList()) {
        in.add(name.isEmpty() ? null : lookUp(name, at));
      }
      Value out = evaluate(node, in, new Attributes(node, at), at);
      values.put(node.getOutput(0), out);
    }
    return finish(modelName);
  }

  // ---- The graph's input and outputs --------------------------------------------------------

  private ValueInfoProto graphInput() {
    NodeAt at = NodeAt.file(file);
    Set<String> initializers = new HashSet<>();
    graph.getInitializerList().forEach(t -> initializers.add(t.getName()));
    List<ValueInfoProto> inputs = graph.getInputList().stream().filter(i -> !initializers.contains(i.getName())).toList();
    if (inputs.size() != 1) {
      throw at.error(ErrorCode.ONNX_GRAPH, "the graph has " + inputs.size() + " inputs that are not initializers ("
          + String.join(", ", inputs.stream().map(ValueInfoProto::getName).toList())
          + "); a network has exactly one: its input vector");
    }
    return inputs.get(0);
  }

  private Value inputValue(ValueInfoProto input) {
    NodeAt at = NodeAt.file(file);
    String what = "graph input \"" + input.getName() + "\"";
    if (!input.getType().hasTensorType()) {
      throw at.error(ErrorCode.ONNX_DATA_TYPE, what + " is not a tensor");
    }
    TypeProto.Tensor type = input.getType().getTensorType();
    InputKind kind = switch (type.getElemType()) {
      case TensorProto.DataType.FLOAT_VALUE, TensorProto.DataType.DOUBLE_VALUE -> null;
      case TensorProto.DataType.UINT8_VALUE -> InputKind.U8;
      default -> throw at.error(ErrorCode.ONNX_DATA_TYPE, what + " has element type "
          + TensorProto.DataType.forNumber(type.getElemType()) + "; the importer reads float (or uint8 for bytes) inputs");
    };
    if (kind == InputKind.U8 && options.inputKind() == InputKind.BIPOLAR) {
      throw at.error(ErrorCode.ONNX_INPUT_KIND, what + " holds uint8 bytes, but --input-bits 1 says ±1");
    }
    if (!type.hasShape() || type.getShape().getDimCount() < 2) {
      throw at.error(ErrorCode.ONNX_DYNAMIC_SHAPE, what + " has " + (type.hasShape() ? "rank "
          + type.getShape().getDimCount() : "no shape") + "; the importer needs [batch, features...] with fixed features");
    }
    var dims = type.getShape().getDimList();
    if (dims.get(0).hasDimValue()) {
      fixedBatch = dims.get(0).getDimValue();
    }
    long[] features = new long[dims.size() - 1];
    for (int i = 1; i < dims.size(); i++) {
      if (!dims.get(i).hasDimValue() || dims.get(i).getDimValue() < 1) {
        throw at.error(ErrorCode.ONNX_DYNAMIC_SHAPE, what + ": dimension " + i + " is "
            + (dims.get(i).hasDimParam() ? "the symbol '" + dims.get(i).getDimParam() + "'" : "unknown")
            + "; only the batch dimension (0) may be dynamic, the features must have fixed sizes");
      }
      features[i - 1] = dims.get(i).getDimValue();
    }
    inputSize = Tensor.elementCount(features);
    InputKind decided = kind != null ? kind : options.inputKind();
    return new Value.Elements(decided, 1, 0, features, true, inputName);
  }

  private OnnxImporter.Result finish(String modelName) {
    NodeAt at = NodeAt.file(file);
    Value.Neurons scores = null;
    for (ValueInfoProto output : graph.getOutputList()) {
      Value value = values.get(output.getName());
      if (value instanceof Value.Neurons neurons && scores == null) {
        scores = neurons;
      } else if (value instanceof Value.ArgMax argMax && (scores == null || scores == argMax.scores())) {
        scores = argMax.scores();
      } else {
        throw at.error(ErrorCode.ONNX_SCORES, "graph output \"" + output.getName() + "\" is "
            + describe(value) + "; a network's outputs are its scores (the last matrix product, before any"
            + " activation) and optionally their ArgMax");
      }
    }
    if (scores == null) {
      throw at.error(ErrorCode.ONNX_GRAPH, "the graph has no outputs");
    }
    ScoresMapping mapping = ScoresMapping.of(scores, at);
    String scoresName = pickName(scores.layer().at().name(), "out");
    nodes.add(new Node.Scores(scoresName, scores.layer().ilSource(), scores.layer().weights(), mapping.bias()));
    String name = options.name() != null ? options.name()
        : ModelValidator.NAME.matcher(graph.getName()).matches() ? graph.getName() : modelName;
    Model model = new Model(name, nodes);
    ModelValidator.validate(model);
    return new OnnxImporter.Result(model, mapping.factor(), mapping.offset());
  }

  private static String describe(Value value) {
    if (value == null) {
      return "not computed by any node";
    }
    if (value instanceof Value.Constant) {
      return "a constant";
    }
    if (value instanceof Value.Elements) {
      return "an activation or the input, not scores";
    }
    if (value instanceof Value.Fires) {
      return "a comparison";
    }
    return value instanceof Value.Neurons ? "a layer's neurons before their activation" : "the ArgMax of other scores";
  }

  // ---- Dispatch -----------------------------------------------------------------------------

  private void refuseUnsupportedOps() {
    var problems = new ArrayList<dev.brainblitz.ir.diag.Diagnostic>();
    for (int i = 0; i < graph.getNodeCount(); i++) {
      NodeProto node = graph.getNode(i);
      NodeAt at = new NodeAt(file, i, node.getName(), node.getOpType(), node.getDomain());
      String reason = unsupported(node);
      if (reason != null) {
        ErrorCode code = CONV_OPS.contains(node.getOpType()) && isStandard(node) ? ErrorCode.ONNX_CONV_NOT_YET
            : ErrorCode.ONNX_UNSUPPORTED_OP;
        problems.addAll(at.error(code, reason).diagnostics());
      }
    }
    if (!problems.isEmpty()) {
      throw new dev.brainblitz.ir.diag.DiagnosticException(problems, dev.brainblitz.ir.diag.SourceTexts.NONE);
    }
  }

  private static boolean isStandard(NodeProto node) {
    return node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx");
  }

  /** Why the importer cannot read this operator at all, or null when it has a case for it. */
  private static String unsupported(NodeProto node) {
    String op = node.getOpType();
    if (isStandard(node)) {
      if (CONV_OPS.contains(op)) {
        return op + " is not in the IL yet: convolutional networks wait on the conv IL (issue 11); the importer"
            + " reads dense (MLP) networks today";
      }
      if (QCDQ_OPS.contains(op)) {
        return op + " belongs to a QCDQ graph (QuantizeLinear/DequantizeLinear integer quantization), which"
            + " describes int8 arithmetic, not binarized weights and activations; export the network with"
            + " QONNX nodes (Brevitas export_qonnx: BipolarQuant, Quant, MultiThreshold) or as plain float ops"
            + " with Sign (torch.onnx.export) instead";
      }
      return STANDARD_OPS.contains(op) ? null
          : "the importer does not support " + op + " (it reads Gemm/MatMul, Add/Sub/Mul/Div by constants,"
              + " BatchNormalization, Clip/Relu, Sign, comparisons with Where/Cast, Flatten/Reshape and constant"
              + " shape arithmetic)";
    }
    if (QONNX_DOMAINS.contains(node.getDomain())) {
      return QONNX_OPS.contains(op) ? null
          : "the importer reads BipolarQuant, Quant, IntQuant and MultiThreshold of QONNX, not " + op;
    }
    return "operator " + op + " of domain '" + node.getDomain() + "' is not supported (only standard ONNX and"
        + " the QONNX domains " + QONNX_DOMAINS.stream().sorted().toList() + ")";
  }

  private static final Set<String> STANDARD_OPS = Set.of("Constant", "Identity", "Dropout", "Cast", "Shape",
      "Gather", "Unsqueeze", "Squeeze", "Concat", "Slice", "Transpose", "ConstantOfShape", "Neg", "Abs", "Sqrt",
      "Reciprocal", "Reshape", "Flatten", "Add", "Sub", "Mul", "Div", "MatMul", "Gemm", "BatchNormalization", "Clip",
      "Relu", "Sign", "GreaterOrEqual", "Greater", "LessOrEqual", "Less", "Not", "Where", "ArgMax");

  private Value lookUp(String name, NodeAt at) {
    Value value = values.get(name);
    if (value == null) {
      throw at.error(ErrorCode.ONNX_NOT_CONSTANT, "input \"" + name + "\" is not defined: it is neither an"
          + " initializer, the graph's input nor the output of an earlier node (a missing initializer?)");
    }
    if (!(value instanceof Value.Constant) && dataUses.getOrDefault(name, 0) > 1 && !at.opType().equals("Shape")) {
      throw at.error(ErrorCode.ONNX_GRAPH, "value \"" + name + "\" feeds " + dataUses.get(name) + " nodes; a network"
          + " the IL can hold is a chain, where each value feeds one node");
    }
    return value;
  }

  private Value evaluate(NodeProto node, List<Value> in, Attributes attributes, NodeAt at) {
    String op = node.getOpType();
    boolean standard = isStandard(node);
    if (standard && op.equals("Constant")) {
      return new Value.Constant(constantNode(attributes, at));
    }
    boolean allConstant = in.stream().allMatch(v -> v == null || v instanceof Value.Constant);
    if (allConstant && !in.isEmpty() && ConstantOps.evaluates(op) && (standard != QONNX_OPS.contains(op))) {
      List<Tensor> tensors = in.stream().map(v -> v == null ? null : ((Value.Constant) v).tensor()).toList();
      return new Value.Constant(ConstantOps.evaluate(op, tensors, attributes, opset, at));
    }
    return standard ? standard(op, in, attributes, at) : qonnx(op, in, attributes, at);
  }

  private Value standard(String op, List<Value> in, Attributes attributes, NodeAt at) {
    return switch (op) {
      case "Identity" -> in.get(0);
      case "Dropout" -> dropout(in, at);
      case "Cast" -> cast(in.get(0), attributes, at);
      case "Shape" -> shape(in.get(0), attributes);
      case "Reshape" -> reshape(in.get(0), constant(in, 1, "the target shape", at), at);
      case "Flatten" -> flatten(in.get(0), attributes, at);
      case "Add", "Sub", "Mul", "Div" -> arithmetic(op, in, at);
      case "Neg" -> arithmetic("Mul", List.of(in.get(0), new Value.Constant(Tensor.scalar(Tensor.Kind.FLOAT, -1))), at);
      case "MatMul" -> dense(in.get(0), in.get(1), null, 1, 1, false, at);
      case "Gemm" -> gemm(in, attributes, at);
      case "BatchNormalization" -> batchNorm(in, attributes, at);
      case "Clip" -> clip(in, attributes, at);
      case "Relu" -> clip(neurons(in.get(0), at), 0, Double.POSITIVE_INFINITY);
      case "Sign" -> sign(in.get(0), at);
      case "GreaterOrEqual" -> compare(Activation.Op.GE, in, at);
      case "Greater" -> compare(Activation.Op.GT, in, at);
      case "LessOrEqual" -> compare(Activation.Op.LE, in, at);
      case "Less" -> compare(Activation.Op.LT, in, at);
      case "Not" -> not(in.get(0), at);
      case "Where" -> where(in, at);
      case "ArgMax" -> argMax(in.get(0), attributes, at);
      default -> throw at.error(ErrorCode.ONNX_OP_PLACEMENT, op + " applies only to constants here, but reads the"
          + " network's data");
    };
  }

  private Value qonnx(String op, List<Value> in, Attributes attributes, NodeAt at) {
    return switch (op) {
      case "BipolarQuant" -> bipolarQuant(in, at);
      case "Quant", "IntQuant" -> quant(in, attributes, at);
      case "MultiThreshold" -> multiThreshold(in, attributes, at);
      default -> throw new IllegalStateException("unsupported ops are refused first: " + op);
    };
  }

  // ---- Constants ------------------------------------------------------------------------------

  private Tensor constantNode(Attributes attributes, NodeAt at) {
    if (attributes.has("value")) {
      return Tensors.read(attributes.raw("value").getT(), at);
    }
    if (attributes.has("value_float")) {
      return Tensor.scalar(Tensor.Kind.FLOAT, attributes.real("value_float", 0));
    }
    if (attributes.has("value_int")) {
      return Tensor.scalar(Tensor.Kind.INT, attributes.integer("value_int", 0));
    }
    if (attributes.has("value_floats")) {
      return Tensor.vector(Tensor.Kind.FLOAT, attributes.raw("value_floats").getFloatsList().stream()
          .mapToDouble(Float::doubleValue).toArray());
    }
    if (attributes.has("value_ints")) {
      return Tensor.vector(Tensor.Kind.INT, Arrays.stream(attributes.integers("value_ints")).asDoubleStream().toArray());
    }
    throw at.error(ErrorCode.ONNX_ATTRIBUTE, "Constant without a value the importer reads (value, value_float(s),"
        + " value_int(s)); sparse and string constants are not supported");
  }

  private static Tensor constant(List<Value> in, int index, String what, NodeAt at) {
    Value value = index < in.size() ? in.get(index) : null;
    if (value instanceof Value.Constant c) {
      return c.tensor();
    }
    throw at.error(ErrorCode.ONNX_NOT_CONSTANT, what + " (input " + index + ") must be a constant (an initializer"
        + " or computed from initializers), but " + (value == null ? "it is missing" : "it depends on the graph's input"));
  }

  private Value.Neurons neurons(Value value, NodeAt at) {
    if (value instanceof Value.Neurons n) {
      return n;
    }
    throw at.error(ErrorCode.ONNX_OP_PLACEMENT, at.opType() + " must follow a matrix product (Gemm/MatMul) here; it"
        + " reads " + describe(value));
  }

  // ---- Shapes ---------------------------------------------------------------------------------

  private Value dropout(List<Value> in, NodeAt at) {
    if (in.size() > 2 && in.get(2) instanceof Value.Constant training && training.tensor().get(0) != 0) {
      throw at.error(ErrorCode.ONNX_ATTRIBUTE, "Dropout in training mode; export the network in eval() mode");
    }
    return in.get(0);
  }

  private Value cast(Value value, Attributes attributes, NodeAt at) {
    Tensor.Kind to = ConstantOps.castKind(attributes.integer("to", 1), at);
    if (value instanceof Value.Fires fires) {
      return to == Tensor.Kind.BOOL ? fires : closeLayer(fires.neurons(), fires.activation(), 0, 1, false, fires.at());
    }
    if (to == Tensor.Kind.FLOAT && (value instanceof Value.Elements || value instanceof Value.Neurons)) {
      return value;
    }
    throw at.error(ErrorCode.ONNX_OP_PLACEMENT, "Cast to " + to + " of " + describe(value) + " has no IL meaning");
  }

  private Value shape(Value value, Attributes attributes) {
    long[] features;
    if (value instanceof Value.Elements e) {
      features = e.features();
    } else if (value instanceof Value.Neurons n) {
      features = new long[] {n.count()};
    } else if (value instanceof Value.Fires f) {
      features = new long[] {f.neurons().count()};
    } else {
      features = new long[0];
    }
    long[] dims = new long[features.length + 1];
    System.arraycopy(features, 0, dims, 1, features.length);
    return new Value.Constant(ConstantOps.shapeOf(dims, attributes, true));
  }

  private Value reshape(Value value, Tensor target, NodeAt at) {
    if (!(value instanceof Value.Elements elements)) {
      if (value instanceof Value.Neurons n && target.size() == 2 && target.get(1) == n.count()) {
        return n;
      }
      throw at.error(ErrorCode.ONNX_OP_PLACEMENT, "Reshape of " + describe(value) + " is not supported");
    }
    double first = target.size() == 0 ? 0 : target.get(0);
    boolean keepsBatch = Double.isNaN(first) || first == 0 || first == -1 || (fixedBatch > 0 && first == fixedBatch);
    if (!keepsBatch || target.size() < 2) {
      throw at.error(ErrorCode.ONNX_SHAPE, "Reshape to " + Arrays.toString(target.values()) + " does not keep the"
          + " batch dimension first; the importer reads reshapes that flatten the features of each example");
    }
    long[] dims = new long[elements.features().length + 1];
    dims[0] = 1;
    System.arraycopy(elements.features(), 0, dims, 1, elements.features().length);
    double[] rest = target.values();
    rest[0] = 1;
    if (first == -1 && Arrays.stream(rest).skip(1).anyMatch(v -> v == -1)) {
      throw at.error(ErrorCode.ONNX_SHAPE, "Reshape with -1 in the batch and in a feature dimension");
    }
    long[] shaped = ConstantOps.reshapeTarget(dims, Tensor.vector(Tensor.Kind.INT, rest), at);
    return elements.withFeatures(Arrays.copyOfRange(shaped, 1, shaped.length));
  }

  private Value flatten(Value value, Attributes attributes, NodeAt at) {
    long axis = attributes.integer("axis", 1);
    if (value instanceof Value.Elements elements && axis == 1) {
      return elements.withFeatures(new long[] {elements.size()});
    }
    if (value instanceof Value.Neurons n && axis == 1) {
      return n;
    }
    throw at.error(ErrorCode.ONNX_SHAPE, "Flatten with axis " + axis + " of " + describe(value)
        + "; the importer reads Flatten(axis=1), which keeps the batch dimension");
  }

  // ---- Arithmetic -------------------------------------------------------------------------------

  private Value arithmetic(String op, List<Value> in, NodeAt at) {
    boolean dataFirst = !(in.get(0) instanceof Value.Constant);
    Value data = dataFirst ? in.get(0) : in.get(1);
    if (!((dataFirst ? in.get(1) : in.get(0)) instanceof Value.Constant)) {
      throw at.error(ErrorCode.ONNX_OP_PLACEMENT, op + " of two values that both depend on the graph's input"
          + " (a skip connection or a straight-through trick) has no IL meaning; one operand must be constant");
    }
    Tensor c = ((Value.Constant) (dataFirst ? in.get(1) : in.get(0))).tensor();
    if (data instanceof Value.Elements elements) {
      return elementsArithmetic(op, elements, c, dataFirst, at);
    }
    Value.Neurons neurons = neurons(data, at);
    double[] k = c.perNeuron(neurons.count());
    if (k == null) {
      throw at.error(ErrorCode.ONNX_SHAPE, "the constant of shape " + Arrays.toString(c.dims()) + " does not apply"
          + " per neuron to " + neurons.count() + " neurons");
    }
    return switch (op) {
      case "Add" -> neurons.then(new NeuronStep.Add(k));
      case "Sub" -> neurons.then(dataFirst ? new NeuronStep.Subtract(k) : new NeuronStep.SubtractFrom(k));
      case "Mul" -> neurons.then(new NeuronStep.Multiply(k));
      case "Div" -> {
        if (!dataFirst) {
          throw at.error(ErrorCode.ONNX_OP_PLACEMENT, "a constant divided by neurons is not monotone in them");
        }
        yield neurons.then(new NeuronStep.Divide(k));
      }
      default -> throw new IllegalArgumentException(op);
    };
  }

  private Value elementsArithmetic(String op, Value.Elements e, Tensor c, boolean dataFirst, NodeAt at) {
    if (!c.isUniform()) {
      throw at.error(ErrorCode.ONNX_OP_PLACEMENT, op + " by a constant that differs per element of the layer input;"
          + " only a uniform scale or shift of a layer input maps onto the IL");
    }
    double k = c.get(0);
    return switch (op) {
      case "Add" -> e.withMap(e.scale(), e.offset() + k);
      case "Sub" -> dataFirst ? e.withMap(e.scale(), e.offset() - k) : e.withMap(-e.scale(), k - e.offset());
      case "Mul" -> e.withMap(e.scale() * k, e.offset() * k);
      case "Div" -> {
        if (!dataFirst) {
          throw at.error(ErrorCode.ONNX_OP_PLACEMENT, "a constant divided by the layer input has no IL meaning");
        }
        yield e.withMap(e.scale() / k, e.offset() / k);
      }
      default -> throw new IllegalArgumentException(op);
    };
  }

  // ---- Matrix products --------------------------------------------------------------------------

  private Value gemm(List<Value> in, Attributes attributes, NodeAt at) {
    if (attributes.integer("transA", 0) != 0) {
      throw at.error(ErrorCode.ONNX_ATTRIBUTE, "Gemm with transA=1 (a transposed layer input) is not supported");
    }
    Value bias = in.size() > 2 ? in.get(2) : null;
    if (bias != null && !(bias instanceof Value.Constant)) {
      throw at.error(ErrorCode.ONNX_NOT_CONSTANT, "the Gemm bias (input 2) must be a constant");
    }
    return dense(in.get(0), in.get(1), bias == null ? null : ((Value.Constant) bias).tensor(),
        attributes.real("alpha", 1), attributes.real("beta", 1), attributes.integer("transB", 0) != 0, at);
  }

  private Value dense(Value input, Value weightsValue, Tensor bias, double alpha, double beta, boolean transB,
      NodeAt at) {
    if (!(input instanceof Value.Elements elements)) {
      throw at.error(ErrorCode.ONNX_OP_PLACEMENT, "the matrix product reads " + describe(input) + "; two matrix"
          + " products need an activation between them, and the weights must be the second operand");
    }
    if (!(weightsValue instanceof Value.Constant wc)) {
      throw at.error(ErrorCode.ONNX_NOT_CONSTANT, "the weights (input 1) must be a constant (an initializer, possibly"
          + " through Sign, Transpose or BipolarQuant), not a value computed from the graph's input");
    }
    Tensor w = wc.tensor();
    if (w.rank() != 2) {
      throw at.error(ErrorCode.ONNX_SHAPE, "weights of rank " + w.rank() + "; a dense layer has a 2-D weight matrix");
    }
    if (transB) {
      w = ConstantOps.transpose(w, null, at);
    }
    if (elements.features().length != 1) {
      throw at.error(ErrorCode.ONNX_SHAPE, "the layer input has shape [batch, " + Arrays.toString(elements.features())
          + "]; flatten it to [batch, features] first (Flatten or Reshape)");
    }
    int k = (int) w.dim(0);
    int m = (int) w.dim(1);
    if (k != elements.size()) {
      throw at.error(ErrorCode.ONNX_SHAPE, "weights of shape [" + k + ", " + m + "] do not fit a layer input of "
          + elements.size() + " elements");
    }
    InputKind kind = decideKind(elements, at);
    boolean[][] bits = new boolean[m][k];
    double[] a = new double[m];
    double[] b = new double[m];
    for (int j = 0; j < m; j++) {
      double c = Math.abs(w.get(j));
      long rowSum = 0;
      for (int i = 0; i < k; i++) {
        double v = w.get(i * m + j);
        if (v == 0 || Math.abs(v) != c || !Double.isFinite(v)) {
          throw at.error(ErrorCode.ONNX_NOT_BINARY, "weight (" + i + ", " + j + ") of neuron " + j + " is " + v
              + (v == 0 ? " (Sign of 0 is 0)" : "") + ", but a neuron's weights must all be +c or -c (binary, with"
              + " one positive scale c per neuron; here c = " + c + "); binarize them in the graph with Sign or"
              + " BipolarQuant");
        }
        bits[j][i] = v > 0;
        rowSum += v > 0 ? 1 : -1;
      }
      a[j] = c * elements.scale();
      b[j] = elements.offset() == 0 ? 0 : c * elements.offset() * rowSum;
    }
    ensureInput(kind);
    var layer = new Value.DenseLayer(BitMatrix.fromBits(bits), kind, elements.ilSource(), at);
    Value.Neurons neurons = new Value.Neurons(layer, List.of(new NeuronStep.Linear(a, b)));
    if (alpha != 1) {
      double[] all = new double[m];
      Arrays.fill(all, alpha);
      neurons = neurons.then(new NeuronStep.Multiply(all));
    }
    if (bias != null) {
      double[] c = bias.perNeuron(m);
      if (c == null) {
        throw at.error(ErrorCode.ONNX_SHAPE, "a bias of shape " + Arrays.toString(bias.dims()) + " for " + m + " neurons");
      }
      for (int j = 0; j < m; j++) {
        c[j] *= beta;
      }
      neurons = neurons.then(new NeuronStep.Add(c));
    }
    return neurons;
  }

  /** The IL kind of the vector {@code elements} holds, deciding the graph input's when nothing has yet. */
  private InputKind decideKind(Value.Elements elements, NodeAt at) {
    if (elements.kind() != null) {
      return elements.kind();
    }
    throw at.error(ErrorCode.ONNX_INPUT_KIND, "the graph's input is float and nothing in the graph says whether it"
        + " holds bytes or ±1 values; pass --input-bits 8 (bytes 0..255) or --input-bits 1 (±1)");
  }

  private void ensureInput(InputKind kind) {
    if (nodes.isEmpty()) {
      nodes.add(new Node.Input(inputName, kind, Math.toIntExact(Math.min(inputSize, Integer.MAX_VALUE))));
    }
  }

  // ---- Between product and activation ---------------------------------------------------------

  private Value batchNorm(List<Value> in, Attributes attributes, NodeAt at) {
    Value.Neurons neurons = neurons(in.get(0), at);
    if (attributes.integer("training_mode", 0) != 0) {
      throw at.error(ErrorCode.ONNX_ATTRIBUTE, "BatchNormalization in training mode; export the network in eval() mode");
    }
    int n = neurons.count();
    double[][] params = new double[4][];
    String[] names = {"scale", "B", "input_mean", "input_var"};
    for (int p = 0; p < 4; p++) {
      Tensor t = constant(in, p + 1, "the batch-norm " + names[p], at);
      params[p] = t.rank() == 1 ? t.perNeuron(n) : null;
      if (params[p] == null) {
        throw at.error(ErrorCode.ONNX_SHAPE, "batch-norm " + names[p] + " of shape " + Arrays.toString(t.dims())
            + " for " + n + " neurons");
      }
    }
    double epsilon = attributes.real("epsilon", 1e-5);
    for (int j = 0; j < n; j++) {
      double scale = params[3][j] + epsilon;
      if (!(scale > 0) || !Double.isFinite(scale)) {
        throw at.error(ErrorCode.ONNX_NOT_FINITE, "neuron " + j + ": variance + epsilon = " + scale
            + " is not a positive finite number");
      }
    }
    return neurons.then(new NeuronStep.BatchNorm(params[0], params[1], params[2], params[3], epsilon));
  }

  private Value clip(List<Value> in, Attributes attributes, NodeAt at) {
    Value.Neurons neurons = neurons(in.get(0), at);
    double low;
    double high;
    if (opset < 11) {
      low = attributes.real("min", -Float.MAX_VALUE);
      high = attributes.real("max", Float.MAX_VALUE);
    } else {
      low = in.size() > 1 && in.get(1) != null ? scalar(constant(in, 1, "the Clip minimum", at), at) : Double.NEGATIVE_INFINITY;
      high = in.size() > 2 && in.get(2) != null ? scalar(constant(in, 2, "the Clip maximum", at), at) : Double.POSITIVE_INFINITY;
    }
    if (Double.isNaN(low) || Double.isNaN(high) || low > high) {
      throw at.error(ErrorCode.ONNX_NOT_FINITE, "Clip bounds [" + low + ", " + high + "] are not an interval");
    }
    return clip(neurons, low, high);
  }

  private static Value clip(Value.Neurons neurons, double low, double high) {
    return neurons.then(new NeuronStep.Clip(low, high));
  }

  private static double scalar(Tensor t, NodeAt at) {
    if (t.size() != 1) {
      throw at.error(ErrorCode.ONNX_SHAPE, "expected a scalar, got shape " + Arrays.toString(t.dims()));
    }
    return t.get(0);
  }

  // ---- Activations ------------------------------------------------------------------------------

  private Value sign(Value value, NodeAt at) {
    if (value instanceof Value.Elements e && e.raw() && e.kind() != InputKind.U8) {
      return bipolarInput(e, 1, at);
    }
    Value.Neurons neurons = neurons(value, at);
    return closeLayer(neurons, new Activation.Compare(Activation.Op.GT, new double[neurons.count()]), -1, 1, true, at);
  }

  /** The graph input binarized (Sign or BipolarQuant of it): the IL's ±1 input, times {@code scale}. */
  private Value bipolarInput(Value.Elements e, double scale, NodeAt at) {
    if (options.inputKind() == InputKind.U8) {
      throw at.error(ErrorCode.ONNX_INPUT_KIND, "the graph binarizes its input, but --input-bits 8 says it holds bytes");
    }
    return new Value.Elements(InputKind.BIPOLAR, scale, 0, e.features(), false, e.ilSource());
  }

  private Value compare(Activation.Op op, List<Value> in, NodeAt at) {
    boolean dataFirst = !(in.get(0) instanceof Value.Constant);
    Value.Neurons neurons = neurons(dataFirst ? in.get(0) : in.get(1), at);
    Tensor t = constant(in, dataFirst ? 1 : 0, "the threshold", at);
    double[] thresholds = t.perNeuron(neurons.count());
    if (thresholds == null) {
      throw at.error(ErrorCode.ONNX_SHAPE, "thresholds of shape " + Arrays.toString(t.dims()) + " for "
          + neurons.count() + " neurons");
    }
    return new Value.Fires(neurons, new Activation.Compare(dataFirst ? op : op.swapped(), thresholds), at);
  }

  private Value not(Value value, NodeAt at) {
    if (value instanceof Value.Fires fires) {
      return new Value.Fires(fires.neurons(), fires.activation().negated(), fires.at());
    }
    throw at.error(ErrorCode.ONNX_OP_PLACEMENT, "Not of " + describe(value));
  }

  private Value where(List<Value> in, NodeAt at) {
    if (!(in.get(0) instanceof Value.Fires fires)) {
      throw at.error(ErrorCode.ONNX_OP_PLACEMENT, "Where must choose by a comparison of a layer's neurons, not by "
          + describe(in.get(0)));
    }
    Tensor high = constant(in, 1, "the value where the condition holds", at);
    Tensor low = constant(in, 2, "the value where it does not", at);
    if (!high.isUniform() || !low.isUniform()) {
      throw at.error(ErrorCode.ONNX_NOT_BIPOLAR, "Where chooses between per-neuron values; a layer's activations must"
          + " take the same two values in every neuron");
    }
    return closeLayer(fires.neurons(), fires.activation(), low.get(0), high.get(0), false, fires.at());
  }

  private Value argMax(Value value, Attributes attributes, NodeAt at) {
    Value.Neurons scores = neurons(value, at);
    long axis = attributes.integer("axis", 0);
    if (axis != 1 && axis != -1) {
      throw at.error(ErrorCode.ONNX_ATTRIBUTE, "ArgMax over axis " + axis + "; the classes are axis 1");
    }
    if (attributes.integer("select_last_index", 0) != 0) {
      throw at.error(ErrorCode.ONNX_ATTRIBUTE, "ArgMax with select_last_index=1; the IL picks the lowest index on ties");
    }
    return new Value.ArgMax(scores);
  }

  private Value bipolarQuant(List<Value> in, NodeAt at) {
    double scale = scalar(constant(in, 1, "the BipolarQuant scale", at), at);
    if (!(scale > 0) || !Double.isFinite(scale)) {
      throw at.error(ErrorCode.ONNX_NOT_FINITE, "BipolarQuant scale " + scale + " is not a positive finite number");
    }
    if (in.get(0) instanceof Value.Elements e && e.raw() && e.kind() != InputKind.U8) {
      return bipolarInput(e, scale, at);
    }
    Value.Neurons neurons = neurons(in.get(0), at);
    return closeLayer(neurons, new Activation.Compare(Activation.Op.GE, new double[neurons.count()]), -scale, scale,
        false, at);
  }

  private Value quant(List<Value> in, Attributes attributes, NodeAt at) {
    List<Tensor> params = new ArrayList<>();
    params.add(null);
    for (int i = 1; i < 4; i++) {
      params.add(constant(in, i, i == 1 ? "the Quant scale" : i == 2 ? "the Quant zero point" : "the Quant bit width", at));
    }
    QuantSpec spec = QuantSpec.of(params, attributes, at);
    if (in.get(0) instanceof Value.Elements e) {
      if (!e.raw() || spec.min() != 0 || spec.max() != 255 || !spec.scale().isUniform() || !spec.zeroPoint().isUniform()) {
        throw at.error(ErrorCode.ONNX_OP_PLACEMENT, "a Quant of the graph's input must be 8-bit unsigned ([0, 255])"
            + " with one scale and zero point: the IL's inputs are bytes 0..255 or ±1 values");
      }
      if (options.inputKind() == InputKind.BIPOLAR) {
        throw at.error(ErrorCode.ONNX_INPUT_KIND, "the graph quantizes its input to bytes, but --input-bits 1 says ±1");
      }
      double s = spec.scale().get(0);
      return new Value.Elements(InputKind.U8, s, -spec.zeroPoint().get(0) * s, e.features(), false, e.ilSource());
    }
    Value.Neurons neurons = neurons(in.get(0), at);
    if (spec.max() - spec.min() != 1) {
      throw at.error(ErrorCode.ONNX_NOT_BIPOLAR, "a " + spec.bits() + "-bit Quant activation has "
          + (spec.max() - spec.min() + 1) + " levels; the IL's activations have two (1 bit)");
    }
    int n = neurons.count();
    double[] scale = spec.scale().perNeuron(n);
    double[] zero = spec.zeroPoint().perNeuron(n);
    if (scale == null || zero == null) {
      throw at.error(ErrorCode.ONNX_SHAPE, "Quant scale or zero point does not apply per neuron to " + n + " neurons");
    }
    double[] low = new double[n];
    double[] high = new double[n];
    for (int j = 0; j < n; j++) {
      low[j] = (spec.min() - zero[j]) * scale[j];
      high[j] = (spec.max() - zero[j]) * scale[j];
    }
    return closeLayer(neurons, new Activation.Quantized(spec, scale, zero), uniform(low, at), uniform(high, at), false,
        at);
  }

  private Value multiThreshold(List<Value> in, Attributes attributes, NodeAt at) {
    Value.Neurons neurons = neurons(in.get(0), at);
    Tensor t = constant(in, 1, "the thresholds", at);
    int n = neurons.count();
    if (t.rank() != 2 || (t.dim(0) != n && t.dim(0) != 1)) {
      throw at.error(ErrorCode.ONNX_SHAPE, "thresholds of shape " + Arrays.toString(t.dims()) + " for " + n
          + " channels; MultiThreshold takes [channels, steps]");
    }
    if (t.dim(1) != 1) {
      throw at.error(ErrorCode.ONNX_NOT_BIPOLAR, "MultiThreshold with " + t.dim(1) + " thresholds per channel is a"
          + " multi-bit activation; the IL's activations have one threshold");
    }
    double[] thresholds = t.dim(0) == n ? t.values() : Tensor.vector(Tensor.Kind.FLOAT, t.get(0)).perNeuron(n);
    double scale = attributes.real("out_scale", 1);
    double bias = attributes.real("out_bias", 0);
    return closeLayer(neurons, new Activation.Compare(Activation.Op.GE, thresholds), bias, bias + scale, false, at);
  }

  private static double uniform(double[] values, NodeAt at) {
    for (double v : values) {
      if (Double.compare(v, values[0]) != 0) {
        throw at.error(ErrorCode.ONNX_NOT_BIPOLAR, "the activation's two output values differ between neurons; a"
            + " layer's activations must take the same two values in every neuron");
      }
    }
    return values[0];
  }

  /**
   * Closes a hidden layer: folds each neuron into its threshold rule, adds the dense and threshold
   * nodes, and returns the layer's output vector, whose element is {@code high} where the neuron
   * fires and {@code low} where it does not.
   */
  private Value closeLayer(Value.Neurons neurons, Activation activation, double low, double high, boolean signHasZero,
      NodeAt at) {
    if (!Double.isFinite(low) || !Double.isFinite(high) || low == high) {
      throw at.error(ErrorCode.ONNX_NOT_BIPOLAR, "the activation's two values are " + low + " and " + high
          + "; they must be two different finite numbers");
    }
    int n = neurons.count();
    long[] thresholds = new long[n];
    Direction[] directions = new Direction[n];
    for (int j = 0; j < n; j++) {
      Rule rule = NeuronFold.rule(neurons, activation, j, signHasZero, at);
      thresholds[j] = rule.threshold();
      directions[j] = rule.direction();
    }
    hiddenLayers++;
    var layer = neurons.layer();
    String dense = pickName(layer.at().name(), "fc" + hiddenLayers);
    String threshold = pickName(at.name(), "act" + hiddenLayers);
    nodes.add(new Node.Dense(dense, layer.ilSource(), layer.weights()));
    nodes.add(new Node.Threshold(threshold, dense, ThresholdTable.of(thresholds, directions)));
    return new Value.Elements(InputKind.BIPOLAR, (high - low) / 2, (high + low) / 2, new long[] {n}, false, threshold);
  }

  /** The node's own name when it is an identifier not used yet, else {@code fallback} (made unique). */
  private String pickName(String candidate, String fallback) {
    String name = ModelValidator.NAME.matcher(candidate).matches() && !names.contains(candidate) ? candidate : fallback;
    String unique = name;
    for (int i = 2; names.contains(unique); i++) {
      unique = name + "_" + i;
    }
    names.add(unique);
    return unique;
  }
}
