package dev.portcullis.scan;

import dev.portcullis.inventory.Inventory;
import dev.portcullis.secret.SecretScanner;
import java.io.IOException;

/** Reads what a scan target contains: an image, a directory, an SBOM, a stored inventory. */
@FunctionalInterface
public interface InventoryReader {
  /**
   * @param packages whether packages are wanted
   * @param secrets looks for secrets; null not to
   */
  Inventory read(boolean packages, SecretScanner secrets) throws IOException;
}
