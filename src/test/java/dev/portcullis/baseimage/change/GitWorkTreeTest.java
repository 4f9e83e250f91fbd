package dev.portcullis.baseimage.change;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.testing.GitCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.eclipse.jgit.lib.Config;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commits onto a new branch of a real repository made by the git command line, and reads the result
 * back with git.
 */
class GitWorkTreeTest {

  private static final String OLD_DOCKERFILE = "FROM python:3.11-slim\nCOPY . /app\n";
  private static final String NEW_DOCKERFILE = "FROM python:3.12-slim\nCOPY . /app\n";
  private static final String SCRIPT = "#!/bin/sh\nexec python /app/main.py\n";
  private static final String MESSAGE =
      "Update base images\n\nDockerfile: python:3.11-slim → python:3.12-slim\n";

  @TempDir Path dir;
  private Path repo;
  private GitCli git;
  private String oldHead;

  @BeforeEach
  void commitDockerfileAndExecutableScript() throws IOException {
    repo = dir.resolve("app");
    Files.createDirectories(repo);
    git = new GitCli(repo);
    git.run("init", "-q", "-b", "main");
    Files.writeString(repo.resolve("Dockerfile"), OLD_DOCKERFILE);
    Files.writeString(repo.resolve("run.sh"), SCRIPT);
    Files.setPosixFilePermissions(
        repo.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(repo.resolve("docs"));
    Files.writeString(repo.resolve("docs/README.md"), "# app\n");
    git.run("add", ".");
    git.run("commit", "-q", "-m", "Initial commit");
    oldHead = git.run("rev-parse", "HEAD");
  }

  private NewBranch commit(Map<String, String> files) throws GitChangeException {
    try (GitWorkTree tree = GitWorkTree.open(repo)) {
      return tree.commitOnNewBranch(
          BranchName.of("portcullis/base-image-update"), bytes(files), MESSAGE, Author.PORTCULLIS);
    }
  }

  private static Map<String, byte[]> bytes(Map<String, String> files) {
    Map<String, byte[]> bytes = new java.util.TreeMap<>();
    files.forEach((path, content) -> bytes.put(path, content.getBytes(UTF_8)));
    return bytes;
  }

  @Test
  void newBranchHoldsNewDockerfileOnTopOfHeadWhileWorkTreeIndexAndHeadStayAsTheyWere()
      throws IOException {
    // A user's unfinished work: an edited tracked file, a staged one and an untracked one.
    Files.writeString(repo.resolve("docs/README.md"), "# app, edited\n");
    Files.writeString(repo.resolve("notes.txt"), "staged\n");
    git.run("add", "notes.txt");
    Files.writeString(repo.resolve("scratch.txt"), "untracked\n");
    String statusBefore = git.run("status", "--porcelain");

    NewBranch branch = commit(Map.of("Dockerfile", NEW_DOCKERFILE));

    String name = "portcullis/base-image-update";
    assertThat(branch.branch().name()).isEqualTo(name);
    assertThat(branch.commitId()).isEqualTo(git.run("rev-parse", "refs/heads/" + name));
    assertThat(branch.parentId()).isEqualTo(oldHead);
    assertThat(git.run("rev-parse", name + "^")).isEqualTo(oldHead);
    assertThat(git.run("rev-list", "--count", name)).isEqualTo("2");
    assertThat(git.run("show", name + ":Dockerfile") + "\n").isEqualTo(NEW_DOCKERFILE);
    assertThat(git.run("diff", "--name-only", oldHead, name)).isEqualTo("Dockerfile");
    assertThat(git.run("ls-tree", name, "run.sh")).startsWith("100755 blob ");
    assertThat(git.run("log", "-1", "--format=%B", name) + "\n").isEqualTo(MESSAGE);
    assertThat(git.run("log", "-1", "--format=%an <%ae>|%cn <%ce>", name))
        .isEqualTo("Portcullis <portcullis@localhost>|Portcullis <portcullis@localhost>");

    assertThat(git.run("symbolic-ref", "HEAD")).isEqualTo("refs/heads/main");
    assertThat(git.run("rev-parse", "HEAD")).isEqualTo(oldHead);
    assertThat(Files.readString(repo.resolve("Dockerfile"))).isEqualTo(OLD_DOCKERFILE);
    assertThat(git.run("status", "--porcelain")).isEqualTo(statusBefore);
    assertThat(git.run("diff", "--cached", "--name-only")).isEqualTo("notes.txt");
    assertThat(git.attempt("fsck", "--strict", "--no-dangling").exitCode()).isZero();
  }

  @Test
  void replacedExecutableStaysExecutableAndNewFileInNewDirectoryIsOrdinary() throws IOException {
    commit(Map.of("run.sh", SCRIPT + "# updated\n", "deploy/base/Dockerfile", NEW_DOCKERFILE));

    String name = "portcullis/base-image-update";
    assertThat(git.run("ls-tree", "-r", name))
        .containsPattern("100755 blob \\w+\trun\\.sh")
        .containsPattern("100644 blob \\w+\tdeploy/base/Dockerfile")
        .containsPattern("100644 blob \\w+\tDockerfile")
        .containsPattern("100644 blob \\w+\tdocs/README\\.md");
    assertThat(git.run("show", name + ":deploy/base/Dockerfile") + "\n").isEqualTo(NEW_DOCKERFILE);
    assertThat(git.run("diff", "--name-status", oldHead, name))
        .isEqualTo("A\tdeploy/base/Dockerfile\nM\trun.sh");
  }

  @Test
  void fileThatAlreadyHasItsContentIsLeftOutOfAnOtherwiseRealChange() throws IOException {
    commit(Map.of("Dockerfile", OLD_DOCKERFILE, "docs/README.md", "# app v2\n"));

    assertThat(git.run("diff", "--name-only", oldHead, "portcullis/base-image-update"))
        .isEqualTo("docs/README.md");
  }

  @Test
  void detachedHeadIsTheParentAndStaysDetached() throws IOException {
    git.run("checkout", "-q", "--detach");

    try (GitWorkTree tree = GitWorkTree.open(repo)) {
      assertThat(tree.currentBranch()).isEmpty();
    }
    commit(Map.of("Dockerfile", NEW_DOCKERFILE));

    assertThat(git.run("rev-parse", "portcullis/base-image-update^")).isEqualTo(oldHead);
    assertThat(git.attempt("symbolic-ref", "-q", "HEAD").exitCode()).isNotZero();
    assertThat(git.run("rev-parse", "HEAD")).isEqualTo(oldHead);
  }

  @Test
  void opensFromAnyPathInsideTheWorkTreeAndNamesFilesRelativeToItsTop() throws IOException {
    try (GitWorkTree tree = GitWorkTree.open(repo.resolve("docs/README.md"))) {
      assertThat(tree.root()).isEqualTo(repo.toRealPath());
      assertThat(tree.repositoryPath(repo.resolve("docs/README.md"))).isEqualTo("docs/README.md");
      assertThat(tree.repositoryPath(repo.resolve("docs/../Dockerfile"))).isEqualTo("Dockerfile");
      assertThat(tree.repositoryPath(repo.resolve("deploy/new/Dockerfile")))
          .isEqualTo("deploy/new/Dockerfile");
    }
    try (GitWorkTree tree = GitWorkTree.open(repo.resolve("not/yet/there"))) {
      assertThat(tree.root()).isEqualTo(repo.toRealPath());
    }
  }

  @Test
  void tellsTheCurrentBranchAndTheOriginUrl() throws GitChangeException {
    git.run("remote", "add", "origin", "git@github.com:org/app.git");
    git.run("checkout", "-q", "-b", "release/1.x");

    try (GitWorkTree tree = GitWorkTree.open(repo)) {
      assertThat(tree.currentBranch()).contains("release/1.x");
      assertThat(tree.remoteUrl("origin")).contains("git@github.com:org/app.git");
      assertThat(tree.remoteUrl("upstream")).isEmpty();
    }
  }

  @Test
  void authorComesFromTheRepositoryConfiguration() throws GitChangeException {
    git.run("config", "user.name", "Release Bot");
    git.run("config", "user.email", "release-bot@example.com");

    try (GitWorkTree tree = GitWorkTree.open(repo)) {
      assertThat(tree.configuredAuthor())
          .isEqualTo(new Author("Release Bot", "release-bot@example.com"));
      tree.commitOnNewBranch(
          BranchName.of("bot"), bytes(Map.of("Dockerfile", NEW_DOCKERFILE)), MESSAGE);
    }

    assertThat(git.run("log", "-1", "--format=%an <%ae>", "bot"))
        .isEqualTo("Release Bot <release-bot@example.com>");
  }

  @Test
  void authorFallsBackToPortcullisForWhatGitConfigurationLeavesUnset() {
    Config nothing = new Config();
    Config nameOnly = new Config();
    nameOnly.setString("user", null, "name", "Ada");

    assertThat(Author.configuredIn(nothing)).isEqualTo(Author.PORTCULLIS);
    assertThat(Author.configuredIn(nameOnly)).isEqualTo(new Author("Ada", "portcullis@localhost"));
  }

  @Test
  void linkedWorktreeCommitsIntoTheSharedRepository() throws IOException {
    Path linked = dir.resolve("linked");
    git.run("worktree", "add", "-q", "-b", "feature", linked.toString());

    try (GitWorkTree tree = GitWorkTree.open(linked)) {
      assertThat(tree.currentBranch()).contains("feature");
      tree.commitOnNewBranch(
          BranchName.of("from-linked"),
          bytes(Map.of("Dockerfile", NEW_DOCKERFILE)),
          MESSAGE,
          Author.PORTCULLIS);
    }

    assertThat(git.run("show", "from-linked:Dockerfile") + "\n").isEqualTo(NEW_DOCKERFILE);
    assertThat(new GitCli(linked).run("symbolic-ref", "HEAD")).isEqualTo("refs/heads/feature");
    assertThat(git.run("symbolic-ref", "HEAD")).isEqualTo("refs/heads/main");
  }

  @Test
  void existingBranchIsRefusedAndLeftAlone() {
    git.run("branch", "portcullis/base-image-update");

    assertThatThrownBy(() -> commit(Map.of("Dockerfile", NEW_DOCKERFILE)))
        .isInstanceOf(GitChangeException.class)
        .hasMessage(
            "branch portcullis/base-image-update already exists; choose another --git-branch or"
                + " delete it");
    assertThat(git.run("rev-parse", "portcullis/base-image-update")).isEqualTo(oldHead);
  }

  @Test
  void branchWhoseNameClashesWithAnExistingBranchIsRefused() {
    git.run("branch", "portcullis");

    assertThatThrownBy(() -> commit(Map.of("Dockerfile", NEW_DOCKERFILE)))
        .isInstanceOf(GitChangeException.class)
        .hasMessage(
            "branch portcullis/base-image-update cannot be created next to the existing"
                + " portcullis; choose another --git-branch");
  }

  @Test
  void invalidBranchNamesAreRefusedBeforeAnyWork() throws GitChangeException {
    for (String name :
        new String[] {"two..dots", "with space", "-dash", "x.lock", "a:b", "", "HEAD"}) {
      assertThatThrownBy(() -> BranchName.of(name))
          .as(name)
          .isInstanceOf(GitChangeException.class)
          .hasMessageStartingWith("invalid branch name '" + name + "': git does not accept it")
          .hasMessageEndingWith("choose another --git-branch");
    }
    assertThat(BranchName.of("portcullis/base-image-update").refName())
        .isEqualTo("refs/heads/portcullis/base-image-update");
  }

  @Test
  void directoryOutsideAnyRepositoryIsRefused() throws IOException {
    Path plain = Files.createDirectories(dir.resolve("plain/sub"));

    assertThatThrownBy(() -> GitWorkTree.open(plain))
        .isInstanceOf(GitChangeException.class)
        .hasMessage(
            plain + " is not inside a git repository; run from a clone or check one out first");
  }

  @Test
  void bareRepositoryIsRefusedForItHasNoWorkTree() {
    Path bare = dir.resolve("bare.git");
    new GitCli(dir).run("init", "-q", "--bare", bare.toString());

    assertThatThrownBy(() -> GitWorkTree.open(bare))
        .isInstanceOf(GitChangeException.class)
        .hasMessage(bare + " is a bare repository; it has no work tree to update");
  }

  @Test
  void repositoryWithoutAnyCommitIsRefused() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    new GitCli(empty).run("init", "-q", "-b", "main");

    try (GitWorkTree tree = GitWorkTree.open(empty)) {
      assertThatThrownBy(
              () ->
                  tree.commitOnNewBranch(
                      BranchName.of("x"), bytes(Map.of("Dockerfile", NEW_DOCKERFILE)), MESSAGE))
          .isInstanceOf(GitChangeException.class)
          .hasMessage(
              "the repository at "
                  + empty.toRealPath()
                  + " has no commit yet (HEAD names none); commit first");
    }
  }

