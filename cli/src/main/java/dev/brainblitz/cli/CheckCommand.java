package dev.brainblitz.cli;

import dev.brainblitz.ir.Network;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Validate a model and print a summary: layers, shapes, weight bits, work per inference.")
final class CheckCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "MODEL", description = ModelArgument.DESCRIPTION)
  String model;

  @Override
  public Integer call() {
    Network network = ModelArgument.read(model);
    spec.commandLine().getOut().print(ModelSummary.of(network));
    return Blitz.OK;
  }
}
