package dev.brainblitz.onnx;

import dev.brainblitz.ir.diag.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Evaluates operators whose inputs are all constants, as exporters leave them in graphs: weights
 * binarized by {@code Sign} or {@code BipolarQuant}, transposed weights, batch-norm statistics
 * shared through {@code Identity}, and the {@code Shape -> Gather -> Unsqueeze -> Concat} chains
 * that compute a reshape target. Each operator follows its definition in the ONNX operator
 * specification (or the QONNX one), with numpy broadcasting.
 */
final class ConstantOps {
  private ConstantOps() {}

  /** Whether {@code op} (standard or QONNX) is one this class evaluates. */
  static boolean evaluates(String op) {
    return switch (op) {
      case "Identity", "Sign", "Neg", "Abs", "Sqrt", "Reciprocal", "Not", "Add", "Sub", "Mul", "Div", "Cast",
          "Transpose", "Gather", "Unsqueeze", "Squeeze", "Concat", "Slice", "Reshape", "Flatten", "Shape",
          "ConstantOfShape", "BipolarQuant", "Quant", "IntQuant" -> true;
      default -> false;
    };
  }

  static Tensor evaluate(String op, List<Tensor> in, Attributes attributes, int opset, NodeAt at) {
    return switch (op) {
      case "Identity" -> in.get(0);
      case "Sign" -> unary(in.get(0), Math::signum);
      case "Neg" -> unary(in.get(0), v -> -v);
      case "Abs" -> unary(in.get(0), Math::abs);
      case "Sqrt" -> unary(in.get(0), Math::sqrt);
      case "Reciprocal" -> unary(in.get(0), v -> 1 / v);
      case "Not" -> unary(in.get(0), v -> v == 0 ? 1 : 0);
      case "Add" -> binary(in.get(0), in.get(1), Double::sum, at);
      case "Sub" -> binary(in.get(0), in.get(1), (a, b) -> a - b, at);
      case "Mul" -> binary(in.get(0), in.get(1), (a, b) -> a * b, at);
      case "Div" -> in.get(0).kind() == Tensor.Kind.INT && in.get(1).kind() == Tensor.Kind.INT
          ? binary(in.get(0), in.get(1), (a, b) -> (double) ((long) a / (long) b), at)
          : binary(in.get(0), in.get(1), (a, b) -> a / b, at);
      case "Cast" -> in.get(0).withKind(castKind(attributes.integer("to", 1), at));
      case "Transpose" -> transpose(in.get(0), attributes.integers("perm"), at);
      case "Gather" -> gather(in.get(0), in.get(1), (int) attributes.integer("axis", 0), at);
      case "Unsqueeze" -> unsqueeze(in.get(0), axes(in, attributes, at), at);
      case "Squeeze" -> squeeze(in.get(0), axes(in, attributes, at), at);
      case "Concat" -> concat(in, (int) attributes.integer("axis", 0), at);
      case "Slice" -> slice(in, attributes, opset, at);
      case "Reshape" -> in.get(0).reshaped(reshapeTarget(in.get(0).dims(), in.get(1), at));
      case "Flatten" -> in.get(0).reshaped(flattened(in.get(0).dims(), (int) attributes.integer("axis", 1), at));
      case "Shape" -> shapeOf(in.get(0).dims(), attributes, false);
      case "ConstantOfShape" -> constantOfShape(in.get(0), attributes, at);
      case "BipolarQuant" -> binary(in.get(0), in.get(1), (x, s) -> (x >= 0 ? 1.0 : -1.0) * s, at);
      case "Quant", "IntQuant" -> QuantSpec.of(in, attributes, at).apply(in.get(0), at);
      default -> throw new IllegalArgumentException("not a constant op: " + op);
    };
  }

  static Tensor.Kind castKind(long to, NodeAt at) {
    return switch ((int) to) {
      case 1, 10, 11, 16 -> Tensor.Kind.FLOAT;
      case 2, 3, 4, 5, 6, 7, 12, 13 -> Tensor.Kind.INT;
      case 9 -> Tensor.Kind.BOOL;
      default -> throw at.error(ErrorCode.ONNX_DATA_TYPE, "Cast to data type " + to + " is not supported");
    };
  }

  static Tensor unary(Tensor x, DoubleUnaryOperator f) {
    double[] v = x.values();
    for (int i = 0; i < v.length; i++) {
      v[i] = f.applyAsDouble(v[i]);
    }
    return Tensor.of(x.kind(), x.dims(), v);
  }

