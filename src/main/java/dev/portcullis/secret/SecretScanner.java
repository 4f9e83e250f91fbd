package dev.portcullis.secret;

import dev.portcullis.image.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;

/**
 * Finds secrets in a stream in one pass: the stream is read in blocks, every block goes once
 * through the keyword automaton of all rules, and only lines holding a keyword are matched against
 * the rules that keyword belongs to. A block keeps a few kilobytes of look-ahead so that a private
 * key's header can see the body below it. Memory stays bounded: a line longer than a block is read
 * in block-sized windows.
 */
public final class SecretScanner {

  static final int BLOCK = 64 * 1024;
  static final int LOOKAHEAD = 4 * 1024;
  private static final int FOLLOWING_LINES = 6;
  private static final int SNIPPET = 160;

  private final SecretRuleSet rules;

  /** The user's rules: their expressions run under a work limit ({@link BudgetedLine}). */
  private final BitSet bounded = new BitSet();

  public SecretScanner(SecretRuleSet rules) {
    this.rules = rules;
    for (int i = 0; i < rules.rules().size(); i++) {
      if (!BuiltinSecretRules.isBuiltin(rules.rules().get(i))) {
        bounded.set(i);
      }
    }
  }

  public SecretRuleSet rules() {
    return rules;
  }

  /** The secrets in a text that is no file (an image config value). */
  public List<SecretMatch> scanText(String target, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      return scan(target, bytes.length, new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new IllegalStateException("reading from memory cannot fail", e);
    }
  }

  /**
   * @param path the file's path without leading slash, for path-scoped rules and allow rules
   * @param size the file's size as its archive or directory says (a smaller file gets a smaller
   *     buffer; a stream longer than this is still read to its end)
   */
  public List<SecretMatch> scan(String path, long size, InputStream in) throws IOException {
    return new FileScan(path, size).run(in);
  }

  /** The state of one file's scan. */
  private final class FileScan {
    private final String path;
    private byte[] buffer;
    private char[] folded;
    private final List<SecretMatch> found = new ArrayList<>();
    private final List<Pending> awaitingMarker = new ArrayList<>();
    private final Set<String> markersSeen = new HashSet<>();
    private int filled;
    private int lineNumber = 1;
    private int walkedTo;
    private int walkedLineStart;

    /** The rules without keywords that apply to this file: they run on every line of it. */
    private final BitSet unkeyed = new BitSet();

    FileScan(String path, long size) {
      this.path = path;
      for (int i = 0; i < rules.rules().size(); i++) {
        SecretRule rule = rules.rules().get(i);
        if (rule.keywords().isEmpty() && rule.appliesTo(path)) {
          unkeyed.set(i);
        }
      }
      // One byte more than the file, so that its end is seen on the first read.
      this.buffer = new byte[(int) Math.min(BLOCK + LOOKAHEAD, Math.max(0, size) + 1)];
      this.folded = new char[buffer.length];
    }

    List<SecretMatch> run(InputStream in) throws IOException {
      boolean ended = false;
      while (true) {
        while (!ended && filled < buffer.length) {
          int n = in.read(buffer, filled, buffer.length - filled);
          if (n < 0) {
            ended = true;
          } else {
            filled += n;
          }
          if (!ended && filled == buffer.length && buffer.length < BLOCK + LOOKAHEAD) {
            buffer = Arrays.copyOf(buffer, BLOCK + LOOKAHEAD);
            folded = new char[buffer.length];
          }
        }
        if (filled == 0) {
          break;
        }
        int end = ended ? filled : blockEnd();
        scanBlock(end);
        System.arraycopy(buffer, end, buffer, 0, filled - end);
        filled -= end;
        if (ended && filled == 0) {
          break;
        }
      }
      for (Pending pending : awaitingMarker) {
        if (markersSeen.contains(pending.marker())) {
          found.add(pending.match());
        }
      }
      return found;
    }

    /** Just after the last line break before the look-ahead; mid-line for an endless line. */
    private int blockEnd() {
      for (int i = filled - LOOKAHEAD - 1; i >= 0; i--) {
        if (buffer[i] == '\n') {
          return i + 1;
        }
      }
      return filled - LOOKAHEAD;
    }

