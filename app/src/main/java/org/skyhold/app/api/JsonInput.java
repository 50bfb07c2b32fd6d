package org.skyhold.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.skyhold.app.settings.SettingsMerge;
import org.skyhold.app.web.JsonErrorResponse;

/**
 * Turns a JSON request body into the field-name-to-raw-text map the settings services take, so JSON and forms
 * go through the same parsing: {@code null} clears a field (secrets too: it becomes {@link SettingsMerge#CLEAR}),
 * numbers and booleans become their text, lists and objects their JSON text.
 */
public final class JsonInput {
    private JsonInput() {
    }

    public static Map<String, String> fields(Context ctx, ObjectMapper json) {
        JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the offending token, which may be a secret the caller sent: give the place only
            throw new JsonErrorResponse(HttpStatus.BAD_REQUEST, "the body is not valid JSON" + (e.getLocation() == null
                    ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        if (body == null || !body.isObject()) {
            throw new JsonErrorResponse(HttpStatus.BAD_REQUEST, "the body must be a JSON object");
        }
        Map<String, String> fields = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            fields.put(e.getKey(), v.isNull() ? SettingsMerge.CLEAR : v.isValueNode() ? v.asText() : v.toString());
        }
        return fields;
    }
}
