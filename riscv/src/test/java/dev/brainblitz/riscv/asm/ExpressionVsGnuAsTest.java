package dev.brainblitz.riscv.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.riscv.Binutils;
import dev.brainblitz.riscv.GnuLink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random constant expressions (every operator GNU as knows, its ranks, 64-bit overflow,
 * shifts past 63, comparisons, numbers in every base, character literals) as {@code .8byte} data,
 * evaluated by GNU as 2.40 and by blitz: the 64-bit values must be equal.
 */
class ExpressionVsGnuAsTest {
  private static final String[] BINARY = {"+", "-", "*", "/", "%", "<<", ">>", "|", "&", "^", "!", "==", "!=", "<>", "<",
    "<=", ">", ">=", "&&", "||"};
  private static final String[] UNARY = {"-", "~", "!", "+"};
  private static final String[] NUMBERS = {"0", "1", "2", "7", "63", "64", "65", "255", "0x7fffffffffffffff",
    "0x8000000000000000", "0xffffffffffffffff", "0x80000000", "0xffffffff", "017", "0b1011", "'A'", "'\\n'", "4096",
    "9223372036854775807", "123456789012"};

  @Test
  void randomExpressionsEvaluateAsInGnuAs(@TempDir Path dir) throws IOException {
    Binutils.assumeInstalled();
    Random random = new Random(64);
    List<String> expressions = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      expressions.add(expression(random, 4));
    }
    StringBuilder source = new StringBuilder("    .data\n");
    for (String e : expressions) {
      source.append("    .8byte ").append(e).append('\n');
    }
    Files.writeString(dir.resolve("e.S"), source);
    Binutils.assemble(dir, "e.S", "e.o");
    Program ours = Assembler.assemble("e.S", source.toString(), new MemoryMap(0x80000000));
    GnuLink.link(dir, List.of("e.o"), ours, List.of(), "e.elf");
    byte[] theirs = GnuLink.section(dir, "e.elf", ".data");
    byte[] mine = ours.section(SectionKind.DATA).orElseThrow().bytes();
    for (int i = 0; i < expressions.size(); i++) {
      assertEquals(Long.toHexString(value(theirs, i)), Long.toHexString(value(mine, i)), expressions.get(i));
    }
    assertEquals(theirs.length, mine.length);
  }

  private static long value(byte[] bytes, int index) {
    long v = 0;
    for (int k = 7; k >= 0; k--) {
      v = v << 8 | (bytes[8 * index + k] & 0xff);
    }
    return v;
  }

  /** An expression of at most {@code depth} levels; divisors are non-zero literals (GNU as traps on x / 0 and MIN / -1). */
  private static String expression(Random random, int depth) {
    if (depth == 0 || random.nextInt(4) == 0) {
      return NUMBERS[random.nextInt(NUMBERS.length)];
    }
    return switch (random.nextInt(6)) {
      case 0 -> UNARY[random.nextInt(UNARY.length)] + expression(random, depth - 1);
      case 1 -> "(" + expression(random, depth - 1) + ")";
      default -> {
        String op = BINARY[random.nextInt(BINARY.length)];
        String right = op.equals("/") || op.equals("%") ? Integer.toString(2 + random.nextInt(1000))
            : expression(random, depth - 1);
        yield expression(random, depth - 1) + " " + op + " " + right;
      }
    };
  }
}
