package dev.brainblitz.sim.gcc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.ir.testing.ExternalTools;
import dev.brainblitz.ir.testing.GoldenFiles;
import dev.brainblitz.riscv.Binutils;
import dev.brainblitz.riscv.GnuLink;
import dev.brainblitz.riscv.asm.Assembler;
import dev.brainblitz.riscv.asm.MemoryMap;
import dev.brainblitz.riscv.asm.Program;
import dev.brainblitz.riscv.asm.Section;
import dev.brainblitz.riscv.asm.SectionKind;
import dev.brainblitz.riscv.asm.SourceFile;
import dev.brainblitz.riscv.elf.ElfFile;
import dev.brainblitz.riscv.elf.ElfWriter;
import dev.brainblitz.riscv.isa.Decoder;
import dev.brainblitz.riscv.isa.Disassembler;
import dev.brainblitz.riscv.isa.Instruction;
import dev.brainblitz.riscv.isa.Opcode;
import dev.brainblitz.sim.iss.Hart;
import dev.brainblitz.sim.iss.SimConfig;
import dev.brainblitz.sim.iss.SimResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential test of the assembler: our own C programs ({@code bench/riscv/c}) compiled by
 * riscv64-unknown-elf-gcc at each optimisation level with and without -fPIC, -fno-section-anchors,
 * -fcommon and -g, for rv32im and rv32im_zbb; assembled and linked by blitz, and by GNU as + ld at
 * the same addresses ({@link GnuLink}), once in blitz's default layout and once with
 * {@code --page-align-data}. .text, .rodata and .data must be byte-identical in both (in -fPIC code
 * an auipc/lw pair may reach a different GOT slot, as long as the slot holds the same address: ld
 * orders GOT slots by its hash table), and the programs must print the same and exit the same on
 * blitz's simulator (both layouts) and on qemu-riscv32 (the page-aligned GNU link).
 *
 * <p>The suite runs a representative set of variants that uses every level and flag at least once.
 * {@code -Dblitz.gccMatrix=full} runs all 50 (5 levels x 5 flag sets x 2 ISAs) and prints the table
 * (see bench/riscv/README.md).
 */
class CompiledProgramsTest {
  static final String GCC = "riscv64-unknown-elf-gcc";
  static final String QEMU = "qemu-riscv32";
  static final int TEXT_BASE = 0x80000000;
  static final List<String> PROGRAMS = List.of("sort", "crc", "sieve", "matmul", "bits", "ministone");
  static final List<String> LEVELS = List.of("-O0", "-O1", "-O2", "-O3", "-Os");
  static final List<String> FLAGS = List.of("", "-fPIC", "-fno-section-anchors", "-fcommon", "-g");
  static final List<String> ISAS = List.of("rv32im", "rv32im_zbb");

  @TempDir static Path temp;
  private static final List<String> table = new ArrayList<>();

  record Variant(String level, String flags, String isa) {
    List<String> gccFlags() {
      List<String> f = new ArrayList<>(List.of("-march=" + isa, "-mabi=ilp32", level, "-ffreestanding"));
      if (!flags.isBlank()) {
        f.addAll(List.of(flags.split(" ")));
      }
      return f;
    }

    String name() {
      return (level + " " + flags + " " + isa).replaceAll(" +", " ");
    }
  }

  @BeforeAll
  static void needTools() {
    ExternalTools.require(GCC, "gcc-riscv64-unknown-elf", "CompiledProgramsTest");
    ExternalTools.require(QEMU, "qemu-user", "CompiledProgramsTest");
    Binutils.assumeInstalled();
  }

