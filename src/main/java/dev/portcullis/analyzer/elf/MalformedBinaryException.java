package dev.portcullis.analyzer.elf;

/** A binary whose structure contradicts itself; the message says where, for the scan's warning. */
public final class MalformedBinaryException extends Exception {

  private static final long serialVersionUID = 1L;

  public MalformedBinaryException(String message) {
    super(message);
  }
}
