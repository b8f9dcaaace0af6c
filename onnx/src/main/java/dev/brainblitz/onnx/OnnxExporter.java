package dev.brainblitz.onnx;

import dev.brainblitz.ir.Accumulator;
import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.DenseLayer;
import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.ModelValidator;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.ThresholdTable;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.onnx.proto.Onnx.AttributeProto;
import dev.brainblitz.onnx.proto.Onnx.GraphProto;
import dev.brainblitz.onnx.proto.Onnx.ModelProto;
import dev.brainblitz.onnx.proto.Onnx.NodeProto;
import dev.brainblitz.onnx.proto.Onnx.OperatorSetIdProto;
import dev.brainblitz.onnx.proto.Onnx.TensorProto;
import dev.brainblitz.onnx.proto.Onnx.TensorShapeProto;
import dev.brainblitz.onnx.proto.Onnx.TypeProto;
import dev.brainblitz.onnx.proto.Onnx.ValueInfoProto;
import java.util.List;

/**
 * Writes a model as an ONNX graph of standard operators (opset 13), which ONNX tools can check,
 * evaluate and display (Netron), and which {@link OnnxImporter} reads back into the same model.
 * Every value is an integer that float32 holds exactly, so the graph computes the IL's scores
 * bit for bit:
 *
 * <ul>
 *   <li>input {@code x}: float ±1 values through {@code Sign} (bipolar), or uint8 bytes through
 *       {@code Cast} (u8), shape {@code [N, n]};
 *   <li>each dense layer: {@code MatMul} by its ±1 weights; over ±1 inputs the accumulator is
 *       {@code (dot + n) * 0.5} ({@code Add}, {@code Mul});
 *   <li>each threshold: {@code GreaterOrEqual(acc, t)}, with the accumulator first multiplied by
 *       -1 (and t negated) for {@code le} neurons, then {@code Where(fires, 1, -1)};
 *   <li>scores: the accumulators plus the bias ({@code Add}), output {@code <scores>}, and their
 *       {@code ArgMax} (lowest index on ties), output {@code <scores>/class}.
 * </ul>
 *
 * ONNX node and value names are the IL names; helper values are {@code <il name>/<role>}, which
 * no IL name can be. The output is deterministic.
 */
public final class OnnxExporter {
  /** The standard operator set the exported graphs use. */
  public static final int OPSET = 13;

  /** The ONNX IR version that goes with {@link #OPSET}. */
  public static final int IR_VERSION = 7;

  /** The largest integer below which every float32 integer is exact. */
  private static final long FLOAT_EXACT = 1L << 24;

  private final GraphProto.Builder graph = GraphProto.newBuilder();

  private OnnxExporter() {}

  /** The ONNX file of {@code model} (which must be valid). */
  public static byte[] export(Model model) {
    Network network = ModelValidator.validate(model);
    checkExactInFloat(network);
    var exporter = new OnnxExporter();
    exporter.build(network);
    ModelProto proto = ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .setProducerName("brain-blitz")
        .setProducerVersion("IL " + Model.FORMAT_VERSION)
        .setDocString("The brain-blitz model '" + network.name() + "' (docs/il.md, docs/onnx.md).")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setGraph(exporter.graph)
        .build();
    return proto.toByteArray();
  }

  private static void checkExactInFloat(Network network) {
    for (DenseLayer layer : denseLayers(network)) {
      long bound = Math.max(Math.abs(layer.accumulatorMin()), layer.accumulatorMax()) + 1;
      if (bound >= FLOAT_EXACT) {
        throw tooLarge(network, "layer " + layer.dense().name() + "'s accumulator reaches " + bound);
      }
    }
    InputKind kind = network.scoresInputKind();
    long accumulator = Math.max(Math.abs(Accumulator.min(kind, network.scores().inputs())),
        Accumulator.max(kind, network.scores().inputs()));
    for (int bias : network.scores().bias()) {
      if (accumulator + Math.abs((long) bias) >= FLOAT_EXACT) {
        throw tooLarge(network, "a score reaches " + (accumulator + Math.abs((long) bias)));
      }
    }
  }

  /** The layers, each of a kind ONNX export supports (dense, the only kind the IL has today). */
  private static List<DenseLayer> denseLayers(Network network) {
    return network.layers().stream().map(layer -> switch (layer.kind()) {
      case DENSE -> (DenseLayer) layer;
      case CONV2D, MAXPOOL, FLATTEN -> throw Network.unsupported(layer, "ONNX exporter");
    }).toList();
  }

  private static DiagnosticException tooLarge(Network network, String what) {
    return new DiagnosticException(new Diagnostic(ErrorCode.ONNX_EXPORT_RANGE, SourceSpan.UNKNOWN,
        "model '" + network.name() + "': " + what + ", beyond 2^24, where float32 stops holding every integer"
            + " exactly; the exported graph would not compute the IL's scores exactly"));
  }

