package dev.brainblitz.ir.passes;

import java.util.List;
import java.util.Optional;

/** Every {@link ModelPass}, by name: the one list pipelines and the command line choose from. */
public final class Passes {
  private static final List<ModelPass> ALL = List.of(new RemoveDeadNeurons());

  private Passes() {}

  public static List<ModelPass> all() {
    return ALL;
  }

  public static Optional<ModelPass> named(String name) {
    return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
