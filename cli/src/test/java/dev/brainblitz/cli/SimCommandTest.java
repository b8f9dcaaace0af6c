package dev.brainblitz.cli;

import static dev.brainblitz.cli.BlitzTest.assertNoStackTrace;
import static dev.brainblitz.cli.BlitzTest.blitz;
import static dev.brainblitz.cli.BlitzTest.repo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code blitz asm} + {@code blitz sim} as a user runs them, on the simulator's self-checking programs. */
class SimCommandTest {
  @TempDir Path temp;

  private Path assemble(String source, String... extra) throws IOException {
    Path s = temp.resolve("prog.S");
    Files.writeString(s, source);
    Path elf = temp.resolve("prog.elf");
    String[] args = new String[4 + extra.length];
    args[0] = "asm";
    args[1] = s.toString();
    args[2] = "-o";
    args[3] = elf.toString();
    System.arraycopy(extra, 0, args, 4, extra.length);
    var asm = blitz(args);
    assertEquals(0, asm.status(), asm.err());
    assertTrue(Files.isExecutable(elf), "blitz asm writes an executable file (qemu-riscv32 needs x)");
    return elf;
  }

  @ParameterizedTest
  @ValueSource(strings = {"traps.S", "csrs.S", "misaligned.S"})
  void selfCheckingProgramsPassThroughAsmAndSim(String name) throws IOException {
    Path elf = assemble(Files.readString(repo("sim/src/test/resources/programs/" + name)));
    for (String timing : new String[] {"ideal", "cv32e40p", "picorv32"}) {
      var run = blitz("sim", elf.toString(), "--timing", timing);
      assertEquals(0, run.status(), run.err());
      assertTrue(run.err().lines().reduce((a, b) -> b).orElseThrow().matches(
          "PASS: cycles=\\d+ instret=\\d+ CPI=\\d+\\.\\d{3} \\(.* MIPS\\) timing=" + timing), run.err());
    }
  }

  @Test
  void misalignedTrapOption() throws IOException {
    Path elf = assemble(Files.readString(repo("sim/src/test/resources/programs/misaligned-trap.S")));
    assertEquals(0, blitz("sim", elf.toString(), "--trap-misaligned").status());
    var performed = blitz("sim", elf.toString());
    assertEquals(1, performed.status());
    assertTrue(performed.err().contains("FAIL (tohost: test 2 failed)"), performed.err());
  }

  @Test
  void helloWritesToStdoutAndExitStatusFollowsTheProgram() throws IOException {
    Path elf = assemble(Files.readString(repo("sim/src/test/resources/programs/hello.S")), "-Ttext", "0x10000");
    var run = blitz("sim", elf.toString());
    assertEquals(0, run.status(), run.err());
    assertEquals("hello\n", run.out());
    Path failing = assemble("_start: li a0, 7\nli a7, 93\necall\n");
    var fail = blitz("sim", failing.toString());
    assertEquals(1, fail.status());
    assertTrue(fail.err().contains("FAIL (exit status 7)"), fail.err());
  }

