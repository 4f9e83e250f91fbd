package dev.portcullis.cli;

import dev.portcullis.artifact.ImageSources;
import dev.portcullis.baseimage.BaseImageChange;
import dev.portcullis.baseimage.BaseImageCheck;
import dev.portcullis.baseimage.BaseImageChecker;
import dev.portcullis.baseimage.BaseImageReport;
import dev.portcullis.baseimage.CommitMessages;
import dev.portcullis.baseimage.DockerfileRewriter;
import dev.portcullis.baseimage.FromReference;
import dev.portcullis.baseimage.FromReferences;
import dev.portcullis.baseimage.LiveRegistryLookup;
import dev.portcullis.baseimage.Proposal;
import dev.portcullis.baseimage.TagSelector;
import dev.portcullis.baseimage.UpdatePlanner;
import dev.portcullis.baseimage.VulnerabilityDelta;
import dev.portcullis.baseimage.change.BranchName;
import dev.portcullis.baseimage.change.Forge;
import dev.portcullis.baseimage.change.ForgeException;
import dev.portcullis.baseimage.change.ForgeKind;
import dev.portcullis.baseimage.change.ForgeRepository;
import dev.portcullis.baseimage.change.GitWorkTree;
import dev.portcullis.baseimage.change.NewBranch;
import dev.portcullis.baseimage.change.ProposedChange;
import dev.portcullis.files.AtomicWrite;
import dev.portcullis.image.ImageSource;
import dev.portcullis.match.Finding;
import dev.portcullis.match.Matcher;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.report.BaseImageMarkdownWriter;
import dev.portcullis.report.BaseImageReportWriter;
import dev.portcullis.report.ReportFormat;
import dev.portcullis.report.ToolInfo;
import dev.portcullis.vulndb.VulnerabilityDatabase;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code portcullis base-image check|update PATH...}: the base images of Dockerfiles against their
 * registries, the newest compatible tags, and what moving to them buys in vulnerabilities.
 */
@Command(
    name = "base-image",
    description =
        "Check the base images of Dockerfiles for newer tags and moved digests; update them.",
    mixinStandardHelpOptions = true)
final class BaseImageCommand {

  /** What both subcommands share: the Dockerfiles, the registry access, the report. */
  static final class Options {
    @Parameters(
        paramLabel = "PATH",
        arity = "1..*",
        description = "Dockerfiles, or directories to search for them.")
    List<Path> paths;

    @Option(
        names = "--prereleases",
        description = "Propose release candidates, betas and other prereleases too.")
    boolean prereleases;

    @Option(
        names = "--scan",
        description =
            "Scan the current and the proposed base images and report the vulnerabilities the"
                + " update removes and adds.")
    boolean scanImages;

    @Option(
        names = "--db",
        paramLabel = "FILE",
        description = "The vulnerability database for --scan (default: as db update writes it).")
    Path database;

    @Option(
        names = "--policy",
        paramLabel = "FILE",
        description =
            "Policy file with the base-image tiers (default: ./portcullis.yaml if present).")
    Path policy;

