package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.BitMatrix;
import java.math.BigInteger;

/**
 * The order of an engine's weights in its memory, whatever the memory style: word nf * SF + sf
 * holds every PE's SIMD weights of issue (nf, sf), PE p at bits [p * SIMD +: SIMD], the weight of
 * neuron nf * PE + p for input element sf * SIMD + i at bit i of PE p's field. Beyond the layer
 * (padding neurons, padding inputs) the weight is 1, against padding inputs of 0: nothing is added.
 */
final class WeightLayout {
  private WeightLayout() {}

  static BigInteger[] words(BitMatrix weights, EngineShape shape) {
    int pe = shape.pe();
    int simd = shape.simd();
    int sf = shape.inputFolds();
    BigInteger[] words = new BigInteger[shape.issues()];
    for (int n = 0; n < shape.neuronFolds(); n++) {
      for (int s = 0; s < sf; s++) {
        BigInteger word = BigInteger.ZERO;
        for (int p = pe - 1; p >= 0; p--) {
          word = word.shiftLeft(simd).or(field(weights, n * pe + p, s * simd, simd));
        }
        words[n * sf + s] = word;
      }
    }
    return words;
  }

  /** Bits [from, from + count) of a weight row, padded with 1 beyond the row. */
  private static BigInteger field(BitMatrix weights, int row, int from, int count) {
    BigInteger word = BigInteger.ZERO;
    for (int i = 0; i < count; i++) {
      int column = from + i;
      boolean one = row >= weights.rows() || column >= weights.columns() || weights.get(row, column);
      if (one) {
        word = word.setBit(i);
      }
    }
    return word;
  }
}
