package io.apigw5xx.responder.incident;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an alarm's metric covers besides "one stage". An API-wide alarm ({@code ApiName} or {@code ApiId} without
 * {@code Stage}) covers every stage; the evidence gatherer narrows it to the stage carrying the errors and keeps
 * every stage's rate here. A per-method alarm (detailed metrics) adds the route's dimensions
 * ({@code Method}+{@code Resource}, or the HTTP API's {@code Route}).
 *
 * @param allStages       the alarm's metric has no Stage dimension
 * @param routeDimensions the alarm's route dimensions beyond API and stage, in the alarm's order; empty if none
 * @param stageRates      after narrowing: each stage's errors and requests, the investigated stage first; else empty
 */
public record AlarmScope(boolean allStages, Map<String, String> routeDimensions, List<StageRate> stageRates) {

    /** An ordinary per-stage alarm, a manual re-run, a CLI run. */
    public static final AlarmScope STAGE = new AlarmScope(false, Map.of(), List.of());

    public AlarmScope {
        routeDimensions = routeDimensions == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(routeDimensions));
        stageRates = stageRates == null ? List.of() : List.copyOf(stageRates);
    }

    public static AlarmScope apiWide() {
        return new AlarmScope(true, Map.of(), List.of());
    }

    public static AlarmScope route(Map<String, String> routeDimensions) {
        return new AlarmScope(false, routeDimensions, List.of());
    }

    public boolean hasRoute() {
        return !routeDimensions.isEmpty();
    }

    /** "GET /orders/{id}": the HTTP API's Route value, or Method and Resource; null without a route. */
    public String routeLabel() {
        if (routeDimensions.isEmpty()) {
            return null;
        }
        String route = routeDimensions.get("Route");
        if (route != null) {
            return route;
        }
        String method = routeDimensions.get("Method");
        String resource = routeDimensions.get("Resource");
        if (method != null && resource != null) {
            return method + " " + resource;
        }
        return routeDimensions.values().stream().collect(Collectors.joining(" "));
    }

    public AlarmScope withStageRates(List<StageRate> rates) {
        return new AlarmScope(allStages, routeDimensions, rates);
    }

    /**
     * One line for reports, or null for an ordinary stage alarm: "alarm covers every stage; failing: prod 12.1 %,
     * beta 0.4 %; no errors: dev".
     */
    public String summary() {
        if (!allStages) {
            return hasRoute() ? "alarm covers one route: " + routeLabel() : null;
        }
        StringBuilder line = new StringBuilder("alarm covers every stage");
        if (stageRates.isEmpty()) {
            return line.append("; the failing stage could not be told apart").toString();
        }
        List<String> failing = stageRates.stream().filter(r -> r.errors() > 0).map(StageRate::label).toList();
        List<String> clean = stageRates.stream().filter(r -> r.errors() == 0).map(StageRate::stage).toList();
        line.append("; failing: ").append(failing.isEmpty() ? "none yet" : String.join(", ", failing));
        if (!clean.isEmpty()) {
            line.append("; no errors: ").append(String.join(", ", clean));
        }
        return line.toString();
    }
}
