package dev.brainblitz.ir.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.json.JsonModelReader;
import dev.brainblitz.ir.json.JsonModelWriter;
import dev.brainblitz.ir.text.TextModelReader;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON form of a convolutional model with one edit each: the diagnostic's code, and its line is
 * the edited one (the text form's codes are covered by the files in {@code src/test/resources/bad}).
 */
class ConvJsonErrorTest {
  private static final String MODEL = """
      bil 1
      model m {
        input x : u8[36]
        conv2d c1 : x -> 2 {
          image 6x6x1 kernel 3 stride 1 same 0
          0x00000111
          0x00000054
        }
        threshold t1 : c1 {
          ge 100
          le -50
        }
        maxpool p1 : t1 kernel 2
        conv2d c2 : p1 -> 1 {
          image 3x3x2 kernel 3 stride 1 valid
          0x0002aaaa
        }
        threshold t2 : c2 {
          ge 9
        }
        flatten f : t2
        scores out : f -> 2 {
          0x00000001
          0x00000000
        }
      }
      """;
  private static final String JSON = JsonModelWriter.write(TextModelReader.read("m.bil", MODEL).model());

  /** Each case: the edit, the code, and the text its diagnostic points at (its first occurrence after the edit). */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("\"pad\": 0", "\"pad\": -1", ErrorCode.BAD_PAD_VALUE, "\"c1\""),
        Arguments.of("\"padding\": \"same\"", "\"padding\": \"zero\"", ErrorCode.BAD_PAD_VALUE, "\"zero\""),
        Arguments.of("\"padding\": \"same\",\n      \"pad\": 0,", "\"padding\": \"same\",",
            ErrorCode.JSON_MISSING_FIELD, "{\n      \"op\": \"conv2d\""),
        Arguments.of("\"image\": [6, 6, 1]", "\"image\": [6, 6]", ErrorCode.JSON_TYPE, "[6, 6]"),
        Arguments.of("\"image\": [6, 6, 1]", "\"image\": [5, 6, 1]", ErrorCode.IMAGE_MISMATCH, "\"c1\""),
        Arguments.of("\"image\": [3, 3, 2]", "\"image\": [3, 3, 3]", ErrorCode.IMAGE_MISMATCH, "\"c2\""),
        Arguments.of("\"kernel\": 2", "\"kernel\": 4", ErrorCode.POOL_NOT_TILING, "\"p1\""),
        Arguments.of("\"kernel\": 2", "\"kernel\": 2, \"stride\": 2", ErrorCode.JSON_UNKNOWN_FIELD, "\"stride\": 2"),
        Arguments.of("\"source\": \"t2\"", "\"source\": \"c2\"", ErrorCode.WRONG_SOURCE_KIND, "\"f\""));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("cases")
  void reportsTheCodeAtTheEditedNode(String from, String to, ErrorCode code, String marker) {
    int at = JSON.indexOf(from);
    assertTrue(at >= 0, "'" + from + "' is not in\n" + JSON);
    String text = JSON.substring(0, at) + to + JSON.substring(at + from.length());
    var error = assertThrows(DiagnosticException.class, () -> JsonModelReader.read("m.json", text));
    var first = error.diagnostics().get(0);
    assertEquals(code, first.code(), error.render());
    int node = text.lastIndexOf("{\n      \"op\"", at);
    int where = text.indexOf(marker, node);
    int line = (int) text.substring(0, where).chars().filter(c -> c == '\n').count() + 1;
    int column = where - (text.lastIndexOf('\n', where - 1) + 1) + 1;
    assertEquals(line + ":" + column, first.span().line() + ":" + first.span().column(), error.render() + "\n" + text);
  }
}
