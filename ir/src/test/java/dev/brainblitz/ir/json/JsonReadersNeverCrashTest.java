package dev.brainblitz.ir.json;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.floats.FloatModelJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random damage to valid files (characters deleted, duplicated, replaced, or the file cut short)
 * must end in a model or in diagnostics that point into the file: never in another exception.
 */
class JsonReadersNeverCrashTest {
  private static final String MODEL = resource("tiny.json");
  private static final String FLOAT_MODEL = resource("../floats/tinyf.json");
  private static final String ALPHABET = "{}[]\":,-.0123456789eExabcfgl \n\\u";

  static IntStream seeds() {
    return IntStream.range(0, 800);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void damagedModelFilesGiveDiagnostics(int seed) {
    check(JsonModelReader::read, damage(MODEL, new Random(seed)));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void damagedFloatModelFilesGiveDiagnostics(int seed) {
    check(FloatModelJson::read, damage(FLOAT_MODEL, new Random(seed)));
  }

  private static void check(BiFunction<String, String, ?> read, String text) {
    try {
      read.apply("damaged.json", text);
    } catch (DiagnosticException e) {
      assertTrue(e.diagnostics().stream().allMatch(d -> d.span().isKnown()), e.render());
      assertTrue(e.render().contains("damaged.json:"), e.render());
    }
  }

  private static String damage(String text, Random random) {
    StringBuilder damaged = new StringBuilder(text);
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && damaged.length() > 0; e++) {
      int at = random.nextInt(damaged.length());
      switch (random.nextInt(4)) {
        case 0 -> damaged.deleteCharAt(at);
        case 1 -> damaged.insert(at, damaged.charAt(at));
        case 2 -> damaged.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        default -> damaged.setLength(at);
      }
    }
    return damaged.toString();
  }

  private static String resource(String name) {
    try (InputStream in = JsonReadersNeverCrashTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
