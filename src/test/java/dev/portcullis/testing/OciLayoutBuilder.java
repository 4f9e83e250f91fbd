package dev.portcullis.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes small OCI image layouts from layers described in code: the clearest way to show one
 * layering rule, or to build one kind of broken image. Real images come from {@link TestImages}.
 */
public final class OciLayoutBuilder {

  /** How a layer blob is compressed. */
  public enum Compression {
    NONE,
    GZIP,
    ZSTD
  }

  /** One tar entry of a layer. */
  public record Entry(String name, byte type, byte[] content, String link, int mode) {
    public static Entry file(String name, String content) {
      return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public static Entry file(String name, byte[] content) {
      return new Entry(name, TarConstants.LF_NORMAL, content, null, 0644);
    }

    /** A file with execute bits (0755), as programs are installed. */
    public static Entry executable(String name, byte[] content) {
      return new Entry(name, TarConstants.LF_NORMAL, content, null, 0755);
    }

    public static Entry directory(String name) {
      return new Entry(name, TarConstants.LF_DIR, new byte[0], null, 0755);
    }

    public static Entry symlink(String name, String target) {
      return new Entry(name, TarConstants.LF_SYMLINK, new byte[0], target, 0777);
    }

    public static Entry hardlink(String name, String target) {
      return new Entry(name, TarConstants.LF_LINK, new byte[0], target, 0644);
    }
  }

  /** A layer as it was written, for tests that break it on purpose. */
  public record WrittenLayer(String blobDigest, String diffId, Path blob) {}

  private final ObjectMapper mapper = new ObjectMapper();
  private final List<byte[]> layerTars = new ArrayList<>();
  private final List<String> commands = new ArrayList<>();
  private Compression compression = Compression.GZIP;
  private final List<String> environment = new ArrayList<>();
  private final List<String> emptyLayerCommands = new ArrayList<>();

  /** History entries that made no layer, by the number of layers below them. */
  private final List<Map.Entry<Integer, String>> historyBetween = new ArrayList<>();

  private final Map<String, String> annotations = new LinkedHashMap<>();
  private final Map<String, String> labels = new LinkedHashMap<>();

  /** An annotation of the image manifest. */
  public OciLayoutBuilder annotation(String key, String value) {
    annotations.put(key, value);
    return this;
  }

  /** A label of the image config. */
  public OciLayoutBuilder label(String key, String value) {
    labels.put(key, value);
    return this;
  }

  /**
   * A history entry that made no layer (a base image's {@code CMD}), recorded here: above the
   * layers added so far, below those added next.
   */
  public OciLayoutBuilder emptyLayerHere(String createdBy) {
    historyBetween.add(Map.entry(layerTars.size(), createdBy));
    return this;
  }

  /** Container environment entries ({@code NAME=value}) of the image config. */
  public OciLayoutBuilder env(String... entries) {
    environment.addAll(List.of(entries));
    return this;
  }

  /** A history entry that made no layer (ENV, ARG, LABEL), recorded after the layers. */
  public OciLayoutBuilder emptyLayer(String createdBy) {
    emptyLayerCommands.add(createdBy);
    return this;
  }

  public OciLayoutBuilder compression(Compression value) {
    this.compression = value;
    return this;
  }

  public OciLayoutBuilder layer(String createdBy, Entry... entries) throws IOException {
    layerTars.add(tar(List.of(entries)));
    commands.add(createdBy);
    return this;
  }

  /** Adds a layer whose tar bytes are given as they are. */
  public OciLayoutBuilder rawLayer(String createdBy, byte[] tarBytes) {
    layerTars.add(tarBytes);
    commands.add(createdBy);
    return this;
  }

