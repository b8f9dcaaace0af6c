package dev.brainblitz.cli;

import dev.brainblitz.examples.Examples;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.io.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model named on the command line: a {@code .bil} or {@code .json} path, or the name of a
 * bundled example ({@code tiny}, {@code tiny-u8}, {@code mlp784}, {@code fashion-mlp}) when no such file exists.
 */
final class ModelArgument {
  private ModelArgument() {}

  /** The validated model an argument names; a user error when there is none or it is invalid. */
  static Network read(String argument) {
    var example = bundled(argument);
    if (example.isPresent()) {
      return example.get().network();
    }
    Path path = Path.of(argument);
    if (!Files.exists(path) && !argument.endsWith(".bil") && !argument.endsWith(".json")) {
      throw new UserException("'" + argument + "' is neither a model file (.bil or .json) nor a bundled example ("
          + java.util.Arrays.stream(Examples.values()).map(Examples::shortName)
              .collect(java.util.stream.Collectors.joining(", ")) + ")");
    }
    return ModelFiles.read(path);
  }

  /** The text form of the model as written, for {@code fmt --check}: only text files have one. */
  static String text(String argument) {
    var example = bundled(argument);
    if (example.isPresent()) {
      return example.get().text();
    }
    Path path = Path.of(argument);
    if (ModelFiles.formatOf(path) != dev.brainblitz.ir.io.ModelFormat.TEXT) {
      throw new UserException("'" + argument + "' is not a .bil file: only the text form has a canonical layout to check");
    }
    return ModelFiles.readText(path);
  }

  /** The bundled example an argument names, when no file of that name exists. */
  private static java.util.Optional<Examples> bundled(String argument) {
    if (Files.exists(Path.of(argument))) {
      return java.util.Optional.empty();
    }
    return java.util.Arrays.stream(Examples.values()).filter(e -> e.shortName().equals(argument)).findFirst();
  }

  static final String DESCRIPTION =
      "Model file (.bil or .json), or a bundled example: tiny, tiny-u8, mlp784, fashion-mlp.";
}
