package dev.brainblitz.cli;

import static dev.brainblitz.cli.BlitzTest.assertNoStackTrace;
import static dev.brainblitz.cli.BlitzTest.blitz;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code blitz riscv}, and its kernels through {@code blitz asm}, {@code blitz sim} and {@code blitz verify}. */
class RiscvCommandTest {
  @TempDir Path temp;

  @ParameterizedTest
  @ValueSource(strings = {"rv32im", "rv32im_zbb", "rv32im_xbnn"})
  void harnessAssemblesAndPassesOnTheSimulator(String isa) throws IOException {
    Path source = temp.resolve("tiny-" + isa + ".S");
    Path header = temp.resolve("tiny.h");
    var run = blitz("riscv", "tiny", "--isa", isa, "-o", source.toString(), "--harness", "--header", header.toString());
    assertEquals(0, run.status(), run.err());
    assertEquals("wrote " + source + " (tiny_infer for " + isa + ", with a harness over 16 vectors)\nwrote " + header + "\n",
        run.out());
    assertTrue(Files.readString(source).contains("tiny_infer:"));
    assertTrue(Files.readString(header).contains("int tiny_infer(const uint8_t *input, int32_t *scores);"));
    Path elf = temp.resolve("tiny.elf");
    assertEquals(0, blitz("asm", source.toString(), "-o", elf.toString()).status());
    var sim = blitz("sim", elf.toString(), "--timing", "cv32e40p");
    assertEquals(0, sim.status(), sim.err());
    assertTrue(sim.err().contains("PASS"), sim.err());
  }

