package dev.brainblitz.fpga;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A workaround for a bug in Yosys's Xilinx block-RAM mapping, applied to the gate-level netlists
 * ({@link GateLevel}). Yosys 0.23's {@code xilinx/brams_xc6v_map.v} wires a RAMB36E1's upper four
 * write-parity bits (DIPBDIP) to the lower four when the write port is 72 bits wide: it tests
 * {@code PORT_W_WIDTH == 71} (fixed upstream in YosysHQ/yosys#5833). Every write to a memory mapped
 * to a 72-bit simple-dual-port block RAM then stores the ninth bit of bytes 4..7 of the word as a
 * copy of the ninth bit of bytes 0..3; the
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

  private static final Map<List<String>, Optional<Fix>> FOUND = new ConcurrentHashMap<>();

  /** The fix the installed Yosys needs; empty when its map file has no typo. */
  static Optional<Fix> of(Toolchain tools) {
    String yosys = tools.require(Tool.YOSYS, "a gate-level netlist for the Xilinx 7-series");
    Path map = GateLevel.dataDirectory(tools).resolve(Family.XC7.yosysDirectory()).resolve(MAP_FILE);
    List<String> key = List.of(yosys, map.toString());
    Optional<Fix> known = FOUND.get(key);
    if (known == null) {
      String stock = GateLevel.readYosysData(map);
      known = stock.contains(TYPO)
          ? Optional.of(fix(stock, GateLevel.readYosysData(map.resolveSibling(DEFINITIONS_FILE)), mapMemoryCommands(yosys), map))
          : Optional.empty();
      FOUND.put(key, known);
    }
    return known;
  }

  /**
   * The fix for the map file {@code stock} (which has the typo), including {@code definitions}, given
   * the memory-mapping {@code commands} synth_xilinx runs: the same commands with the corrected copy.
   */
  static Fix fix(String stock, String definitions, List<String> commands, Path map) {
    if (commands.stream().noneMatch(STOCK_MAP::equals)) {
      throw failed(map, "Yosys's " + map + " maps 72-bit block-RAM writes wrongly (" + TYPO + ", fixed upstream"
          + " in YosysHQ/yosys#5833), and synth_xilinx's memory mapping does not use that file as expected ("
          + String.join("; ", commands) + "), so no netlist can be made with a corrected copy");
    }
    List<String> fixed = commands.stream().map(c -> c.equals(STOCK_MAP) ? "techmap -map " + MAP_FILE : c).toList();
    return new Fix(Map.of(MAP_FILE, stock.replace(TYPO, FIXED), DEFINITIONS_FILE, definitions), fixed);
  }

  /** The commands Yosys's log shows it ran ({@code echo on}: lines "yosys> COMMAND"), but the first. */
  static List<String> loggedCommands(String log) {
    var commands = new ArrayList<String>();
    for (String line : log.split("\n")) {
      Matcher m = PROMPT.matcher(line);
      if (m.lookingAt()) {
        commands.add(line.substring(m.end()).strip());
      }
    }
    return commands.isEmpty() ? commands : commands.subList(1, commands.size());
  }

  private static final Pattern PROMPT = Pattern.compile("yosys[^>\\s]*> ");

  /** The commands of synth_xilinx's step map_memory for the 7-series, as the installed Yosys runs them. */
  private static List<String> mapMemoryCommands(String yosys) {
    Path binary = Path.of(yosys);
    try {
      Process p = new ProcessBuilder(yosys, "-p", "echo on; " + Family.XC7.synthesisCommand() + " -run map_memory:map_ffram")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw failed(binary, "yosys could not list synth_xilinx's memory mapping: " + out.strip());
      }
      return loggedCommands(out);
    } catch (IOException e) {
      throw failed(binary, "cannot run " + yosys + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(binary, "interrupted while asking yosys for synth_xilinx's memory mapping");
    }
  }

  private static DiagnosticException failed(Path file, String message) {
    return new DiagnosticException(new Diagnostic(ErrorCode.FPGA_TOOL_FAILED, SourceSpan.wholeFile(file.toString()),
        message));
  }
}
