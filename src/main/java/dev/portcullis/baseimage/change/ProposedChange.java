package dev.portcullis.baseimage.change;

import java.util.Objects;

/**
 * What a pull or merge request asks for: merge {@code sourceBranch} into {@code targetBranch}, with
 * a title and a Markdown body.
 */
public record ProposedChange(String sourceBranch, String targetBranch, String title, String body) {

  public ProposedChange {
    Objects.requireNonNull(body, "body");
    for (String required : new String[] {sourceBranch, targetBranch, title}) {
      if (required == null || required.isBlank()) {
        throw new IllegalArgumentException(
            "a pull request needs a source branch, a target branch and a title");
      }
    }
  }
}
