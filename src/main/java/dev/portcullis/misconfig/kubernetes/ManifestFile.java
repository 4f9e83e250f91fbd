package dev.portcullis.misconfig.kubernetes;

import java.util.List;

/** What one manifest file held: its documents, and what could not be read. */
record ManifestFile(String file, List<ManifestDocument> documents, List<ReadProblem> problems) {

  ManifestFile {
    documents = List.copyOf(documents);
    problems = List.copyOf(problems);
  }
}
