package dev.secrets4j.file.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.StringWriter;
import java.util.Map;

/** A JSON file held to core's source contract. */
class JsonFileContractTest extends SingleFileContract {
  @Override
  String fileName() {
    return "development.json";
  }

  @Override
  String render(Map<String, String> values) throws Exception {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      for (Map.Entry<String, String> e : values.entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
    }
    return w.toString();
  }
}
