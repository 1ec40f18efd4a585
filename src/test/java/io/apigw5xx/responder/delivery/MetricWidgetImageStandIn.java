package io.apigw5xx.responder.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;

/**
 * CloudWatch GetMetricWidgetImage (moto 5.2.5 does not implement it) on 127.0.0.1 in its wire format, the AWS
 * Query protocol: a form POST {@code Action=GetMetricWidgetImage&Version=2010-08-01&MetricWidget=<JSON>&OutputFormat=png},
 * answered with {@code GetMetricWidgetImageResponse/GetMetricWidgetImageResult/MetricWidgetImage} holding the
 * PNG in base64, or an {@code ErrorResponse} (400 InvalidParameterInput for a widget that is not JSON or has
 * no or more than 100 metrics). The PNG is a real one, drawn here, so callers can check its signature.
 */
public final class MetricWidgetImageStandIn implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final List<JsonNode> widgets = new CopyOnWriteArrayList<>();
    private final byte[] png;
    private volatile int failWith;

    public MetricWidgetImageStandIn() throws IOException {
        BufferedImage image = new BufferedImage(80, 40, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        png = out.toByteArray();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public byte[] png() {
        return png.clone();
    }

    public List<JsonNode> widgets() {
        return widgets;
    }

    /** Every call answers this HTTP status with an AWS error (e.g. 400 for AccessDenied, 503 for throttling). */
    public void failWith(int status) {
        failWith = status;
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (failWith != 0) {
            error(exchange, failWith, failWith == 400 ? "AccessDenied" : "ServiceUnavailable", "stand-in told to fail");
            return;
        }
        if (!"GetMetricWidgetImage".equals(form.get("Action"))) {
            error(exchange, 400, "InvalidAction", "not GetMetricWidgetImage: " + form.get("Action"));
            return;
        }
        JsonNode widget;
        try {
            widget = json.readTree(form.getOrDefault("MetricWidget", ""));
        } catch (IOException e) {
            error(exchange, 400, "InvalidParameterInput", "MetricWidget is not JSON");
            return;
        }
        int metrics = widget == null ? 0 : widget.path("metrics").size();
        if (metrics < 1 || metrics > 100) {
            error(exchange, 400, "InvalidParameterInput", "The widget must have between 1 and 100 metrics");
            return;
        }
        widgets.add(widget);
        String body = "<GetMetricWidgetImageResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                + "<GetMetricWidgetImageResult><MetricWidgetImage>" + Base64.getEncoder().encodeToString(png)
                + "</MetricWidgetImage></GetMetricWidgetImageResult>"
                + "<ResponseMetadata><RequestId>6f1c0d2e-0000-4000-8000-000000000001</RequestId></ResponseMetadata>"
                + "</GetMetricWidgetImageResponse>";
        send(exchange, 200, body);
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        send(exchange, status, "<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><Error><Type>Sender</Type>"
                + "<Code>" + code + "</Code><Message>" + message + "</Message></Error>"
                + "<RequestId>6f1c0d2e-0000-4000-8000-000000000002</RequestId></ErrorResponse>");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
