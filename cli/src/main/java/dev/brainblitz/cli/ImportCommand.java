package dev.brainblitz.cli;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.ModelValidator;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.onnx.OnnxImporter;
import dev.brainblitz.onnx.numpy.NumpyImporter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import a trained binarized MLP exactly: an ONNX file (a PyTorch export with Sign/BatchNormalization,",
      "or a QONNX graph with BipolarQuant/Quant/MultiThreshold) or NumPy parameters (.npz, with --arch).",
      "Batch-norm and every constant Add/Mul/Div fold into exact integer thresholds; anything the IL",
      "cannot represent exactly is refused with the node that holds it (docs/onnx.md)."
    })
final class ImportCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "MODEL.onnx|WEIGHTS.npz", description = "The file to import.")
  Path input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.bil|OUT.json", description = "The model to write.")
  Path output;

  @Option(names = "--input-bits", paramLabel = "8|1",
      description = "What the network's input holds: 8 = bytes 0..255 (u8), 1 = +1/-1 values (bipolar). Needed"
          + " when the file does not say (a float ONNX input with no quantizer, and every .npz).")
  Integer inputBits;

  @Option(names = "--name", paramLabel = "N", description = "The model's name (default: the graph's or the file's).")
  String name;

  @Option(names = "--arch", paramLabel = "784-256-256-10",
      description = "For .npz: the layer sizes, input first, classes last.")
  String arch;

  @Option(names = "--epsilon", paramLabel = "E",
      description = "For .npz: the batch-norm epsilon (default: 1e-5, PyTorch's).")
  Double epsilon;

  @Override
  public Integer call() {
    Outputs.requireNotInput(spec, "-o", output, input);
    ModelFiles.formatOf(output);
    InputKind kind = inputKind();
    String lower = input.getFileName() == null ? "" : input.getFileName().toString().toLowerCase(Locale.ROOT);
    var out = spec.commandLine().getOut();
    Model model;
    if (lower.endsWith(".npz")) {
      int[] sizes = sizes();
      if (kind == null) {
        throw usage("a .npz holds no input type: say it with --input-bits 8 or --input-bits 1");
      }
      double eps = epsilon == null ? 1e-5 : epsilon;
      if (!(eps >= 0) || !Double.isFinite(eps)) {
        throw usage("--epsilon must be a finite number >= 0, not " + epsilon);
      }
      model = NumpyImporter.read(input, sizes, kind, eps, name != null ? name : stem());
      ModelFiles.write(model, output);
      out.println("wrote " + output + " (" + summary(model) + ")");
      return Blitz.OK;
    }
    if (!lower.endsWith(".onnx")) {
      throw new UserException("cannot tell what '" + input + "' is: import reads .onnx and .npz files");
    }
    if (arch != null || epsilon != null) {
      throw usage((arch != null ? "--arch" : "--epsilon") + " is for .npz files; an ONNX graph states its own");
    }
    var result = OnnxImporter.read(input, new OnnxImporter.Options(kind, name));
    ModelFiles.write(result.model(), output);
    out.println("wrote " + output + " (" + summary(result.model()) + ")");
    out.println("exact: every graph output = " + number(result.scoreFactor()) + " * IL score"
        + (result.scoreOffset() == 0 ? "" : " + " + number(result.scoreOffset())) + ", and the same class");
    return Blitz.OK;
  }

  private InputKind inputKind() {
    if (inputBits == null) {
      return null;
    }
    return switch (inputBits) {
      case 8 -> InputKind.U8;
      case 1 -> InputKind.BIPOLAR;
      default -> throw usage("--input-bits must be 8 (bytes) or 1 (+1/-1), not " + inputBits);
    };
  }

  private int[] sizes() {
    if (arch == null) {
      throw usage("importing a .npz needs --arch, e.g. --arch 784-256-256-10");
    }
    try {
      int[] sizes = Arrays.stream(arch.split("-")).mapToInt(Integer::parseInt).toArray();
      if (sizes.length < 2 || Arrays.stream(sizes).anyMatch(s -> s < 1)) {
        throw new NumberFormatException();
      }
      return sizes;
    } catch (NumberFormatException e) {
      throw usage("--arch must be sizes joined by '-', input first and classes last (e.g. 784-256-256-10), not '"
          + arch + "'");
    }
  }

  private String stem() {
    String stem = input.getFileName().toString().replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9_]", "_");
    return stem.isEmpty() || Character.isDigit(stem.charAt(0)) ? "m_" + stem : stem;
  }

  private static String summary(Model model) {
    Network network = ModelValidator.validate(model);
    int hidden = network.layers().size();
    return network.input().kind().keyword() + " input, " + hidden + (hidden == 1 ? " hidden layer, " : " hidden layers, ")
        + network.classes() + " classes, " + ModelSummary.group(network.weightBits()) + " weight bits";
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
