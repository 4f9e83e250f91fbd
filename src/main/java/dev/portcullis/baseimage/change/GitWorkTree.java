package dev.portcullis.baseimage.change;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A git repository with a work tree, opened from any path inside it, that can commit new file
 * contents onto a new branch as a bot does: from HEAD's tree, in memory, leaving the work tree, the
 * index and the checked-out branch as they were.
 */
public final class GitWorkTree implements AutoCloseable {

  private final Repository repository;
  private final Path root;

  private GitWorkTree(Repository repository, Path root) {
    this.repository = repository;
    this.root = root;
  }

  /** Opens the repository whose work tree holds {@code anyPath} (a file or directory). */
  public static GitWorkTree open(Path anyPath) throws GitChangeException {
    Path start = existingDirectoryOf(anyPath.toAbsolutePath().normalize());
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(start.toFile());
    if (builder.getGitDir() == null) {
      throw new GitChangeException(
          anyPath + " is not inside a git repository; run from a clone or check one out first");
    }
    Repository repository = null;
    try {
      repository = builder.setMustExist(true).build();
      if (repository.isBare()) {
        throw new GitChangeException(
            repository.getDirectory() + " is a bare repository; it has no work tree to update");
      }
      Path root = repository.getWorkTree().toPath().toRealPath();
      return new GitWorkTree(repository, root);
    } catch (IOException e) {
      if (repository != null) {
        repository.close();
      }
      if (e instanceof GitChangeException known) {
        throw known;
      }
      throw new GitChangeException(
          "cannot open the git repository at " + builder.getGitDir() + ": " + e.getMessage(), e);
    }
  }

  private static Path existingDirectoryOf(Path path) {
    Path current = path;
    while (current != null && !Files.isDirectory(current)) {
      current = current.getParent();
    }
    return current == null ? path.getRoot() : current;
  }

  /**
   * Pushes a branch to a remote under the same name. Over HTTPS a token, if given, is sent as the
   * password (GitHub takes any user name with it, GitLab {@code oauth2}); SSH remotes use the
   * user's keys as git would.
   *
   * @param token or null to push without one
   */
  public void push(BranchName branch, String remote, String user, String token)
      throws GitChangeException {
    String where = "push " + branch.name() + " to " + remote;
    try (Git git = new Git(repository)) {
      PushCommand push =
          git.push()
              .setRemote(remote)
              .setRefSpecs(new RefSpec(branch.refName() + ":" + branch.refName()));
      if (token != null) {
        push.setCredentialsProvider(new UsernamePasswordCredentialsProvider(user, token));
      }
      for (PushResult result : push.call()) {
        for (RemoteRefUpdate update : result.getRemoteUpdates()) {
          if (update.getStatus() != RemoteRefUpdate.Status.OK
              && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
            throw new GitChangeException(
                where
                    + ": refused ("
                    + update.getStatus()
                    + (update.getMessage() == null ? "" : ": " + update.getMessage())
                    + ")");
          }
        }
      }
    } catch (GitAPIException e) {
      throw new GitChangeException(where + ": " + e.getMessage(), e);
    }
  }

  /** The top directory of the work tree, with symbolic links resolved. */
  public Path root() {
    return root;
  }

  /** The checked-out branch ({@code main}); empty when HEAD is detached. */
  public Optional<String> currentBranch() throws GitChangeException {
    try {
      String full = repository.getFullBranch();
      return full != null && full.startsWith(Constants.R_HEADS)
          ? Optional.of(Repository.shortenRefName(full))
          : Optional.empty();
    } catch (IOException e) {
      throw new GitChangeException("cannot read HEAD of " + root + ": " + e.getMessage(), e);
    }
  }

  /** The configured URL of a remote ({@code origin}), as written in the git configuration. */
  public Optional<String> remoteUrl(String remote) {
    return Optional.ofNullable(repository.getConfig().getString("remote", remote, "url"));
  }

  /** The author git would record here, or {@link Author#PORTCULLIS} for what it leaves unset. */
  public Author configuredAuthor() {
    return Author.configuredIn(repository.getConfig());
  }

  /** The repository-relative, '/'-separated path of a file on disk inside this work tree. */
  public String repositoryPath(Path file) throws GitChangeException {
    return RepositoryPath.of(root, file);
  }

  /** {@link #commitOnNewBranch(BranchName, Map, String, Author)} by {@link #configuredAuthor()}. */
  public NewBranch commitOnNewBranch(BranchName branch, Map<String, byte[]> files, String message)
      throws GitChangeException {
    return commitOnNewBranch(branch, files, message, configuredAuthor());
  }

