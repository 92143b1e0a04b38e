package dev.stackwright.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The plan's JSON Schema as checked into docs/schema, and a strict reading of it for tests: every object that lists
 * its properties takes no others, so the writer cannot emit a field the schema does not document (the schema itself
 * allows unknown fields, for readers of later additive versions).
 */
public final class PlanSchema {
  /** Where the schema lives, from the repository's root. */
  public static final String PATH = "docs/schema/plan-v1.schema.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private PlanSchema() {}

  /** The schema file, found from the working directory (a module's) upwards. */
  public static Path file() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(PATH);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(PATH + " not found above " + Path.of("").toAbsolutePath());
  }

  public static JsonNode tree() {
    try {
      return JSON.readTree(Files.readString(file()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema as checked in. */
  public static Schema asWritten() {
    return registry().getSchema(tree());
  }

  /** The schema with {@code additionalProperties: false} on every object type that lists its properties. */
  public static Schema strict() {
    JsonNode tree = tree();
    closeObjects(tree);
    return registry().getSchema(tree);
  }

  /** What the strict schema finds wrong with {@code json}; empty when it is valid. */
  public static List<Error> errors(String json) {
    return strict().validate(json, InputFormat.JSON);
  }

  /** What draft 2020-12's meta-schema (bundled with the validator) finds wrong with the schema itself. */
  public static List<Error> metaErrors() {
    return registry().getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"))
        .validate(tree());
  }

  /** Draft 2020-12, its meta-schemas from the validator's jar: nothing is fetched from the network. */
  private static SchemaRegistry registry() {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        b -> b.schemaLoader(loader -> loader.fetchRemoteResources(false)));
  }

  private static void closeObjects(JsonNode node) {
    if (node instanceof ObjectNode o && o.has("properties") && o.path("type").asText().equals("object")) {
      o.put("additionalProperties", false);
    }
    node.forEach(PlanSchema::closeObjects);
  }
}
