package dev.sipcredentials.deepslate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sipcredentials.provisioning.OrganizationCredential;
import dev.sipcredentials.provisioning.StoredOrganizationCredential;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * deepslate's standard response wrapper: {@code success}, {@code timestamp}, {@code message}, {@code data},
 * {@code traceId}; failures add a machine-readable {@code code}. The password has no way in: no method takes it.
 */
final class ApiResponseJson {
    private static final JsonFactory JSON = new JsonFactory();

    private ApiResponseJson() {
    }

    static String created(OrganizationCredential credential, Instant now, String traceId) {
        return written(credential, "SIP credentials created successfully", now, traceId);
    }

    /** deepslate's reference does not quote the update's message; ours follows its read's wording. */
    static String updated(OrganizationCredential credential, Instant now, String traceId) {
        return written(credential, "Successfully updated sip credentials", now, traceId);
    }

    private static String written(OrganizationCredential credential, String message, Instant now, String traceId) {
        return write(generator -> {
            generator.writeBooleanField("success", true);
            generator.writeStringField("timestamp", timestamp(now));
            generator.writeStringField("message", message);
            generator.writeObjectFieldStart("data");
            generator.writeStringField("id", credential.id().toString());
            generator.writeStringField("hostname", credential.login().hostname());
            generator.writeNumberField("port", credential.login().port());
            generator.writeStringField("username", credential.login().username());
            generator.writeNumberField("maxAgentTasks", credential.maxAgentTasks());
            generator.writeEndObject();
            generator.writeStringField("traceId", traceId);
        });
    }

    static String retrieved(StoredOrganizationCredential credential, Instant now, String traceId) {
        return write(generator -> {
            generator.writeBooleanField("success", true);
            generator.writeStringField("timestamp", timestamp(now));
            generator.writeStringField("message", "Successfully retrieved sip credentials");
            generator.writeObjectFieldStart("data");
            generator.writeStringField("id", credential.id().toString());
            generator.writeStringField("hostname", credential.hostname());
            generator.writeNumberField("port", credential.port());
            generator.writeStringField("username", credential.username());
            generator.writeNumberField("maxAgentTasks", credential.maxAgentTasks());
            generator.writeEndObject();
            generator.writeStringField("traceId", traceId);
        });
    }

    /** A page of the organization's listing: {@code data: {items: [...], nextCursor}} ({@code null}: the last page). */
    static String listed(List<StoredOrganizationCredential> credentials, String nextCursor, Instant now,
                         String traceId) {
        return write(generator -> {
            generator.writeBooleanField("success", true);
            generator.writeStringField("timestamp", timestamp(now));
            generator.writeStringField("message", "Successfully retrieved sip credentials");
            generator.writeObjectFieldStart("data");
            generator.writeArrayFieldStart("items");
            for (StoredOrganizationCredential credential : credentials) {
                generator.writeStartObject();
                generator.writeStringField("id", credential.id().toString());
                generator.writeStringField("hostname", credential.hostname());
                generator.writeNumberField("port", credential.port());
                generator.writeStringField("username", credential.username());
                generator.writeNumberField("maxAgentTasks", credential.maxAgentTasks());
                generator.writeEndObject();
            }
            generator.writeEndArray();
            if (nextCursor == null) {
                generator.writeNullField("nextCursor");
            } else {
                generator.writeStringField("nextCursor", nextCursor);
            }
            generator.writeEndObject();
            generator.writeStringField("traceId", traceId);
        });
    }

    static String deleted(Instant now, String traceId) {
        return write(generator -> {
            generator.writeBooleanField("success", true);
            generator.writeStringField("timestamp", timestamp(now));
            generator.writeStringField("message", "Successfully deleted sip credentials");
            generator.writeNullField("data");
            generator.writeStringField("traceId", traceId);
        });
    }

    static String failure(DeepslateError error, String message, List<FieldError> fields, Instant now, String traceId) {
        return write(generator -> {
            generator.writeBooleanField("success", false);
            generator.writeStringField("timestamp", timestamp(now));
            generator.writeStringField("message", message != null ? message : error.message());
            generator.writeStringField("code", error.name());
            if (fields != null && !fields.isEmpty()) {
                generator.writeArrayFieldStart("data");
                for (FieldError field : fields) {
                    generator.writeStartObject();
                    generator.writeStringField("field", field.field());
                    generator.writeStringField("message", field.message());
                    generator.writeEndObject();
                }
                generator.writeEndArray();
            } else {
                generator.writeNullField("data");
            }
            generator.writeStringField("traceId", traceId);
        });
    }

    private static String timestamp(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private interface Fields {
        void write(JsonGenerator generator) throws IOException;
    }

    private static String write(Fields fields) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.writeStartObject();
            fields.write(generator);
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
