package dev.brainblitz.cli;

import static dev.brainblitz.cli.BlitzTest.assertNoStackTrace;
import static dev.brainblitz.cli.BlitzTest.blitz;
import static dev.brainblitz.cli.BlitzTest.repo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.testing.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user hits (issue 16): names that shadow bundled models, outputs that would destroy
 * inputs, links and special files as outputs, errors without a file or code, line ends and byte
 * order marks, JSON's NaN, control characters in names, help texts.
 */
class RoughEdgesTest {
  @TempDir Path temp;

  private String tinyText() throws IOException {
    return Files.readString(repo("examples/models/tiny.bil"));
  }

  @Test
  void aDirectoryNamedLikeABundledModelDoesNotHideIt() throws IOException {
    Path dir = temp.resolve("tiny");
    // blitz verilog tiny -o tiny, twice: the second run reads the bundled model, not the directory.
    var first = blitz("verilog", "tiny", "-o", dir.toString());
    assertEquals(0, first.status(), first.err());
    var user = System.getProperty("user.dir");
    var second = blitz("check", dir.toString());
    assertEquals(Blitz.USER_ERROR, second.status(), "a directory path is not a model: " + second.err());
    assertTrue(second.err().contains("BIL091"), second.err());
    assertTrue(user != null);
  }

