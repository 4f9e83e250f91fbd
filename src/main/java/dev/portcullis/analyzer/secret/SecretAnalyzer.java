package dev.portcullis.analyzer.secret;

import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.secret.SecretMatch;
import dev.portcullis.secret.SecretScanner;
import java.io.IOException;
import java.util.List;

/**
 * Secrets in every text file of every layer, on the same walk as the package analyzers. Results are
 * per layer: the inventory keeps those of files a later layer removed or replaced too, since the
 * layer still ships them.
 */
public final class SecretAnalyzer implements Analyzer {

  public static final String TYPE = "secret";

  /** Trivy's bound too: a file this short holds no credential worth a rule. */
  private static final long MIN_SIZE = 10;

  private final SecretScanner scanner;

  public SecretAnalyzer(SecretScanner scanner) {
    this.scanner = scanner;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public int version() {
    return 2;
  }

  @Override
  public String configuration() {
    return scanner.rules().fingerprint();
  }

  @Override
  public boolean required(String path, long size) {
    return size >= MIN_SIZE && !scanner.rules().skips(path);
  }

  @Override
  public long maxFileSize() {
    return scanner.rules().maxFileSize();
  }

  @Override
  public boolean textOnly() {
    return true;
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    List<SecretMatch> found = scanner.scan(input.path(), input.size(), input.content());
    return AnalysisResult.ofSecrets(TYPE, input.path(), found);
  }
}
