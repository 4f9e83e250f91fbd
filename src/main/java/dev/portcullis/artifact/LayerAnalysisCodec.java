package dev.portcullis.artifact;

import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.image.FileNode;
import dev.portcullis.image.LayerEntry.EntryType;
import dev.portcullis.inventory.LayerInfo;
import dev.portcullis.inventory.OsRelease;
import dev.portcullis.inventory.Package;
import dev.portcullis.secret.SecretMatch;
import dev.portcullis.vulndb.Severity;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layer cache's on-disk form of a {@link LayerAnalysis}: a compact binary encoding, because a
 * warm scan's time is mostly spent reading it back. Every count and length is bounds-checked, so a
 * damaged entry fails to decode instead of exhausting memory.
 */
final class LayerAnalysisCodec {

  private static final int MAGIC = 0x50434c41; // "PCLA"
  private static final int VERSION = 4;
  private static final int MAX_STRING_BYTES = 1 << 24;
  private static final int MAX_COUNT = 1 << 24;
  private static final EntryType[] ENTRY_TYPES = EntryType.values();
  private static final Severity[] SEVERITIES = Severity.values();

  private LayerAnalysisCodec() {}

  static void write(LayerAnalysis analysis, DataOutputStream out) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    writeString(out, analysis.diffId());
    writeStrings(out, analysis.whiteouts());
    writeStrings(out, analysis.opaqueDirectories());
    out.writeInt(analysis.files().size());
    for (FileNode node : analysis.files()) {
      writeString(out, node.path());
      out.writeByte(node.type().ordinal());
      out.writeLong(node.size());
      out.writeInt(node.mode());
      writeString(out, node.linkTarget());
      out.writeInt(node.layer());
    }
    out.writeInt(analysis.results().size());
    for (AnalysisResult result : analysis.results()) {
      writeResult(out, result);
    }
    writeStrings(out, analysis.warnings());
  }

  static LayerAnalysis read(Input in) throws IOException {
    if (in.readInt() != MAGIC || in.readInt() != VERSION) {
      throw new IOException("not a layer analysis of this version");
    }
    String diffId = readString(in);
    List<String> whiteouts = readStrings(in);
    List<String> opaque = readStrings(in);
    int fileCount = readCount(in);
    List<FileNode> files = new ArrayList<>(fileCount);
    for (int i = 0; i < fileCount; i++) {
      String path = readString(in);
      int type = in.readUnsignedByte();
      if (type >= ENTRY_TYPES.length) {
        throw new IOException("unknown entry type " + type);
      }
      files.add(
          new FileNode(
              path, ENTRY_TYPES[type], in.readLong(), in.readInt(), readString(in), in.readInt()));
    }
    int resultCount = readCount(in);
    List<AnalysisResult> results = new ArrayList<>(resultCount);
    for (int i = 0; i < resultCount; i++) {
      results.add(readResult(in));
    }
    return new LayerAnalysis(diffId, whiteouts, opaque, files, results, readStrings(in));
  }

  private static void writeResult(DataOutputStream out, AnalysisResult result) throws IOException {
    writeString(out, result.analyzer());
    writeString(out, result.path());
    OsRelease os = result.os();
    out.writeBoolean(os != null);
    if (os != null) {
      writeString(out, os.family());
      writeString(out, os.version());
      writeString(out, os.prettyName());
      writeString(out, os.foundIn());
    }
    out.writeInt(result.packages().size());
    for (Package pkg : result.packages()) {
      writePackage(out, pkg);
    }
    out.writeInt(result.packageFiles().size());
    for (Map.Entry<String, List<String>> entry : result.packageFiles().entrySet()) {
      writeString(out, entry.getKey());
      writeStrings(out, entry.getValue());
    }
    writeStrings(out, result.warnings());
    out.writeInt(result.secrets().size());
    for (SecretMatch secret : result.secrets()) {
      writeString(out, secret.ruleId());
      writeString(out, secret.category());
      writeString(out, secret.title());
      out.writeByte(secret.severity().ordinal());
      out.writeInt(secret.line());
      writeString(out, secret.match());
    }
  }

  private static AnalysisResult readResult(Input in) throws IOException {
    String analyzer = readString(in);
    String path = readString(in);
    OsRelease os =
        in.readBoolean()
            ? new OsRelease(readString(in), readString(in), readString(in), readString(in))
            : null;
    int packageCount = readCount(in);
    List<Package> packages = new ArrayList<>(packageCount);
    for (int i = 0; i < packageCount; i++) {
      packages.add(readPackage(in));
    }
    int fileListCount = readCount(in);
    Map<String, List<String>> packageFiles = new LinkedHashMap<>();
    for (int i = 0; i < fileListCount; i++) {
      packageFiles.put(readString(in), readStrings(in));
    }
    List<String> warnings = readStrings(in);
    int secretCount = readCount(in);
    List<SecretMatch> secrets = new ArrayList<>(secretCount);
    for (int i = 0; i < secretCount; i++) {
      String ruleId = readString(in);
      String category = readString(in);
      String title = readString(in);
      int severity = in.readUnsignedByte();
      if (severity >= SEVERITIES.length) {
        throw new IOException("unknown severity " + severity);
      }
      secrets.add(
          new SecretMatch(
              ruleId, category, title, SEVERITIES[severity], in.readInt(), readString(in)));
    }
    return new AnalysisResult(analyzer, path, os, packages, packageFiles, warnings, secrets);
  }

  private static void writePackage(DataOutputStream out, Package pkg) throws IOException {
    for (String field : List.of(nonNull(pkg.type()), nonNull(pkg.name()), nonNull(pkg.version()))) {
      writeString(out, field);
    }
    writeString(out, pkg.arch());
    writeString(out, pkg.sourceName());
    writeString(out, pkg.sourceVersion());
    writeString(out, pkg.maintainer());
    writeString(out, pkg.license());
    writeString(out, pkg.foundIn());
    LayerInfo layer = pkg.layer();
    out.writeBoolean(layer != null);
    if (layer != null) {
      out.writeInt(layer.index());
      writeString(out, layer.diffId());
      writeString(out, layer.digest());
      writeString(out, layer.createdBy());
    }
    writeString(out, pkg.purl());
    writeStrings(out, pkg.files());
    writeString(out, pkg.evidence());
    out.writeBoolean(pkg.dev());
    writeString(out, pkg.sha1());
  }

  private static Package readPackage(Input in) throws IOException {
    String type = readString(in);
    String name = readString(in);
    String version = readString(in);
    String arch = readString(in);
    String sourceName = readString(in);
    String sourceVersion = readString(in);
    String maintainer = readString(in);
    String license = readString(in);
    String foundIn = readString(in);
    LayerInfo layer =
        in.readBoolean()
            ? new LayerInfo(in.readInt(), readString(in), readString(in), readString(in))
            : null;
    String purl = readString(in);
    return new Package(
        type,
        name,
        version,
        arch,
        sourceName,
        sourceVersion,
        maintainer,
        license,
        foundIn,
        layer,
        purl,
        readStrings(in),
        readString(in),
        in.readBoolean(),
        readString(in),
        null);
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }

  private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String value : values) {
      writeString(out, value);
    }
  }

  private static List<String> readStrings(Input in) throws IOException {
    int count = readCount(in);
    List<String> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(readString(in));
    }
    return values;
  }

  /** A length-prefixed UTF-8 string; length -1 is null. */
  private static void writeString(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readString(Input in) throws IOException {
    int length = in.readInt();
    if (length == -1) {
      return null;
    }
    if (length < 0 || length > MAX_STRING_BYTES) {
      throw new IOException("implausible string length " + length);
    }
    byte[] bytes = in.buffer(length);
    in.readFully(bytes, 0, length);
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  private static int readCount(Input in) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > MAX_COUNT) {
      throw new IOException("implausible count " + count);
    }
    return count;
  }

  /**
   * The stream a cached analysis is read from, with one buffer that every string is decoded from: a
   * warm scan reads tens of thousands of paths, and a byte array for each would be garbage at once.
   */
  static final class Input extends DataInputStream {
    private byte[] buffer = new byte[256];

    Input(InputStream in) {
      super(in);
    }

    /** The buffer, at least {@code length} bytes long; its content is not kept. */
    byte[] buffer(int length) {
      if (buffer.length < length) {
        buffer = new byte[Math.max(length, buffer.length * 2)];
      }
      return buffer;
    }
  }
}
