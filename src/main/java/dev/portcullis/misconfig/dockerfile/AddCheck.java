package dev.portcullis.misconfig.dockerfile;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * PC-DF-103 (ADD of a remote URL without a checksum) and PC-DF-303 (ADD where COPY would do: local
 * files that are not archives to unpack).
 */
final class AddCheck implements Check {

  private static final Pattern ARCHIVE =
      Pattern.compile(
          ".*\\.(tar|tar\\.gz|tgz|tar\\.bz2|tbz2?|tar\\.xz|txz|tar\\.zst|tzst|gz|bz2|xz)");

  @Override
  public void check(LintContext context, Findings findings) {
    char escape = context.file().escape();
    for (Stage stage : context.stages()) {
      for (Instruction add : stage.instructions()) {
        if (!add.is("ADD") || !add.heredocs().isEmpty()) {
          continue;
        }
        CopyArguments arguments = CopyArguments.of(add, escape);
        String remote =
            arguments.sources().stream().filter(CopyArguments::isUrl).findFirst().orElse(null);
        if (remote != null) {
          if (add.flagValue("checksum") == null) {
            findings.add(
                Rules.REMOTE_ADD,
                stage,
                add,
                "ADD "
                    + Text.url(remote)
                    + ": downloaded at build time without verification; the server decides what"
                    + " goes into the image");
          }
          continue;
        }
        boolean archive =
            arguments.sources().stream()
                .anyMatch(s -> ARCHIVE.matcher(s.toLowerCase(Locale.ROOT)).matches());
        if (!archive && !arguments.sources().isEmpty()) {
          findings.add(
              Rules.ADD_LOCAL,
              stage,
              add,
              "ADD "
                  + String.join(" ", arguments.sources())
                  + ": COPY does this without ADD's"
                  + " unpacking and downloading");
        }
      }
    }
  }
}
