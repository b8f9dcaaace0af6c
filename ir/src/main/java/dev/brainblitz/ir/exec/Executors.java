package dev.brainblitz.ir.exec;

import dev.brainblitz.ir.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the executor for a target name among the providers on the class path. */
public final class Executors {
  private Executors() {}

  public static List<ExecutorProvider> providers() {
    var found = new ArrayList<ExecutorProvider>();
    ServiceLoader.load(ExecutorProvider.class, Executors.class.getClassLoader()).forEach(found::add);
    found.sort(java.util.Comparator.comparing(p -> p.getClass().getName()));
    return found;
  }

  /** Every target pattern some provider accepts, for help texts. */
  public static List<String> knownTargets() {
    var targets = new ArrayList<String>();
    for (ExecutorProvider provider : providers()) {
      targets.addAll(provider.targets());
    }
    return targets;
  }

  public static Executor create(String target, Network network, ExecutorOptions options) {
    for (ExecutorProvider provider : providers()) {
      if (provider.accepts(target)) {
        return provider.create(target, network, options);
      }
    }
    throw new ExecutorUnavailableException(
        "unknown target '" + target + "'; known targets: " + String.join(", ", knownTargets()));
  }
}
