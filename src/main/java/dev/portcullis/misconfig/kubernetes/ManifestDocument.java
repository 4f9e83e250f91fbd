package dev.portcullis.misconfig.kubernetes;

/**
 * One document of a manifest file.
 *
 * @param file the file as the user named it
 * @param index the document's 0-based position in the file
 * @param root its value
 */
record ManifestDocument(String file, int index, Node root) {}
