package dev.brainblitz.cli;

import dev.brainblitz.ir.io.AtomicFiles;
import dev.brainblitz.riscv.unit.UnitInterface;
import dev.brainblitz.riscv.unit.XbnnUnit;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
      "with a CFU-style valid/ready handshake; --interface pcpi adds its adapter to PicoRV32's",
      "co-processor interface. Ports, timing and the core change PCPI needs: docs/isa-xbnn.md."
    })
final class RiscvUnitCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Directory to write.")
  Path output;

  @Option(names = "--interface", paramLabel = "IF", defaultValue = "cfu",
      description = "cfu (the unit alone) or pcpi (the unit and its PicoRV32 PCPI adapter) (default: ${DEFAULT-VALUE}).")
  String attachment;

  @Option(names = "--extension", paramLabel = "EXT", defaultValue = "xbnn",
      description = "xbnn (xnorpop, xnorpopacc: " + XbnnUnit.FILE_NAME + ") or xbnn2 (also the input-chunk register "
          + "and bppush, bpacc, bpget: xbnn2_unit.v) (default: ${DEFAULT-VALUE}).")
  String extension;

  @Override
  public Integer call() {
    XbnnUnit.Revision revision = XbnnUnit.Revision.byKeyword(extension).orElseThrow(() ->
        new CommandLine.ParameterException(spec.commandLine(), "unknown --extension '" + extension + "'; choose one of "
            + XbnnUnit.Revision.keywords()));
    UnitInterface attach = UnitInterface.byKeyword(attachment).orElseThrow(() -> new CommandLine.ParameterException(
        spec.commandLine(), "unknown --interface '" + attachment + "'; choose one of " + UnitInterface.keywords()));
    var files = new LinkedHashMap<Path, String>();
    attach.files(revision).forEach((name, text) -> files.put(output.resolve(name), text));
    AtomicFiles.writeAllText(files);
    String functions = XbnnUnit.functions(revision).stream()
        .map(f -> String.format("%s 0x%03x", f.opcode().mnemonic(), f.id()))
        .collect(Collectors.joining(", "));
    for (Path file : files.keySet()) {
      spec.commandLine().getOut().printf("wrote %s%n", file);
    }
    spec.commandLine().getOut().printf("top module %s; function ids: %s%n", attach.topModule(revision), functions);
    return Blitz.OK;
  }
}
