package dev.portcullis.baseimage.change;

import java.net.URI;

/** A code host that reviews changes as pull requests (GitHub) or merge requests (GitLab). */
public interface Forge {

  /**
   * Opens a pull or merge request for a branch that has already been pushed.
   *
   * @return the web address of the new request, for people to open
   */
  URI open(ProposedChange change) throws ForgeException;
}
