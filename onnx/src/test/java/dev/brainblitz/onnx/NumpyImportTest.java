package dev.brainblitz.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.ModelValidator;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.testing.GoldenFiles;
import dev.brainblitz.onnx.numpy.NumpyImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * .npz parameter files (written by onnx/scripts/make_test_models.py with numpy.savez and
 * savez_compressed, including a Fortran-ordered float64 and a big-endian array) import to models
 * whose golden outputs agree with numpy's float64 evaluation of the same network on every vector;
 * broken archives are refused with their golden diagnostic.
 */
class NumpyImportTest {
  static final String DIR = "onnx/src/test/resources/dev/brainblitz/onnx/numpy/";

  static int[] arch(Path ref) throws IOException {
    String line = Files.readAllLines(ref).stream().filter(l -> l.startsWith("# arch ")).findFirst().orElseThrow();
    return Arrays.stream(line.substring(7).split("-")).mapToInt(Integer::parseInt).toArray();
  }

  @ParameterizedTest
  @ValueSource(strings = {"u8_savez", "bipolar_compressed", "no_hidden"})
  void goldenModelAgreesWithNumpy(String name) throws IOException {
    Path dir = GoldenFiles.repoRoot().resolve(DIR);
    ReferenceFile reference = ReferenceFile.read(dir.resolve(name + ".ref"));
    int[] sizes = arch(dir.resolve(name + ".ref"));
    Model model = NumpyImporter.read(dir.resolve(name + ".npz"), sizes, reference.kind(), 1e-5, name);
    GoldenModel golden = new GoldenModel(ModelValidator.validate(model));
    int factor = sizes.length > 2 ? 2 : 1; // logits over ±1 activations are 2 acc - n + bias
    for (int v = 0; v < reference.inputs().size(); v++) {
      InferenceResult result = golden.infer(reference.inputs().get(v));
      double[] logits = reference.outputs().get(v);
      for (int c = 0; c < logits.length; c++) {
        assertEquals(logits[c] - logits[0], factor * (double) (result.score(c) - result.score(0)),
            name + " vector " + v + " class " + c);
      }
      assertEquals(FrameworkExactnessTest.argmax(logits), result.predictedClass(), name + " vector " + v);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"bad_truncated", "bad_shape", "bad_missing", "bad_unexpected", "bad_dtype", "bad_nan"})
  void brokenArchivesAreRefused(String name) {
    Path npz = Path.of(DIR + name + ".npz");
    Path absolute = GoldenFiles.repoRoot().resolve(npz);
    DiagnosticException e = assertThrows(DiagnosticException.class,
        () -> NumpyImporter.read(absolute, new int[] {6, 4, 3}, InputKind.U8, 1e-5, "bad"));
    GoldenFiles.assertMatches(DIR + name + ".out", e.render().replace(absolute.toString(), name + ".npz"));
  }
}
