package dev.brainblitz.farm;

import java.io.Serializable;

/** A job's result with where and how long it ran (kept apart from the result, which must not depend on them). */
public record Finished<R extends Serializable>(R result, String member, long nanos) implements Serializable {
  private static final long serialVersionUID = 1L;
}
