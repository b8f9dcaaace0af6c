package dev.brainblitz.cli;

import dev.brainblitz.ir.io.AtomicFiles;
import dev.brainblitz.riscv.unit.XbnnUnit;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

@Command(
    name = "riscv-unit",
    mixinStandardHelpOptions = true,
    description = {
      "Write the Verilog-2005 of the XBNN custom functional unit.",
      "DIR/" + XbnnUnit.FILE_NAME + " implements every custom-0 instruction of the ISA table",
      "with a CFU-style valid/ready handshake. Ports and timing: docs/isa-xbnn.md."
    })
final class RiscvUnitCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Directory to write.")
  Path output;

  @Override
  public Integer call() {
    Path file = output.resolve(XbnnUnit.FILE_NAME);
    AtomicFiles.write(file, XbnnUnit.verilog());
    String functions = XbnnUnit.functions().stream()
        .map(f -> String.format("%s 0x%03x", f.opcode().mnemonic(), f.id()))
        .collect(Collectors.joining(", "));
    spec.commandLine().getOut().printf("wrote %s (module %s; function ids: %s)%n", file, XbnnUnit.MODULE, functions);
    return Blitz.OK;
  }
}
