package dev.brainblitz.fpga;

/**
 * An FPGA family and how the open flow treats it: which Yosys synthesis command maps to it, and
 * whether the flow goes on to place and route (nextpnr-ice40) and a bitstream (icepack). For the
 * Xilinx 7-series no open place and route exists, so its figures stop at synthesis.
 */
public enum Family {
  ICE40("iCE40", "synth_ice40", true, "ice40", "EBR (4 kbit)"),
  XC7("Xilinx 7-series", "synth_xilinx -family xc7", false, "xilinx", "RAMB18 (18 kbit)");

  private final String title;
  private final String synthesisCommand;
  private final boolean placeAndRoute;
  private final String yosysDirectory;
  private final String blockRamUnit;

  Family(String title, String synthesisCommand, boolean placeAndRoute, String yosysDirectory, String blockRamUnit) {
    this.title = title;
    this.synthesisCommand = synthesisCommand;
    this.placeAndRoute = placeAndRoute;
    this.yosysDirectory = yosysDirectory;
    this.blockRamUnit = blockRamUnit;
  }

  public String title() {
    return title;
  }

  /** The Yosys command (with its family option) that synthesizes for this family. */
  public String synthesisCommand() {
    return synthesisCommand;
  }

  /** Whether the open flow places, routes and packs a bitstream for this family. */
  public boolean placeAndRoute() {
    return placeAndRoute;
  }

  /** The directory of this family's cell models under Yosys's data directory ({@code cells_sim.v}). */
  public String yosysDirectory() {
    return yosysDirectory;
  }

  /** The unit block RAM is counted in: iCE40 EBRs, or Xilinx RAMB18 halves (a RAMB36 counts 2). */
  public String blockRamUnit() {
    return blockRamUnit;
  }
}