  /**
   * Commits {@code files} on top of HEAD and points the new branch at that commit.
   *
   * @param files repository-relative paths to their complete new contents; a path that HEAD lacks
   *     is added as an ordinary (100644) file, a path it has keeps its mode
   * @throws GitChangeException if the branch exists, HEAD names no commit, a path is not a file
   *     inside the work tree, or every file already has these contents in HEAD
   */
  public NewBranch commitOnNewBranch(
      BranchName branch, Map<String, byte[]> files, String message, Author author)
      throws GitChangeException {
    if (message.isBlank()) {
      throw new IllegalArgumentException("a commit needs a message");
    }
    Map<String, byte[]> checked = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      checked.put(RepositoryPath.check(file.getKey(), root), file.getValue().clone());
    }
    try {
      refuseExisting(branch);
      RevCommit head = headCommit();
      PersonIdent person = new PersonIdent(author.name(), author.email());
      ObjectId commit;
      try (ObjectInserter inserter = repository.newObjectInserter();
          ObjectReader reader = inserter.newReader()) {
        ObjectId tree = ReplacedFilesTree.of(head.getTree(), reader).replace(checked, inserter);
        if (tree == null || tree.equals(head.getTree())) {
          throw new GitChangeException(
              "nothing to commit: "
                  + String.join(", ", checked.keySet())
                  + " already "
                  + (checked.size() == 1 ? "has" : "have")
                  + " these contents in HEAD; no branch was created");
        }
        commit = inserter.insert(commitOf(tree, head, person, message));
        inserter.flush();
      }
      createBranch(branch, commit, person);
      return new NewBranch(branch, commit.name(), head.name());
    } catch (GitChangeException e) {
      throw e;
    } catch (IOException e) {
      throw new GitChangeException(
          "cannot commit to new branch " + branch + " in " + root + ": " + e.getMessage(), e);
    }
  }

  /**
   * A file as HEAD has it, not as the work tree does: what a commit on top of HEAD must change.
   *
   * @return empty when HEAD has no such file
   */
  public Optional<byte[]> headContent(String repositoryPath) throws GitChangeException {
    String path = RepositoryPath.check(repositoryPath, root);
    try (TreeWalk walk = TreeWalk.forPath(repository, path, headCommit().getTree())) {
      if (walk == null || walk.isSubtree()) {
        return Optional.empty();
      }
      return Optional.of(repository.open(walk.getObjectId(0)).getBytes());
    } catch (IOException e) {
      throw new GitChangeException(
          "cannot read " + path + " from HEAD of " + root + ": " + e.getMessage(), e);
    }
  }

  private void refuseExisting(BranchName branch) throws IOException, GitChangeException {
    if (repository.exactRef(branch.refName()) != null) {
      throw alreadyExists(branch);
    }
    Optional<String> conflict =
        repository.getRefDatabase().getConflictingNames(branch.refName()).stream().findFirst();
    if (conflict.isPresent()) {
      throw new GitChangeException(
          "branch "
              + branch
              + " cannot be created next to the existing "
              + Repository.shortenRefName(conflict.get())
              + "; choose another --git-branch");
    }
  }

  private static GitChangeException alreadyExists(BranchName branch) {
    return new GitChangeException(
        "branch " + branch + " already exists; choose another --git-branch or delete it");
  }

  private RevCommit headCommit() throws IOException, GitChangeException {
    Ref head = repository.exactRef(Constants.HEAD);
    if (head == null || head.getObjectId() == null) {
      throw new GitChangeException(
          "the repository at " + root + " has no commit yet (HEAD names none); commit first");
    }
    try (RevWalk walk = new RevWalk(repository)) {
      return walk.parseCommit(head.getObjectId());
    }
  }

  private static CommitBuilder commitOf(
      ObjectId tree, RevCommit parent, PersonIdent person, String message) {
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    commit.setParentId(parent);
    commit.setAuthor(person);
    commit.setCommitter(person);
    commit.setMessage(message.endsWith("\n") ? message : message + "\n");
    return commit;
  }

  private void createBranch(BranchName branch, ObjectId commit, PersonIdent person)
      throws IOException, GitChangeException {
    RefUpdate update = repository.updateRef(branch.refName());
    update.setNewObjectId(commit);
    // Expecting no old value makes creation atomic: a branch made meanwhile is not overwritten.
    update.setExpectedOldObjectId(ObjectId.zeroId());
    update.setRefLogIdent(person);
    update.setRefLogMessage("branch: Created by Portcullis", false);
    RefUpdate.Result result = update.update();
    switch (result) {
      case NEW -> {}
      case LOCK_FAILURE, REJECTED -> {
        if (repository.exactRef(branch.refName()) != null) {
          throw alreadyExists(branch);
        }
        throw new GitChangeException(
            "cannot create branch " + branch + " in " + root + " (" + result + "); try again");
      }
      default ->
          throw new GitChangeException(
              "cannot create branch " + branch + " in " + root + " (" + result + ")");
    }
  }

  @Override
  public void close() {
    repository.close();
  }
}