  /** Writes the layout and returns its layers in order. */
  public List<WrittenLayer> writeTo(Path dir, String tag) throws IOException {
    Files.createDirectories(dir.resolve("blobs/sha256"));
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    List<WrittenLayer> written = new ArrayList<>();
    ObjectNode config = mapper.createObjectNode();
    config.put("architecture", "amd64");
    config.put("os", "linux");
    ArrayNode diffIds = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
    ArrayNode history = config.putArray("history");
    ObjectNode manifest = mapper.createObjectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    ArrayNode layers = manifest.putArray("layers");
    for (int i = 0; i < layerTars.size(); i++) {
      int below = i;
      historyBetween.stream()
          .filter(e -> e.getKey() == below)
          .forEach(
              e -> history.addObject().put("created_by", e.getValue()).put("empty_layer", true));
      byte[] tar = layerTars.get(i);
      byte[] blob = compress(tar);
      String blobDigest = writeBlob(dir, blob);
      String diffId = "sha256:" + sha256(tar);
      diffIds.add(diffId);
      history.addObject().put("created_by", commands.get(i));
      ObjectNode descriptor = layers.addObject();
      descriptor.put("mediaType", "application/vnd.oci.image.layer.v1.tar" + suffix());
      descriptor.put("digest", blobDigest);
      descriptor.put("size", blob.length);
      written.add(new WrittenLayer(blobDigest, diffId, blobPath(dir, blobDigest)));
    }
    historyBetween.stream()
        .filter(e -> e.getKey() == layerTars.size())
        .forEach(e -> history.addObject().put("created_by", e.getValue()).put("empty_layer", true));
    emptyLayerCommands.forEach(
        command -> history.addObject().put("created_by", command).put("empty_layer", true));
    if (!environment.isEmpty() || !labels.isEmpty()) {
      ObjectNode runtime = config.putObject("config");
      if (!environment.isEmpty()) {
        ArrayNode env = runtime.putArray("Env");
        environment.forEach(env::add);
      }
      if (!labels.isEmpty()) {
        ObjectNode labelNode = runtime.putObject("Labels");
        labels.forEach(labelNode::put);
      }
    }
    if (!annotations.isEmpty()) {
      ObjectNode annotationNode = manifest.putObject("annotations");
      annotations.forEach(annotationNode::put);
    }
    byte[] configBytes = mapper.writeValueAsBytes(config);
    ObjectNode configDescriptor = manifest.putObject("config");
    configDescriptor.put("mediaType", "application/vnd.oci.image.config.v1+json");
    configDescriptor.put("digest", writeBlob(dir, configBytes));
    configDescriptor.put("size", configBytes.length);
    byte[] manifestBytes = mapper.writeValueAsBytes(manifest);
    ObjectNode index = mapper.createObjectNode();
    index.put("schemaVersion", 2);
    ObjectNode entry = index.putArray("manifests").addObject();
    entry.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    entry.put("digest", writeBlob(dir, manifestBytes));
    entry.put("size", manifestBytes.length);
    entry.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
    Files.write(dir.resolve("index.json"), mapper.writeValueAsBytes(index));
    return written;
  }

  public static Path blobPath(Path dir, String digest) {
    return dir.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
  }

  private String suffix() {
    return switch (compression) {
      case NONE -> "";
      case GZIP -> "+gzip";
      case ZSTD -> "+zstd";
    };
  }

  private byte[] compress(byte[] tar) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream compressed =
        switch (compression) {
          case NONE -> out;
          case GZIP -> new GZIPOutputStream(out);
          case ZSTD -> new ZstdOutputStream(out);
        }) {
      compressed.write(tar);
    }
    return out.toByteArray();
  }

  public static byte[] tar(List<Entry> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Entry e : entries) {
        TarArchiveEntry entry = new TarArchiveEntry(e.name(), e.type(), true);
        if (e.link() != null) {
          entry.setLinkName(e.link());
        }
        entry.setSize(e.type() == TarConstants.LF_NORMAL ? e.content().length : 0);
        entry.setMode((entry.getMode() & ~07777) | e.mode());
        tar.putArchiveEntry(entry);
        if (e.type() == TarConstants.LF_NORMAL) {
          tar.write(e.content());
        }
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  private static String writeBlob(Path dir, byte[] bytes) throws IOException {
    String digest = "sha256:" + sha256(bytes);
    Files.write(blobPath(dir, digest), bytes);
    return digest;
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
