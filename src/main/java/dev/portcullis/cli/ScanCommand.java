package dev.portcullis.cli;

import dev.portcullis.artifact.ImageSources;
import dev.portcullis.artifact.SbomFiles;
import dev.portcullis.image.Digest;
import dev.portcullis.image.ImageSource;
import dev.portcullis.image.LocalSources;
import dev.portcullis.inventory.ImageInfo;
import dev.portcullis.policy.Gate;
import dev.portcullis.policy.GateSettings;
import dev.portcullis.policy.Policy;
import dev.portcullis.policy.PolicyLoader;
import dev.portcullis.policy.TrivyIgnoreLoader;
import dev.portcullis.policy.VexLoader;
import dev.portcullis.policy.VulnerabilityException;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.report.ReportFormat;
import dev.portcullis.report.ScanReport;
import dev.portcullis.report.ScanReportWriter;
import dev.portcullis.report.ToolInfo;
import dev.portcullis.scan.BaseImageUpdates;
import dev.portcullis.scan.InventoryReader;
import dev.portcullis.scan.ScanListener;
import dev.portcullis.scan.ScanRequest;
import dev.portcullis.scan.ScanService;
import dev.portcullis.signing.PrivateKeys;
import dev.portcullis.signing.PublicKeys;
import dev.portcullis.signing.SigningKey;
import dev.portcullis.signing.VerificationKey;
import dev.portcullis.signing.oci.RegistrySignatures;
import dev.portcullis.submit.ReportUploader;
import dev.portcullis.submit.UploadException;
import dev.portcullis.submit.Uploaded;
import dev.portcullis.vulndb.VulnerabilityDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code portcullis scan image|fs|sbom TARGET}: known vulnerabilities and secrets, and the gate
 * over them.
 */
@Command(
    name = "scan",
    description =
        "Find known vulnerabilities and secrets in an image or directory and decide the security"
            + " gate.",
    mixinStandardHelpOptions = true)
final class ScanCommand {

  /** The gate and report options, named as Trivy names them. */
  static final class GateOptions {
    @Mixin GateThreshold threshold;

    @Option(
        names = "--ignore-unfixed",
        description =
            "Leave out vulnerabilities that have no fixed version, also those the distribution"
                + " will not fix.")
    Boolean ignoreUnfixed;

    @Option(
        names = "--check-os-owned-libraries",
        negatable = true,
        description =
            "Also match language packages an OS package installed (Debian's python3-*, a jar of"
                + " a deb) against their language's advisories. By default, as Trivy does, only the"
                + " distribution's advisories judge them: it backports fixes those do not know.")
    Boolean checkOsOwnedLibraries;

    /** The flag, else the policy's gate setting, else false. */
    boolean checkOsOwnedLibraries(Policy policy) {
      if (checkOsOwnedLibraries != null) {
        return checkOsOwnedLibraries;
      }
      return policy.gate() != null && Boolean.TRUE.equals(policy.gate().checkOsOwnedLibraries());
    }

    @Option(
        names = "--policy",
        paramLabel = "FILE",
        description =
            "Policy file with gate settings and exceptions (default: ./portcullis.yaml if present).")
    Path policy;

    @Option(
        names = "--ignorefile",
        paramLabel = "FILE",
        description =
            "Trivy ignore file (default: ./.trivyignore or ./.trivyignore.yaml if present).")
    Path ignoreFile;

    @Option(
        names = "--vex",
        paramLabel = "FILE",
        description =
            "OpenVEX or CycloneDX VEX document; not_affected statements suppress findings (repeatable).")
    List<Path> vex = List.of();

    @Option(
        names = "--db",
        paramLabel = "FILE",
        description = "The vulnerability database (default: as db update writes it).")
    Path database;

    @Option(
        names = "--db-max-age",
        paramLabel = "DURATION",
        defaultValue = "P7D",
        description =
            "Warn when the database is older than this ISO-8601 duration (default: ${DEFAULT-VALUE}).")
    Duration maxAge;

