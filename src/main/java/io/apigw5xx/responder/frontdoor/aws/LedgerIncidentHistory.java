package io.apigw5xx.responder.frontdoor.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.delivery.LedgerKeys;
import io.apigw5xx.responder.frontdoor.BadRequestException;
import io.apigw5xx.responder.frontdoor.IncidentHistory;
import io.apigw5xx.responder.frontdoor.IncidentIds;
import io.apigw5xx.responder.incident.ApiType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The incident ledger (written by the responder's {@code IncidentLedger}) read with Query and GetItem only.
 * An incident's id is its key ({@link IncidentIds}). The history lists alarm transitions only (the byApi index);
 * a re-run's item is read by the id {@code POST /investigations} answered with.
 * Item attributes come back as JSON as they are (a field the responder adds later shows up without a change
 * here); the stored findings, a JSON string, come back parsed.
 */
public final class LedgerIncidentHistory implements IncidentHistory {

    /** Bookkeeping of the dedupe lock and the TTL, of no use to a reader. */
    private static final Set<String> INTERNAL = Set.of("pk", "sk", "leaseUntil", "expiresAt", "apiKey");

    private final Supplier<DynamoDbClient> ddb;
    private final String table;
    private final String region;
    private final ObjectMapper json;

    public LedgerIncidentHistory(Supplier<DynamoDbClient> ddb, String table, String region, ObjectMapper json) {
        this.ddb = Objects.requireNonNull(ddb, "ddb");
        this.table = Objects.requireNonNull(table, "table");
        this.region = Objects.requireNonNull(region, "region");
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public List<ObjectNode> recent(String api, String stage, int limit) {
        // The responder keys an API stage by id when it knew the id, else by the REST API's name, so a caller's
        // "api" may match any of three keys; each is one Query, merged newest first.
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (String key : List.of(
                LedgerKeys.apiKey(region, ApiType.REST, null, api, stage),
                LedgerKeys.apiKey(region, ApiType.REST, api, null, stage),
                LedgerKeys.apiKey(region, ApiType.HTTP, api, null, stage))) {
            items.addAll(ddb.get().query(q -> q.tableName(table).indexName(LedgerKeys.GSI_BY_API)
                    .keyConditionExpression("apiKey = :k")
                    .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(key)))
                    .scanIndexForward(false).limit(limit)).items());
        }
        return items.stream()
                .sorted(Comparator.comparing((Map<String, AttributeValue> i) -> str(i, "at")).reversed())
                .limit(limit)
                .map(item -> toJson(item, false))
                .toList();
    }

    @Override
    public Optional<ObjectNode> byId(String id) {
        IncidentIds.Key key = IncidentIds.key(id);
        Map<String, AttributeValue> item = ddb.get().getItem(r -> r.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS(key.pk()), "sk", AttributeValue.fromS(key.sk())))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toJson(item, true));
    }

    private ObjectNode toJson(Map<String, AttributeValue> item, boolean withFindings) {
        ObjectNode node = json.createObjectNode();
        String pk = str(item, "pk");
        String sk = str(item, "sk");
        node.put("id", IncidentIds.of(pk, sk));
        if (pk.startsWith(LedgerKeys.INVESTIGATION_PREFIX)) {
            // A re-run: its moment is the item's "at"; it has no alarm and no transition.
            node.put("investigationId", pk.substring(LedgerKeys.INVESTIGATION_PREFIX.length()));
        } else {
            node.put("alarmArn", pk);
            if (sk.indexOf('#') > 0) {
                node.put("transition", sk.substring(0, sk.indexOf('#')));
                node.put("stateChangeTime", sk.substring(sk.indexOf('#') + 1));
            }
        }
        item.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (INTERNAL.contains(e.getKey()) || e.getKey().equals("findings")) {
                return;
            }
            node.set(e.getKey(), value(e.getValue()));
        });
        if (withFindings && item.containsKey("findings")) {
            try {
                node.set("findings", json.readTree(item.get("findings").s()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                node.put("findings", item.get("findings").s());
            }
        }
        return node;
    }

    private JsonNode value(AttributeValue v) {
        if (v.s() != null) {
            return json.getNodeFactory().textNode(v.s());
        }
        if (v.n() != null) {
            return json.getNodeFactory().numberNode(new BigDecimal(v.n()));
        }
        if (v.bool() != null) {
            return json.getNodeFactory().booleanNode(v.bool());
        }
        if (v.hasM()) {
            ObjectNode m = json.createObjectNode();
            v.m().forEach((k, inner) -> m.set(k, value(inner)));
            return m;
        }
        if (v.hasL()) {
            ArrayNode l = json.createArrayNode();
            v.l().forEach(inner -> l.add(value(inner)));
            return l;
        }
        if (v.hasSs()) {
            ArrayNode l = json.createArrayNode();
            v.ss().forEach(l::add);
            return l;
        }
        return json.getNodeFactory().nullNode();
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.s() == null ? "" : v.s();
    }
}
