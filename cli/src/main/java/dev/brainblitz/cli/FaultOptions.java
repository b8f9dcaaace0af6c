package dev.brainblitz.cli;

import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.faults.FaultSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --faults SPEC|FILE} and {@code --fault-seed S} options (docs/faults.md). A value that
 * names an existing file is read as a fault file (its errors exit 1 at file:line:col); any other
 * value is the spec itself (its errors are usage errors, exit 2, with the column in the value).
 */
final class FaultOptions {
  static final String FAULTS_DESCRIPTION = "Inject seeded bit errors (docs/faults.md): CLASS=RATE entries, e.g. "
      + "weights=1e-3,activations=1e-4; classes weights, thresholds, stuck0, stuck1, input, activations; or a file of such lines.";
  static final String SEED_DESCRIPTION = "Seed of the injected faults (default: 1); a 'seed=S' line of a fault file wins.";

  private FaultOptions() {}

  /** The spec of {@code value} (null: none) with {@code seed} (null: 1). */
  static FaultSpec parse(CommandSpec spec, String value, Long seed) {
    long s = seed == null ? 1 : seed;
    if (value == null) {
      if (seed != null) {
        throw new ParameterException(spec.commandLine(), "--fault-seed needs --faults");
      }
      return FaultSpec.NONE.withSeed(s);
    }
    Path file = Path.of(value.isBlank() ? "." : value);
    if (!value.contains("=") && Files.isRegularFile(file)) {
      // A file: its errors are the file's, rendered with their line and caret (exit 1).
      return FaultSpec.parse(dev.brainblitz.ir.io.ModelFiles.readText(file), value, s);
    }
    try {
      return FaultSpec.parse(value, "--faults", s);
    } catch (DiagnosticException e) {
      throw new ParameterException(spec.commandLine(), e.diagnostics().stream()
          .map(d -> d.code().code() + ": --faults, column " + d.span().column() + ": "
              + Diagnostic.escape(d.message(), true))
          .collect(Collectors.joining("; ")));
    }
  }
}
