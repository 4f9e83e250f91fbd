package dev.portcullis.testing;

import dev.portcullis.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the portcullis command line in-process and captures what it prints. */
public final class Cli {

  /** The outcome of one run. */
  public record Result(int exitCode, String out, String err) {}

  private Cli() {}

  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(exit, out.toString(), err.toString());
  }
}
