package io.apigw5xx.responder.evidence;

import io.apigw5xx.responder.incident.ApiRef;
import java.util.List;

/**
 * The stages of an API, read to narrow an API-wide alarm.
 *
 * @param api    the API with its id resolved (a REST alarm names the API by name)
 * @param stages stage names as API Gateway lists them
 */
public record ApiStages(ApiRef api, List<String> stages) {

    public ApiStages {
        stages = List.copyOf(stages);
    }
}
