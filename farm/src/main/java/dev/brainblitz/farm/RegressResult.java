package dev.brainblitz.farm;

import java.io.Serializable;
import java.util.List;

/** The result of one {@link RegressJob}: the network's name and shape, vectors run, one verdict per target. */
public record RegressResult(long seed, String network, String shape, int vectors, List<Verdict> verdicts)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public RegressResult {
    verdicts = List.copyOf(verdicts);
  }

  public boolean failed() {
    return verdicts.stream().anyMatch(Verdict::failed);
  }
}
