package dev.brainblitz.ir.exec;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of executors, immutable, changed with {@code withX} methods: what any executor may use (a
 * work directory) and one typed record per backend ({@link Backend}, e.g. hdlgen's
 * {@code RtlOptions}), built once by the front end that parsed the user's options. A provider reads
 * its own record with {@link #get} and falls back to its defaults when there is none; nothing is
 * passed as text to be parsed again.
 */
public record ExecutorOptions(Optional<Path> workDirectory, Map<Class<? extends Backend>, Backend> backends) {
  /** The settings of one backend: a backend declares one record implementing this. */
  public interface Backend {}

  public static final ExecutorOptions DEFAULTS = new ExecutorOptions(Optional.empty(), Map.of());

  public ExecutorOptions {
    for (var entry : backends.entrySet()) {
      if (!entry.getKey().isInstance(entry.getValue())) {
        throw new IllegalArgumentException(entry.getValue() + " filed under " + entry.getKey().getName());
      }
    }
    backends = Map.copyOf(backends);
  }

  public ExecutorOptions withWorkDirectory(Path directory) {
    return new ExecutorOptions(Optional.of(directory), backends);
  }

  /** These options with {@code options} for its backend, replacing any earlier ones of its type. */
  public ExecutorOptions with(Backend options) {
    var copy = new HashMap<>(backends);
    copy.put(options.getClass(), options);
    return new ExecutorOptions(workDirectory, copy);
  }

  /** The options of type {@code type}, when given. */
  public <T extends Backend> Optional<T> get(Class<T> type) {
    return Optional.ofNullable(type.cast(backends.get(type)));
  }
}
