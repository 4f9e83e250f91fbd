package dev.portcullis.misconfig.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * One instruction as written, with where it is.
 *
 * @param keyword the instruction in upper case ({@code RUN}), however it was spelled
 * @param arguments the text after the keyword and its flags, continuation lines joined
 * @param flags the leading {@code --name[=value]} flags
 * @param execForm the arguments of the JSON form ({@code ["a", "b"]}), or null for the shell form
 * @param heredocs the here-documents it reads, in order
 * @param trigger for ONBUILD, the instruction it registers; otherwise null
 * @param line the first line of the instruction (1-based)
 * @param endLine its last line, here-documents included
 * @param expanded the arguments with build variables substituted where the builder does so (FROM,
 *     USER, WORKDIR, EXPOSE, COPY, ADD, ENV, LABEL ...); otherwise the arguments
 * @param resolved whether every variable in the arguments had a value
 */
public record Instruction(
    String keyword,
    String arguments,
    List<Flag> flags,
    List<String> execForm,
    List<Heredoc> heredocs,
    Instruction trigger,
    int line,
    int endLine,
    String expanded,
    boolean resolved) {

  public Instruction {
    flags = List.copyOf(flags);
    execForm = execForm == null ? null : List.copyOf(execForm);
    heredocs = List.copyOf(heredocs);
  }

  public boolean is(String name) {
    return keyword.equals(name);
  }

  public boolean isExecForm() {
    return execForm != null;
  }

  public Optional<Flag> flag(String name) {
    for (Flag flag : flags) {
      if (flag.name().equals(name)) {
        return Optional.of(flag);
      }
    }
    return Optional.empty();
  }

  /** The flag's value, or null when the flag is absent or has none. */
  public String flagValue(String name) {
    return flag(name).map(Flag::value).orElse(null);
  }

  /** The same instruction with substituted arguments. */
  Instruction withExpansion(String text, boolean allResolved) {
    return new Instruction(
        keyword, arguments, flags, execForm, heredocs, trigger, line, endLine, text, allResolved);
  }

  @Override
  public String toString() {
    return keyword + " " + arguments;
  }
}