    @Option(
        names = {"-f", "--format"},
        paramLabel = "FORMAT",
        defaultValue = "table",
        description =
            "table, json, sarif or cyclonedx (with vulnerabilities) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        description = "Write the report to FILE.")
    Path output;

    /** The policy file, the Trivy ignore file and these flags, the flags winning. */
    Gate gate(Policy policy) throws IOException {
      GateSettings settings = threshold.settings(ignoreUnfixed, policy.gate());
      List<VulnerabilityException> exceptions = new ArrayList<>(policy.exceptions());
      Path ignore =
          ignoreFile != null
              ? ignoreFile
              : GateFlags.firstExisting(".trivyignore", ".trivyignore.yaml");
      if (ignore != null) {
        exceptions.addAll(new TrivyIgnoreLoader().load(ignore));
      }
      for (Path document : vex) {
        exceptions.addAll(new VexLoader().load(document));
      }
      return new Gate(settings, exceptions, LocalDate.now(ZoneOffset.UTC));
    }

    Policy readPolicy() throws IOException {
      Path file = policy != null ? policy : GateFlags.firstExisting("portcullis.yaml");
      return file == null ? Policy.empty() : new PolicyLoader().load(file);
    }

    ReportFormat parsedFormat() {
      ReportFormat parsed;
      try {
        parsed = ReportFormat.parse(format);
        ScanReportWriter.forFormat(parsed);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      return parsed;
    }
  }

  @Command(
      name = "image",
      mixinStandardHelpOptions = true,
      description = {"Scan a container image.", "", "SOURCE is named as for 'sbom image'."})
  static final class Image implements Callable<Integer> {
    @Parameters(paramLabel = "SOURCE", description = "The image.")
    String source;

    @Mixin GateOptions gate;
    @Mixin ScanOptions scan;
    @Mixin ScannerSelection scanners;
    @Mixin ServerUploadOptions upload;
    @Mixin AttributionOptions attribution;
    @Mixin OriginOptions origins;
    @Spec CommandSpec spec;

    @Option(
        names = "--require-signature",
        paramLabel = "PUBKEY",
        description =
            "Scan only an image with a valid cosign signature by this public key; an unsigned"
                + " image fails the gate (exit code 1) unscanned. Registry images only.")
    Path requireSignature;

    @Option(
        names = "--sign-key",
        paramLabel = "KEY",
        description =
            "Sign the image (cosign format, in its registry) when the gate passes, with the verdict"
                + " and the database's age as annotations. Registry images only.")
    Path signKey;

    @Override
    public Integer call() throws IOException {
      if (signKey != null && !scanners.vulnerabilities()) {
        throw new UsageException(
            "--sign-key signs what a full scan passed: keep 'vuln' in --scanners");
      }
      ReportUploader uploader = upload.uploader(System.getenv());
      String scanned = source;
      RegistrySignatures signatures = null;
      Digest digest = null;
      if (requireSignature != null || signKey != null) {
        // What is verified, scanned and signed is one digest, resolved once: a tag that moves
        // meanwhile changes none of the three.
        ImageReference image = registryImage();
        signatures = new RegistrySignatures(SignatureOptions.client(image, scan));
        digest = signatures.resolve();
        scanned =
            "registry:" + new ImageReference(image.registry(), image.repository(), null, digest);
      }
      if (requireSignature != null
          && !requireValidSignature(signatures, digest, PublicKeys.read(requireSignature))) {
        return ExitCodes.CHECK_FAILED;
      }
      SigningKey signingKey =
          signKey == null
              ? null
              : PrivateKeys.readAskingPassword(
                  signKey, () -> KeyPasswords.forReading(signKey.toString()));
      String target = scanned;
      Scanned result =
          scanInventory(
              gate,
              scanners,
              spec,
              origins.updates(scan, spec.commandLine().getErr()),
              origins.groupByOrigin(),
              (packages, secrets) -> {
                try (ImageSource image = ImageSources.open(target, scan.sourceOptions())) {
                  return scan.imageInventory(image, packages, secrets, attribution);
                }
              });
      ScanReport report = result.report();
      if (signingKey != null) {
        sign(signatures, digest, signingKey, report);
      }
      if (uploader != null) {
        upload(uploader, result);
      }
      return report.gate().exitCode();
    }

    /** Uploads the report {@code --format json} writes, and says what the server made of it. */
    private void upload(ReportUploader uploader, Scanned result) throws IOException {
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      ScanReportWriter.forFormat(ReportFormat.JSON).write(result.report(), result.tool(), json);
      ImageInfo image = result.report().inventory().image();
      String digest =
          image.manifestDigest() != null ? image.manifestDigest() : image.configDigest();
      if (digest == null) {
        throw new UploadException("the image has no digest to file its report under; not uploaded");
      }
      byte[] report = json.toByteArray();
      Uploaded uploaded;
      try {
        uploaded =
            uploader.upload(
                report,
                ReportUploader.idempotencyKey(digest, report),
                upload.repository,
                upload.tag);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UploadException("the upload was interrupted");
      }
      spec.commandLine()
          .getErr()
          .println(
              "portcullis: uploaded to "
                  + upload.server
                  + ": scan "
                  + uploaded.scan()
                  + (uploaded.repeated()
                      ? " (already recorded)"
                      : ", "
                          + uploaded.opened()
                          + " new findings, "
                          + uploaded.fixed()
                          + " fixed"));
    }

    private boolean requireValidSignature(
        RegistrySignatures signatures, Digest digest, VerificationKey key) throws IOException {
      boolean valid =
          signatures.verify(digest, key, Map.of()).stream()
              .anyMatch(RegistrySignatures.Checked::passed);
      if (!valid) {
        spec.commandLine()
            .getErr()
            .println(
                "portcullis: "
                    + signatures.dockerReference()
                    + "@"
                    + digest
                    + " has no valid signature by "
                    + key.fingerprint()
                    + "; not scanned (see 'portcullis verify')");
      }
      return valid;
    }

    private ImageReference registryImage() {
      if (!source.startsWith("registry:") && !source.startsWith("docker://")) {
        throw new UsageException(
            "--require-signature and --sign-key need a registry image (registry:HOST/REPO:TAG)");
      }
      return SignatureOptions.image(source);
    }

    /** Signs the scanned digest when the gate passed; says so either way. */
    private void sign(
        RegistrySignatures signatures, Digest digest, SigningKey key, ScanReport report)
        throws IOException {
      if (report.gate().failed()) {
        spec.commandLine().getErr().println("portcullis: not signed: the gate failed");
        return;
      }
      Map<String, String> claims = new LinkedHashMap<>();
      claims.put("dev.portcullis.scan/verdict", "passed");
      claims.put("dev.portcullis.scan/findings", String.valueOf(report.gate().reported().size()));
      claims.put("dev.portcullis.scan/secrets", String.valueOf(report.gate().secrets().size()));
      claims.put("dev.portcullis.scan/scanners", scanners.secrets() ? "vuln,secret" : "vuln");
      claims.put(
          "dev.portcullis.scan/db-updated",
          report.databaseUpdatedAt() == null ? "unknown" : report.databaseUpdatedAt().toString());
      claims.put(
          "dev.portcullis.scan/tool",
          ToolInfo.current().name() + " " + ToolInfo.current().version());
      RegistrySignatures.Signed signed = signatures.sign(digest, key, claims);
      spec.commandLine()
          .getErr()
          .println(
              "portcullis: signed "
                  + signatures.dockerReference()
                  + "@"
                  + digest
                  + " ("
                  + signed.tag()
                  + ")");
    }
  }

  @Command(
      name = "fs",
      mixinStandardHelpOptions = true,
      description = "Scan a directory (a project or an unpacked root filesystem).")
  static final class Filesystem implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "The directory.")
    Path directory;