  @Test
  void theBundledModelIsUsedAndTheNoteSaysSo() throws IOException {
    // The working directory of the test is the module's; a file named 'tiny' there is created and removed.
    Path file = Path.of("tiny").toAbsolutePath();
    assertFalse(Files.exists(file), "the test needs no file named tiny in " + file.getParent());
    try {
      Files.writeString(file, "not a model");
      var run = blitz("check", "tiny");
      assertEquals(0, run.status(), run.err());
      assertTrue(run.out().contains("model tiny: valid"), run.out());
      assertTrue(run.err().contains("note: 'tiny' is the bundled example tiny.bil; the file ./tiny is not a model file"),
          run.err());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  void aRegularModelFileWinsOverNothingAndUnknownNamesAreBil091() throws IOException {
    Path model = temp.resolve("mine.bil");
    Files.writeString(model, tinyText());
    assertEquals(0, blitz("check", model.toString()).status());
    var unknown = blitz("check", temp.resolve("nosuch").toString());
    assertEquals(Blitz.USER_ERROR, unknown.status());
    assertTrue(unknown.err().contains("error[BIL091]") && unknown.err().contains("nor a bundled example"), unknown.err());
  }

  @Test
  void noCommandWritesOverItsInput() throws IOException {
    Path model = temp.resolve("m.bil");
    Files.writeString(model, tinyText());
    Path floats = temp.resolve("f.json");
    Files.copy(repo("examples/floats/tiny-float.json"), floats);
    Path source = temp.resolve("s.S");
    Files.copy(repo("examples/riscv/xnorpop.S"), source);
    byte[] before = Files.readAllBytes(model);
    byte[] floatsBefore = Files.readAllBytes(floats);
    List<String[]> cases = List.of(
        new String[] {"riscv", model.toString(), "--isa", "rv32im", "-o", model.toString()},
        new String[] {"riscv", model.toString(), "--isa", "rv32im", "-o", temp.resolve("k.S").toString(), "--header",
            model.toString()},
        new String[] {"convert", model.toString(), "-o", model.toString()},
        new String[] {"convert", model.toString(), "-o", temp.resolve(".").resolve("m.bil").toString()},
        new String[] {"fmt", model.toString(), "-o", model.toString()},
        new String[] {"opt", model.toString(), "-o", model.toString()},
        new String[] {"export", model.toString(), "-o", model.toString()},
        new String[] {"fold", floats.toString(), "-o", floats.toString()},
        new String[] {"asm", source.toString(), "-o", source.toString()},
        new String[] {"verilog", model.toString(), "-o", model.toString()},
        new String[] {"fpga", model.toString(), "--device", "up5k", "-o", model.toString()},
        new String[] {"c-baseline", model.toString(), "-o", model.toString()});
    for (String[] args : cases) {
      var run = blitz(args);
      assertEquals(Blitz.USAGE_ERROR, run.status(), String.join(" ", args) + ": " + run.err());
      assertTrue(run.err().contains("is an input of this command"), run.err());
      assertNoStackTrace(run);
    }
    assertArrayEquals(before, Files.readAllBytes(model));
    assertArrayEquals(floatsBefore, Files.readAllBytes(floats));
    assertEquals(Files.readString(repo("examples/riscv/xnorpop.S")), Files.readString(source));
    try (Stream<Path> files = Files.list(temp)) {
      assertEquals(List.of("f.json", "m.bil", "s.S"), files.map(p -> p.getFileName().toString()).sorted().toList(),
          "no output and no temporary file");
    }
  }

  /**
   * The commands that write a directory of files refuse an -o that is a file, or inside one,
   * before any work (for fpga: before minutes of synthesis), with the path as the user gave it.
   */
  @Test
  void aDirectoryOutputThatIsAFileIsRefusedBeforeAnyWork() throws IOException {
    Path file = Files.writeString(temp.resolve("notes.txt"), "mine");
    Path inside = file.resolve("sub");
    List<String[]> cases = List.of(
        new String[] {"verilog", "tiny", "-o", file.toString()},
        new String[] {"fpga", "tiny", "--device", "up5k", "-o", file.toString()},
        new String[] {"c-baseline", "tiny", "-o", file.toString()},
        new String[] {"demo", "--no-rtl", "--no-fpga", "-o", file.toString()},
        new String[] {"verilog", "tiny", "-o", inside.toString()},
        new String[] {"fpga", "tiny", "--device", "up5k", "-o", inside.toString()},
        new String[] {"c-baseline", "tiny", "-o", inside.toString()},
        new String[] {"demo", "--no-rtl", "--no-fpga", "-o", inside.toString()});
    for (String[] args : cases) {
      var run = blitz(args);
      assertEquals(Blitz.USAGE_ERROR, run.status(), String.join(" ", args) + ": " + run.err());
      String output = args[args.length - 1];
      assertTrue(run.err().contains(output.equals(file.toString())
          ? "-o '" + file + "' is a file; this command writes a directory of files there"
          : "-o '" + inside + "' is inside '" + file + "', which is a file"), run.err());
      assertEquals("", run.out(), "nothing ran");
      assertNoStackTrace(run);
    }
    // A relative -o is named as given.
    Path here = Path.of("").toAbsolutePath();
    Path relative = here.relativize(inside);
    var run = blitz("verilog", "tiny", "-o", relative.toString());
    assertEquals(Blitz.USAGE_ERROR, run.status(), run.err());
    assertTrue(run.err().contains("-o '" + relative + "' is inside '" + here.relativize(file) + "', which is a file"),
        run.err());
    assertEquals("mine", Files.readString(file));
  }

  @Test
  void anOutputThatIsALinkIsWrittenThrough() throws IOException {
    Path real = temp.resolve("real.bil");
    Files.writeString(real, "old");
    Path link = temp.resolve("link.bil");
    Files.createSymbolicLink(link, real.getFileName());
    var run = blitz("convert", "tiny", "-o", link.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(Files.isSymbolicLink(link), "the link stays a link");
    assertTrue(Files.readString(real).contains("model tiny"), "the file it points to holds the model");
  }

  @Test
  void anOutputThatIsAFifoIsRefused() throws Exception {
    ExternalTools.require("mkfifo", "coreutils", "RoughEdgesTest.anOutputThatIsAFifoIsRefused");
    Path fifo = temp.resolve("fifo.bil");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    var run = blitz("convert", "tiny", "-o", fifo.toString());
    assertEquals(Blitz.USER_ERROR, run.status(), run.err());
    assertTrue(run.err().contains("BIL092") && run.err().contains("not a regular file"), run.err());
    assertFalse(Files.isRegularFile(fifo), "the FIFO stays a FIFO");
    try (Stream<Path> files = Files.list(temp)) {
      assertEquals(1, files.count(), "no temporary file left");
    }
  }

  @Test
  void aWaveformIntoAMissingDirectoryFailsBeforeAnyWork() {
    var run = blitz("verify", "tiny", "--targets", "golden,rtl", "--vcd", temp.resolve("nodir/x.vcd").toString());
    assertEquals(Blitz.USER_ERROR, run.status(), run.out() + run.err());
    assertTrue(run.err().contains("BIL092") && run.err().contains("does not exist"), run.err());
    assertEquals("", run.out());
  }

  @Test
  void foldErrorsNameTheFileAndTheField() throws IOException {
    Path floats = temp.resolve("bad.json");
    String text = Files.readString(repo("examples/floats/tiny-float.json"));
    // A finite float model whose batch-norm overflows a double when folded: only FoldBatchNorm sees it.
    Files.writeString(floats, text.replace("\"bias\": [0.0, 0.5]", "\"bias\": [1.7e308, 0.5]")
        .replace("\"mean\": [0.5, -1.0]", "\"mean\": [-1.7e308, -1.0]"));
    var run = blitz("fold", floats.toString(), "-o", temp.resolve("out.bil").toString());
    assertEquals(Blitz.USER_ERROR, run.status(), run.out() + run.err());
    assertFalse(run.err().contains("<memory>"), run.err());
    assertTrue(run.err().startsWith(floats + ": error[BIL08"), run.err());
    assertTrue(run.err().contains("layer 1"), run.err());
    assertNoStackTrace(run);
  }

  @Test
  void aShortThresholdTableIsBil030() throws IOException {
    Path model = temp.resolve("short.bil");
    Files.writeString(model, tinyText().replace("    ge 4\n", ""));
    var run = blitz("check", model.toString());
    assertEquals(Blitz.USER_ERROR, run.status());
    assertTrue(run.err().startsWith(model + ":14:13: error[BIL030]: threshold 'act1' has 2 entries but 'fc1' has 3 neurons"),
        run.err());
    assertFalse(run.err().contains("BIL023"), run.err());
  }

  @Test
  void byteOrderMarksAndOldMacLineEndsAreAccepted() throws IOException {
    Path bom = temp.resolve("bom.bil");
    Files.write(bom, ("\ufeff" + tinyText()).getBytes(StandardCharsets.UTF_8));
    Path cr = temp.resolve("cr.bil");
    Files.writeString(cr, tinyText().replace('\n', '\r'));
    Path crlf = temp.resolve("crlf.bil");
    Files.writeString(crlf, tinyText().replace("\n", "\r\n"));
    Path json = temp.resolve("bom.json");
    assertEquals(0, blitz("convert", "tiny", "-o", json.toString()).status());
    Files.write(json, ("\ufeff" + Files.readString(json)).getBytes(StandardCharsets.UTF_8));
    for (Path p : List.of(bom, cr, crlf, json)) {
      var run = blitz("check", p.toString());
      assertEquals(0, run.status(), p + ": " + run.err());
    }
    // Positions stay those an editor shows: line 14 of the CR-only file.
    Files.writeString(cr, tinyText().replace("    ge 4\n", "").replace('\n', '\r'));
    assertTrue(blitz("check", cr.toString()).err().startsWith(cr + ":14:13: error[BIL030]"));
    // fmt --check still tells the file is not in canonical form.
    Path canonical = temp.resolve("c.bil");
    assertEquals(0, blitz("fmt", "tiny", "-o", canonical.toString()).status());
    assertEquals(0, blitz("fmt", "--check", canonical.toString()).status());
    Files.writeString(canonical, Files.readString(canonical).replace('\n', '\r'));
    assertEquals(Blitz.USER_ERROR, blitz("fmt", "--check", canonical.toString()).status());
  }

  @Test
  void fmtCheckOnAnUnreadableFileIsAnErrorWithACode() throws IOException {
    Path dir = Files.createDirectory(temp.resolve("dir.bil"));
    var run = blitz("fmt", "--check", dir.toString());
    assertEquals(Blitz.USER_ERROR, run.status());
    assertTrue(run.err().contains("error[BIL090]") && !run.err().contains("canonical"), run.err());
  }

  @Test
  void nanInJsonGetsOurOwnMessage() throws IOException {
    Path json = temp.resolve("nan.json");
    Files.writeString(json, "{\"format\": \"brain-blitz-model\", \"version\": 1, \"name\": NaN}");
    var run = blitz("check", json.toString());
    assertEquals(Blitz.USER_ERROR, run.status());
    assertTrue(run.err().contains("NaN is not a JSON number"), run.err());
    assertFalse(run.err().contains("ALLOW_NON_NUMERIC_NUMBERS") || run.err().contains("JsonReadFeature"), run.err());
  }

  @Test
  void controlCharactersInNamesAreEscaped() throws IOException {
    Path json = temp.resolve("evil.json");
    assertEquals(0, blitz("convert", "tiny", "-o", json.toString()).status());
    Files.writeString(json, Files.readString(json).replace("\"fc1\"", "\"f\\nc\\u001b1\""));
    var run = blitz("check", json.toString());
    assertEquals(Blitz.USER_ERROR, run.status());
    assertTrue(run.err().contains("name 'f\\nc\\u001b1' is not an identifier"), run.err());
    assertFalse(run.err().contains("\u001b"), run.err());
    for (String line : run.err().split("\n")) {
      assertTrue(line.startsWith(json.toString()) || line.matches("^ *[0-9]* \\|.*") || line.matches("\\d+ errors?"),
          "every line is a headline, an excerpt or the count: '" + line + "'");
    }
  }

  @Test
  void helpTextsKeepSentencesTogether() {
    var run = blitz("fpga", "--help");
    assertEquals(0, run.status());
    String flat = run.out().replace('\n', ' ');
    assertTrue(flat.contains("Build a model's hardware for an FPGA with the open tools (docs/fpga.md): Yosys synthesis, "
        + "and for iCE40 nextpnr-ice40 place and route and an icepack bitstream."), run.out());
    // Each printed line of a description is filled to the usage width (80) unless it ends a sentence.
    String[] lines = run.out().split("\n");
    for (int i = 1; i + 1 < lines.length && !lines[i + 1].startsWith(" "); i++) {
      String line = lines[i];
      if (!line.startsWith(" ") && !line.endsWith(".") && !line.endsWith(":")) {
        assertTrue(line.length() + 1 + lines[i + 1].split(" ")[0].length() > 80, "line cut early: '" + line + "'");
      }
    }
  }
}
