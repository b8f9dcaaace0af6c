package dev.brainblitz.cli;

import dev.brainblitz.ir.io.AtomicFiles;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.riscv.asm.Assembler;
import dev.brainblitz.riscv.asm.MemoryMap;
import dev.brainblitz.riscv.asm.Program;
import dev.brainblitz.riscv.asm.SourceFile;
import dev.brainblitz.riscv.elf.ElfWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "asm",
    mixinStandardHelpOptions = true,
    description = {
      "Assemble RISC-V source (GNU as syntax; RV32IM, Zicsr, Zbb subset, XBNN) into a linked ELF32 executable.",
      "Several files link as GNU ld links their objects: a symbol is seen by the other files when it is .globl.",
      "See docs/asm.md for the syntax and the memory map."
    })
final class AsmCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE.S", arity = "1..*", description = "The assembly sources, linked in this order.")
  List<Path> sources;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE.elf",
      description = "The executable to write (default: the first source's name with .elf).")
  Path output;

  @Option(names = {"-Ttext", "--text-base"}, paramLabel = "ADDR", converter = AddressConverter.class,
      description = "Address of .text; .rodata, .data, .got and .bss follow it (default: 0x80000000).")
  Integer textBase;

  @Option(names = "--page-align-data",
      description = "Start .data, .got and .bss on their own 4 KiB page, in a read-write segment apart from the code"
          + " (qemu-user then runs stores at full speed).")
  boolean pageAlignData;

  @Override
  public Integer call() {
    Path target = output != null ? output : defaultOutput(sources.get(0));
    List<SourceFile> files = new ArrayList<>();
    for (Path source : sources) {
      if (files.stream().anyMatch(f -> f.name().equals(source.toString()))) {
        throw new CommandLine.ParameterException(spec.commandLine(), "'" + source + "' is given twice");
      }
      Outputs.requireNotInput(spec, "-o", target, source);
      files.add(new SourceFile(source.toString(), ModelFiles.readText(source)));
    }
    var map = (textBase == null ? MemoryMap.DEFAULT : new MemoryMap(textBase)).withDataOnOwnPage(pageAlignData);
    Program program = Assembler.assemble(files, map);
    AtomicFiles.write(target, ElfWriter.write(program));
    // An executable, as ld makes it: qemu-riscv32 (user mode) refuses to run a file without x.
    boolean executable = target.toFile().setExecutable(true, false);
    assert executable || !target.toFile().exists() : "cannot mark " + target + " executable";
    int textSize = program.sections().get(0).size();
    spec.commandLine().getOut().printf("wrote %s (%d bytes of code at 0x%08x, entry 0x%08x)%n", target, textSize,
        program.sections().get(0).address(), program.entry());
    return Blitz.OK;
  }

  static Path defaultOutput(Path source) {
    String name = source.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    return source.resolveSibling(base + ".elf");
  }

  /** A 32-bit, 4-byte aligned address in decimal or 0x hex. */
  static final class AddressConverter implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      long address;
      try {
        address = Long.decode(value);
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not an address (e.g. 0x80000000)");
      }
      if (address < 0 || address > 0xffffffffL || (address & 3) != 0) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a 4-byte aligned 32-bit address");
      }
      return (int) address;
    }
  }
}
