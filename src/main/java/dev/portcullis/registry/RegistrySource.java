package dev.portcullis.registry;

import dev.portcullis.image.Descriptor;
import dev.portcullis.image.Digest;
import dev.portcullis.image.EntryVisitor;
import dev.portcullis.image.ImageSource;
import dev.portcullis.image.InputException;
import dev.portcullis.image.Json;
import dev.portcullis.image.LayerRef;
import dev.portcullis.image.Limits;
import dev.portcullis.image.ManifestResolver;
import dev.portcullis.image.Platform;
import dev.portcullis.image.ResolvedImage;
import dev.portcullis.image.TarLayerWalker;
import java.io.IOException;
import java.util.List;

/** An image pulled over the OCI distribution API, layer by layer, never stored whole. */
public final class RegistrySource implements ImageSource {

  private final RegistryClient client;
  private final Platform platform;
  private final Limits limits;

  public RegistrySource(RegistryClient client, Platform platform, Limits limits) {
    this.client = client;
    this.platform = platform;
    this.limits = limits;
  }

  @Override
  public String describe() {
    return "registry:" + client.reference();
  }

  @Override
  public ResolvedImage resolve() throws IOException {
    ImageReference reference = client.reference();
    ManifestPuller.Pulled top =
        client.call(
            new ManifestPuller(
                reference, reference.manifestReference(), limits.maxMetadataBytes()));
    Digest digest = topDigest(top);
    ManifestResolver resolver = new ManifestResolver(describe(), platform, this::fetch);
    List<String> tags =
        reference.tag() == null
            ? List.of()
            : List.of(reference.registry() + "/" + reference.repository() + ":" + reference.tag());
    return resolver.resolve(top.bytes(), digest, tags);
  }

  /**
   * The digest the manifest must have: the one asked for, else the one the registry claims; checked
   * either way.
   */
  private Digest topDigest(ManifestPuller.Pulled top) throws InputException {
    Digest actual = Digest.sha256Of(top.bytes());
    Digest asked = client.reference().digest();
    if (asked != null) {
      ManifestResolver.verified(top.bytes(), asked, describe() + " manifest");
      return asked;
    }
    if (top.contentDigest() != null) {
      Digest claimed;
      try {
        claimed = Digest.parse(top.contentDigest());
      } catch (IllegalArgumentException e) {
        throw new InputException(
            describe()
                + ": the registry sent a malformed Docker-Content-Digest: "
                + top.contentDigest());
      }
      ManifestResolver.verified(top.bytes(), claimed, describe() + " manifest");
    }
    return actual;
  }

  private byte[] fetch(Descriptor descriptor, String what) throws IOException {
    Digest digest = descriptor.parsedDigest(what);
    byte[] bytes;
    if (descriptor.mediaType() != null
        && (descriptor.mediaType().contains("manifest")
            || descriptor.mediaType().contains("index"))) {
      bytes =
          client
              .call(
                  new ManifestPuller(
                      client.reference(), digest.toString(), limits.maxMetadataBytes()))
              .bytes();
    } else {
      long limit = limits.maxMetadataBytes();
      bytes =
          Json.readBounded(
              client.call(
                  new BlobPuller(client.reference(), digest, Math.min(limit, descriptor.size()))),
              limit,
              what);
    }
    return ManifestResolver.verified(bytes, digest, what);
  }

  @Override
  public void walkLayer(LayerRef layer, Limits walkLimits, EntryVisitor visitor)
      throws IOException {
    new TarLayerWalker(describe(), walkLimits)
        .walk(
            client.call(
                new BlobPuller(client.reference(), layer.blobDigest(), layer.compressedSize())),
            layer,
            visitor);
  }
}
