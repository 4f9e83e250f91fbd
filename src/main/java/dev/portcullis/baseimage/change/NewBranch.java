package dev.portcullis.baseimage.change;

/**
 * A branch made by {@link GitWorkTree#commitOnNewBranch}: its name, the commit it points at and
 * that commit's parent (the HEAD it was made from), as full hexadecimal ids.
 */
public record NewBranch(BranchName branch, String commitId, String parentId) {}
