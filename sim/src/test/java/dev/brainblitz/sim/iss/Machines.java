package dev.brainblitz.sim.iss;

import dev.brainblitz.riscv.asm.Assembler;
import dev.brainblitz.riscv.asm.MemoryMap;
import dev.brainblitz.riscv.elf.ElfFile;
import dev.brainblitz.riscv.elf.ElfWriter;
import dev.brainblitz.riscv.isa.Instruction;
import dev.brainblitz.riscv.isa.Opcode;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.Consumer;

/** Test helpers: run a few encoded instructions, or an assembly source, on a fresh hart. */
final class Machines {
  static final int BASE = 0x80000000;
  static final dev.brainblitz.sim.iss.MemoryMap SMALL =
      new dev.brainblitz.sim.iss.MemoryMap(List.of(new dev.brainblitz.sim.iss.MemoryMap.Region(BASE, 1 << 16)));

  private Machines() {}

  /** Runs {@code program} at BASE followed by exit(0), after {@code setup}; returns the stopped hart. */
  static Hart exec(Consumer<Hart> setup, Instruction... program) {
    Hart hart = new Hart(SimConfig.defaults().withMemoryMap(SMALL));
    int at = BASE;
    for (Instruction in : program) {
      hart.storeWord(at, in.encode());
      at += 4;
    }
    hart.storeWord(at, Instruction.of(Opcode.ADDI, 17, 0, 0, 93).encode());
    hart.storeWord(at + 4, Instruction.of(Opcode.ECALL, 0, 0, 0, 0).encode());
    hart.setPc(BASE);
    setup.accept(hart);
    SimResult r = hart.run();
    if (r.status() != SimResult.Status.PASS && r.status() != SimResult.Status.FAIL) {
      throw new AssertionError(r.summary());
    }
    return hart;
  }

  static Instruction in(Opcode op, int rd, int rs1, int rs2, int imm) {
    return Instruction.of(op, rd, rs1, rs2, imm);
  }

  /** The result of a run: the hart's result plus what it wrote to stdout. */
  record Run(SimResult result, Hart hart, String stdout, byte[] stdoutBytes) {}

  static Run assembleAndRun(String source, SimConfig config) {
    return assembleAndRun(source, config, MemoryMap.DEFAULT);
  }

  static Run assembleAndRun(String source, SimConfig config, MemoryMap layout) {
    byte[] elf = ElfWriter.write(Assembler.assemble("test.S", source, layout));
    var out = new ByteArrayOutputStream();
    Hart hart = Hart.load("test.elf", ElfFile.read("test.elf", elf), config.withOutput(out, out));
    SimResult r = hart.run();
    return new Run(r, hart, out.toString(java.nio.charset.StandardCharsets.UTF_8), out.toByteArray());
  }
}
