package dev.brainblitz.cli;

import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.io.AtomicFiles;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.io.ModelFormat;
import dev.brainblitz.ir.text.TextModelPrinter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "fmt",
    mixinStandardHelpOptions = true,
    description = {
      "Print a model in the canonical text form.",
      "Comments are not kept: the canonical form is what the model means."
    })
final class FmtCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "MODEL", description = ModelArgument.DESCRIPTION)
  String model;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE.bil", description = "Write to FILE instead of standard output.")
  Path output;

  @Option(names = "--check", description = "Print nothing; exit 1 if the .bil file MODEL is not in canonical form (for CI).")
  boolean check;

  @Override
  public Integer call() {
    Outputs.requireNotInput(spec, "-o", output, ModelArgument.inputFile(model));
    if (output != null && ModelFiles.formatOf(output) != ModelFormat.TEXT) {
      throw new UserException("fmt writes the text form: name the output FILE.bil (use 'blitz convert' for JSON)");
    }
    String canonical = TextModelPrinter.print(ModelArgument.read(model).model());
    if (check) {
      String original = ModelArgument.text(model);
      if (!original.equals(canonical)) {
        spec.commandLine().getErr().println(model + ": not in canonical form (run 'blitz fmt " + model + " -o FILE.bil')");
        return Blitz.USER_ERROR;
      }
      return Blitz.OK;
    }
    if (output != null) {
      AtomicFiles.write(output, canonical);
    } else {
      spec.commandLine().getOut().print(canonical);
    }
    return Blitz.OK;
  }
}
