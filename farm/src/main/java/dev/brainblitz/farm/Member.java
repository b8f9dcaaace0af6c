package dev.brainblitz.farm;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster member's address as the user writes it in {@code --cluster}: {@code host:port}, or a
 * bare {@code host} (Hazelcast then tries ports 5701 to 5703).
 */
public record Member(String host, int port) {
  /** Hazelcast's first member port. */
  public static final int DEFAULT_PORT = 5701;

  /** {@code port} 0 stands for "Hazelcast's default ports". */
  public Member {
    if (host.isEmpty()) {
      throw new IllegalArgumentException("empty host");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port " + port + " outside 1..65535");
    }
  }

  /**
   * Parses {@code host:port,host:port,...}; throws {@link FarmException} with
   * {@link FarmException.Code#CLUSTER_SYNTAX} for a malformed entry.
   */
  public static List<Member> parseList(String text) {
    List<Member> members = new ArrayList<>();
    for (String entry : text.split(",", -1)) {
      members.add(parse(entry.trim(), text));
    }
    return List.copyOf(members);
  }

  private static Member parse(String entry, String whole) {
    if (entry.isEmpty()) {
      throw new FarmException(FarmException.Code.CLUSTER_SYNTAX, "--cluster '" + whole
          + "' has an empty entry; write host:port,host:port,... (e.g. 10.0.0.5:5701)");
    }
    int colon = entry.lastIndexOf(':');
    if (colon < 0) {
      return new Member(entry, 0);
    }
    String host = entry.substring(0, colon);
    String port = entry.substring(colon + 1);
    int number;
    try {
      number = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      number = -1;
    }
    if (host.isEmpty() || number < 1 || number > 65_535) {
      throw new FarmException(FarmException.Code.CLUSTER_SYNTAX, "--cluster entry '" + entry
          + "' is not host:port with a port in 1..65535 (e.g. 10.0.0.5:5701)");
    }
    return new Member(host, number);
  }

  /** The host's address; a name that does not resolve is a {@link FarmException.Code#CLUSTER_UNKNOWN_HOST}. */
  public InetAddress resolve() {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new FarmException(FarmException.Code.CLUSTER_UNKNOWN_HOST, "--cluster host '" + host
          + "' does not resolve to an address");
    }
  }

  /** As Hazelcast's TCP-IP member list spells it. */
  public String hazelcastAddress() {
    return port == 0 ? host : host + ":" + port;
  }

  @Override
  public String toString() {
    return hazelcastAddress();
  }
}
