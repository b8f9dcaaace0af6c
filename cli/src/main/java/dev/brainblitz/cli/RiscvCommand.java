package dev.brainblitz.cli;

import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.random.RandomNetworks;
import dev.brainblitz.riscv.lower.Harness;
import dev.brainblitz.riscv.lower.IlToRiscv;
import dev.brainblitz.riscv.lower.Isa;
import dev.brainblitz.riscv.lower.KernelReport;
import dev.brainblitz.riscv.lower.LoweredKernel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "riscv",
    mixinStandardHelpOptions = true,
    description = {
      "Lower a model to one RISC-V assembly file (GNU as syntax) holding",
      "'int <model>_infer(const uint8_t *input, int32_t *scores)' (ilp32) and its weights in .rodata.",
      "See docs/riscv.md."
    })
final class RiscvCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "MODEL", description = ModelArgument.DESCRIPTION)
  String model;

  @Option(names = "--isa", required = true, paramLabel = "ISA",
      description = "rv32im (SWAR popcount), rv32im_zbb (xnor, cpop) or rv32im_xbnn (our xnorpopacc).")
  String isa;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.S", description = "The assembly file to write.")
  Path output;

  @Option(names = "--harness", description = "Append a bare-metal _start that runs the kernel over test vectors and "
      + "stops through tohost (for 'blitz asm' + 'blitz sim' or a board).")
  boolean harness;

  @Option(names = "--vectors", defaultValue = "16", paramLabel = "N",
      description = "With --harness: the number of random test vectors (default: ${DEFAULT-VALUE}).")
  int vectors;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
      description = "With --harness: seed of the test vectors (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--header", paramLabel = "OUT.h", description = "Also write a C header declaring the function.")
  Path header;

  @Option(names = "--report", description = "Print per layer the method, weight words and static instructions.")
  boolean report;

  @Override
  public Integer call() {
    Isa level = Isa.byKeyword(isa).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
        "unknown --isa '" + isa + "'; choose one of " + Isa.names()));
    if (vectors < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--vectors must be at least 1");
    }
    Network network = Network.of(ModelArgument.read(model));
    LoweredKernel kernel = IlToRiscv.lower(network, level);
    String text = kernel.assembly();
    if (harness) {
      text += Harness.source(kernel, RandomNetworks.vectors(seed, network, vectors), 0, Harness.Exit.TOHOST);
    }
    ModelFiles.writeAtomically(output, text);
    if (header != null) {
      ModelFiles.writeAtomically(header, kernel.header());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("wrote %s (%s for %s%s)%n", output, kernel.function(), level.keyword(),
        harness ? ", with a harness over " + vectors + " vectors" : "");
    if (header != null) {
      out.printf("wrote %s%n", header);
    }
    if (report) {
      out.print(KernelReport.render(kernel));
    }
    return Blitz.OK;
  }
}
