package dev.portcullis.misconfig.dockerfile;

/**
 * A here-document of a RUN, COPY or ADD ({@code RUN <<EOF ... EOF}).
 *
 * @param name the delimiter word
 * @param body the lines between the marker and the delimiter, joined by newlines
 * @param line the line of the first body line
 * @param terminated whether the delimiter line was found before the end of the file
 */
public record Heredoc(String name, String body, int line, boolean terminated) {}
