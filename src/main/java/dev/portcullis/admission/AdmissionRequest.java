package dev.portcullis.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The request of an {@code admission.k8s.io/v1} AdmissionReview, as the API server sends it: the
 * fields a validating webhook judges by.
 *
 * @param uid the request's id, echoed in the response
 * @param kind the object's kind ({@code kind.kind}); for a subresource, the subresource's kind
 * @param subResource {@code ephemeralcontainers}, {@code status}, ...; empty for the object itself
 * @param namespace empty for cluster-scoped objects
 * @param operation CREATE, UPDATE, DELETE or CONNECT
 * @param object the object as it would be stored; null for DELETE
 * @param oldObject the object as stored now, for UPDATE; else null
 * @param dryRun whether the API server will not persist the object: the webhook must leave no state
 */
public record AdmissionRequest(
    String uid,
    String kind,
    String subResource,
    String namespace,
    String name,
    String operation,
    JsonNode object,
    JsonNode oldObject,
    boolean dryRun) {

  /** The API version this webhook speaks. */
  public static final String API_VERSION = "admission.k8s.io/v1";

  /**
   * Reads a review.
   *
   * @throws MalformedReviewException saying what is wrong, with the uid when it could be read
   */
  public static AdmissionRequest read(JsonNode review) {
    if (review == null || !review.isObject()) {
      throw new MalformedReviewException("", "the body is not a JSON object");
    }
    JsonNode request = review.get("request");
    String uid =
        request != null && request.path("uid").isTextual() ? request.path("uid").asText() : "";
    if (!"AdmissionReview".equals(review.path("kind").asText())) {
      throw new MalformedReviewException(uid, "kind is not AdmissionReview");
    }
    if (!API_VERSION.equals(review.path("apiVersion").asText())) {
      throw new MalformedReviewException(
          uid,
          "apiVersion '"
              + review.path("apiVersion").asText()
              + "' is not "
              + API_VERSION
              + "; set admissionReviewVersions: [v1]");
    }
    if (request == null || !request.isObject()) {
      throw new MalformedReviewException(uid, "there is no request");
    }
    if (uid.isEmpty()) {
      throw new MalformedReviewException(uid, "request.uid is missing");
    }
    String operation = text(request, "operation").toUpperCase(Locale.ROOT);
    if (!operation.matches("CREATE|UPDATE|DELETE|CONNECT")) {
      throw new MalformedReviewException(
          uid, "request.operation '" + operation + "' is not CREATE, UPDATE, DELETE or CONNECT");
    }
    String kind = request.path("kind").path("kind").asText("");
    if (kind.isEmpty()) {
      throw new MalformedReviewException(uid, "request.kind.kind is missing");
    }
    JsonNode object = objectOrNull(request, "object", uid);
    JsonNode oldObject = objectOrNull(request, "oldObject", uid);
    if (object == null && (operation.equals("CREATE") || operation.equals("UPDATE"))) {
      throw new MalformedReviewException(uid, "request.object is missing for " + operation);
    }
    JsonNode dryRun = request.get("dryRun");
    if (dryRun != null && !dryRun.isBoolean() && !dryRun.isNull()) {
      throw new MalformedReviewException(uid, "request.dryRun is not a boolean");
    }
    return new AdmissionRequest(
        uid,
        kind,
        text(request, "subResource"),
        text(request, "namespace"),
        text(request, "name"),
        operation,
        object,
        oldObject,
        dryRun != null && dryRun.asBoolean());
  }

  /** {@code Deployment team/web}, for messages. */
  public String describe() {
    String objectName = name;
    if (objectName.isEmpty() && object != null) {
      objectName = object.path("metadata").path("generateName").asText("");
    }
    return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + objectName;
  }

  private static String text(JsonNode request, String field) {
    JsonNode value = request.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }

  private static JsonNode objectOrNull(JsonNode request, String field, String uid) {
    JsonNode value = request.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw new MalformedReviewException(uid, "request." + field + " is not an object");
    }
    return value;
  }
}
