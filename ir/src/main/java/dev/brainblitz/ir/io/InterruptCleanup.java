package dev.brainblitz.ir.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Removes the staging files and the directories of {@link AtomicFiles} writes in progress when the
 * JVM shuts down before they finish (SIGINT, SIGTERM, {@code System.exit} from another thread): one
 * shutdown hook, registered on first use, deletes every path still watched, deepest first.
 */
final class InterruptCleanup {
  private static final Set<Set<Path>> WATCHED = ConcurrentHashMap.newKeySet();
  private static volatile boolean hooked;

  private InterruptCleanup() {}

  /** Watches {@code paths} (filled by the caller as it creates them) until {@link #forget}. */
  static void watch(Set<Path> paths) {
    hook();
    WATCHED.add(paths);
  }

  static void forget(Set<Path> paths) {
    WATCHED.remove(paths);
  }

  private static synchronized void hook() {
    if (hooked) {
      return;
    }
    hooked = true;
    Runtime.getRuntime().addShutdownHook(new Thread(InterruptCleanup::cleanUp, "blitz-cleanup"));
  }

  /** Deletes every watched path, files before the directories holding them. */
  static void cleanUp() {
    List<Path> paths = new ArrayList<>();
    for (Set<Path> set : WATCHED) {
      paths.addAll(set);
    }
    paths.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    paths.forEach(AtomicFiles::deleteQuietly);
  }
}
