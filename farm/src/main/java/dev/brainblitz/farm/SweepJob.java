package dev.brainblitz.farm;

import dev.brainblitz.fpga.Device;
import dev.brainblitz.fpga.FpgaFlow;
import dev.brainblitz.fpga.FpgaOutcome;
import dev.brainblitz.fpga.FpgaProject;
import dev.brainblitz.fpga.FpgaReport;
import dev.brainblitz.fpga.FpgaTarget;
import dev.brainblitz.fpga.Toolchain;
import dev.brainblitz.fpga.WeightPlacement;
import dev.brainblitz.fpga.Workspace;
import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.VerilogDesign;
import dev.brainblitz.hdlgen.CostModel;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.text.TextModelReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One point of a design-space sweep: the model (its text form travels with the job, so any member
 * can run it), the folding target in cycles per vector, the device and clock, and whether to
 * synthesize (Yosys, and nextpnr where the device has open place and route) besides estimating.
 * Each member keeps the points it computed by the content hash of the job ({@link #contentHash}),
 * and the FPGA workspace caches tool runs by the hash of their inputs, so repeating a sweep costs
 * nothing.
 */
public record SweepJob(String modelText, long targetCycles, String device, double clockMhz, boolean synthesize)
    implements FarmJob<SweepPoint> {
  private static final long serialVersionUID = 1L;

  /** This member's computed points by content hash. */
  private static final Map<String, SweepPoint> CACHE = new ConcurrentHashMap<>();

  public Network network() {
    return TextModelReader.read("sweep.bil", modelText);
  }

  public FoldingPlan plan(Network network) {
    return FoldingPlan.forTarget(network, targetCycles);
  }

  @Override
  public SweepPoint run() {
    return CACHE.computeIfAbsent(contentHash(), hash -> compute());
  }

  private SweepPoint compute() {
    Network network = network();
    // the weights placed as 'blitz fpga --device' places them, so a point is the design it builds (the
    // placement looks at the device's capacity alone, so it does not need the sweep's clock)
    Device part = Device.named(device);
    FoldingPlan plan = WeightPlacement.place(plan(network), FpgaTarget.of(part, FpgaTarget.DEFAULT_MHZ), 1).plan();
    CostModel.Cost estimate = FpgaReport.estimate(plan, part.family());
    long ii = plan.initiationInterval();
    var point = new SweepPoint(device, targetCycles, plan.describeFolds(), ii, plan.latency(), estimate.luts(),
        estimate.flipFlops(), estimate.romBits(), -1, -1, Double.NaN, true, clockMhz * 1e6 / ii);
    if (!synthesize) {
      return point;
    }
    FpgaTarget target = FpgaTarget.of(part, clockMhz);
    Workspace workspace = new Workspace(Workspace.defaultDirectory(), Toolchain.fromEnvironment(), message -> {});
    FpgaOutcome outcome = FpgaFlow.run(FpgaProject.of(VerilogDesign.of(network, plan), target), workspace);
    return point.measured(outcome.engine().luts(), outcome.engine().flipFlops(), outcome.fmaxMhz().orElse(Double.NaN),
        outcome.fits());
  }

  /** SHA-256 of everything the point depends on. */
  public String contentHash() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((targetCycles + "\n" + device + "\n" + clockMhz + "\n" + synthesize + "\n")
          .getBytes(StandardCharsets.UTF_8));
      digest.update(modelText.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String describe() {
    return device + " at " + targetCycles + " cycles";
  }
}
