package dev.portcullis.baseimage.change;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

/** The short name of a branch ({@code portcullis/base-image-update}) that git would accept. */
public final class BranchName {

  private final String name;

  private BranchName(String name) {
    this.name = name;
  }

  /** Checks the name as {@code git branch} would; callers can validate an option before work. */
  public static BranchName of(String name) throws GitChangeException {
    if (name == null
        || name.isEmpty()
        || name.startsWith("-")
        || name.equals(Constants.HEAD)
        || !Repository.isValidRefName(Constants.R_HEADS + name)) {
      throw new GitChangeException(
          "invalid branch name '"
              + name
              + "': git does not accept it (no spaces, '..', '~', '^', ':', '?', '*', '[', '\\',"
              + " leading '-' or trailing '.lock'); choose another --git-branch");
    }
    return new BranchName(name);
  }

  public String name() {
    return name;
  }

  /** The full ref, {@code refs/heads/NAME}. */
  public String refName() {
    return Constants.R_HEADS + name;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BranchName that && name.equals(that.name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
