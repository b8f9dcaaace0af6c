package dev.brainblitz.farm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;

/**
 * The greedy reduction steps that {@link Shrinker} and {@link MapShrinker} share, written once over
 * any kind of case: keep one vector, drop chunks of units (neurons, channels, classes, inputs) of
 * halving size as in delta debugging, set vector elements to 0. Each step keeps a smaller case only
 * while {@code fails} holds for it and stops when {@code budgetLeft} says no evaluation is left.
 * A step returns its argument itself when nothing got smaller, so callers detect progress by identity.
 */
final class Reduction {
  private Reduction() {}

  /** The first single vector of {@code vectors} that still fails on its own, or {@code vectors}. */
  static List<int[]> oneVector(List<int[]> vectors, Predicate<List<int[]>> fails, BooleanSupplier budgetLeft) {
    for (int[] one : vectors) {
      if (!budgetLeft.getAsBoolean()) {
        break;
      }
      if (fails.test(List.of(one))) {
        return List.of(one);
      }
    }
    return vectors;
  }

  /**
   * {@code start} with chunks of its {@code units} removed while it fails: chunks of half the units,
   * then a quarter, down to single units, each tried at every position. {@code keeping(c, keep)} is
   * case {@code c} with only units {@code keep} (ascending), or null when that is no case at all.
   */
  static <T> T dropChunks(T start, ToIntFunction<T> units, BiFunction<T, int[], T> keeping, Predicate<T> fails,
      BooleanSupplier budgetLeft) {
    T current = start;
    for (int chunk = units.applyAsInt(current) / 2; chunk >= 1; chunk /= 2) {
      for (int from = 0; from < units.applyAsInt(current) && budgetLeft.getAsBoolean(); ) {
        int[] keep = without(units.applyAsInt(current), from, chunk);
        T candidate = keep.length == 0 ? null : keeping.apply(current, keep);
        if (candidate != null && fails.test(candidate)) {
          current = candidate;
        } else {
          from += chunk;
        }
      }
    }
    return current;
  }

  /** {@code vectors} with each nonzero element, in order, set to 0 where the case still fails. */
  static List<int[]> zeroElements(List<int[]> vectors, Predicate<List<int[]>> fails, BooleanSupplier budgetLeft) {
    List<int[]> current = vectors;
    for (int v = 0; v < current.size(); v++) {
      for (int i = 0; i < current.get(v).length && budgetLeft.getAsBoolean(); i++) {
        if (current.get(v)[i] == 0) {
          continue;
        }
        List<int[]> candidate = new ArrayList<>(current);
        int[] simpler = current.get(v).clone();
        simpler[i] = 0;
        candidate.set(v, simpler);
        if (fails.test(candidate)) {
          current = List.copyOf(candidate);
        }
      }
    }
    return current;
  }

  /** {@code 0..n-1} without {@code [from, from + count)}. */
  static int[] without(int n, int from, int count) {
    return IntStream.range(0, n).filter(i -> i < from || i >= from + count).toArray();
  }
}
