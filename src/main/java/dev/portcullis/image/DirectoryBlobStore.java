package dev.portcullis.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The {@code blobs/ALG/HEX} tree of an OCI layout directory. */
final class DirectoryBlobStore implements BlobStore {

  private final Path root;

  DirectoryBlobStore(Path root) {
    this.root = root;
  }

  @Override
  public InputStream open(Digest digest, String what) throws IOException {
    Path blob = root.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
    try {
      return Files.newInputStream(blob);
    } catch (NoSuchFileException e) {
      throw new InputException(what + ": blob " + digest + " is missing from " + root);
    }
  }
}
