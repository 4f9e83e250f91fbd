package dev.portcullis.baseimage.change;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;

/**
 * One request that opens a pull or merge request, as a forge's API wants it, with the words its
 * error messages need.
 *
 * @param action what is attempted, for messages: "open a GitHub pull request for org/app from X
 *     into main"
 * @param headers besides Content-Type (JSON) and User-Agent, which every request sends
 * @param urlField the answer's field with the request's web address
 * @param scopeHint what the token needs, for a 403 answer
 */
record ForgeRequest(
    String action,
    URI uri,
    Map<String, String> headers,
    ObjectNode body,
    String urlField,
    String scopeHint,
    ProposedChange change) {}
