package dev.brainblitz.train.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArchitectureTest {
  @Test
  void layerSizesAreAnMlp() {
    var arch = assertInstanceOf(Architecture.FullyConnected.class, Architecture.parse("784-256-256-10"));
    assertEquals(10, arch.classes());
    assertEquals("784-256-256-10", arch.text());
  }

  @Test
  void convolutionalTokens() {
    var arch = assertInstanceOf(Architecture.Convolutional.class,
        Architecture.parse("c32-c32k5s2v-p-c64+-p3-f256-10"));
    assertEquals(List.of(new Architecture.Conv(32, 3, 1, Architecture.Pad.SAME_LOW),
        new Architecture.Conv(32, 5, 2, Architecture.Pad.VALID), new Architecture.Pool(2),
        new Architecture.Conv(64, 3, 1, Architecture.Pad.SAME_HIGH), new Architecture.Pool(3),
        new Architecture.Hidden(256)), arch.stages());
    assertEquals(10, arch.classes());
    assertEquals("c32-c32k5s2v-p-c64+-p3-f256-10", arch.text(), "the canonical text round-trips");
    assertEquals("c8-p-10", Architecture.parse("c8k3s1-p2-10").text(), "defaults are left out");
  }

  @ParameterizedTest
  @ValueSource(strings = {"c32-x-10", "c32-p", "p-c32-10", "f64-10", "c32-f64-c32-10", "c32-f64-p-10", "c0-10",
      "c32-p-0", "c32--10", "784", "c32k-10", "c99999999999-10", "c32-p-10-"})
  void malformedArchitecturesAreDat008(String text) {
    var e = assertThrows(DiagnosticException.class, () -> Architecture.parse(text));
    assertEquals(ErrorCode.TRAIN_BAD_ARCH, e.diagnostics().get(0).code(), text);
    assertTrue(e.diagnostics().get(0).message().contains(text), e.getMessage());
  }

  /** Shapes that do not work out on the images are caught before training, naming the layer. */
  @ParameterizedTest
  @CsvSource({
    "c8-p-p-p-10, pooling 'p' does not tile the 7x7 map",
    "c8k5v-c8k5v-c8k5v-c8k5v-c8k5v-c8k5v-c8k5v-10, larger than",
    "c8s3-10, multiple of the stride",
    "c8k2s3-10, stride 3 <= kernel 2",
    "c8k5s2v-10, does not tile 28x28",
  })
  void shapesThatDoNotFitAreDat008(String text, String message) {
    var arch = (Architecture.Convolutional) Architecture.parse(text);
    var e = assertThrows(DiagnosticException.class,
        () -> new Cnn(Trainable.Kind.STUDENT, InputKind.U8, arch, 28, 28, 4));
    assertEquals(ErrorCode.TRAIN_BAD_ARCH, e.diagnostics().get(0).code());
    assertTrue(e.diagnostics().get(0).message().contains(message), e.diagnostics().get(0).message());
  }
}
