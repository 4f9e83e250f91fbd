package dev.portcullis.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The tar that {@code docker save} and {@code skopeo copy … docker-archive:} write. */
final class DockerArchiveSource implements ImageSource {

  private static final Pattern HEX_NAMED =
      Pattern.compile("(?:.*/)?(?:sha256[:/])?([a-f0-9]{64})(?:\\.json)?");

  private final String name;
  private final TarArchiveIndex archive;
  private final String reference;
  private final Limits limits;

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ManifestEntry(
      @JsonProperty("Config") String config,
      @JsonProperty("RepoTags") List<String> repoTags,
      @JsonProperty("Layers") List<String> layers) {}

  DockerArchiveSource(Path path, String name, String reference, Limits limits) throws IOException {
    this.name = name;
    this.reference = reference;
    this.limits = limits;
    this.archive = new TarArchiveIndex(path, name);
  }

  @Override
  public String describe() {
    return name;
  }

  @Override
  public ResolvedImage resolve() throws IOException {
    if (!archive.contains("manifest.json")) {
      throw new InputException(
          name + ": no manifest.json; this is not a docker-archive (docker save) tar");
    }
    byte[] manifestBytes =
        Json.readBounded(
            archive.open("manifest.json", name),
            limits.maxMetadataBytes(),
            name + " manifest.json");
    ManifestEntry[] manifest =
        Json.parse(manifestBytes, ManifestEntry[].class, name + " manifest.json");
    ManifestEntry entry = choose(Arrays.asList(manifest));
    if (entry.config() == null || entry.layers() == null) {
      throw new InputException(name + ": manifest.json entry lacks Config or Layers");
    }
    byte[] configBytes =
        Json.readBounded(
            archive.open(entry.config(), name + " config"),
            limits.maxMetadataBytes(),
            name + " config");
    Digest configDigest = digestFromName(entry.config());
    if (configDigest != null) {
      ManifestResolver.verified(configBytes, configDigest, name + " config " + entry.config());
    }
    ImageConfig config = Json.parse(configBytes, ImageConfig.class, name + " config");
    List<Digest> diffIds =
        ManifestResolver.diffIds(config, entry.layers().size(), name + ": manifest.json");
    List<String> commands = config.layerCommands(diffIds.size());
    List<LayerRef> layers = new ArrayList<>();
    for (int i = 0; i < diffIds.size(); i++) {
      String member = TarPaths.normalize(entry.layers().get(i), name);
      Digest blob = member.startsWith("blobs/") ? digestFromName(member) : null;
      layers.add(new LayerRef(i, diffIds.get(i), blob, -1, member, commands.get(i)));
    }
    List<String> tags = entry.repoTags() == null ? List.of() : entry.repoTags();
    return new ResolvedImage(name, null, configDigest, tags, config, layers);
  }

  private ManifestEntry choose(List<ManifestEntry> entries) throws InputException {
    if (entries.isEmpty()) {
      throw new InputException(name + ": manifest.json lists no images");
    }
    if (reference == null) {
      if (entries.size() > 1) {
        throw new InputException(
            name
                + ": holds "
                + entries.size()
                + " images; name one as docker-archive:PATH:REPO:TAG or :@INDEX");
      }
      return entries.get(0);
    }
    if (reference.startsWith("@")) {
      try {
        return entries.get(Integer.parseInt(reference.substring(1)));
      } catch (NumberFormatException | IndexOutOfBoundsException e) {
        throw new InputException(name + ": no image at index " + reference);
      }
    }
    return entries.stream()
        .filter(
            e ->
                e.repoTags() != null
                    && (e.repoTags().contains(reference)
                        || e.repoTags().contains("docker.io/" + reference)))
        .findFirst()
        .orElseThrow(() -> new InputException(name + ": no image tagged '" + reference + "'"));
  }

  private static Digest digestFromName(String member) {
    Matcher m = HEX_NAMED.matcher(member);
    return m.matches() ? new Digest("sha256", m.group(1)) : null;
  }

  @Override
  public void walkLayer(LayerRef layer, Limits walkLimits, EntryVisitor visitor)
      throws IOException {
    new TarLayerWalker(name, walkLimits)
        .walk(archive.locate(layer.location(), layer.describe()), layer, visitor);
  }

  @Override
  public Optional<LocalBlob> localBlob(LayerRef layer) throws IOException {
    return Optional.of(archive.locate(layer.location(), layer.describe()));
  }

  @Override
  public void verifyLayer(LayerRef layer, Limits walkLimits) throws IOException {
    new TarLayerWalker(name, walkLimits)
        .verify(archive.locate(layer.location(), layer.describe()), layer);
  }

  @Override
  public void close() throws IOException {
    archive.close();
  }
}
