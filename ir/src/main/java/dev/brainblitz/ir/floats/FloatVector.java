package dev.brainblitz.ir.floats;

import java.util.Arrays;

/** An immutable vector of doubles: one parameter per neuron (a bias, a batch-norm gamma, ...). */
public final class FloatVector {
  private final double[] values;

  private FloatVector(double[] values) {
    this.values = values;
  }

  public static FloatVector of(double... values) {
    return new FloatVector(values.clone());
  }

  /** {@code size} copies of {@code value}. */
  public static FloatVector filled(int size, double value) {
    double[] values = new double[size];
    Arrays.fill(values, value);
    return new FloatVector(values);
  }

  public int size() {
    return values.length;
  }

  public double get(int index) {
    return values[index];
  }

  /** A copy of the values. */
  public double[] toArray() {
    return values.clone();
  }

  /** Equal when every value has the same bits: NaN equals NaN, 0.0 differs from -0.0. */
  @Override
  public boolean equals(Object other) {
    return other instanceof FloatVector that && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return values.length <= 8 ? Arrays.toString(values) : "FloatVector[" + values.length + "]";
  }
}
