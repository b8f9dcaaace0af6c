package dev.brainblitz.ir.faults;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;

/**
 * Transient faults on the input: the vector of index v (its position in the run, from 0) with the
 * bits drawn in stream (seed, input, 0, v) inverted, bit b of u8 element i being position
 * {@code i * 8 + b} and bipolar element i position i. Applied to the vectors before any executor
 * sees them, so every target gets the same faulty inputs.
 */
public final class InputFaults {
  private InputFaults() {}

  /** {@code vector} as the faults of {@code spec} make it for index {@code index}. */
  public static InputVector apply(FaultSpec spec, InputVector vector, long index) {
    double rate = spec.rate(FaultClass.INPUT);
    if (rate == 0) {
      return vector;
    }
    int bits = vector.kind() == InputKind.U8 ? 8 : 1;
    int[] elements = new int[vector.size()];
    for (int i = 0; i < elements.length; i++) {
      elements[i] = vector.element(i);
    }
    FaultDraws draws = FaultDraws.of(spec.seed(), FaultClass.INPUT, 0, index, rate, (long) elements.length * bits);
    for (long p = draws.next(); p >= 0; p = draws.next()) {
      int i = (int) (p / bits);
      elements[i] ^= 1 << (int) (p % bits);
    }
    return InputVector.of(vector.kind(), elements);
  }

  /** Every vector of {@code vectors} with its faults, index = position in the list. */
  public static java.util.List<InputVector> apply(FaultSpec spec, java.util.List<InputVector> vectors) {
    if (spec.rate(FaultClass.INPUT) == 0) {
      return vectors;
    }
    java.util.List<InputVector> out = new java.util.ArrayList<>(vectors.size());
    for (int i = 0; i < vectors.size(); i++) {
      out.add(apply(spec, vectors.get(i), i));
    }
    return out;
  }
}
