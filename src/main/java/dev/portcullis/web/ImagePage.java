package dev.portcullis.web;

import dev.portcullis.inventory.Attribution;
import dev.portcullis.inventory.LayerInfo;
import dev.portcullis.inventory.Origin;
import dev.portcullis.tracking.FindingView;
import dev.portcullis.tracking.ImageContents;
import dev.portcullis.tracking.ImageView;
import java.time.Instant;
import java.util.List;

/**
 * One digest of one repository: where it runs, its last scan, and its open findings.
 *
 * @param signature the digest's signatures against the policy's signature rules
 * @param elsewhere the same digest in other repositories
 * @param truncated whether more open findings exist than the page lists
 * @param placement the layer that brought each package in, and which layers are the base image's
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
    ImageContents.Placement placement) {

  public ImagePage {
    elsewhere = List.copyOf(elsewhere);
    findings = List.copyOf(findings);
  }

  public String sbomLink() {
    return PageFormat.sbomLink(image.repository(), image.digest());
  }

  /** The layer that brought the finding's package in; null where the inventory does not say. */
  public LayerInfo layer(FindingView finding) {
    return placement
        .layers()
        .get(ImageContents.key(finding.packageName(), finding.installedVersion()));
  }

  /** Whether the finding's package came with the base image, from the application, or unknown. */
  public Origin origin(FindingView finding) {
    return placement.origin(layer(finding));
  }

  /** The base image line: which it is and how it was told, or why it is not known. */
  public String baseImage() {
    Attribution attribution = placement.attribution();
    if (attribution == null) {
      return "not recorded: the stored inventory predates base-image attribution, or the image"
          + " was submitted as a report or a CycloneDX SBOM";
    }
    if (!attribution.isKnown()) {
      return "unknown: " + attribution.unknownReason();
    }
    String name = attribution.baseImage() == null ? "scratch" : attribution.baseImage();
    String digest = attribution.baseDigest() == null ? "" : "@" + attribution.baseDigest();
    return name
        + digest
        + " ("
        + attribution.baseDiffIds().size()
        + " layer"
        + (attribution.baseDiffIds().size() == 1 ? "" : "s")
        + ", "
        + (attribution.isGuess()
            ? "a guess from the layer history"
            : "identified by " + attribution.method().label())
        + ")";
  }
}
