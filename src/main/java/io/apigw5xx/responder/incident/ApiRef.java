package io.apigw5xx.responder.incident;

import java.util.Objects;

/**
 * The API an incident is about. REST alarms name the API ({@code ApiName} dimension) and the id must be
 * resolved later (names can repeat); HTTP API alarms carry the id ({@code ApiId}).
 */
public record ApiRef(ApiType type, String name, String id) {

    public ApiRef {
        Objects.requireNonNull(type, "type");
        if (isBlank(name) && isBlank(id)) {
            throw new IllegalArgumentException("an API needs a name or an id");
        }
    }

    public static ApiRef restByName(String name) {
        return new ApiRef(ApiType.REST, name, null);
    }

    public static ApiRef restById(String id) {
        return new ApiRef(ApiType.REST, null, id);
    }

    public static ApiRef http(String id) {
        return new ApiRef(ApiType.HTTP, null, id);
    }

    public ApiRef withId(String resolvedId) {
        return new ApiRef(type, name, resolvedId);
    }

    /** What a person calls the API: its name when known, else its id. */
    public String label() {
        return isBlank(name) ? id : name;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
