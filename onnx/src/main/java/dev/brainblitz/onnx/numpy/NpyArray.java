package dev.brainblitz.onnx.numpy;

import java.util.Arrays;

/**
 * One array of a {@code .npy} file: its shape and its values in C (row-major) order, as doubles
 * (every element type the reader accepts converts to double exactly). Immutable.
 */
public final class NpyArray {
  private final long[] shape;
  private final double[] values;

  NpyArray(long[] shape, double[] values) {
    this.shape = shape.clone();
    this.values = values.clone();
  }

  public long[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  public int size() {
    return values.length;
  }

  public double get(int index) {
    return values[index];
  }

  public double[] values() {
    return values.clone();
  }

  /** The rows of a 2-D array. */
  public double[][] rows() {
    int columns = (int) shape[1];
    double[][] rows = new double[(int) shape[0]][];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = Arrays.copyOfRange(values, r * columns, (r + 1) * columns);
    }
    return rows;
  }

  @Override
  public String toString() {
    return "NpyArray" + Arrays.toString(shape);
  }
}
