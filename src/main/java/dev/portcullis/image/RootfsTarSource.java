package dev.portcullis.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A root filesystem packed as a tar (optionally gzip or zstd compressed), seen as one layer. */
final class RootfsTarSource implements ImageSource {

  private final Path path;
  private final String name;

  RootfsTarSource(Path path, String name) {
    this.path = path;
    this.name = name;
  }

  @Override
  public String describe() {
    return name;
  }

  @Override
  public ResolvedImage resolve() throws InputException {
    if (!Files.isRegularFile(path)) {
      throw new InputException(name + ": no such file");
    }
    LayerRef only = new LayerRef(0, null, null, -1, path.toString(), "");
    ImageConfig config = new ImageConfig(null, null, null, null, null, null, List.of());
    return new ResolvedImage(name, null, null, List.of(), config, List.of(only));
  }

  @Override
  public void walkLayer(LayerRef layer, Limits limits, EntryVisitor visitor) throws IOException {
    new TarLayerWalker(name, limits).walk(LocalBlob.of(path, name), layer, visitor);
  }
}
