package dev.brainblitz.fpga;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A workaround for a bug in Yosys's Xilinx block-RAM mapping, applied to the gate-level netlists
 * ({@link GateLevel}). Yosys 0.23's {@code xilinx/brams_xc6v_map.v} wires a RAMB36E1's upper four
 * write-parity bits (DIPBDIP) to the lower four when the write port is 72 bits wide: it tests
 * {@code PORT_W_WIDTH == 71} (fixed upstream in YosysHQ/yosys#5833). Every write to a memory mapped
 * to a 72-bit simple-dual-port block RAM then stores its bits 68..71 as copies of bits 64..67; the
 * line buffers, input buffers and link FIFOs that brain-blitz puts in block RAM can be such
 * memories. Block RAMs whose contents come only from INIT (weight ROMs) are not affected.
 *
 * <p>When the installed map file has the typo, the netlist script stops {@code synth_xilinx} before
 * its memory mapping, runs that step's commands itself with a copy of the map file in which the one
 * test reads 72, and resumes {@code synth_xilinx} after it. The step's commands are those the
 * installed Yosys prints for it ({@code echo on}), so nothing else changes.
 */
final class XilinxBramMapFix {
  private XilinxBramMapFix() {}

  /** The corrected copy's name in the run directory. */
  static final String MAP_FILE = "brams_xc6v_map.v";
  /** The file the map includes, copied beside it. */
  static final String DEFINITIONS_FILE = "brams_defs.vh";
  static final String TYPO = "PORT_W_WIDTH == 71 ? DIP[7:4]";
  static final String FIXED = "PORT_W_WIDTH == 72 ? DIP[7:4]";
  private static final String STOCK_MAP = "techmap -map +/xilinx/" + MAP_FILE;

  /** The files of the run directory (the corrected map and what it includes) and the memory-mapping commands that use them. */
  record Fix(Map<String, String> files, List<String> mapMemoryCommands) {}

  private static final Map<Path, Optional<Fix>> FOUND = new ConcurrentHashMap<>();

  /** The fix the installed Yosys needs; empty when its map file has no typo. */
  static Optional<Fix> of(Toolchain tools) {
    Path map = GateLevel.dataDirectory(tools).resolve(Family.XC7.yosysDirectory()).resolve(MAP_FILE);
    return FOUND.computeIfAbsent(map, file -> find(tools, file));
  }

  private static Optional<Fix> find(Toolchain tools, Path file) {
    String stock = read(file);
    if (!stock.contains(TYPO)) {
      return Optional.empty();
    }
    List<String> commands = mapMemoryCommands(tools);
    if (commands.stream().noneMatch(STOCK_MAP::equals)) {
      throw failed("Yosys's " + file + " maps 72-bit block-RAM writes wrongly (" + TYPO + ", fixed upstream in"
          + " YosysHQ/yosys#5833), and its synth_xilinx's memory mapping does not use that file as expected ("
          + String.join("; ", commands) + "), so the netlist cannot be made with a corrected copy");
    }
    List<String> fixed = commands.stream().map(c -> c.equals(STOCK_MAP) ? "techmap -map " + MAP_FILE : c).toList();
    return Optional.of(new Fix(Map.of(MAP_FILE, stock.replace(TYPO, FIXED), DEFINITIONS_FILE,
        read(file.resolveSibling(DEFINITIONS_FILE))), fixed));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw failed("cannot read Yosys's " + file + " (" + e.getMessage() + ")");
    }
  }

  /** The commands of synth_xilinx's step map_memory for the 7-series, as the installed Yosys runs them. */
  private static List<String> mapMemoryCommands(Toolchain tools) {
    String yosys = tools.require(Tool.YOSYS, "a gate-level netlist for the Xilinx 7-series");
    try {
      Process p = new ProcessBuilder(yosys, "-p", "echo on; synth_xilinx -family xc7 -run map_memory:map_ffram")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw failed("yosys could not list synth_xilinx's memory mapping: " + out.strip());
      }
      var commands = new ArrayList<String>();
      for (String line : out.split("\n")) {
        if (line.startsWith("yosys> ") && !line.startsWith("yosys> synth_xilinx")) {
          commands.add(line.substring("yosys> ".length()).strip());
        }
      }
      return commands;
    } catch (IOException e) {
      throw failed("cannot run " + yosys + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed("interrupted while asking yosys for synth_xilinx's memory mapping");
    }
  }

  private static DiagnosticException failed(String message) {
    return new DiagnosticException(new Diagnostic(ErrorCode.FPGA_TOOL_FAILED, SourceSpan.wholeFile("yosys"), message));
  }
}
