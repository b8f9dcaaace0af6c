package dev.brainblitz.onnx;

import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.onnx.proto.Onnx.AttributeProto;
import dev.brainblitz.onnx.proto.Onnx.AttributeProto.AttributeType;
import dev.brainblitz.onnx.proto.Onnx.NodeProto;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The attributes of one node, read with their declared type checked against the one expected. */
final class Attributes {
  private final Map<String, AttributeProto> byName = new HashMap<>();
  private final NodeAt at;

  Attributes(NodeProto node, NodeAt at) {
    this.at = at;
    for (AttributeProto attribute : node.getAttributeList()) {
      byName.put(attribute.getName(), attribute);
    }
  }

  boolean has(String name) {
    return byName.containsKey(name);
  }

  long integer(String name, long fallback) {
    AttributeProto a = byName.get(name);
    if (a == null) {
      return fallback;
    }
    expect(a, AttributeType.INT);
    return a.getI();
  }

  double real(String name, double fallback) {
    AttributeProto a = byName.get(name);
    if (a == null) {
      return fallback;
    }
    if (a.getType() == AttributeType.INT) {
      return a.getI(); // some exporters write integral floats as ints
    }
    expect(a, AttributeType.FLOAT);
    return a.getF();
  }

  String string(String name, String fallback) {
    AttributeProto a = byName.get(name);
    if (a == null) {
      return fallback;
    }
    expect(a, AttributeType.STRING);
    return a.getS().toString(StandardCharsets.UTF_8);
  }

  long[] integers(String name) {
    AttributeProto a = byName.get(name);
    if (a == null) {
      return null;
    }
    expect(a, AttributeType.INTS);
    return a.getIntsList().stream().mapToLong(Long::longValue).toArray();
  }

  AttributeProto raw(String name) {
    return byName.get(name);
  }

  private void expect(AttributeProto a, AttributeType type) {
    if (a.hasType() && a.getType() != type) {
      throw at.error(ErrorCode.ONNX_ATTRIBUTE, "attribute '" + a.getName() + "' is " + a.getType() + ", expected " + type);
    }
  }
}
