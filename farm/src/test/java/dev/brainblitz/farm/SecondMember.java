package dev.brainblitz.farm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A farm member in a JVM of its own, for {@link TwoProcessTest}: started like {@code blitz worker}
 * ({@link Farm#startWorker}) with {@code PORT CLUSTER-NAME THREADS LOG-FILE}, it prints
 * {@code ready HOST:PORT} once it listens and serves jobs until its standard input ends (the test
 * closes it, or the test's JVM died), so it never outlives the test.
 */
public final class SecondMember {
  private SecondMember() {}

  public static void main(String[] args) throws IOException {
    FarmSettings settings = FarmSettings.joining(List.of(), FarmSettings.LOOPBACK).withPort(Integer.parseInt(args[0]))
        .withClusterName(args[1]).withThreads(Integer.parseInt(args[2])).withLogFile(Path.of(args[3]));
    Farm member = Farm.startWorker(settings);
    System.out.println("ready " + member.name());
    System.out.flush();
    while (System.in.read() >= 0) {
      // serve jobs until the parent closes our input or dies
    }
    member.close();
    System.exit(0);
  }
}
