package dev.brainblitz.onnx;

import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.onnx.proto.Onnx.TensorProto;
import dev.brainblitz.onnx.proto.Onnx.TensorProto.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads the values of an ONNX {@code TensorProto}, stored either in {@code raw_data} (fixed-width
 * little-endian) or in the typed repeated field of its data type, and writes float tensors.
 */
final class Tensors {
  /** The largest constant the importer reads (2^28 elements): far above any MLP's weights. */
  static final long MAX_ELEMENTS = 1L << 28;

  private Tensors() {}

  static Tensor read(TensorProto proto, NodeAt at) {
    String what = "tensor \"" + proto.getName() + "\"";
    if (proto.getDataLocation() == TensorProto.DataLocation.EXTERNAL || proto.getExternalDataCount() > 0) {
      throw at.error(ErrorCode.ONNX_TENSOR_DATA, what + " is stored in an external file; save the model with"
          + " every tensor inside the .onnx file (onnx.save_model(..., save_as_external_data=False))");
    }
    if (proto.hasSegment()) {
      throw at.error(ErrorCode.ONNX_TENSOR_DATA, what + " is split into segments, which the importer does not read");
    }
    long[] dims = new long[proto.getDimsCount()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = proto.getDims(i);
      if (dims[i] < 0) {
        throw at.error(ErrorCode.ONNX_TENSOR_DATA, what + " has a negative dimension " + dims[i]);
      }
    }
    long count = Tensor.elementCount(dims);
    if (count > MAX_ELEMENTS) {
      throw at.error(ErrorCode.ONNX_TENSOR_DATA, what + " has " + count + " elements, more than the importer reads");
    }
    DataType type = DataType.forNumber(proto.getDataType());
    if (type == null) {
      throw at.error(ErrorCode.ONNX_DATA_TYPE, what + " has data type " + proto.getDataType()
          + ", which ONNX does not define");
    }
    int n = (int) count;
    double[] values = new double[n];
    Tensor.Kind kind;
    boolean raw = proto.hasRawData();
    ByteBuffer bytes = proto.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    switch (type) {
      case FLOAT -> {
        kind = Tensor.Kind.FLOAT;
        checkCount(raw ? bytes.remaining() / 4 : proto.getFloatDataCount(), raw, bytes.remaining(), 4, n, what, at);
        for (int i = 0; i < n; i++) {
          values[i] = raw ? bytes.getFloat(4 * i) : proto.getFloatData(i);
        }
      }
      case DOUBLE -> {
        kind = Tensor.Kind.FLOAT;
        checkCount(raw ? bytes.remaining() / 8 : proto.getDoubleDataCount(), raw, bytes.remaining(), 8, n, what, at);
        for (int i = 0; i < n; i++) {
          values[i] = raw ? bytes.getDouble(8 * i) : proto.getDoubleData(i);
        }
      }
      case INT64 -> {
        kind = Tensor.Kind.INT;
        checkCount(raw ? bytes.remaining() / 8 : proto.getInt64DataCount(), raw, bytes.remaining(), 8, n, what, at);
        for (int i = 0; i < n; i++) {
          values[i] = raw ? bytes.getLong(8 * i) : proto.getInt64Data(i);
        }
      }
      case INT32, INT16, INT8, UINT16, UINT8, BOOL -> {
        kind = type == DataType.BOOL ? Tensor.Kind.BOOL : Tensor.Kind.INT;
        int width = switch (type) {
          case INT32 -> 4;
          case INT16, UINT16 -> 2;
          default -> 1;
        };
        checkCount(raw ? bytes.remaining() / width : proto.getInt32DataCount(), raw, bytes.remaining(), width, n,
            what, at);
        for (int i = 0; i < n; i++) {
          values[i] = raw ? rawInteger(bytes, i, type) : proto.getInt32Data(i);
        }
      }
      default -> throw at.error(ErrorCode.ONNX_DATA_TYPE, what + " holds " + type
          + " values; the importer reads FLOAT, DOUBLE and integer tensors (export in float32)");
    }
    return Tensor.of(kind, dims, values);
  }

  private static double rawInteger(ByteBuffer bytes, int i, DataType type) {
    return switch (type) {
      case INT32 -> bytes.getInt(4 * i);
      case INT16 -> bytes.getShort(2 * i);
      case UINT16 -> Short.toUnsignedInt(bytes.getShort(2 * i));
      case INT8 -> bytes.get(i);
      case UINT8 -> Byte.toUnsignedInt(bytes.get(i));
      case BOOL -> bytes.get(i) != 0 ? 1 : 0;
      default -> throw new IllegalArgumentException(type.toString());
    };
  }

  private static void checkCount(int found, boolean raw, int rawBytes, int width, int expected, String what,
      NodeAt at) {
    if (raw && rawBytes != (long) expected * width) {
      throw at.error(ErrorCode.ONNX_TENSOR_DATA, what + " has " + rawBytes + " bytes of raw data; its shape needs "
          + (long) expected * width);
    }
    if (found != expected) {
      throw at.error(ErrorCode.ONNX_TENSOR_DATA, what + " holds " + found + " values; its shape needs " + expected);
    }
  }

  /** A float32 initializer: {@code values} in row-major order, stored as raw little-endian data. */
  static TensorProto floats(String name, long[] dims, float[] values) {
    ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      raw.putFloat(v);
    }
    raw.flip();
    var builder = TensorProto.newBuilder().setName(name).setDataType(DataType.FLOAT_VALUE)
        .setRawData(com.google.protobuf.ByteString.copyFrom(raw));
    for (long d : dims) {
      builder.addDims(d);
    }
    return builder.build();
  }
}
