package dev.brainblitz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.testing.GoldenFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user sees it: outputs, exit statuses, error reports, files written. */
class BlitzTest {
  @TempDir Path temp;

  record Run(int status, String out, String err) {}

  static Run blitz(String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    int status = Blitz.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(status, out.toString(), err.toString());
  }

  static Path repo(String relative) {
    return GoldenFiles.repoRoot().resolve(relative);
  }

  /** A user error must never show a stack trace. */
  static void assertNoStackTrace(Run run) {
    assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), run.err());
  }

  @Test
  void versionAndHelp() {
    var version = blitz("--version");
    assertEquals(0, version.status());
    assertTrue(version.out().startsWith("blitz "), version.out());
    var help = blitz("--help");
    assertEquals(0, help.status());
    for (String command : new String[] {"check", "fmt", "convert", "infer", "verify", "demo"}) {
      assertTrue(help.out().contains(command), "help lists " + command);
    }
    // picocli warns on System.err about help text it cannot format (e.g. a lone '%').
    var stderr = new java.io.ByteArrayOutputStream();
    var saved = System.err;
    Run verifyHelp;
    try {
      System.setErr(new java.io.PrintStream(stderr, true, java.nio.charset.StandardCharsets.UTF_8));
      verifyHelp = blitz("verify", "--help");
    } finally {
      System.setErr(saved);
    }
    assertEquals(0, verifyHelp.status());
    assertEquals("", stderr.toString(java.nio.charset.StandardCharsets.UTF_8) + verifyHelp.err());
    assertTrue(verifyHelp.out().contains("with chance RATE in [0, 1)"), verifyHelp.out());
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(2, blitz().status());
    assertEquals(2, blitz("check").status());
    assertEquals(2, blitz("frobnicate").status());
    var run = blitz("verify", "tiny", "--vectors", "many");
    assertEquals(2, run.status());
    assertTrue(run.err().contains("--vectors"), run.err());
  }

  /** Deterministic outputs are golden files: regenerate with -Dblitz.updateGolden=true and review the diff. */
  @org.junit.jupiter.params.ParameterizedTest(name = "blitz {0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
    "check examples/models/tiny.bil                                  | check-tiny.out",
    "check examples/models/tiny-u8.bil                               | check-tiny-u8.out",
    "check examples/models/mlp784.bil                                | check-mlp784.out",
    "fmt examples/models/tiny.bil                                    | fmt-tiny.out",
    "infer examples/models/tiny.bil --input examples/vectors/tiny.vec | infer-tiny.out",
    "infer examples/models/tiny-u8.bil --input examples/vectors/tiny-u8.vec --csv | infer-tiny-u8.out",
    "opt --list                                                      | opt-list.out",
  })
  void deterministicOutputsMatchTheirGoldenFiles(String command, String golden) {
    String[] args = command.trim().split("\\s+");
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("examples/")) {
        args[i] = repo(args[i]).toString();
      }
    }
    var run = blitz(args);
    assertEquals(0, run.status(), run.err());
    GoldenFiles.assertMatches("cli/src/test/golden/" + golden.trim(), run.out());
  }

  @Test
  void checkReportsEveryErrorWithPositionAndNoStackTrace() throws IOException {
    Path bad = temp.resolve("bad.bil");
    Files.writeString(bad, "bil 1\nmodel m {\n  input x : bipolar[4]\n  scores out : y -> 1 {\n    0x1f\n  }\n}\n");
    var run = blitz("check", bad.toString());
    assertEquals(1, run.status());
    assertTrue(run.err().contains(bad + ":4:10: error[BIL011]"), run.err());
    assertTrue(run.err().contains(bad + ":3:9: error[BIL014]"), run.err());
    assertTrue(run.err().endsWith("2 errors\n"), run.err());
    assertNoStackTrace(run);
  }

  @Test
  void missingFileIsAUserError() {
    var run = blitz("check", temp.resolve("nope.bil").toString());
    assertEquals(1, run.status());
    assertTrue(run.err().contains("error[BIL090]"), run.err());
    assertNoStackTrace(run);
  }

  @Test
  void fmtPrintsCanonicalTextAndChecksIt() throws IOException {
    var run = blitz("fmt", "tiny");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().startsWith("bil 1\nmodel tiny {\n"), run.out());
    Path canonical = temp.resolve("canonical.bil");
    Files.writeString(canonical, run.out());
    assertEquals(0, blitz("fmt", "--check", canonical.toString()).status());
    // The bundled file has comments, so it is not canonical.
    assertEquals(1, blitz("fmt", "--check", repo("examples/models/tiny.bil").toString()).status());
  }

  @Test
  void convertRoundTripsThroughJson() throws IOException {
    Path json = temp.resolve("tiny.json");
    var run = blitz("convert", "tiny", "-o", json.toString());
    assertEquals(0, run.status(), run.err());
    Path back = temp.resolve("back.bil");
    assertEquals(0, blitz("convert", json.toString(), "-o", back.toString()).status());
    assertEquals(blitz("fmt", "tiny").out(), Files.readString(back));
    assertEquals(dev.brainblitz.examples.Examples.TINY.network(), ModelFiles.read(json));
  }

  @Test
  void convertLeavesNoPartialOutputOnError() throws IOException {
    Path bad = temp.resolve("bad.bil");
    Files.writeString(bad, "bil 1\nmodel m {\n  input x : bipolar[4]\n");
    Path out = temp.resolve("out.json");
    var run = blitz("convert", bad.toString(), "-o", out.toString());
    assertEquals(1, run.status());
    assertFalse(Files.exists(out));
    var unknown = blitz("convert", "tiny", "-o", temp.resolve("tiny.txt").toString());
    assertEquals(1, unknown.status());
    assertTrue(unknown.err().contains("error[BIL091]"), unknown.err());
    assertFalse(Files.exists(temp.resolve("tiny.txt")));
    try (var files = Files.list(temp)) {
      assertEquals(1, files.count(), "only the input file remains: no temporary files left behind");
    }
  }

  @Test
  void unwritableOutputsAreUserErrorsAndLeaveNothingBehind() throws IOException {
    // The output path is an existing directory.
    Path directory = Files.createDirectory(temp.resolve("out.json"));
    var intoDirectory = blitz("convert", "tiny", "-o", directory.toString());
    assertEquals(1, intoDirectory.status());
    assertTrue(intoDirectory.err().contains("error[BIL092]") && intoDirectory.err().contains("is a directory"),
        intoDirectory.err());
    assertNoStackTrace(intoDirectory);
    // A parent of the output path is a regular file.
    Path file = Files.writeString(temp.resolve("plain-file"), "x");
    var underFile = blitz("convert", "tiny", "-o", file.resolve("tiny.json").toString());
    assertEquals(1, underFile.status());
    assertTrue(underFile.err().contains("error[BIL092]"), underFile.err());
    assertNoStackTrace(underFile);
    // The same for fmt, fold and opt, which write through the same path.
    Path bilDirectory = Files.createDirectory(temp.resolve("out.bil"));
    assertEquals(1, blitz("fmt", "tiny", "-o", bilDirectory.toString()).status());
    assertEquals(1, blitz("opt", "tiny", "-o", bilDirectory.toString()).status());
    assertEquals(1, blitz("fold", repo("examples/floats/tiny-float.json").toString(), "-o", bilDirectory.toString()).status());
    try (var files = Files.list(temp)) {
      assertEquals(List.of("out.bil", "out.json", "plain-file"),
          files.map(p -> p.getFileName().toString()).sorted().toList(), "nothing else was written, no temporary files");
    }
    try (var files = Files.list(directory)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void writtenFilesAreWorldReadableLikeAnyOtherTool() throws IOException {
    Path out = temp.resolve("tiny.bil");
    assertEquals(0, blitz("fmt", "tiny", "-o", out.toString()).status());
    if (out.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    }
  }

  @Test
  void fmtWritesOnlyTextAndChecksOnlyTextFiles() throws IOException {
    var json = blitz("fmt", "tiny", "-o", temp.resolve("tiny.json").toString());
    assertEquals(1, json.status());
    assertFalse(Files.exists(temp.resolve("tiny.json")));
    assertEquals(1, blitz("fmt", "--check", "tiny").status(), "the bundled tiny.bil has comments");
    Path jsonModel = temp.resolve("m.json");
    assertEquals(0, blitz("convert", "tiny", "-o", jsonModel.toString()).status());
    var checkJson = blitz("fmt", "--check", jsonModel.toString());
    assertEquals(1, checkJson.status());
    assertTrue(checkJson.err().contains("is not a .bil file"), checkJson.err());
  }

  @Test
  void modelArgumentHelpNamesEveryBundledExample() {
    for (String name : dev.brainblitz.examples.Examples.shortNames()) {
      assertTrue(ModelArgument.DESCRIPTION.contains(name), name);
    }
  }

  @Test
  void unknownTargetsFailBeforeAnyRun() {
    var run = blitz("verify", "mlp784", "--targets", "golden,nonsense", "--vectors", "100000");
    assertEquals(2, run.status(), "an unknown target is a usage error");
    assertFalse(run.out().contains("(reference)"), "nothing ran: " + run.out());
  }

  @Test
  void tooManyRandomVectorsIsAUsageError() {
    var run = blitz("verify", "mlp784", "--vectors", "2000000000");
    assertEquals(2, run.status());
    assertTrue(run.err().contains("--vectors must be in 1..10000000, got 2000000000"), run.err());
  }

  /** The classes and scores of examples/vectors/tiny.vec are worked out by hand in TinyExampleTest. */
  @Test
  void inferPrintsClassesAndScoresComputedByHand() {
    for (String target : new String[] {"golden", "engine"}) {
      var run = blitz("infer", "tiny", "--input", repo("examples/vectors/tiny.vec").toString(), "--target", target);
      assertEquals(0, run.status(), run.err());
      assertEquals("""
          # vector  class  scores
          0  0  2 2
          1  1  1 3
          2  1  1 3
          3  0  3 1
          4  1  1 3
          """, run.out(), target);
    }
  }

  @Test
  void inferReportsBadVectorsWithPosition() throws IOException {
    Path vectors = temp.resolve("bad.vec");
    Files.writeString(vectors, "1 2 3\n1 2 300\n");
    var run = blitz("infer", "tiny-u8", "--input", vectors.toString());
    assertEquals(1, run.status());
    assertTrue(run.err().contains(vectors + ":2:5: error[VEC002]"), run.err());
    assertNoStackTrace(run);
  }

  @Test
  void verifyAgreesAndReports() {
    var run = blitz("verify", "mlp784", "--targets", "golden,engine", "--vectors", "40", "--seed", "3");
    assertEquals(0, run.status(), run.out() + run.err());
    assertTrue(run.out().startsWith("verify mlp784: 40 random vectors (seed 3), reference golden\n"), run.out());
    assertTrue(run.out().contains("OK: golden, engine agree bit-exactly on 40 vectors"), run.out());
  }

  @Test
  void verifyExitsWithOneAndShowsTheFirstMismatch() {
    var run = blitz("verify", "tiny-u8", "--targets", "golden,faulty:3", "--vectors", "10", "--seed", "4");
    assertEquals(1, run.status(), run.out());
    assertTrue(run.out().contains("MISMATCH: faulty:3 differs from golden on 3 of 10 vectors; first at vector 2:"), run.out());
    var golden = new dev.brainblitz.ir.golden.GoldenModel(dev.brainblitz.examples.Examples.TINY_U8.network());
    var vector = dev.brainblitz.ir.random.RandomNetworks.vectors(4, golden.network(), 10).get(2);
    var expected = golden.infer(vector);
    assertTrue(run.out().contains("golden     " + expected), run.out());
    assertTrue(run.out().contains("vector (vectors-file form): " + vector.element(0) + " " + vector.element(1) + " "
        + vector.element(2) + "\n"), run.out());
  }

  @Test
  void aBugIsAnInternalErrorWithItsStackTrace() {
    var run = blitz("verify", "tiny", "--targets", "golden,crash", "--vectors", "3");
    assertEquals(3, run.status(), run.err());
    assertTrue(run.err().startsWith("blitz: internal error: this is a bug in blitz"), run.err());
    assertTrue(run.err().contains("java.lang.IllegalStateException: simulated bug in a backend"), run.err());
    assertTrue(run.err().contains("\tat dev.brainblitz."), run.err());
  }

  /** The README's RISC-V example: assembles, and passes its own checks on the simulator. */
  @Test
  void theXbnnExampleProgramPassesOnTheSimulator() {
    Path elf = temp.resolve("xnorpop.elf");
    assertEquals(0, blitz("asm", repo("examples/riscv/xnorpop.S").toString(), "-o", elf.toString()).status());
    var run = blitz("sim", elf.toString(), "--timing", "cv32e40p");
    assertEquals(0, run.status(), run.out() + run.err());
    assertTrue((run.out() + run.err()).contains("PASS"), run.out() + run.err());
  }

  @Test
  void verifyNeedsTwoKnownTargets() {
    var one = blitz("verify", "tiny", "--targets", "golden");
    assertEquals(2, one.status());
    assertTrue(one.err().contains("at least two targets"), one.err());
    var unknown = blitz("verify", "tiny", "--targets", "golden,fpga");
    assertEquals(2, unknown.status());
    assertTrue(unknown.err().contains("unknown target 'fpga'"), unknown.err());
    assertNoStackTrace(unknown);
  }

  @Test
  void benchTimesTheEngineAndRejectsSillyDurations() {
    var run = blitz("bench", "tiny", "--seconds", "0.3");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().matches("(?s)engine on tiny, one thread, after warm-up:\n  batch 1: +[0-9.]+ us per inference.*"),
        run.out());
    assertEquals(2, blitz("bench", "tiny", "--seconds", "0").status());
    assertEquals(2, blitz("bench", "tiny", "--seconds", "NaN").status());
  }

  /**
   * examples/floats/tiny-float.json folded by hand: neuron 0 has weights (0.5, -0.25, 0) -> + - +
   * (0x5) and fires when (dot - 0.5) / sqrt(1 + 1e-5) >= 0, i.e. dot >= 1, i.e. popcount >= 2; neuron
   * 1 has (-1, 2, 0.125) -> - + + (0x6) and gamma -2: -(dot + 1.5) + 0.25 >= 0 only for dot = -3,
   * i.e. popcount <= 0.
   */
  @Test
  void foldBinarizesAFloatModelExactly() throws IOException {
    Path out = temp.resolve("tiny-float.bil");
    var run = blitz("fold", repo("examples/floats/tiny-float.json").toString(), "-o", out.toString());
    assertEquals(0, run.status(), run.err());
    assertEquals("""
        bil 1
        model tinyf {
          input x : bipolar[3]

          dense fc1 : x -> 2 {
            0x00000005
            0x00000006
          }

          threshold act1 : fc1 {
            ge 2
            le 0
          }

          scores out : act1 -> 2 {
            0x00000001
            0x00000003
            bias 1 -2
          }
        }
        """, Files.readString(out));
  }

  @Test
  void foldReportsBadFloatFilesWithPosition() throws IOException {
    Path bad = temp.resolve("bad-float.json");
    Files.writeString(bad, Files.readString(repo("examples/floats/tiny-float.json")).replace("\"variance\": [1.0, 4.0]", "\"variance\": [1.0, -4.0]"));
    Path out = temp.resolve("out.bil");
    var run = blitz("fold", bad.toString(), "-o", out.toString());
    assertEquals(1, run.status(), run.out());
    assertTrue(run.err().contains("error[BIL081]"), run.err());
    assertFalse(Files.exists(out));
    assertNoStackTrace(run);
  }

  @Test
  void optRemovesDeadNeuronsWithoutChangingResults() throws IOException {
    Path out = temp.resolve("pruned.bil");
    var run = blitz("opt", "mlp784", "-o", out.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("remove-dead-neurons: 268,800 -> "), run.out());
    var pruned = new dev.brainblitz.ir.golden.GoldenModel(ModelFiles.read(out));
    var original = new dev.brainblitz.ir.golden.GoldenModel(dev.brainblitz.examples.Examples.MLP784.network());
    for (var vector : dev.brainblitz.ir.random.RandomNetworks.vectors(5, original.network(), 20)) {
      assertEquals(original.infer(vector), pruned.infer(vector));
    }
    assertEquals(2, blitz("opt", "tiny", "--pass", "no-such-pass", "-o", temp.resolve("x.bil").toString()).status());
  }
}
