package dev.brainblitz.ir.floats;

import java.util.Arrays;

/** An immutable matrix of doubles, one row per output neuron and one column per input element. */
public final class FloatMatrix {
  private final int rows;
  private final int columns;
  private final double[] values;

  private FloatMatrix(int rows, int columns, double[] values) {
    this.rows = rows;
    this.columns = columns;
    this.values = values;
  }

  /** A matrix from its rows, which must all have the same, non-zero length; at least one row. */
  public static FloatMatrix of(double[][] rows) {
    if (rows.length == 0 || rows[0].length == 0) {
      throw new IllegalArgumentException("a float matrix needs at least one row and one column");
    }
    int columns = rows[0].length;
    double[] values = new double[rows.length * columns];
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != columns) {
        throw new IllegalArgumentException("ragged rows: row " + r + " has " + rows[r].length + ", row 0 has " + columns);
      }
      System.arraycopy(rows[r], 0, values, r * columns, columns);
    }
    return new FloatMatrix(rows.length, columns, values);
  }

  public int rows() {
    return rows;
  }

  public int columns() {
    return columns;
  }

  public double get(int row, int column) {
    if (row < 0 || row >= rows || column < 0 || column >= columns) {
      throw new IndexOutOfBoundsException("(" + row + ", " + column + ") in " + rows + "x" + columns);
    }
    return values[row * columns + column];
  }

  /** A copy of one row. */
  public double[] row(int row) {
    if (row < 0 || row >= rows) {
      throw new IndexOutOfBoundsException("row " + row + " of " + rows);
    }
    return Arrays.copyOfRange(values, row * columns, (row + 1) * columns);
  }

  /** A copy of all rows. */
  public double[][] toArray() {
    double[][] copy = new double[rows][];
    for (int r = 0; r < rows; r++) {
      copy[r] = row(r);
    }
    return copy;
  }

  /** Equal when every value has the same bits (see {@link FloatVector#equals}). */
  @Override
  public boolean equals(Object other) {
    return other instanceof FloatMatrix that && rows == that.rows && columns == that.columns
        && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + columns) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "FloatMatrix[" + rows + "x" + columns + "]";
  }
}
