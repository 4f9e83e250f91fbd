package dev.portcullis.misconfig.dockerfile;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * PC-DF-102: COPY or ADD of files that hold secrets: {@code .env}, SSH and TLS private keys,
 * registry and cloud credentials, key stores.
 */
final class SecretFileCheck implements Check {

  private static final Set<String> NAMES =
      Set.of(
          ".env",
          "id_rsa",
          "id_dsa",
          "id_ecdsa",
          "id_ed25519",
          ".npmrc",
          ".pypirc",
          ".netrc",
          ".git-credentials",
          "credentials",
          "credentials.json",
          ".dockercfg",
          "kubeconfig",
          ".htpasswd",
          "secrets.json",
          "secrets.yaml",
          "secrets.yml",
          "service-account.json");
  private static final Set<String> DIRECTORIES =
      Set.of(".ssh", ".aws", ".gnupg", ".docker", ".kube");
  private static final Pattern KEY_FILE =
      Pattern.compile(
          "(?i).*\\.(key|p12|pfx|jks|keystore|ppk)|(?i).*(private|priv|secret).*\\.pem");
  private static final Set<String> HARMLESS_SUFFIXES =
      Set.of(".example", ".sample", ".template", ".dist", ".defaults");

  @Override
  public void check(LintContext context, Findings findings) {
    char escape = context.file().escape();
    for (Stage stage : context.stages()) {
      for (Instruction instruction : stage.instructions()) {
        if (!(instruction.is("COPY") || instruction.is("ADD"))
            || !instruction.heredocs().isEmpty()) {
          continue;
        }
        for (String source : CopyArguments.of(instruction, escape).sources()) {
          String secret = secret(source);
          if (secret != null) {
            findings.add(
                Rules.SECRET_FILE,
                stage,
                instruction,
                instruction.keyword()
                    + " "
                    + source
                    + ": "
                    + secret
                    + " ends up in a layer, readable by anyone with the image");
            break;
          }
        }
      }
    }
  }

  /** What kind of secret the path names, or null. */
  static String secret(String source) {
    String path = source.toLowerCase(Locale.ROOT);
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String[] parts = path.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      if (DIRECTORIES.contains(parts[i])) {
        return "a file of " + parts[i];
      }
    }
    String name = parts[parts.length - 1];
    if (DIRECTORIES.contains(name)) {
      return "the directory " + name;
    }
    for (String suffix : HARMLESS_SUFFIXES) {
      if (name.endsWith(suffix)) {
        return null;
      }
    }
    if (NAMES.contains(name) || name.startsWith(".env.") || name.endsWith(".env")) {
      return name.contains("env") ? "an environment file with secrets" : "a credentials file";
    }
    if (KEY_FILE.matcher(name).matches()) {
      return "a private key or key store";
    }
    return null;
  }
}