  @Test
  void pathsOutsideTheWorkTreeOrInsideDotGitAreRefused() throws IOException {
    Path elsewhere = Files.writeString(dir.resolve("Dockerfile"), OLD_DOCKERFILE);
    Path root = repo.toRealPath();

    try (GitWorkTree tree = GitWorkTree.open(repo)) {
      assertThatThrownBy(() -> tree.repositoryPath(elsewhere))
          .isInstanceOf(GitChangeException.class)
          .hasMessage(
              elsewhere
                  + " is outside the work tree "
                  + root
                  + "; name a file inside the repository");
      for (String path :
          new String[] {"../Dockerfile", "/etc/passwd", "a//b", "./Dockerfile", ""}) {
        assertThatThrownBy(
                () ->
                    tree.commitOnNewBranch(
                        BranchName.of("x"), bytes(Map.of(path, NEW_DOCKERFILE)), MESSAGE))
            .as(path)
            .isInstanceOf(GitChangeException.class)
            .hasMessageContaining("is outside the work tree " + root);
      }
      assertThatThrownBy(
              () ->
                  tree.commitOnNewBranch(
                      BranchName.of("x"), bytes(Map.of(".git/hooks/pre-commit", SCRIPT)), MESSAGE))
          .isInstanceOf(GitChangeException.class)
          .hasMessage(
              ".git/hooks/pre-commit is inside git's own .git directory; only work tree files can"
                  + " be committed");
    }
    assertThat(git.run("branch", "--list", "x")).isEmpty();
  }

