package dev.brainblitz.ir.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.testing.GoldenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {
  @Test
  void codesAreUniqueAndWellFormed() {
    var seen = new HashSet<String>();
    for (ErrorCode code : ErrorCode.values()) {
      assertTrue(code.code().matches("(BIL|VEC|ASM|SIM)\\d{3}"), code.code());
      assertTrue(seen.add(code.code()), "duplicate code " + code.code());
    }
  }

  /** docs/il.md has exactly one table row per code, so every code a user can see is documented. */
  @Test
  void everyCodeIsDocumentedInIlMd() throws IOException {
    String doc = Files.readString(GoldenFiles.repoRoot().resolve("docs/il.md"));
    var rows = Pattern.compile("^\\| ((?:BIL|VEC)\\d{3}) \\|", Pattern.MULTILINE).matcher(doc).results()
        .map(m -> m.group(1)).sorted().toList();
    var codes = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).filter(c -> !c.startsWith("ASM") && !c.startsWith("SIM"))
        .sorted().toList();
    assertEquals(codes, rows, "docs/il.md's error table must list every BIL and VEC ErrorCode exactly once");
  }

  /** docs/asm.md has exactly one table row per ASM code. */
  @Test
  void everyAsmCodeIsDocumentedInAsmMd() throws IOException {
    String doc = Files.readString(GoldenFiles.repoRoot().resolve("docs/asm.md"));
    var rows = Pattern.compile("^\\| (ASM\\d{3}) \\|", Pattern.MULTILINE).matcher(doc).results()
        .map(m -> m.group(1)).sorted().toList();
    var codes = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).filter(c -> c.startsWith("ASM"))
        .sorted().toList();
    assertEquals(codes, rows, "docs/asm.md's error table must list every ASM ErrorCode exactly once");
  }

  /** docs/sim.md has exactly one table row per SIM code. */
  @Test
  void everySimCodeIsDocumentedInSimMd() throws IOException {
    String doc = Files.readString(GoldenFiles.repoRoot().resolve("docs/sim.md"));
    var rows = Pattern.compile("^\\| (SIM\\d{3}) \\|", Pattern.MULTILINE).matcher(doc).results()
        .map(m -> m.group(1)).sorted().toList();
    var codes = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).filter(c -> c.startsWith("SIM"))
        .sorted().toList();
    assertEquals(codes, rows, "docs/sim.md's error table must list every SIM ErrorCode exactly once");
  }

  @Test
  void rendersHeadlineSourceLineAndCaret() {
    var sources = SourceTexts.of("m.bil", "bil 1\nmodel m {\n\tinput x : int8[4]\n}\n");
    var d = new Diagnostic(ErrorCode.BAD_INPUT_KIND, SourceSpan.of("m.bil", 3, 12, 4), "unknown input kind 'int8'");
    assertEquals("""
        m.bil:3:12: error[BIL050]: unknown input kind 'int8'
            3 |  input x : int8[4]
              |            ^^^^
        1 error
        """, DiagnosticRenderer.render(List.of(d), sources));
  }

  @Test
  void rendersSeveralErrorsAndFileLevelOnes() {
    var a = new Diagnostic(ErrorCode.FILE_UNREADABLE, SourceSpan.wholeFile("x.bil"), "cannot read 'x.bil': no such file");
    var b = new Diagnostic(ErrorCode.SYNTAX, SourceSpan.of("y.bil", 9, 1, 1), "unexpected '}'");
    assertEquals("""
        x.bil: error[BIL090]: cannot read 'x.bil': no such file
        y.bil:9:1: error[BIL001]: unexpected '}'
        2 errors
        """, DiagnosticRenderer.render(List.of(a, b), SourceTexts.NONE));
  }
}
