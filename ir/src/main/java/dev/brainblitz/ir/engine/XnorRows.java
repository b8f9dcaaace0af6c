package dev.brainblitz.ir.engine;

import dev.brainblitz.ir.BitMatrix;

/**
 * The weights of a layer that reads a bipolar vector, packed 64 columns per {@code long}, row after
 * row: column c of row r is bit (c mod 64) of word {@code r * wordsPerRow + c / 64}. Bits past the
 * last column are 0.
 */
final class XnorRows {
  private final int inputs;
  private final int wordsPerRow;
  private final long[] words;

  private XnorRows(int inputs, int wordsPerRow, long[] words) {
    this.inputs = inputs;
    this.wordsPerRow = wordsPerRow;
    this.words = words;
  }

  static XnorRows of(BitMatrix weights) {
    int perRow = longsFor(weights.columns());
    long[] words = new long[weights.rows() * perRow];
    for (int r = 0; r < weights.rows(); r++) {
      for (int i = 0; i < weights.wordsPerRow(); i++) {
        // Two little-endian 32-bit words make one little-endian 64-bit word.
        long word = weights.word(r, i) & 0xFFFF_FFFFL;
        words[r * perRow + (i >>> 1)] |= word << (32 * (i & 1));
      }
    }
    return new XnorRows(weights.columns(), perRow, words);
  }

  /** The number of longs that hold {@code bits} bits. */
  static int longsFor(int bits) {
    return (bits + 63) >>> 6;
  }

  int inputs() {
    return inputs;
  }

  int wordsPerRow() {
    return wordsPerRow;
  }

  /**
   * popcount(XNOR(x, row)): the number of the {@link #inputs()} positions where input and weight
   * agree. {@code x} must hold {@link #wordsPerRow()} words with its padding bits 0; since the row's
   * are 0 too, padding never differs, so counting differences over whole words and subtracting from
   * the input count needs no mask.
   */
  int agreements(long[] x, int row) {
    int base = row * wordsPerRow;
    int differ = 0;
    for (int i = 0; i < wordsPerRow; i++) {
      differ += Long.bitCount(x[i] ^ words[base + i]);
    }
    return inputs - differ;
  }
}
