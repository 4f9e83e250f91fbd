package dev.portcullis.tracking;

/** What makes a finding the same finding in a repository from scan to scan. */
record FindingKey(String vulnerabilityId, String ecosystem, String packageName) {}
