package dev.portcullis.testing;

import dev.portcullis.image.EntryVisitor;
import dev.portcullis.image.ImageSource;
import dev.portcullis.image.LayerRef;
import dev.portcullis.image.Limits;
import dev.portcullis.image.LocalBlob;
import dev.portcullis.image.ResolvedImage;
import dev.portcullis.image.SiblingFiles;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An image source that passes every call on to another and counts how often a layer is walked and
 * how often one is verified. Closing it leaves the other open: its opener closes it.
 */
public final class CountingSource implements ImageSource {
  private final ImageSource source;
  private final AtomicInteger walks = new AtomicInteger();
  private final AtomicInteger verifications = new AtomicInteger();

  public CountingSource(ImageSource source) {
    this.source = source;
  }

  public int walks() {
    return walks.get();
  }

  public int verifications() {
    return verifications.get();
  }

  @Override
  public String describe() {
    return source.describe();
  }

  @Override
  public ResolvedImage resolve() throws IOException {
    return source.resolve();
  }

  @Override
  public void walkLayer(LayerRef layer, Limits limits, EntryVisitor visitor) throws IOException {
    walks.incrementAndGet();
    source.walkLayer(layer, limits, visitor);
  }

  @Override
  public Optional<LocalBlob> localBlob(LayerRef layer) throws IOException {
    return source.localBlob(layer);
  }

  @Override
  public void verifyLayer(LayerRef layer, Limits limits) throws IOException {
    verifications.incrementAndGet();
    source.verifyLayer(layer, limits);
  }

  @Override
  public SiblingFiles siblingsOf(String path) {
    return source.siblingsOf(path);
  }
}
