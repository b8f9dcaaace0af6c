package dev.brainblitz.ir.passes;

import dev.brainblitz.ir.Model;

/**
 * A transformation of a valid model into an equivalent valid model: for every input, the golden
 * model's scores and class are unchanged. Passes are pure (they never change their argument; a
 * model is immutable anyway) and describe themselves, so {@link Passes} documents the set.
 */
public interface ModelPass {
  /** The pass's name as pipelines and the command line spell it, e.g. {@code remove-dead-neurons}. */
  String name();

  /** One line saying what the pass does. */
  String summary();

  /**
   * The transformed model. Throws {@link dev.brainblitz.ir.diag.DiagnosticException} when
   * {@code model} is not valid.
   */
  Model apply(Model model);
}
