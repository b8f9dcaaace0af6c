package dev.brainblitz.ir.exec;

/**
 * A target cannot run here, for a reason the user can fix: a missing tool (say which package to
 * install) or a network the backend does not support. Reported as a user error, without stack trace.
 */
public final class ExecutorUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ExecutorUnavailableException(String message) {
    super(message);
  }
}
