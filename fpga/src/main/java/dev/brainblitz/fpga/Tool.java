package dev.brainblitz.fpga;

/**
 * An external program of the FPGA flow: the command looked up on the PATH, the Debian package that
 * installs it, the environment variable that names another path (as Amaranth does: {@code YOSYS} there,
 * {@code BLITZ_YOSYS} here), and the Makefile variable the replay script uses.
 */
public enum Tool {
  YOSYS("yosys", "yosys", "BLITZ_YOSYS", "YOSYS"),
  NEXTPNR_ICE40("nextpnr-ice40", "nextpnr-ice40", "BLITZ_NEXTPNR_ICE40", "NEXTPNR_ICE40"),
  ICEPACK("icepack", "fpga-icestorm", "BLITZ_ICEPACK", "ICEPACK"),
  OPENFPGALOADER("openFPGALoader", "openfpgaloader", "BLITZ_OPENFPGALOADER", "OPENFPGALOADER"),
  VERILATOR("verilator", "verilator", "BLITZ_VERILATOR", "VERILATOR");

  private final String command;
  private final String debianPackage;
  private final String variable;
  private final String makeVariable;

  Tool(String command, String debianPackage, String variable, String makeVariable) {
    this.command = command;
    this.debianPackage = debianPackage;
    this.variable = variable;
    this.makeVariable = makeVariable;
  }

  /** The program's name on the PATH. */
  public String command() {
    return command;
  }

  public String debianPackage() {
    return debianPackage;
  }

  /** The environment variable that overrides the program's path. */
  public String variable() {
    return variable;
  }

  /** The system property that overrides it too (for tests, which cannot change their environment). */
  public String property() {
    return "blitz.tool." + command.toLowerCase(java.util.Locale.ROOT);
  }

  /** The variable of the replay Makefile that holds the program ({@code make YOSYS=/opt/yosys/bin/yosys}). */
  public String makeVariable() {
    return makeVariable;
  }
}
