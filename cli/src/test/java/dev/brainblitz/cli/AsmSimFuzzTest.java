package dev.brainblitz.cli;

import static dev.brainblitz.cli.BlitzTest.blitz;
import static dev.brainblitz.cli.BlitzTest.repo;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.brainblitz.riscv.asm.Assembler;
import dev.brainblitz.riscv.asm.MemoryMap;
import dev.brainblitz.riscv.elf.ElfWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutants of assembly sources and ELF files through {@code blitz asm}, {@code disasm} and
 * {@code sim}: every run must end with exit 0 or 1 (never 3), print no stack trace and finish in
 * seconds. 700 assembly and 500 ELF mutants in the suite; {@code -Dblitz.fuzzMutants=N} runs N of
 * each (docs/asm.md).
 */
class AsmSimFuzzTest {
  @TempDir Path temp;

  /** How each command ended, over all mutants ("asm exit 1" -> count), printed after the run. */
  private static final Map<String, Integer> outcomes = new TreeMap<>();

  @AfterAll
  static void printOutcomes() {
    System.out.println("AsmSimFuzzTest outcomes: " + outcomes);
  }

  private static final String[] SEEDS = {
    "riscv/src/test/resources/asm/every-form.S",
    "riscv/src/test/resources/asm/gnu-syntax.S",
    "sim/src/test/resources/programs/traps.S",
    "sim/src/test/resources/programs/csrs.S",
    "sim/src/test/resources/programs/htif-console.S",
    "sim/src/test/resources/programs/hello.S",
    "bench/riscv/popcount.S",
  };

  /** Pieces a mutation puts in: what parsers trip on. */
  private static final String[] WORDS = {
    "a0", "x31", "zero", "q9", "0", "-1", "4096", "2048", "-2049", "0x7fffffff", "0x80000000", "0xffffffffffffffff",
    "99999999999999999999999", "-9223372036854775808", "1 << 63", "1 >> 64", "_start", "1b", "1f", ".", ".Lx", "tohost",
    "%hi(", "%lo(", "%pcrel_lo(1b)", "%got_pcrel_hi(x)", "(", ")", "~", "!", "<<", "/", "% 0", "'", "\"", ";", "#", ":",
    ",", "\\", "\\@", "@plt", ",,", "'a", "\"\\x", "mstatus", "satp", "iorw", "", " ", "\t",
  };

  private static final String[] LINES = {
    ".rept 3", ".endr", ".macro m a", ".endm", "m 1", ".irp r, a0, a1", ".irpc c, 123", ".exitm", ".p2align 4,,15",
    ".balign 8", ".align 20", ".section .bss", ".section \"x\"", ".section .y, \"ax\"", ".pushsection .data", ".popsection",
    ".previous", ".org 0", ".org . + 16", ".fill 3, 8, -1", ".uleb128 .Le - .Ls", ".sleb128 -1", ".zero 100000000",
    ".space 1 << 40", ".comm big, 1000000000", ".lcomm huge, 2000000000, 8", ".fill 1000000, 8, 1", ".set x, . + 4", ".set x, x + 1", ".equiv x, 1", ".equ y, y", ".comm c, 4, 8", ".lcomm l, 3",
    ".weak w", "call w", ".local c", ".option pic", "la a0, c", ".option pop", ".globl _start", ".dword -1",
    ".insn r 0x33, 0, 0, a0, a1, a2", ".insn 4, 0", "unimp", "li a0, 0x123456789", "lw a0, sym", "sw a0, sym, t0",
    "jump 1f, t0", "1:", ".Ls:", ".Le:", "sym: .word sym", "tohost: .dword 0", "fromhost: .dword 0",
    "la t0, tohost; li t1, 0x01010000; sw t1, 4(t0); li t1, 65; sw t1, 0(t0)", "j .", "ecall", "csrw mtvec, 8",
  };

  private static int mutants(int suiteDefault) {
    String configured = System.getProperty("blitz.fuzzMutants", "");
    return configured.isBlank() || configured.contains("${") ? suiteDefault : Integer.parseInt(configured);
  }

  @Test
  void assemblyMutants() throws IOException {
    List<String> seeds = new ArrayList<>();
    for (String seed : SEEDS) {
      seeds.add(Files.readString(repo(seed)));
    }
    Random random = new Random(16);
    int n = mutants(700);
    for (int i = 0; i < n; i++) {
      String mutant = mutate(seeds.get(random.nextInt(seeds.size())), random);
      Path source = temp.resolve("m.S");
      Files.writeString(source, mutant);
      Path elf = temp.resolve("m.elf");
      Files.deleteIfExists(elf);
      String label = "assembly mutant " + i;
      check("assembly", label, mutant, "asm", source.toString(), "-o", elf.toString());
      if (Files.exists(elf)) {
        check("assembly", label, mutant, "disasm", elf.toString());
        check("assembly", label, mutant, "sim", elf.toString(), "--max-cycles", "20000");
      }
    }
  }

