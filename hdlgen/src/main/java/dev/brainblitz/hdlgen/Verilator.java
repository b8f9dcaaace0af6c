package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.exec.ExecutorUnavailableException;
import dev.brainblitz.ir.io.ChildProcesses;
import dev.brainblitz.ir.io.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Verilator tool wrapper. It owns a work directory: builds live in {@code builds/<hash>}, the
 * hash covering the sources, the flags and the Verilator version, so an unchanged design is never
 * rebuilt. Verilator's runtime objects (the bulk of a small build's compile time) are compiled once
 * per flag set and reused. The tool is {@code verilator} on the PATH unless the environment
 * variable {@value #TOOL_VARIABLE} names another; a missing tool fails at once with the package to
 * install.
 */
public final class Verilator {
  public static final String TOOL_VARIABLE = "BLITZ_VERILATOR";
  /** A system property that overrides {@value #TOOL_VARIABLE} (used by tests). */
  public static final String TOOL_PROPERTY = "blitz.verilator";
  private static final List<String> RUNTIME_OBJECTS = List.of("verilated.o", "verilated_threads.o",
      "verilated_vcd_c.o");

  private final String tool;
  private final String version;
  private final Path workDirectory;

  private Verilator(String tool, String version, Path workDirectory) {
    this.tool = tool;
    this.version = version;
    this.workDirectory = workDirectory;
  }

  /** Finds Verilator, or throws {@link ExecutorUnavailableException} naming the package to install. */
  public static Verilator find(Path workDirectory) {
    String tool = System.getProperty(TOOL_PROPERTY, System.getenv().getOrDefault(TOOL_VARIABLE, "verilator"));
    return find(tool, workDirectory);
  }

  static Verilator find(String tool, Path workDirectory) {
    String version;
    try {
      Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor() != 0) {
        throw new IOException(version);
      }
    } catch (IOException e) {
      throw missing(tool);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw missing(tool);
    }
    return new Verilator(tool, version, workDirectory);
  }

  static ExecutorUnavailableException missing(String tool) {
    return new ExecutorUnavailableException("target rtl needs Verilator, but '" + tool + "' cannot be run: install the "
        + "Debian package verilator (sudo apt-get install verilator), or set " + TOOL_VARIABLE + " to its path");
  }

  public String version() {
    return version;
  }

  /** A finished build: the simulation executable and how long building took (0 when cached). */
  public record Build(Path executable, long buildNanos, boolean cached) {}

  /**
   * Builds {@code sources} (file name to text) with {@code arguments} (after the tool name) into the
   * executable {@code V<top>}, or returns the cached build of the same inputs.
   */
  public Build build(String top, Map<String, String> sources, List<String> arguments) {
    String hash = hash(sources, arguments);
    Path done = workDirectory.resolve("builds").resolve(hash);
    Path executable = done.resolve("obj_dir").resolve("V" + top);
    if (Files.isExecutable(executable)) {
      return new Build(executable, 0, true);
    }
    long start = System.nanoTime();
    try {
      Path staging = Files.createDirectories(workDirectory.resolve("staging"));
      Path dir = Files.createTempDirectory(staging, hash.substring(0, 12) + "-");
      for (var source : sources.entrySet()) {
        Files.writeString(dir.resolve(source.getKey()), source.getValue());
      }
      var generate = new ArrayList<String>();
      generate.add(tool);
      for (String a : arguments) {
        if (!a.equals("--build")) {
          generate.add(a);
        }
      }
      run(generate, dir, "verilator");
      Path objDir = dir.resolve("obj_dir");
      Path runtime = workDirectory.resolve("runtime").resolve(hash(Map.of(), runtimeFlags(arguments)));
      for (String object : RUNTIME_OBJECTS) {
        Path cached = runtime.resolve(object);
        if (Files.exists(cached)) {
          Files.copy(cached, objDir.resolve(object), StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
      run(List.of("make", "-j", "2", "-C", objDir.toString(), "-f", "V" + top + ".mk"), dir, "make (C++ build)");
      Files.createDirectories(runtime);
      for (String object : RUNTIME_OBJECTS) {
        Path built = objDir.resolve(object);
        Path cached = runtime.resolve(object);
        if (Files.exists(built) && !Files.exists(cached)) {
          Path tmp = Files.createTempFile(runtime, object, ".tmp");
          Files.copy(built, tmp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
          Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE);
        }
      }
      Files.createDirectories(done.getParent());
      try {
        Files.move(dir, done, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        FileTrees.delete(dir);
        if (!Files.isExecutable(executable)) {
          throw raced;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Build(executable, System.nanoTime() - start, false);
  }

  /** Verilog warnings of {@code verilator --lint-only -Wall} on a file; empty when clean. */
  public String lint(Path verilogFile) {
    try {
      Process p = new ProcessBuilder(tool, "--lint-only", "-Wall", verilogFile.getFileName().toString())
          .directory(verilogFile.getParent().toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor() == 0 ? out.trim() : (out.isBlank() ? "lint failed" : out.trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Runs a command in {@code dir}; on failure throws with its output. Returns its output. */
  static String run(List<String> command, Path dir, String what) {
    try {
      Process p = ChildProcesses.start(new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true));
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(1, TimeUnit.HOURS)) {
        ChildProcesses.stop(p);
        throw new IllegalStateException(what + " did not finish within an hour in " + dir + ":\n" + out);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(what + " failed in " + dir + ":\n" + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private List<String> runtimeFlags(List<String> arguments) {
    var flags = new ArrayList<String>();
    flags.add(version);
    flags.add(arguments.contains("--trace") ? "trace" : "notrace");
    int c = arguments.indexOf("-CFLAGS");
    if (c >= 0) {
      flags.add(arguments.get(c + 1));
    }
    return flags;
  }

  private String hash(Map<String, String> sources, List<String> arguments) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(version.getBytes(StandardCharsets.UTF_8));
      for (String a : arguments) {
        digest.update((a + "\0").getBytes(StandardCharsets.UTF_8));
      }
      for (var s : new java.util.TreeMap<>(sources).entrySet()) {
        digest.update((s.getKey() + "\0" + s.getValue() + "\0").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
