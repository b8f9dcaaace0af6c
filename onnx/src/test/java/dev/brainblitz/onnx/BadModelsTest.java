package dev.brainblitz.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.testing.GoldenFiles;
import dev.brainblitz.onnx.proto.Onnx.AttributeProto;
import dev.brainblitz.onnx.proto.Onnx.GraphProto;
import dev.brainblitz.onnx.proto.Onnx.ModelProto;
import dev.brainblitz.onnx.proto.Onnx.NodeProto;
import dev.brainblitz.onnx.proto.Onnx.OperatorSetIdProto;
import dev.brainblitz.onnx.proto.Onnx.TensorProto;
import dev.brainblitz.onnx.proto.Onnx.TensorShapeProto;
import dev.brainblitz.onnx.proto.Onnx.TypeProto;
import dev.brainblitz.onnx.proto.Onnx.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code _bad} corpus: graphs the importer must refuse, each with its diagnostic in a golden
 * file {@code bad/NAME.out} (regenerate with {@code -Dblitz.updateGolden=true} and review). Most are
 * one edit of a small valid graph built here; three are real PyTorch exports written by
 * onnx/scripts/make_test_models.py ({@code bad/pytorch_*.onnx}).
 */
class BadModelsTest {
  static final String BAD = "onnx/src/test/resources/dev/brainblitz/onnx/bad/";

  /** A valid graph: x [N, 4] (±1) -> MatMul W1 [4, 3] -> BatchNormalization -> Sign -> MatMul W2 [3, 2]. */
  static GraphProto.Builder mlp() {
    GraphProto.Builder g = GraphProto.newBuilder().setName("small");
    g.addInput(input("x", TensorProto.DataType.FLOAT, "N", 4));
    g.addOutput(input("y", TensorProto.DataType.FLOAT, "N", 2));
    g.addInitializer(floats("w1", new long[] {4, 3}, 1, -1, 1, -1, 1, 1, 1, 1, -1, -1, -1, 1));
    g.addInitializer(floats("gamma", new long[] {3}, 1, -2, 0.5f));
    g.addInitializer(floats("beta", new long[] {3}, 0.1f, 0.2f, -0.3f));
    g.addInitializer(floats("mean", new long[] {3}, 0.5f, -0.5f, 1.5f));
    g.addInitializer(floats("var", new long[] {3}, 1, 2, 3));
    g.addInitializer(floats("w2", new long[] {3, 2}, 1, -1, -1, 1, 1, 1));
    g.addNode(node("MatMul", "fc1", new String[] {"x", "w1"}, "h1"));
    g.addNode(node("BatchNormalization", "bn1", new String[] {"h1", "gamma", "beta", "mean", "var"}, "b1"));
    g.addNode(node("Sign", "act1", new String[] {"b1"}, "a1"));
    g.addNode(node("MatMul", "out", new String[] {"a1", "w2"}, "y"));
    return g;
  }

