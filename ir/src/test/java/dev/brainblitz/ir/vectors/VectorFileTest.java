package dev.brainblitz.ir.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VectorFileTest {
  private static final Node.Input BYTES = new Node.Input("x", InputKind.U8, 3);
  private static final Node.Input BITS = new Node.Input("x", InputKind.BIPOLAR, 40);

  @Test
  void readsBytesWithCommasSpacesAndComments() {
    var vectors = VectorFile.read("v.vec", "# pixels\n1, 2,3\n\n255 0 7   # last\n", BYTES);
    assertEquals(List.of(InputVector.of(InputKind.U8, 1, 2, 3), InputVector.of(InputKind.U8, 255, 0, 7)), vectors);
  }

  @Test
  void linesOfOnlySeparatorsAreBlank() {
    var vectors = VectorFile.read("v.vec", ",\n , ,\n1,2,3\n", BYTES);
    assertEquals(List.of(InputVector.of(InputKind.U8, 1, 2, 3)), vectors);
  }

  @Test
  void readsPackedBipolarWords() {
    var vectors = VectorFile.read("v.vec", "0x80000001 0xff\n", BITS);
    var v = vectors.get(0);
    assertEquals(1, v.element(0));
    assertEquals(0, v.element(1));
    assertEquals(1, v.element(31));
    assertEquals(1, v.element(39));
    assertEquals(0, v.element(30));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void writeThenReadIsIdentity(long seed) {
    var network = RandomNetworks.network(seed);
    var vectors = RandomNetworks.vectors(seed, network, 5);
    assertEquals(vectors, VectorFile.read("v.vec", VectorFile.write(vectors), network.input()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "too few elements   | 1 2\\n          | u8      | VEC001 | 1 | 3",
    "too many elements  | 1 2 3 4\\n      | u8      | VEC001 | 1 | 7",
    "byte above 255     | 1 256 3\\n      | u8      | VEC002 | 1 | 3",
    "negative byte      | 1 2 -3\\n       | u8      | VEC002 | 1 | 5",
    "not a number       | 1 two 3\\n      | u8      | VEC003 | 1 | 3",
    "second line bad    | 1 2 3\\n1 2 x\\n | u8      | VEC003 | 2 | 5",
    "missing word       | 0x1\\n          | bipolar | VEC001 | 1 | 1",
    "decimal for word   | 1 0x0\\n        | bipolar | VEC003 | 1 | 1",
    "padding bits set   | 0x0 0x100\\n    | bipolar | VEC002 | 1 | 5",
    "empty file         | # nothing\\n    | u8      | VEC004 | 0 | 0",
  })
  void reportsBadVectorsWithCodeAndPosition(String what, String text, String kind, String code, int line, int column) {
    var input = kind.equals("u8") ? BYTES : BITS;
    var error = assertThrows(DiagnosticException.class,
        () -> VectorFile.read("v.vec", text.replace("\\n", "\n"), input));
    var first = error.diagnostics().get(0);
    assertEquals(code, first.code().code(), error.render());
    assertEquals(line, first.span().line(), error.render());
    assertEquals(column, first.span().column(), error.render());
  }

  @Test
  void errorCodesAreTheVectorFamily() {
    var error = assertThrows(DiagnosticException.class, () -> VectorFile.read("v.vec", "300 1 2\n", BYTES));
    assertEquals(ErrorCode.VECTOR_ELEMENT_RANGE, error.diagnostics().get(0).code());
  }
}
