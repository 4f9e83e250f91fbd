package dev.portcullis.baseimage;

import dev.portcullis.image.Digest;
import dev.portcullis.registry.ImageReference;
import java.io.IOException;
import java.util.List;

/** What the base-image checks ask of registries. */
public interface RegistryLookup {

  /** Every tag of the image's repository. */
  List<String> tags(ImageReference image) throws IOException;

  /** The digest of the manifest or index the image's repository serves for a tag or digest now. */
  Digest digest(ImageReference image, String tagOrDigest) throws IOException;
}
