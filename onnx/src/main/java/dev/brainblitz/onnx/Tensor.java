package dev.brainblitz.onnx;

import java.util.Arrays;

/**
 * A constant tensor the importer has read or computed: an element type, a shape and its values in
 * row-major order, held as doubles (every float32 and every int64 the importer meets as a shape or
 * index fits exactly). A shape tensor computed from the data's shape holds {@code NaN} where the
 * batch dimension, unknown until run time, stands; arithmetic keeps it NaN, so a reshape can tell
 * "the batch" from a fixed size. Immutable.
 */
final class Tensor {
  /** What the values mean. */
  enum Kind {
    FLOAT,
    INT,
    BOOL
  }

  private final Kind kind;
  private final long[] dims;
  private final double[] values;

  private Tensor(Kind kind, long[] dims, double[] values) {
    this.kind = kind;
    this.dims = dims;
    this.values = values;
  }

  static Tensor of(Kind kind, long[] dims, double[] values) {
    if (elementCount(dims) != values.length) {
      throw new IllegalArgumentException(values.length + " values for shape " + Arrays.toString(dims));
    }
    return new Tensor(kind, dims.clone(), values.clone());
  }

  static Tensor scalar(Kind kind, double value) {
    return new Tensor(kind, new long[0], new double[] {value});
  }

  static Tensor vector(Kind kind, double... values) {
    return new Tensor(kind, new long[] {values.length}, values.clone());
  }

  static long elementCount(long[] dims) {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return n;
  }

  Kind kind() {
    return kind;
  }

  long[] dims() {
    return dims.clone();
  }

  int rank() {
    return dims.length;
  }

  long dim(int axis) {
    return dims[axis];
  }

  int size() {
    return values.length;
  }

  double get(int index) {
    return values[index];
  }

  double[] values() {
    return values.clone();
  }

  Tensor withKind(Kind newKind) {
    double[] converted = values.clone();
    for (int i = 0; i < converted.length; i++) {
      converted[i] = switch (newKind) {
        case FLOAT -> converted[i];
        case INT -> Double.isNaN(converted[i]) ? converted[i] : (double) (long) converted[i];
        case BOOL -> converted[i] != 0 ? 1 : 0;
      };
    }
    return new Tensor(newKind, dims, converted);
  }

  Tensor reshaped(long[] newDims) {
    return of(kind, newDims, values);
  }

  /**
   * The values of a per-neuron parameter for {@code neurons} neurons: a scalar or a one-element
   * tensor (the same value for all), or a tensor whose shape is {@code [neurons]} with any number
   * of leading 1s (e.g. {@code [1, neurons]}, how a bias broadcasts against {@code [batch, n]}).
   * Null when the shape fits neither.
   */
  double[] perNeuron(int neurons) {
    if (values.length == 1) {
      double[] all = new double[neurons];
      Arrays.fill(all, values[0]);
      return all;
    }
    if (dims.length == 0 || dims[dims.length - 1] != neurons || values.length != neurons) {
      return null;
    }
    return values.clone();
  }

  /** Whether every value is the same (then the tensor acts as a scalar under broadcasting). */
  boolean isUniform() {
    for (double v : values) {
      if (Double.compare(v, values[0]) != 0) {
        return false;
      }
    }
    return values.length > 0;
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + Arrays.toString(dims);
  }
}
