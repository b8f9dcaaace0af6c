package dev.brainblitz.riscv;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * GNU binutils for RISC-V, the reference our encodings must match. Tests that need it skip, loudly,
 * when it is missing; CI installs it (Debian package {@code binutils-riscv64-unknown-elf}).
 */
public final class Binutils {
  public static final String PREFIX = "riscv64-unknown-elf-";
  /** GNU as 2.40 needs zicsr and zifencei spelled out; zbb matches our subset's encodings. */
  public static final String MARCH = "-march=rv32im_zicsr_zifencei_zbb";

  private Binutils() {}

  public static void assumeInstalled() {
    assumeTrue(available(), "SKIPPED: " + PREFIX + "as/objdump not on PATH; install the Debian package "
        + "binutils-riscv64-unknown-elf to compare against GNU binutils 2.40");
  }

  private static boolean available() {
    try {
      return run(Path.of("."), List.of(PREFIX + "as", "--version")).startsWith("GNU assembler");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Runs a tool, returning its standard output; fails with its error output if it fails. */
  public static String run(Path directory, List<String> command) throws IOException {
    var builder = new ProcessBuilder(new ArrayList<>(command)).directory(directory.toFile());
    Path errors = Files.createTempFile("binutils", ".err");
    builder.redirectError(errors.toFile());
    Process process = builder.start();
    try {
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroy();
        throw new IOException(command + " timed out");
      }
      if (process.exitValue() != 0) {
        throw new IOException(command + " failed:\n" + Files.readString(errors));
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } finally {
      Files.deleteIfExists(errors);
    }
  }

  /** Assembles {@code source} with GNU as (no relaxation) into {@code object}. */
  public static void assemble(Path directory, String source, String object) throws IOException {
    run(directory, List.of(PREFIX + "as", MARCH, "-mabi=ilp32", "-mno-relax", source, "-o", object));
  }
}
