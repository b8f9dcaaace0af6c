package dev.brainblitz.farm;

import java.io.Serializable;

/**
 * How one target did on one network: how many vectors disagree with the reference, the first
 * ({@code -1}: none), or, when it threw, what it said ({@code crash}, empty otherwise).
 */
public record Verdict(String target, int mismatches, int firstMismatch, String crash) implements Serializable {
  private static final long serialVersionUID = 1L;

  static Verdict agrees(String target) {
    return new Verdict(target, 0, -1, "");
  }

  static Verdict crashed(String target, String message) {
    return new Verdict(target, 0, -1, message);
  }

  public boolean failed() {
    return mismatches > 0 || !crash.isEmpty();
  }
}
