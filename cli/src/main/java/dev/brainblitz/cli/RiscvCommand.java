package dev.brainblitz.cli;

import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.io.AtomicFiles;
import dev.brainblitz.ir.random.RandomNetworks;
import dev.brainblitz.riscv.lower.Harness;
import dev.brainblitz.riscv.lower.IlToRiscv;
import dev.brainblitz.riscv.lower.Isa;
import dev.brainblitz.riscv.lower.KernelReport;
import dev.brainblitz.riscv.lower.LoweredKernel;
import dev.brainblitz.sim.iss.MemoryMap;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
      "Lower a model to a RISC-V assembly kernel (GNU as syntax).",
      "The file holds 'int <model>_infer(const uint8_t *input, int32_t *scores)'",
      "(ilp32) and its weights in .rodata. See docs/riscv.md."
    })
final class RiscvCommand implements Callable<Integer> {
  /** The RAM of the simulator's memory map, where the harness's program and data go. */
  private static final long RAM_BYTES = MemoryMap.DEFAULT.regions().get(1).size();
  /** Room kept for the code and the stack: generous, a kernel's code is well below 1 MiB. */
  private static final long STACK_AND_CODE_RESERVE = 1 << 20;

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "MODEL", description = ModelArgument.DESCRIPTION)
  String model;

  @Option(names = "--isa", required = true, paramLabel = "ISA",
      description = "rv32im (SWAR popcount), rv32im_zbb (xnor, cpop), rv32im_xbnn (our xnorpopacc) or rv32im_xbnn2 "
          + "(also the bit-plane unit for the u8 layer).")
  String isa;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.S", description = "The assembly file to write.")
  Path output;

  @Option(names = "--harness", description = "Append a bare-metal _start that runs the kernel over test vectors and "
      + "stops through tohost (for 'blitz asm' + 'blitz sim' or a board).")
  boolean harness;

  @Option(names = "--harness-exit", paramLabel = "HOW", defaultValue = "tohost",
      description = "With --harness, how the program ends: tohost (store 1 to tohost: blitz sim, boards), print (a text"
          + " line 'index class scores...' per vector through the write ecall, then exit through ecall 93: runs"
          + " unchanged under qemu-riscv32 and blitz sim) or syscall (the raw result words, then exit)"
          + " (default: ${DEFAULT-VALUE}).")
  String harnessExit;

  @Option(names = "--vectors", defaultValue = "16", paramLabel = "N",
      description = "With --harness: the number of random test vectors (default: ${DEFAULT-VALUE}).")
  int vectors;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
      description = "With --harness: seed of the test vectors (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--header", paramLabel = "OUT.h",
      description = "Also write a C header declaring the function (both files are written or neither).")
  Path header;

  @Option(names = "--report", description = "Print per layer the method, weight words and static instructions.")
  boolean report;

  @Override
  public Integer call() {
    Outputs.requireNotInput(spec, "-o", output, ModelArgument.inputFile(model));
    Outputs.requireNotInput(spec, "--header", header, ModelArgument.inputFile(model), output);
    Isa level = Isa.byKeyword(isa).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
        "unknown --isa '" + isa + "'; choose one of " + Isa.names()));
    var parsed = spec.commandLine().getParseResult();
    if (!harness && (parsed.hasMatchedOption("--vectors") || parsed.hasMatchedOption("--seed")
        || parsed.hasMatchedOption("--harness-exit"))) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--vectors, --seed and --harness-exit need --harness");
    }
    Harness.Exit ending = switch (harnessExit) {
      case "tohost" -> Harness.Exit.TOHOST;
      case "print" -> Harness.Exit.PRINT;
      case "syscall" -> Harness.Exit.SYSCALL;
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "unknown --harness-exit '" + harnessExit + "'; choose tohost, print or syscall");
    };
    if (vectors < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--vectors must be at least 1");
    }
    Network network = ModelArgument.read(model);
    LoweredKernel kernel = IlToRiscv.lower(network, level);
    String text = kernel.assembly();
    if (harness) {
      long bytes = (long) vectors * (Harness.vectorStride(kernel) + Harness.resultStride(kernel));
      long room = RAM_BYTES - kernel.rodataBytes() - STACK_AND_CODE_RESERVE;
      if (bytes > room) {
        throw new UserException("--harness --vectors " + vectors + " needs " + bytes + " bytes for the vectors and"
            + " results of " + network.name() + ", more than the " + (RAM_BYTES >> 20) + " MiB RAM of 'blitz sim' holds"
            + " (docs/sim.md); use at most " + room / (Harness.vectorStride(kernel) + Harness.resultStride(kernel)));
      }
      text += Harness.source(kernel, RandomNetworks.vectors(seed, network, vectors), 0, ending);
    }
    var files = new LinkedHashMap<Path, String>();
    files.put(output, text);
    if (header != null) {
      files.put(header, kernel.header());
    }
    AtomicFiles.writeAllText(files);
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
