package dev.brainblitz.fpga;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each {@link Tool} lives: an explicit path if one was given (the tool's system property, then
 * its environment variable), else the command found on the PATH. Immutable; {@link #with} gives a
 * copy with one tool moved. A tool that cannot be found fails at once with {@link
 * ErrorCode#FPGA_TOOL_MISSING}, naming the Debian package to install and the variable to set.
 */
public final class Toolchain {
  private final Map<Tool, String> explicit;
  private final String path;

  private Toolchain(Map<Tool, String> explicit, String path) {
    this.explicit = explicit.isEmpty() ? new EnumMap<>(Tool.class) : new EnumMap<>(explicit);
    this.path = path;
  }

  /** The tools as this process's environment and system properties name them. */
  public static Toolchain fromEnvironment() {
    var explicit = new EnumMap<Tool, String>(Tool.class);
    for (Tool tool : Tool.values()) {
      String value = System.getProperty(tool.property(), System.getenv(tool.variable()));
      if (value != null && !value.isBlank()) {
        explicit.put(tool, value);
      }
    }
    return new Toolchain(explicit, System.getenv().getOrDefault("PATH", ""));
  }

  /** A copy in which {@code tool} is the program at {@code location}. */
  public Toolchain with(Tool tool, String location) {
    var copy = new EnumMap<Tool, String>(Tool.class);
    copy.putAll(explicit);
    copy.put(tool, location);
    return new Toolchain(copy, path);
  }

  /** A copy that searches {@code searchPath} (directories separated as in PATH) for tools not named explicitly. */
  public Toolchain withSearchPath(String searchPath) {
    return new Toolchain(explicit, searchPath);
  }

  /** The tool's executable, if it can be found. */
  public Optional<String> find(Tool tool) {
    String given = explicit.get(tool);
    if (given != null) {
      Path p = Path.of(given);
      if (given.contains(File.separator)) {
        return Files.isExecutable(p) && !Files.isDirectory(p) ? Optional.of(given) : Optional.empty();
      }
      return onPath(given);
    }
    return onPath(tool.command());
  }

  private Optional<String> onPath(String command) {
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return Optional.of(candidate.toString());
      }
    }
    return Optional.empty();
  }

  /** The tool's executable, or {@link ErrorCode#FPGA_TOOL_MISSING} saying what to install. */
  public String require(Tool tool, String purpose) {
    return find(tool).orElseThrow(() -> missing(tool, purpose));
  }

  /** The error for a tool that cannot be found. */
  public DiagnosticException missing(Tool tool, String purpose) {
    String given = explicit.get(tool);
    String where = given != null ? "'" + given + "' (from " + tool.variable() + ")" : "'" + tool.command() + "' on the PATH";
    return new DiagnosticException(new Diagnostic(ErrorCode.FPGA_TOOL_MISSING, SourceSpan.wholeFile(tool.command()),
        purpose + " needs " + tool.command() + ", but " + where + " is not an executable: install the Debian package "
            + tool.debianPackage() + " (sudo apt-get install " + tool.debianPackage() + "), or set " + tool.variable()
            + " to its path"));
  }
}
