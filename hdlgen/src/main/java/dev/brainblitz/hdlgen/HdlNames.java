package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.Network;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names the generated Verilog gives modules, files and instances, allocated so that no two
 * collide whatever the model's names are. Every model name and layer name is an identifier, but
 * the generated names combine them with fixed suffixes: a layer named {@code top}, {@code link} or
 * {@code argmax} would give an engine module the name of the top module, the link FIFO or the
 * argmax stage, and layers {@code fc1} and {@code fc1_link} would give two instances one name.
 * Names are taken in a fixed order (the top module, the link FIFO, the argmax stage, then the
 * engines in layer order), and a name already taken
 * gets the smallest suffix {@code _2}, {@code _3}, ... that is free; models without such clashes
 * keep the plain names. A name longer than {@value #MAX_LENGTH} characters is cut and completed
 * with a hash of the whole name, so that the files named after modules ({@code <top>.v}, the
 * weight memories, Verilator's {@code V<top>*.cpp}) stay far below the 255 bytes file systems allow.
 */
final class HdlNames {
  /** The longest module name used as is: Verilator adds up to about 40 characters to file names. */
  static final int MAX_LENGTH = 96;

  private HdlNames() {}

  /** The top module's name. */
  static String top(Network network) {
    return bounded(network.name() + "_top");
  }

  /** The link FIFO module's name. */
  static String link(Network network) {
    String top = top(network);
    return unique(bounded(network.name() + "_link"), Set.of(top));
  }

  /** The argmax stage's module name. */
  static String argmax(Network network) {
    return unique(bounded(network.name() + "_argmax"), Set.of(top(network), link(network)));
  }

  /** The module name of each engine (by its layer name), in layer order. */
  static Map<String, String> engines(Network network) {
    Set<String> taken = new HashSet<>(List.of(top(network), link(network), argmax(network)));
    var names = new LinkedHashMap<String, String>();
    for (Engine e : Engine.of(network)) {
      String name = unique(bounded(network.name() + "_" + e.name()), taken);
      taken.add(name);
      names.put(e.name(), name);
    }
    return names;
  }

  /** The top module's instance names of the engines ({@code u_<layer>}) and then of their links, by layer name. */
  static Map<String, String> linkInstances(List<Engine> engines) {
    Set<String> taken = new HashSet<>();
    for (Engine e : engines) {
      taken.add(engineInstance(e));
    }
    var names = new LinkedHashMap<String, String>();
    for (Engine e : engines) {
      String name = unique(bounded("u_" + e.name() + "_link"), taken);
      taken.add(name);
      names.put(e.name(), name);
    }
    return names;
  }

  /** The argmax stage's instance name in the top module, after the engines' and the links'. */
  static String argmaxInstance(List<Engine> engines) {
    Set<String> taken = new HashSet<>(linkInstances(engines).values());
    for (Engine e : engines) {
      taken.add(engineInstance(e));
    }
    return unique("u_argmax", taken);
  }

  /** An engine's instance name in the top module. */
  static String engineInstance(Engine e) {
    return bounded("u_" + e.name());
  }

  private static String unique(String wanted, Set<String> taken) {
    if (!taken.contains(wanted)) {
      return wanted;
    }
    for (int k = 2; ; k++) {
      String candidate = wanted + "_" + k;
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
  }

  /** {@code name} itself when short enough, else its first characters, '_' and 8 hex digits of its SHA-256. */
  static String bounded(String name) {
    if (name.length() <= MAX_LENGTH) {
      return name;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return name.substring(0, MAX_LENGTH - 9) + "_" + HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
