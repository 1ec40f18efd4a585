package io.apigw5xx.responder.frontdoor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** Port: the incident ledger, read-only. Items come back as JSON objects with an {@code id} to fetch them by. */
public interface IncidentHistory {

    /** The latest completed investigations of an API stage, newest first; {@code api} is a name or an id. */
    List<ObjectNode> recent(String api, String stage, int limit);

    /** One investigation with its stored findings; empty when there is none with that id. */
    Optional<ObjectNode> byId(String id);
}
