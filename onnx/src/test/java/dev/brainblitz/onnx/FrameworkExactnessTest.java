package dev.brainblitz.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.ModelValidator;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.testing.GoldenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model onnx/scripts/make_test_models.py exported (PyTorch) or built (QONNX), imported, agrees
 * with the framework's own outputs on every reference vector: the same class, and the framework's
 * outputs are exactly {@code factor * score + offset} of the golden model's scores.
 */
class FrameworkExactnessTest {
  static final Path MODELS = GoldenFiles.repoRoot().resolve("onnx/src/test/resources/dev/brainblitz/onnx/models");

  static Stream<String> models() throws IOException {
    try (var files = Files.list(MODELS)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".onnx"))
          .map(n -> n.substring(0, n.length() - 5)).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void goldenModelAgreesWithTheFrameworkOnEveryVector(String name) {
    ReferenceFile reference = ReferenceFile.read(MODELS.resolve(name + ".ref"));
    var imported = OnnxImporter.read(MODELS.resolve(name + ".onnx"), new OnnxImporter.Options(reference.kind(), null));
    GoldenModel golden = new GoldenModel(ModelValidator.validate(imported.model()));
    assertTrue(reference.inputs().size() >= 64, "vectors in " + name);
    for (int v = 0; v < reference.inputs().size(); v++) {
      InferenceResult result = golden.infer(reference.inputs().get(v));
      double[] logits = reference.outputs().get(v);
      assertEquals(logits.length, result.classes(), name + " vector " + v);
      for (int c = 0; c < logits.length; c++) {
        assertEquals(logits[c], imported.scoreFactor() * result.score(c) + imported.scoreOffset(),
            name + " vector " + v + " class " + c + ": scores " + java.util.Arrays.toString(result.scores()));
      }
      assertEquals(argmax(logits), result.predictedClass(), name + " vector " + v);
    }
  }

  /**
   * The PyTorch models cover what the issue asks for: batch-norm with negative gamma (le
   * thresholds) and zero gamma (constant neurons), hidden biases present and absent.
   */
  @org.junit.jupiter.api.Test
  void pytorchModelsHaveNegativeAndZeroGamma() throws IOException {
    int le = 0;
    int constant = 0;
    for (String name : models().filter(n -> !n.startsWith("qonnx") && !n.startsWith("finn")).toList()) {
      ReferenceFile reference = ReferenceFile.read(MODELS.resolve(name + ".ref"));
      Network network = ModelValidator.validate(OnnxImporter.read(MODELS.resolve(name + ".onnx"),
          new OnnxImporter.Options(reference.kind(), null)).model());
      for (var layer : network.layers()) {
        var dense = (dev.brainblitz.ir.DenseLayer) layer;
        var table = dense.threshold().table();
        for (int j = 0; j < table.neurons(); j++) {
          le += table.direction(j) == dev.brainblitz.ir.Direction.LE ? 1 : 0;
          long t = table.threshold(j);
          constant += t <= dense.accumulatorMin() || t > dense.accumulatorMax() ? 1 : 0;
        }
      }
    }
    assertTrue(le > 20, "le neurons: " + le);
    assertTrue(constant > 5, "constant neurons: " + constant);
  }

  /** The framework's class: the first index of the largest output (torch.argmax, numpy.argmax). */
  static int argmax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
