package dev.brainblitz.riscv.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import dev.brainblitz.riscv.isa.Opcode;
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

  /**
   * Two small random conv networks: seed 8 (a u8 image, same 0, into a maxpool, a bipolar conv with
   * same -1 and a flatten that repacks 9 channels), every level; seed 3 (a bipolar image unpacked
   * into pixel words, same +1, maxpool), rv32im_xbnn.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Isa.class)
  void convKernelsMatchTheirGoldenFiles(Isa isa) {
    GoldenFiles.assertMatches("riscv/src/test/golden/conv8-" + isa.keyword() + ".S",
        IlToRiscv.lower(RandomNetworks.convNetwork(8), isa).assembly());
    if (isa == Isa.RV32IM_XBNN) {
      GoldenFiles.assertMatches("riscv/src/test/golden/conv3-" + isa.keyword() + ".S",
          IlToRiscv.lower(RandomNetworks.convNetwork(3), isa).assembly());
    }
  }

  /**
   * fashion-cnn's u8 layer (9 window bytes, 32 channels) by the estimates of docs/riscv.md: add/sub
   * 1,428 instructions per pixel, bit planes 805 (xbnn), 1,285 (Zbb), 289 (XBNN 2 unit); rv32im has
   * no bit planes for conv2d. The other layers: xnor-pop, or-pool, and no code for the flatten of
   * 64 channels.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Isa.class)
  void fashionCnnLayersTakeTheirMethods(Isa isa) {
    LoweredKernel kernel = IlToRiscv.lower(example("fashion-cnn"), isa);
    var conv = (dev.brainblitz.ir.ConvLayer) example("fashion-cnn").layers().get(0);
    assertEquals(1428, ConvU8Layer.estimate(isa, LayerMethod.ADD_SUB, 9, 32));
    assertEquals(switch (isa) {
      case RV32IM -> -1L;
      case RV32IM_ZBB -> 1285L;
      case RV32IM_XBNN -> 805L;
      case RV32IM_XBNN2 -> 289L;
    }, ConvU8Layer.estimate(isa, LayerMethod.BIT_PLANES, 9, 32));
    LayerMethod u8 = isa == Isa.RV32IM ? LayerMethod.ADD_SUB : LayerMethod.BIT_PLANES;
    assertEquals(u8, ConvU8Layer.method(isa, conv));
    assertEquals(List.of(u8, LayerMethod.XNOR_POP, LayerMethod.OR_POOL, LayerMethod.XNOR_POP, LayerMethod.XNOR_POP,
        LayerMethod.OR_POOL, LayerMethod.XNOR_POP, LayerMethod.XNOR_POP),
        kernel.layers().stream().map(LoweredKernel.LayerInfo::method).toList());
    assertEquals(7264, kernel.stackBytes());
  }

  /**
   * A u8 window of more than 32 bytes (5x5x3 = 75: 3 chunks) by bit planes kept in the frame: per
   * pixel 3 * 75 + 80 * 3 + 3 = 468, per channel 17 * 3 + 14 = 65 on xbnn and xbnn2 (the XBNN 2
   * unit holds one chunk: not used) or 33 * 3 + 14 = 113 on Zbb, against add/sub's
   * 2 * 75 + 2 + 32 * (4 * 75 + 60 + 8); beyond 8 chunks add/sub only. The random conv networks 9, 11
   * and 79 (windows of 48, 33 and 48 bytes), which IssConvKernelTest runs on the ISS, take it.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Isa.class)
  void largeU8WindowsTakeBitPlanesInChunks(Isa isa) {
    assertEquals(11928, ConvU8Layer.estimate(isa, LayerMethod.ADD_SUB, 75, 32));
    assertEquals(switch (isa) {
      case RV32IM -> -1L;
      case RV32IM_ZBB -> 4084L;
      case RV32IM_XBNN, RV32IM_XBNN2 -> 2548L;
    }, ConvU8Layer.estimate(isa, LayerMethod.BIT_PLANES, 75, 32));
    assertEquals(-1, ConvU8Layer.estimate(isa, LayerMethod.BIT_PLANES, 257, 32));
    for (long seed : new long[] {9, 11, 79}) {
      var conv = (dev.brainblitz.ir.ConvLayer) RandomNetworks.convNetwork(seed).layers().get(0);
      boolean planes = isa != Isa.RV32IM;
      assertEquals(planes ? LayerMethod.BIT_PLANES : LayerMethod.ADD_SUB, ConvU8Layer.method(isa, conv));
      assertEquals(planes ? 8 * ConvU8Layer.chunks(conv.geometry().fanIn()) : 0, ConvU8Layer.planeWords(isa, conv));
    }
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
      for (long seed : new long[] {3, 8, 14, 79}) {
        cases.add(Arguments.of("conv:" + seed, isa));
      }
    }
    cases.add(Arguments.of("fashion-cnn", Isa.RV32IM_XBNN));
    return cases.stream();
  }

  /** Kernel plus harness through GNU as and ld and through our assembler: the same bytes in every section. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("networks")
  void assemblesByteForByteLikeGnuAs(String name, Isa isa, @TempDir Path dir) throws IOException {
    Binutils.assumeInstalled();
    Network network = name.startsWith("random:") ? RandomNetworks.network(Long.parseLong(name.substring(7)))
        : name.startsWith("conv:") ? RandomNetworks.convNetwork(Long.parseLong(name.substring(5))) : example(name);
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
    a.lw(Reg.A0, 0, Reg.A1);
    a.op(Opcode.ADD, Reg.A2, Reg.A0, Reg.A0);
    a.op(Opcode.ADDI, Reg.A3, Reg.A4, 1);
    a.sw(Reg.A2, 4, Reg.A1);
    a.lw(Reg.A5, 4, Reg.A1);
    a.op(Opcode.ADD, Reg.A6, Reg.A5, Reg.A5);
    assertEquals("""
            lw      a0, 0(a1)
            addi    a3, a4, 1
            add     a2, a0, a0
            sw      a2, 4(a1)
            lw      a5, 4(a1)
            add     a6, a5, a5
        """, a.text());
  }

  /** The accumulating XBNN row reads rd: the scheduler must keep it after the write it depends on. */
  @Test
  void theSchedulerReadsOperandsFromTheTable() {
    var lw = AsmInstruction.Machine.of(Opcode.LW, Reg.T1, Reg.T0, Reg.ZERO, 0);
    var acc = AsmInstruction.Machine.of(Opcode.XNORPOPACC, Reg.T2, Reg.T3, Reg.T4, 0);
    assertEquals(List.of(Reg.T2, Reg.T3, Reg.T4), acc.uses());
    assertEquals(List.of(Reg.T2), acc.defs());
    var first = AsmInstruction.Machine.of(Opcode.XNORPOP, Reg.T2, Reg.T3, Reg.T5, 0);
    assertEquals(List.of(first, lw, acc), LoadScheduler.schedule(List.of(first, lw, acc)));
    assertEquals(List.of(Reg.T0), lw.uses());
    assertTrue(lw.isLoad());
  }

  /** Custom rows are spelled as .insn lines whose fields come from the table's encoding. */
  @Test
  void customInstructionsAreDerivedFromTheTable() {
    var a = new AsmBuilder();
    a.xnorpop(false, Reg.T2, Reg.T1, Reg.A2);
    a.xnorpop(true, Reg.T2, Reg.T1, Reg.A3);
    assertEquals("""
            .insn r 0x0B, 0, 0, t2, t1, a2      # xnorpop
            .insn r 0x0B, 1, 0, t2, t1, a3      # xnorpopacc
        """, a.text());
  }

  /** Operands are checked when emitted, by the table's forms: not when the assembler meets the text. */
  @Test
  void operandsAreCheckedAtEmission() {
    var a = new AsmBuilder();
    assertThrows(IllegalArgumentException.class, () -> a.lw(Reg.T0, 2048, Reg.SP));
    assertThrows(IllegalArgumentException.class, () -> a.sw(Reg.T0, -2049, Reg.SP));
    assertThrows(IllegalArgumentException.class, () -> a.op(Opcode.SLLI, Reg.T0, Reg.T0, 32));
    assertThrows(IllegalArgumentException.class, () -> a.op(Opcode.ADD, Reg.T0, Reg.T0, 1));
    assertThrows(IllegalArgumentException.class, () -> a.op(Opcode.LW, Reg.T0, Reg.T1, Reg.T2));
    a.lw(Reg.T0, 2047, Reg.SP);
    a.addConstant(Reg.T1, Reg.T1, 2048, Reg.T2);
    assertEquals("""
            lw      t0, 2047(sp)
            li      t2, 2048
            add     t1, t1, t2
        """, a.text());
  }
}
