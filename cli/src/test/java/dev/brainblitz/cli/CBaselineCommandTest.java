package dev.brainblitz.cli;

import static dev.brainblitz.cli.BlitzTest.assertNoStackTrace;
import static dev.brainblitz.cli.BlitzTest.blitz;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.random.RandomNetworks;
import dev.brainblitz.ir.testing.GoldenFiles;
import dev.brainblitz.riscv.baseline.CBaseline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blitz c-baseline} as a user runs it (building and running the C is sim's CBaselineTest). */
class CBaselineCommandTest {
  @TempDir Path temp;

  @Test
  void writesNetworkAndVectors() throws IOException {
    Path dir = temp.resolve("cb");
    var run = blitz("c-baseline", "tiny-u8", "-o", dir.toString(), "--vectors", "5", "--seed", "9");
    assertEquals(0, run.status(), run.err());
    assertEquals("wrote " + dir.resolve("network.c") + " and " + dir.resolve("vectors.h") + " (5 vectors)\n", run.out());
    Network network = ModelFiles.read(GoldenFiles.repoRoot().resolve("examples/models/tiny-u8.bil"));
    assertEquals(CBaseline.networkSource(network), Files.readString(dir.resolve("network.c")));
    assertEquals(CBaseline.vectorsHeader(network, RandomNetworks.vectors(9, network, 5)),
        Files.readString(dir.resolve("vectors.h")));
  }

  @Test
  void badVectorCountIsAUserError() {
    var run = blitz("c-baseline", "tiny", "-o", temp.resolve("x").toString(), "--vectors", "0");
    assertEquals(2, run.status());
    assertTrue(run.err().contains("--vectors must be in 1..100000"), run.err());
    assertNoStackTrace(run);
    assertTrue(Files.notExists(temp.resolve("x")));
  }

  @Test
  void writesBothFilesOrNeither() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("cb/vectors.h"));
    var run = blitz("c-baseline", "tiny", "-o", temp.resolve("cb").toString());
    assertEquals(1, run.status());
    assertTrue(run.err().contains("error[BIL092]: cannot write '" + dir + "': it is a directory"), run.err());
    assertNoStackTrace(run);
    try (var files = Files.list(temp.resolve("cb"))) {
      assertEquals(List.of(dir), files.toList(), "network.c is not written, no staged file is left");
    }
  }

  @Test
  void aFailureRemovesTheDirectoriesItMade() throws IOException {
    // "new" can be made, its subdirectory cannot: its name is longer than file systems allow.
    var run = blitz("c-baseline", "tiny", "-o", temp.resolve("new/" + "d".repeat(300)).toString());
    assertEquals(1, run.status());
    assertNoStackTrace(run);
    assertTrue(Files.notExists(temp.resolve("new")), "the directory 'new' made on the way is removed");
  }

  @Test
  void helpNamesBothVariants() {
    var run = blitz("c-baseline", "--help");
    assertEquals(0, run.status());
    String help = run.out().replaceAll("\\s+", " "); // picocli wraps the description where it likes
    assertTrue(help.contains("'make -C bench/c-baseline GEN=DIR' builds DIR/bnn.elf"), run.out());
    assertTrue(help.contains("'make -C bench/c-baseline GEN=DIR VARIANT=tuned' DIR/bnn-tuned.elf"), run.out());
  }

  @Test
  void aMistypedExampleNameSaysWhatIsAccepted() {
    var run = blitz("c-baseline", "mlp78", "-o", temp.resolve("x").toString());
    assertEquals(1, run.status());
    assertEquals("mlp78: error[BIL091]: 'mlp78' is neither a model file (.bil or .json) nor a bundled example"
        + " (tiny, tiny-u8, mlp784, fashion-mlp, fashion-mlp-fault-aware, fashion-up5k, fashion-cnn, fashion-cnn-wide, fashion-cnn-up5k)\n1 error\n", run.err());
    assertTrue(Files.notExists(temp.resolve("x")));
  }
}
