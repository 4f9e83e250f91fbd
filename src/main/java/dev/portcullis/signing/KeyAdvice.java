package dev.portcullis.signing;

/** The closing sentences of key errors: what the user can do. */
final class KeyAdvice {

  static final String NEED_P256 =
      "signing uses ECDSA P-256 keys as cosign makes them: create one with `portcullis key"
          + " generate` or `openssl ecparam -name prime256v1 -genkey -noout`";

  static final String CHECK_PASSWORD =
      "check the password (and its encoding), or that the file is the key you meant";

  private KeyAdvice() {}
}
