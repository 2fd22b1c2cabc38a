package dev.sipcredentials.it;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The embedded metric format's JSON schema (test resource emf-schema.json, written from the specification). */
final class EmfSchema {
    private static final Schema SCHEMA = load();

    private EmfSchema() {
    }

    private static Schema load() {
        try (InputStream in = EmfSchema.class.getResourceAsStream("/emf-schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema's complaints about one EMF document; empty when it conforms. */
    static List<String> violations(String document) {
        List<Error> errors = SCHEMA.validate(document, InputFormat.JSON);
        return errors.stream().map(Error::toString).toList();
    }
}
