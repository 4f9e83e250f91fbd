package dev.portcullis.misconfig.dockerfile;

import dev.portcullis.policy.BaseImagePolicy;
import dev.portcullis.policy.DockerfileSettings;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the checks see: the parsed file, the policy's tiers, the .dockerignore next to it. */
final class LintContext {

  private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
  private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh");

  /** A RUN and the stage it is in. */
  record Run(Stage stage, Instruction instruction, List<Command> commands) {}

  private final Dockerfile file;
  private final BaseImagePolicy tiers;
  private final DockerfileSettings settings;
  private final Dockerignore dockerignore;
  private final Map<Instruction, List<Command>> scripts = new IdentityHashMap<>();
  private List<Run> runs;

  LintContext(
      Dockerfile file,
      BaseImagePolicy tiers,
      DockerfileSettings settings,
      Dockerignore dockerignore) {
    this.file = file;
    this.tiers = tiers;
    this.settings = settings;
    this.dockerignore = dockerignore;
  }

  Dockerfile file() {
    return file;
  }

  BaseImagePolicy tiers() {
    return tiers;
  }

  DockerfileSettings settings() {
    return settings;
  }

  /** The .dockerignore next to the Dockerfile, or null when the file was not read from disk. */
  Dockerignore dockerignore() {
    return dockerignore;
  }

  List<Stage> stages() {
    return file.stages();
  }

  Stage finalStage() {
    return file.finalStage();
  }

  /** Whether the stage's content ships: the final stage and the stages it is built FROM. */
  boolean shipped(Stage stage) {
    Stage current = finalStage();
    while (current != null) {
      if (current == stage) {
        return true;
      }
      int parent = current.base().parentStage();
      current = parent >= 0 ? stages().get(parent) : null;
    }
    return false;
  }

  /** The stages that ship, in file order: the one built on an image first, the final last. */
  List<Stage> shippedStages() {
    List<Stage> shipped = new ArrayList<>();
    for (Stage stage : stages()) {
      if (shipped(stage)) {
        shipped.add(stage);
      }
    }
    return shipped;
  }

  /** Every RUN run by a POSIX shell, with its commands, in file order. */
  List<Run> runs() {
    if (runs == null) {
      List<Run> all = new ArrayList<>();
      for (Stage stage : stages()) {
        for (Instruction instruction : stage.instructions()) {
          if (instruction.is("RUN") && posix(shell(stage, instruction))) {
            all.add(new Run(stage, instruction, commands(instruction)));
          }
        }
      }
      runs = List.copyOf(all);
    }
    return runs;
  }

  /** The RUNs of one stage. */
  List<Run> runs(Stage stage) {
    return runs().stream().filter(run -> run.stage() == stage).toList();
  }

  /** The shell commands of a RUN: its shell form, a {@code sh -c} exec form, a shell heredoc. */
  List<Command> commands(Instruction run) {
    return scripts.computeIfAbsent(run, LintContext::parseCommands);
  }

  private static List<Command> parseCommands(Instruction run) {
    if (run.isExecForm()) {
      List<String> exec = run.execForm();
      if (exec.size() >= 3
          && SHELLS.contains(basename(exec.get(0)))
          && exec.get(1).startsWith("-")
          && exec.get(1).contains("c")) {
        return ShellScript.parse(exec.get(exec.size() - 1));
      }
      return exec.isEmpty() ? List.of() : List.of(new Command(exec, 0, false, false));
    }
    String text = run.arguments();
    if (run.heredocs().isEmpty()) {
      return ShellScript.parse(text);
    }
    String first = text.strip().split("\\s+", 2)[0];
    boolean scriptIsHeredoc = first.startsWith("<<") || SHELLS.contains(basename(first));
    if (!scriptIsHeredoc) {
      return ShellScript.parse(text);
    }
    StringBuilder script = new StringBuilder(first.startsWith("<<") ? "" : text);
    for (Heredoc heredoc : run.heredocs()) {
      script.append('\n').append(heredoc.body());
    }
    return ShellScript.parse(script.toString());
  }

  /** The SHELL in effect for an instruction: the stage's last before it, else its parent's. */
  List<String> shell(Stage stage, Instruction at) {
    List<String> shell = null;
    for (Instruction instruction : stage.instructions()) {
      if (instruction == at) {
        break;
      }
      if (instruction.is("SHELL") && instruction.isExecForm()) {
        shell = instruction.execForm();
      }
    }
    if (shell != null) {
      return shell;
    }
    int parent = stage.base().parentStage();
    return parent >= 0 && parent < stage.index()
        ? shell(stages().get(parent), null)
        : DEFAULT_SHELL;
  }

  private static boolean posix(List<String> shell) {
    return !shell.isEmpty() && SHELLS.contains(basename(shell.get(0)));
  }

  static String basename(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return slash >= 0 ? path.substring(slash + 1) : path;
  }
}