    @Mixin GateOptions gate;
    @Mixin ScanOptions scan;
    @Mixin ScannerSelection scanners;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      return scanInventory(
              gate,
              scanners,
              spec,
              null,
              false,
              (packages, secrets) -> {
                try (ImageSource tree = LocalSources.projectDirectory(directory)) {
                  return scan.projectInventory(tree, packages, secrets);
                }
              })
          .report()
          .gate()
          .exitCode();
    }
  }

  @Command(
      name = "sbom",
      mixinStandardHelpOptions = true,
      description = "Scan an SBOM: CycloneDX JSON or SPDX 2 JSON, from Portcullis, Trivy or Syft.")
  static final class Sbom implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The SBOM.")
    Path file;

    @Mixin GateOptions gate;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      return scanInventory(
              gate, null, spec, null, false, (packages, secrets) -> SbomFiles.read(file))
          .report()
          .gate()
          .exitCode();
    }
  }

  /**
   * Options first (a usage error costs no work), then the scan service, then the report.
   *
   * @param scanners what to look for; null for vulnerabilities only (an SBOM holds no files)
   * @param baseImageUpdates finds the newer base image; null not to look
   * @param groupByOrigin the table's findings grouped by origin
   */
  private static Scanned scanInventory(
      GateOptions gate,
      ScannerSelection scanners,
      CommandSpec spec,
      BaseImageUpdates baseImageUpdates,
      boolean groupByOrigin,
      InventoryReader reader)
      throws IOException {
    Policy policy = gate.readPolicy();
    Gate decision = gate.gate(policy);
    ReportFormat format = gate.parsedFormat();
    boolean vulnerabilities = scanners == null || scanners.vulnerabilities();
    ScanRequest request =
        new ScanRequest(
            reader,
            vulnerabilities,
            scanners != null && scanners.secrets(),
            policy,
            decision,
            gate.database != null ? gate.database : VulnerabilityDatabase.defaultLocation(),
            gate.checkOsOwnedLibraries(policy),
            baseImageUpdates);
    boolean echoUnchecked = format != ReportFormat.TABLE || gate.output != null;
    ScanReport report =
        new ScanService(Clock.systemUTC(), gate.maxAge)
            .scan(request, new WarningsOnStderr(spec.commandLine().getErr(), echoUnchecked));
    ToolInfo tool = ToolInfo.current();
    ReportOutput.write(
        gate.output,
        spec.commandLine().getOut(),
        stream -> ScanReportWriter.forFormat(format, groupByOrigin).write(report, tool, stream));
    return new Scanned(report, tool);
  }

  /** A scan's report, and the tool as its written report names it. */
  private record Scanned(ScanReport report, ToolInfo tool) {}

  /** What the scan tells while it runs, as warnings on stderr. */
  private record WarningsOnStderr(PrintWriter err, boolean echoUnchecked) implements ScanListener {
    @Override
    public void databaseIsOld(Duration age) {
      err.println(
          "portcullis: warning: the vulnerability database is "
              + Ages.describe(age)
              + " old; run 'portcullis db update'");
    }

    /**
     * In the report for whoever reads it later; on stderr too for whoever runs the scan, unless the
     * report is the table on the same terminal, whose warnings section shows it.
     */
    @Override
    public void packagesUnchecked(String warning) {
      if (echoUnchecked) {
        err.println("portcullis: warning: " + warning);
      }
    }
  }
}
