package dev.portcullis.secret;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The rules one scan runs, the places it does not look, and one keyword automaton over all rules'
 * keywords, so that each byte of a file is examined once whatever the number of rules.
 */
public final class SecretRuleSet {

  /** Files larger than this are not read for secrets, and the report says so. */
  public static final long DEFAULT_MAX_FILE_SIZE = 10L * 1024 * 1024;

  /**
   * Where package managers and toolchains put what they install: files that are not the image
   * author's own and are full of sample keys. Trivy skips the same places.
   */
  public static final List<AllowRule> DEFAULT_SKIPPED_PATHS =
      List.of(
          skip("system-dirs", "^usr/(?:share|include|lib)/"),
          skip("toolchains", "^(?:usr/local/go|usr/local/lib/python[0-9.]+|opt/yarn-v[0-9.]+)/"),
          skip("vendored", "(?:^|/)(?:node_modules|vendor|site-packages|\\.git)/"),
          skip("locales", "(?:^|/)locales?/"),
          skip("tests-and-examples", "(?:^|/)(?:tests?|testdata|__tests__|examples?)/"),
          skip("markdown", "\\.md$"),
          skip("anaconda-log", "^var/log/anaconda/"));

  /** Formats that are binary whatever their first bytes say (archives, images, fonts, objects). */
  private static final Set<String> BINARY_EXTENSIONS =
      Set.of(
          "jar", "war", "ear", "zip", "gz", "tgz", "bz2", "xz", "zst", "lz4", "7z", "rar", "png",
          "jpg", "jpeg", "gif", "ico", "bmp", "webp", "tif", "tiff", "pdf", "woff", "woff2", "ttf",
          "otf", "eot", "so", "a", "o", "class", "pyc", "pyo", "whl", "egg", "deb", "rpm", "mo",
          "db", "sqlite", "mp3", "mp4", "wasm", "dll", "exe");

  private final List<SecretRule> rules;
  private final List<AllowRule> allowRules;
  private final long maxFileSize;
  private final String fingerprint;

  /** Each keyword and its index in {@link #rulesByKeyword}, in the order the trie is built from. */
  private final TreeMap<String, Integer> keywordIndex = new TreeMap<>();

  /**
   * The keywords' trie, built when a text is first searched with it: a run that only masks the
   * image history (an SBOM) never does, and building it takes tens of milliseconds in a JVM that
   * has just started.
   */
  private volatile AhoCorasickDoubleArrayTrie<Integer> keywords;

  private final List<int[]> rulesByKeyword = new ArrayList<>();
  private final List<String> markerByKeyword = new ArrayList<>();

  /**
   * @param rules in order of precedence: where two match the same text, the first is reported
   * @param allowRules matches, or whole paths (path-only rules), that are never reported
   * @param fingerprint changes whenever anything here does: part of the layer cache key
   */
  public SecretRuleSet(
      List<SecretRule> rules, List<AllowRule> allowRules, long maxFileSize, String fingerprint) {
    this.rules = List.copyOf(rules);
    this.allowRules = List.copyOf(allowRules);
    this.maxFileSize = maxFileSize;
    this.fingerprint = fingerprint;
    Map<String, List<Integer>> byKeyword = new LinkedHashMap<>();
    Map<String, String> markers = new LinkedHashMap<>();
    for (int i = 0; i < this.rules.size(); i++) {
      SecretRule rule = this.rules.get(i);
      for (String keyword : rule.keywords()) {
        byKeyword.computeIfAbsent(keyword, k -> new ArrayList<>()).add(i);
      }
      if (rule.fileMarker() != null) {
        markers.put(rule.fileMarker(), rule.fileMarker());
        byKeyword.putIfAbsent(rule.fileMarker(), new ArrayList<>());
      }
    }
    for (Map.Entry<String, List<Integer>> entry : byKeyword.entrySet()) {
      keywordIndex.put(entry.getKey(), rulesByKeyword.size());
      rulesByKeyword.add(entry.getValue().stream().mapToInt(Integer::intValue).toArray());
      markerByKeyword.add(markers.get(entry.getKey()));
    }
  }

  /**
   * The rules Portcullis ships, with the default skipped paths. Their fingerprint is computed from
   * their definitions, so that a changed rule invalidates cached layers by itself (a changed check,
   * which is code, needs the secret analyzer's version bumped).
   */
  public static SecretRuleSet builtin() {
    List<SecretRule> rules = BuiltinSecretRules.all();
    StringBuilder definition = new StringBuilder();
    for (SecretRule rule : rules) {
      definition
          .append(rule.id())
          .append('|')
          .append(rule.regex().pattern())
          .append('|')
          .append(rule.keywords())
          .append('|')
          .append(rule.secretGroup())
          .append('|')
          .append(rule.fileMarker())
          .append('|')
          .append(rule.visiblePrefix())
          .append('|')
          .append(rule.severity())
          .append('\n');
    }
    DEFAULT_SKIPPED_PATHS.forEach(a -> definition.append(a.id()).append(a.path()).append('\n'));
    return new SecretRuleSet(
        rules,
        DEFAULT_SKIPPED_PATHS,
        DEFAULT_MAX_FILE_SIZE,
        "builtin-" + Integer.toHexString(definition.toString().hashCode()));
  }

  private static AllowRule skip(String id, String path) {
    return new AllowRule(id, "skipped by default", Pattern.compile(path), null);
  }

  public List<SecretRule> rules() {
    return rules;
  }

  public long maxFileSize() {
    return maxFileSize;
  }

  public String fingerprint() {
    return fingerprint;
  }

  /** Whether the file is not read at all: a skipped path or a binary format. */
  public boolean skips(String path) {
    int dot = path.lastIndexOf('.');
    if (dot > path.lastIndexOf('/')
        && BINARY_EXTENSIONS.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT))) {
      return true;
    }
    return allowRules.stream().anyMatch(rule -> rule.allowsPath(path));
  }

  /** Whether a match of the rule is allowed (not reported). */
  boolean allows(SecretRule rule, String path, String secret) {
    return rule.allowRules().stream().anyMatch(a -> a.allows(path, secret))
        || allowRules.stream().anyMatch(a -> a.regex() != null && a.allows(path, secret));
  }

  AhoCorasickDoubleArrayTrie<Integer> keywords() {
    AhoCorasickDoubleArrayTrie<Integer> built = keywords;
    if (built == null) {
      synchronized (this) {
        built = keywords;
        if (built == null) {
          built = new AhoCorasickDoubleArrayTrie<>();
          if (!keywordIndex.isEmpty()) {
            built.build(new TreeMap<>(keywordIndex));
          }
          keywords = built;
        }
      }
    }
    return built;
  }

  boolean hasKeywords() {
    return !rulesByKeyword.isEmpty();
  }

  int[] rulesOfKeyword(int keyword) {
    return rulesByKeyword.get(keyword);
  }

  /** The file marker a keyword is, or null. */
  String markerOfKeyword(int keyword) {
    return markerByKeyword.get(keyword);
  }
}
