package dev.portcullis.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongFunction;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Generates large hostile layer content as a stream, written straight to disk: a test of a 250 MB
 * package database holds a buffer of it, never the whole.
 */
public final class HostileLayers {

  private HostileLayers() {}

  /**
   * Exactly {@code size} bytes of numbered lines (the last one cut), generated as they are read.
   */
  public static InputStream lines(long size, LongFunction<String> line) {
    return new InputStream() {
      private long left = size;
      private long next;
      private byte[] current = new byte[0];
      private int position;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        if (left <= 0) {
          return -1;
        }
        if (position == current.length) {
          current = line.apply(next++).getBytes(StandardCharsets.UTF_8);
          position = 0;
        }
        int n = (int) Math.min(Math.min(length, current.length - position), left);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        left -= n;
        return n;
      }
    };
  }

  /** A layer tar (gzip-compressed if asked) holding one regular file of {@code size} bytes. */
  public static Path singleFile(Path tar, String name, long size, InputStream content, boolean gzip)
      throws IOException {
    try (OutputStream file = Files.newOutputStream(tar);
        OutputStream out = gzip ? new GZIPOutputStream(file, 64 * 1024) : file;
        TarArchiveOutputStream archive = new TarArchiveOutputStream(out)) {
      archive.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
      archive.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      TarArchiveEntry entry = new TarArchiveEntry(name);
      entry.setSize(size);
      entry.setMode(0644);
      archive.putArchiveEntry(entry);
      content.transferTo(archive);
      archive.closeArchiveEntry();
    }
    return tar;
  }

  /** Writes the entries of a generated layer. */
  @FunctionalInterface
  public interface Entries {
    void write(TarArchiveOutputStream tar) throws IOException;
  }

  /** A layer tar (gzip-compressed if asked) with the entries {@code entries} writes. */
  public static Path layer(Path tar, boolean gzip, Entries entries) throws IOException {
    try (OutputStream file = Files.newOutputStream(tar);
        OutputStream out = gzip ? new GZIPOutputStream(file, 64 * 1024) : file;
        TarArchiveOutputStream archive = new TarArchiveOutputStream(out)) {
      archive.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
      archive.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      entries.write(archive);
    }
    return tar;
  }

  /** Adds a regular file. */
  public static void file(TarArchiveOutputStream tar, String name, byte[] content)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(longName(tar, name));
    entry.setSize(content.length);
    entry.setMode(0644);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  /**
   * Writes a long name as GNU tar does, a {@code ././@LongLink} entry before the entry, and returns
   * the short name for the entry itself. The tar writer would do the same, but it fits the name to
   * the header by shortening it one character at a time, re-encoding each time: minutes for
   * thousands of names of kilobytes.
   */
  private static String longName(TarArchiveOutputStream tar, String name) throws IOException {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < TarConstants.NAMELEN) {
      return name;
    }
    TarArchiveEntry longLink =
        new TarArchiveEntry(TarConstants.GNU_LONGLINK, TarConstants.LF_GNUTYPE_LONGNAME);
    longLink.setSize(bytes.length + 1L);
    tar.putArchiveEntry(longLink);
    tar.write(bytes);
    tar.write(0);
    tar.closeArchiveEntry();
    return name.substring(0, TarConstants.NAMELEN / 2);
  }

  /** Adds a hard link. */
  public static void hardLink(TarArchiveOutputStream tar, String name, String target)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK);
    entry.setLinkName(target);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  /** A jar holding {@code count} distinct {@code pom.properties}, as a shaded jar does a few. */
  public static byte[] jarOfPomProperties(int count) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (int i = 0; i < count; i++) {
        zip.putNextEntry(new ZipEntry("META-INF/maven/g" + i + "/a" + i + "/pom.properties"));
        zip.write(
            ("groupId=g" + i + "\nartifactId=a" + i + "\nversion=1." + i + "\n")
                .getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /**
   * A gzip layer that inflates to {@code bytes} of (nearly all) zeros at about {@code ratio} times
   * its size, just under the bomb ratio: one deflated chunk repeated, so that writing it costs only
   * its compressed size. With {@code inAFile} the zeros are the content of one tar entry, else the
   * tar ends at once and the zeros follow it. The gzip trailer's checksum is left zero: a walk that
   * reads to the end fails on it, so a test that sees its limit named knows it stopped early.
   */
  public static Path gzipZeros(Path file, long bytes, int ratio, boolean inAFile)
      throws IOException {
    int chunk = 1024 * 1024;
    byte[] zeros = new byte[chunk];
    byte[] deflated = deflate(zeros, false);
    // Incompressible bytes lower the ratio of a chunk to the one asked for.
    int padding = (int) Math.max(0, (chunk - (long) ratio * deflated.length) / (ratio - 1));
    byte[] noise = new byte[padding];
    new java.util.Random(1).nextBytes(noise);
    byte[] input = java.util.Arrays.copyOf(zeros, chunk + padding);
    System.arraycopy(noise, 0, input, chunk, padding);
    deflated = deflate(input, false);
    try (OutputStream out =
        new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
      if (inAFile) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        TarArchiveOutputStream tar = new TarArchiveOutputStream(header);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        TarArchiveEntry entry = new TarArchiveEntry("zeros");
        entry.setSize(bytes);
        tar.putArchiveEntry(entry);
        tar.flush();
        out.write(deflate(header.toByteArray(), false));
      }
      for (long written = 0; written < bytes; written += input.length) {
        out.write(deflated);
      }
      out.write(deflate(new byte[0], true));
      out.write(new byte[8]);
    }
    return file;
  }

  /** Raw deflate of {@code input} by a fresh deflater, ending on a byte boundary, or finished. */
  private static byte[] deflate(byte[] input, boolean last) {
    java.util.zip.Deflater deflater = new java.util.zip.Deflater(9, true);
    try {
      deflater.setInput(input);
      if (last) {
        deflater.finish();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[64 * 1024];
      int flush = last ? java.util.zip.Deflater.NO_FLUSH : java.util.zip.Deflater.FULL_FLUSH;
      while (true) {
        int n = deflater.deflate(buffer, 0, buffer.length, flush);
        out.write(buffer, 0, n);
        if (last ? deflater.finished() : n < buffer.length && deflater.needsInput()) {
          return out.toByteArray();
        }
      }
    } finally {
      deflater.end();
    }
  }
}