  static ModelProto.Builder model(GraphProto.Builder graph, int opset) {
    return ModelProto.newBuilder().setIrVersion(7).setProducerName("test")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).setGraph(graph);
  }

  static byte[] bytes(GraphProto.Builder graph) {
    return model(graph, 13).build().toByteArray();
  }

  static ValueInfoProto input(String name, TensorProto.DataType type, String batch, long... features) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(batch));
    for (long f : features) {
      shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(f));
    }
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
  }

  static TensorProto floats(String name, long[] dims, float... values) {
    return Tensors.floats(name, dims, values);
  }

  static NodeProto node(String op, String name, String[] inputs, String output, AttributeProto... attributes) {
    return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(Arrays.asList(inputs)).addOutput(output)
        .addAllAttribute(Arrays.asList(attributes)).build();
  }

  static AttributeProto ints(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
  }

  static GraphProto.Builder replaceNode(GraphProto.Builder g, int index, NodeProto node) {
    return g.setNode(index, node);
  }

  static GraphProto.Builder replaceInitializer(GraphProto.Builder g, String name, TensorProto tensor) {
    for (int i = 0; i < g.getInitializerCount(); i++) {
      if (g.getInitializer(i).getName().equals(name)) {
        g.setInitializer(i, tensor);
      }
    }
    return g;
  }

  static byte[] pytorch(String file) {
    try {
      return Files.readAllBytes(GoldenFiles.repoRoot().resolve(BAD + file));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static final Map<String, Supplier<byte[]>> CASES = new LinkedHashMap<>();

  static {
    CASES.put("truncated_protobuf", () -> {
      byte[] whole = bytes(mlp());
      return Arrays.copyOf(whole, whole.length - 7);
    });
    CASES.put("not_onnx", () -> "bil 1\nmodel tiny {\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    CASES.put("ir_version_too_new", () -> model(mlp(), 13).setIrVersion(12).build().toByteArray());
    CASES.put("opset_too_old", () -> model(mlp(), 7).build().toByteArray());
    CASES.put("opset_too_new", () -> model(mlp(), 24).build().toByteArray());
    CASES.put("unsupported_op", () -> bytes(mlp().addNode(node("Softmax", "prob", new String[] {"y"}, "p"))
        .setOutput(0, input("p", TensorProto.DataType.FLOAT, "N", 2))));
    CASES.put("unknown_domain", () -> bytes(replaceNode(mlp(), 2,
        node("Sign", "act1", new String[] {"b1"}, "a1").toBuilder().setDomain("com.example").build())));
    CASES.put("qcdq", () -> {
      var g = mlp();
      g.addInitializer(floats("s", new long[0], 0.1f));
      g.addNode(0, node("QuantizeLinear", "x_q", new String[] {"x", "s"}, "xq"));
      g.addNode(1, node("DequantizeLinear", "x_dq", new String[] {"xq", "s"}, "xd"));
      return bytes(replaceNode(g, 2, node("MatMul", "fc1", new String[] {"xd", "w1"}, "h1")));
    });
    CASES.put("dynamic_features", () -> bytes(mlp().setInput(0, ValueInfoProto.newBuilder().setName("x")
        .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(1)
            .setShape(TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("features"))))))));
    CASES.put("missing_initializer", () -> {
      var g = mlp();
      g.removeInitializer(5);
      return bytes(g);
    });
    CASES.put("weights_from_input", () -> bytes(mlp().addInput(input("w2", TensorProto.DataType.FLOAT, "3", 2))
        .removeInitializer(5)));
    CASES.put("float16_weights", () -> bytes(replaceInitializer(mlp(), "w1", TensorProto.newBuilder().setName("w1")
        .addDims(4).addDims(3).setDataType(TensorProto.DataType.FLOAT16_VALUE)
        .setRawData(ByteString.copyFrom(new byte[24])).build())));
    CASES.put("int64_input", () -> bytes(mlp().setInput(0, input("x", TensorProto.DataType.INT64, "N", 4))));
    CASES.put("raw_data_too_short", () -> bytes(replaceInitializer(mlp(), "w1", TensorProto.newBuilder().setName("w1")
        .addDims(4).addDims(3).setDataType(TensorProto.DataType.FLOAT_VALUE)
        .setRawData(ByteString.copyFrom(new byte[40])).build())));
    CASES.put("external_data", () -> bytes(replaceInitializer(mlp(), "w1", floats("w1", new long[] {4, 3}).toBuilder()
        .clearRawData().setDataLocation(TensorProto.DataLocation.EXTERNAL).build())));
    CASES.put("non_binary_weights", () -> bytes(replaceInitializer(mlp(), "w2",
        floats("w2", new long[] {3, 2}, 1, -1, -1, 0.5f, 1, 1))));
    CASES.put("zero_variance", () -> bytes(replaceInitializer(mlp(), "var",
        floats("var", new long[] {3}, 1, -1, 3))));
    CASES.put("skip_connection", () -> bytes(mlp().addNode(3, node("Add", "skip", new String[] {"a1", "a1"}, "a2"))
        .setNode(4, node("MatMul", "out", new String[] {"a2", "w2"}, "y"))));
    CASES.put("two_products_without_activation", () -> bytes(mlp().removeNode(2)
        .setNode(2, node("MatMul", "out", new String[] {"b1", "w2"}, "y"))));
    CASES.put("multibit_multithreshold", () -> {
      var g = mlp();
      g.addInitializer(floats("t", new long[] {3, 3}, -1, 0, 1, -1, 0, 1, -1, 0, 1));
      return model(replaceNode(g, 2, node("MultiThreshold", "act1", new String[] {"b1", "t"}, "a1").toBuilder()
          .setDomain("qonnx.custom_op.general").build()), 13)
          .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("qonnx.custom_op.general").setVersion(1))
          .build().toByteArray();
    });
    CASES.put("fractional_output_bias", () -> {
      var g = mlp();
      g.addInitializer(floats("b2", new long[] {2}, 0, 0.5f));
      g.setNode(3, node("MatMul", "out", new String[] {"a1", "w2"}, "z"));
      return bytes(g.addNode(node("Add", "out_bias", new String[] {"z", "b2"}, "y")));
    });
    CASES.put("output_after_activation", () -> bytes(mlp().addNode(node("Sign", "act2", new String[] {"y"}, "s"))
        .setOutput(0, input("s", TensorProto.DataType.FLOAT, "N", 2))));
    CASES.put("two_inputs", () -> bytes(mlp().addInput(input("mask", TensorProto.DataType.FLOAT, "N", 4))));
    CASES.put("pytorch_conv", () -> pytorch("pytorch_conv.onnx"));
    CASES.put("pytorch_float_weights", () -> pytorch("pytorch_float_weights.onnx"));
    CASES.put("pytorch_sign_zero", () -> pytorch("pytorch_sign_zero.onnx"));
  }

  static Stream<String> cases() {
    return CASES.keySet().stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void refusedWithItsCodeAndMessage(String name) {
    byte[] onnx = CASES.get(name).get();
    var options = new OnnxImporter.Options(InputKind.BIPOLAR, null);
    DiagnosticException e = assertThrows(DiagnosticException.class,
        () -> OnnxImporter.read(name + ".onnx", onnx, options));
    GoldenFiles.assertMatches(BAD + name + ".out", e.render());
  }

  /** The base graph of the corpus is itself valid: each case fails for its one edit. */
  @org.junit.jupiter.api.Test
  void baseGraphImports() {
    OnnxImporter.read("small.onnx", bytes(mlp()), new OnnxImporter.Options(InputKind.BIPOLAR, null));
  }

  static Path badDirectory() {
    return GoldenFiles.repoRoot().resolve(BAD);
  }
}
