package dev.brainblitz.ir;

import java.util.Arrays;

/**
 * An immutable matrix of bits: one row per output neuron, one column per input element. Bit 1 is
 * the weight +1 and bit 0 is -1.
 *
 * <p>Each row is packed little-endian into 32-bit words, exactly as the IL packs vectors: column c
 * is bit (c mod 32) of word (c div 32). The unused high bits of a row's last word are always 0.
 */
public final class BitMatrix {
  private final int rows;
  private final int columns;
  private final int wordsPerRow;
  private final int[] words;

  private BitMatrix(int rows, int columns, int[] words) {
    this.rows = rows;
    this.columns = columns;
    this.wordsPerRow = wordsFor(columns);
    this.words = words;
  }

  /** The number of 32-bit words that hold {@code bits} bits. */
  public static int wordsFor(int bits) {
    return (bits + 31) >>> 5;
  }

  /** The mask of the valid bits of the last word of a vector of {@code bits} bits. */
  public static int lastWordMask(int bits) {
    int used = bits & 31;
    return used == 0 ? -1 : (1 << used) - 1;
  }

  /**
   * A matrix from packed rows. Every row must have {@link #wordsFor(int) wordsFor(columns)} words
   * and clear padding bits; callers that read user input check both first and report a diagnostic.
   */
  public static BitMatrix fromPackedRows(int columns, int[][] packedRows) {
    checkShape(packedRows.length, columns);
    int perRow = wordsFor(columns);
    int[] words = new int[packedRows.length * perRow];
    for (int r = 0; r < packedRows.length; r++) {
      int[] row = packedRows[r];
      if (row.length != perRow) {
        throw new IllegalArgumentException(
            "row " + r + " has " + row.length + " words, expected " + perRow);
      }
      if ((row[perRow - 1] & ~lastWordMask(columns)) != 0) {
        throw new IllegalArgumentException("row " + r + " has padding bits set");
      }
      System.arraycopy(row, 0, words, r * perRow, perRow);
    }
    return new BitMatrix(packedRows.length, columns, words);
  }

  /** A matrix from one boolean per weight, {@code bits[row][column]}, true meaning +1. */
  public static BitMatrix fromBits(boolean[][] bits) {
    if (bits.length == 0) {
      throw new IllegalArgumentException("a bit matrix needs at least one row");
    }
    int columns = bits[0].length;
    checkShape(bits.length, columns);
    int perRow = wordsFor(columns);
    int[] words = new int[bits.length * perRow];
    for (int r = 0; r < bits.length; r++) {
      if (bits[r].length != columns) {
        throw new IllegalArgumentException("ragged rows: row " + r + " has " + bits[r].length);
      }
      for (int c = 0; c < columns; c++) {
        if (bits[r][c]) {
          words[r * perRow + (c >>> 5)] |= 1 << (c & 31);
        }
      }
    }
    return new BitMatrix(bits.length, columns, words);
  }

  private static void checkShape(int rows, int columns) {
    if (rows < 1 || columns < 1) {
      throw new IllegalArgumentException("a bit matrix needs rows and columns >= 1: " + rows + "x" + columns);
    }
  }

  public int rows() {
    return rows;
  }

  public int columns() {
    return columns;
  }

  public int wordsPerRow() {
    return wordsPerRow;
  }

  /** The weight at (row, column): true for +1, false for -1. */
  public boolean get(int row, int column) {
    if (row < 0 || row >= rows || column < 0 || column >= columns) {
      throw new IndexOutOfBoundsException("(" + row + ", " + column + ") in " + rows + "x" + columns);
    }
    return ((words[row * wordsPerRow + (column >>> 5)] >>> (column & 31)) & 1) != 0;
  }

  /** Word {@code index} of row {@code row}, packed as the class comment describes. */
  public int word(int row, int index) {
    if (row < 0 || row >= rows || index < 0 || index >= wordsPerRow) {
      throw new IndexOutOfBoundsException("word " + index + " of row " + row);
    }
    return words[row * wordsPerRow + index];
  }

  /** A copy of one row's packed words. */
  public int[] row(int row) {
    if (row < 0 || row >= rows) {
      throw new IndexOutOfBoundsException("row " + row + " of " + rows);
    }
    return Arrays.copyOfRange(words, row * wordsPerRow, (row + 1) * wordsPerRow);
  }

  /** The number of +1 weights in a row. */
  public int onesInRow(int row) {
    int count = 0;
    for (int i = 0; i < wordsPerRow; i++) {
      count += Integer.bitCount(words[row * wordsPerRow + i]);
    }
    return count;
  }

  /** A new matrix holding the given rows, in the given order. */
  public BitMatrix selectRows(int[] keep) {
    checkShape(keep.length, columns);
    int[] out = new int[keep.length * wordsPerRow];
    for (int i = 0; i < keep.length; i++) {
      System.arraycopy(words, keep[i] * wordsPerRow, out, i * wordsPerRow, wordsPerRow);
    }
    return new BitMatrix(keep.length, columns, out);
  }

  /** A new matrix holding the given columns, in the given order. */
  public BitMatrix selectColumns(int[] keep) {
    checkShape(rows, keep.length);
    boolean[][] bits = new boolean[rows][keep.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < keep.length; c++) {
        bits[r][c] = get(r, keep[c]);
      }
    }
    return fromBits(bits);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BitMatrix that
        && rows == that.rows
        && columns == that.columns
        && Arrays.equals(words, that.words);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + columns) + Arrays.hashCode(words);
  }

  @Override
  public String toString() {
    return "BitMatrix[" + rows + "x" + columns + "]";
  }
}
