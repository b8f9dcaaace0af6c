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
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {
  /** Each family of codes is documented in one file: the table of that file lists exactly its codes. */
  static final Map<String, String> DOCUMENT_OF_FAMILY = Map.of(
      "BIL", "docs/il.md",
      "VEC", "docs/il.md",
      "HDL", "docs/il.md",
      "ASM", "docs/asm.md",
      "SIM", "docs/sim.md",
      "DAT", "docs/train.md",
      "ONX", "docs/onnx.md",
      "NPY", "docs/onnx.md",
      "FPG", "docs/fpga.md",
      "FLT", "docs/faults.md");

  static String family(ErrorCode code) {
    return code.code().substring(0, 3);
  }

  @Test
  void codesAreUniqueAndWellFormed() {
    var seen = new HashSet<String>();
    for (ErrorCode code : ErrorCode.values()) {
      assertTrue(code.code().matches("[A-Z]{3}\\d{3}"), code.code());
      assertTrue(DOCUMENT_OF_FAMILY.containsKey(family(code)), "no document for family of " + code.code());
      assertTrue(seen.add(code.code()), "duplicate code " + code.code());
    }
  }

  /** Every code a user can see has exactly one row in the error table of its family's document. */
  @Test
  void everyCodeIsDocumentedExactlyOnce() throws IOException {
    for (String document : new java.util.TreeSet<>(DOCUMENT_OF_FAMILY.values())) {
      var families = DOCUMENT_OF_FAMILY.entrySet().stream().filter(e -> e.getValue().equals(document))
          .map(Map.Entry::getKey).sorted().toList();
      String doc = Files.readString(GoldenFiles.repoRoot().resolve(document));
      var rows = Pattern.compile("^\\| ((?:" + String.join("|", families) + ")\\d{3}) \\|", Pattern.MULTILINE)
          .matcher(doc).results().map(m -> m.group(1)).sorted().toList();
      var codes = Arrays.stream(ErrorCode.values()).filter(c -> families.contains(family(c))).map(ErrorCode::code)
          .sorted().toList();
      assertEquals(codes, rows, document + "'s error table must list every " + families + " code exactly once");
    }
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
