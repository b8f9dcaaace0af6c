package dev.brainblitz.sim.iss;

import java.util.List;

/** One cycle per instruction, whatever it is (custom instructions: their configured latency, 1 by default). */
public final class IdealTiming extends TimingModel {
  public IdealTiming(int customLatency) {
    super(customLatency);
  }

  @Override
  public String name() {
    return "ideal";
  }

  @Override
  protected List<String> options() {
    return customLatency() == 1 ? List.of() : List.of("custom=" + customLatency());
  }

  @Override
  protected int baseCycles(OpClass c) {
    return 1;
  }

  @Override
  public int branchTakenPenalty() {
    return 0;
  }

  @Override
  public int loadUseStall() {
    return 0;
  }

  @Override
  public TimingModel withCustomLatency(int cycles) {
    return new IdealTiming(cycles);
  }
}
