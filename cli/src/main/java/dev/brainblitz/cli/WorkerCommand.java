package dev.brainblitz.cli;

import dev.brainblitz.farm.Farm;
import dev.brainblitz.farm.FarmException;
import dev.brainblitz.farm.FarmSettings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Start a farm member that only serves the jobs of 'blitz regress' and 'blitz sweep' run with --cluster.",
      "It listens on --bind (default: the loopback) from port 5701 on, joins the members of --cluster, and",
      "runs until stopped (Ctrl-C). See docs/farm.md for farming across machines."
    })
final class WorkerCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin FarmOptions farm = new FarmOptions();

  @Override
  public Integer call() throws InterruptedException {
    FarmSettings settings = farm.settings(spec.commandLine(), true);
    Farm member;
    try {
      member = Farm.startWorker(settings);
    } catch (FarmException e) {
      throw FarmOptions.failure(spec.commandLine(), e);
    }
    Thread stop = new Thread(member::close, "blitz-worker-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("worker %s in cluster '%s' with %d job threads; members now: %s%n", member.name(),
        settings.clusterName(), settings.threads(), String.join(", ", member.members()));
    out.println("Hazelcast's log: " + settings.logFile() + "; stop with Ctrl-C");
    out.flush();
    member.awaitShutdown();
    return Blitz.OK;
  }
}
