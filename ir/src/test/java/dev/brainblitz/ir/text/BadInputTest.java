package dev.brainblitz.ir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.diag.DiagnosticException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in {@code src/test/resources/bad} is a malformed model that states the diagnostics it
 * must produce in its own comments, as {@code # expect BIL021 at 6:16} lines (in any order). The
 * test asserts exactly those codes at exactly those positions, no more and no less, and that the
 * rendered report quotes each line with a caret.
 */
class BadInputTest {
  private static final Pattern EXPECT = Pattern.compile("# expect (\\w+) at (\\d+):(\\d+)");

  static Stream<Path> badFiles() throws IOException, URISyntaxException {
    Path dir = Path.of(BadInputTest.class.getResource("/bad").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> found = files.filter(p -> p.toString().endsWith(".bil")).sorted().toList();
      assertTrue(found.size() >= 20, "expected at least 20 malformed inputs, found " + found.size());
      return found.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void reportsExactlyTheExpectedDiagnostics(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<String> expected = EXPECT.matcher(text).results()
        .map(m -> m.group(1) + " at " + m.group(2) + ":" + m.group(3))
        .sorted()
        .toList();
    assertTrue(!expected.isEmpty(), file + " has no '# expect' line");

    String name = file.getFileName().toString();
    var error = assertThrows(DiagnosticException.class, () -> TextModelReader.read(name, text));
    List<String> actual = error.diagnostics().stream()
        .map(d -> d.code().code() + " at " + d.span().line() + ":" + d.span().column())
        .sorted()
        .toList();
    assertEquals(expected, actual, () -> "diagnostics of " + name + ":\n" + error.render());

    String report = error.render();
    for (var d : error.diagnostics()) {
      assertTrue(report.contains(name + ":" + d.span().line() + ":" + d.span().column() + ": error[" + d.code().code() + "]"), report);
    }
    assertTrue(report.contains("^"), "the report marks the column with a caret:\n" + report);
    int count = error.diagnostics().size();
    assertTrue(report.endsWith(count + (count == 1 ? " error\n" : " errors\n")), report);
  }

  /** The expectation syntax itself is checked, so a typo in a test file cannot pass silently. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void everyExpectLineIsWellFormed(Path file) throws IOException {
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("# expect")) {
        Matcher m = EXPECT.matcher(line);
        assertTrue(m.matches(), file + ": malformed expectation '" + line + "'");
      }
    }
  }
}
