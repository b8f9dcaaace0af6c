package dev.brainblitz.fpga;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.io.ChildProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The directory the FPGA tools run in, owned by the flow (default
 * {@code $XDG_CACHE_HOME/brain-blitz/fpga} or {@code ~/.cache/brain-blitz/fpga}). A project runs in
 * {@code runs/<hash>}, the hash covering its files, its steps and the tools' versions; a step that
 * finished there is not run again (a marker file records it), so repeating a command, or a
 * {@code --fit} search revisiting a folding, costs nothing. A tool that fails stops the run at once
 * with {@link ErrorCode#FPGA_TOOL_FAILED}: its own error lines and the path of its full log.
 */
public final class Workspace {
  /**
   * How long place and route may run, in minutes, before the flow stops it (nextpnr-ice40 0.4's
   * placer has no limit of its own and loops for hours on dense designs: docs/fpga.md): this system
   * property, else this environment variable, else {@link #DEFAULT_PLACE_MINUTES}.
   */
  public static final String PLACE_MINUTES_PROPERTY = "blitz.fpga.placeMinutes";
  public static final String PLACE_MINUTES_VARIABLE = "BLITZ_PLACE_MINUTES";
  public static final long DEFAULT_PLACE_MINUTES = 10;

  private final Path directory;
  private final Toolchain tools;
  private final Consumer<String> progress;
  private final Duration placeLimit;
  private final Map<Tool, String> versions = new EnumMap<>(Tool.class);

  /** A workspace whose place-and-route limit comes from the environment ({@link #PLACE_MINUTES_PROPERTY}). */
  public Workspace(Path directory, Toolchain tools, Consumer<String> progress) {
    this(directory, tools, progress, placeLimitFromEnvironment());
  }

  public Workspace(Path directory, Toolchain tools, Consumer<String> progress, Duration placeLimit) {
    if (placeLimit.isNegative() || placeLimit.isZero()) {
      throw new IllegalArgumentException("the place-and-route limit must be positive, not " + placeLimit);
    }
    this.directory = directory;
    this.tools = tools;
    this.progress = progress;
    this.placeLimit = placeLimit;
  }

  static Duration placeLimitFromEnvironment() {
    String value = System.getProperty(PLACE_MINUTES_PROPERTY, System.getenv(PLACE_MINUTES_VARIABLE));
    if (value == null || value.isBlank()) {
      return Duration.ofMinutes(DEFAULT_PLACE_MINUTES);
    }
    try {
      long minutes = Long.parseLong(value.strip());
      if (minutes > 0) {
        return Duration.ofMinutes(minutes);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(PLACE_MINUTES_VARIABLE + " (or -D" + PLACE_MINUTES_PROPERTY
        + ") must be a positive number of minutes, not '" + value + "'");
  }

  /** How long place and route may run before the flow stops it. */
  public Duration placeLimit() {
    return placeLimit;
  }

  /** The default work directory. */
  public static Path defaultDirectory() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("brain-blitz").resolve("fpga");
  }

  public Path directory() {
    return directory;
  }

  public Toolchain tools() {
    return tools;
  }

  /**
   * The run directory of a project with {@code files} (name to text) and {@code steps}: created and
   * filled if new. Every tool the steps need must be installed (checked first, before anything runs).
   */
  public Path prepare(Map<String, String> files, List<FlowStep> steps) {
    var hashed = new ArrayList<String>();
    for (FlowStep step : steps) {
      tools.require(step.tool(), step.summary());
      hashed.add(step.tool().command() + " " + version(step.tool()) + " " + String.join(" ", step.arguments()));
    }
    Path run = directory.resolve("runs").resolve(hash(files, hashed));
    try {
      Files.createDirectories(run);
      for (var file : new TreeMap<>(files).entrySet()) {
        Path target = run.resolve(file.getKey());
        if (!Files.exists(target)) {
          Path temporary = Files.createTempFile(run, ".write-", ".tmp");
          Files.writeString(temporary, file.getValue(), StandardCharsets.UTF_8);
          Files.move(temporary, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the work directory " + run, e);
    }
    return run;
  }

  /** Whether {@code step} has already finished in {@code run}. */
  public boolean done(Path run, FlowStep step) {
    return Files.exists(marker(run, step)) && step.outputs().stream().allMatch(o -> Files.exists(run.resolve(o)));
  }

  /** Runs {@code step} in {@code run} unless it finished there before. */
  public void run(Path run, FlowStep step) {
    run(run, step, Optional.empty());
  }

  /**
   * Runs {@code step} in {@code run} unless it finished there before; false when it was still
   * running after {@code limit} (it is then stopped, its log kept and the step not marked done).
   */
  public boolean run(Path run, FlowStep step, Optional<Duration> limit) {
    if (done(run, step)) {
      progress.accept(step.summary() + ": done before (" + run.resolve(step.log()) + ")");
      return true;
    }
    String program = tools.require(step.tool(), step.summary());
    var command = new ArrayList<String>();
    command.add(program);
    command.addAll(step.arguments());
    Path log = run.resolve(step.log());
    progress.accept(step.summary() + " (log: " + log + limit.map(l -> ", at most " + minutes(l)).orElse("") + ")");
    int status;
    try {
      Files.deleteIfExists(marker(run, step));
      Process process = ChildProcesses.start(new ProcessBuilder(command).directory(run.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile()));
      if (limit.isPresent() && !process.waitFor(limit.get().toMillis(), TimeUnit.MILLISECONDS)) {
        ChildProcesses.stop(process);
        process.waitFor();
        progress.accept(step.summary() + ": stopped after " + minutes(limit.get()));
        return false;
      }
      status = process.waitFor();
    } catch (IOException e) {
      throw failure(step, log, "cannot start " + program + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(step, log, "interrupted");
    }
    if (status != 0) {
      throw failure(step, log, step.tool().command() + " exited with status " + status + ":\n" + toolMessage(log));
    }
    var missing = step.outputs().stream().filter(o -> !Files.exists(run.resolve(o))).toList();
    if (!missing.isEmpty()) {
      throw failure(step, log, step.tool().command() + " did not write " + String.join(", ", missing) + ":\n"
          + toolMessage(log));
    }
    try {
      Files.writeString(marker(run, step), "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return true;
  }

  /** A limit as people read it: "10 min", or seconds below a minute. */
  static String minutes(Duration limit) {
    return limit.toSeconds() % 60 == 0 ? limit.toMinutes() + " min" : limit.toSeconds() + " s";
  }

  private static Path marker(Path run, FlowStep step) {
    return run.resolve("." + step.name() + ".done");
  }

  private static DiagnosticException failure(FlowStep step, Path log, String message) {
    return new DiagnosticException(new Diagnostic(ErrorCode.FPGA_TOOL_FAILED, SourceSpan.wholeFile(log.toString()),
        step.summary() + " failed: " + message + "\n(the whole log: " + log + ")"));
  }

  /** The lines of a log that state errors (at most the last 8), or its last 15 lines when none does. */
  static String toolMessage(Path log) {
    List<String> lines;
    try {
      lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
    var errors = lines.stream().filter(l -> l.matches("(?i)^\\s*(%?error|fatal)\\b.*")).toList();
    List<String> chosen = errors.isEmpty() ? lines.subList(Math.max(0, lines.size() - 15), lines.size())
        : errors.subList(Math.max(0, errors.size() - 8), errors.size());
    return "  " + String.join("\n  ", chosen.stream().map(String::strip).toList());
  }

  /** The first line the tool prints about its version ({@code -V}), or "" when it has none. */
  public String version(Tool tool) {
    return versions.computeIfAbsent(tool, t -> {
      if (t == Tool.ICEPACK || t == Tool.OPENFPGALOADER) {
        return "";
      }
      String program = tools.require(t, "the FPGA flow");
      try {
        Process p = new ProcessBuilder(program, "-V").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
      } catch (IOException e) {
        throw tools.missing(t, "the FPGA flow");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "";
      }
    });
  }

  static String hash(Map<String, String> files, List<String> more) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (var file : new TreeMap<>(files).entrySet()) {
        digest.update((file.getKey() + "\0" + file.getValue() + "\0").getBytes(StandardCharsets.UTF_8));
      }
      for (String s : more) {
        digest.update((s + "\0").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
