package io.apigw5xx.responder.evidence;

import java.util.List;

/** A bundle that does not match evidence-bundle.schema.json; each problem names the field (JSON pointer). */
public class InvalidBundleException extends RuntimeException {

    private final List<String> problems;

    public InvalidBundleException(String source, List<String> problems) {
        super("invalid evidence bundle " + source + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
