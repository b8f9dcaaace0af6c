package dev.brainblitz.cli;

/** A problem with what the user asked for that has no position in a file (e.g. an unwritable output). */
public final class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserException(String message) {
    super(message);
  }
}
