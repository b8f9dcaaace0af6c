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
 * Targets {@code iss:rv32im}, {@code iss:rv32im_zbb}, {@code iss:rv32im_xbnn} and {@code iss:rv32im_xbnn2}: the network lowered
 * for that ISA level, assembled with our assembler and run with a harness on the cycle-level
 * simulator, with the timing model of its {@link IssOptions} (default {@code cv32e40p}).
 */
public final class IssExecutorProvider implements ExecutorProvider {
  public static final String PREFIX = "iss:";

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
    TimingModel timing = options.get(IssOptions.class).orElse(IssOptions.DEFAULTS).timing();
    return new IssExecutor(target, network, isa, timing);
  }
}
