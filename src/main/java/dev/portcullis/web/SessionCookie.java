package dev.portcullis.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The dashboard's sign-in: the API token itself, in a cookie that scripts cannot read ({@code
 * HttpOnly}), that no other site's request carries ({@code SameSite=Strict}), and that travels only
 * over TLS when the server has it ({@code Secure}). Every request checks the token again, so a
 * revoked or expired token ends the session at once, and nothing is kept on the server: any replica
 * serves any request.
 *
 * <p>Forms carry a second value, derived from the token with HMAC-SHA256: another site cannot
 * compute it without the token, so a forged form is refused even where a browser sends the cookie.
 */
final class SessionCookie {

  static final String NAME = "portcullis_session";

  /** The browser drops the cookie after this long; the token's own expiry may end it earlier. */
  private static final int MAX_AGE_SECONDS = 12 * 60 * 60;

  private SessionCookie() {}

  /** The token the browser presents; null without the cookie. */
  static String token(Context ctx) {
    return ctx.cookie(NAME);
  }

  static void set(Context ctx, String token) {
    ctx.cookie(cookie(ctx, token, MAX_AGE_SECONDS));
  }

  static void clear(Context ctx) {
    ctx.cookie(cookie(ctx, "", 0));
  }

  private static Cookie cookie(Context ctx, String value, int maxAge) {
    return new Cookie(NAME, value, "/ui", maxAge, secure(ctx), true, null, SameSite.STRICT);
  }

  /** The form token of a sign-in with this API token. */
  static String csrf(String token) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] value = mac.doFinal("portcullis dashboard form".getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java has HmacSHA256", e);
    }
  }

  /** Whether a form's token is the one of this sign-in, compared in constant time. */
  static boolean csrfMatches(String token, String presented) {
    if (token == null || presented == null) {
      return false;
    }
    return MessageDigest.isEqual(
        csrf(token).getBytes(StandardCharsets.US_ASCII),
        presented.getBytes(StandardCharsets.US_ASCII));
  }

  private static boolean secure(Context ctx) {
    return "https".equalsIgnoreCase(ctx.scheme());
  }
}
