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
    try {
      return Files.newInputStream(pathOf(digest));
    } catch (NoSuchFileException e) {
      throw missing(digest, what);
    }
  }

  @Override
  public LocalBlob locate(Digest digest, String what) throws IOException {
    Path blob = pathOf(digest);
    if (!Files.isRegularFile(blob)) {
      throw missing(digest, what);
    }
    return LocalBlob.of(blob, blob.toString());
  }

  private Path pathOf(Digest digest) {
    return root.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
  }

  private InputException missing(Digest digest, String what) {
    return new InputException(what + ": blob " + digest + " is missing from " + root);
  }
}
