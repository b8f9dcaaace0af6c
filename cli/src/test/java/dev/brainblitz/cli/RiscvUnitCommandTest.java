package dev.brainblitz.cli;

import static dev.brainblitz.cli.BlitzTest.assertNoStackTrace;
import static dev.brainblitz.cli.BlitzTest.blitz;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.testing.GoldenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blitz riscv-unit} as a user runs it. */
class RiscvUnitCommandTest {
  @TempDir Path temp;

  @Test
  void writesTheUnitsVerilog() throws IOException {
    Path dir = temp.resolve("unit");
    var run = blitz("riscv-unit", "-o", dir.toString());
    assertEquals(0, run.status(), run.err());
    Path file = dir.resolve("xbnn_unit.v");
    assertEquals("wrote " + file + "\ntop module xbnn_unit; function ids: xnorpop 0x000, xnorpopacc 0x001\n", run.out());
    assertEquals(Files.readString(GoldenFiles.repoRoot().resolve("riscv/src/test/resources/golden/xbnn_unit.v")),
        Files.readString(file));
    try (var listing = Files.list(dir)) {
      assertEquals(1, listing.count());
    }
  }

  @Test
  void pcpiInterfaceWritesTheAdapterNextToTheUnit() throws IOException {
    Path dir = temp.resolve("pcpi");
    var run = blitz("riscv-unit", "--interface", "pcpi", "-o", dir.toString());
    assertEquals(0, run.status(), run.err());
    assertEquals("wrote " + dir.resolve("xbnn_unit.v") + "\nwrote " + dir.resolve("xbnn_pcpi.v")
        + "\ntop module xbnn_pcpi; function ids: xnorpop 0x000, xnorpopacc 0x001\n", run.out());
    for (String name : new String[] {"xbnn_unit.v", "xbnn_pcpi.v"}) {
      assertEquals(Files.readString(GoldenFiles.repoRoot().resolve("riscv/src/test/resources/golden/" + name)),
          Files.readString(dir.resolve(name)), name);
    }
  }

  @Test
  void unknownInterfaceIsAUsageError() {
    Path dir = temp.resolve("axi");
    var run = blitz("riscv-unit", "--interface", "axi", "-o", dir.toString());
    assertEquals(2, run.status());
    assertTrue(run.err().contains("unknown --interface 'axi'; choose one of cfu, pcpi"), run.err());
    assertFalse(Files.exists(dir));
  }

  @Test
  void unwritableDirectoryIsAUserError() throws IOException {
    Path blocker = temp.resolve("file");
    Files.writeString(blocker, "x");
    var run = blitz("riscv-unit", "-o", blocker.toString());
    assertEquals(1, run.status());
    assertTrue(run.err().contains("BIL092"), run.err());
    assertNoStackTrace(run);
    assertFalse(Files.isDirectory(blocker));
  }
}
