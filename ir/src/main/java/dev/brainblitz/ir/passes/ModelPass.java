package dev.brainblitz.ir.passes;

import dev.brainblitz.ir.Network;

/**
 * A transformation of a network into an equivalent network: for every input, the golden model's
 * scores and class are unchanged. Passes are pure (they never change their argument; a network is
 * immutable anyway) and describe themselves, so {@link Passes} documents the set. The argument is
 * valid by its type; a pass that builds a new model has {@code ModelValidator} turn it into the
 * result, so what it returns is valid too.
 */
public interface ModelPass {
  /** The pass's name as pipelines and the command line spell it, e.g. {@code remove-dead-neurons}. */
  String name();

  /** One line saying what the pass does. */
  String summary();

  /** The transformed network ({@code network} itself when the pass changes nothing). */
  Network apply(Network network);
}