  static Stream<Arguments> variants() {
    List<Variant> variants = new ArrayList<>();
    if ("full".equals(System.getProperty("blitz.gccMatrix"))) {
      for (String level : LEVELS) {
        for (String flags : FLAGS) {
          for (String isa : ISAS) {
            variants.add(new Variant(level, flags, isa));
          }
        }
      }
    } else {
      variants.add(new Variant("-O0", "-fcommon -g", "rv32im_zbb"));
      variants.add(new Variant("-O1", "", "rv32im"));
      variants.add(new Variant("-O2", "-fPIC -g", "rv32im"));
      variants.add(new Variant("-O3", "-fno-section-anchors", "rv32im_zbb"));
      variants.add(new Variant("-Os", "-fPIC -fcommon", "rv32im_zbb"));
    }
    return variants.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void blitzAndGnuAgree(Variant variant) throws Exception {
    Path dir = Files.createDirectories(temp.resolve(variant.name().replaceAll("[^A-Za-z0-9]+", "_")));
    Path sources = GoldenFiles.repoRoot().resolve("bench/riscv/c");
    String support = compile(sources, "support", variant, dir, List.of("-fno-builtin", "-fno-tree-loop-distribute-patterns"));
    String crt0 = Files.readString(sources.resolve("crt0.S"));
    Files.writeString(dir.resolve("crt0.S"), crt0);
    Binutils.assemble(dir, "support.s", "support.o");
    Binutils.assemble(dir, "crt0.S", "crt0.o");
    List<String> problems = new ArrayList<>();
    for (String name : PROGRAMS) {
      String program = compile(sources, name, variant, dir, List.of());
      Binutils.assemble(dir, name + ".s", name + ".o");
      List<SourceFile> files = List.of(new SourceFile(name + ".s", program), new SourceFile("support.s", support),
          new SourceFile("crt0.S", crt0));
      List<String> objects = List.of(name + ".o", "support.o", "crt0.o");
      var commons = GnuLink.commonBlocks(program, support);
      // Both layouts: blitz's default (data right after the code) and --page-align-data.
      Program packed = Assembler.assemble(files, new MemoryMap(TEXT_BASE));
      Program paged = Assembler.assemble(files, new MemoryMap(TEXT_BASE).withDataOnOwnPage(true));
      GnuLink.link(dir, objects, packed, commons, name + ".gnu");
      GnuLink.link(dir, objects, paged, commons, name + ".paged.gnu");
      String identity = compareSections(packed, ElfFile.read(name + ".gnu", Files.readAllBytes(dir.resolve(name + ".gnu"))));
      String pagedIdentity = compareSections(paged,
          ElfFile.read(name + ".paged.gnu", Files.readAllBytes(dir.resolve(name + ".paged.gnu"))));
      if (!pagedIdentity.startsWith("identical")) {
        identity = "page-aligned: " + pagedIdentity;
      }
      // qemu-user checks every store into a page holding code for self-modifying code (sieve takes 5 s
      // packed, 0.1 s page-aligned), so qemu runs the page-aligned GNU link; blitz runs both layouts.
      Run blitz = runOnBlitz(name, packed);
      Run blitzPaged = runOnBlitz(name, paged);
      Run qemu = runOnQemu(dir.resolve(name + ".paged.gnu"));
      String agreement = blitz.equals(qemu) && blitzPaged.equals(qemu) && qemu.status() == 0 ? "same" : "DIFFERENT";
      table.add(String.format(Locale.ROOT, "%-34s %-10s %-20s %s", variant.name(), name, identity, agreement));
      if (!identity.startsWith("identical")) {
        problems.add(name + ": " + identity);
      }
      if (!agreement.equals("same")) {
        problems.add(name + ": blitz sim " + blitz + " (page-aligned " + blitzPaged + ") vs qemu " + qemu);
      }
    }
    assertEquals(List.of(), problems, variant.name());
  }

  @AfterAll
  static void printTable() {
    if (!table.isEmpty()) {
      System.out.println("CompiledProgramsTest: variant, program, sections, run (blitz sim vs qemu-riscv32)");
      table.forEach(System.out::println);
    }
  }

  /** {@code gcc -S} of {@code bench/riscv/c/NAME.c}: the assembly text. */
  private static String compile(Path sources, String name, Variant variant, Path dir, List<String> extra) throws IOException {
    List<String> command = new ArrayList<>(List.of(GCC));
    command.addAll(variant.gccFlags());
    command.addAll(extra);
    command.addAll(List.of("-I", sources.toString(), "-S", sources.resolve(name + ".c").toString(), "-o", name + ".s"));
    Binutils.run(dir, command);
    return Files.readString(dir.resolve(name + ".s"));
  }

  /** "identical" (.text, .rodata, .data byte for byte, GOT references by what they load), or the first difference. */
  static String compareSections(Program ours, ElfFile theirs) {
    byte[] ourGot = ours.section(SectionKind.GOT).map(Section::bytes).orElse(new byte[0]);
    int ourGotAddress = ours.section(SectionKind.GOT).map(Section::address).orElse(0);
    ElfFile.SectionHeader theirGot = header(theirs, ".got");
    int gotPairs = 0;
    for (SectionKind kind : List.of(SectionKind.TEXT, SectionKind.RODATA, SectionKind.DATA)) {
      byte[] mine = ours.section(kind).map(Section::bytes).orElse(new byte[0]);
      ElfFile.SectionHeader h = header(theirs, kind.sectionName());
      byte[] gnu = h == null ? new byte[0] : h.contents();
      if (kind != SectionKind.TEXT || mine.length != gnu.length) {
        if (!Arrays.equals(mine, gnu)) {
          return kind.sectionName() + " differs (" + mine.length + " vs " + gnu.length + " bytes)";
        }
        continue;
      }
      for (int i = 0; i + 3 < mine.length; i += 4) {
        int a = word(mine, i);
        int b = word(gnu, i);
        if (a == b) {
          continue;
        }
        int pc = TEXT_BASE + i;
        if (i + 7 < mine.length && theirGot != null) {
          int ourSlot = gotTarget(a, word(mine, i + 4), pc);
          int theirSlot = gotTarget(b, word(gnu, i + 4), pc);
          Integer loaded = ourSlot == -1 ? null : slot(ourGot, ourGotAddress, ourSlot);
          if (loaded != null && theirSlot != -1 && loaded.equals(slot(theirGot.contents(), theirGot.address(), theirSlot))) {
            gotPairs++;
            i += 4;
            continue;
          }
        }
        return String.format(Locale.ROOT, ".text differs at 0x%08x: blitz %s, GNU %s", pc,
            Disassembler.formatWord(a, pc, x -> null), Disassembler.formatWord(b, pc, x -> null));
      }
    }
    return gotPairs == 0 ? "identical" : "identical+GOT(" + gotPairs + ")";
  }

  /** The address an {@code auipc rd; lw rd, lo(rd)} pair loads from, or -1 if the words are no such pair. */
  private static int gotTarget(int auipc, int load, int pc) {
    Instruction hi = Decoder.decodeOrNull(auipc);
    Instruction lo = Decoder.decodeOrNull(load);
    if (hi == null || lo == null || hi.opcode() != Opcode.AUIPC || lo.opcode() != Opcode.LW || lo.rs1() != hi.rd()) {
      return -1;
    }
    return pc + hi.imm() + lo.imm();
  }

  private static Integer slot(byte[] got, int gotAddress, int address) {
    int offset = address - gotAddress;
    return offset < 0 || offset + 3 >= got.length ? null : word(got, offset);
  }

  private static ElfFile.SectionHeader header(ElfFile elf, String name) {
    return elf.sections().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }

  private static int word(byte[] b, int i) {
    return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
  }

  record Run(int status, String output) {}

  private static Run runOnBlitz(String name, Program program) {
    ElfFile elf = ElfFile.read(name, ElfWriter.write(program));
    var out = new ByteArrayOutputStream();
    SimResult result = Hart.load(name, elf, SimConfig.defaults().withOutput(out, out).withMaxCycles(200_000_000L)).run();
    int status = result.status() == SimResult.Status.PASS || result.status() == SimResult.Status.FAIL ? result.code() : -1;
    return new Run(status, out.toString(StandardCharsets.ISO_8859_1) + (status == -1 ? result.summary() : ""));
  }

  private static Run runOnQemu(Path elf) throws IOException, InterruptedException {
    elf.toFile().setExecutable(true);
    Process p = new ProcessBuilder(QEMU, "-cpu", "rv32,zbb=true", elf.toString()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Run(-1, "qemu timed out");
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.ISO_8859_1));
  }
}