    private void scanBlock(int end) throws InputException {
      walkedTo = 0;
      walkedLineStart = 0;
      // Line start -> the rules whose keywords occur on that line.
      TreeMap<Integer, BitSet> candidates = new TreeMap<>();
      if (rules.hasKeywords()) {
        // The automaton reads the whole array: what lies beyond this block's end is blanked (the
        // next block reads it).
        for (int i = 0; i < end; i++) {
          int b = buffer[i] & 0xff;
          folded[i] = (char) (b >= 'A' && b <= 'Z' ? b + 32 : b);
        }
        Arrays.fill(folded, end, folded.length, ' ');
        rules
            .keywords()
            .parseText(
                folded,
                (int begin, int stop, Integer keyword) -> {
                  String marker = rules.markerOfKeyword(keyword);
                  if (marker != null) {
                    markersSeen.add(marker);
                  }
                  int[] ruleIndexes = rules.rulesOfKeyword(keyword);
                  if (ruleIndexes.length > 0) {
                    BitSet set = candidates.computeIfAbsent(lineStart(begin), s -> new BitSet());
                    for (int rule : ruleIndexes) {
                      set.set(rule);
                    }
                  }
                });
      }
      if (!unkeyed.isEmpty()) {
        for (int start = 0; start < end; start = lineEnd(start, end) + 1) {
          candidates.computeIfAbsent(start, s -> new BitSet()).or(unkeyed);
        }
      }
      int counted = 0;
      for (var entry : candidates.entrySet()) {
        int start = entry.getKey();
        lineNumber += countLineBreaks(counted, start);
        counted = start;
        matchLine(start, lineEnd(start, end), entry.getValue());
      }
      lineNumber += countLineBreaks(counted, end);
    }

    /**
     * The start of the line holding a position. Keyword hits arrive almost in order, so the walk
     * goes forward from the last one: a long line with many hits costs its length once.
     */
    private int lineStart(int position) {
      if (position >= walkedTo) {
        for (int i = walkedTo; i < position; i++) {
          if (buffer[i] == '\n') {
            walkedLineStart = i + 1;
          }
        }
        walkedTo = position;
        return walkedLineStart;
      }
      int i = position;
      while (i > 0 && buffer[i - 1] != '\n') {
        i--;
      }
      return i;
    }

    /** The index of the line break ending the line, or {@code end}. */
    private int lineEnd(int start, int end) {
      int i = start;
      while (i < end && buffer[i] != '\n') {
        i++;
      }
      return i;
    }

    private int countLineBreaks(int from, int to) {
      int count = 0;
      for (int i = from; i < to; i++) {
        if (buffer[i] == '\n') {
          count++;
        }
      }
      return count;
    }

    private void matchLine(int start, int stop, BitSet candidateRules) throws InputException {
      String line = decode(start, stop);
      List<Span> accepted;
      try {
        accepted = spans(path, line, candidateRules, () -> followingLines(stop));
      } catch (RegexWorkExceeded e) {
        // No report may look complete when a rule could not finish: the scan stops.
        throw new InputException(path + ":" + lineNumber + ": " + e.describe());
      }
      List<Span> reported = new ArrayList<>();
      for (Span span : accepted) {
        // Where two rules match the same text, the earlier (more specific) one is reported; the
        // other's secret is still masked.
        if (reported.stream().noneMatch(r -> span.start() < r.end() && r.start() < span.end())) {
          reported.add(span);
        }
      }
      for (Span span : reported) {
        SecretRule rule = span.rule();
        SecretMatch result =
            new SecretMatch(
                rule.id(),
                rule.category(),
                rule.title(),
                rule.severity(),
                lineNumber,
                snippet(line, accepted, span));
        if (rule.fileMarker() == null) {
          found.add(result);
        } else {
          awaitingMarker.add(new Pending(rule.fileMarker(), result));
        }
      }
    }

    private List<String> followingLines(int lineBreak) {
      List<String> lines = new ArrayList<>();
      int start = lineBreak + 1;
      while (lines.size() < FOLLOWING_LINES && start < filled) {
        int stop = lineEnd(start, filled);
        lines.add(decode(start, stop));
        start = stop + 1;
      }
      return lines;
    }

    private String decode(int start, int stop) {
      int end = stop > start && buffer[stop - 1] == '\r' ? stop - 1 : stop;
      return new String(buffer, start, end - start, StandardCharsets.UTF_8);
    }
  }

  /**
   * Every match of the candidate rules on a line that passes its rule's check and no allow rule, in
   * rule order.
   */
  private List<Span> spans(
      String path, String line, BitSet candidateRules, Supplier<List<String>> following) {
    List<Span> spans = new ArrayList<>();
    for (int r = candidateRules.nextSetBit(0); r >= 0; r = candidateRules.nextSetBit(r + 1)) {
      SecretRule rule = rules.rules().get(r);
      if (!rule.appliesTo(path)) {
        continue;
      }
      Matcher match = rule.regex().matcher(bounded.get(r) ? new BudgetedLine(line) : line);
      while (find(match, rule, line)) {
        String secret = rule.secret(match);
        if (secret == null) {
          continue; // an optional secret group of a user's rule that took no part
        }
        SecretCheck.Candidate candidate = new SecretCheck.Candidate(match, secret, line, following);
        if (rule.check().accepts(candidate) && !rules.allows(rule, path, secret)) {
          spans.add(
              new Span(
                  rule,
                  match.start(),
                  match.end(),
                  rule.secretStart(match),
                  rule.secretEnd(match)));
        }
      }
    }
    return spans;
  }

