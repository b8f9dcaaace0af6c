package dev.brainblitz.farm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brainblitz.ir.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only results file of a farm run: one JSON object a line, written and flushed as each job
 * finishes, so a run that is stopped keeps everything that finished. Started empty for each run;
 * lines are in finishing order. Safe to call from Hazelcast's callback threads.
 */
public final class JsonLines implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final BufferedWriter out;

  private JsonLines(Path file, BufferedWriter out) {
    this.file = file;
    this.out = out;
  }

  /**
   * Opens {@code file} empty (creating its directory). A file that cannot be written is a user
   * error (BIL092, exit 1): a path through an existing file, a read-only directory.
   */
  public static JsonLines create(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    for (Path dir = parent; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw AtomicFiles.unwritable(file, "'" + dir + "' exists and is not a directory");
      }
    }
    try {
      Files.createDirectories(parent);
      return new JsonLines(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
    } catch (IOException e) {
      throw AtomicFiles.unwritable(file, String.valueOf(e.getMessage()));
    }
  }

  public Path file() {
    return file;
  }

  /** Appends {@code value} (a map or a record, as Jackson writes it) as one line and flushes. */
  public synchronized void append(Object value) {
    try {
      out.write(JSON.writeValueAsString(value));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }
}
