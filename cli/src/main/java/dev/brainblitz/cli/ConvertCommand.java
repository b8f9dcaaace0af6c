package dev.brainblitz.cli;

import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.Network;
import dev.brainblitz.train.cnn.BinaryCnnFile;
import dev.brainblitz.train.cnn.BinaryCnnToIl;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = {"Convert a model between the text (.bil) and JSON (.json) forms; both are lossless.",
        "A binary CNN checkpoint (.bcnn, written by earlier `blitz train --arch c...`) converts to either form."})
final class ConvertCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "MODEL", description = ModelArgument.DESCRIPTION)
  String model;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.json|OUT.bil",
      description = "The output file; its extension chooses the form.")
  Path output;

  @Override
  public Integer call() {
    Outputs.requireNotInput(spec, "-o", output, ModelArgument.inputFile(model));
    ModelFiles.formatOf(output);
    Network network = model.endsWith(BinaryCnnFile.EXTENSION)
        ? BinaryCnnToIl.network(BinaryCnnFile.read(Path.of(model)))
        : ModelArgument.read(model);
    ModelFiles.write(network.model(), output);
    spec.commandLine().getOut().println("wrote " + output);
    return Blitz.OK;
  }
}