  private static boolean find(Matcher match, SecretRule rule, String line) {
    try {
      return match.find();
    } catch (BudgetedLine.Exhausted e) {
      throw new RegexWorkExceeded(
          rule.id(),
          "read more than "
              + BudgetedLine.limit(line)
              + " characters of this "
              + line.length()
              + "-character line, the work limit for a rule's expression ("
              + BudgetedLine.BASE_READS
              + " plus "
              + BudgetedLine.READS_PER_CHARACTER
              + " per character; an expression that backtracks? write it without nested or"
              + " adjacent repetitions)");
    } catch (StackOverflowError e) {
      // java.util.regex recurses once a repetition for some expressions (an alternation under a
      // star): a long line ends the thread's stack, which the scan survives as an input error.
      throw new RegexWorkExceeded(
          rule.id(),
          "recursed deeper than the thread's stack on this "
              + line.length()
              + "-character line (an alternation under a repetition? make the repetition"
              + " possessive, *+)");
    }
  }

  /** A rule's expression could not finish on one line: past its work limit, or its stack. */
  private static final class RegexWorkExceeded extends RuntimeException {
    private final String ruleId;
    private final String what;

    RegexWorkExceeded(String ruleId, String what) {
      super(null, null, false, false);
      this.ruleId = ruleId;
      this.what = what;
    }

    String describe() {
      return "secret rule '" + ruleId + "' " + what;
    }
  }

  /**
   * A text that is no file (an image history entry shown in a report) with every secret in it
   * masked, whole: nothing else of it changes.
   */
  public String mask(String text) {
    String[] lines = text.split("\n", -1);
    StringBuilder masked = new StringBuilder(text.length());
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      BitSet candidates = new BitSet();
      String lower = line.toLowerCase(Locale.ROOT);
      for (int r = 0; r < rules.rules().size(); r++) {
        List<String> keywords = rules.rules().get(r).keywords();
        if (keywords.isEmpty() || keywords.stream().anyMatch(lower::contains)) {
          candidates.set(r);
        }
      }
      int next = i + 1;
      List<String> following = List.of(lines).subList(Math.min(next, lines.length), lines.length);
      try {
        masked.append(masked(line, spans("", line, candidates, () -> following)).text());
      } catch (RegexWorkExceeded e) {
        // A rule could not finish on this line: nothing of it is shown rather than a secret.
        masked.append("*".repeat(line.length()));
      }
      if (next < lines.length) {
        masked.append('\n');
      }
    }
    return masked.toString();
  }

  /** A line with its secrets masked, and where a span's mask begins in it. */
  private record MaskedLine(String text, Map<Span, Integer> maskStart) {}

  /**
   * The line with the secret of every span masked. Overlapping secrets are masked as one, so that
   * no part of either stays visible.
   */
  private static MaskedLine masked(String line, List<Span> spans) {
    List<Span> ordered =
        spans.stream()
            .filter(s -> s.secretEnd() > s.secretStart())
            .sorted(Comparator.comparingInt(Span::secretStart))
            .toList();
    StringBuilder masked = new StringBuilder();
    Map<Span, Integer> maskStart = new HashMap<>();
    int at = 0;
    for (int i = 0; i < ordered.size(); ) {
      Span first = ordered.get(i);
      int start = Math.max(at, first.secretStart());
      int end = first.secretEnd();
      int j = i;
      while (j < ordered.size() && ordered.get(j).secretStart() < end) {
        end = Math.max(end, ordered.get(j).secretEnd());
        maskStart.put(ordered.get(j), masked.length() + (start - at));
        j++;
      }
      masked.append(line, at, start);
      String secret = line.substring(start, end);
      masked.append(
          Masking.mask(secret, start == first.secretStart() ? first.rule().visiblePrefix() : 0));
      at = end;
      i = j;
    }
    masked.append(line.substring(at));
    return new MaskedLine(masked.toString(), maskStart);
  }

  /**
   * The line with every secret on it masked, cut to a window around this one. Nothing of a secret
   * but its public marker can appear: the window is cut from the already masked line.
   */
  static String snippet(String line, List<Span> spans, Span focus) {
    MaskedLine masked = masked(line, spans);
    String text = masked.text();
    int focusStart = masked.maskStart().getOrDefault(focus, Math.min(text.length(), focus.start()));
    if (text.length() <= SNIPPET) {
      return text.strip();
    }
    int from = Math.max(0, focusStart - SNIPPET / 3);
    int to = Math.min(text.length(), from + SNIPPET);
    return (from > 0 ? "..." : "")
        + text.substring(from, to).strip()
        + (to < text.length() ? "..." : "");
  }

  /** Where a rule matched in a line, and where the secret is within the match. */
  record Span(SecretRule rule, int start, int end, int secretStart, int secretEnd) {}

  /** A match of a rule that needs a marker elsewhere in the file. */
  private record Pending(String marker, SecretMatch match) {}
}
