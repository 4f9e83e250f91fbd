package dev.portcullis.misconfig.dockerfile;

import dev.portcullis.policy.BaseImagePolicy;
import dev.portcullis.policy.DockerfileSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the checks see: the parsed file, the policy's tiers, the .dockerignore next to it. */
final class LintContext {

  private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
  private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh");

  /** A RUN, the stage it is in, and the shell that runs it. */
  record Run(Stage stage, Instruction instruction, List<Command> commands, List<String> shell) {}

  private final Dockerfile file;
  private final BaseImagePolicy tiers;
  private final DockerfileSettings settings;
  private final Dockerignore dockerignore;
  private final Map<Instruction, List<Command>> scripts = new IdentityHashMap<>();
  private List<Run> runs;
  private Map<Stage, List<Run>> runsByStage;
  private Set<Stage> shipped;
  private List<Stage> shippedStages;
  private boolean[] inheritsWorkdir;

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
    if (shipped == null) {
      shipped = Collections.newSetFromMap(new IdentityHashMap<>());
      for (Stage current = finalStage(); current != null && shipped.add(current); ) {
        int parent = current.base().parentStage();
        current = parent >= 0 && parent < current.index() ? stages().get(parent) : null;
      }
    }
    return shipped.contains(stage);
  }

  /** The stages that ship, in file order: the one built on an image first, the final last. */
  List<Stage> shippedStages() {
    if (shippedStages == null) {
      shippedStages = stages().stream().filter(this::shipped).toList();
    }
    return shippedStages;
  }

  /**
   * Every RUN run by a POSIX shell, with its commands, in file order. One pass over the file: the
   * shell in effect is carried along, each stage starting from its parent's last.
   */
  List<Run> runs() {
    if (runs == null) {
      List<Run> all = new ArrayList<>();
      List<List<String>> endShells = new ArrayList<>();
      for (Stage stage : stages()) {
        int parent = stage.base().parentStage();
        List<String> shell =
            parent >= 0 && parent < stage.index() ? endShells.get(parent) : DEFAULT_SHELL;
        for (Instruction instruction : stage.instructions()) {
          if (instruction.is("SHELL") && instruction.isExecForm()) {
            shell = instruction.execForm();
          } else if (instruction.is("RUN") && posix(shell)) {
            all.add(new Run(stage, instruction, commands(instruction), shell));
          }
        }
        endShells.add(shell);
      }
      runs = List.copyOf(all);
    }
    return runs;
  }

  /** The RUNs of one stage. */
  List<Run> runs(Stage stage) {
    if (runsByStage == null) {
      runsByStage = new IdentityHashMap<>();
      for (Run run : runs()) {
        runsByStage.computeIfAbsent(run.stage(), s -> new ArrayList<>()).add(run);
      }
    }
    return runsByStage.getOrDefault(stage, List.of());
  }

  /** Whether a stage this one is built FROM, however far up, sets a WORKDIR. */
  boolean inheritsWorkdir(Stage stage) {
    if (inheritsWorkdir == null) {
      inheritsWorkdir = new boolean[stages().size()];
      for (Stage each : stages()) {
        int parent = each.base().parentStage();
        inheritsWorkdir[each.index()] =
            parent >= 0
                && parent < each.index()
                && (inheritsWorkdir[parent]
                    || stages().get(parent).instructions().stream().anyMatch(i -> i.is("WORKDIR")));
      }
    }
    return inheritsWorkdir[stage.index()];
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

  private static boolean posix(List<String> shell) {
    return !shell.isEmpty() && SHELLS.contains(basename(shell.get(0)));
  }

  static String basename(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return slash >= 0 ? path.substring(slash + 1) : path;
  }
}