  private void build(Network network) {
    graph.setName(network.name());
    graph.setDocString("Binarized network exported from the brain-blitz IL: every value is an integer held"
        + " exactly in float32; " + network.name() + "'s outputs are the IL scores and their argmax.");
    Node.Input input = network.input();
    String x = input.name();
    graph.addInput(valueInfo(x, input.kind() == InputKind.U8 ? TensorProto.DataType.UINT8 : TensorProto.DataType.FLOAT,
        input.size(), input.kind() == InputKind.U8 ? "bytes 0..255" : "+1 or -1 per element"));
    String current = x + "/" + (input.kind() == InputKind.U8 ? "float" : "sign");
    if (input.kind() == InputKind.U8) {
      node("Cast", current, current, x).addAttribute(intAttribute("to", TensorProto.DataType.FLOAT_VALUE));
    } else {
      node("Sign", current, current, x);
    }
    InputKind kind = input.kind();
    for (DenseLayer layer : denseLayers(network)) {
      String acc = accumulator(layer.dense().name(), layer.dense().weights(), kind, current);
      current = threshold(layer.threshold(), acc);
      kind = InputKind.BIPOLAR;
    }
    Node.Scores scores = network.scores();
    String name = scores.name();
    String acc = accumulator(name, scores.weights(), kind, current);
    if (scores.hasBias()) {
      float[] bias = new float[scores.classes()];
      for (int c = 0; c < bias.length; c++) {
        bias[c] = scores.bias().get(c);
      }
      String biasName = name + "/bias";
      graph.addInitializer(Tensors.floats(biasName, new long[] {bias.length}, bias));
      String added = name + "/scores";
      node("Add", added, added, acc, biasName);
      acc = added;
    }
    node("Identity", name + "/output", name, acc);
    String classOutput = name + "/class";
    node("ArgMax", classOutput, classOutput, name)
        .addAttribute(intAttribute("axis", 1))
        .addAttribute(intAttribute("keepdims", 0))
        .addAttribute(intAttribute("select_last_index", 0));
    graph.addOutput(valueInfo(name, TensorProto.DataType.FLOAT, scores.classes(), "the IL scores"));
    graph.addOutput(ValueInfoProto.newBuilder().setName(classOutput).setDocString("the class: argmax, lowest index on ties")
        .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
            .setElemType(TensorProto.DataType.INT64_VALUE)
            .setShape(TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N")))))
        .build());
  }

  /**
   * The MatMul node named {@code name} and, over ±1 inputs, the conversion of its dot product to
   * the IL accumulator; returns the value holding the accumulator.
   */
  private String accumulator(String name, BitMatrix weights, InputKind kind, String input) {
    int n = weights.columns();
    int m = weights.rows();
    float[] transposed = new float[n * m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        transposed[i * m + j] = weights.get(j, i) ? 1f : -1f;
      }
    }
    String weightsName = name + "/weights";
    graph.addInitializer(Tensors.floats(weightsName, new long[] {n, m}, transposed));
    if (kind == InputKind.U8) {
      node("MatMul", name, name + "/acc", input, weightsName);
      return name + "/acc";
    }
    String dot = name + "/dot";
    node("MatMul", name, dot, input, weightsName);
    graph.addInitializer(Tensors.floats(name + "/n", new long[0], new float[] {n}));
    graph.addInitializer(Tensors.floats(name + "/half", new long[0], new float[] {0.5f}));
    node("Add", name + "/plus_n", name + "/dot_plus_n", dot, name + "/n");
    node("Mul", name + "/acc", name + "/acc", name + "/dot_plus_n", name + "/half");
    return name + "/acc";
  }

  /** The comparison node named after the threshold, and the ±1 output; returns the output value. */
  private String threshold(Node.Threshold threshold, String acc) {
    String name = threshold.name();
    ThresholdTable table = threshold.table();
    int n = table.neurons();
    float[] direction = new float[n];
    float[] thresholds = new float[n];
    boolean anyLe = false;
    for (int j = 0; j < n; j++) {
      boolean le = table.direction(j) == Direction.LE;
      anyLe |= le;
      direction[j] = le ? -1f : 1f;
      thresholds[j] = le ? -table.threshold(j) : table.threshold(j);
    }
    String compared = acc;
    if (anyLe) {
      graph.addInitializer(Tensors.floats(name + "/direction", new long[] {n}, direction));
      compared = name + "/signed";
      node("Mul", compared, compared, acc, name + "/direction");
    }
    graph.addInitializer(Tensors.floats(name + "/threshold", new long[] {n}, thresholds));
    String fires = name + "/fires";
    node("GreaterOrEqual", name, fires, compared, name + "/threshold");
    if (graph.getInitializerList().stream().noneMatch(t -> t.getName().equals("/one"))) {
      graph.addInitializer(Tensors.floats("/one", new long[0], new float[] {1f}));
      graph.addInitializer(Tensors.floats("/minus_one", new long[0], new float[] {-1f}));
    }
    node("Where", name + "/bipolar", name, fires, "/one", "/minus_one");
    return name;
  }

  private NodeProto.Builder node(String op, String name, String output, String... inputs) {
    NodeProto.Builder node = graph.addNodeBuilder().setOpType(op).setName(name).addOutput(output);
    for (String input : inputs) {
      node.addInput(input);
    }
    return node;
  }

  private static AttributeProto intAttribute(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
  }

  private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, int features, String doc) {
    return ValueInfoProto.newBuilder().setName(name).setDocString(doc)
        .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
            .setElemType(type.getNumber())
            .setShape(TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(features)))))
        .build();
  }
}
