package dev.brainblitz.ir.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad JSON models, each the documented example ({@code tiny.json}, 40 lines) with one edit, and the
 * one diagnostic it must produce: its code and its {@code line:col}. Line numbers refer to the
 * example (see the test resource); columns are 1-based.
 */
class JsonModelErrorTest {
  private static final String TINY = resource("tiny.json");

  /**
   * One bad input: {@code text} must fail with {@code code} at {@code position}, and with exactly
   * the {@code consequences} after it (e.g. a node left unused by a dangling reference).
   */
  record Case(String name, String text, ErrorCode code, String position, List<String> consequences) {
    Case(String name, String text, ErrorCode code, String position) {
      this(name, text, code, position, List.of());
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** The example with the first occurrence of {@code from} replaced by {@code to}. */
  private static String edit(String from, String to) {
    int at = TINY.indexOf(from);
    if (at < 0) {
      throw new IllegalArgumentException("'" + from + "' is not in tiny.json");
    }
    return TINY.substring(0, at) + to + TINY.substring(at + from.length());
  }

  private static Case bad(String name, String from, String to, ErrorCode code, String position) {
    return new Case(name, edit(from, to), code, position);
  }

  static Stream<Case> cases() {
    return Stream.of(
        // JSON syntax
        new Case("empty file", "", ErrorCode.JSON_SYNTAX, "1:1"),
        new Case("truncated file", TINY.substring(0, TINY.indexOf("      \"source\": \"fc1\"")),
            ErrorCode.JSON_SYNTAX, "21:1"),
        new Case("content after the model", TINY + "{\"format\": \"again\"}\n", ErrorCode.JSON_SYNTAX, "41:1"),
        bad("missing comma", "\"source\": \"x\",", "\"source\": \"x\"", ErrorCode.JSON_SYNTAX, "11:7"),
        bad("field given twice", "\"size\": 5", "\"size\": 5, \"size\": 6", ErrorCode.JSON_SYNTAX, "6:64"),
        // Schema of the JSON form
        new Case("top level is an array", "[]\n", ErrorCode.JSON_BAD_FORMAT, "1:1"),
        bad("wrong format marker", "\"brain-blitz-model\"", "\"brain-blitz-float-model\"", ErrorCode.JSON_BAD_FORMAT,
            "2:13"),
        bad("unsupported version", "\"version\": 1", "\"version\": 2", ErrorCode.UNSUPPORTED_VERSION, "3:14"),
        bad("size is a string", "\"size\": 5", "\"size\": \"5\"", ErrorCode.JSON_TYPE, "6:61"),
        bad("size is not integral", "\"size\": 5", "\"size\": 5.5", ErrorCode.JSON_TYPE, "6:61"),
        bad("missing field", "      \"outputs\": 3,\n", "", ErrorCode.JSON_MISSING_FIELD, "7:5"),
        bad("missing op", "      \"op\": \"threshold\",\n", "", ErrorCode.JSON_MISSING_FIELD, "18:5"),
        bad("unknown field", "\"kind\": \"bipolar\", ", "\"kind\": \"bipolar\", \"stride\": 2, ",
            ErrorCode.JSON_UNKNOWN_FIELD, "6:53"),
        bad("unknown op", "\"op\": \"dense\"", "\"op\": \"conv\"", ErrorCode.JSON_UNKNOWN_OP, "8:13"),
        bad("weight row is a number", "\"0x00000005\"", "5", ErrorCode.JSON_TYPE, "34:9"),
        bad("threshold entry without a threshold", "[\"ge\", 1]", "[\"ge\"]", ErrorCode.JSON_TYPE, "25:9"),
        // Checks shared with the text form, pointing into the JSON
        bad("bad hex word inside a row string", "\"0x0000000a\"", "\" 0x0000000g\"", ErrorCode.BAD_HEX_WORD, "14:11"),
        bad("bad hex word in a row with escapes", "\"0x0000000a\"", "\"0x0000000\\u0067\"", ErrorCode.BAD_HEX_WORD,
            "14:9"),
        bad("row with too many words", "\"0x0000000a\"", "\"0x0000000a 0x00000000\"", ErrorCode.ROW_LENGTH_MISMATCH,
            "14:21"),
        bad("padding bits set", "\"0x0000001f\"", "\"0x0000003f\"", ErrorCode.PADDING_BITS_SET, "15:10"),
        bad("bad threshold direction", "[\"le\", 2]", "[\"lt\", 2]", ErrorCode.BAD_DIRECTION, "24:10"),
        bad("threshold too large for 64 bits", "[\"ge\", 3]", "[\"ge\", 99999999999999999999]",
            ErrorCode.NUMBER_OUT_OF_RANGE, "23:16"),
        bad("threshold of 2000 digits", "[\"ge\", 3]", "[\"ge\", " + "9".repeat(2000) + "]",
            ErrorCode.NUMBER_OUT_OF_RANGE, "23:16"),
        bad("threshold outside the accumulator range", "[\"ge\", 3]", "[\"ge\", 7]", ErrorCode.THRESHOLD_OUT_OF_RANGE,
            "23:16"),
        bad("unknown input kind", "\"bipolar\"", "\"ternary\"", ErrorCode.BAD_INPUT_KIND, "6:42"),
        bad("duplicate name", "\"name\": \"out\"", "\"name\": \"act1\"", ErrorCode.DUPLICATE_NAME, "30:15"),
        new Case("dangling reference", edit("\"source\": \"act1\"", "\"source\": \"act9\""),
            ErrorCode.UNKNOWN_REFERENCE, "30:15", List.of("BIL014 at 20:15")),
        bad("one bias too many", "\"bias\": [1, -1]", "\"bias\": [1, -1, 0]", ErrorCode.BIAS_COUNT_MISMATCH, "37:16"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void reportsTheErrorAtTheOffendingValue(Case bad) {
    var error = assertThrows(DiagnosticException.class, () -> JsonModelReader.read("tiny.json", bad.text()));
    List<String> found = error.diagnostics().stream().map(JsonModelErrorTest::describe).toList();
    var expected = new ArrayList<String>();
    expected.add(bad.code().code() + " at " + bad.position());
    expected.addAll(bad.consequences());
    assertEquals(expected, found, error.render());
  }

  private static String describe(Diagnostic d) {
    return d.code().code() + " at " + d.span().line() + ":" + d.span().column();
  }

  @Test
  void reportsEveryErrorOfTheFileTogether() {
    String text = edit("\"size\": 5", "\"size\": \"5\"").replace("\"op\": \"dense\"", "\"op\": \"conv\"");
    var error = assertThrows(DiagnosticException.class, () -> JsonModelReader.read("tiny.json", text));
    assertEquals(List.of("BIL071 at 6:61", "BIL074 at 8:13"),
        error.diagnostics().stream().map(JsonModelErrorTest::describe).toList());
    assertTrue(error.render().endsWith("2 errors\n"), error.render());
  }

  @Test
  void renderQuotesTheLineAndPutsACaretUnderTheValue() {
    var error = assertThrows(DiagnosticException.class,
        () -> JsonModelReader.read("tiny.json", edit("\"0x0000000a\"", "\"0x0000000a 0xZZ\"")));
    String expected = """
        tiny.json:14:21: error[BIL021]: row 1 of 'fc1' has 2 words; 5 inputs need 1 (5 bits, 32 per word)
           14 |         "0x0000000a 0xZZ",
              |                     ^^^^
        1 error
        """;
    assertEquals(expected, error.render());
  }

  @Test
  void jacksonMessagesLoseTheirOwnLocationSuffix() {
    var error = assertThrows(DiagnosticException.class,
        () -> JsonModelReader.read("tiny.json", TINY.substring(0, TINY.length() - 3)));
    Diagnostic only = error.diagnostics().get(0);
    assertEquals(ErrorCode.JSON_SYNTAX, only.code());
    assertTrue(!only.message().contains("Source:") && only.message().contains("start marker at 1:1"), only.message());
  }

  private static String resource(String name) {
    try (InputStream in = JsonModelErrorTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
