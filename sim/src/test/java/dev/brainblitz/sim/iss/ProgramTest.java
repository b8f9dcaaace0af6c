package dev.brainblitz.sim.iss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.riscv.asm.Assembler;
import dev.brainblitz.riscv.asm.MemoryMap;
import dev.brainblitz.riscv.elf.ElfFile;
import dev.brainblitz.riscv.elf.ElfWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Self-checking assembly programs (tohost protocol) and the ways a run stops. */
class ProgramTest {
  static String source(String name) {
    try (InputStream in = ProgramTest.class.getResourceAsStream("/programs/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"traps.S", "csrs.S", "misaligned.S"})
  void selfCheckingProgramsPass(String name) {
    for (String timing : TimingModel.NAMES) {
      var run = Machines.assembleAndRun(source(name), SimConfig.defaults().withTiming(TimingModel.byName(timing).orElseThrow()));
      assertEquals(SimResult.Status.PASS, run.result().status(), name + " on " + timing + ": " + run.result().summary());
    }
  }

  @Test
  void misalignedAccessesTrapWhenAskedTo() {
    var run = Machines.assembleAndRun(source("misaligned-trap.S"), SimConfig.defaults().withTrapMisaligned(true));
    assertEquals(SimResult.Status.PASS, run.result().status(), run.result().summary());
    // and the performing default fails that program's first check (test 2)
    var performed = Machines.assembleAndRun(source("misaligned-trap.S"), SimConfig.defaults());
    assertEquals(SimResult.Status.FAIL, performed.result().status());
    assertEquals(2, performed.result().code());
  }

  @Test
  void tohostOddValueFailsWithTheTestNumber() {
    var run = Machines.assembleAndRun("""
        .text
        _start: li t0, 11
        la t1, tohost
        sw t0, 0(t1)
        1: j 1b
        .data
        tohost: .word 0
        """, SimConfig.defaults());
    assertEquals(SimResult.Status.FAIL, run.result().status());
    assertEquals(5, run.result().code());
    assertEquals(4, run.result().instret());
  }

  /** riscv-tests' syscall proxy (write) and the console device's putchar, over tohost/fromhost, on every model. */
  @Test
  void htifConsole() {
    for (String timing : TimingModel.NAMES) {
      var run = Machines.assembleAndRun(source("htif-console.S"), SimConfig.defaults().withTiming(TimingModel.byName(timing).orElseThrow()));
      assertEquals(SimResult.Status.PASS, run.result().status(), timing + ": " + run.result().summary());
      assertArrayEquals(new byte[] {'o', 'k', (byte) 0x80, (byte) 0xff, (byte) 0xc3, '\n', '!'}, run.stdoutBytes());
    }
  }

  /** A write of 2 GiB is refused with -EFAULT (the simulator allocates nothing of that size); a bad fd is -EBADF. */
  @Test
  void hugeAndBadWritesFailAsLinuxDoes() {
    var run = Machines.assembleAndRun("""
        _start: li a0, 1
        la a1, _start
        li a2, 0x7fffffff
        li a7, 64
        ecall
        li t0, -14
        bne a0, t0, 1f
        li a0, 5
        la a1, _start
        li a2, 4
        li a7, 64
        ecall
        li t0, -9
        bne a0, t0, 1f
        li a0, 0
        li a7, 93
        ecall
        1: li a0, 1
        li a7, 93
        ecall
        """, SimConfig.defaults());
    assertEquals(SimResult.Status.PASS, run.result().status(), run.result().summary());
  }

  /** An HTIF device request nobody serves stops the run with a message naming it. */
  @Test
  void unsupportedHtifDeviceIsAnError() {
    var run = Machines.assembleAndRun("""
        _start: la t1, tohost
        li t0, 0x02000000
        sw t0, 4(t1)
        li t0, 8
        sw t0, 0(t1)
        1: j 1b
        .data
        tohost: .dword 0
        fromhost: .dword 0
        """, SimConfig.defaults());
    assertEquals(SimResult.Status.ERROR, run.result().status());
    assertTrue(run.result().message().contains("HTIF device 2 command 0 is not supported"), run.result().message());
  }

  /** A segment that runs past the end of its region is refused at load (SIM002), not run. */
  @Test
  void segmentBeyondTheMemoryMapIsRefused() {
    byte[] elf = ElfWriter.write(Assembler.assemble("big.S", "_start: nop\n.bss\n.zero 0x2000000\n", new MemoryMap(0x00ff0000)));
    var e = assertThrows(DiagnosticException.class, () -> Hart.load("big.elf", ElfFile.read("big.elf", elf), SimConfig.defaults()));
    assertEquals(ErrorCode.SIM_OUTSIDE_MEMORY, e.diagnostics().get(0).code());
  }

  @Test
  void linuxStyleWriteAndExit() {
    var run = Machines.assembleAndRun(source("hello.S"), SimConfig.defaults(), new MemoryMap(0x10000));
    assertEquals(SimResult.Status.PASS, run.result().status(), run.result().summary());
    assertEquals("hello\n", run.stdout());
    var failing = Machines.assembleAndRun("_start: li a0, 3\nli a7, 93\necall\n", SimConfig.defaults());
    assertEquals(SimResult.Status.FAIL, failing.result().status());
    assertEquals(3, failing.result().code());
  }

  @Test
  void cycleLimitStopsAnEndlessLoop() {
    var run = Machines.assembleAndRun("_start: j _start\n", SimConfig.defaults().withMaxCycles(1000));
    assertEquals(SimResult.Status.CYCLE_LIMIT, run.result().status());
    assertEquals(1000, run.result().cycles());
  }

  @Test
  void unhandledTrapStopsWithItsCause() {
    var run = Machines.assembleAndRun("_start: nop\n.word 0\n", SimConfig.defaults());
    assertEquals(SimResult.Status.ERROR, run.result().status());
    assertTrue(run.result().message().contains("illegal instruction at pc 0x80000004"), run.result().message());
    var ecall = Machines.assembleAndRun("_start: li a7, 1\necall\n", SimConfig.defaults());
    assertEquals(SimResult.Status.ERROR, ecall.result().status());
    assertTrue(ecall.result().message().contains("environment call"), ecall.result().message());
  }

  @Test
  void programsOutsideTheMemoryMapAreUserErrors() {
    byte[] elf = ElfWriter.write(Assembler.assemble("t.S", "_start: nop\n", new MemoryMap(0x40000000)));
    var e = assertThrows(DiagnosticException.class,
        () -> Hart.load("t.elf", ElfFile.read("t.elf", elf), SimConfig.defaults()));
    assertEquals(ErrorCode.SIM_OUTSIDE_MEMORY, e.diagnostics().get(0).code());
    assertTrue(e.getMessage().contains("0x40000000"), e.getMessage());
    var small = new dev.brainblitz.sim.iss.MemoryMap(List.of(new dev.brainblitz.sim.iss.MemoryMap.Region(0x80000000, 1 << 16)));
    byte[] ok = ElfWriter.write(Assembler.assemble("t.S", "_start: nop\n"));
    Hart.load("t.elf", ElfFile.read("t.elf", ok), SimConfig.defaults().withMemoryMap(small)); // fits
  }

  /** The benchmark programs of bench/riscv compute the right sum (with fewer rows than the benchmark). */
  @ParameterizedTest
  @ValueSource(strings = {"popcount.S", "popcount-xbnn.S"})
  void benchmarkProgramsAreCorrect(String name) throws IOException {
    String source = java.nio.file.Files.readString(dev.brainblitz.ir.testing.GoldenFiles.repoRoot().resolve("bench/riscv/" + name));
    assertTrue(source.contains("li      s0, 160000") && source.contains("li      t0, 573440000"), name);
    source = source.replace("li      s0, 160000", "li      s0, 10").replace("li      t0, 573440000", "li      t0, 35840");
    for (String timing : TimingModel.NAMES) {
      var run = Machines.assembleAndRun(source, SimConfig.defaults().withTiming(TimingModel.byName(timing).orElseThrow()),
          new MemoryMap(0x10000));
      assertEquals(SimResult.Status.PASS, run.result().status(), run.result().summary());
      assertEquals(name.contains("xbnn") ? 10 * (256 * 5 + 5) + 10 : 10 * (256 * 7 + 5) + 10, run.result().instret());
    }
  }
}
