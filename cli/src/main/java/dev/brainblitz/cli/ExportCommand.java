package dev.brainblitz.cli;

import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.io.AtomicFiles;
import dev.brainblitz.onnx.OnnxExporter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write a model as an ONNX graph of standard operators (opset " + OnnxExporter.OPSET + "): +-1 weight",
      "matrices, thresholds as comparisons, the IL scores and their argmax as outputs. ONNX tools can check,",
      "evaluate and display it (Netron); blitz import reads it back into the same model."
    })
final class ExportCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "MODEL", description = ModelArgument.DESCRIPTION)
  String model;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.onnx", description = "The ONNX file to write.")
  Path output;

  @Override
  public Integer call() {
    Outputs.requireNotInput(spec, "-o", output, ModelArgument.inputFile(model));
    String file = output.getFileName() == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!file.endsWith(".onnx")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "the output must be a .onnx file, not '" + output + "'");
    }
    Network parsed = ModelArgument.read(model);
    AtomicFiles.write(output, OnnxExporter.export(parsed.model()));
    String scores = parsed.scores().name();
    spec.commandLine().getOut().println("wrote " + output + " (ONNX opset " + OnnxExporter.OPSET + "; outputs '" + scores
        + "' = the IL scores, '" + scores + "/class' = the class)");
    return Blitz.OK;
  }
}
