package dev.brainblitz.riscv.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.random.RandomNetworks;
import dev.brainblitz.ir.testing.GoldenFiles;
import dev.brainblitz.riscv.Binutils;
import dev.brainblitz.riscv.asm.Assembler;
import dev.brainblitz.riscv.asm.MemoryMap;
import dev.brainblitz.riscv.asm.Program;
import dev.brainblitz.riscv.asm.SectionKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The generated assembly: golden files, determinism, and byte identity with GNU as. */
class IlToRiscvTest {
  static Network example(String name) {
    return ModelFiles.read(GoldenFiles.repoRoot().resolve("examples/models/" + name + ".bil"));
  }

  /** The tiny examples' kernels, every ISA level: a reviewer sees in the diff what a change did. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Isa.class)
  void tinyKernelsMatchTheirGoldenFiles(Isa isa) {
    for (String name : List.of("tiny", "tiny-u8")) {
      LoweredKernel kernel = IlToRiscv.lower(example(name), isa);
      GoldenFiles.assertMatches("riscv/src/test/golden/" + name + "-" + isa.keyword() + ".S", kernel.assembly());
    }
    GoldenFiles.assertMatches("riscv/src/test/golden/tiny.h", IlToRiscv.lower(example("tiny"), Isa.RV32IM_XBNN).header());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Isa.class)
  void outputIsDeterministic(Isa isa) {
    Network network = RandomNetworks.network(11);
    String first = IlToRiscv.lower(network, isa).assembly();
    assertEquals(first, IlToRiscv.lower(network, isa).assembly());
    assertEquals(first, IlToRiscv.lower(RandomNetworks.network(11), isa).assembly());
  }

  static Stream<Arguments> networks() {
    List<Arguments> cases = new ArrayList<>();
    for (Isa isa : Isa.values()) {
      for (String name : List.of("tiny", "tiny-u8", "mlp784")) {
        cases.add(Arguments.of(name, isa));
      }
      for (long seed = 1; seed <= 4; seed++) {
        cases.add(Arguments.of("random:" + seed, isa));
      }
    }
    return cases.stream();
  }

  /** Kernel plus harness through GNU as and ld and through our assembler: the same bytes in every section. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("networks")
  void assemblesByteForByteLikeGnuAs(String name, Isa isa, @TempDir Path dir) throws IOException {
    Binutils.assumeInstalled();
    Network network = name.startsWith("random:") ? RandomNetworks.network(Long.parseLong(name.substring(7))) : example(name);
    LoweredKernel kernel = IlToRiscv.lower(network, isa);
    String source = kernel.assembly() + Harness.source(kernel, RandomNetworks.vectors(3, network, 3), 0, Harness.Exit.TOHOST);
    Files.writeString(dir.resolve("k.S"), source);
    Binutils.assemble(dir, "k.S", "k.o");
    Program program = Assembler.assemble("k.S", source, new MemoryMap(0x80000000));
    Binutils.run(dir, List.of(Binutils.PREFIX + "ld", "-m", "elf32lriscv", "--no-relax", "-Ttext=0x80000000",
        "--section-start=.rodata=" + address(program, SectionKind.RODATA),
        "-Tdata=" + address(program, SectionKind.DATA), "-Tbss=" + address(program, SectionKind.BSS),
        "k.o", "-o", "k.elf"));
    for (SectionKind kind : List.of(SectionKind.TEXT, SectionKind.RODATA, SectionKind.DATA)) {
      Binutils.run(dir, List.of(Binutils.PREFIX + "objcopy", "-O", "binary", "-j", kind.sectionName(), "k.elf", "s.bin"));
      assertArrayEquals(Files.readAllBytes(dir.resolve("s.bin")), program.section(kind).orElseThrow().bytes(),
          kind.sectionName() + " of " + name + " for " + isa.keyword());
    }
  }

  private static String address(Program program, SectionKind kind) {
    return "0x" + Integer.toHexString(program.section(kind).orElseThrow().address());
  }

  @Test
  void headerDeclaresTheFunction() {
    String header = IlToRiscv.lower(example("mlp784"), Isa.RV32IM_ZBB).header();
    assertTrue(header.contains("int mlp784_infer(const uint8_t *input, int32_t *scores);"), header);
    assertTrue(header.contains("#define MLP784_INPUT_BYTES 784"), header);
    assertTrue(header.contains("#define MLP784_CLASSES 10"), header);
  }

  /** The scheduler moves an independent instruction between a load and its use, and never reorders dependences. */
  @Test
  void schedulerHidesLoadUse() {
    var a = new AsmBuilder();
    a.lw("a0", 0, "a1");
    a.r("add", "a2", "a0", "a0");
    a.i("addi", "a3", "a4", 1);
    a.sw("a2", 4, "a1");
    a.lw("a5", 4, "a1");
    a.r("add", "a6", "a5", "a5");
    assertEquals("""
            lw      a0, 0(a1)
            addi    a3, a4, 1
            add     a2, a0, a0
            sw      a2, 4(a1)
            lw      a5, 4(a1)
            add     a6, a5, a5
        """, a.text());
  }
}
