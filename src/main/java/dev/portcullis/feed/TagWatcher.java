package dev.portcullis.feed;

import dev.portcullis.image.Digest;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.registry.RepositoryQueries;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Polls a watched repository's tags, so that a moved tag is noticed without a webhook: lists the
 * tags, asks the registry with HEAD which manifest each watched tag names, and compares with what
 * the last poll saw.
 */
public final class TagWatcher {

  /** Tags looked up per poll unless configured otherwise; each costs one HEAD request. */
  public static final int DEFAULT_MAX_TAGS = 200;

  private final TagFilter filter;
  private final int maxTags;

  /**
   * @param maxTags the most tags looked up in one poll; the rest keep their last known digest
   */
  public TagWatcher(TagFilter filter, int maxTags) {
    if (maxTags < 1) {
      throw new IllegalArgumentException("at least one tag must be examined per poll");
    }
    this.filter = filter;
    this.maxTags = maxTags;
  }

  /**
   * One poll.
   *
   * @param repository the queries of the watched repository's registry client
   * @param known each watched tag's digest as the last poll returned it; empty the first time
   */
  public TagPoll poll(RepositoryQueries repository, Map<String, Digest> known) throws IOException {
    Set<String> listed = new TreeSet<>();
    for (String tag : repository.tags()) {
      // A tag outside the grammar would end up in a request path: not one to follow.
      if (ImageReference.isTag(tag) && filter.matches(tag)) {
        listed.add(tag);
      }
    }
    Map<String, Digest> now = new TreeMap<>();
    List<TagChange> changes = new ArrayList<>();
    int examined = 0;
    for (String tag : newTagsFirst(listed, known)) {
      Digest before = known.get(tag);
      if (examined == maxTags) {
        if (before != null) {
          now.put(tag, before);
        }
        continue;
      }
      examined++;
      Digest digest = repository.manifestDigest(tag);
      now.put(tag, digest);
      if (!digest.equals(before)) {
        changes.add(new TagChange(tag, before, digest));
      }
    }
    for (Map.Entry<String, Digest> entry : new TreeMap<>(known).entrySet()) {
      if (filter.matches(entry.getKey()) && !listed.contains(entry.getKey())) {
        changes.add(new TagChange(entry.getKey(), entry.getValue(), null));
      }
    }
    changes.sort(Comparator.comparing(TagChange::tag));
    return new TagPoll(now, changes, listed.size() - examined);
  }

  /**
   * Tags never seen come first, so that when the cap cuts a poll short a new push is still found;
   * then the known tags, in tag order.
   */
  private static List<String> newTagsFirst(Set<String> listed, Map<String, Digest> known) {
    List<String> order = new ArrayList<>();
    listed.stream().filter(tag -> !known.containsKey(tag)).forEach(order::add);
    listed.stream().filter(known::containsKey).forEach(order::add);
    return order;
  }
}
