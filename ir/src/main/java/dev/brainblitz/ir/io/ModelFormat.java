package dev.brainblitz.ir.io;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The two lossless file forms of a model, told apart by file extension. */
public enum ModelFormat {
  /** The readable text form, {@code .bil}. */
  TEXT(".bil"),
  /** The JSON form, {@code .json}. */
  JSON(".json");

  private final String extension;

  ModelFormat(String extension) {
    this.extension = extension;
  }

  public String extension() {
    return extension;
  }

  public static Optional<ModelFormat> of(Path path) {
    String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
    for (ModelFormat format : values()) {
      if (name.endsWith(format.extension)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }
}
