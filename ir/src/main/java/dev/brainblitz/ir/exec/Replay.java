package dev.brainblitz.ir.exec;

import java.nio.file.Path;

/**
 * A run an executor kept so that it can be replayed without Java (see
 * {@link Executor#keepForReplay}): the directory holding its inputs, outputs and sources, and the
 * command that replays it there.
 */
public record Replay(Path directory, String command) {}
