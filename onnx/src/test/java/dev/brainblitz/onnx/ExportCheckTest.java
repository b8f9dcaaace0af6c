package dev.brainblitz.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.ModelValidator;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.random.RandomNetworks;
import dev.brainblitz.ir.testing.GoldenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exported ONNX of every bundled example, pinned by its SHA-256, with test vectors and the
 * golden model's scores for them ({@code export/NAME.golden}, a golden file). The script
 * onnx/scripts/make_test_models.py exports the same model with {@code blitz export}, checks that it
 * has the same SHA-256, runs onnx.checker on it and evaluates it with PyTorch, and records the
 * outcome in {@code export/NAME.pycheck}; this test holds that record to the current export.
 */
class ExportCheckTest {
  static final String DIR = "onnx/src/test/resources/dev/brainblitz/onnx/export/";

  @ParameterizedTest
  @MethodSource("dev.brainblitz.onnx.RoundTripTest#examples")
  void exportIsPinnedAndCheckedByPython(String name) throws IOException {
    Model model = RoundTripTest.example(name);
    byte[] onnx = OnnxExporter.export(model);
    String sha = sha256(onnx);
    Network network = ModelValidator.validate(model);
    GoldenModel golden = new GoldenModel(network);
    Random random = new Random(14);
    int count = network.inputSize() > 100 ? 16 : 32;
    StringBuilder text = new StringBuilder();
    text.append("# ").append(name).append(": blitz export, and the golden model's scores for ").append(count)
        .append(" random vectors (ExportCheckTest)\n");
    text.append("sha256 ").append(sha).append('\n');
    text.append("input-bits ").append(network.input().kind() == InputKind.U8 ? 8 : 1).append('\n');
    for (int v = 0; v < count; v++) {
      InputVector x = RandomNetworks.vector(random, network);
      InferenceResult result = golden.infer(x);
      text.append("in ").append(IntStream.range(0, x.size())
          .mapToObj(i -> x.kind() == InputKind.U8 ? Integer.toString(x.element(i)) : Integer.toString(x.bipolar(i)))
          .collect(Collectors.joining(" "))).append('\n');
      text.append("out ").append(IntStream.of(result.scores()).mapToObj(s -> s + ".0")
          .collect(Collectors.joining(" "))).append('\n');
    }
    GoldenFiles.assertMatches(DIR + name + ".golden", text.toString());

    Path check = GoldenFiles.repoRoot().resolve(DIR + name + ".pycheck");
    assertTrue(Files.exists(check), check + " is missing: run onnx/scripts/make_test_models.py");
    String record = Files.readString(check);
    assertTrue(record.contains("sha256 " + sha + "\n"), name + ": the Python check was made on another export;"
        + " rerun onnx/scripts/make_test_models.py\n" + record);
    assertTrue(record.contains("onnx.checker.check_model(full_check=True): ok\n"), record);
    assertTrue(record.contains("scores equal on " + count + "/" + count + " vectors, class equal on " + count + "/"
        + count + "\n"), record);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
