package dev.brainblitz.farm;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;
import java.util.concurrent.Callable;

/** What travels to a member: the job, run there, and the member's name added to its result. */
final class JobTask<R extends Serializable> implements Callable<Finished<R>>, Serializable, HazelcastInstanceAware {
  private static final long serialVersionUID = 1L;

  private final FarmJob<R> job;
  private transient HazelcastInstance member;

  JobTask(FarmJob<R> job) {
    this.job = job;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance instance) {
    this.member = instance;
  }

  @Override
  public Finished<R> call() {
    long start = System.nanoTime();
    R result = job.run();
    String name = member == null ? "local" : Farm.memberName(member.getCluster().getLocalMember());
    return new Finished<>(result, name, System.nanoTime() - start);
  }
}
