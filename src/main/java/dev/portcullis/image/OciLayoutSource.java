package dev.portcullis.image;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An OCI image layout, as a directory ({@code oci:DIR[:TAG]}) or a tar ({@code
 * oci-archive:PATH[:TAG]}).
 */
final class OciLayoutSource implements ImageSource {

  private final String name;
  private final BlobStore blobs;
  private final IndexReader indexReader;
  private final String tag;
  private final Platform platform;
  private final Limits limits;

  /** Reads {@code index.json} from wherever the layout keeps it. */
  @FunctionalInterface
  interface IndexReader {
    byte[] read() throws IOException;
  }

  OciLayoutSource(
      String name,
      BlobStore blobs,
      IndexReader indexReader,
      String tag,
      Platform platform,
      Limits limits) {
    this.name = name;
    this.blobs = blobs;
    this.indexReader = indexReader;
    this.tag = tag;
    this.platform = platform;
    this.limits = limits;
  }

  @Override
  public String describe() {
    return name;
  }

  @Override
  public ResolvedImage resolve() throws IOException {
    ManifestDocument index =
        Json.parse(indexReader.read(), ManifestDocument.class, name + " index.json");
    if (index.manifests() == null || index.manifests().isEmpty()) {
      throw new InputException(name + ": index.json lists no images");
    }
    Descriptor chosen = chooseByTag(index.manifests());
    ManifestResolver resolver = new ManifestResolver(name, platform, this::fetchVerified);
    Digest digest = chosen.parsedDigest(name + " index.json");
    byte[] top = fetchVerified(chosen, name + " manifest " + digest);
    List<String> tags = chosen.refName() == null ? List.of() : List.of(chosen.refName());
    return resolver.resolve(top, digest, tags);
  }

  private Descriptor chooseByTag(List<Descriptor> manifests) throws InputException {
    if (tag != null) {
      return manifests.stream()
          .filter(d -> tag.equals(d.refName()))
          .findFirst()
          .orElseThrow(
              () ->
                  new InputException(
                      name + ": no image tagged '" + tag + "' (tags: " + tags(manifests) + ")"));
    }
    if (manifests.size() == 1) {
      return manifests.get(0);
    }
    throw new InputException(
        name
            + ": holds "
            + manifests.size()
            + " images; name one as "
            + name
            + ":TAG (tags: "
            + tags(manifests)
            + ")");
  }

  private static String tags(List<Descriptor> manifests) {
    String tags =
        manifests.stream()
            .map(Descriptor::refName)
            .filter(t -> t != null)
            .collect(Collectors.joining(", "));
    return tags.isEmpty() ? "none" : tags;
  }

  private byte[] fetchVerified(Descriptor descriptor, String what) throws IOException {
    Digest digest = descriptor.parsedDigest(what);
    byte[] bytes = Json.readBounded(blobs.open(digest, what), limits.maxMetadataBytes(), what);
    return ManifestResolver.verified(bytes, digest, what);
  }

  @Override
  public void walkLayer(LayerRef layer, Limits walkLimits, EntryVisitor visitor)
      throws IOException {
    new TarLayerWalker(name, walkLimits)
        .walk(blobs.locate(layer.blobDigest(), layer.describe()), layer, visitor);
  }

  @Override
  public Optional<LocalBlob> localBlob(LayerRef layer) throws IOException {
    return Optional.of(blobs.locate(layer.blobDigest(), layer.describe()));
  }

  @Override
  public void verifyLayer(LayerRef layer, Limits walkLimits) throws IOException {
    new TarLayerWalker(name, walkLimits)
        .verify(blobs.locate(layer.blobDigest(), layer.describe()), layer);
  }

  @Override
  public void close() throws IOException {
    if (blobs instanceof Closeable closeable) {
      closeable.close();
    }
  }
}