  @Test
  void traceAndProfile() throws IOException {
    Path elf = assemble("_start: li t0, 3\n1: addi t0, t0, -1\nbnez t0, 1b\nli a7, 93\necall\n");
    var run = blitz("sim", elf.toString(), "--trace", "--timing", "cv32e40p");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.err().startsWith("""
        80000000  addi t0,zero,3                   t0=0x00000003
        80000004  addi t0,t0,-1                    t0=0x00000002
        80000008  bne t0,zero,80000004
        80000004  addi t0,t0,-1                    t0=0x00000001
        """), run.err());
    assertTrue(run.err().contains("stall cycles: branch-taken=4"), run.err());
    assertTrue(run.err().contains("PASS: cycles=13 instret=9 CPI=1.444"), run.err());
    var profile = blitz("sim", elf.toString(), "--profile");
    assertTrue(profile.err().contains("hottest loops:\n  80000004-80000008             2 iterations   66.7% of instructions"),
        profile.err());
    assertTrue(profile.err().contains("80000004             3   33.3%  addi t0,t0,-1"), profile.err());
  }

  @Test
  void traceShowsTraps() throws IOException {
    Path elf = assemble("_start: la t0, h\ncsrw mtvec, t0\n.word 0\nh: csrw mtvec, zero\nli a7, 93\nli a0, 0\necall\n");
    var run = blitz("sim", elf.toString(), "--trace");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.err().contains("""
        80000008  csrrw zero,mtvec,t0
        8000000c  trap: illegal instruction (mcause 2), mtval 0x00000000
        80000010  csrrw zero,mtvec,zero
        80000014  addi a7,zero,93                  a7=0x0000005d
        """), run.err());
  }

  @Test
  void cycleLimitAndBadOptions() throws IOException {
    Path elf = assemble("_start: j _start\n");
    var run = blitz("sim", elf.toString(), "--max-cycles", "100");
    assertEquals(1, run.status());
    assertTrue(run.err().contains("STOPPED (cycle limit 100 reached): cycles=100"), run.err());
    var bad = blitz("sim", elf.toString(), "--timing", "pentium");
    assertEquals(2, bad.status());
    assertTrue(bad.err().contains("SIM003: unknown timing model 'pentium' (known: ideal, cv32e40p, picorv32)"), bad.err());
    assertNoStackTrace(bad);
    for (String limit : new String[] {"0", "-5"}) {
      assertEquals(2, blitz("sim", elf.toString(), "--max-cycles", limit).status());
    }
    var notElf = temp.resolve("x.elf");
    Files.writeString(notElf, "hello");
    var notElfRun = blitz("sim", notElf.toString());
    assertEquals(1, notElfRun.status());
    assertTrue(notElfRun.err().contains("ASM011"), notElfRun.err());
  }

  @Test
  void timingSpecsWithOptions() throws IOException {
    // one wait state: li 4 + slli by 31 without the barrel shifter 4 + 7 + 3 + li 4 + li 4 + ecall 4 (docs/sim.md)
    Path elf = assemble("_start: li t0, 1\nslli t0, t0, 31\nli a0, 0\nli a7, 93\necall\n");
    var run = blitz("sim", elf.toString(), "--timing", "picorv32:wait=1,barrel=0");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.err().contains("PASS: cycles=30 instret=5 "), run.err());
    assertTrue(run.err().trim().endsWith("timing=picorv32:wait=1,barrel=0"), run.err());
    var bad = blitz("sim", elf.toString(), "--timing", "picorv32:wait=-1");
    assertEquals(2, bad.status());
    assertTrue(bad.err().contains("SIM003: timing model picorv32: wait must be an integer from 0 to 1024, not '-1'"),
        bad.err());
    assertNoStackTrace(bad);
  }

  /** Without --max-cycles an endless loop stops after the default limit and says how to raise it. */
  @Test
  void endlessLoopStopsByDefault() throws IOException {
    Path elf = assemble("_start: j _start\n");
    long start = System.nanoTime();
    var run = blitz("sim", elf.toString(), "--timing", "picorv32");
    assertEquals(1, run.status());
    assertTrue(run.err().contains("STOPPED (cycle limit 500000000 reached)"), run.err());
    assertTrue(run.err().contains("raise the limit with --max-cycles N"), run.err());
    assertTrue(System.nanoTime() - start < 120e9, "took " + (System.nanoTime() - start) / 1e9 + " s");
  }

  /** What the program writes to stdout reaches the real stdout byte for byte (no UTF-8 decoding). */
  @Test
  void writePassesBytesUnchanged() throws IOException {
    Path elf = assemble("""
        _start: li a0, 1
        la a1, bytes
        li a2, 5
        li a7, 64
        ecall
        li a0, 0
        li a7, 93
        ecall
        .data
        bytes: .byte 0x41, 0x80, 0xff, 0xc3, 0x0a
        """);
    var stdout = new java.io.ByteArrayOutputStream();
    var err = new java.io.StringWriter();
    int status = Blitz.run(new String[] {"sim", elf.toString()}, new ByteWriter(stdout), new java.io.PrintWriter(err));
    assertEquals(0, status, err.toString());
    org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {0x41, (byte) 0x80, (byte) 0xff, (byte) 0xc3, 0x0a},
        stdout.toByteArray());
  }

  /** Damaged ELF files (issue 16): a 2 GiB segment size, a section header pointing past the end. */
  @Test
  void damagedElfFilesAreRefused() throws IOException {
    Path elf = assemble("_start: nop\n");
    byte[] good = Files.readAllBytes(elf);
    java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(good).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int phoff = header.getInt(28);
    int shoff = header.getInt(32);
    byte[] hugeSegment = good.clone();
    java.nio.ByteBuffer.wrap(hugeSegment).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(phoff + 16, 0x7fffffff)
        .putInt(phoff + 20, 0x7fffffff);
    byte[] badSection = good.clone();
    java.nio.ByteBuffer.wrap(badSection).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(shoff + 40 + 16, 0x7ffffff0);
    for (byte[] damaged : new byte[][] {hugeSegment, badSection}) {
      Path file = temp.resolve("damaged.elf");
      Files.write(file, damaged);
      for (String command : new String[] {"sim", "disasm"}) {
        var run = blitz(command, file.toString());
        assertEquals(1, run.status(), run.err());
        assertTrue(run.err().contains("error[ASM011]"), run.err());
        assertNoStackTrace(run);
      }
    }
  }

  /** blitz riscv --harness --harness-exit print: the same text lines on blitz sim as the golden model gives. */
  @Test
  void printingHarnessRunsOnTheSimulator() throws IOException {
    Path source = temp.resolve("tiny.S");
    var riscv = blitz("riscv", "tiny", "--isa", "rv32im_zbb", "--harness", "--harness-exit", "print", "--vectors", "3",
        "-o", source.toString());
    assertEquals(0, riscv.status(), riscv.err());
    Path elf = temp.resolve("tiny.elf");
    assertEquals(0, blitz("asm", source.toString(), "-o", elf.toString()).status());
    var run = blitz("sim", elf.toString());
    assertEquals(0, run.status(), run.err());
    var network = ModelArgument.read("tiny");
    var vectors = dev.brainblitz.ir.random.RandomNetworks.vectors(1, network, 3);
    StringBuilder expected = new StringBuilder();
    var golden = new dev.brainblitz.ir.golden.GoldenModel(network);
    for (int i = 0; i < vectors.size(); i++) {
      var result = golden.infer(vectors.get(i));
      expected.append(i).append(' ').append(result.predictedClass());
      for (int score : result.scores()) {
        expected.append(' ').append(score);
      }
      expected.append('\n');
    }
    assertEquals(expected.toString(), run.out());
  }
}
