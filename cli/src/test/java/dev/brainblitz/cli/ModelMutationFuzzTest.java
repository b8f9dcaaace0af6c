package dev.brainblitz.cli;

import static dev.brainblitz.cli.BlitzTest.blitz;
import static dev.brainblitz.cli.BlitzTest.repo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutants of the bundled models, in text and JSON form, through {@code blitz check}: every
 * run ends with exit 0 or 1 (never 3, never a stack trace) within seconds, and a rejection names
 * the file and a code. Every accepted mutant then runs through {@code verify --targets
 * golden,engine} and {@code verilog}, which must succeed; Verilator lints the Verilog of a sample
 * of them. 2,000 mutants in the suite (about 20 s on an idle 2-core machine); {@code -Dblitz.modelMutants=N} runs N (issue 16).
 */
class ModelMutationFuzzTest {
  @TempDir Path temp;

  private static final Map<String, Integer> outcomes = new TreeMap<>();

  @AfterAll
  static void printOutcomes() {
    System.out.println("ModelMutationFuzzTest outcomes: " + outcomes);
  }

  /** Pieces a mutation puts in: numbers at the edges, keywords, names and punctuation of both forms. */
  private static final String[] WORDS = {
    "0", "1", "-1", "2", "3", "5", "31", "32", "33", "255", "256", "2147483647", "-2147483648", "4294967296",
    "99999999999999999999", "0x0", "0x1", "0xffffffff", "0x100000000", "0x", "0xg", "1e9", "1.5", "NaN", "-0",
    "ge", "le", "gt", "bipolar", "u8", "i8", "input", "dense", "threshold", "scores", "bias", "model", "bil",
    "x", "fc1", "act1", "out", "top", "link", "fc1_link", "_", "a".repeat(300), "{", "}", "[", "]", ":", "->", ",",
    "\"", "#", "\n", "\r", "\t", " ", "\ufeff", "\u0000", "\u001b", "é", "null", "true", "{}", "[]", "\"op\"",
    "\"name\"", "\"source\"", "\"weights\"", "\"thresholds\"", "\"kind\"", "\"size\"", "\"outputs\"", "\"classes\"",
  };

  private static List<String> seeds() throws IOException {
    var seeds = new ArrayList<String>();
    for (String name : List.of("tiny", "tiny-u8")) {
      seeds.add(Files.readString(repo("examples/models/" + name + ".bil")));
    }
    return seeds;
  }

  @Test
  void mutantsAreRejectedCleanlyOrRunEverywhere() throws Exception {
    int mutants = Integer.getInteger("blitz.modelMutants", 2000);
    var random = new Random(16);
    List<String> texts = seeds();
    // The JSON forms, written by blitz itself.
    for (String name : List.of("tiny", "tiny-u8")) {
      Path json = temp.resolve(name + ".json");
      assertEquals(0, blitz("convert", name, "-o", json.toString()).status());
      texts.add(Files.readString(json));
    }
    int linted = 0;
    for (int m = 0; m < mutants; m++) {
      int seed = m % texts.size();
      boolean json = seed >= 2;
      String mutant = mutate(texts.get(seed), random);
      Path file = temp.resolve("m" + m + (json ? ".json" : ".bil"));
      Files.write(file, mutant.getBytes(StandardCharsets.UTF_8));
      String what = "mutant " + m + " (" + file.getFileName() + "):\n" + mutant;
      var check = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> blitz("check", file.toString()), what);
      record(check, "check");
      assertTrue(check.status() == 0 || check.status() == 1, what + "\n" + check.err());
      assertFalse(check.err().contains("\tat ") || check.err().contains("Exception"), what + "\n" + check.err());
      if (check.status() == 1) {
        assertTrue(check.err().startsWith(file.toString()) && check.err().contains("error[BIL"), what + "\n" + check.err());
        Files.delete(file);
        continue;
      }
      var verify = assertTimeoutPreemptively(Duration.ofSeconds(60),
          () -> blitz("verify", file.toString(), "--targets", "golden,engine", "--vectors", "8", "--seed", file.getFileName().toString().replaceAll("\\D", "")), what);
      record(verify, "verify");
      assertEquals(0, verify.status(), what + "\n" + verify.out() + verify.err());
      Path dir = temp.resolve("v" + m);
      var verilog = blitz("verilog", file.toString(), "-o", dir.toString());
      record(verilog, "verilog");
      assertEquals(0, verilog.status(), what + "\n" + verilog.err());
      if (linted < 2 && m % 7 == 0) {
        lint(dir, what);
        linted++;
      }
      dev.brainblitz.ir.io.FileTrees.delete(dir);
      Files.delete(file);
    }
    assertTrue(outcomes.getOrDefault("verify exit 0", 0) > 0, "some mutants are accepted: " + outcomes);
  }

  private static synchronized void record(BlitzTest.Run run, String command) {
    outcomes.merge(command + " exit " + run.status(), 1, Integer::sum);
  }

  /** One to three edits: replace a token, delete a span, insert a word, duplicate or drop a line. */
  static String mutate(String text, Random random) {
    String s = text;
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && !s.isEmpty(); e++) {
      int at = random.nextInt(s.length());
      switch (random.nextInt(6)) {
        case 0 -> { // replace the token at 'at' with a word
          int start = at;
          while (start > 0 && Character.isLetterOrDigit(s.charAt(start - 1))) {
            start--;
          }
          int end = at;
          while (end < s.length() && Character.isLetterOrDigit(s.charAt(end))) {
            end++;
          }
          s = s.substring(0, start) + WORDS[random.nextInt(WORDS.length)] + s.substring(end);
        }
        case 1 -> s = s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + random.nextInt(8)));
        case 2 -> s = s.substring(0, at) + WORDS[random.nextInt(WORDS.length)] + s.substring(at);
        case 3, 4 -> {
          String[] lines = s.split("\n", -1);
          int line = random.nextInt(lines.length);
          var list = new ArrayList<>(List.of(lines));
          if (random.nextBoolean()) {
            list.add(line, lines[line]);
          } else {
            list.remove(line);
          }
          s = String.join("\n", list);
        }
        default -> { // flip a digit
          int digit = s.indexOf(Character.forDigit(random.nextInt(10), 10), at);
          if (digit >= 0) {
            s = s.substring(0, digit) + random.nextInt(10) + s.substring(digit + 1);
          }
        }
      }
    }
    return s;
  }

  private static void lint(Path dir, String what) throws IOException, InterruptedException {
    if (!dev.brainblitz.ir.testing.ExternalTools.onPath("verilator")) {
      return;
    }
    Path top;
    try (var files = Files.list(dir)) {
      top = files.filter(p -> p.toString().endsWith(".v")).findFirst().orElseThrow();
    }
    String module = top.getFileName().toString().replace(".v", "");
    Process p = new ProcessBuilder("verilator", "--lint-only", "--top-module", module, top.getFileName().toString())
        .directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "verilator timed out");
    assertEquals(0, p.exitValue(), what + "\n" + out);
  }
}
