package dev.portcullis.notify;

/** A request body ready to send, and the id that names its event. */
record Payload(String id, byte[] body) {}
