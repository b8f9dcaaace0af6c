package dev.brainblitz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.examples.Examples;
import dev.brainblitz.ir.io.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** blitz import and blitz export as a user runs them: files written, messages, exit statuses. */
class ImportExportCommandTest {
  @TempDir Path temp;

  static final String MODELS = "onnx/src/test/resources/dev/brainblitz/onnx/";

  @Test
  void exportThenImportGivesBackEveryBundledExample() throws IOException {
    for (Examples example : Examples.values()) {
      Path onnx = temp.resolve(example.shortName() + ".onnx");
      var export = BlitzTest.blitz("export", example.shortName(), "-o", onnx.toString());
      if (!example.network().denseOnly()) {
        // Convolutional layers are not exported to ONNX yet: a clean error, no file.
        assertEquals(1, export.status(), export.err());
        assertTrue(export.err().contains("error[BIL109]"), export.err());
        assertTrue(Files.notExists(onnx));
        continue;
      }
      assertEquals(0, export.status(), export.err());
      assertTrue(export.out().contains("outputs 'out' = the IL scores"), export.out());
      Path bil = temp.resolve(example.shortName() + ".bil");
      var imported = BlitzTest.blitz("import", onnx.toString(), "-o", bil.toString());
      assertEquals(0, imported.status(), imported.err());
      assertTrue(imported.out().contains("every graph output = 1 * IL score, and the same class"), imported.out());
      assertEquals(example.model(), ModelFiles.read(bil).model());
    }
  }

  @Test
  void importsAPyTorchExportWithTheInputKindGiven() {
    Path out = temp.resolve("m.json");
    var run = BlitzTest.blitz("import", BlitzTest.repo(MODELS + "models/u8_div255_flatten.onnx").toString(),
        "--input-bits", "8", "--name", "digits", "-o", out.toString());
    assertEquals(0, run.status(), run.err());
    assertEquals("""
        wrote %s (u8 input, 2 hidden layers, 10 classes, 2,720 weight bits)
        exact: every graph output = 0.5 * IL score, and the same class
        """.formatted(out), run.out());
    assertEquals("digits", ModelFiles.read(out).name());
  }

  @Test
  void importsNumpyParameters() {
    Path out = temp.resolve("n.bil");
    var run = BlitzTest.blitz("import", BlitzTest.repo(MODELS + "numpy/u8_savez.npz").toString(), "--arch", "20-12-8-5",
        "--input-bits", "8", "-o", out.toString());
    assertEquals(0, run.status(), run.err());
    assertEquals("u8_savez", ModelFiles.read(out).name());
  }

  @Test
  void refusedGraphIsAUserErrorWithoutOutputOrStackTrace() {
    Path out = temp.resolve("c.bil");
    var run = BlitzTest.blitz("import", BlitzTest.repo(MODELS + "bad/pytorch_conv.onnx").toString(), "-o", out.toString());
    assertEquals(1, run.status());
    assertTrue(run.err().contains("error[ONX009]: node 0 \"/conv/Conv\" (Conv): Conv is not in the IL yet"), run.err());
    BlitzTest.assertNoStackTrace(run);
    assertFalse(Files.exists(out));
  }

  @Test
  void missingInputKindIsAUserError() {
    Path out = temp.resolve("m.bil");
    var run = BlitzTest.blitz("import", BlitzTest.repo(MODELS + "models/sign_bn_bias.onnx").toString(), "-o", out.toString());
    assertEquals(1, run.status());
    assertTrue(run.err().contains("error[ONX019]"), run.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void badOptionsAreUsageErrors() {
    String npz = BlitzTest.repo(MODELS + "numpy/u8_savez.npz").toString();
    String onnx = BlitzTest.repo(MODELS + "models/sign_bn_bias.onnx").toString();
    Path out = temp.resolve("m.bil");
    assertEquals(2, BlitzTest.blitz("import", onnx, "--input-bits", "4", "-o", out.toString()).status());
    assertEquals(2, BlitzTest.blitz("import", npz, "--input-bits", "8", "-o", out.toString()).status());
    assertEquals(2, BlitzTest.blitz("import", npz, "--arch", "20-x", "--input-bits", "8", "-o", out.toString()).status());
    assertEquals(2, BlitzTest.blitz("import", npz, "--arch", "20-12-8-5", "-o", out.toString()).status());
    assertEquals(2, BlitzTest.blitz("import", onnx, "--arch", "32-10", "-o", out.toString()).status());
    assertEquals(2, BlitzTest.blitz("export", "tiny", "-o", temp.resolve("tiny.bil").toString()).status());
    assertFalse(Files.exists(out));
  }

  @Test
  void wrongArchitectureNamesTheFileAndKey() {
    Path out = temp.resolve("m.bil");
    var run = BlitzTest.blitz("import", BlitzTest.repo(MODELS + "numpy/u8_savez.npz").toString(), "--arch", "20-13-8-5",
        "--input-bits", "8", "-o", out.toString());
    assertEquals(1, run.status());
    assertTrue(run.err().contains("u8_savez.npz: error[NPY006]: array 'fc1.weight' has shape [12, 20]"), run.err());
    assertFalse(Files.exists(out));
  }
}
