package dev.brainblitz.cli;

import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.io.AtomicFiles;
import dev.brainblitz.riscv.baseline.CBaseline;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "c-baseline",
    mixinStandardHelpOptions = true,
    description = {
      "Write the generated half of the plain-C baseline (bench/c-baseline).",
      "DIR/network.c holds the model's weights and bnn_infer, DIR/vectors.h test",
      "vectors with the golden model's results; both files are written or neither.",
      "Then 'make -C bench/c-baseline GEN=DIR' builds DIR/bnn.elf and",
      "'make -C bench/c-baseline GEN=DIR VARIANT=tuned' DIR/bnn-tuned.elf (the",
      "hand-tuned C), for 'blitz sim' and qemu-riscv32. See bench/c-baseline/README.md."
    })
final class CBaselineCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "MODEL", description = ModelArgument.DESCRIPTION)
  String model;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Directory to write.")
  Path output;

  @Option(names = "--vectors", defaultValue = "10", paramLabel = "N",
      description = "Number of random test vectors (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
      description = "Seed of the random vectors (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    Usage.range(spec, "--vectors", count, 1, 100_000);
    Outputs.requireNotInput(spec, "-o", output, ModelArgument.inputFile(model));
    Outputs.requireDirectory(spec, "-o", output);
    Network network = ModelArgument.read(model);
    List<InputVector> vectors = VectorSource.random(network, count, seed);
    var files = new LinkedHashMap<Path, String>();
    files.put(output.resolve(CBaseline.NETWORK_FILE), CBaseline.networkSource(network));
    files.put(output.resolve(CBaseline.VECTORS_FILE), CBaseline.vectorsHeader(network, vectors));
    AtomicFiles.writeAllText(files);
    spec.commandLine().getOut().printf("wrote %s and %s (%d vectors)%n", output.resolve(CBaseline.NETWORK_FILE),
        output.resolve(CBaseline.VECTORS_FILE), vectors.size());
    return Blitz.OK;
  }
}
