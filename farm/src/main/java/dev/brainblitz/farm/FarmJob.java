package dev.brainblitz.farm;

import java.io.Serializable;

/**
 * A job the farm runs on some member: a small immutable record naming what to build and run (seeds,
 * folding, targets, device), never a closure over the caller's state. {@link #run} must be
 * deterministic: the same job gives the same result on any member, so results do not depend on how
 * jobs are spread. Jobs and results travel between members by Java serialization of records, which
 * rebuilds them through their canonical constructors.
 */
public interface FarmJob<R extends Serializable> extends Serializable {
  /** Computes the result; runs on a member's job thread. */
  R run();

  /** A short name for progress lines and errors, e.g. {@code net 17}. */
  String describe();
}
