package dev.portcullis.image;

import java.io.IOException;
import java.io.InputStream;

/** Blobs addressed by digest, as an OCI layout stores them. */
interface BlobStore {

  /** Opens a blob; an absent blob is an {@link InputException} naming it. */
  InputStream open(Digest digest, String what) throws IOException;

  /** Where a blob lies on disk; an absent blob is an {@link InputException} naming it. */
  LocalBlob locate(Digest digest, String what) throws IOException;
}
