package dev.portcullis.misconfig.dockerfile;

/** One or a few related rules, checked over a parsed Dockerfile. */
interface Check {

  void check(LintContext context, Findings findings);
}
