package io.apigw5xx.responder.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.apigw5xx.responder.JsonMappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;

/**
 * Reads and writes evidence bundles. Reading validates against {@code evidence-bundle.schema.json} first,
 * so a hand-edited or truncated bundle fails with the offending field named instead of a null later on.
 */
public final class BundleCodec {

    public static final String SCHEMA_RESOURCE = "/evidence-bundle.schema.json";

    private final ObjectMapper mapper;
    private final JsonSchema schema;
    private final JsonSchema evidenceSchema;

    public BundleCodec() {
        this(JsonMappers.create());
    }

    public BundleCodec(ObjectMapper mapper) {
        this.mapper = mapper;
        try (InputStream in = BundleCodec.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + SCHEMA_RESOURCE + " missing from the jar");
            }
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
            this.schema = factory.getSchema(in);
            this.evidenceSchema = factory.getSchema(
                    SchemaLocation.of("classpath:" + SCHEMA_RESOURCE.substring(1) + "#/$defs/evidence"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String write(EvidenceBundle bundle) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(bundle);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialise evidence bundle", e);
        }
    }

    /** @param source names the input in error messages (a file name, "scenario x") */
    public EvidenceBundle read(String json, String source) {
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidBundleException(source, List.of("not JSON: " + e.getOriginalMessage()));
        }
        return read(tree, source);
    }

    public EvidenceBundle read(JsonNode tree, String source) {
        validate(schema, tree, source);
        return mapper.convertValue(tree, EvidenceBundle.class);
    }

    /** Reads only the evidence part (scenarios keep it next to a raw trigger event). */
    public Evidence readEvidence(JsonNode tree, String source) {
        validate(evidenceSchema, tree, source);
        return mapper.convertValue(tree, Evidence.class);
    }

    public JsonNode toTree(Object value) {
        return mapper.valueToTree(value);
    }

    private static void validate(JsonSchema target, JsonNode tree, String source) {
        List<String> problems = target.validate(tree).stream()
                .sorted(Comparator.comparing(m -> m.getInstanceLocation().toString()))
                .map(ValidationMessage::getMessage)
                .distinct()
                .toList();
        if (!problems.isEmpty()) {
            throw new InvalidBundleException(source, problems);
        }
    }
}
