package dev.brainblitz.train.cnn;

import dev.brainblitz.ir.Padding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BinaryCnnFileTest {
  @TempDir Path temp;

  static final String TINY = String.join("\n",
      "# a comment",
      "brain-blitz-binary-cnn 1",
      "name tiny",
      "input bipolar 4x4x1",
      "conv2d 2 kernel 3 stride 1 same -1",
      "  0x00000111",
      "  0x000001ee   # weights of channel 1",
      "  ge 5",
      "  le 3",
      "maxpool 2",
      "flatten",
      "dense 3",
      "  0x000000ff",
      "  0x00000000",
      "  0x00000055",
      "  ge 4",
      "  ge 0",
      "  le 9",
      "scores 2",
      "  0x00000005",
      "  0x00000002",
      "  bias 0 -1",
      "");

  @Test
  void readsTheDocumentedForm() {
    BinaryCnn cnn = BinaryCnnFile.parse(TINY, "tiny.bcnn");
    assertEquals("tiny", cnn.name());
    assertEquals(InputKind.BIPOLAR, cnn.inputKind());
    assertEquals(5, cnn.layers().size());
    var conv = (BinaryCnn.Conv) cnn.layers().get(0);
    assertEquals(Padding.same(-1), conv.padding());
    assertEquals(0x1ee, conv.weights().word(1, 0));
    assertEquals(3, conv.thresholds().threshold(1));
    assertEquals(2 * 9 + 3 * 8 + 2 * 3, cnn.weightBits());
    assertEquals(-1, cnn.scores().bias()[1]);
    String canonical = BinaryCnnFile.render(cnn, List.of());
    assertEquals(cnn, BinaryCnnFile.parse(canonical, "again.bcnn"));
    assertEquals(canonical, BinaryCnnFile.render(BinaryCnnFile.parse(canonical, "x"), List.of()), "stable");
  }

  @Test
  void randomNetworksRoundTripThroughTheFile() throws Exception {
    Random random = new Random(3);
    for (int k = 0; k < 40; k++) {
      BinaryCnn cnn = RandomCnns.network(random, random.nextBoolean() ? InputKind.U8 : InputKind.BIPOLAR,
          random.nextBoolean() ? Padding.Mode.SAME : Padding.Mode.VALID, 1 + random.nextInt(2));
      Path file = temp.resolve("n" + k + ".bcnn");
      BinaryCnnFile.write(cnn, List.of("made by a test"), file);
      assertTrue(Files.readString(file).startsWith("# made by a test\nbrain-blitz-binary-cnn 1\n"));
      assertEquals(cnn, BinaryCnnFile.read(file), "network " + k);
    }
  }

  /** Each bad file: the line to replace (1-based, in TINY), its replacement, the code, line:column. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "2 | brain-blitz-binary-cnn 2 | BIL003 | 2:24",
    "2 | brain-blitz-model 1 | BIL001 | 2:1",
    "3 | name 9lives | BIL060 | 3:6",
    "4 | input float 4x4x1 | BIL050 | 4:7",
    "4 | input bipolar 4x4 | BIL001 | 4:15",
    "5 | conv2d 2 kernel 3 stride 1 same 0 | DAT008 | 5:33",
    "5 | conv2d 2 kernel 3 stride 1 | BIL001 | 5:26",
    "5 | conv2d 2 kernel 5 stride 1 valid | DAT008 | 5:1",
    "6 | '  0x00000111 0x0' | BIL021 | 6:14",
    "6 | '  0x0000g111' | BIL022 | 6:3",
    "6 | '  0x00000611' | BIL023 | 6:3",
    "8 | '  gt 5' | BIL034 | 8:3",
    "8 | '  ge 11' | BIL031 | 8:6",
    "10 | maxpool 3 | DAT008 | 10:1",
    "11 | flattening | BIL001 | 11:1",
    "22 | '  bias 0' | BIL040 | 22:3",
    "22 | dense 2 | DAT008 | 19:1",
  })
  void badFilesAreDiagnosedWithTheirPosition(int line, String replacement, String code, String position) {
    String[] lines = TINY.split("\n", -1);
    lines[line - 1] = replacement;
    var e = assertThrows(DiagnosticException.class, () -> BinaryCnnFile.parse(String.join("\n", lines), "bad.bcnn"));
    var d = e.diagnostics().get(0);
    assertEquals(code, d.code().code(), d.toString());
    assertEquals(position, d.span().line() + ":" + d.span().column(), d.toString());
  }

  @Test
  void aTruncatedFileIsBil004() {
    String cut = TINY.substring(0, TINY.indexOf("  le 3"));
    var e = assertThrows(DiagnosticException.class, () -> BinaryCnnFile.parse(cut, "cut.bcnn"));
    assertEquals(ErrorCode.UNEXPECTED_EOF, e.diagnostics().get(0).code());
    String noScores = TINY.substring(0, TINY.indexOf("scores 2"));
    e = assertThrows(DiagnosticException.class, () -> BinaryCnnFile.parse(noScores, "cut.bcnn"));
    assertEquals(ErrorCode.UNEXPECTED_EOF, e.diagnostics().get(0).code());
  }

  @Test
  void aMissingFileIsBil090() {
    var e = assertThrows(DiagnosticException.class, () -> BinaryCnnFile.read(temp.resolve("none.bcnn")));
    assertEquals(ErrorCode.FILE_UNREADABLE, e.diagnostics().get(0).code());
  }
}
