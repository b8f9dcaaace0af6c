package dev.brainblitz.cli;

import dev.brainblitz.examples.Examples;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.io.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model named on the command line: a {@code .bil} or {@code .json} path, or the name of a
 * bundled example ({@code tiny}, {@code tiny-u8}, {@code mlp784}) when no such file exists.
 */
final class ModelArgument {
  private ModelArgument() {}

  static Model read(String argument) {
    Path path = Path.of(argument);
    if (!Files.exists(path)) {
      for (Examples example : Examples.values()) {
        if (example.shortName().equals(argument)) {
          return example.model();
        }
      }
    }
    return ModelFiles.read(path);
  }

  static final String DESCRIPTION =
      "Model file (.bil or .json), or a bundled example: tiny, tiny-u8, mlp784.";
}
