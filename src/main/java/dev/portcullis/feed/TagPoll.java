package dev.portcullis.feed;

import dev.portcullis.image.Digest;
import java.util.List;
import java.util.Map;

/**
 * What one poll of a watched repository found.
 *
 * @param tags every watched tag and the digest it names, to pass to the next poll: the examined
 *     tags with their digest now, and tags left unexamined with the digest they had
 * @param changes the tags added, moved and removed, in tag order
 * @param unexamined watched tags not looked up because of the cap on tags per poll
 */
public record TagPoll(Map<String, Digest> tags, List<TagChange> changes, int unexamined) {

  public TagPoll {
    tags = Map.copyOf(tags);
    changes = List.copyOf(changes);
  }
}
