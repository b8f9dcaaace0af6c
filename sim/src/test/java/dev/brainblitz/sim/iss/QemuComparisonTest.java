package dev.brainblitz.sim.iss;

import dev.brainblitz.ir.testing.ExternalTools;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.riscv.asm.Assembler;
import dev.brainblitz.riscv.asm.MemoryMap;
import dev.brainblitz.riscv.elf.ElfFile;
import dev.brainblitz.riscv.elf.ElfWriter;
import dev.brainblitz.riscv.isa.Registers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random straight-line and looping programs run in our ISS and in qemu-riscv32 (user mode,
 * {@code -cpu rv32,zbb=true}): both must print the same final registers and data buffer.
 */
class QemuComparisonTest {
  static final String QEMU = "qemu-riscv32";
  @TempDir static Path temp;

  @BeforeAll
  static void needQemu() {
    ExternalTools.require(QEMU, "qemu-user", "QemuComparisonTest");
  }

  static LongStream straightLine() {
    return LongStream.range(1, 31);
  }

  static LongStream looping() {
    return LongStream.range(1001, 1021);
  }

  @ParameterizedTest(name = "straight-line seed {0}")
  @MethodSource("straightLine")
  void straightLine(long seed) throws Exception {
    compare(seed, RandomPrograms.generate(seed, 300, false));
  }

  @ParameterizedTest(name = "looping seed {0}")
  @MethodSource("looping")
  void looping(long seed) throws Exception {
    compare(seed, RandomPrograms.generate(seed, 60, true));
  }

  private static void compare(long seed, String source) throws IOException, InterruptedException {
    byte[] elf = ElfWriter.write(Assembler.assemble("random-" + seed + ".S", source, new MemoryMap(0x10000)));
    var out = new ByteArrayOutputStream();
    SimResult ours = Hart.load("random.elf", ElfFile.read("random.elf", elf), SimConfig.defaults().withOutput(out, out)).run();
    assertEquals(SimResult.Status.PASS, ours.status(), ours.summary());
    assertEquals(RandomPrograms.DUMP, out.size(), "our run must print the dump");

    Path file = temp.resolve("random-" + seed + ".elf");
    Files.write(file, elf);
    file.toFile().setExecutable(true);
    Process p = new ProcessBuilder(QEMU, "-cpu", "rv32,zbb=true", file.toString()).redirectErrorStream(true).start();
    byte[] theirs = p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("qemu timed out on seed " + seed);
    }
    assertEquals(0, p.exitValue(), () -> "qemu failed on seed " + seed + ": " + new String(theirs));
    assertEquals(describe(theirs), describe(out.toByteArray()), "seed " + seed + "; program:\n" + source);
  }

  /** The dump as text (one line per register, then the buffer's words), so a failure reads as a diff. */
  private static String describe(byte[] dump) {
    if (dump.length != RandomPrograms.DUMP) {
      return "not a dump (" + dump.length + " bytes): " + new String(dump);
    }
    ByteBuffer b = ByteBuffer.wrap(dump).order(ByteOrder.LITTLE_ENDIAN);
    StringBuilder s = new StringBuilder();
    for (int reg = 1; reg < 32; reg++) {
      if (reg != 2) {
        s.append(Registers.abiName(reg)).append(String.format("=%08x%n", b.getInt(RandomPrograms.BUFFER + 4 * reg)));
      }
    }
    for (int i = 0; i < RandomPrograms.BUFFER; i += 4) {
      s.append(String.format("buffer[%d]=%08x%n", i, b.getInt(i)));
    }
    return s.toString();
  }
}
