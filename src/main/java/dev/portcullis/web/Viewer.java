package dev.portcullis.web;

import dev.portcullis.access.Caller;
import dev.portcullis.access.Scope;

/**
 * Who is looking at a page, as the page needs to know: to show their name, to offer what only an
 * administrator may do, and to sign every form against cross-site requests.
 *
 * @param csrf the form token of this sign-in; empty for a reader without one
 */
public record Viewer(String name, boolean signedIn, boolean admin, String csrf) {

  static Viewer signedIn(Caller caller, String csrf) {
    return new Viewer(caller.name(), true, caller.may(Scope.ADMIN), csrf);
  }

  static Viewer anonymous() {
    return new Viewer("anonymous", false, false, "");
  }
}
