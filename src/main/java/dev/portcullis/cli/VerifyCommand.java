package dev.portcullis.cli;

import dev.portcullis.image.Digest;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.report.ReportFormat;
import dev.portcullis.report.SignatureReportWriter;
import dev.portcullis.signing.PublicKeys;
import dev.portcullis.signing.VerificationKey;
import dev.portcullis.signing.oci.RegistrySignatures;
import dev.portcullis.signing.oci.SignatureReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code portcullis verify --key PUB IMAGE}: passes only on a valid signature of this image. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify an image's cosign signatures with a public key: each signature over its payload,"
          + " the payload naming this image's digest and carrying the annotations asked for.",
      "",
      "Exit code: 0 when at least one signature passes, 1 when none does (or there is none), 2"
          + " on a usage or registry error."
    })
final class VerifyCommand implements Callable<Integer> {

  @Parameters(paramLabel = "IMAGE", description = "registry:HOST/REPO:TAG or …@sha256:DIGEST")
  String image;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "FILE",
      description = "The public key (PKIX PEM, as cosign.pub).")
  Path key;

  @Option(
      names = {"-a", "--annotation"},
      paramLabel = "KEY=VALUE",
      description = "A claim the payload must carry (repeatable).")
  List<String> annotations = List.of();

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the report to FILE.")
  Path output;

  @Mixin ScanOptions registry;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    SignatureReportWriter writer = writer();
    ImageReference reference = SignatureOptions.image(image);
    Map<String, String> required = SignatureOptions.annotations(annotations);
    VerificationKey verificationKey = PublicKeys.read(key);
    SignatureReport report = verify(reference, verificationKey, required, registry);
    ReportOutput.write(output, spec.commandLine().getOut(), stream -> writer.write(report, stream));
    return report.passed() ? 0 : ExitCodes.CHECK_FAILED;
  }

  /** The verdict on an image's signatures. */
  private static SignatureReport verify(
      ImageReference reference,
      VerificationKey key,
      Map<String, String> required,
      ScanOptions registry)
      throws IOException {
    RegistrySignatures signatures =
        new RegistrySignatures(SignatureOptions.client(reference, registry));
    Digest digest = signatures.resolve();
    return new SignatureReport(
        signatures.dockerReference(),
        digest,
        key.fingerprint(),
        signatures.verify(digest, key, required));
  }

  private SignatureReportWriter writer() {
    try {
      return SignatureReportWriter.forFormat(ReportFormat.parse(format));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
