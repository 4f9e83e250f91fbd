package dev.portcullis.cli;

import dev.portcullis.image.Digest;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.signing.PrivateKeys;
import dev.portcullis.signing.SigningKey;
import dev.portcullis.signing.oci.RegistrySignatures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code portcullis sign --key KEY IMAGE}: a cosign signature of the image's digest. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Sign an image in its registry as cosign does: the simple-signing payload of its digest,"
          + " signed with an ECDSA P-256 key and pushed as a layer of the manifest tagged"
          + " sha256-<digest>.sig; earlier signatures are kept.",
      "",
      "The key's password comes from PORTCULLIS_KEY_PASSWORD or COSIGN_PASSWORD, else it is"
          + " asked for."
    })
final class SignCommand implements Callable<Integer> {

  @Parameters(paramLabel = "IMAGE", description = "registry:HOST/REPO:TAG or …@sha256:DIGEST")
  String image;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "FILE",
      description =
          "The private key: PKCS#8 (encrypted or not), SEC1 EC, or cosign's encrypted key.")
  Path key;

  @Option(
      names = {"-a", "--annotation"},
      paramLabel = "KEY=VALUE",
      description = "An optional claim of the payload (repeatable).")
  List<String> annotations = List.of();

  @Mixin ScanOptions registry;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    ImageReference reference = SignatureOptions.image(image);
    var claims = SignatureOptions.annotations(annotations);
    SigningKey signingKey =
        PrivateKeys.readAskingPassword(key, () -> KeyPasswords.forReading(key.toString()));
    RegistrySignatures signatures =
        new RegistrySignatures(SignatureOptions.client(reference, registry));
    Digest digest = signatures.resolve();
    RegistrySignatures.Signed signed = signatures.sign(digest, signingKey, claims);
    spec.commandLine()
        .getOut()
        .println(
            (signed.added() ? "Signed " : "Already signed by this key: ")
                + signatures.dockerReference()
                + "@"
                + digest
                + " ("
                + signed.tag()
                + ", "
                + signed.signatures()
                + " signature(s))");
    return 0;
  }
}
