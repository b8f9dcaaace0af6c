package dev.brainblitz.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.random.RandomNetworks;
import dev.brainblitz.ir.testing.GoldenFiles;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** import(export(m)) == m: for every bundled example and for random networks. */
class RoundTripTest {
  static Stream<String> examples() {
    return Stream.of("tiny", "tiny-u8", "mlp784", "fashion-mlp");
  }

  static Model example(String name) {
    return ModelFiles.read(GoldenFiles.repoRoot().resolve("examples/models/" + name + ".bil")).model();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void bundledExamplesRoundTrip(String name) {
    Model model = example(name);
    byte[] onnx = OnnxExporter.export(model);
    var imported = OnnxImporter.read(name + ".onnx", onnx, OnnxImporter.Options.DEFAULT);
    assertEquals(model, imported.model());
    assertEquals(1.0, imported.scoreFactor());
    assertEquals(0.0, imported.scoreOffset());
    assertArrayEquals(onnx, OnnxExporter.export(imported.model()), "export is deterministic");
  }

  /** Beyond 2^24, float32 stops holding every integer: such a model is refused, not exported approximately. */
  @org.junit.jupiter.api.Test
  void modelsWhoseScoresFloat32CannotHoldAreRefused() {
    int n = 70_000; // 255 * 70,000 > 2^24
    var model = new Model("wide", java.util.List.of(
        new dev.brainblitz.ir.Node.Input("x", dev.brainblitz.ir.InputKind.U8, n),
        dev.brainblitz.ir.Node.Scores.unbiased("out", "x", dev.brainblitz.ir.BitMatrix.fromBits(new boolean[1][n]))));
    var e = org.junit.jupiter.api.Assertions.assertThrows(dev.brainblitz.ir.diag.DiagnosticException.class,
        () -> OnnxExporter.export(model));
    assertEquals("<memory>: error[ONX018]: model 'wide': a score reaches 17850000, beyond 2^24, where float32 stops"
        + " holding every integer exactly; the exported graph would not compute the IL's scores exactly",
        e.diagnostics().get(0).headline());
  }

  static LongStream seeds() {
    return LongStream.range(0, 40);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void randomNetworksRoundTrip(long seed) {
    Network network = RandomNetworks.network(seed);
    Model model = network.model();
    var imported = OnnxImporter.read("random.onnx", OnnxExporter.export(model), OnnxImporter.Options.DEFAULT);
    assertEquals(model, imported.model());
  }
}
