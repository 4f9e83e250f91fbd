package dev.portcullis.artifact;

import dev.portcullis.inventory.Package;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Marks the language packages an OS package installed: a Python distribution, jar or gem whose
 * metadata file a dpkg, apk or rpm file list names. The distribution patches those (Debian's
 * python3-urllib3 carries backported fixes), so the reports name the owner and the matcher judges
 * them by the distribution's advisories.
 */
final class OsOwnership {

  private OsOwnership() {}

  static List<Package> mark(List<Package> packages) {
    Map<String, String> ownerByFile = new HashMap<>();
    for (Package pkg : packages) {
      if (pkg.managedByOs()) {
        pkg.files().forEach(file -> ownerByFile.putIfAbsent(file, pkg.name()));
      }
    }
    if (ownerByFile.isEmpty()) {
      return packages;
    }
    return packages.stream()
        .map(
            pkg -> {
              String owner =
                  pkg.managedByOs() || pkg.foundIn() == null
                      ? null
                      : ownerByFile.get("/" + pkg.containingFile());
              return owner == null ? pkg : pkg.withOwner(owner);
            })
        .toList();
  }
}
