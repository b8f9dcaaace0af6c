package dev.brainblitz.sim.kernel;

import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.Executor;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.exec.ExecutorProvider;
import dev.brainblitz.ir.exec.ExecutorUnavailableException;
import dev.brainblitz.riscv.lower.Isa;
import dev.brainblitz.sim.iss.TimingModel;
import java.util.List;

/**
 * Targets {@code iss:rv32im}, {@code iss:rv32im_zbb} and {@code iss:rv32im_xbnn}: the network lowered
 * for that ISA level, assembled with our assembler and run with a harness on the cycle-level
 * simulator. Option {@value #TIMING} picks the timing model (default {@code cv32e40p}).
 */
public final class IssExecutorProvider implements ExecutorProvider {
  public static final String PREFIX = "iss:";
  /** The timing model the cycles are counted with, as a spec: ideal, cv32e40p (default), picorv32[:options]. */
  public static final String TIMING = "iss.timing";

  @Override
  public List<String> targets() {
    return List.of(PREFIX + "<isa> (" + Isa.names() + ")");
  }

  @Override
  public boolean accepts(String target) {
    return target.startsWith(PREFIX);
  }

  @Override
  public Executor create(String target, Network network, ExecutorOptions options) {
    String isaName = target.substring(PREFIX.length());
    Isa isa = Isa.byKeyword(isaName).orElseThrow(() -> new ExecutorUnavailableException(
        "unknown ISA level '" + isaName + "' in target '" + target + "'; known: " + Isa.names()));
    String timingName = options.get(TIMING).orElse("cv32e40p");
    TimingModel timing;
    try {
      timing = TimingModel.parse(timingName);
    } catch (IllegalArgumentException e) {
      throw new ExecutorUnavailableException(e.getMessage());
    }
    return new IssExecutor(target, network, isa, timing);
  }
}
