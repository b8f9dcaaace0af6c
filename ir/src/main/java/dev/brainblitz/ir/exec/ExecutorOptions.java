package dev.brainblitz.ir.exec;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Settings shared by every executor, immutable, changed with {@code withX} methods. Backend
 * specific settings go in {@link #extra()} under the backend's prefix (e.g. {@code rtl.stalls}).
 */
public record ExecutorOptions(Optional<Path> workDirectory, Map<String, String> extra) {
  public static final ExecutorOptions DEFAULTS = new ExecutorOptions(Optional.empty(), Map.of());

  public ExecutorOptions {
    extra = Map.copyOf(extra);
  }

  public ExecutorOptions withWorkDirectory(Path directory) {
    return new ExecutorOptions(Optional.of(directory), extra);
  }

  public ExecutorOptions with(String key, String value) {
    var copy = new java.util.TreeMap<>(extra);
    copy.put(key, value);
    return new ExecutorOptions(workDirectory, copy);
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(extra.get(key));
  }
}
