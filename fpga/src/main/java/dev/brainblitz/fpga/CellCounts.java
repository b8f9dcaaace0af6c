package dev.brainblitz.fpga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The cells of a synthesized design by type, per module and in total, as Yosys's {@code stat -json}
 * writes them (Yosys 0.23: {@code modules -> "\name" -> num_cells_by_type}, and {@code design} for
 * the whole hierarchy below the top), and their translation into {@link Resources}. A module that
 * contains another counts it as a cell named after it; those are left out here.
 */
public record CellCounts(SortedMap<String, SortedMap<String, Long>> modules, SortedMap<String, Long> design) {

  public CellCounts {
    var copy = new TreeMap<String, SortedMap<String, Long>>();
    modules.forEach((name, cells) -> copy.put(name, Collections.unmodifiableSortedMap(new TreeMap<>(cells))));
    modules = Collections.unmodifiableSortedMap(copy);
    design = Collections.unmodifiableSortedMap(new TreeMap<>(design));
  }

  /** Reads the text of {@code stat -json}. Throws {@link IllegalArgumentException} when it is not that. */
  public static CellCounts parse(String json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.path("modules").isObject() || !root.path("design").isObject()) {
      throw new IllegalArgumentException("not the output of Yosys's stat -json (no 'modules' and 'design')");
    }
    var modules = new TreeMap<String, SortedMap<String, Long>>();
    for (var module : root.path("modules").properties()) {
      String name = module.getKey().startsWith("\\") ? module.getKey().substring(1) : module.getKey();
      modules.put(name, cells(module.getValue()));
    }
    var design = cells(root.path("design"));
    modules.keySet().forEach(design::remove);
    modules.values().forEach(cells -> modules.keySet().forEach(cells::remove));
    return new CellCounts(modules, design);
  }

  private static TreeMap<String, Long> cells(JsonNode stat) {
    var cells = new TreeMap<String, Long>();
    for (var cell : stat.path("num_cells_by_type").properties()) {
      cells.put(cell.getKey(), cell.getValue().asLong());
    }
    return cells;
  }

  /** The cells of module {@code name} alone (not counting the modules it contains). */
  public SortedMap<String, Long> module(String name) {
    SortedMap<String, Long> cells = modules.get(name);
    if (cells == null) {
      throw new IllegalArgumentException("no module '" + name + "' in the statistics; modules: " + modules.keySet());
    }
    return cells;
  }

  /**
   * What {@code cells} use of a {@code family} device. I/O pins are not counted here (iCE40 I/O cells
   * are inserted by place and route); cells of no known kind are returned by {@link #unknown}.
   */
  public static Resources resources(Family family, Map<String, Long> cells) {
    var lutsBySize = new TreeMap<Integer, Long>();
    long lutsAsMemory = 0;
    long flipFlops = 0;
    long carries = 0;
    long blockRams = 0;
    long singlePortRams = 0;
    long dsps = 0;
    for (var cell : cells.entrySet()) {
      String type = cell.getKey();
      long n = cell.getValue();
      switch (kind(family, type)) {
        case LUT -> lutsBySize.merge(lutSize(family, type), n, Long::sum);
        case LUT_MEMORY -> {
          long luts = n * lutRamLuts(type);
          lutsBySize.merge(6, luts, Long::sum);
          lutsAsMemory += luts;
        }
        case FLIP_FLOP -> flipFlops += n;
        case CARRY -> carries += n;
        case BLOCK_RAM -> blockRams += n * (type.equals("RAMB36E1") ? 2 : 1);
        case SINGLE_PORT_RAM -> singlePortRams += n;
        case DSP -> dsps += n;
        case IGNORED, UNKNOWN -> { }
      }
    }
    long luts = lutsBySize.values().stream().mapToLong(Long::longValue).sum();
    return new Resources(luts, lutsBySize, lutsAsMemory, flipFlops, carries, blockRams, singlePortRams, dsps, 0);
  }

  /** Cell types among {@code cells} that are no primitive of {@code family} (e.g. an unmapped memory). */
  public static SortedMap<String, Long> unknown(Family family, Map<String, Long> cells) {
    var unknown = new TreeMap<String, Long>();
    cells.forEach((type, n) -> {
      if (kind(family, type) == Kind.UNKNOWN) {
        unknown.put(type, n);
      }
    });
    return unknown;
  }

  enum Kind { LUT, LUT_MEMORY, FLIP_FLOP, CARRY, BLOCK_RAM, SINGLE_PORT_RAM, DSP, IGNORED, UNKNOWN }

  static Kind kind(Family family, String type) {
    return switch (family) {
      case ICE40 -> {
        if (type.equals("SB_LUT4")) {
          yield Kind.LUT;
        } else if (type.startsWith("SB_DFF")) {
          yield Kind.FLIP_FLOP;
        } else if (type.equals("SB_CARRY")) {
          yield Kind.CARRY;
        } else if (type.startsWith("SB_RAM40_4K")) {
          yield Kind.BLOCK_RAM;
        } else if (type.equals("SB_SPRAM256KA")) {
          yield Kind.SINGLE_PORT_RAM;
        } else if (type.equals("SB_MAC16")) {
          yield Kind.DSP;
        } else if (type.startsWith("SB_IO") || type.startsWith("SB_GB") || type.startsWith("SB_PLL40")) {
          yield Kind.IGNORED;
        }
        yield Kind.UNKNOWN;
      }
      case XC7 -> {
        if (type.matches("LUT[1-6]") || type.equals("INV")) {
          yield Kind.LUT;
        } else if (lutRamLuts(type) > 0) {
          yield Kind.LUT_MEMORY;
        } else if (type.matches("FD[RSCP]E(_1)?|LD[CP]E")) {
          yield Kind.FLIP_FLOP;
        } else if (type.equals("CARRY4")) {
          yield Kind.CARRY;
        } else if (type.equals("RAMB18E1") || type.equals("RAMB36E1")) {
          yield Kind.BLOCK_RAM;
        } else if (type.equals("DSP48E1")) {
          yield Kind.DSP;
        } else if (type.matches("MUXF[78]|IBUF|IBUFG|OBUF|OBUFT|IOBUF|BUFG|BUFGCTRL|VCC|GND")) {
          yield Kind.IGNORED;
        }
        yield Kind.UNKNOWN;
      }
    };
  }

  private static int lutSize(Family family, String type) {
    return family == Family.ICE40 ? 4 : type.equals("INV") ? 1 : type.charAt(3) - '0';
  }

  /** LUTs a Xilinx distributed-RAM or shift-register cell occupies; 0 for other cells. */
  private static int lutRamLuts(String type) {
    return switch (type) {
      case "RAM16X1S", "RAM32X1S", "RAM64X1S", "SRL16E", "SRLC16E", "SRLC32E" -> 1;
      case "RAM16X1D", "RAM32X1D", "RAM64X1D", "RAM128X1S" -> 2;
      case "RAM32M", "RAM64M", "RAM128X1D", "RAM256X1S" -> 4;
      default -> 0;
    };
  }
}