  @Test
  void contentsIdenticalToHeadAreRefusedWithoutWritingAnything() {
    String objectsBefore = git.run("count-objects");

    assertThatThrownBy(() -> commit(Map.of("Dockerfile", OLD_DOCKERFILE, "run.sh", SCRIPT)))
        .isInstanceOf(GitChangeException.class)
        .hasMessage(
            "nothing to commit: Dockerfile, run.sh already have these contents in HEAD; no branch"
                + " was created");
    assertThat(git.run("branch", "--list", "portcullis/*")).isEmpty();
    assertThat(git.run("count-objects")).isEqualTo(objectsBefore);
  }

  @Test
  void directoriesSymbolicLinksAndPathsBelowFilesAreNotReplacedByFiles() throws IOException {
    Files.createSymbolicLink(repo.resolve("Containerfile"), Path.of("Dockerfile"));
    git.run("add", "Containerfile");
    git.run("commit", "-q", "-m", "Containerfile");

    assertThatThrownBy(() -> commit(Map.of("Containerfile", NEW_DOCKERFILE)))
        .hasMessage(
            "Containerfile is a symbolic link in HEAD; update the file it points to instead");
    assertThatThrownBy(() -> commit(Map.of("docs", NEW_DOCKERFILE)))
        .hasMessage("docs is a directory in HEAD, not a file");
    assertThatThrownBy(() -> commit(Map.of("run.sh/Dockerfile", NEW_DOCKERFILE)))
        .hasMessage("cannot add run.sh/Dockerfile: run.sh is a file in HEAD, not a directory");
    assertThat(git.run("branch", "--list", "portcullis/*")).isEmpty();
  }
}
