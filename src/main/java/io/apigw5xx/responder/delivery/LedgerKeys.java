package io.apigw5xx.responder.delivery;

import io.apigw5xx.responder.incident.ApiType;

/**
 * The incident ledger's key formats, shared by the writer ({@link IncidentLedger}, in the responder) and the
 * front door's read-only history: both must spell an API stage the same way.
 */
public final class LedgerKeys {

    /** Sparse index of completed ALARM investigations: partition {@code apiKey}, sort {@code at}. */
    public static final String GSI_BY_API = "byApi";

    private LedgerKeys() {}

    /**
     * {@code region#type#api#stage}, where {@code api} is {@code id:<api id>} when the id was known, else
     * {@code name:<api name>} (REST alarms carry the name).
     */
    public static String apiKey(String region, ApiType type, String apiId, String apiName, String stage) {
        String api = apiId != null && !apiId.isBlank() ? "id:" + apiId : "name:" + apiName;
        return String.join("#", region, type.name(), api, stage);
    }
}
