package dev.portcullis.server.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A checked certificate chain and key in an in-memory PKCS#12 key store, the optional client CA
 * trust store, and the warnings (expiry, chain order) that do not stop the server.
 */
record TlsMaterial(
    KeyStore keyStore,
    String keyStorePassword,
    Optional<KeyStore> clientTrust,
    List<X509Certificate> chain,
    List<String> warnings) {

  static final String KEY_ALIAS = "server";

  static TlsMaterial load(PemFiles files, Optional<char[]> keyPassword, Instant now)
      throws TlsFileException {
    List<X509Certificate> inFile = PemCertificates.read(files.certificateChain());
    PrivateKey key = PemPrivateKeys.read(files.privateKey(), keyPassword);
    KeyMatch.require(key, inFile, files);
    List<String> warnings = new ArrayList<>();
    Validity.warn(inFile, "certificate", now, warnings);
    List<X509Certificate> chain = ChainOrder.arrange(inFile, files.certificateChain(), warnings);
    Optional<KeyStore> clientTrust = Optional.empty();
    if (files.clientCa().isPresent()) {
      List<X509Certificate> authorities = PemCertificates.read(files.clientCa().get());
      Validity.warn(authorities, "client CA", now, warnings);
      clientTrust = Optional.of(trustStore(authorities));
    }
    // The store never leaves memory; the password only satisfies the KeyStore API.
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    String password = HexFormat.of().formatHex(random);
    return new TlsMaterial(
        keyStore(key, chain, password), password, clientTrust, chain, List.copyOf(warnings));
  }

  X509Certificate certificate() {
    return chain.get(0);
  }

  private static KeyStore keyStore(PrivateKey key, List<X509Certificate> chain, String password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          KEY_ALIAS, key, password.toCharArray(), chain.toArray(new X509Certificate[0]));
      return store;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("the JDK cannot build an in-memory PKCS#12 key store", e);
    }
  }

  private static KeyStore trustStore(List<X509Certificate> authorities) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < authorities.size(); i++) {
        store.setCertificateEntry("client-ca-" + (i + 1), authorities.get(i));
      }
      return store;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("the JDK cannot build an in-memory PKCS#12 trust store", e);
    }
  }
}