    @Option(
        names = {"-f", "--format"},
        paramLabel = "FORMAT",
        defaultValue = "table",
        description = "table, json or markdown (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        description = "Write the report to FILE.")
    Path output;

    @Mixin ScanOptions registry;

    BaseImageReportWriter writer() {
      try {
        return BaseImageReportWriter.forFormat(ReportFormat.parse(format));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }

    /** Every FROM checked against its registry, with vulnerability deltas if asked. */
    List<BaseImageCheck> checks(CommandSpec spec) throws IOException {
      if (registry.offline) {
        throw new UsageException("base-image needs the registries, which --offline forbids");
      }
      if (registry.username != null) {
        // One password for every registry the FROM lines name would go to any of them, a
        // stranger's included: credentials come per registry from the Docker config instead.
        throw new UsageException(
            "base-image asks every registry its FROM lines name: log in with 'docker login'"
                + " (~/.docker/config.json is read per registry) instead of --username");
      }
      List<FromReference> froms = new FromReferences().find(paths);
      BaseImageChecker checker =
          new BaseImageChecker(
              new LiveRegistryLookup(
                  registry.insecureRegistry, registry.registryTimeouts.timeouts()),
              new TagSelector(prereleases),
              PolicyFiles.resolve(policy).baseImages());
      List<BaseImageCheck> checks = new ArrayList<>();
      for (FromReference from : froms) {
        checks.add(checker.check(from));
      }
      return scanImages ? withDeltas(checks, spec) : checks;
    }

    private List<BaseImageCheck> withDeltas(List<BaseImageCheck> checks, CommandSpec spec)
        throws IOException {
      Path file = database != null ? database : VulnerabilityDatabase.defaultLocation();
      try (VulnerabilityDatabase db = VulnerabilityDatabase.open(file)) {
        Map<String, List<Finding>> scanned = new HashMap<>();
        List<BaseImageCheck> result = new ArrayList<>();
        for (BaseImageCheck check : checks) {
          if (check.problem() != null || (check.update() == null && check.majorUpdate() == null)) {
            result.add(check);
            continue;
          }
          List<Finding> current = findings(check.from().image(), db, scanned, spec);
          result.add(
              check.withProposals(
                  delta(check.update(), current, db, scanned, spec),
                  delta(check.majorUpdate(), current, db, scanned, spec)));
        }
        return result;
      }
    }

    private Proposal delta(
        Proposal proposal,
        List<Finding> current,
        VulnerabilityDatabase db,
        Map<String, List<Finding>> scanned,
        CommandSpec spec)
        throws IOException {
      if (proposal == null) {
        return null;
      }
      List<Finding> proposed = findings(proposal.image(), db, scanned, spec);
      return proposal.withDelta(VulnerabilityDelta.between(current, proposed));
    }

    /** The findings of an image, each image scanned once. */
    private List<Finding> findings(
        ImageReference image,
        VulnerabilityDatabase db,
        Map<String, List<Finding>> scanned,
        CommandSpec spec)
        throws IOException {
      String name = image.toString();
      List<Finding> known = scanned.get(name);
      if (known == null) {
        spec.commandLine().getErr().println("portcullis: scanning " + name);
        try (ImageSource source = ImageSources.open("registry:" + name, registry.sourceOptions())) {
          known = new Matcher(db).match(registry.imageInventory(source));
        }
        scanned.put(name, known);
      }
      return known;
    }

    int write(BaseImageReport report, CommandSpec spec) throws IOException {
      BaseImageReportWriter writer = writer();
      ToolInfo tool = ToolInfo.current();
      ReportOutput.write(
          output, spec.commandLine().getOut(), stream -> writer.write(report, tool, stream));
      return report.registryFailed() ? ExitCodes.INPUT_ERROR : 0;
    }
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "For every FROM: the digest its tag names now, whether a pinned digest still matches, the"
            + " newest compatible tag (same variant and precision) and the newest major version,"
            + " and the policy tier of each.",
        "",
        "Exit code: 0, or --exit-code N when an update or a moved tag is found; 2 when a registry"
            + " could not be asked (the other FROMs are still checked and reported)."
      })
  static final class Check implements Callable<Integer> {
    @Mixin Options options;
    @Spec CommandSpec spec;

    @Option(
        names = "--exit-code",
        paramLabel = "N",
        defaultValue = "0",
        description = "Exit with N when an update or a moved tag is found (default: 0).")
    int exitCode;

    @Override
    public Integer call() throws IOException {
      options.writer();
      BaseImageReport report = new BaseImageReport(options.checks(spec), List.of(), List.of());
      int written = options.write(report, spec);
      return written != 0 ? written : report.outdated() ? exitCode : 0;
    }
  }

  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      description = {
        "Rewrite the FROM lines to the newest compatible tags (keeping every other byte), pin"
            + " digests if asked, and commit the change on a new git branch.",
        "",
        "Without --write or --git-branch nothing is changed: the report says what would be."
      })
  static final class Update implements Callable<Integer> {
    @Mixin Options options;
    @Spec CommandSpec spec;

    @Option(names = "--major", description = "Move to later major versions too.")
    boolean majors;

    @Option(
        names = "--pin-digest",
        description = "Write tag@sha256:digest, for the images changed and the ones kept.")
    boolean pinDigest;

    @Option(names = "--write", description = "Rewrite the Dockerfiles in place.")
    boolean write;

