package dev.portcullis.tracking;

/**
 * An image in the dashboard's ranking: a repository's current digest, or a digest that runs in a
 * cluster, with what it carries that needs fixing.
 *
 * @param overdue its open findings past their deadline (see docs/server.md, "overdue")
 * @param critical its open CRITICAL findings, excepted ones included
 * @param high its open HIGH findings, excepted ones included
 * @param running whether it runs in a cluster, as the last cluster read saw it
 */
public record RankedImage(
    String repository,
    String digest,
    boolean current,
    boolean running,
    long overdue,
    long critical,
    long high) {}
