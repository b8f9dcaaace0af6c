package dev.brainblitz.cli;

import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.exec.Executors;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * Option values checked the same way in every command: a bad value is a usage error (exit 2,
 * {@code blitz: message} and the help hint), never a user error about a file. Values parsed by a
 * library that reports a {@link DiagnosticException} (a folding, a dataset name, a timing model, the
 * training options) keep its code in the message, as in {@code SIM003: unknown timing model 'x'}.
 */
final class Usage {
  private Usage() {}

  /** A usage error with {@code message} unless {@code ok}. */
  static void require(CommandLine.Model.CommandSpec spec, boolean ok, String message) {
    if (!ok) {
      throw new CommandLine.ParameterException(spec.commandLine(), message);
    }
  }

  /** {@code value} of {@code option} must be in {@code [min, max]}. */
  static void range(CommandLine.Model.CommandSpec spec, String option, long value, long min, long max) {
    require(spec, value >= min && value <= max, option + " must be in " + min + ".." + max + ", got " + value);
  }

  /** Parses an option's value; a {@link DiagnosticException} or {@link IllegalArgumentException} becomes a usage error. */
  static <T> T parse(CommandLine.Model.CommandSpec spec, Supplier<T> parse) {
    try {
      return parse.get();
    } catch (DiagnosticException e) {
      if (e.diagnostics().stream().anyMatch(d -> d.code() == ErrorCode.LAYER_NOT_SUPPORTED)) {
        throw e; // the model's fault, not the option's: exit 1 at the layer's position
      }
      throw new CommandLine.ParameterException(spec.commandLine(), e.diagnostics().stream()
          .map(d -> d.code().code() + ": " + Diagnostic.escape(d.message(), true)).collect(Collectors.joining("; ")));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), Diagnostic.escape(String.valueOf(e.getMessage()), true));
    }
  }

  /** Runs a check of option values, with the same translation as {@link #parse}. */
  static void check(CommandLine.Model.CommandSpec spec, Runnable check) {
    parse(spec, () -> {
      check.run();
      return null;
    });
  }

  /** Every name must be a target some executor provider accepts. */
  static void targets(CommandLine.Model.CommandSpec spec, String option, List<String> targets) {
    for (String target : targets) {
      boolean known = Executors.providers().stream().anyMatch(p -> p.accepts(target));
      require(spec, known, option + ": unknown target '" + target + "'; known targets: "
          + String.join(", ", Executors.knownTargets()));
    }
  }
}
