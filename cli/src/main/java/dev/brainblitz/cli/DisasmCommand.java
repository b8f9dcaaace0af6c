package dev.brainblitz.cli;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.riscv.elf.ElfDisassembler;
import dev.brainblitz.riscv.elf.ElfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "disasm",
    mixinStandardHelpOptions = true,
    description = "Disassemble the code of a RISC-V ELF32 file, as objdump -d -M no-aliases prints it (plus XBNN).")
final class DisasmCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE.elf", description = "An executable from blitz asm, GNU ld or a compiler.")
  Path file;

  @Override
  public Integer call() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DiagnosticException(new Diagnostic(ErrorCode.FILE_UNREADABLE, SourceSpan.wholeFile(file.toString()),
          "cannot read '" + file + "': " + e.getMessage()));
    }
    ElfFile elf = ElfFile.read(file.toString(), bytes);
    var out = spec.commandLine().getOut();
    out.printf("%n%s:     file format elf32-littleriscv%n", file);
    ElfDisassembler.write(elf, out);
    out.flush();
    return Blitz.OK;
  }
}
