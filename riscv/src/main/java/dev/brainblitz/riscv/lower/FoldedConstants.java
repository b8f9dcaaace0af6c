package dev.brainblitz.riscv.lower;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.ThresholdTable;
import dev.brainblitz.ir.exec.ExecutorUnavailableException;

/**
 * What is folded into .rodata at generation time. A layer's raw count (what the popcount steps
 * produce) relates to the IL accumulator as acc = alpha * raw + beta with alpha = +-1; a neuron whose
 * threshold is {@code le} is stored with its row complemented, so that every neuron fires when its
 * (new) accumulator reaches its (new) threshold, and one 32-bit constant K per neuron remains.
 */
final class FoldedConstants {
  private FoldedConstants() {}

  /** The stored weight row of neuron j: complemented over the valid bits when its threshold is {@code le}. */
  static int[] storedRow(BitMatrix w, ThresholdTable th, int j) {
    int[] row = w.row(j);
    if (th != null && th.direction(j) == Direction.LE) {
      int n = w.columns();
      for (int k = 0; k < row.length; k++) {
        int valid = k == row.length - 1 ? BitMatrix.lastWordMask(n) : -1;
        row[k] = ~row[k] & valid;
      }
    }
    return row;
  }

  /** The threshold after complementing an {@code le} row: the neuron fires when acc' >= it. */
  static long flippedThreshold(ThresholdTable th, int j, long negatedAccOffset) {
    long t = th.threshold(j);
    return th.direction(j) == Direction.LE ? negatedAccOffset - t : t;
  }

  /**
   * The constant of neuron j's epilogue. Hidden: fire = slt(K, raw) when alpha = +1, slt(raw, K)
   * when alpha = -1. Scores: score = raw + K, or K - raw.
   */
  static int constant(boolean alphaPositive, long beta, Long threshold, long bias) {
    long k;
    if (threshold != null) {
      k = alphaPositive ? threshold - beta - 1 : beta - threshold + 1;
    } else {
      k = beta + bias;
    }
    if (k != (int) k) {
      throw new ExecutorUnavailableException("a folded constant " + k + " does not fit 32 bits");
    }
    return (int) k;
  }

  /**
   * The order in which the neurons of a layer writing threshold bits into words are computed and
   * their data stored: word by word, each from its highest neuron down, so that after the shifts
   * ({@link KernelContext#shiftInThresholdBit}) neuron j ends in bit j mod 32 of word j / 32.
   */
  static int[] shiftOrder(int rows) {
    int[] order = new int[rows];
    int i = 0;
    for (int first = 0; first < rows; first += 32) {
      for (int j = Math.min(rows, first + 32) - 1; j >= first; j--) {
        order[i++] = j;
      }
    }
    return order;
  }
}