  @Test
  void reportNamesTheMethodOfEachLayer() {
    var run = blitz("riscv", "mlp784", "--isa", "rv32im_xbnn", "-o", temp.resolve("m.S").toString(), "--report");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("mlp784_layer1               784      256 bit-planes         6400"), run.out());
    assertTrue(run.out().contains("mlp784_layer2               256      256 xnor-pop           2048"), run.out());
    assertTrue(run.out().contains("u8 layer: bit planes, estimated 92,131 instructions per inference (add/sub about 1,008,672)"),
        run.out());
    var tiny = blitz("riscv", "tiny-u8", "--isa", "rv32im_xbnn", "-o", temp.resolve("t.S").toString(), "--report");
    assertTrue(tiny.out().contains("tiny_u8_layer1                3        2 add-sub"), tiny.out());
    assertTrue(tiny.out().contains("u8 layer: add/sub, estimated 58 instructions per inference (bit planes about 169)"),
        tiny.out());
  }

  @Test
  void unknownIsaIsAUsageErrorAndWritesNothing() {
    Path out = temp.resolve("x.S");
    var run = blitz("riscv", "tiny", "--isa", "rv64gc", "-o", out.toString());
    assertEquals(2, run.status());
    assertTrue(run.err().contains("unknown --isa 'rv64gc'; choose one of rv32im, rv32im_zbb, rv32im_xbnn"), run.err());
    assertFalse(Files.exists(out));
    assertNoStackTrace(run);
    var missing = blitz("riscv", "tiny", "-o", out.toString());
    assertEquals(2, missing.status());
    assertTrue(missing.err().contains("--isa"), missing.err());
  }

  @Test
  void unwritableOutputIsAUserError() throws IOException {
    Path file = Files.writeString(temp.resolve("file"), "a file, not a directory");
    var run = blitz("riscv", "tiny", "--isa", "rv32im", "-o", file.resolve("x.S").toString());
    assertEquals(1, run.status());
    assertTrue(run.err().contains("BIL092"), run.err());
    assertNoStackTrace(run);
  }

  @Test
  void headerThatCannotBeWrittenLeavesNoAssembly() throws IOException {
    Path source = temp.resolve("k.S");
    Path directory = Files.createDirectory(temp.resolve("k.h"));
    var run = blitz("riscv", "tiny", "--isa", "rv32im", "-o", source.toString(), "--header", directory.toString());
    assertEquals(1, run.status());
    assertTrue(run.err().contains("error[BIL092]: cannot write '" + directory + "': it is a directory"), run.err());
    assertNoStackTrace(run);
    assertFalse(Files.exists(source));
    try (var files = Files.list(temp)) {
      assertEquals(List.of(directory), files.toList(), "no staged file is left behind");
    }
  }

  @Test
  void headerOverTheAssemblyIsAUsageError() {
    Path source = temp.resolve("k.S");
    var run = blitz("riscv", "tiny", "--isa", "rv32im", "-o", source.toString(), "--header", temp.resolve("./k.S").toString());
    assertEquals(2, run.status());
    assertTrue(run.err().contains("is an input of this command"), run.err());
    assertTrue(run.err().contains("choose another --header"), run.err());
    assertFalse(Files.exists(source));
  }

  @Test
  void outputBelowAFileNamesTheOutput() throws IOException {
    Path file = Files.writeString(temp.resolve("file"), "x");
    Path source = file.resolve("sub/k.S");
    var run = blitz("riscv", "tiny", "--isa", "rv32im", "-o", source.toString());
    assertEquals(1, run.status());
    assertTrue(run.err().contains("cannot write '" + source + "': '" + file + "' exists and is not a directory"),
        run.err());
    assertNoStackTrace(run);
  }

  @Test
  void headerIsAProperCHeaderForCAndCpp() throws IOException {
    Path header = temp.resolve("tiny.h");
    assertEquals(0, blitz("riscv", "tiny", "--isa", "rv32im", "-o", temp.resolve("t.S").toString(),
        "--header", header.toString()).status());
    String text = Files.readString(header);
    assertTrue(text.startsWith("/* tiny_infer: the network 'tiny' lowered by brain-blitz for rv32im. */\n"
        + "#ifndef TINY_INFER_H\n#define TINY_INFER_H\n\n#include <stdint.h>\n\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n"),
        text);
    assertTrue(text.endsWith("int tiny_infer(const uint8_t *input, int32_t *scores);\n\n#ifdef __cplusplus\n}\n#endif\n\n"
        + "#endif /* TINY_INFER_H */\n"), text);
  }

  @Test
  void harnessOptionsWithoutHarnessAreUsageErrors() {
    Path out = temp.resolve("x.S");
    for (String[] extra : new String[][] {{"--vectors", "4"}, {"--seed", "7"}}) {
      var run = blitz("riscv", "tiny", "--isa", "rv32im", "-o", out.toString(), extra[0], extra[1]);
      assertEquals(2, run.status(), run.err());
      assertTrue(run.err().contains("--vectors, --seed and --harness-exit need --harness"), run.err());
      assertFalse(Files.exists(out));
    }
    var zero = blitz("riscv", "tiny", "--isa", "rv32im", "-o", out.toString(), "--harness", "--vectors", "0");
    assertEquals(2, zero.status());
    assertTrue(zero.err().contains("--vectors must be at least 1"), zero.err());
    assertFalse(Files.exists(out));
  }

  /** mlp784: 784 bytes per vector plus 44 bytes of results; 256 MiB less 1 MiB and .rodata hold 322,887. */
  @Test
  void harnessWithoutRoomForItsVectorsIsRefused() {
    Path out = temp.resolve("m.S");
    var run = blitz("riscv", "mlp784", "--isa", "rv32im", "-o", out.toString(), "--harness", "--vectors", "400000");
    assertEquals(1, run.status());
    assertEquals("blitz: error: --harness --vectors 400000 needs 331200000 bytes for the vectors and results of mlp784,"
        + " more than the 256 MiB RAM of 'blitz sim' holds (docs/sim.md); use at most 322887\n", run.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void verifyRunsEveryIsaLevelAgainstTheGoldenModel() {
    var run = blitz("verify", "tiny-u8", "--targets", "golden,iss:rv32im,iss:rv32im_zbb,iss:rv32im_xbnn",
        "--timing", "ideal", "--vectors", "200");
    assertEquals(0, run.status(), run.out() + run.err());
    assertTrue(run.out().contains("OK: golden, iss:rv32im, iss:rv32im_zbb, iss:rv32im_xbnn agree bit-exactly on 200 vectors"),
        run.out());
    String table = run.out().substring(run.out().indexOf("  measured"));
    assertTrue(table.matches("  measured +unit +iss:rv32im  iss:rv32im_zbb  iss:rv32im_xbnn\n(?s).*"), run.out());
    assertTrue(table.matches("(?s).*\n  time +cycles/inference +[0-9]+\\.[0-9] .*"), table);
    assertTrue(table.matches("(?s).*\n  code +bytes +[0-9]+ .*"), table);
    assertTrue(table.contains("(.../inference: the mean over the 200 vectors)\n"
        + "  (instructions per weight word: counted on the first vector, in those layers only)\n"
        + "  (iss cycles: the ideal timing model)\nOK: "), table);
    var unused = blitz("verify", "tiny", "--timing", "picorv32", "--vectors", "2");
    assertEquals(2, unused.status());
    assertTrue(unused.err().contains("--timing applies to the iss:<isa> targets, and --targets names none"), unused.err());
    var bad = blitz("verify", "tiny", "--targets", "golden,iss:rv32im", "--timing", "fast", "--vectors", "2");
    assertEquals(2, bad.status());
    assertTrue(bad.err().contains("unknown timing model 'fast'"), bad.err());
    assertNoStackTrace(bad);
  }
}
