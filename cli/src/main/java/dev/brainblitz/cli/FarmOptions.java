package dev.brainblitz.cli;

import dev.brainblitz.farm.Farm;
import dev.brainblitz.farm.FarmException;
import dev.brainblitz.farm.FarmSettings;
import dev.brainblitz.farm.Member;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options of the commands that run on a farm ({@code regress}, {@code sweep}, {@code worker}). */
final class FarmOptions {
  @Option(names = "--cluster", paramLabel = "HOST:PORT,...",
      description = "Join the farm of these members (each running 'blitz worker') instead of running alone; "
          + "see docs/farm.md.")
  String cluster;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = FarmSettings.LOOPBACK,
      description = "The address this member listens on (default: ${DEFAULT-VALUE}, the loopback); give one the "
          + "other machines reach to farm across machines.")
  String bind;

  @Option(names = "--port", paramLabel = "PORT",
      description = "The first port to listen on (the next ones are tried when taken; default 5701, any free port "
          + "when running alone).")
  Integer port;

  @Option(names = "--cluster-name", paramLabel = "NAME", defaultValue = FarmSettings.DEFAULT_CLUSTER_NAME,
      description = "Only members of this name join each other (default: ${DEFAULT-VALUE}).")
  String clusterName;

  @Option(names = "--threads", paramLabel = "N", description = "Jobs this member runs at once (default: its cores).")
  Integer threads;

  /** The settings these options ask for; {@code worker}: a member that may start a cluster alone. */
  FarmSettings settings(CommandLine commandLine, boolean worker) {
    FarmSettings settings;
    try {
      List<Member> members = cluster == null ? List.of() : Member.parseList(cluster);
      settings = cluster == null && !worker ? FarmSettings.embedded()
          : FarmSettings.joining(members, bind).withClusterName(clusterName);
    } catch (FarmException e) {
      throw failure(commandLine, e);
    }
    if (!FarmSettings.LOOPBACK.equals(bind)) {
      settings = new FarmSettings(settings.cluster(), bind, settings.port(), settings.clusterName(), settings.threads(),
          settings.logFile());
    }
    if (port != null) {
      if (port < 1 || port > 65_535) {
        throw new CommandLine.ParameterException(commandLine, "--port must be in 1..65535, got " + port);
      }
      settings = settings.withPort(port);
    }
    if (threads != null) {
      if (threads < 1) {
        throw new CommandLine.ParameterException(commandLine, "--threads must be at least 1, got " + threads);
      }
      settings = settings.withThreads(threads);
    }
    return settings;
  }

  /** Starts the member for a run of jobs and says what it joined. */
  Farm start(CommandLine commandLine, PrintWriter out) {
    FarmSettings settings = settings(commandLine, false);
    try {
      Farm farm = Farm.start(settings);
      List<String> members = farm.members();
      out.printf(Locale.ROOT, "farm: %d member%s (%s), %d job threads here, started in %.1f s; Hazelcast's log: %s%n",
          members.size(), members.size() == 1 ? "" : "s", String.join(", ", members), settings.threads(),
          farm.startNanos() / 1e9, settings.logFile());
      out.flush();
      return farm;
    } catch (FarmException e) {
      throw failure(commandLine, e);
    }
  }

  /** A farm error as the command line reports it: a usage error (exit 2) or a user error (exit 1), with its code. */
  static RuntimeException failure(CommandLine commandLine, FarmException e) {
    return e.code().usage() ? new CommandLine.ParameterException(commandLine, e.render()) : new UserException(e.render());
  }
}