  /** {@code f} element by element, with numpy broadcasting. */
  static Tensor binary(Tensor a, Tensor b, DoubleBinaryOperator f, NodeAt at) {
    long[] dims = broadcast(a.dims(), b.dims(), at);
    int n = (int) Tensor.elementCount(dims);
    double[] out = new double[n];
    int[] index = new int[dims.length];
    for (int i = 0; i < n; i++) {
      out[i] = f.applyAsDouble(a.get(sourceIndex(index, a.dims())), b.get(sourceIndex(index, b.dims())));
      increment(index, dims);
    }
    Tensor.Kind kind = a.kind() == Tensor.Kind.FLOAT || b.kind() == Tensor.Kind.FLOAT ? Tensor.Kind.FLOAT : a.kind();
    return Tensor.of(kind, dims, out);
  }

  static long[] broadcast(long[] a, long[] b, NodeAt at) {
    int rank = Math.max(a.length, b.length);
    long[] out = new long[rank];
    for (int i = 0; i < rank; i++) {
      long da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
      long db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
      if (da != db && da != 1 && db != 1) {
        throw at.error(ErrorCode.ONNX_SHAPE, "shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
            + " do not broadcast");
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }

  /** The flat index into a tensor of shape {@code dims} that broadcasts to output position {@code index}. */
  private static int sourceIndex(int[] index, long[] dims) {
    int offset = index.length - dims.length;
    int flat = 0;
    for (int i = 0; i < dims.length; i++) {
      int coordinate = dims[i] == 1 ? 0 : index[i + offset];
      flat = flat * (int) dims[i] + coordinate;
    }
    return flat;
  }

  private static void increment(int[] index, long[] dims) {
    for (int i = index.length - 1; i >= 0; i--) {
      if (++index[i] < dims[i]) {
        return;
      }
      index[i] = 0;
    }
  }

  private static int[] strides(long[] dims) {
    int[] strides = new int[dims.length];
    int s = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      strides[i] = s;
      s *= (int) dims[i];
    }
    return strides;
  }

  static Tensor transpose(Tensor x, long[] perm, NodeAt at) {
    long[] dims = x.dims();
    int rank = dims.length;
    int[] p = new int[rank];
    for (int i = 0; i < rank; i++) {
      p[i] = perm == null ? rank - 1 - i : (int) perm[i];
    }
    if (perm != null && perm.length != rank) {
      throw at.error(ErrorCode.ONNX_ATTRIBUTE, "perm " + Arrays.toString(perm) + " does not fit rank " + rank);
    }
    long[] out = new long[rank];
    for (int i = 0; i < rank; i++) {
      out[i] = dims[p[i]];
    }
    int[] inStrides = strides(dims);
    double[] values = new double[x.size()];
    int[] index = new int[rank];
    for (int i = 0; i < values.length; i++) {
      int source = 0;
      for (int k = 0; k < rank; k++) {
        source += index[k] * inStrides[p[k]];
      }
      values[i] = x.get(source);
      increment(index, out);
    }
    return Tensor.of(x.kind(), out, values);
  }

  static Tensor gather(Tensor data, Tensor indices, int axis, NodeAt at) {
    long[] dims = data.dims();
    if (axis < 0) {
      axis += dims.length;
    }
    if (axis < 0 || axis >= dims.length) {
      throw at.error(ErrorCode.ONNX_ATTRIBUTE, "Gather axis out of range for rank " + dims.length);
    }
    int outer = 1;
    for (int i = 0; i < axis; i++) {
      outer *= (int) dims[i];
    }
    int inner = 1;
    for (int i = axis + 1; i < dims.length; i++) {
      inner *= (int) dims[i];
    }
    long[] out = new long[dims.length - 1 + indices.rank()];
    System.arraycopy(dims, 0, out, 0, axis);
    System.arraycopy(indices.dims(), 0, out, axis, indices.rank());
    System.arraycopy(dims, axis + 1, out, axis + indices.rank(), dims.length - axis - 1);
    double[] values = new double[(int) Tensor.elementCount(out)];
    int k = 0;
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < indices.size(); i++) {
        long index = (long) indices.get(i);
        if (index < 0) {
          index += dims[axis];
        }
        if (index < 0 || index >= dims[axis]) {
          throw at.error(ErrorCode.ONNX_SHAPE, "Gather index " + (long) indices.get(i) + " out of range");
        }
        for (int r = 0; r < inner; r++) {
          values[k++] = data.get((int) ((o * dims[axis] + index) * inner + r));
        }
      }
    }
    return Tensor.of(data.kind(), out, values);
  }

  private static long[] axes(List<Tensor> in, Attributes attributes, NodeAt at) {
    if (in.size() > 1 && in.get(1) != null) {
      double[] v = in.get(1).values();
      return Arrays.stream(v).mapToLong(d -> (long) d).toArray();
    }
    return attributes.integers("axes");
  }

  static Tensor unsqueeze(Tensor x, long[] axes, NodeAt at) {
    if (axes == null) {
      throw at.error(ErrorCode.ONNX_ATTRIBUTE, "Unsqueeze without axes");
    }
    int rank = x.rank() + axes.length;
    boolean[] inserted = new boolean[rank];
    for (long a : axes) {
      inserted[(int) (a < 0 ? a + rank : a)] = true;
    }
    long[] dims = new long[rank];
    int k = 0;
    for (int i = 0; i < rank; i++) {
      dims[i] = inserted[i] ? 1 : x.dim(k++);
    }
    return x.reshaped(dims);
  }

  static Tensor squeeze(Tensor x, long[] axes, NodeAt at) {
    long[] dims = x.dims();
    boolean[] drop = new boolean[dims.length];
    for (int i = 0; i < dims.length; i++) {
      drop[i] = axes == null && dims[i] == 1;
    }
    if (axes != null) {
      for (long a : axes) {
        int axis = (int) (a < 0 ? a + dims.length : a);
        if (dims[axis] != 1) {
          throw at.error(ErrorCode.ONNX_SHAPE, "Squeeze of axis " + axis + " of size " + dims[axis]);
        }
        drop[axis] = true;
      }
    }
    List<Long> kept = new ArrayList<>();
    for (int i = 0; i < dims.length; i++) {
      if (!drop[i]) {
        kept.add(dims[i]);
      }
    }
    return x.reshaped(kept.stream().mapToLong(Long::longValue).toArray());
  }

  static Tensor concat(List<Tensor> in, int axis, NodeAt at) {
    long[] first = in.get(0).dims();
    if (axis < 0) {
      axis += first.length;
    }
    long[] out = first.clone();
    out[axis] = 0;
    for (Tensor t : in) {
      if (t.rank() != first.length) {
        throw at.error(ErrorCode.ONNX_SHAPE, "Concat of tensors of different ranks");
      }
      out[axis] += t.dim(axis);
    }
    int outer = 1;
    for (int i = 0; i < axis; i++) {
      outer *= (int) first[i];
    }
    List<Double> values = new ArrayList<>();
    for (int o = 0; o < outer; o++) {
      for (Tensor t : in) {
        int block = t.size() / Math.max(1, outer);
        for (int i = 0; i < block; i++) {
          values.add(t.get(o * block + i));
        }
      }
    }
    return Tensor.of(in.get(0).kind(), out, values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  static Tensor slice(List<Tensor> in, Attributes attributes, int opset, NodeAt at) {
    Tensor data = in.get(0);
    long[] starts;
    long[] ends;
    long[] axes;
    long[] steps = null;
    if (opset < 10) {
      starts = attributes.integers("starts");
      ends = attributes.integers("ends");
      axes = attributes.integers("axes");
    } else {
      starts = longs(in.get(1));
      ends = longs(in.get(2));
      axes = in.size() > 3 && in.get(3) != null ? longs(in.get(3)) : null;
      steps = in.size() > 4 && in.get(4) != null ? longs(in.get(4)) : null;
    }
    long[] dims = data.dims();
    long[] begin = new long[dims.length];
    long[] stop = dims.clone();
    long[] step = new long[dims.length];
    Arrays.fill(step, 1);
    for (int i = 0; i < starts.length; i++) {
      int axis = (int) (axes == null ? i : axes[i] < 0 ? axes[i] + dims.length : axes[i]);
      long s = steps == null ? 1 : steps[i];
      if (s == 0) {
        throw at.error(ErrorCode.ONNX_ATTRIBUTE, "Slice step 0");
      }
      step[axis] = s;
      long d = dims[axis];
      long b = starts[i] < 0 ? starts[i] + d : starts[i];
      long e = ends[i] < 0 ? ends[i] + d : ends[i];
      if (s > 0) {
        begin[axis] = Math.max(0, Math.min(d, b));
        stop[axis] = Math.max(0, Math.min(d, e));
      } else {
        begin[axis] = Math.max(-1, Math.min(d - 1, b));
        stop[axis] = Math.max(-1, Math.min(d - 1, e));
      }
    }
    long[] out = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      long span = step[i] > 0 ? stop[i] - begin[i] : begin[i] - stop[i];
      long magnitude = Math.abs(step[i]);
      out[i] = Math.max(0, (span + magnitude - 1) / magnitude);
    }
    int[] inStrides = strides(dims);
    double[] values = new double[(int) Tensor.elementCount(out)];
    int[] index = new int[dims.length];
    for (int k = 0; k < values.length; k++) {
      int source = 0;
      for (int i = 0; i < dims.length; i++) {
        source += (int) (begin[i] + index[i] * step[i]) * inStrides[i];
      }
      values[k] = data.get(source);
      increment(index, out);
    }
    return Tensor.of(data.kind(), out, values);
  }

  private static long[] longs(Tensor t) {
    return Arrays.stream(t.values()).mapToLong(d -> (long) d).toArray();
  }

  /**
   * The shape a {@code Reshape} to {@code target} gives a tensor of shape {@code dims}: 0 copies the
   * input's dimension, -1 takes what is left, and NaN (the batch, see {@link Tensor}) copies
   * dimension 0, which is the batch wherever the importer allows one.
   */
  static long[] reshapeTarget(long[] dims, Tensor target, NodeAt at) {
    long[] out = new long[target.size()];
    int infer = -1;
    long known = 1;
    for (int i = 0; i < out.length; i++) {
      double t = target.get(i);
      if (Double.isNaN(t)) {
        out[i] = dims[0];
      } else if (t == 0) {
        out[i] = dims[i];
      } else if (t == -1) {
        if (infer >= 0) {
          throw at.error(ErrorCode.ONNX_SHAPE, "Reshape target has two -1 entries");
        }
        infer = i;
        continue;
      } else {
        out[i] = (long) t;
      }
      known *= out[i];
    }
    long total = Tensor.elementCount(dims);
    if (infer >= 0) {
      if (known == 0 || total % known != 0) {
        throw at.error(ErrorCode.ONNX_SHAPE, "cannot reshape " + Arrays.toString(dims) + " to " + target);
      }
      out[infer] = total / known;
    }
    if (Tensor.elementCount(out) != total) {
      throw at.error(ErrorCode.ONNX_SHAPE, "cannot reshape " + Arrays.toString(dims) + " to " + Arrays.toString(out));
    }
    return out;
  }

  static long[] flattened(long[] dims, int axis, NodeAt at) {
    if (axis < 0) {
      axis += dims.length;
    }
    if (axis < 0 || axis > dims.length) {
      throw at.error(ErrorCode.ONNX_ATTRIBUTE, "Flatten axis out of range");
    }
    long outer = 1;
    for (int i = 0; i < axis; i++) {
      outer *= dims[i];
    }
    return new long[] {outer, Tensor.elementCount(dims) / Math.max(1, outer)};
  }

  /** The shape of a tensor as a 1-D int tensor; {@code batchFirst} writes dimension 0 as the batch (NaN). */
  static Tensor shapeOf(long[] dims, Attributes attributes, boolean batchFirst) {
    int rank = dims.length;
    long start = attributes.integer("start", 0);
    long end = attributes.integer("end", rank);
    start = Math.max(0, Math.min(rank, start < 0 ? start + rank : start));
    end = Math.max(0, Math.min(rank, end < 0 ? end + rank : end));
    double[] values = new double[(int) Math.max(0, end - start)];
    for (int i = 0; i < values.length; i++) {
      int axis = (int) start + i;
      values[i] = batchFirst && axis == 0 ? Double.NaN : dims[axis];
    }
    return Tensor.vector(Tensor.Kind.INT, values);
  }

  /** A filled tensor; a batch dimension (NaN) becomes 1, which broadcasts over every batch. */
  private static Tensor constantOfShape(Tensor shape, Attributes attributes, NodeAt at) {
    long[] dims = Arrays.stream(shape.values()).mapToLong(d -> Double.isNaN(d) ? 1 : (long) d).toArray();
    double value = 0;
    Tensor.Kind kind = Tensor.Kind.FLOAT;
    var raw = attributes.raw("value");
    if (raw != null) {
      Tensor t = Tensors.read(raw.getT(), at);
      value = t.get(0);
      kind = t.kind();
    }
    double[] values = new double[(int) Tensor.elementCount(dims)];
    Arrays.fill(values, value);
    return Tensor.of(kind, dims, values);
  }
}
