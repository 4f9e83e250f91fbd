/**
 * TLS for {@code portcullis serve}: a PEM certificate chain and private key (and optionally a CA
 * bundle for client certificates) read into in-memory key stores, a Jetty HTTPS connector built
 * from them, and reloading when the files change.
 *
 * <p>It lives under {@code server/} rather than beside {@code signing/}: it serves only the
 * server's listener and takes any key TLS accepts (RSA, EC, Ed25519), where signing reads only
 * ECDSA P-256 keys for image signatures.
 */
package dev.portcullis.server.tls;
