package dev.brainblitz.fpga;

import java.util.List;

/**
 * One run of an external tool in the flow: what it reads and writes (file names in the run
 * directory) and its arguments after the program. The workspace runs it with the program's resolved
 * path, capturing everything it prints into {@link #log()}; the replay Makefile renders the same
 * step as a rule with the program as a make variable. One definition serves both, so the Makefile
 * replays exactly what ran.
 */
public record FlowStep(String name, Tool tool, List<String> arguments, List<String> inputs, List<String> outputs,
    String summary) {

  public FlowStep {
    arguments = List.copyOf(arguments);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** The file the step's output goes to. */
  public String log() {
    return name + ".log";
  }

  /** The Makefile rule of this step. */
  String makeRule() {
    var out = new StringBuilder();
    out.append("# ").append(summary).append('\n');
    out.append(outputs.get(0)).append(": ").append(String.join(" ", inputs)).append('\n');
    out.append("\t$(").append(tool.makeVariable()).append(") ").append(String.join(" ", arguments.stream()
        .map(FlowStep::shellQuote).toList())).append(" > ").append(log()).append(" 2>&1 || { tail -n 20 ")
        .append(log()).append("; exit 1; }\n");
    for (String other : outputs.subList(1, outputs.size())) {
      out.append(other).append(": ").append(outputs.get(0)).append(" ;\n");
    }
    return out.toString();
  }

  static String shellQuote(String argument) {
    return argument.matches("[A-Za-z0-9_./=:+,@%-]+") ? argument : "'" + argument.replace("'", "'\\''") + "'";
  }
}
