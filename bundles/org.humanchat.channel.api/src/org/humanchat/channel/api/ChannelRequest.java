package org.humanchat.channel.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request under {@code /channels/{channelId}}.
 *
 * @param path    what follows the channel id, starting with {@code /}, or empty
 * @param headers header names in lower case
 * @param body    the raw body, exactly as received (signatures are computed over it)
 */
public record ChannelRequest(String method, String path, Map<String, List<String>> query,
        Map<String, List<String>> headers, byte[] body, String remoteAddress) {

    public ChannelRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public Optional<String> queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean is(String method, String path) {
        return this.method.equalsIgnoreCase(method) && this.path.equals(path);
    }
}
