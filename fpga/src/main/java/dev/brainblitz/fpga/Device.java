package dev.brainblitz.fpga;

import dev.brainblitz.hdlgen.FmaxModel;
import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An FPGA the flow can target, and the one place its capacities live. {@code packages} maps each
 * package we know to its user I/O count (the first is the default); {@code nextpnrDevice} is the
 * nextpnr-ice40 device option ({@code --up5k}) and empty for families without place and route.
 * Capacities are from the vendors' data sheets: iCE40 logic cells (one LUT4, one flip-flop and one
 * carry each), 4-kbit EBRs, 256-kbit SPRAMs and SB_MAC16 DSPs; Xilinx LUT6s, flip-flops, CARRY4s
 * (one per slice), RAMB18s (two per 36-kbit block) and DSP48E1s.
 */
public record Device(String name, String part, Family family, String nextpnrDevice, Map<String, Integer> packages,
    Resources capacity) {

  public Device {
    packages = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(packages));
    if (packages.isEmpty()) {
      throw new IllegalArgumentException("a device needs a package");
    }
  }

  /** Every device the flow knows, in the order help texts list them. */
  public static final List<Device> ALL = List.of(
      new Device("up5k", "iCE40UP5K", Family.ICE40, "--up5k", packages("sg48", 39, "uwg30", 21),
          Resources.capacity(5280, 5280, 5280, 30, 4, 8, 39)),
      new Device("hx8k", "iCE40HX8K", Family.ICE40, "--hx8k", packages("ct256", 206, "cb132", 95),
          Resources.capacity(7680, 7680, 7680, 32, 0, 0, 206)),
      new Device("hx1k", "iCE40HX1K", Family.ICE40, "--hx1k", packages("tq144", 95, "vq100", 72),
          Resources.capacity(1280, 1280, 1280, 16, 0, 0, 95)),
      new Device("xc7a35t", "XC7A35T", Family.XC7, "", packages("csg324", 210, "cpg236", 106),
          Resources.capacity(20800, 41600, 5200, 100, 0, 90, 210)),
      new Device("xc7z020", "XC7Z020", Family.XC7, "", packages("clg400", 125, "clg484", 200),
          Resources.capacity(53200, 106400, 13300, 280, 0, 220, 125)));

  private static Map<String, Integer> packages(String first, int firstIos, String second, int secondIos) {
    var map = new LinkedHashMap<String, Integer>();
    map.put(first, firstIos);
    map.put(second, secondIos);
    return map;
  }

  /** The device called {@code name} (case-insensitive), if the flow knows it. */
  public static Optional<Device> find(String name) {
    return ALL.stream().filter(d -> d.name.equalsIgnoreCase(name.trim())).findFirst();
  }

  /** The names of all devices, for help texts and error messages. */
  public static List<String> names() {
    return ALL.stream().map(Device::name).toList();
  }

  /** The device called {@code name}, or an error listing the known ones. */
  public static Device named(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException(
        "unknown device '" + name + "'; known devices: " + String.join(", ", names())));
  }

  public String defaultPackage() {
    return packages.keySet().iterator().next();
  }

  /**
   * The weights of the Fmax estimate for this device's place and route ({@link FmaxModel#ICE40} on
   * the UP5K, {@link FmaxModel#ICE40_HX} on the HX parts); empty for a family the open flow does not
   * place and route.
   */
  public Optional<FmaxModel.Coefficients> fmaxModel() {
    if (family != Family.ICE40) {
      return Optional.empty();
    }
    return Optional.of(part.startsWith("iCE40HX") ? FmaxModel.ICE40_HX : FmaxModel.ICE40);
  }

  /** The capacity of this device in {@code pkg}: its I/O count is the package's. */
  public Resources capacity(String pkg) {
    Integer ios = packages.get(pkg);
    if (ios == null) {
      throw new IllegalArgumentException("device " + name + " has no package '" + pkg + "'; its packages are "
          + String.join(", ", packages.keySet()));
    }
    return capacity.withIos(ios);
  }

  static DiagnosticException error(dev.brainblitz.ir.diag.ErrorCode code, String where, String message) {
    return new DiagnosticException(new Diagnostic(code, SourceSpan.wholeFile(where), message));
  }
}
