package dev.brainblitz.cli;

import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.floats.FloatModel;
import dev.brainblitz.ir.floats.FloatModelJson;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.passes.FoldBatchNorm;
import dev.brainblitz.ir.passes.Passes;
import dev.brainblitz.ir.passes.RemoveDeadNeurons;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "fold",
    mixinStandardHelpOptions = true,
    description = {
      "Binarize a float MLP (weights, biases, batch-norm; JSON, see docs/il.md) into a model:",
      "weights become their sign, and bias + batch-norm + sign fold into one exact integer",
      "threshold per neuron."
    })
final class FoldCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FLOAT.json", description = "The float model (format brain-blitz-float-model).")
  Path input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.bil|OUT.json", description = "The model to write.")
  Path output;

  @Option(names = "--remove-dead-neurons", description = "Also remove neurons whose output is constant.")
  boolean removeDead;

  @Override
  public Integer call() {
    Outputs.requireNotInput(spec, "-o", output, input);
    ModelFiles.formatOf(output);
    FloatModel floats = FloatModelJson.read(input.toString(), ModelFiles.readText(input));
    Network network = Located.in(input.toString(), () -> {
      Network folded = new FoldBatchNorm().apply(floats);
      return removeDead ? Passes.named(RemoveDeadNeurons.NAME).orElseThrow().apply(folded) : folded;
    });
    ModelFiles.write(network.model(), output);
    int hidden = network.layers().size();
    spec.commandLine().getOut().println("wrote " + output + " (" + hidden + (hidden == 1 ? " hidden layer, " : " hidden layers, ")
        + ModelSummary.group(network.weightBits()) + " weight bits)");
    return Blitz.OK;
  }
}
