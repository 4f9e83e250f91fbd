package dev.portcullis.cli;

import dev.portcullis.signing.KeyPairFiles;
import dev.portcullis.signing.VerificationKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code portcullis key generate}: a key pair for signing images, as cosign makes one. */
@Command(
    name = "key",
    description = "Make keys for signing images.",
    mixinStandardHelpOptions = true)
final class KeyCommand {

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = {
        "Write an ECDSA P-256 key pair: PREFIX.key (PKCS#8, encrypted with a password from"
            + " PORTCULLIS_KEY_PASSWORD or COSIGN_PASSWORD, else asked for) and PREFIX.pub (PKIX)."
      })
  static final class Generate implements Callable<Integer> {

    @Option(
        names = "--output-key-prefix",
        paramLabel = "PREFIX",
        defaultValue = "cosign",
        description = "File name prefix, as cosign's (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(
        names = "--no-password",
        description = "Write the private key unencrypted (for secret stores that encrypt it).")
    boolean noPassword;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      Path privateKey = Path.of(prefix + ".key");
      Path publicKey = Path.of(prefix + ".pub");
      VerificationKey written =
          noPassword
              ? KeyPairFiles.generateUnencrypted(privateKey, publicKey)
              : KeyPairFiles.generate(privateKey, publicKey, KeyPasswords.forNewKey());
      spec.commandLine()
          .getOut()
          .println(
              "Private key written to "
                  + privateKey
                  + ", public key to "
                  + publicKey
                  + " ("
                  + written.fingerprint()
                  + ")");
      return 0;
    }
  }
}
