package dev.portcullis.web;

import dev.portcullis.inventory.LayerInfo;
import dev.portcullis.tracking.FindingView;
import dev.portcullis.tracking.ImageContents;
import dev.portcullis.tracking.ImageView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One digest of one repository: where it runs, its last scan, and its open findings.
 *
 * @param signature the digest's signatures against the policy's signature rules
 * @param elsewhere the same digest in other repositories
 * @param truncated whether more open findings exist than the page lists
 * @param layers the layer that brought each package in, by {@link ImageContents#key}
 */
public record ImagePage(
    Viewer viewer,
    Instant now,
    ImageView image,
    SignatureLine signature,
    List<ImageView> elsewhere,
    List<FindingView> findings,
    boolean truncated,
    boolean hasInventory,
    Map<String, LayerInfo> layers) {

  public ImagePage {
    elsewhere = List.copyOf(elsewhere);
    findings = List.copyOf(findings);
    layers = Map.copyOf(layers);
  }

  public String sbomLink() {
    return PageFormat.sbomLink(image.repository(), image.digest());
  }

  /** The layer that brought the finding's package in; null where the inventory does not say. */
  public LayerInfo layer(FindingView finding) {
    return layers.get(ImageContents.key(finding.packageName(), finding.installedVersion()));
  }
}