    @Option(
        names = "--git-branch",
        paramLabel = "NAME",
        description =
            "Commit the rewritten Dockerfiles on a new branch NAME from the current commit, leaving"
                + " the work tree and the current branch as they are.")
    String gitBranch;

    @Option(
        names = "--push",
        description =
            "Push the new branch to the remote 'origin' (over HTTPS with the forge token, if any).")
    boolean push;

    @Option(
        names = "--open-pr",
        paramLabel = "github|gitlab",
        description =
            "Open a pull (merge) request for the pushed branch; the token comes from"
                + " PORTCULLIS_FORGE_TOKEN, else GITHUB_TOKEN or GITLAB_TOKEN.")
    ForgeKind openPr;

    @Option(
        names = "--forge-api",
        paramLabel = "URL",
        description =
            "The forge's API (default: from the remote 'origin': https://api.github.com,"
                + " https://gitlab.com/api/v4, or HOST/api/v3|v4 when self-hosted).")
    URI forgeApi;

    @Option(
        names = "--forge-repo",
        paramLabel = "PATH",
        description = "owner/name (GitHub) or group/project (GitLab); default: from 'origin'.")
    String forgeRepository;

    @Option(
        names = "--target-branch",
        paramLabel = "NAME",
        description = "The branch the request merges into (default: the current branch).")
    String targetBranch;

    @Override
    public Integer call() throws IOException {
      options.writer();
      BranchName branch = gitBranch == null ? null : BranchName.of(gitBranch);
      if ((push || openPr != null) && branch == null) {
        throw new UsageException("--push and --open-pr need --git-branch NAME");
      }
      String token = openPr == null ? null : forgeToken(openPr);
      if (openPr != null && token == null) {
        throw new UsageException(
            "--open-pr needs a token in PORTCULLIS_FORGE_TOKEN (or "
                + (openPr == ForgeKind.GITHUB ? "GITHUB_TOKEN" : "GITLAB_TOKEN")
                + ")");
      }
      List<BaseImageCheck> checks = options.checks(spec);
      List<BaseImageChange> changes = new UpdatePlanner(majors, pinDigest).plan(checks);
      Map<Path, byte[]> rewritten = rewrite(changes, Files::readAllBytes);
      List<String> outcome = new ArrayList<>();
      if (changes.isEmpty()) {
        outcome.add("Nothing to change.");
      }
      if (!changes.isEmpty() && write) {
        for (Map.Entry<Path, byte[]> file : rewritten.entrySet()) {
          AtomicWrite.replace(file.getKey(), file.getValue());
        }
        outcome.add("Rewrote " + rewritten.size() + " Dockerfile(s).");
      }
      if (!changes.isEmpty() && branch != null) {
        BaseImageReport report = new BaseImageReport(checks, changes, List.of());
        outcome.addAll(commit(branch, changes, report, token));
      }
      if (!changes.isEmpty() && !write && branch == null) {
        outcome.add(
            "Dry run: nothing written; add --write to rewrite the Dockerfiles or --git-branch to"
                + " commit them on a branch.");
      }
      return options.write(new BaseImageReport(checks, changes, outcome), spec);
    }

    /** Where a Dockerfile's current text comes from: the work tree, or a commit. */
    @FunctionalInterface
    private interface Contents {
      byte[] of(Path file) throws IOException;
    }

    /** The new content of every Dockerfile that changes. */
    private static Map<Path, byte[]> rewrite(List<BaseImageChange> changes, Contents contents)
        throws IOException {
      DockerfileRewriter rewriter = new DockerfileRewriter();
      Map<Path, byte[]> rewritten = new LinkedHashMap<>();
      for (Map.Entry<Path, List<DockerfileRewriter.Edit>> file : editsByFile(changes).entrySet()) {
        String text = new String(contents.of(file.getKey()), StandardCharsets.UTF_8);
        String changed = rewriter.apply(file.getKey().toString(), text, file.getValue());
        rewritten.put(file.getKey(), changed.getBytes(StandardCharsets.UTF_8));
      }
      return rewritten;
    }

