package dev.brainblitz.cli;

import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.passes.ModelPass;
import dev.brainblitz.ir.passes.Passes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "opt",
    mixinStandardHelpOptions = true,
    description = "Apply model passes (default: all of them, in order) and write the result.")
final class OptCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "MODEL", arity = "0..1", description = ModelArgument.DESCRIPTION)
  String model;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT.bil|OUT.json", description = "The model to write.")
  Path output;

  @Option(names = "--pass", split = ",", paramLabel = "NAME", description = "Passes to run, in order.")
  List<String> passes;

  @Option(names = "--list", description = "List the passes and exit.")
  boolean list;

  @Override
  public Integer call() {
    Outputs.requireNotInput(spec, "-o", output, ModelArgument.inputFile(model));
    PrintWriter out = spec.commandLine().getOut();
    if (list) {
      for (ModelPass pass : Passes.all()) {
        out.printf("%-22s %s%n", pass.name(), pass.summary());
      }
      return Blitz.OK;
    }
    if (model == null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: 'MODEL'");
    }
    if (output == null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--output'");
    }
    ModelFiles.formatOf(output);
    List<ModelPass> chosen = passes == null ? Passes.all() : passes.stream()
        .map(name -> Passes.named(name).orElseThrow(() -> new picocli.CommandLine.ParameterException(spec.commandLine(),
            "unknown pass '" + name + "'; known: " + String.join(", ", Passes.all().stream().map(ModelPass::name).toList()))))
        .toList();
    Network current = ModelArgument.read(model);
    for (ModelPass pass : chosen) {
      long before = current.weightBits();
      current = pass.apply(current);
      long after = current.weightBits();
      out.printf("%s: %s -> %s weight bits%n", pass.name(), ModelSummary.group(before), ModelSummary.group(after));
    }
    ModelFiles.write(current.model(), output);
    out.println("wrote " + output);
    return Blitz.OK;
  }
}
