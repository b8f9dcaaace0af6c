package dev.brainblitz.farm;

import java.nio.file.Path;
import java.util.List;

/**
 * How a member starts: the members to join ({@code cluster}; empty: an embedded farm of this
 * process alone), the address it binds to (loopback unless told otherwise), its first port
 * (Hazelcast tries the next ones when it is taken; 0: any free port), the cluster's name (members
 * of other names never join), the jobs it runs at once and where Hazelcast's log goes.
 */
public record FarmSettings(List<Member> cluster, String bindAddress, int port, String clusterName, int threads,
    Path logFile) {
  public static final String LOOPBACK = "127.0.0.1";
  /** The cluster name of {@code blitz worker} and of {@code --cluster} runs unless one is given. */
  public static final String DEFAULT_CLUSTER_NAME = "brain-blitz";

  public FarmSettings {
    cluster = List.copyOf(cluster);
    if (threads < 1) {
      throw new IllegalArgumentException("threads " + threads);
    }
  }

  /** An embedded farm: this process alone, every core, loopback, a cluster name no other process uses. */
  public static FarmSettings embedded() {
    return new FarmSettings(List.of(), LOOPBACK, 0, "blitz-embedded-" + ProcessHandle.current().pid() + "-"
        + Long.toHexString(System.nanoTime()), Runtime.getRuntime().availableProcessors(), defaultLogFile());
  }

  /** A member joining {@code cluster} (named {@value #DEFAULT_CLUSTER_NAME}) from {@code bindAddress}. */
  public static FarmSettings joining(List<Member> cluster, String bindAddress) {
    return new FarmSettings(cluster, bindAddress, Member.DEFAULT_PORT, DEFAULT_CLUSTER_NAME,
        Runtime.getRuntime().availableProcessors(), defaultLogFile());
  }

  public FarmSettings withThreads(int count) {
    return new FarmSettings(cluster, bindAddress, port, clusterName, count, logFile);
  }

  public FarmSettings withPort(int first) {
    return new FarmSettings(cluster, bindAddress, first, clusterName, threads, logFile);
  }

  public FarmSettings withClusterName(String name) {
    return new FarmSettings(cluster, bindAddress, port, name, threads, logFile);
  }

  public FarmSettings withLogFile(Path file) {
    return new FarmSettings(cluster, bindAddress, port, clusterName, threads, file);
  }

  public FarmSettings withCluster(List<Member> members) {
    return new FarmSettings(members, bindAddress, port, clusterName, threads, logFile);
  }

  /** {@code $XDG_CACHE_HOME/brain-blitz/farm/hazelcast.log}, or under {@code ~/.cache}. */
  public static Path defaultLogFile() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("brain-blitz").resolve("farm").resolve("hazelcast.log");
  }

}
