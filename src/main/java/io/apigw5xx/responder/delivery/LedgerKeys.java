package io.apigw5xx.responder.delivery;

import io.apigw5xx.responder.incident.ApiType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The incident ledger's key formats, shared by the writer ({@link IncidentLedger}, in the responder) and the
 * front door's read-only history: both must spell an API stage the same way.
 */
public final class LedgerKeys {

    /** Sparse index of completed ALARM investigations: partition {@code apiKey}, sort {@code at}. */
    public static final String GSI_BY_API = "byApi";

    /** Partition key prefix of a manual re-run's item: the front door hands the id out before the run starts. */
    public static final String INVESTIGATION_PREFIX = "investigation#";
    /** Sort key prefix of a manual re-run's item, followed by the moment it asked about. */
    public static final String RUN_PREFIX = "RUN#";

    /** Fixed-width UTC, so sort keys and {@code at} order as text the way they do as time. */
    static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private LedgerKeys() {}

    /** {@code pk} of the item of the manual re-run with this id (a UUID, checked by the trigger parser). */
    public static String investigationPk(String investigationId) {
        return INVESTIGATION_PREFIX + investigationId;
    }

    /** {@code sk} of the item of a manual re-run about the moment {@code at}. */
    public static String runSk(Instant at) {
        return RUN_PREFIX + SORTABLE.format(at);
    }

    /**
     * {@code region#type#api#stage}, where {@code api} is {@code id:<api id>} when the id was known, else
     * {@code name:<api name>} (REST alarms carry the name).
     */
    public static String apiKey(String region, ApiType type, String apiId, String apiName, String stage) {
        String api = apiId != null && !apiId.isBlank() ? "id:" + apiId : "name:" + apiName;
        return String.join("#", region, type.name(), api, stage);
    }
}
