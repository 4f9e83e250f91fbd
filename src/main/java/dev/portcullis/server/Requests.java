package dev.portcullis.server;

import dev.portcullis.access.Caller;
import dev.portcullis.access.Scope;
import dev.portcullis.tracking.FindingFilter;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/** What every route asks of a request: who sent it, and whether they may. */
final class Requests {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = FindingFilter.MAX_LIMIT;

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

  /** Refuses a read without the read scope, unless the server lets anyone read. */
  static void requireRead(Context ctx, boolean anonymousReads) {
    if (!anonymousReads) {
      require(ctx, Scope.READ);
    }
  }

  /** A page's size: {@code limit}, 1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}. */
  static int limit(Context ctx) {
    return (int) number(ctx, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
  }

  /** Where a page starts: {@code after}, the {@code next} of the previous page; 0 for the first. */
  static long after(Context ctx) {
    return number(ctx, "after", 0, Long.MAX_VALUE, 0);
  }

  /** A page of items as every list answers it: the items, and {@code next} if more may follow. */
  static <T> Map<String, Object> page(String name, List<T> items, int limit, ToLongFunction<T> id) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put(name, items);
    if (items.size() == limit) {
      answer.put("next", id.applyAsLong(items.get(items.size() - 1)));
    }
    return answer;
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

  /** A query parameter that is {@code true} or {@code false}, or null. */
  static Boolean bool(Context ctx, String name) {
    String text = Requests.parameter(ctx, name, 5);
    if (text == null) {
      return null;
    }
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiError.badRequest(name + ": true or false");
    };
  }

  /** A whole-number query parameter within [min, max], else {@code otherwise}. */
  static long number(Context ctx, String name, long min, long max, long otherwise) {
    String text = Requests.parameter(ctx, name, 19);
    if (text == null) {
      return otherwise;
    }
    try {
      long value = Long.parseLong(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw ApiError.badRequest(name + ": a whole number from " + min + " to " + max);
  }
}