    /**
     * Commits on the new branch, then pushes it and opens the request if asked. The edits apply to
     * the Dockerfiles as HEAD has them: uncommitted local changes stay out of the commit.
     */
    private List<String> commit(
        BranchName branch, List<BaseImageChange> changes, BaseImageReport report, String token)
        throws IOException {
      List<String> outcome = new ArrayList<>();
      try (GitWorkTree tree = GitWorkTree.open(changes.get(0).check().from().path())) {
        Map<Path, byte[]> rewritten =
            rewrite(
                changes,
                file -> {
                  Optional<byte[]> committed = tree.headContent(tree.repositoryPath(file));
                  return committed.isPresent() ? committed.get() : Files.readAllBytes(file);
                });
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Map.Entry<Path, byte[]> file : rewritten.entrySet()) {
          files.put(tree.repositoryPath(file.getKey()), file.getValue());
        }
        NewBranch created = tree.commitOnNewBranch(branch, files, CommitMessages.of(report));
        outcome.add(
            "Committed on branch "
                + branch.name()
                + " ("
                + created.commitId().substring(0, 12)
                + ").");
        if (push) {
          pushToOrigin(tree, branch);
          outcome.add("Pushed " + branch.name() + " to origin.");
        }
        if (openPr != null) {
          String target =
              targetBranch != null
                  ? targetBranch
                  : tree.currentBranch()
                      .orElseThrow(
                          () ->
                              new UsageException(
                                  "HEAD is detached: name the branch to merge into with"
                                      + " --target-branch"));
          Forge forge = forge(tree, token);
          URI request =
              forge.open(
                  new ProposedChange(
                      branch.name(),
                      target,
                      CommitMessages.title(report),
                      BaseImageMarkdownWriter.markdown(report, ToolInfo.current())));
          outcome.add("Opened " + request);
        }
      }
      return outcome;
    }

    private Forge forge(GitWorkTree tree, String token) throws IOException {
      if (forgeRepository != null) {
        if (forgeApi == null) {
          ForgeRepository origin = originOf(tree);
          return openPr.forge(origin.defaultApi(), forgeRepository, token);
        }
        return openPr.forge(forgeApi, forgeRepository, token);
      }
      ForgeRepository origin = originOf(tree);
      return forgeApi == null ? origin.forge(token) : origin.forge(forgeApi, token);
    }

    private ForgeRepository originOf(GitWorkTree tree) throws IOException {
      String remote =
          tree.remoteUrl("origin")
              .orElseThrow(
                  () ->
                      new UsageException(
                          "the repository has no remote 'origin': give --forge-repo and"
                              + " --forge-api"));
      return ForgeRepository.fromRemoteUrl(remote, openPr);
    }

    /**
     * Pushes the new branch. A forge token goes along only over HTTPS to the forge's own host
     * (github.com, gitlab.com, or the host --open-pr names): never to another host, never in the
     * clear, never to an SSH remote (which uses the user's keys).
     */
    private void pushToOrigin(GitWorkTree tree, BranchName branch) throws IOException {
      String remote = tree.remoteUrl("origin").orElse("");
      ForgeKind kind = null;
      if (remote.startsWith("https://")) {
        try {
          kind =
              (openPr != null
                      ? ForgeRepository.fromRemoteUrl(remote, openPr)
                      : ForgeRepository.fromRemoteUrl(remote))
                  .kind();
        } catch (ForgeException e) {
          kind = null; // not a forge Portcullis knows: push without a token
        }
      }
      String token = kind == null ? null : forgeToken(kind);
      tree.push(branch, "origin", kind == ForgeKind.GITLAB ? "oauth2" : "x-access-token", token);
    }

    private static String forgeToken(ForgeKind kind) {
      String token = System.getenv("PORTCULLIS_FORGE_TOKEN");
      if (token == null || token.isBlank()) {
        token = System.getenv(kind == ForgeKind.GITLAB ? "GITLAB_TOKEN" : "GITHUB_TOKEN");
      }
      return token == null || token.isBlank() ? null : token.strip();
    }

    private static Map<Path, List<DockerfileRewriter.Edit>> editsByFile(
        List<BaseImageChange> changes) {
      Map<Path, List<DockerfileRewriter.Edit>> byFile = new LinkedHashMap<>();
      for (BaseImageChange change : changes) {
        byFile
            .computeIfAbsent(change.check().from().path(), p -> new ArrayList<>())
            .add(
                new DockerfileRewriter.Edit(
                    change.check().from().line(), change.written(), change.replacement()));
      }
      return byFile;
    }
  }
}
