package dev.brainblitz.ir.syntax;

import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.SourceSpan;
import java.util.List;
import java.util.Optional;

/**
 * A node as a front end (text or JSON) read it, before any checking: names, numbers and hex words
 * are still text with positions. {@link ModelAssembler} turns these into {@link dev.brainblitz.ir.Node}s.
 */
public sealed interface RawNode
    permits RawNode.Input, RawNode.Dense, RawNode.Threshold, RawNode.Scores, RawNode.Conv2d, RawNode.MaxPool,
        RawNode.Flatten {
  Token name();

  /** The span of the whole declaration's header, used for node-level errors. */
  SourceSpan span();

  /** The kind of node this declares; a kind names exactly one record, so switch over it to handle every kind. */
  Node.Op op();

  record Input(Token name, Token kind, Token size, SourceSpan span) implements RawNode {
    @Override
    public Node.Op op() {
      return Node.Op.INPUT;
    }
  }

  /** {@code outputs} is the declared number of neurons; {@code rows} the weight rows given. */
  record Dense(Token name, Token source, Token outputs, List<Row> rows, SourceSpan span) implements RawNode {
    @Override
    public Node.Op op() {
      return Node.Op.DENSE;
    }
  }

  record Threshold(Token name, Token source, List<Level> entries, SourceSpan span) implements RawNode {
    @Override
    public Node.Op op() {
      return Node.Op.THRESHOLD;
    }
  }

  record Scores(Token name, Token source, Token classes, List<Row> rows, Optional<List<Token>> bias, SourceSpan span)
      implements RawNode {
    @Override
    public Node.Op op() {
      return Node.Op.SCORES;
    }
  }

  /**
   * {@code image} is the declared input map, its height, width and channels; {@code padValue} is
   * present for {@code same} padding only; {@code rows} one per output channel.
   */
  record Conv2d(Token name, Token source, Token outputs, List<Token> image, Token kernel, Token stride,
      Token paddingMode, Optional<Token> padValue, List<Row> rows, SourceSpan span) implements RawNode {
    @Override
    public Node.Op op() {
      return Node.Op.CONV2D;
    }
  }

  record MaxPool(Token name, Token source, Token size, SourceSpan span) implements RawNode {
    @Override
    public Node.Op op() {
      return Node.Op.MAXPOOL;
    }
  }

  record Flatten(Token name, Token source, SourceSpan span) implements RawNode {
    @Override
    public Node.Op op() {
      return Node.Op.FLATTEN;
    }
  }

  /** One weight row: its 32-bit words, word 0 first. */
  record Row(List<Token> words, SourceSpan span) {}

  /** One neuron's threshold entry: a direction keyword and one or more thresholds. */
  record Level(Token direction, List<Token> thresholds, SourceSpan span) {}
}
