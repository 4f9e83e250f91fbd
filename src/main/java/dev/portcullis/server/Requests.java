package dev.portcullis.server;

import dev.portcullis.access.Caller;
import dev.portcullis.access.Scope;
import io.javalin.http.Context;

/** What every route asks of a request: who sent it, and whether they may. */
final class Requests {

  private static final String CALLER = "portcullis.caller";

  private Requests() {}

  static void setCaller(Context ctx, Caller caller) {
    ctx.attribute(CALLER, caller);
  }

  static Caller caller(Context ctx) {
    Caller caller = ctx.attribute(CALLER);
    return caller == null ? Caller.ANONYMOUS : caller;
  }

  /** Refuses the request unless its caller has the scope: 401 without a token, 403 with one. */
  static Caller require(Context ctx, Scope scope) {
    Caller caller = caller(ctx);
    if (caller.may(scope)) {
      return caller;
    }
    if (caller == Caller.ANONYMOUS) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"portcullis\"");
      throw new ApiError(401, "this needs a token with the '" + scope.label() + "' scope");
    }
    throw new ApiError(
        403, "the token '" + caller.name() + "' lacks the '" + scope.label() + "' scope");
  }

  /** A query parameter of at most {@code max} characters, or null. */
  static String parameter(Context ctx, String name, int max) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.length() > max) {
      throw ApiError.badRequest(name + ": at most " + max + " characters");
    }
    return value;
  }
}
