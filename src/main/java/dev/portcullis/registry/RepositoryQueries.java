package dev.portcullis.registry;

import dev.portcullis.image.Digest;
import dev.portcullis.image.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the base-image checks ask of a repository: its tags, and the digest a tag points at now. */
public final class RepositoryQueries {

  /** Pages followed at most: 100,000 tags, more than any real repository holds. */
  private static final int MAX_PAGES = 100;

  private static final long MAX_MANIFEST_BYTES = 8L * 1024 * 1024;

  private final RegistryClient client;
  private final int pageSize;

  public RepositoryQueries(RegistryClient client) {
    this(client, TagPage.PAGE_SIZE);
  }

  /** With smaller pages, to see pagination work against a registry with few tags. */
  RepositoryQueries(RegistryClient client, int pageSize) {
    this.client = client;
    this.pageSize = pageSize;
  }

  /** Every tag of the repository, following the registry's pagination. */
  public List<String> tags() throws IOException {
    Set<String> tags = new LinkedHashSet<>();
    String route = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      TagPage.Page answer = client.call(new TagPage(client.reference(), route, pageSize));
      tags.addAll(answer.tags());
      if (answer.nextRoute() == null) {
        return new ArrayList<>(tags);
      }
      if (answer.nextRoute().equals(route)) {
        throw new InputException(
            "list tags of " + client.reference() + ": the registry links a page to itself");
      }
      route = answer.nextRoute();
    }
    throw new InputException(
        "list tags of "
            + client.reference()
            + ": more than "
            + MAX_PAGES
            + " pages of tags; refusing to read on");
  }

  /** A manifest by tag or digest, with its media type; empty when the registry has none. */
  public Optional<Manifest> manifestIfPresent(String reference) throws IOException {
    ManifestPuller.Pulled pulled =
        client.call(new ManifestPuller(client.reference(), reference, MAX_MANIFEST_BYTES, true));
    if (pulled == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Manifest(pulled.bytes(), pulled.mediaType(), Digest.sha256Of(pulled.bytes())));
  }

  /** A manifest as the registry serves it. */
  public record Manifest(byte[] bytes, String mediaType, Digest digest) {}

  /** A small blob (a signature payload), read whole and checked against its digest. */
  public byte[] blob(Digest digest, long maxBytes) throws IOException {
    String action = "pull blob " + digest + " of " + client.reference();
    try (InputStream in = client.call(new BlobPuller(client.reference(), digest, maxBytes))) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw new InputException(action + ": larger than " + maxBytes + " bytes");
      }
      if (!Digest.sha256Of(bytes).equals(digest)) {
        throw new InputException(action + ": the content does not match its digest");
      }
      return bytes;
    }
  }

  /**
   * The digest of the manifest or index a tag (or digest) names, as the registry serves it now:
   * what a pinned {@code tag@sha256:…} must equal for the tag not to have moved. Asked with HEAD,
   * as Renovate and crane ask (Docker Hub does not count it as a pull); a registry that answers
   * HEAD without a digest is asked for the manifest itself, which is then hashed.
   */
  public Digest manifestDigest(String reference) throws IOException {
    String said = client.call(new ManifestHead(client.reference(), reference));
    if (said != null) {
      try {
        return Digest.parse(said);
      } catch (IllegalArgumentException e) {
        // A malformed header: fall back to the manifest itself.
      }
    }
    ManifestPuller.Pulled pulled =
        client.call(new ManifestPuller(client.reference(), reference, MAX_MANIFEST_BYTES));
    Digest digest = Digest.sha256Of(pulled.bytes());
    if (pulled.contentDigest() != null && !pulled.contentDigest().equals(digest.toString())) {
      throw new InputException(
          "pull manifest "
              + reference
              + " of "
              + client.reference()
              + ": the registry says its digest is "
              + pulled.contentDigest()
              + " but the bytes hash to "
              + digest);
    }
    return digest;
  }
}
