package dev.portcullis.misconfig.dockerfile;

import java.util.List;

/** The sources and destination of a COPY or ADD, variables substituted, flags left out. */
record CopyArguments(List<String> sources, String destination) {

  CopyArguments {
    sources = List.copyOf(sources);
  }

  static CopyArguments of(Instruction instruction, char escape) {
    List<String> words =
        instruction.isExecForm()
            ? instruction.execForm()
            : Words.split(instruction.expanded(), escape);
    if (words.isEmpty()) {
      return new CopyArguments(List.of(), "");
    }
    return new CopyArguments(words.subList(0, words.size() - 1), words.get(words.size() - 1));
  }

  /** Whether it copies from the build context: no --from, and a source that is no URL. */
  static boolean fromContext(Instruction instruction, char escape) {
    if (instruction.flagValue("from") != null || !instruction.heredocs().isEmpty()) {
      return false;
    }
    for (String source : of(instruction, escape).sources()) {
      if (!isUrl(source)) {
        return true;
      }
    }
    return false;
  }

  static boolean isUrl(String source) {
    return source.startsWith("http://")
        || source.startsWith("https://")
        || source.startsWith("git@")
        || source.startsWith("git://");
  }

  /** Whether the source is the whole context: {@code .}, {@code ./} or {@code *}. */
  static boolean isWholeContext(String source) {
    return source.equals(".") || source.equals("./") || source.equals("*") || source.equals("./*");
  }
}
