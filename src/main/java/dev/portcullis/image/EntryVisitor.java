package dev.portcullis.image;

import java.io.IOException;

/** Receives the entries of one layer in archive order. */
@FunctionalInterface
public interface EntryVisitor {
  void visit(LayerEntry entry) throws IOException;
}
