package dev.portcullis.misconfig.dockerfile;

/** PC-DF-000 and PC-DF-008: what the parser found a builder would reject. */
final class ParseProblemsCheck implements Check {

  @Override
  public void check(LintContext context, Findings findings) {
    for (ParseProblem problem : context.file().problems()) {
      Rule rule = problem.ruleId().equals(Rules.ORDER) ? Rules.BEFORE_FROM : Rules.PARSE_ERROR;
      findings.add(
          rule,
          null,
          problem.line(),
          problem.line(),
          problem.message(),
          rule.severity(),
          rule.otherIds());
    }
  }
}
