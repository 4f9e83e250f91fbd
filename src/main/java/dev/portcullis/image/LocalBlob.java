package dev.portcullis.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A blob on local disk: the bytes {@code [offset, offset + size)} of a file, either the whole file
 * (an OCI layout's blob, a root filesystem tar) or a member stored in an uncompressed archive (a
 * docker-archive's layer). Unlike a stream from a registry, it can be read at any position.
 *
 * @param name what to call the file in messages
 */
public record LocalBlob(Path file, long offset, long size, String name) {

  /** A whole file. */
  static LocalBlob of(Path file, String name) throws IOException {
    try {
      return new LocalBlob(file, 0, Files.size(file), name);
    } catch (NoSuchFileException e) {
      throw new InputException(name + ": no such file");
    }
  }

  /** The identity of the file that holds the blob, as it is now; see {@link FileIdentity#of}. */
  public Optional<FileIdentity> fileIdentity() throws IOException {
    try {
      return FileIdentity.of(file);
    } catch (NoSuchFileException e) {
      throw new InputException(name + ": no such file");
    }
  }

  /** A channel that sees the blob alone, its position 0 at the blob's first byte. */
  SeekableByteChannel openChannel() throws IOException {
    try {
      return new ChannelSlice(FileChannel.open(file, StandardOpenOption.READ), offset, size);
    } catch (NoSuchFileException e) {
      throw new InputException(name + ": no such file");
    }
  }

  /** The blob as a stream, read from its first byte to its last. */
  InputStream openStream() throws IOException {
    return Channels.newInputStream(openChannel());
  }
}