  @Test
  void elfMutants() throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    for (String seed : SEEDS) {
      try {
        seeds.add(ElfWriter.write(Assembler.assemble(seed, Files.readString(repo(seed)))));
        seeds.add(ElfWriter.write(Assembler.assemble(seed, Files.readString(repo(seed)),
            new MemoryMap(0x10000).withDataOnOwnPage(true))));
      } catch (RuntimeException e) {
        throw new AssertionError(seed + " no longer assembles", e);
      }
    }
    Random random = new Random(18);
    int n = mutants(500);
    for (int i = 0; i < n; i++) {
      byte[] mutant = mutate(seeds.get(random.nextInt(seeds.size())), random);
      Path elf = temp.resolve("m.elf");
      Files.write(elf, mutant);
      String label = "ELF mutant " + i;
      check("ELF", label, null, "disasm", elf.toString());
      check("ELF", label, null, "sim", elf.toString(), "--max-cycles", "20000");
    }
  }

  /** Runs blitz; fails the test on exit 2 or 3, a stack trace, or a run longer than 60 s. */
  private static void check(String kind, String label, String source, String... args) {
    BlitzTest.Run run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> blitz(args),
        () -> label + " hangs: blitz " + String.join(" ", args) + describe(source));
    if (run.status() != 0 && run.status() != 1 || run.err().contains("\tat ") || run.err().contains("Exception")) {
      throw new AssertionError(label + ": blitz " + String.join(" ", args) + " exited " + run.status() + "\n"
          + run.err().substring(0, Math.min(4000, run.err().length())) + describe(source));
    }
    synchronized (outcomes) {
      outcomes.merge(kind + " mutants: " + args[0] + " exit " + run.status(), 1, Integer::sum);
    }
  }

  private static String describe(String source) {
    return source == null ? "" : "\n--- source ---\n" + source.substring(0, Math.min(3000, source.length()));
  }

  private static String mutate(String text, Random random) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && !lines.isEmpty(); e++) {
      int at = random.nextInt(lines.size());
      switch (random.nextInt(7)) {
        case 0 -> lines.remove(at);
        case 1 -> lines.add(at, lines.get(at));
        case 2 -> {
          int other = random.nextInt(lines.size());
          String t = lines.get(at);
          lines.set(at, lines.get(other));
          lines.set(other, t);
        }
        case 3 -> lines.set(at, replaceWord(lines.get(at), random));
        case 4 -> lines.add(at, LINES[random.nextInt(LINES.length)]);
        case 5 -> {
          String line = lines.get(at);
          int cut = line.isEmpty() ? 0 : random.nextInt(line.length());
          lines.set(at, line.substring(0, cut));
          lines.subList(at + 1, lines.size()).clear();
        }
        default -> {
          String line = lines.get(at);
          int pos = line.isEmpty() ? 0 : random.nextInt(line.length());
          String piece = WORDS[random.nextInt(WORDS.length)];
          lines.set(at, line.substring(0, pos) + piece + line.substring(Math.min(line.length(), pos + 1)));
        }
      }
    }
    return String.join("\n", lines);
  }

  private static String replaceWord(String line, Random random) {
    String[] words = line.split("(?<=[\\s,()])|(?=[\\s,()])", -1);
    if (words.length == 0) {
      return WORDS[random.nextInt(WORDS.length)];
    }
    words[random.nextInt(words.length)] = WORDS[random.nextInt(WORDS.length)];
    return String.join("", words);
  }

  private static final int[] VALUES = {0, 1, -1, 0x7fffffff, 0x80000000, 0x10000000, 0xfff, 4096, 52, 32, 40};

  private static byte[] mutate(byte[] elf, Random random) {
    byte[] b = elf.clone();
    ByteBuffer buffer = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int phoff = buffer.getInt(28);
    int shoff = buffer.getInt(32);
    int shnum = buffer.getShort(48) & 0xffff;
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      switch (random.nextInt(5)) {
        case 0 -> b[random.nextInt(Math.min(b.length, 256))] ^= (byte) (1 << random.nextInt(8));
        case 1 -> b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        case 2 -> {
          int[] fields = {24, 28, 32, 44, 48, 50, phoff + 4, phoff + 8, phoff + 16, phoff + 20,
              shoff + 40 * random.nextInt(Math.max(1, shnum)) + 4 * random.nextInt(10)};
          int at = fields[random.nextInt(fields.length)];
          int value = random.nextBoolean() ? VALUES[random.nextInt(VALUES.length)] : b.length - random.nextInt(64);
          if (at >= 0 && at + 4 <= b.length) {
            if (at == 44 || at == 48 || at == 50) {
              buffer.putShort(at, (short) value);
            } else {
              buffer.putInt(at, value);
            }
          }
        }
        case 3 -> {
          return Arrays.copyOf(b, random.nextInt(b.length));
        }
        default -> {
          int at = shoff + 40 * random.nextInt(Math.max(1, shnum));
          if (at >= 0 && at + 40 <= b.length) {
            buffer.putInt(at + 4 * (4 + random.nextInt(2)), VALUES[random.nextInt(VALUES.length)]);
          }
        }
      }
    }
    return b;
  }
}
