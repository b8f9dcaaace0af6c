package dev.brainblitz.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.testing.GoldenFiles;
import dev.brainblitz.ir.text.TextModelPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BundledModelsTest {
  @ParameterizedTest
  @EnumSource(Examples.class)
  void everyBundledModelIsValidAndRoundTrips(Examples example) {
    var network = example.network();
    var reprinted = TextModelPrinter.print(example.model());
    assertEquals(example.model(), dev.brainblitz.ir.text.TextModelReader.read("reprinted.bil", reprinted).model());
    assertEquals(example.model().name(), network.name());
  }

  @Test
  void mlp784HasTheFashionMnistShape() {
    var network = Examples.MLP784.network();
    assertEquals(InputKind.U8, network.input().kind());
    assertEquals(784, network.inputSize());
    assertEquals(2, network.layers().size());
    assertEquals(256, network.layers().get(0).outputs());
    assertEquals(256, network.layers().get(1).outputs());
    assertEquals(10, network.classes());
    assertEquals(784L * 256 + 256L * 256 + 256L * 10, network.weightBits());
  }

  /** mlp784.bil is exactly what its seed generates: regenerate with -Dblitz.updateGolden=true. */
  @Test
  void mlp784IsWhatItsSeedGenerates() {
    String header = "# A 784-256-256-10 network with 8-bit input: random but valid (seed 2026), the shape of the\n"
        + "# Fashion-MNIST MLP. Regenerate: ./mvnw test -pl examples -Dblitz.updateGolden=true\n";
    GoldenFiles.assertMatches("examples/models/mlp784.bil", header + TextModelPrinter.print(Examples.generateMlp784().model()));
  }
}
