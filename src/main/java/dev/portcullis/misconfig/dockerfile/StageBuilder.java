package dev.portcullis.misconfig.dockerfile;

import dev.portcullis.registry.ImageReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Groups instructions into stages and substitutes build variables where the builder does: global
 * ARGs in FROM, the stage's ARG and ENV values in COPY, USER, WORKDIR and the like.
 */
final class StageBuilder {

  private static final Set<String> EXPANDING =
      Set.of(
          "ADD",
          "COPY",
          "ENV",
          "EXPOSE",
          "LABEL",
          "STOPSIGNAL",
          "USER",
          "VOLUME",
          "WORKDIR",
          "ARG");

  /** Docker's limit for a repository name is 255; a tag and digest add at most 200 more. */
  private static final int MAX_REFERENCE = 512;

  private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9-_.]*");

  /** The platform ARGs BuildKit defines without a declaration; values for a linux/amd64 build. */
  private static final Map<String, String> AUTOMATIC =
      Map.of(
          "TARGETPLATFORM", "linux/amd64",
          "TARGETOS", "linux",
          "TARGETARCH", "amd64",
          "TARGETVARIANT", "",
          "BUILDPLATFORM", "linux/amd64",
          "BUILDOS", "linux",
          "BUILDARCH", "amd64",
          "BUILDVARIANT", "");

  private final char escape;
  private final List<ParseProblem> problems;

  /** Stands in for a variable without a value, to find where in a reference it was. */
  private static final String UNSET = "\u0000";

  private final Map<String, String> globals = new HashMap<>(AUTOMATIC);
  private final Substitution.Budget budget = new Substitution.Budget();
  private final Set<Integer> limitedLines = new HashSet<>();
  private final List<Stage> stages = new ArrayList<>();

  /**
   * The first stage of each name (lower case), for FROM lines that name one: a lookup, not a scan.
   */
  private final Map<String, Stage> stagesByName = new HashMap<>();

  /** ARGs declared inside stages, by name: where first, for saying why a FROM cannot see them. */
  private final Map<String, String> stageArgs = new HashMap<>();

  StageBuilder(char escape, List<ParseProblem> problems) {
    this.escape = escape;
    this.problems = problems;
  }

  Dockerfile build(String path, List<Instruction> instructions, List<Comment> comments) {
    List<Instruction> globalArgs = new ArrayList<>();
    List<Instruction> all = new ArrayList<>();
    Instruction from = null;
    List<Instruction> body = new ArrayList<>();
    Map<String, String> env = new HashMap<>();
    for (Instruction instruction : instructions) {
      if (instruction.is("FROM")) {
        if (from != null) {
          addStage(stage(from, body));
        }
        from = instruction;
        body = new ArrayList<>();
        env = new HashMap<>();
        all.add(instruction);
      } else if (from == null) {
        if (instruction.is("ARG")) {
          declareGlobals(instruction);
          globalArgs.add(instruction);
        } else {
          problems.add(
              new ParseProblem(
                  Rules.ORDER,
                  instruction.line(),
                  instruction.keyword()
                      + " before the first FROM: only ARG may come before FROM; the builder"
                      + " stops"));
        }
        all.add(instruction);
      } else {
        Instruction expanded = expand(instruction, env);
        body.add(expanded);
        all.add(expanded);
      }
    }
    if (from != null) {
      addStage(stage(from, body));
    } else {
      problems.add(
          new ParseProblem(
              Rules.PARSE,
              instructions.isEmpty() ? 1 : instructions.get(0).line(),
              "no FROM instruction: an empty file or not a Dockerfile"));
    }
    List<ParseProblem> sorted = new ArrayList<>(problems);
    sorted.sort((a, b) -> Integer.compare(a.line(), b.line()));
    return new Dockerfile(path, escape, globalArgs, all, stages, comments, sorted);
  }

  private void addStage(Stage stage) {
    stages.add(stage);
    if (stage.name() != null) {
      stagesByName.putIfAbsent(stage.name(), stage);
    }
  }

  /** Substitutes within the Dockerfile's budget; a value that would pass it is a parse problem. */
  private Substitution.Result expand(String text, Map<String, String> variables, int line) {
    Substitution.Result result = Substitution.expand(text, variables, escape, budget);
    if (result.limited() && limitedLines.add(line)) {
      problems.add(
          new ParseProblem(
              Rules.PARSE,
              line,
              "variables expand beyond "
                  + Substitution.MAX_VALUE_CHARS
                  + " characters in a value, or "
                  + Substitution.MAX_TOTAL_CHARS
                  + " in the file (Portcullis' limits); left unexpanded"));
    }
    return result;
  }

  private void declareGlobals(Instruction arg) {
    for (Words.KeyValue pair : Words.pairs(arg.arguments(), escape, true)) {
      String value = pair.value() == null ? null : expand(pair.value(), globals, arg.line()).text();
      globals.put(pair.key(), value);
    }
  }

  private Instruction expand(Instruction instruction, Map<String, String> env) {
    Instruction result = instruction;
    if (EXPANDING.contains(instruction.keyword())) {
      Substitution.Result expanded = expand(instruction.arguments(), env, instruction.line());
      result = instruction.withExpansion(expanded.text(), expanded.resolved());
    }
    if (instruction.is("ARG")) {
      for (Words.KeyValue pair : Words.pairs(instruction.arguments(), escape, true)) {
        stageArgs.putIfAbsent(
            pair.key(), "stage " + stages.size() + " (line " + instruction.line() + ")");
        env.put(
            pair.key(),
            pair.value() != null
                ? expand(pair.value(), env, instruction.line()).text()
                : globals.get(pair.key()));
      }
    } else if (instruction.is("ENV")) {
      // Every value of one ENV sees the variables as they were before it: expand all, then set.
      Map<String, String> assigned = new LinkedHashMap<>();
      for (Words.KeyValue pair : Words.pairs(instruction.arguments(), escape, false)) {
        if (pair.value() == null) {
          // "ENV A=1 B": the builder refuses the line; the other pairs are still read.
          problems.add(
              new ParseProblem(
                  Rules.PARSE,
                  instruction.line(),
                  "ENV "
                      + pair.key()
                      + " has no '=': with several variables each is NAME=VALUE; the builder"
                      + " stops"));
          continue;
        }
        assigned.put(pair.key(), expand(pair.value(), env, instruction.line()).text());
      }
      env.putAll(assigned);
    }
    return result;
  }

  private Stage stage(Instruction from, List<Instruction> body) {
    List<String> words = Words.split(from.arguments(), escape);
    String name = null;
    if (words.size() == 3 && words.get(1).equalsIgnoreCase("as")) {
      name = words.get(2).toLowerCase(Locale.ROOT);
      if (!STAGE_NAME.matcher(name).matches()) {
        problems.add(
            new ParseProblem(
                Rules.PARSE,
                from.line(),
                "stage name '"
                    + words.get(2)
                    + "' is not valid: a letter first, then letters, digits, '-', '_' or '.'"));
      }
    } else if (words.size() != 1) {
      problems.add(
          new ParseProblem(
              Rules.PARSE,
              from.line(),
              "FROM takes an image and optionally 'AS name', not '" + from.arguments() + "'"));
    }
    BaseImage base = base(words.isEmpty() ? "" : words.get(0), from.line());
    Substitution.Result platform =
        from.flagValue("platform") == null
            ? null
            : expand(from.flagValue("platform"), globals, from.line());
    Instruction expandedFrom = from.withExpansion(base.resolved(), base.unresolved().isEmpty());
    return new Stage(
        stages.size(),
        name,
        platform == null ? null : from.flagValue("platform"),
        expandedFrom,
        base,
        body);
  }

  private BaseImage base(String written, int line) {
    Substitution.Result expanded = expand(written, globals, line);
    String resolved = expanded.text();
    if (!expanded.resolved()) {
      return unresolved(written, resolved, expanded.unresolved());
    }
    Stage earlier = stagesByName.get(resolved.toLowerCase(Locale.ROOT));
    if (earlier != null) {
      return new BaseImage(
          BaseImage.Kind.STAGE, written, resolved, null, null, earlier.index(), List.of());
    }
    if (resolved.length() > MAX_REFERENCE) {
      problems.add(
          new ParseProblem(
              Rules.PARSE,
              line,
              "FROM: an image reference of "
                  + resolved.length()
                  + " characters; references have at most "
                  + MAX_REFERENCE));
      return new BaseImage(
          BaseImage.Kind.INVALID,
          written,
          resolved.substring(0, 64) + "…",
          null,
          null,
          -1,
          List.of());
    }
    if (resolved.equals("scratch")) {
      return new BaseImage(BaseImage.Kind.SCRATCH, written, resolved, null, null, -1, List.of());
    }
    try {
      ImageReference reference = ImageReference.parse(resolved);
      return new BaseImage(
          BaseImage.Kind.IMAGE, written, resolved, reference, tag(resolved), -1, List.of());
    } catch (IllegalArgumentException e) {
      problems.add(
          new ParseProblem(
              Rules.PARSE,
              line,
              "FROM "
                  + resolved
                  + ": not a valid image reference ("
                  + e.getMessage()
                  + "); repository names are lower case"));
      return new BaseImage(BaseImage.Kind.INVALID, written, resolved, null, null, -1, List.of());
    }
  }

  /** The tag written in a reference, or null: the text after a colon in its last path segment. */
  private static String tag(String reference) {
    int at = reference.indexOf('@');
    String beforeDigest = at < 0 ? reference : reference.substring(0, at);
    int colon = beforeDigest.lastIndexOf(':');
    return colon > beforeDigest.lastIndexOf('/') ? beforeDigest.substring(colon + 1) : null;
  }

  /**
   * A FROM with variables that have no value: the builder expands them to nothing, so {@code
   * alpine$TAG} is {@code alpine}, without a tag. Whether a tag is there is known unless a variable
   * stands in the tag, or behind a digest, or the whole reference comes from variables.
   */
  private BaseImage unresolved(String written, String resolved, List<String> names) {
    Map<String, String> marking = new HashMap<>(globals);
    names.forEach(name -> marking.put(name, UNSET));
    String marked = Substitution.expand(written, marking, escape, budget).text();
    String tag;
    if (marked.contains("@") || !resolved.chars().anyMatch(Character::isLetterOrDigit)) {
      tag = "";
    } else {
      tag = tag(marked);
      if (tag != null && tag.contains(UNSET)) {
        tag = "";
      }
    }
    List<BaseImage.UnsetArg> unset = new ArrayList<>();
    for (String name : names) {
      unset.add(new BaseImage.UnsetArg(name, name + " " + whyUnset(name)));
    }
    return new BaseImage(BaseImage.Kind.UNRESOLVED, written, resolved, null, tag, -1, unset);
  }

  private String whyUnset(String name) {
    if (globals.containsKey(name)) {
      return "is declared without a default";
    }
    String inStage = stageArgs.get(name);
    if (inStage != null) {
      return "is declared in "
          + inStage
          + ", and a FROM sees only the ARGs declared before the first FROM";
    }
    return "is not declared before the first FROM";
  }
}
