package dev.brainblitz.farm;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The Pareto front of sweep points, within groups (a device, a timing model): a point is on it
 * when no other point of its group is at least as good on both costs and strictly better on one.
 * Both costs are "lower is better"; negate a figure where higher is better (frames per second).
 */
final class ParetoFront {
  private ParetoFront() {}

  /** For each point, in order, whether it is on its group's front. */
  static <P> boolean[] of(List<P> points, Function<P, ?> group, ToDoubleFunction<P> costA, ToDoubleFunction<P> costB) {
    boolean[] front = new boolean[points.size()];
    for (int i = 0; i < front.length; i++) {
      P p = points.get(i);
      double a = costA.applyAsDouble(p);
      double b = costB.applyAsDouble(p);
      front[i] = points.stream().noneMatch(q -> q != p && Objects.equals(group.apply(q), group.apply(p))
          && costA.applyAsDouble(q) <= a && costB.applyAsDouble(q) <= b
          && (costA.applyAsDouble(q) < a || costB.applyAsDouble(q) < b));
    }
    return front;
  }
}
