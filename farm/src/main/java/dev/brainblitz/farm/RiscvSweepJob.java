package dev.brainblitz.farm;

import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutionReport;
import dev.brainblitz.ir.exec.Executor;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.exec.Executors;
import dev.brainblitz.ir.exec.Metric;
import dev.brainblitz.ir.random.RandomNetworks;
import dev.brainblitz.ir.text.TextModelReader;
import dev.brainblitz.sim.kernel.IssExecutorProvider;
import dev.brainblitz.sim.kernel.IssOptions;
import dev.brainblitz.sim.iss.TimingModel;

/**
 * One point of a RISC-V sweep: the model (its text form travels with the job), an ISA level
 * ({@code rv32im}, {@code rv32im_zbb}, ...), a timing model spec of the simulator ({@code cv32e40p},
 * {@code picorv32:wait=1}, ...) and {@code vectors} random inputs of {@code vectorSeed}. It runs the
 * target {@code iss:<isa>} (the kernel lowered, assembled and run in the harness on the ISS), so the
 * figures are measured the way {@code blitz verify} and {@code blitz regress} measure them.
 */
public record RiscvSweepJob(String modelText, String isa, String timing, int vectors, long vectorSeed)
    implements FarmJob<RiscvPoint> {
  private static final long serialVersionUID = 1L;

  public RiscvSweepJob {
    if (vectors < 1) {
      throw new IllegalArgumentException("vectors " + vectors);
    }
    TimingModel.parse(timing);
  }

  public Network network() {
    return TextModelReader.read("sweep.bil", modelText);
  }

  /** The executor target, {@code iss:<isa>}. */
  public String target() {
    return IssExecutorProvider.PREFIX + isa;
  }

  @Override
  public RiscvPoint run() {
    Network network = network();
    var options = ExecutorOptions.DEFAULTS.with(new IssOptions(TimingModel.parse(timing)));
    ExecutionReport report;
    try (Executor executor = Executors.create(target(), network, options)) {
      report = executor.run(RandomNetworks.vectors(vectorSeed, network, vectors));
    }
    return new RiscvPoint(isa, timing, vectors, metric(report, "time"), metric(report, "retired"),
        (long) metric(report, "code"), (long) metric(report, "rodata"), (long) metric(report, "stack"));
  }

  private double metric(ExecutionReport report, String key) {
    return report.metrics().stream().filter(m -> m.key().equals(key)).mapToDouble(Metric::value).findFirst()
        .orElseThrow(() -> new IllegalStateException(target() + " reported no '" + key + "' metric"));
  }

  @Override
  public String describe() {
    return isa + " on " + timing;
  }
}
