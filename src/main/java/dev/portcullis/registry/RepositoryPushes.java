package dev.portcullis.registry;

import dev.portcullis.image.Digest;
import java.io.IOException;

/** What signing writes to a repository: blobs, then a manifest that names them. */
public final class RepositoryPushes {

  private final RegistryClient client;

  public RepositoryPushes(RegistryClient client) {
    this.client = client;
  }

  /** Uploads a blob unless the repository has it already; answers its digest. */
  public Digest blob(byte[] content) throws IOException {
    Digest digest = Digest.sha256Of(content);
    if (!client.call(new BlobCheck(client.reference(), digest))) {
      String location = client.call(new UploadStart(client.reference()));
      client.call(new UploadFinish(client.reference(), location, digest, content));
    }
    return digest;
  }

  /** Stores a manifest under a tag; its blobs must be pushed first. */
  public void manifest(String tag, byte[] manifest, String mediaType) throws IOException {
    client.call(new ManifestPush(client.reference(), tag, manifest, mediaType));
  }
}
