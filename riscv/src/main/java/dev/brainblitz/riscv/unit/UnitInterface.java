package dev.brainblitz.riscv.unit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** How the XBNN unit attaches to a core, and the Verilog files that takes ({@code blitz riscv-unit --interface}). */
public enum UnitInterface {
  /** The unit alone, behind its CFU-style valid/ready handshake: {@value XbnnUnit#FILE_NAME}. */
  CFU,
  /** The unit and its adapter to PicoRV32's co-processor interface: also {@value PcpiAdapter#FILE_NAME}. */
  PCPI;

  /** The name the command line uses: {@code cfu} or {@code pcpi}. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<UnitInterface> byKeyword(String keyword) {
    return Arrays.stream(values()).filter(i -> i.keyword().equals(keyword)).findFirst();
  }

  /** The keywords, for messages: {@code cfu, pcpi}. */
  public static String keywords() {
    return Arrays.stream(values()).map(UnitInterface::keyword).collect(Collectors.joining(", "));
  }

  /** The top module a core instantiates. */
  public String topModule() {
    return topModule(XbnnUnit.Revision.XBNN);
  }

  /** The top module a core instantiates for the unit of {@code revision}. */
  public String topModule(XbnnUnit.Revision revision) {
    return switch (this) {
      case CFU -> revision.module();
      case PCPI -> revision.pcpiModule();
    };
  }

  /** File name to Verilog text, the unit first; deterministic. */
  public Map<String, String> files() {
    return files(XbnnUnit.Revision.XBNN);
  }

  /** File name to Verilog text of the unit of {@code revision}, the unit first; deterministic. */
  public Map<String, String> files(XbnnUnit.Revision revision) {
    var files = new LinkedHashMap<String, String>();
    files.put(revision.fileName(), XbnnUnit.verilog(revision));
    switch (this) {
      case CFU -> { }
      case PCPI -> files.put(revision.pcpiModule() + ".v", PcpiAdapter.verilog(revision));
    }
    return files;
  }
}
