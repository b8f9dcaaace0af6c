package dev.brainblitz.ir.floats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.random.RandomFloatModels;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float model file form: round trips, and bad files (each the example {@code tinyf.json},
 * 29 lines, with one edit) with the code and {@code line:col} of their one diagnostic.
 */
class FloatModelJsonTest {
  private static final String TINY = resource("tinyf.json");

  static LongStream seeds() {
    return LongStream.range(0, 220);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void readOfWriteIsIdentityAndWritingIsStable(long seed) {
    FloatModel model = RandomFloatModels.model(seed);
    String json = FloatModelJson.write(model);
    FloatModel read = FloatModelJson.read("random.json", json);
    assertEquals(model, read);
    assertEquals(json, FloatModelJson.write(model));
    assertEquals(json, FloatModelJson.write(read));
  }

  @Test
  void theExampleIsWhatTheWriterProduces() {
    assertEquals(TINY, FloatModelJson.write(TinyFloatModel.model()));
    assertEquals(TinyFloatModel.model(), FloatModelJson.read("tinyf.json", TINY));
  }

  @Test
  void integersAndExponentsAreNumbersToo() {
    String text = TINY.replace("\"bias\": [1.0, -2.0]", "\"bias\": [1, -2e0]").replace("1.0E-5", "0.00001");
    assertEquals(TinyFloatModel.model(), FloatModelJson.read("tinyf.json", text));
  }

  record Case(String name, String from, String to, ErrorCode code, String position) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("NaN as a string", "\"gamma\": [1.0, -2.0]", "\"gamma\": [\"NaN\", -2.0]", ErrorCode.FLOAT_NOT_FINITE,
            "14:19"),
        new Case("literal too large for a double", "\"beta\": [0.0, 0.25]", "\"beta\": [0.0, 1e999]",
            ErrorCode.FLOAT_NOT_FINITE, "15:23"),
        new Case("bare NaN is not JSON", "\"gamma\": [1.0, -2.0]", "\"gamma\": [NaN, -2.0]", ErrorCode.JSON_SYNTAX,
            "14:22"),
        new Case("negative variance", "\"variance\": [1.0, 4.0]", "\"variance\": [1.0, -4.0]",
            ErrorCode.FLOAT_NOT_FINITE, "17:27"),
        new Case("epsilon is a string", "\"epsilon\": 1.0E-5", "\"epsilon\": \"1e-5\"", ErrorCode.JSON_TYPE, "18:20"),
        new Case("weight row too short", "[-1.0, 2.0, 0.125]", "[-1.0, 2.0]", ErrorCode.FLOAT_SHAPE, "10:9"),
        new Case("bias of the wrong length", "\"bias\": [0.0, 0.5]", "\"bias\": [0.0]", ErrorCode.FLOAT_SHAPE, "12:15"),
        new Case("gamma of the wrong length", "\"gamma\": [1.0, -2.0]", "\"gamma\": [1.0]", ErrorCode.FLOAT_SHAPE,
            "14:18"),
        new Case("layer without neurons",
            "\"weights\": [\n        [0.5, -0.25, 0.0],\n        [-1.0, 2.0, 0.125]\n      ]", "\"weights\": []",
            ErrorCode.FLOAT_SHAPE, "8:18"),
        new Case("score row wider than the layer", "[1.0, -1.0]", "[1.0, -1.0, 3.0]", ErrorCode.FLOAT_SHAPE, "24:7"),
        new Case("fractional score bias", "\"bias\": [1.0, -2.0]", "\"bias\": [1.5, -2.0]", ErrorCode.FLOAT_SCORE_BIAS,
            "27:14"),
        new Case("score bias beyond 32 bits", "\"bias\": [1.0, -2.0]", "\"bias\": [1.0, -3e9]",
            ErrorCode.FLOAT_SCORE_BIAS, "27:19"),
        new Case("unknown batch-norm field", "\"epsilon\": 1.0E-5", "\"epsilon\": 1.0E-5, \"momentum\": 0.1",
            ErrorCode.JSON_UNKNOWN_FIELD, "18:28"),
        new Case("missing batch-norm field", "        \"mean\": [0.5, -1.0],\n", "", ErrorCode.JSON_MISSING_FIELD,
            "13:20"),
        new Case("wrong format marker", "\"brain-blitz-float-model\"", "\"brain-blitz-model\"",
            ErrorCode.JSON_BAD_FORMAT, "2:13"),
        new Case("unknown input kind", "\"bipolar\"", "\"ternary\"", ErrorCode.BAD_INPUT_KIND, "5:21"),
        new Case("input size zero", "\"size\": 3", "\"size\": 0", ErrorCode.BAD_SIZE, "5:40"),
        new Case("input size beyond 64 bits", "\"size\": 3", "\"size\": 30000000000000000000", ErrorCode.NUMBER_OUT_OF_RANGE,
            "5:40"),
        new Case("name is not an identifier", "\"tinyf\"", "\"tiny-f\"", ErrorCode.BAD_NAME, "4:11"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void reportsTheErrorAtTheOffendingValue(Case bad) {
    if (!TINY.contains(bad.from())) {
      throw new IllegalArgumentException("'" + bad.from() + "' is not in tinyf.json");
    }
    String text = TINY.replaceFirst(Pattern.quote(bad.from()), Matcher.quoteReplacement(bad.to()));
    var error = assertThrows(DiagnosticException.class, () -> FloatModelJson.read("tinyf.json", text));
    assertEquals(List.of(bad.code().code() + " at " + bad.position()),
        error.diagnostics().stream().map(FloatModelJsonTest::describe).toList(), error.render());
  }

  @Test
  void zeroVarianceNeedsAPositiveEpsilon() {
    String text = TINY.replace("\"variance\": [1.0, 4.0]", "\"variance\": [0.0, 4.0]").replace("1.0E-5", "0.0");
    var error = assertThrows(DiagnosticException.class, () -> FloatModelJson.read("tinyf.json", text));
    assertEquals(List.of("BIL081 at 17:22"), error.diagnostics().stream().map(FloatModelJsonTest::describe).toList());
  }

  private static String describe(Diagnostic d) {
    return d.code().code() + " at " + d.span().line() + ":" + d.span().column();
  }

  private static String resource(String name) {
    try (InputStream in = FloatModelJsonTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
