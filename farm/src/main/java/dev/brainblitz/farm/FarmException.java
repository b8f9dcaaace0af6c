package dev.brainblitz.farm;

/**
 * A farm problem the user can fix (a bad or unreachable {@code --cluster}, a port in use), with a
 * stable code; front ends print it without a stack trace. docs/farm.md lists the codes.
 */
public final class FarmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The stable codes of farm errors. */
  public enum Code {
    CLUSTER_SYNTAX("FRM001", true),
    CLUSTER_UNKNOWN_HOST("FRM002", false),
    CLUSTER_UNREACHABLE("FRM003", false),
    MEMBER_START("FRM004", false);

    private final String id;
    private final boolean usage;

    Code(String id, boolean usage) {
      this.id = id;
      this.usage = usage;
    }

    public String id() {
      return id;
    }

    /** Whether this is a usage error (a malformed option, exit status 2) rather than a user error (1). */
    public boolean usage() {
      return usage;
    }
  }

  private final Code code;

  public FarmException(Code code, String message) {
    super(message);
    this.code = code;
  }

  public Code code() {
    return code;
  }

  /** {@code FRM00n: message}, as printed. */
  public String render() {
    return code.id() + ": " + getMessage();
  }
}
